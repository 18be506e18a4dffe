"""Writing corrections: draft, edit, publish, withdraw.  Never delete.

Each function runs in the caller's transaction (the writer's) and writes an
``audit_log`` row (actions ``correction.draft``, ``correction.edit``,
``correction.publish``, ``correction.withdraw``; the note names the correction), so a
change and its record commit together.  Access, as in :mod:`copydesk.triage`: a
correction of a site the actor cannot see is :class:`NotFound`; an editor of the site
drafts and edits drafts; publishing, editing a published correction and withdrawing
need :func:`copydesk.corrections.roles.can_publish` (:class:`Forbidden` otherwise).
An edit of a published correction's text keeps the text before and after in
``correction_revisions``; a withdrawn correction is not edited again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select, update

from copydesk.corrections import announce, roles
from copydesk.corrections.model import NOTE_MAX, TEXT_MAX, Kind, Placement, Severity, Status
from copydesk.readers import subscriptions as reader_subscriptions
from copydesk.storage import schema
from copydesk.triage import Actor


class CorrectionError(ValueError):
    """The change is not allowed or the values are not usable."""


class NotFound(LookupError):
    """No such correction (or article, group), or one the actor may not see."""


class Forbidden(PermissionError):
    """Only a standards editor of the site or an admin may do this."""


@dataclass(frozen=True)
class Fields:
    """What an editor writes: the notice and how it stands."""

    kind: Kind
    text: str
    placement: Placement = Placement.BOTTOM
    severity: Severity = Severity.MINOR
    corrects_version_id: int | None = None
    late_reason: str = ""

    def checked(self) -> Fields:
        text = self.text.strip()
        if not text:
            raise CorrectionError("a correction needs its text")
        if len(text) > TEXT_MAX:
            raise CorrectionError(f"a correction has at most {TEXT_MAX} characters")
        late = self.late_reason.strip()
        if len(late) > NOTE_MAX:
            raise CorrectionError(f"the reason for lateness has at most {NOTE_MAX} characters")
        return Fields(self.kind, text, self.placement, self.severity,
                      self.corrects_version_id, late)


def _now() -> datetime:
    return datetime.now(UTC)


def _audit(conn: Connection, actor: Actor, action: str, row: Any, *, from_value: str | None,
           to_value: str | None, note: str = "") -> None:
    conn.execute(schema.audit_log.insert().values(
        user_id=actor.user_id, actor=actor.name, action=action, site_id=row.site_id,
        group_id=row.group_id, from_value=from_value, to_value=to_value,
        note=f"correction #{row.id}" + (f": {note}" if note else ""), created_at=_now()))


def _row(conn: Connection, actor: Actor, correction_id: int) -> Any:
    c = schema.corrections
    row = conn.execute(select(c).where(c.c.id == correction_id)).first()
    if row is None or not actor.can_see(int(row.site_id)):
        raise NotFound(f"no correction {correction_id}")
    return row


def _require_publisher(conn: Connection, actor: Actor, site_id: int) -> None:
    if not roles.can_publish(conn, actor.user, site_id):
        raise Forbidden("only a standards editor of the site or an admin may do this")


def _check_refs(conn: Connection, site_id: int, article_id: int, group_id: int | None,
                version_id: int | None) -> None:
    a, g, v = schema.articles, schema.report_groups, schema.article_versions
    found = conn.execute(select(a.c.site_id).where(a.c.id == article_id)).scalar()
    if found is None or int(found) != site_id:
        raise NotFound(f"no article {article_id}")
    if group_id is not None:
        owner = conn.execute(select(g.c.article_id).where(g.c.id == group_id)).scalar()
        if owner is None or int(owner) != article_id:
            raise CorrectionError("the group is not one of the article's")
    if version_id is not None:
        owner = conn.execute(select(v.c.article_id).where(v.c.id == version_id)).scalar()
        if owner is None or int(owner) != article_id:
            raise CorrectionError("the corrected version is not one of the article's")


def draft(conn: Connection, actor: Actor, article_id: int, fields: Fields, *,
          group_id: int | None = None) -> int:
    """A new draft correction of ``article_id`` (from ``group_id``, when given)."""
    a = schema.articles
    site_id = conn.execute(select(a.c.site_id).where(a.c.id == article_id)).scalar()
    if site_id is None or not actor.can_see(int(site_id)):
        raise NotFound(f"no article {article_id}")
    fields = fields.checked()
    _check_refs(conn, int(site_id), article_id, group_id, fields.corrects_version_id)
    now = _now()
    c = schema.corrections
    new_id = conn.execute(c.insert().values(
        site_id=int(site_id), article_id=article_id, group_id=group_id,
        type=fields.kind.value, text=fields.text, placement=fields.placement.value,
        severity=fields.severity.value, corrects_version_id=fields.corrects_version_id,
        late_reason=fields.late_reason, status=Status.DRAFT.value, created_by=actor.name,
        created_at=now, updated_at=now,
    ).returning(c.c.id)).scalar_one()
    _audit(conn, actor, "correction.draft", _row(conn, actor, int(new_id)), from_value=None,
           to_value=Status.DRAFT.value)
    return int(new_id)


def edit(conn: Connection, actor: Actor, correction_id: int, fields: Fields) -> None:
    """Change a correction.  A draft: any editor of the site.  A published one: a
    publisher only, and a changed text is kept as a revision."""
    row = _row(conn, actor, correction_id)
    status = Status(row.status)
    if status is Status.WITHDRAWN:
        raise CorrectionError("a withdrawn correction is not edited")
    if status is Status.PUBLISHED:
        _require_publisher(conn, actor, int(row.site_id))
    fields = fields.checked()
    _check_refs(conn, int(row.site_id), int(row.article_id), row.group_id,
                fields.corrects_version_id)
    values = {"type": fields.kind.value, "text": fields.text,
              "placement": fields.placement.value, "severity": fields.severity.value,
              "corrects_version_id": fields.corrects_version_id,
              "late_reason": fields.late_reason}
    changed = sorted(k for k, v in values.items() if getattr(row, k) != v)
    if not changed:
        return
    now = _now()
    c = schema.corrections
    conn.execute(update(c).where(c.c.id == row.id).values(**values, updated_at=now))
    if status is Status.PUBLISHED and "text" in changed:
        conn.execute(schema.correction_revisions.insert().values(
            correction_id=row.id, text_before=row.text, text_after=fields.text,
            actor=actor.name, created_at=now))
    _audit(conn, actor, "correction.edit", row, from_value=status.value,
           to_value=status.value, note="changed " + ", ".join(changed))


def publish(conn: Connection, actor: Actor, correction_id: int, *, public_url: str = ""
            ) -> None:
    """Publish a draft (a publisher only); announced when the site opts in."""
    row = _row(conn, actor, correction_id)
    _require_publisher(conn, actor, int(row.site_id))
    if row.status != Status.DRAFT.value:
        raise CorrectionError(f"a {row.status} correction cannot be published")
    now = _now()
    c = schema.corrections
    conn.execute(update(c).where(c.c.id == row.id).values(
        status=Status.PUBLISHED.value, published_at=now, updated_at=now))
    _audit(conn, actor, "correction.publish", row, from_value=Status.DRAFT.value,
           to_value=Status.PUBLISHED.value)
    announce.published(conn, int(row.id), public_url)
    reader_subscriptions.published(conn, int(row.id), public_url)


def withdraw(conn: Connection, actor: Actor, correction_id: int, note: str) -> None:
    """Withdraw a published correction (a publisher only), saying why.  The correction
    stays, shown as withdrawn with the note."""
    row = _row(conn, actor, correction_id)
    _require_publisher(conn, actor, int(row.site_id))
    if row.status != Status.PUBLISHED.value:
        raise CorrectionError(f"a {row.status} correction cannot be withdrawn")
    note = note.strip()
    if not note:
        raise CorrectionError("say why the correction is withdrawn")
    if len(note) > NOTE_MAX:
        raise CorrectionError(f"a withdrawal note has at most {NOTE_MAX} characters")
    now = _now()
    c = schema.corrections
    conn.execute(update(c).where(c.c.id == row.id).values(
        status=Status.WITHDRAWN.value, withdrawn_at=now, withdrawal_note=note, updated_at=now))
    _audit(conn, actor, "correction.withdraw", row, from_value=Status.PUBLISHED.value,
           to_value=Status.WITHDRAWN.value, note=note)
