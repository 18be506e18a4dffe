"""How long reports are kept: purging old spam and closed groups, and erasure on request.

Purging (``copydesk purge``, and :class:`Retention` in the background): a spam group, or
a closed one (fixed, rejected, duplicate), whose last report and last status change are
both older than its retention (``COPYDESK_RETENTION_SPAM_DAYS``,
``COPYDESK_RETENTION_CLOSED_DAYS``; 0 keeps them for ever) is deleted with its reports
and history.  It goes in batches of :data:`BATCH` groups, one write transaction each,
so ingest waits for the writer at most one batch.  Deleting is idempotent, so several
processes purging at once only find less to do; each run leaves one ``purge`` entry in
the audit log with its counts.  Delivered and dead-lettered notifications older than
``COPYDESK_RETENTION_OUTBOX_DAYS`` go in the same runs (they quote readers' text, and
nothing reads them once delivered); pending ones are never purged.

Erasure (``copydesk erase``): a report (or a whole group) is deleted with the reader's
text, and the notifications that may quote it; the audit log keeps who erased what id
and when, never the text.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial

from sqlalchemy import ColumnElement, Connection, and_, delete, false, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from copydesk.background import LoopTasks
from copydesk.models import OutboxStatus, ReportStatus
from copydesk.settings import Settings
from copydesk.storage import schema
from copydesk.storage.database import Database

log = logging.getLogger("copydesk.retention")

CLOSED = (ReportStatus.FIXED, ReportStatus.REJECTED, ReportStatus.DUPLICATE)
BATCH = 500
#: The ``meta`` row naming when a purge last ran (any process): one run an hour in all.
LAST_RUN = "retention_last_run"
_STAMP = "%Y-%m-%dT%H:%M:%S"


@dataclass(frozen=True)
class Policy:
    """Days after which groups are purged; 0 keeps them."""

    spam_days: int = 30
    closed_days: int = 0
    outbox_days: int = 0

    @classmethod
    def of(cls, settings: Settings) -> Policy:
        return cls(settings.retention_spam_days, settings.retention_closed_days,
                   settings.retention_outbox_days)

    @property
    def keeps_everything(self) -> bool:
        return not self.spam_days and not self.closed_days and not self.outbox_days


@dataclass(frozen=True)
class Counts:
    groups: int = 0
    reports: int = 0
    messages: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.groups + other.groups, self.reports + other.reports,
                      self.messages + other.messages)

    def __bool__(self) -> bool:
        return bool(self.groups or self.messages)


def _expired(policy: Policy, now: datetime) -> ColumnElement[bool]:
    g = schema.report_groups

    def older(days: int) -> ColumnElement[bool]:
        cut = now - timedelta(days=days)
        return and_(g.c.updated_at < cut, g.c.last_reported_at < cut)

    parts = []
    if policy.spam_days:
        parts.append(and_(g.c.status == ReportStatus.SPAM.value, older(policy.spam_days)))
    if policy.closed_days:
        parts.append(and_(g.c.status.in_([s.value for s in CLOSED]),
                          older(policy.closed_days)))
    return or_(*parts) if parts else false()


def _old_messages(policy: Policy, now: datetime) -> ColumnElement[bool]:
    o = schema.outbox
    if not policy.outbox_days:
        return false()
    return and_(o.c.status.in_([OutboxStatus.DELIVERED.value, OutboxStatus.DEAD.value]),
                o.c.created_at < now - timedelta(days=policy.outbox_days))


def due(conn: Connection, policy: Policy, now: datetime) -> Counts:
    """What a purge would delete now (``copydesk purge --dry-run``)."""
    g, r = schema.report_groups, schema.reports
    groups = conn.execute(select(func.count()).where(_expired(policy, now))).scalar_one()
    reports = conn.execute(
        select(func.count()).select_from(r).join(g, g.c.id == r.c.group_id)
        .where(_expired(policy, now))
    ).scalar_one()
    messages = conn.execute(select(func.count()).select_from(schema.outbox)
                            .where(_old_messages(policy, now))).scalar_one()
    return Counts(int(groups), int(reports), int(messages))


def purge_batch(conn: Connection, policy: Policy, now: datetime, limit: int = BATCH) -> Counts:
    """Delete up to ``limit`` expired groups with their reports (one write job)."""
    g, o = schema.report_groups, schema.outbox
    ids = list(conn.execute(
        select(g.c.id).where(_expired(policy, now)).order_by(g.c.id).limit(limit)).scalars())
    messages = list(conn.execute(
        select(o.c.id).where(_old_messages(policy, now)).order_by(o.c.id).limit(limit)
    ).scalars())
    if messages:
        conn.execute(delete(o).where(o.c.id.in_(messages)))
    reports = _delete_groups(conn, ids) if ids else 0
    return Counts(len(ids), reports, len(messages))


def _delete_groups(conn: Connection, ids: Sequence[int]) -> int:
    """Delete groups with their reports (explicitly, so SQLite's full-text triggers see
    every row); returns how many reports went."""
    g, r = schema.report_groups, schema.reports
    reports = conn.execute(delete(r).where(r.c.group_id.in_(ids))).rowcount
    conn.execute(delete(g).where(g.c.id.in_(ids)))
    return int(reports)


def _audit(conn: Connection, actor: str, action: str, *, site_id: int | None = None,
           target: str | None = None, note: str = "") -> None:
    # No group_id: the entry outlives the group (audit rows of a group go with it).
    conn.execute(schema.audit_log.insert().values(
        user_id=None, actor=actor, action=action, site_id=site_id, group_id=None,
        from_value=target, to_value=None, note=note, created_at=datetime.now(UTC)))


def _note(counts: Counts) -> str:
    return f"{counts.groups} groups, {counts.reports} reports, {counts.messages} notifications"


def purge(db: Database, policy: Policy, now: datetime, actor: str = "cli") -> Counts:
    """Purge everything expired at ``now``, batch by batch (blocking)."""
    total = Counts()
    while not policy.keeps_everything:
        done = db.write_sync(partial(purge_batch, policy=policy, now=now))
        if not done:
            break
        total += done
    if total:
        db.write_sync(lambda conn: _audit(conn, actor, "purge", note=_note(total)))
    return total


async def purge_async(db: Database, policy: Policy, now: datetime,
                      actor: str = "system") -> Counts:
    """:func:`purge` for an event loop."""
    total = Counts()
    while not policy.keeps_everything:
        done = await db.write(partial(purge_batch, policy=policy, now=now))
        if not done:
            break
        total += done
    if total:
        await db.write(lambda conn: _audit(conn, actor, "purge", note=_note(total)))
    return total


def claim_run(conn: Connection, now: datetime, every: timedelta) -> bool:
    """Whether this process runs the purge now: at most once per ``every`` across all
    processes sharing the database (a conditional update of one ``meta`` row)."""
    m = schema.meta
    stamp = now.strftime(_STAMP)
    claimed = conn.execute(
        update(m).where(m.c.key == LAST_RUN, m.c.value < (now - every).strftime(_STAMP))
        .values(value=stamp)
    ).rowcount
    if claimed:
        return True
    if conn.execute(select(m.c.key).where(m.c.key == LAST_RUN)).first() is not None:
        return False
    conn.execute(m.insert().values(key=LAST_RUN, value=stamp))
    return True


class Retention:
    """A :class:`~copydesk.context.Service` purging expired groups about once an hour."""

    def __init__(self, settings: Settings, db: Database, *, every: float = 3600.0,
                 delay: float = 60.0) -> None:
        self.policy = Policy.of(settings)
        self.db = db
        self.every = every
        self.delay = delay  # after start, so a starting server is left alone
        self._tasks = LoopTasks("copydesk-retention")

    async def start(self) -> None:
        if self.policy.keeps_everything:
            return
        self._tasks.start(self.run)

    async def stop(self) -> None:
        await self._tasks.stop()

    async def run(self, stop: asyncio.Event) -> None:
        wait = self.delay
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), wait)
            if stop.is_set():
                return
            wait = self.every
            try:
                await self.run_once(datetime.now(UTC))
            except Exception:  # e.g. the database restarting: try again next time
                log.exception("retention purge failed; trying again later")

    async def run_once(self, now: datetime) -> Counts | None:
        """Purge if no process has within the hour; the counts, or None if skipped."""
        every = timedelta(seconds=self.every)
        try:
            claimed = await self.db.write(partial(claim_run, now=now, every=every))
        except IntegrityError:  # another process inserted the row first
            return None
        if not claimed:
            return None
        counts = await purge_async(self.db, self.policy, now)
        if counts:
            log.info("purged %d groups (%d reports) and %d notifications past retention",
                     counts.groups, counts.reports, counts.messages)
        return counts


# ---------------------------------------------------------------------------- erasure


class NotFound(LookupError):
    pass


def _forget_notifications(conn: Connection, group_id: int) -> int:
    """Delete outbox rows about a group: their payload may quote the reader."""
    o = schema.outbox
    return int(conn.execute(
        delete(o).where(o.c.payload[("group", "id")].as_integer() == group_id)).rowcount)


def erase_group(conn: Connection, group_id: int, actor: str = "cli") -> Counts:
    """Delete a group, its reports and notifications; audited without the text."""
    g = schema.report_groups
    row = conn.execute(select(g.c.site_id).where(g.c.id == group_id)).first()
    if row is None:
        raise NotFound(f"no group {group_id}")
    _forget_notifications(conn, group_id)
    reports = _delete_groups(conn, [group_id])
    _audit(conn, actor, "erase", site_id=int(row.site_id), target=f"group {group_id}",
           note=f"{reports} reports")
    return Counts(1, reports)


def erase_report(conn: Connection, report_id: int, actor: str = "cli") -> Counts:
    """Delete one report (its group too when it was the last); audited without the text.

    The group's reader count and suggestion flag are counted again from what is left.
    """
    g, r = schema.report_groups, schema.reports
    row = conn.execute(
        select(r.c.site_id, r.c.group_id).where(r.c.id == report_id)).first()
    if row is None:
        raise NotFound(f"no report {report_id}")
    group_id = int(row.group_id)
    conn.execute(delete(r).where(r.c.id == report_id))
    _forget_notifications(conn, group_id)
    left = conn.execute(select(func.count()).where(r.c.group_id == group_id)).scalar_one()
    groups = 0
    if not left:
        conn.execute(delete(g).where(g.c.id == group_id))
        groups = 1
    else:
        readers = (
            select(func.count(func.distinct(r.c.ip_hash)))
            .where(r.c.group_id == group_id, r.c.ip_hash != "").scalar_subquery()
            + select(func.count()).where(r.c.group_id == group_id, r.c.ip_hash == "")
            .scalar_subquery()
        )
        suggested = select(func.count()).where(
            r.c.group_id == group_id, r.c.suggestion != "", r.c.suggestion != r.c.exact,
        ).scalar_subquery() > 0
        conn.execute(update(g).where(g.c.id == group_id)
                     .values(reporter_count=readers, has_suggestion=suggested))
    _audit(conn, actor, "erase", site_id=int(row.site_id), target=f"report {report_id}",
           note=f"of group {group_id}" + (" (its last report: group deleted)" if groups else ""))
    return Counts(groups, 1)
