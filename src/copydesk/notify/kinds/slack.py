"""Slack-compatible incoming webhooks (also Mattermost, Rocket.Chat, …).

Option: ``--url``, the webhook URL, which contains its token: a secret like any other.
The body is ``text`` (the fallback) and one mrkdwn ``section`` block (3000 characters
at most) in which ``&``, ``<`` and ``>`` are escaped, so ``<!channel>`` or ``<@U123>``
in reader text cannot ping anyone.

Slack's incoming webhooks take no de-duplication key.  Every request still carries
``Idempotency-Key: <the outbox row's key>`` (the same on every try), for
Slack-compatible servers and relays in between that honour it.
"""

from __future__ import annotations

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
from copydesk.notify.format import Format, render
from copydesk.notify.kind import URL, Kind, Option, describe_url
from copydesk.notify.message import Message, fit, flat, from_event, is_web_url

SECTION_MAX = 3000
TEXT_MAX = 300


def escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class Mrkdwn(Format):
    bold = highlight = ("*", "*")

    def escape(self, value: str) -> str:
        return escape(value)

    def link(self, url: str, label: str) -> str:
        if not is_web_url(url):
            return self.one(label)
        return f"<{self.one(url).replace('|', '%7C')}|{self.one(label)}>"


FORMAT = Mrkdwn()


def text(m: Message) -> str:
    return render(m, FORMAT)


def slack_body(event: Event) -> bytes:
    message = from_event(event.type, event.payload)
    line = flat(f"[{message.site}] {message.headline}: {message.title}")
    return orjson.dumps({
        "text": escape(line[:TEXT_MAX]),
        "blocks": [{"type": "section",
                    "text": {"type": "mrkdwn", "text": fit(message, text, SECTION_MAX)}}],
        "unfurl_links": False,
    })


class SlackChannel:
    def __init__(self, config: Mapping[str, Any], runtime: Runtime) -> None:
        self.url = str(config["url"])
        self.runtime = runtime

    async def send(self, event: Event) -> None:
        body = slack_body(event)
        check_response(await post_json(self.runtime, self.url, body, key_header(event)))


class SlackKind(Kind):
    name = "slack"
    summary = "a Slack-compatible incoming webhook (Slack, Mattermost, Rocket.Chat)"
    options: ClassVar[tuple[Option, ...]] = (URL,)

    def describe(self, config: Mapping[str, Any]) -> str:
        return describe_url(config)

    def channel(self, config: Mapping[str, Any], runtime: Runtime) -> Channel:
        return SlackChannel(config, runtime)


KIND = SlackKind()
