"""The channel kinds copydesk knows: building one from its stored config, describing it.

A channel row stores ``kind`` and ``config`` (JSON, secrets included).  :func:`build`
makes the :class:`~copydesk.notify.channel.Channel` for one delivery; :func:`describe`
says where a channel sends without revealing any secret (for ``channel list``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from copydesk.notify.channel import Channel, Runtime
from copydesk.notify.chat import DiscordChannel, SlackChannel
from copydesk.notify.email import EmailChannel
from copydesk.notify.telegram import API_URL, TelegramChannel
from copydesk.notify.webhook import WebhookChannel

Factory = Callable[[dict[str, Any], Runtime], Channel]

KINDS: dict[str, Factory] = {
    "email": EmailChannel,
    "telegram": TelegramChannel,
    "webhook": WebhookChannel,
    "slack": SlackChannel,
    "discord": DiscordChannel,
}


def build(kind: str, config: dict[str, Any], runtime: Runtime) -> Channel:
    try:
        factory = KINDS[kind]
    except KeyError:
        raise ValueError(f"unknown channel kind {kind!r}") from None
    return factory(config, runtime)


def _host(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname or '?'}{':' + str(parts.port) if parts.port else ''}"


def describe(kind: str, config: dict[str, Any]) -> str:
    """Where the channel sends, with tokens, secrets and URL paths masked."""
    if kind == "email":
        return f"to {config.get('to', '?')}" + (" (+daily digest)" if config.get("digest") else "")
    if kind == "telegram":
        api = config.get("api_url") or API_URL
        via = "" if api == API_URL else f" via {_host(str(api))}"
        return f"chat {config.get('chat', '?')}{via} (token ****)"
    return f"{_host(str(config.get('url', '')))}/**** (secret ****)"
