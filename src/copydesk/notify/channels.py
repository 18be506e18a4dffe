"""Channels as data: storing, listing, removing; the sample event of ``channel test``.

Used by ``copydesk channel``.  A new channel's config comes from its kind
(:meth:`copydesk.notify.kind.Kind.config`); it is stored (secrets included) as JSON in
``channels.config`` and never shown again: listings use the kind's ``describe``.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, select

from copydesk import events
from copydesk.notify import registry
from copydesk.notify.channel import Event
from copydesk.storage import schema


def create(conn: Connection, site_id: int, kind: str, config: dict[str, Any]) -> int:
    return int(conn.execute(
        schema.channels.insert()
        .values(site_id=site_id, kind=kind, config=config, enabled=True,
                created_at=datetime.now(UTC))
        .returning(schema.channels.c.id)
    ).scalar_one())


def listing(conn: Connection, site_key: str | None = None) -> list[dict[str, Any]]:
    """Every channel (of one site), described without secrets."""
    c, s = schema.channels, schema.sites
    query = (
        select(c.c.id, c.c.kind, c.c.config, c.c.enabled, c.c.disabled_reason, s.c.key)
        .join(s, s.c.id == c.c.site_id)
        .order_by(c.c.id)
    )
    if site_key:
        query = query.where(s.c.key == site_key)
    return [
        {"id": row.id, "site": row.key, "kind": row.kind, "enabled": bool(row.enabled),
         "target": _describe(row.kind, row.config or {}),
         "disabled_reason": row.disabled_reason or ""}
        for row in conn.execute(query)
    ]


def load(conn: Connection, channel_id: int) -> tuple[str, dict[str, Any], int] | None:
    """Kind, config and site id of one channel."""
    c = schema.channels
    row = conn.execute(
        select(c.c.kind, c.c.config, c.c.site_id).where(c.c.id == channel_id)
    ).first()
    return None if row is None else (row.kind, row.config or {}, row.site_id)


def remove(conn: Connection, channel_id: int) -> bool:
    """Delete a channel; its outbox rows go with it."""
    o, c = schema.outbox, schema.channels
    conn.execute(delete(o).where(o.c.channel_id == channel_id))
    return conn.execute(delete(c).where(c.c.id == channel_id)).rowcount == 1


def _describe(kind: str, config: dict[str, Any]) -> str:
    found = registry.KINDS.get(kind)
    return found.describe(config) if found else f"unknown kind {kind!r}"


def sample_event(site_key: str, site_name: str, public_url: str = "") -> Event:
    """A sample report, to check that a channel works (``copydesk channel test``)."""
    base = public_url.rstrip("/")
    sample = events.Sample(
        group=events.Group(
            id=0, status="new", exact="recieve", prefix="Readers will ",
            suffix=" a test message.", reporter_count=1, suggestion="receive",
            comment="This is a test notification from copydesk.",
            dashboard_url=f"{base}/" if base else "/",
        ),
        article=events.Article(url="https://example.com/test", title="Test article"),
        site=events.Site(key=site_key, name=site_name),
    )
    return Event(id=0, type=sample.type.value, key=f"msg_test_{uuid.uuid4().hex}",
                 payload=events.dump(sample), created_at=datetime.now(UTC))
