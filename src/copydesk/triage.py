"""Triage: changing a report group's status, assignee or duplicate link.

The dashboard and the CLI both change groups through these functions.  Each change
runs in the caller's transaction (the writer's), writes an ``audit_log`` row, and a
status change also queues ``report.status_changed`` in the outbox, so the change and
its notification commit together or not at all.

Access: an admin reaches every site, an editor only the sites assigned to them.  A
group an actor may not reach is reported as not found (:class:`NotFound`), exactly as
a group that does not exist.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, select, update

from copydesk.accounts import User, by_id
from copydesk.events import StatusChanged
from copydesk.i18n import N_, Text, label
from copydesk.models import AnchorState, EventType, ReportStatus
from copydesk.notify import outbox
from copydesk.readers import subscriptions as reader_subscriptions
from copydesk.readers.words import Reason
from copydesk.reports import report_created
from copydesk.storage import schema

NOTE_MAX = 2000

#: Where a group may go from each status.  Any closed status may be reopened (to new).
TRANSITIONS: dict[ReportStatus, frozenset[ReportStatus]] = {
    ReportStatus.NEW: frozenset({
        ReportStatus.ACCEPTED, ReportStatus.FIXED, ReportStatus.REJECTED,
        ReportStatus.DUPLICATE, ReportStatus.SPAM,
    }),
    ReportStatus.ACCEPTED: frozenset({
        ReportStatus.NEW, ReportStatus.FIXED, ReportStatus.REJECTED,
        ReportStatus.DUPLICATE, ReportStatus.SPAM,
    }),
    ReportStatus.FIXED: frozenset({ReportStatus.NEW}),
    ReportStatus.REJECTED: frozenset({ReportStatus.NEW}),
    ReportStatus.DUPLICATE: frozenset({ReportStatus.NEW}),
    ReportStatus.SPAM: frozenset({ReportStatus.NEW}),
}


class TriageError(ValueError):
    """The change is not allowed (bad transition, bad duplicate target, …)."""


class NotFound(LookupError):
    """No such group, or one the actor may not see."""


@dataclass(frozen=True)
class Actor:
    """Who makes a change: a dashboard user, or the CLI (``user`` None, all sites)."""

    name: str
    user: User | None = None

    def can_see(self, site_id: int) -> bool:
        return self.user is None or self.user.can_see(site_id)

    @property
    def user_id(self) -> int | None:
        return self.user.id if self.user else None

    @classmethod
    def of(cls, user: User) -> Actor:
        return cls(user.email, user)


CLI = Actor("cli")


@dataclass(frozen=True)
class GroupRef:
    id: int
    site_id: int
    status: ReportStatus
    assignee_id: int | None


def get_group(conn: Connection, actor: Actor, group_id: int) -> GroupRef:
    g = schema.report_groups
    row = conn.execute(
        select(g.c.id, g.c.site_id, g.c.status, g.c.assignee_id).where(g.c.id == group_id)
    ).first()
    if row is None or not actor.can_see(int(row.site_id)):
        raise NotFound(f"no group {group_id}")
    return GroupRef(int(row.id), int(row.site_id), ReportStatus(row.status),
                    int(row.assignee_id) if row.assignee_id is not None else None)


def _audit(
    conn: Connection, actor: Actor, action: str, group: GroupRef, *,
    from_value: str | None, to_value: str | None, note: str = "",
) -> None:
    conn.execute(schema.audit_log.insert().values(
        user_id=actor.user_id, actor=actor.name, action=action, site_id=group.site_id,
        group_id=group.id, from_value=from_value, to_value=to_value, note=note,
        created_at=datetime.now(UTC),
    ))


def _clean_note(note: str) -> str:
    note = note.strip()
    if len(note) > NOTE_MAX:
        raise TriageError(Text(N_("a note has at most %(max)s characters"), max=NOTE_MAX))
    return note


def change_status(
    conn: Connection,
    actor: Actor,
    group_id: int,
    status: ReportStatus,
    *,
    note: str = "",
    duplicate_of: int | None = None,
    public_url: str = "",
    reverting: int | None = None,
    reason: Reason | None = None,
) -> GroupRef:
    """Move a group to ``status``; audit it and notify in the same transaction.

    ``reverting`` (the audit row of the change undone, :func:`undo_last`) allows going
    back along any transition and audits the change as ``undo``.  A rejection's
    ``reason`` is told to the readers who asked (:mod:`copydesk.readers`)."""
    note = _clean_note(note)
    group = get_group(conn, actor, group_id)
    if reverting is None and status not in TRANSITIONS[group.status]:
        raise TriageError(Text(N_("a %(status)s group cannot become %(target)s"),
                                status=label(group.status.value), target=label(status.value)))
    if reason is not None and status is not ReportStatus.REJECTED:
        raise TriageError(Text(N_("a reason goes with a rejection only")))
    values: dict[str, Any] = {"status": status.value, "updated_at": datetime.now(UTC)}
    if status is ReportStatus.DUPLICATE:
        if duplicate_of is None:
            raise TriageError(Text(N_("say which group this one duplicates")))
        target = get_group(conn, actor, duplicate_of)
        if target.id == group.id or target.site_id != group.site_id:
            raise TriageError(Text(N_("a group duplicates another group of the same site")))
        if target.status is ReportStatus.DUPLICATE:
            raise TriageError(Text(N_("group %(id)s is itself a duplicate"), id=target.id))
        values["duplicate_of_id"] = target.id
    else:
        values["duplicate_of_id"] = None
    g = schema.report_groups
    conn.execute(update(g).where(g.c.id == group.id).values(**values))
    action = "reopen" if status is ReportStatus.NEW else "status"
    if reverting is not None:
        action, note = "undo", f"undo of #{reverting}. {note}".strip()
    if reason is not None:
        note = f"reason: {reason.value}. {note}".strip()
    _audit(conn, actor, action, group, from_value=group.status.value, to_value=status.value,
           note=note if duplicate_of is None else f"duplicate of #{duplicate_of}. {note}".strip())
    reader_subscriptions.closed(conn, group.id, status, reason=reason,
                                duplicate_of=values["duplicate_of_id"])
    about = report_created(conn, group.id, public_url)
    event = StatusChanged(group=about.group, article=about.article, site=about.site,
                          from_=group.status, to=status, note=note, actor=actor.name)
    outbox.enqueue(conn, group.site_id, EventType.REPORT_STATUS_CHANGED, event)
    return GroupRef(group.id, group.site_id, status, group.assignee_id)


def confirm_fix(conn: Connection, actor: Actor, group_id: int, *, note: str = "",
                public_url: str = "") -> GroupRef:
    """Confirm a detected fix (``anchor_state`` fixed): the group becomes fixed, audited
    and notified as any status change.  :class:`TriageError` when no fix was detected."""
    g = schema.report_groups
    state = conn.execute(select(g.c.anchor_state).where(g.c.id == group_id)).scalar()
    get_group(conn, actor, group_id)  # NotFound first, for a group the actor cannot see
    if state != AnchorState.FIXED.value:
        raise TriageError(Text(N_("no fix was detected in this group's article")))
    note = _clean_note(note)
    return change_status(conn, actor, group_id, ReportStatus.FIXED,
                         note=f"fix detected. {note}".strip(), public_url=public_url)


def reopen(conn: Connection, actor: Actor, group_id: int, *, note: str = "",
           public_url: str = "") -> GroupRef:
    return change_status(conn, actor, group_id, ReportStatus.NEW, note=note,
                         public_url=public_url)


def assign(conn: Connection, actor: Actor, group_id: int, assignee_id: int | None) -> GroupRef:
    """Give a group to an editor of its site (or to nobody)."""
    group = get_group(conn, actor, group_id)
    email = ""
    if assignee_id is not None:
        assignee = by_id(conn, assignee_id)
        if assignee is None or assignee.disabled or not assignee.can_see(group.site_id):
            raise TriageError(Text(N_("the assignee must be an active editor of the group's site")))
        email = assignee.email
    g = schema.report_groups
    conn.execute(update(g).where(g.c.id == group.id)
                 .values(assignee_id=assignee_id, updated_at=datetime.now(UTC)))
    before = str(group.assignee_id) if group.assignee_id is not None else None
    _audit(conn, actor, "assign", group, from_value=before, to_value=email or None)
    return GroupRef(group.id, group.site_id, group.status, assignee_id)


@dataclass(frozen=True)
class BulkResult:
    changed: list[int]
    failed: dict[int, str]


def bulk_status(
    conn: Connection,
    actor: Actor,
    group_ids: Iterable[int],
    status: ReportStatus,
    *,
    note: str = "",
    public_url: str = "",
) -> BulkResult:
    """Change many groups; each one that cannot change is reported, the others change."""
    changed: list[int] = []
    failed: dict[int, str] = {}
    for gid in dict.fromkeys(group_ids):
        try:
            with conn.begin_nested():
                change_status(conn, actor, gid, status, note=note, public_url=public_url)
        except NotFound:
            failed[gid] = "not found"
        except TriageError as exc:
            failed[gid] = str(exc)
        else:
            changed.append(gid)
    return BulkResult(changed, failed)


#: How long a status change can be undone by the editor who made it.
UNDO_WINDOW = timedelta(minutes=10)
_UNDO_NOTE = re.compile(r"undo of #([0-9]+)")
_DUPLICATE_NOTE = re.compile(r"^duplicate of #([0-9]+)")


def undo_last(conn: Connection, actor: Actor, *, public_url: str = "",
              within: timedelta = UNDO_WINDOW, now: datetime | None = None) -> GroupRef:
    """Undo ``actor``'s latest status change of the last ``within`` that is not undone
    yet: the group goes back to the status it had (a duplicate to the group it
    duplicated), audited as ``undo`` and notified like any change.  Successive calls go
    further back.  :class:`TriageError` when there is nothing to undo, or when the group
    changed since (somebody else moved it on)."""
    al = schema.audit_log
    since = (now or datetime.now(UTC)) - within
    rows = conn.execute(
        select(al.c.id, al.c.group_id, al.c.action, al.c.from_value, al.c.to_value, al.c.note)
        .where(al.c.user_id == actor.user_id, al.c.created_at >= since,
               al.c.action.in_(("status", "reopen", "undo")))
        .order_by(al.c.id.desc()).limit(100)
    ).all()
    undone = {int(m.group(1)) for r in rows
              if r.action == "undo" and (m := _UNDO_NOTE.search(r.note or ""))}
    last = next((r for r in rows if r.action != "undo" and r.id not in undone
                 and r.group_id is not None), None)
    minutes = int(within.total_seconds() // 60)
    if last is None:
        raise TriageError(Text(N_("nothing to undo: no status change of yours in the last "
                                   "%(minutes)s minutes"), minutes=minutes))
    group = get_group(conn, actor, int(last.group_id))
    if group.status.value != last.to_value:
        raise TriageError(Text(N_("group #%(id)s changed since: it is %(status)s now"),
                                id=group.id, status=label(group.status.value)))
    previous = ReportStatus(str(last.from_value))
    duplicate_of = None
    if previous is ReportStatus.DUPLICATE:
        marked = conn.execute(
            select(al.c.note).where(al.c.group_id == group.id, al.c.id < last.id,
                                    al.c.to_value == ReportStatus.DUPLICATE.value)
            .order_by(al.c.id.desc()).limit(1)
        ).scalar()
        found = _DUPLICATE_NOTE.match(str(marked or ""))
        if found is None:
            raise TriageError(Text(N_("group #%(id)s: the group it duplicated is not known"),
                                id=group.id))
        duplicate_of = int(found.group(1))
    return change_status(conn, actor, group.id, previous, duplicate_of=duplicate_of,
                         public_url=public_url, reverting=int(last.id))
