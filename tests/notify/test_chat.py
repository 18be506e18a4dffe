"""Slack- and Discord-compatible webhooks over HTTP on 127.0.0.1."""

from __future__ import annotations

import json

import pytest

from copydesk.context import Context
from copydesk.models import Site
from tests.notify.conftest import add_channel, dispatcher, enqueue, outbox_rows, payload
from tests.notify.receivers import Receiver


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
