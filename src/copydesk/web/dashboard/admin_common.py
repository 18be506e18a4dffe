"""What the admin pages share: the audit row of an admin's action, the redirect back
with a message (flashed, never in the URL)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Connection
from starlette.responses import Response

from copydesk import accounts, i18n
from copydesk.storage import schema
from copydesk.web.dashboard import errorpage
from copydesk.web.dashboard.security import Visit

#: ``audit_log.from_value`` / ``to_value`` hold this much.
VALUE_MAX = 64


def audit(conn: Connection, user: accounts.User, action: str, *, site_id: int | None = None,
          from_value: str | None = None, to_value: str | None = None, note: str = "") -> None:
    """One ``audit_log`` row for an admin's action (in the action's own job)."""
    conn.execute(schema.audit_log.insert().values(
        user_id=user.id, actor=user.email, action=action, site_id=site_id,
        from_value=None if from_value is None else from_value[:VALUE_MAX],
        to_value=None if to_value is None else to_value[:VALUE_MAX],
        note=note, created_at=datetime.now(UTC),
    ))


def back(visit: Visit, path: str, notice: str, kind: str = "ok") -> Response:
    """Back to ``path``, with ``notice`` said there once in the editor's language (a
    :class:`~copydesk.i18n.Text`, a msgid, or a refusal from outside the dashboard), in
    the flash cookie (:mod:`.flash`), never in the URL; a refusal's clause made a
    sentence."""
    return visit.redirect(path, errorpage.sentence(i18n.say(notice)), kind)
