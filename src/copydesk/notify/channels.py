"""Channels as data: validating a new channel's config, storing, listing, removing.

Used by ``copydesk channel``; the config (secrets included) is stored as JSON in
``channels.config`` and never shown again — :func:`copydesk.notify.registry.describe`
masks it.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, select

from copydesk import net
from copydesk.models import EventType
from copydesk.notify import registry, webhook
from copydesk.notify.channel import Event
from copydesk.storage import schema

EMAIL = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$")
BOT_TOKEN = re.compile(r"^\d+:[A-Za-z0-9_-]{20,}$")
CHAT = re.compile(r"^(-?\d+|@[A-Za-z][A-Za-z0-9_]{4,})$")


class ChannelError(ValueError):
    """A channel's options are missing or invalid."""


@dataclass(frozen=True)
class Options:
    to: str | None = None
    digest: bool = False
    token: str | None = None
    chat: str | None = None
    api_url: str | None = None
    url: str | None = None


def _need(value: str | None, flag: str, kind: str) -> str:
    if not value:
        raise ChannelError(f"{kind} channels need {flag}")
    return value


def _url(url: str, allow_private: bool) -> str:
    try:
        net.check_url(url, allow_private)
    except net.TargetRefused as exc:
        raise ChannelError(f"refused URL: {exc}") from None
    return url


def make_config(kind: str, opts: Options, allow_private: bool) -> dict[str, Any]:
    """The stored config for a new channel (a webhook's gets a fresh ``whsec_`` secret)."""
    if kind == "email":
        to = _need(opts.to, "--to", kind)
        if not EMAIL.match(to):
            raise ChannelError(f"not an email address: {to!r}")
        return {"to": to, "digest": opts.digest}
    if kind == "telegram":
        token = _need(opts.token, "--token", kind)
        chat = _need(opts.chat, "--chat", kind)
        if not BOT_TOKEN.match(token):
            raise ChannelError("--token does not look like a bot token (123456:ABC…)")
        if not CHAT.match(chat):
            raise ChannelError("--chat must be a numeric chat id or @channelname")
        config: dict[str, Any] = {"token": token, "chat": chat}
        if opts.api_url:
            config["api_url"] = _url(opts.api_url.rstrip("/"), allow_private)
        return config
    if kind == "webhook":
        url = _url(_need(opts.url, "--url", kind), allow_private)
        return {"url": url, "secret": webhook.new_secret()}
    if kind in {"slack", "discord"}:
        return {"url": _url(_need(opts.url, "--url", kind), allow_private)}
    raise ChannelError(f"unknown channel kind {kind!r}")


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
         "target": registry.describe(row.kind, row.config or {}),
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


def sample_event(site_key: str, site_name: str, public_url: str = "") -> Event:
    """A sample report, to check that a channel works (``copydesk channel test``)."""
    base = public_url.rstrip("/")
    payload = {
        "group": {
            "id": 0, "status": "new", "exact": "recieve", "prefix": "Readers will ",
            "suffix": " a test message.", "reporter_count": 1, "suggestion": "receive",
            "comment": "This is a test notification from copydesk.",
            "dashboard_url": f"{base}/" if base else "/",
        },
        "article": {"url": "https://example.com/test", "title": "Test article"},
        "site": {"key": site_key, "name": site_name},
    }
    return Event(id=0, type=EventType.TEST.value, key=f"msg_test_{uuid.uuid4().hex}",
                 payload=payload, created_at=datetime.now(UTC))
