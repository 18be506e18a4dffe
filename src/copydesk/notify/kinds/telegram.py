"""Telegram: the Bot API's ``sendMessage`` to a chat, group or channel.

Options: ``--token`` (from @BotFather), ``--chat`` (a numeric chat id, negative for
groups and channels, or ``@channelname``) and ``--api-url`` (a self-hosted Bot API
server).  Text is Telegram HTML (:class:`TelegramHtml`: only ``&``, ``<``, ``>`` and
``"`` become entities, the only named entities the Bot API knows, and only tags
Telegram allows are used: b, i, a, blockquote), at most 4096 characters.

Messages are paced to Telegram's limits, per bot token: about one a second per chat, 20
a minute per group or channel (negative chat id or ``@name``), 30 a second overall.  A
``429`` answer's ``parameters.retry_after`` pauses the chat and hands the event back to
the outbox for that long.

The Bot API has no way to de-duplicate a message: after a crash between sending and
recording, a chat may get one twice.  The request carries ``Idempotency-Key: <the
outbox row's key>`` like the other chat channels, for a relay in between; Telegram
ignores it.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Mapping
from typing import Any, ClassVar

import orjson

from copydesk.notify.channel import (
    Channel,
    Deferred,
    DeliveryError,
    Event,
    Permanent,
    Runtime,
    key_header,
    post_json,
)
from copydesk.notify.format import Markup, render
from copydesk.notify.kind import ChannelError, Kind, Option, check_url, host
from copydesk.notify.message import Message, fit, from_event

API_URL = "https://api.telegram.org"
MAX_LENGTH = 4096
PER_BOT = 1 / 30
PER_CHAT = 1.0
PER_GROUP = 3.0
MAX_WAIT = 10.0  # longer waits go back to the outbox instead of holding a lease
BOT_TOKEN = re.compile(r"^\d+:[A-Za-z0-9_-]{20,}$")
CHAT = re.compile(r"^(-?\d+|@[A-Za-z][A-Za-z0-9_]{4,})$")


def escape(value: str) -> str:
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace('"', "&quot;")
    )


class TelegramHtml(Markup):
    joint = "\n&gt; "
    bold = highlight = strong = ("<b>", "</b>")
    emphasis = ("<i>", "</i>")

    def escape(self, value: str) -> str:
        return escape(value)


FORMAT = TelegramHtml()


def text(m: Message) -> str:
    return render(m, FORMAT)


def is_group(chat: str) -> bool:
    return chat.startswith("-") or chat.startswith("@")


class TelegramChannel:
    def __init__(self, config: Mapping[str, Any], runtime: Runtime) -> None:
        self.token = str(config["token"])
        self.chat = str(config["chat"])
        self.api_url = str(config.get("api_url") or API_URL).rstrip("/")
        self.runtime = runtime
        bot = self.token.split(":", 1)[0]
        self._bot_key = f"telegram:{bot}"
        self._chat_key = f"telegram:{bot}:{self.chat}"

    def body(self, event: Event) -> bytes:
        content = fit(from_event(event.type, event.payload), text, MAX_LENGTH)
        chat: int | str = int(self.chat) if self.chat.lstrip("-").isdigit() else self.chat
        return orjson.dumps({
            "chat_id": chat,
            "text": content,
            "parse_mode": "HTML",
            "link_preview_options": {"is_disabled": True},
        })

    async def send(self, event: Event) -> None:
        body = self.body(event)
        interval = PER_GROUP if is_group(self.chat) else PER_CHAT
        limits = [(self._bot_key, PER_BOT), (self._chat_key, interval)]
        wait = self.runtime.pacer.reserve(limits, MAX_WAIT)
        if wait > MAX_WAIT:
            raise Deferred("paced to Telegram's limits", wait)
        await asyncio.sleep(wait)
        url = f"{self.api_url}/bot{self.token}/sendMessage"
        response = await post_json(self.runtime, url, body, key_header(event))
        try:
            data: dict[str, Any] = orjson.loads(response.content)
        except orjson.JSONDecodeError:
            data = {}
        if response.status_code == 200 and data.get("ok"):
            return
        description = str(data.get("description") or "")[:200].replace(self.token, "***")
        if response.status_code == 429:
            after = float((data.get("parameters") or {}).get("retry_after") or 5)
            self.runtime.pacer.pause(self._chat_key, after)
            raise Deferred(f"Telegram rate limit: retry after {after:g}s", after)
        if response.status_code in {400, 401, 403, 404}:
            raise Permanent(f"Telegram {response.status_code}: {description}")
        raise DeliveryError(f"Telegram {response.status_code}: {description}")


def _token(value: str, allow_private: bool) -> str:
    if not BOT_TOKEN.match(value):
        raise ChannelError("--token does not look like a bot token (123456:ABC…)")
    return value


def _chat(value: str, allow_private: bool) -> str:
    if not CHAT.match(value):
        raise ChannelError("--chat must be a numeric chat id or @channelname")
    return value


def _api_url(value: str, allow_private: bool) -> str:
    return check_url(value.rstrip("/"), allow_private)


class TelegramKind(Kind):
    name = "telegram"
    summary = "a Telegram chat, group or channel, through a bot (Bot API sendMessage)"
    options: ClassVar[tuple[Option, ...]] = (
        Option("token", "bot token from @BotFather.", required=True, check=_token),
        Option("chat", "chat id (negative for groups) or @channelname.", required=True,
               check=_chat),
        Option("api_url", "Bot API base URL (self-hosted Bot API server).", check=_api_url),
    )

    def describe(self, config: Mapping[str, Any]) -> str:
        api = config.get("api_url") or API_URL
        via = "" if api == API_URL else f" via {host(str(api))}"
        return f"chat {config.get('chat', '?')}{via} (token ****)"

    def channel(self, config: Mapping[str, Any], runtime: Runtime) -> Channel:
        return TelegramChannel(config, runtime)


KIND = TelegramKind()
