"""Telegram against a local Bot API stand-in on 127.0.0.1 (sendMessage, one 429)."""

from __future__ import annotations

import asyncio
import json
import threading

from copydesk.context import Context
from copydesk.models import Site
from copydesk.notify.pacing import Pacer
from tests.notify.conftest import add_channel, dispatcher, enqueue, outbox_rows, payload
from tests.notify.receivers import Receiver, Reply, Request
from tests.notify.test_message import HOSTILE, check_telegram

TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345678"


class BotAPI:
    """Answers like the Bot API: 429 with retry_after the first time, then ok."""

    def __init__(self, limited: int = 1) -> None:
        self.limited = limited
        self.lock = threading.Lock()

    def __call__(self, request: Request) -> Reply:
        if request.path != f"/bot{TOKEN}/sendMessage":
            return 404, {}, b'{"ok":false,"error_code":404,"description":"Not Found"}'
        body = json.loads(request.body)
        if not body.get("text") or body.get("parse_mode") != "HTML":
            return 400, {}, b'{"ok":false,"error_code":400,"description":"Bad Request"}'
        with self.lock:
            if self.limited:
                self.limited -= 1
                return 429, {}, json.dumps({
                    "ok": False, "error_code": 429,
                    "description": "Too Many Requests: retry after 1",
                    "parameters": {"retry_after": 1}}).encode()
        result = {"message_id": 1, "chat": {"id": body["chat_id"]}, "text": "…"}
        return 200, {}, json.dumps({"ok": True, "result": result}).encode()


async def test_telegram_escapes_and_honours_retry_after(ctx: Context, news: Site) -> None:
    hostile = payload(exact=HOSTILE[0], prefix=HOSTILE[1], suffix=HOSTILE[2],
                      suggestion=HOSTILE[3], comment=HOSTILE[4] + HOSTILE[5])
    hostile["article"]["title"] = HOSTILE[3]
    with Receiver(BotAPI(limited=1)) as api:
        add_channel(ctx, news, "telegram", {"token": TOKEN, "chat": "4242", "api_url": api.url})
        enqueue(ctx, news, hostile)
        disp = dispatcher(ctx)
        await disp.drain()
        [row] = outbox_rows(ctx)
        assert row["status"] == "pending"  # 429: deferred, not counted as a failure
        assert row["attempts"] == 0
        assert "retry after 1" in row["last_error"]
        while outbox_rows(ctx)[0]["status"] == "pending":
            await asyncio.sleep(0.1)
            await disp.drain()
        requests = api.received()
    assert [r.path for r in requests] == [f"/bot{TOKEN}/sendMessage"] * 2
    assert outbox_rows(ctx)[0]["status"] == "delivered"
    sent = json.loads(requests[-1].body)
    assert sent["chat_id"] == 4242
    text = check_telegram(sent["text"])
    for item in HOSTILE:
        assert item in text


async def test_telegram_error_does_not_leak_token(ctx: Context, news: Site) -> None:
    with Receiver(lambda _: (401, {}, json.dumps(
            {"ok": False, "description": f"Unauthorized {TOKEN}"}).encode())) as api:
        add_channel(ctx, news, "telegram", {"token": TOKEN, "chat": "-100200", "api_url": api.url})
        enqueue(ctx, news)
        await dispatcher(ctx).drain()
    [row] = outbox_rows(ctx)
    assert row["status"] == "dead"
    assert TOKEN not in row["last_error"]
    assert TOKEN.split(":")[1] not in row["last_error"]


def test_pacer_spaces_one_chat_and_defers_long_waits() -> None:
    now = [100.0]
    pacer = Pacer(clock=lambda: now[0])
    limits = [("bot", 1 / 30), ("chat", 3.0)]
    waits = [pacer.reserve(limits, max_wait=10) for _ in range(5)]
    assert waits == [0.0, 3.0, 6.0, 9.0, 12.0]
    # The fifth was not booked: the next one still waits 12 s, not 15 s.
    assert pacer.reserve(limits, max_wait=10) == 12.0
    assert pacer.reserve([("bot", 1 / 30), ("other", 1.0)], max_wait=10) > 0  # bot-wide slot
    pacer.pause("other", 30)
    assert pacer.reserve([("other", 1.0)], max_wait=10) == 30.0
