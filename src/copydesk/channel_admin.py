"""Managing a site's channels from the dashboard: validating a new channel's options
one field at a time, enabling and disabling, and the test message.

The kinds own their options and validation (:mod:`copydesk.notify.kind`); this module
only asks each option's check for its own value, so a form can show an error next to
the field it is about, then lets the kind build the config as ``copydesk channel add``
does.  The test message is ``copydesk channel test``'s: the sample event, sent now
through the kind's channel, not through the outbox.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select, update

from copydesk.i18n import N_, Text
from copydesk.net import http_client
from copydesk.notify import channels, registry
from copydesk.notify.channel import DeliveryError, Runtime
from copydesk.notify.kind import ChannelError, Kind
from copydesk.notify.logfilter import redact_http_logs
from copydesk.notify.pacing import Pacer
from copydesk.settings import Settings
from copydesk.storage import schema

#: The longest value of one option a form takes.
MAX_VALUE = 2000


@dataclass
class Checked:
    """A new channel's config, or the errors by option name (``""``: the whole form):
    this module's own as :class:`~copydesk.i18n.Text`, the kinds' as they wrote them
    (the dashboard says both with :func:`copydesk.i18n.say`)."""

    config: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def check(kind: Kind, values: Mapping[str, str], allow_private: bool) -> Checked:
    """Each option checked on its own, then the kind's config of them all."""
    errors: dict[str, str] = {}
    given: dict[str, object] = {}
    for option in kind.options:
        raw = values.get(option.name, "").strip()
        if option.switch:
            given[option.name] = raw in {"on", "1", "true", "yes"}
            continue
        if len(raw) > MAX_VALUE:
            errors[option.name] = Text(N_("at most %(max)s characters"), max=MAX_VALUE)
        elif not raw:
            if option.required:
                errors[option.name] = Text(N_("required"))
        elif option.check is not None:
            try:
                option.check(raw, allow_private)
            except ChannelError as exc:
                errors[option.name] = str(exc)
        given[option.name] = raw
    if errors:
        return Checked(errors=errors)
    try:
        return Checked(config=kind.config(given, allow_private))
    except ChannelError as exc:
        return Checked(errors={"": str(exc)})


@dataclass(frozen=True)
class Row:
    id: int
    kind: str
    enabled: bool
    disabled_reason: str
    target: str
    rotating_until: str


def of_site(conn: Connection, site_id: int) -> list[Row]:
    """The site's channels, described without secrets."""
    c = schema.channels
    rows = conn.execute(select(c.c.id, c.c.kind, c.c.config, c.c.enabled, c.c.disabled_reason)
                        .where(c.c.site_id == site_id).order_by(c.c.id))
    found = []
    for r in rows:
        config = r.config or {}
        kind = registry.KINDS.get(r.kind)
        target = kind.describe(config) if kind else f"unknown kind {r.kind!r}"
        found.append(Row(int(r.id), str(r.kind), bool(r.enabled), r.disabled_reason or "",
                         target, str(config.get("previous_secret_until") or "")))
    return found


def site_of(conn: Connection, channel_id: int) -> int | None:
    found = channels.load(conn, channel_id)
    return None if found is None else found[2]


def set_enabled(conn: Connection, channel_id: int, enabled: bool, reason: str = "") -> bool:
    """Enable (clearing the reason it was disabled) or disable a channel."""
    c = schema.channels
    return conn.execute(
        update(c).where(c.c.id == channel_id)
        .values(enabled=enabled, disabled_reason=None if enabled else (reason or "by an admin"))
    ).rowcount == 1


async def send_test(settings: Settings, kind: str, config: dict[str, Any], site_key: str,
                    site_name: str) -> str:
    """Send the sample event through the channel now; "" when delivered, else why not."""
    redact_http_logs()
    try:
        async with http_client(settings.allow_private_targets) as http:
            runtime = Runtime(settings, http, Pacer())
            event = channels.sample_event(site_key, site_name, settings.public_url)
            await registry.get(kind).channel(config, runtime).send(event)
    except (DeliveryError, ChannelError) as exc:
        return str(exc) or type(exc).__name__
    return ""
