"""Slack- and Discord-compatible webhooks over HTTP on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from copydesk.context import Context
from copydesk.models import Site
from tests.notify.conftest import add_channel, dispatcher, enqueue, outbox_rows, payload
from tests.notify.receivers import Receiver, Reply, Request


@pytest.mark.parametrize(("kind", "status"), [("slack", 200), ("discord", 204)])
async def test_chat_delivery(ctx: Context, news: Site, kind: str, status: int) -> None:
    with Receiver(lambda _: (status, {}, b"ok" if status == 200 else b"")) as receiver:
        add_channel(ctx, news, kind, {"url": receiver.url + "/services/T/B/token"})
        enqueue(ctx, news, payload(exact="@everyone <!channel> " + "x" * 5000))
        await dispatcher(ctx).drain()
        [request] = receiver.received()
    assert outbox_rows(ctx)[0]["status"] == "delivered"
    body = json.loads(request.body)
    if kind == "slack":
        section = body["blocks"][0]["text"]["text"]
        assert len(section) <= 3000
        assert "<!channel>" not in section
    else:
        assert body["allowed_mentions"] == {"parse": []}
        assert len(body["content"]) <= 2000
        assert "@everyone" not in body["content"]


async def test_chat_not_found_is_dead_and_rate_limit_waits(ctx: Context, news: Site) -> None:
    with Receiver(lambda _: (404, {}, b"no_service")) as gone, \
            Receiver(lambda _: (429, {"retry-after": "30"}, b"")) as busy:
        add_channel(ctx, news, "slack", {"url": gone.url})
        add_channel(ctx, news, "discord", {"url": busy.url})
        enqueue(ctx, news)
        await dispatcher(ctx).drain()
    dead, waiting = outbox_rows(ctx)
    assert (dead["status"], dead["last_error"]) == ("dead", "endpoint answered 404")
    assert (waiting["status"], waiting["attempts"]) == ("pending", 0)
    assert waiting["last_error"] == "rate limited (429)"


class FailsOnce:
    """Answers 500 to the first request, then what the service answers on success."""

    def __init__(self, status: int, body: bytes) -> None:
        self.status, self.body, self.failed = status, body, False

    def __call__(self, _: Request) -> Reply:
        if not self.failed:
            self.failed = True
            return 500, {}, b'{"ok":false,"description":"Internal Server Error"}'
        return self.status, {}, self.body


@pytest.mark.parametrize("kind", ["slack", "discord", "telegram"])
async def test_chat_retry_carries_the_same_key(ctx: Context, news: Site, kind: str) -> None:
    answers = {"slack": (200, b"ok"), "discord": (204, b""),
               "telegram": (200, b'{"ok":true,"result":{"message_id":1}}')}
    with Receiver(FailsOnce(*answers[kind])) as receiver:
        config: dict[str, Any] = {"url": receiver.url + "/hook"}
        if kind == "telegram":
            config = {"token": "1:abc", "chat": "42", "api_url": receiver.url}
        add_channel(ctx, news, kind, config)
        enqueue(ctx, news)
        enqueue(ctx, news)
        disp = dispatcher(ctx)
        await disp.drain()
        while any(row["status"] == "pending" for row in outbox_rows(ctx)):
            await asyncio.sleep(0.05)
            await disp.drain()
        requests = receiver.received()
    rows = outbox_rows(ctx)
    assert [row["status"] for row in rows] == ["delivered", "delivered"]
    assert len(requests) == 3  # one of the two rows was sent twice
    keys = [request.headers.get("idempotency-key") for request in requests]
    assert set(keys) == {row["idempotency_key"] for row in rows}  # one key per row
    assert keys[0] in keys[1:]  # the failed first request was retried with its key
