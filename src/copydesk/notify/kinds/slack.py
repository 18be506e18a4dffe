"""Slack- and Discord-compatible incoming webhooks (also Mattermost, Rocket.Chat, …).

Slack gets ``text`` (the fallback) and one mrkdwn ``section`` block (3000 characters at
most) with ``&``, ``<``, ``>`` escaped.  Discord gets ``content`` (2000 characters at
most) with ``allowed_mentions: {"parse": []}``, so nobody is pinged whatever the text
says.  The webhook URL contains the token: it is a secret like any other.

Neither API de-duplicates: Slack's incoming webhooks take no key at all, and Discord's
``nonce`` with ``enforce_nonce`` works on a bot's Create Message, not on Execute
Webhook.  Every request still carries ``Idempotency-Key: <the outbox row's key>`` (the
same on every try), for Slack-compatible servers and relays in between that honour it.
"""

from __future__ import annotations

from typing import Any

import orjson

from copydesk.notify import render
from copydesk.notify.channel import Event, Runtime, check_response, post_json
from copydesk.notify.message import fit, flat, from_event

SLACK_SECTION_MAX = 3000
SLACK_TEXT_MAX = 300
DISCORD_MAX = 2000


def slack_body(event: Event) -> bytes:
    message = from_event(event.type, event.payload)
    line = flat(f"[{message.site}] {message.headline}: {message.title}")
    fallback = render.slack_escape(line[:SLACK_TEXT_MAX])
    section = fit(message, render.slack, SLACK_SECTION_MAX)
    return orjson.dumps({
        "text": fallback,
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": section}}],
        "unfurl_links": False,
    })


def discord_body(event: Event) -> bytes:
    content = fit(from_event(event.type, event.payload), render.discord, DISCORD_MAX)
    return orjson.dumps({"content": content, "allowed_mentions": {"parse": []}})


def key_header(event: Event) -> dict[str, str]:
    """The header that names one outbox row, the same on every try of it."""
    return {"idempotency-key": event.key}


class SlackChannel:
    def __init__(self, config: dict[str, Any], runtime: Runtime) -> None:
        self.url = str(config["url"])
        self.runtime = runtime

    async def send(self, event: Event) -> None:
        body = slack_body(event)
        check_response(await post_json(self.runtime, self.url, body, key_header(event)))


class DiscordChannel:
    def __init__(self, config: dict[str, Any], runtime: Runtime) -> None:
        self.url = str(config["url"])
        self.runtime = runtime

    async def send(self, event: Event) -> None:
        body = discord_body(event)
        check_response(await post_json(self.runtime, self.url, body, key_header(event)))
