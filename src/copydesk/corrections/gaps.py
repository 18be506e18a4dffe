"""What a standards editor should look at: groups marked fixed that no notice covers.

A fixed group is covered by a public (published or withdrawn) correction written from
it, or by one of its article written without a group and published after the group
was created.  Silent edits (changes with no correction) are
:func:`copydesk.versions.edits.silent_edits`, whose ``explained`` hook reads the
corrections table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, and_, or_, select

from copydesk.corrections.model import PUBLIC
from copydesk.corrections.reading import aware
from copydesk.models import ReportStatus
from copydesk.storage import schema


@dataclass(frozen=True)
class Gap:
    group_id: int
    article_id: int
    url: str
    title: str
    exact: str
    fixed_at: datetime | None  # the group's last change


def fixed_without_notice(conn: Connection, site_id: int, limit: int = 100) -> list[Gap]:
    """The site's fixed groups with no notice, most recently changed first."""
    g, a, c = schema.report_groups, schema.articles, schema.corrections
    noticed = select(c.c.id).where(c.c.status.in_(PUBLIC), or_(
        c.c.group_id == g.c.id,
        and_(c.c.group_id.is_(None), c.c.article_id == g.c.article_id,
             c.c.published_at >= g.c.created_at),
    )).exists()
    rows = conn.execute(
        select(g.c.id, g.c.article_id, g.c.exact, g.c.updated_at, a.c.url, a.c.title)
        .join(a, a.c.id == g.c.article_id)
        .where(g.c.site_id == site_id, g.c.status == ReportStatus.FIXED.value, ~noticed)
        .order_by(g.c.updated_at.desc(), g.c.id.desc()).limit(limit)
    ).all()
    return [Gap(int(r.id), int(r.article_id), str(r.url), str(r.title), str(r.exact),
                aware(r.updated_at)) for r in rows]
