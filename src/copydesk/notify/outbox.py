"""The outbox: events written in the same transaction as the change that causes them.

:func:`enqueue` writes one row per enabled channel of the site, so each channel's
delivery is retried, dead-lettered and re-queued on its own.  The idempotency key is
the same for every try of one row; receivers use it to drop duplicates.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection

from copydesk.models import EventType, OutboxStatus
from copydesk.storage import schema
from copydesk.storage.statement import Statement

_SITE_CHANNELS = Statement(
    "SELECT id FROM channels WHERE site_id = :site_id AND enabled = :enabled"
)


def enqueue(
    conn: Connection,
    site_id: int,
    event_type: EventType,
    payload: dict[str, Any] | Callable[[], dict[str, Any]],
    *,
    channel_id: int | None = None,
) -> list[int]:
    """Queue ``payload`` for every enabled channel of the site (or one channel).

    ``payload`` may be a function, called only when there is a channel to notify, so a
    site without channels pays nothing for building it.
    """
    if channel_id is not None:
        channel_ids = [channel_id]
    else:
        found = _SITE_CHANNELS.rows(conn, {"site_id": site_id, "enabled": True})
        channel_ids = [row[0] for row in found]
    if not channel_ids:
        return []
    if callable(payload):
        payload = payload()
    now = datetime.now(UTC)
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
