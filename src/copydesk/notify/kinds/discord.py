"""Discord webhooks (Execute Webhook).

Option: ``--url``, the webhook URL, which contains its token: a secret like any other.
The body is ``content`` (2000 characters at most) with ``allowed_mentions: {"parse":
[]}``, so nobody is pinged whatever the text says; markdown characters in reader text
are backslash-escaped and ``@everyone``/``@here`` broken with a zero-width space too.

Discord's ``nonce`` with ``enforce_nonce`` works on a bot's Create Message, not on
Execute Webhook, so nothing de-duplicates.  Every request still carries
``Idempotency-Key: <the outbox row's key>`` (the same on every try), for a relay in
between that honours it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, ClassVar

import orjson

from copydesk.notify.channel import (
    Channel,
    Event,
    Runtime,
    check_response,
    key_header,
    post_json,
)
from copydesk.notify.format import DASHBOARD_LABEL, Format, render
from copydesk.notify.kind import URL, Kind, Option, describe_url
from copydesk.notify.message import Message, fit, flat, from_event, is_web_url

MAX_LENGTH = 2000
ZWSP = "\u200b"
_MARKDOWN = re.compile(r"([\\*_~`|>#\[\]()<:-])")
_MENTION = re.compile(r"@(everyone|here)", re.IGNORECASE)


def escape(value: str) -> str:
    return _MENTION.sub(lambda m: f"@{ZWSP}{m.group(1)}", _MARKDOWN.sub(r"\\\1", value))


def url(value: str) -> str:
    """A URL as Discord shows it without a preview (``<…>``); text if not a web URL."""
    value = flat(value)
    if not is_web_url(value):
        return escape(value)
    # <…> keeps Discord from embedding a preview; these characters would end it early.
    safe = value.replace(">", "%3E").replace(" ", "%20").replace("\n", "%0A")
    return f"<{_MENTION.sub(lambda m: f'%40{m.group(1)}', safe)}>"


class Markdown(Format):
    bold = highlight = ("**", "**")

    def escape(self, value: str) -> str:
        return escape(value)

    def article(self, m: Message) -> list[str]:
        return [self.one(m.title), url(m.quote_url or m.url)]

    def dashboard(self, m: Message) -> list[str]:
        return [f"{DASHBOARD_LABEL}: {url(m.dashboard_url)}"]


FORMAT = Markdown()


def text(m: Message) -> str:
    return render(m, FORMAT)


def discord_body(event: Event) -> bytes:
    content = fit(from_event(event.type, event.payload), text, MAX_LENGTH)
    return orjson.dumps({"content": content, "allowed_mentions": {"parse": []}})


class DiscordChannel:
    def __init__(self, config: Mapping[str, Any], runtime: Runtime) -> None:
        self.url = str(config["url"])
        self.runtime = runtime

    async def send(self, event: Event) -> None:
        body = discord_body(event)
        check_response(await post_json(self.runtime, self.url, body, key_header(event)))


class DiscordKind(Kind):
    name = "discord"
    summary = "a Discord webhook; mentions never ping"
    options: ClassVar[tuple[Option, ...]] = (URL,)

    def describe(self, config: Mapping[str, Any]) -> str:
        return describe_url(config)

    def channel(self, config: Mapping[str, Any], runtime: Runtime) -> Channel:
        return DiscordChannel(config, runtime)


KIND = DiscordKind()
