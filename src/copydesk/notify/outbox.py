"""The outbox: events written in the same transaction as the change that causes them.

:func:`enqueue` writes one row per enabled channel of the site, so each channel's
delivery is retried, dead-lettered and re-queued on its own.  The idempotency key is
the same for every try of one row; receivers use it to drop duplicates.

Bursts are bounded: ``report.created`` goes out at most :data:`BURST` times a minute per
site (``enqueue(..., burst=True)``).  Beyond that a new group is stored and shown in the
dashboard (and in digests) but announced to nobody, so a flood of reports from many
networks cannot become a flood of e-mails and chat messages.  The bound is counted from
the outbox itself (``ix_outbox_site_created``): it needs no state of its own, and what
it counts stops growing once the bound is reached.  On PostgreSQL transactions running
at once may each see the count just below the bound, so it can be passed by the number
of writers at that moment.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection

from copydesk import preferences
from copydesk.events import Payload, dump
from copydesk.models import EventType, OutboxStatus
from copydesk.storage import schema
from copydesk.storage.statement import Statement, timestamp

log = logging.getLogger("copydesk.notify")

#: New-group announcements a site sends per minute at the most (see the docstring).
BURST = 30
_WINDOW = timedelta(minutes=1)

_SITE_CHANNELS = Statement(
    "SELECT id FROM channels WHERE site_id = :site_id AND enabled = :enabled"
)
_RECENT = Statement(
    "SELECT COUNT(*) FROM outbox WHERE site_id = :site_id AND created_at >= :since"
    " AND event_type = :event_type"
)


def enqueue(
    conn: Connection,
    site_id: int,
    event_type: EventType,
    payload: Payload | dict[str, Any] | Callable[[], Payload | dict[str, Any]],
    *,
    channel_id: int | None = None,
    burst: bool = False,
) -> list[int]:
    """Queue ``payload`` for every enabled channel of the site (or one channel).

    ``payload`` is the event's model (:mod:`copydesk.events`), stored as its JSON (a
    dict is stored as it is).  It may be a function, called only when there is a
    channel to notify, so a site without channels pays nothing for building it.  With
    ``burst``, nothing is queued when the site already queued :data:`BURST` events of
    this type for each channel in the last minute.
    """
    if channel_id is not None:
        channel_ids = [channel_id]
    else:
        found = _SITE_CHANNELS.rows(conn, {"site_id": site_id, "enabled": True})
        # An editor's own channel takes only the events they chose (copydesk.preferences).
        channel_ids = preferences.channels_for(conn, [row[0] for row in found], event_type)
    if not channel_ids:
        return []
    now = datetime.now(UTC)
    if burst and _over_burst(conn, site_id, event_type, now, len(channel_ids)):
        return []
    if callable(payload):
        payload = payload()
    if isinstance(payload, Payload):
        if payload.type is not event_type:
            raise ValueError(f"a {payload.type} payload queued as {event_type}")
        payload = dump(payload)
    rows = [
        {
            "event_type": event_type.value,
            "site_id": site_id,
            "channel_id": cid,
            "idempotency_key": f"msg_{uuid.uuid4().hex}",
            "payload": payload,
            "status": OutboxStatus.PENDING.value,
            "attempts": 0,
            "next_attempt_at": now,
            "created_at": now,
        }
        for cid in channel_ids
    ]
    ids = conn.execute(schema.outbox.insert().returning(schema.outbox.c.id), rows)
    return list(ids.scalars())


def _over_burst(conn: Connection, site_id: int, event_type: EventType, now: datetime,
                channels: int) -> bool:
    since = timestamp(conn, now - _WINDOW)
    recent = int(_RECENT.scalar(conn, {"site_id": site_id, "since": since,
                                       "event_type": event_type.value}))
    if recent < BURST * channels:
        return False
    log.warning("site %d: over %d new-group notifications a minute; this one is not sent",
                site_id, BURST)
    return True
