"""The standards editor: a per-site role (``site_roles``) that publishes corrections.

An editor of a site drafts its corrections; an admin, or an editor who is also the
site's standards editor, publishes and withdraws them.  The role is kept in a table of
its own, not in ``user_sites``: :func:`copydesk.accounts.set_sites` replaces those rows
whenever an editor's sites change, and a role hidden there would be lost with them.  A
standards role counts only while the user still works on the site (``User.can_see``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import Connection, delete, insert, select

from copydesk.accounts import User
from copydesk.storage import schema

STANDARDS = "standards"


def standards_sites(conn: Connection, user_id: int) -> frozenset[int]:
    """The sites on which the user holds the standards role."""
    r = schema.site_roles
    return frozenset(int(s) for s in conn.execute(
        select(r.c.site_id).where(r.c.user_id == user_id, r.c.role == STANDARDS)).scalars())


def set_standards(conn: Connection, user_id: int, site_ids: Iterable[int]) -> None:
    """Make the user the standards editor of exactly these sites."""
    r = schema.site_roles
    conn.execute(delete(r).where(r.c.user_id == user_id, r.c.role == STANDARDS))
    now = datetime.now(UTC)
    rows = [{"user_id": user_id, "site_id": sid, "role": STANDARDS, "created_at": now}
            for sid in sorted(set(site_ids))]
    if rows:
        conn.execute(insert(r), rows)


def can_publish(conn: Connection, user: User | None, site_id: int) -> bool:
    """Whether ``user`` may publish, edit when published, and withdraw the site's
    corrections (``None`` is the CLI: every site)."""
    if user is None or user.is_admin:
        return True
    return user.can_see(site_id) and site_id in standards_sites(conn, user.id)
