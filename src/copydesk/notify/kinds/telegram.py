"""Telegram: the Bot API's ``sendMessage`` to a chat, group or channel.

Text is Telegram HTML (:func:`copydesk.notify.render.telegram`), at most 4096
characters.  Messages are paced to Telegram's limits, per bot token: about one a second
per chat, 20 a minute per group or channel (negative chat id or ``@name``), 30 a second
overall.  A ``429`` answer's ``parameters.retry_after`` pauses the chat and hands the
event back to the outbox for that long.  The API base URL is configurable per channel
(self-hosted Bot API servers, tests).

The Bot API has no way to de-duplicate a message: after a crash between sending and
recording, a chat may get one twice.  The request carries ``Idempotency-Key: <the
outbox row's key>`` like the other chat channels, for a relay in between; Telegram
ignores it.
"""

from __future__ import annotations

import asyncio
from typing import Any

import orjson

from copydesk.notify import render
from copydesk.notify.channel import (
    Deferred,
    DeliveryError,
    Event,
    Permanent,
    Runtime,
    post_json,
)
from copydesk.notify.chat import key_header
from copydesk.notify.message import fit, from_event

API_URL = "https://api.telegram.org"
MAX_LENGTH = 4096
PER_BOT = 1 / 30
PER_CHAT = 1.0
PER_GROUP = 3.0
MAX_WAIT = 10.0  # longer waits go back to the outbox instead of holding a lease


def is_group(chat: str) -> bool:
    return chat.startswith("-") or chat.startswith("@")


class TelegramChannel:
    def __init__(self, config: dict[str, Any], runtime: Runtime) -> None:
        self.token = str(config["token"])
        self.chat = str(config["chat"])
        self.api_url = str(config.get("api_url") or API_URL).rstrip("/")
        self.runtime = runtime
        bot = self.token.split(":", 1)[0]
        self._bot_key = f"telegram:{bot}"
        self._chat_key = f"telegram:{bot}:{self.chat}"

    def body(self, event: Event) -> bytes:
        text = fit(from_event(event.type, event.payload), render.telegram, MAX_LENGTH)
        chat: int | str = int(self.chat) if self.chat.lstrip("-").isdigit() else self.chat
        return orjson.dumps({
            "chat_id": chat,
            "text": text,
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
