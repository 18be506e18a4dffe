"""Claiming outbox rows under a lease, and recording what became of them.

Both functions run inside a write transaction (``ctx.db.write``); neither does network
I/O.  See :mod:`copydesk.notify.dispatcher` for how they are used.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from sqlalchemy import Connection, and_, or_, select, update

from copydesk.models import OutboxStatus
from copydesk.notify.channel import Event
from copydesk.storage import schema

PENDING, DELIVERED, DEAD = (s.value for s in OutboxStatus)


@dataclass(frozen=True)
class Claimed:
    id: int
    channel_id: int | None
    kind: str | None  # None: the channel no longer exists
    config: dict[str, Any]
    enabled: bool
    attempts: int
    event: Event


@dataclass(frozen=True)
class Outcome:
    status: Literal["delivered", "pending", "dead"]
    at: datetime  # delivered_at, or next_attempt_at when pending
    error: str | None
    counted: bool  # whether this try counts as an attempt
    disable: bool = False

    @classmethod
    def dead(cls, error: str, now: datetime, *, disable: bool = False) -> Outcome:
        return cls(status="dead", at=now, error=error, counted=True, disable=disable)

    @classmethod
    def later(cls, error: str, when: datetime, *, counted: bool) -> Outcome:
        return cls(status="pending", at=when, error=error, counted=counted)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _due(now: datetime) -> Any:
    o = schema.outbox
    return and_(
        o.c.status == PENDING,
        o.c.next_attempt_at <= now,
        or_(o.c.locked_until.is_(None), o.c.locked_until < now),
    )


def any_due(conn: Connection, now: datetime) -> bool:
    """Whether :func:`claim` would find work: a cheap read before taking the write lock."""
    o = schema.outbox
    return conn.execute(select(o.c.id).where(_due(now)).limit(1)).first() is not None


def claim(
    conn: Connection, *, worker: str, now: datetime, lease: timedelta, limit: int
) -> list[Claimed]:
    """Lease up to ``limit`` due rows to ``worker``; rows leased to others are skipped."""
    o, c = schema.outbox, schema.channels
    query = select(o.c.id).where(_due(now)).order_by(o.c.next_attempt_at, o.c.id).limit(limit)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    ids = list(conn.execute(query).scalars())
    if not ids:
        return []
    conn.execute(
        update(o).where(o.c.id.in_(ids)).values(locked_until=now + lease, locked_by=worker)
    )
    rows = conn.execute(
        select(o.c.id, o.c.channel_id, o.c.event_type, o.c.idempotency_key, o.c.payload,
               o.c.attempts, o.c.created_at, c.c.kind, c.c.config, c.c.enabled)
        .outerjoin(c, c.c.id == o.c.channel_id)
        .where(o.c.id.in_(ids))
        .order_by(o.c.next_attempt_at, o.c.id)
    )
    return [
        Claimed(
            id=row.id, channel_id=row.channel_id, kind=row.kind, config=row.config or {},
            enabled=bool(row.enabled), attempts=row.attempts,
            event=Event(id=row.id, type=row.event_type, key=row.idempotency_key,
                        payload=row.payload, created_at=_aware(row.created_at)),
        )
        for row in rows
    ]


def record(conn: Connection, *, row: Claimed, worker: str, outcome: Outcome) -> bool:
    """Store the outcome of one try; False when the lease was lost meanwhile.

    A delivery is recorded even after losing the lease (the message did arrive); a
    failure only while this worker still holds the row.
    """
    o = schema.outbox
    values: dict[str, Any] = {"locked_until": None, "locked_by": None}
    if outcome.counted:
        values["attempts"] = o.c.attempts + 1
    where = [o.c.id == row.id, o.c.status == PENDING]
    if outcome.status == DELIVERED:
        values.update(status=DELIVERED, delivered_at=outcome.at, last_error=None)
    else:
        where.append(o.c.locked_by == worker)
        values.update(status=outcome.status, last_error=(outcome.error or "")[:1000])
        if outcome.status == PENDING:
            values["next_attempt_at"] = outcome.at
    done = conn.execute(update(o).where(*where).values(**values)).rowcount == 1
    if outcome.disable and row.channel_id is not None:
        c = schema.channels
        conn.execute(
            update(c).where(c.c.id == row.channel_id)
            .values(enabled=False, disabled_reason=(outcome.error or "")[:1000])
        )
    return done


def retry(conn: Connection, outbox_id: int, now: datetime) -> bool:
    """Re-queue a row (dead or pending) for delivery now, with a fresh attempt count."""
    o = schema.outbox
    result = conn.execute(
        update(o).where(o.c.id == outbox_id, o.c.status != DELIVERED)
        .values(status=PENDING, attempts=0, next_attempt_at=now, locked_until=None,
                locked_by=None)
    )
    return result.rowcount == 1
