"""Standard Webhooks: a receiver that verifies signatures independently; 410; SSRF."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from ipaddress import ip_address

import pytest

from copydesk.context import Context
from copydesk.models import Site
from copydesk.notify.dispatcher import Dispatcher
from copydesk.notify.kinds import webhook
from tests.network import Wire, answer
from tests.notify.conftest import FAST, ONCE, add_channel, dispatcher, enqueue, outbox_rows
from tests.notify.receivers import Receiver, Reply, Request

TOLERANCE = 5 * 60


def verify(secret: str, headers: dict[str, str], body: bytes, now: float) -> bool:
    """The specification's verification, written from the spec, not from copydesk."""
    msg_id = headers["webhook-id"]
    timestamp = headers["webhook-timestamp"]
    if abs(now - int(timestamp)) > TOLERANCE:
        return False
    key = base64.b64decode(secret[len("whsec_"):])
    expected = base64.b64encode(
        hmac.new(key, f"{msg_id}.{timestamp}.{body.decode()}".encode(), hashlib.sha256).digest()
    ).decode()
    for candidate in headers["webhook-signature"].split(" "):
        version, _, signature = candidate.partition(",")
        if version == "v1" and hmac.compare_digest(signature, expected):
            return True
    return False


def verifying(secret: str) -> Receiver:
    def handle(request: Request) -> Reply:
        good = verify(secret, request.headers, request.body, time.time())
        return (204 if good else 401), {}, b""

    return Receiver(handle)


async def test_signed_delivery_verifies(ctx: Context, news: Site) -> None:
    secret = webhook.new_secret()
    with verifying(secret) as receiver:
        add_channel(ctx, news, "webhook", {"url": receiver.url + "/hook", "secret": secret})
        enqueue(ctx, news)
        await dispatcher(ctx).drain()
        [request] = receiver.received()
    [row] = outbox_rows(ctx)
    assert row["status"] == "delivered"
    assert request.headers["webhook-id"] == row["idempotency_key"]
    body = json.loads(request.body)
    assert set(body) == {"type", "timestamp", "data"}
    assert body["type"] == "report.created"
    assert body["data"]["group"]["exact"] == "into to"


def test_verifier_rejects_tampering_and_old_timestamps() -> None:
    secret = webhook.new_secret()
    body = b'{"type":"report.created","timestamp":"2026-01-01T00:00:00Z","data":{}}'
    now = int(time.time())
    headers = {"webhook-id": "msg_1", "webhook-timestamp": str(now),
               "webhook-signature": webhook.sign(secret, "msg_1", now, body)}
    assert verify(secret, headers, body, now)
    assert not verify(secret, headers, body.replace(b"{}", b'{"x":1}'), now)
    assert not verify(webhook.new_secret(), headers, body, now)
    old = now - 3600
    stale = {**headers, "webhook-timestamp": str(old),
             "webhook-signature": webhook.sign(secret, "msg_1", old, body)}
    assert not verify(secret, stale, body, now)


async def test_wrong_secret_is_rejected_and_retried(ctx: Context, news: Site) -> None:
    with verifying(webhook.new_secret()) as receiver:
        add_channel(ctx, news, "webhook", {"url": receiver.url, "secret": webhook.new_secret()})
        enqueue(ctx, news)
        await dispatcher(ctx, ONCE).drain()
        assert len(receiver.received()) == 1
    [row] = outbox_rows(ctx)
    assert row["status"] == "pending"  # 401: retried later with backoff
    assert row["attempts"] == 1
    assert "401" in row["last_error"]


async def test_gone_disables_the_endpoint(ctx: Context, news: Site) -> None:
    with Receiver(lambda _: (410, {}, b"")) as receiver:
        channel_id = add_channel(ctx, news, "webhook",
                                 {"url": receiver.url, "secret": webhook.new_secret()})
        enqueue(ctx, news)
        await dispatcher(ctx).drain()
        enqueue(ctx, news)  # the disabled channel gets no new events
        await dispatcher(ctx).drain()
        assert len(receiver.received()) == 1
    [row] = outbox_rows(ctx)
    assert row["status"] == "dead"
    enabled, reason = ctx.db.read_sync(lambda conn: conn.exec_driver_sql(
        f"SELECT enabled, disabled_reason FROM channels WHERE id = {channel_id}").one())
    assert not enabled
    assert "410" in reason


@pytest.mark.parametrize("target", ["http://127.0.0.1:9/hook", "http://10.0.0.1/hook",
                                    "http://localhost:9/hook"])
async def test_private_target_refused_at_delivery(
    ctx: Context, news: Site, target: str
) -> None:
    strict = ctx.settings.replace(allow_private_targets=False)
    add_channel(ctx, news, "webhook", {"url": target, "secret": webhook.new_secret()})
    enqueue(ctx, news)
    await Dispatcher(strict, ctx.db, FAST).drain()
    [row] = outbox_rows(ctx)
    assert row["status"] == "dead"
    assert "non-public address" in row["last_error"]


async def test_redirects_are_not_followed(ctx: Context, news: Site) -> None:
    with Receiver() as inside:
        redirect = Receiver(lambda _: (307, {"location": inside.url + "/x"}, b""))
        with redirect:
            add_channel(ctx, news, "webhook",
                        {"url": redirect.url, "secret": webhook.new_secret()})
            enqueue(ctx, news)
            await dispatcher(ctx, ONCE).drain()
            assert len(redirect.received()) == 1
        assert inside.received() == []
    [row] = outbox_rows(ctx)
    assert row["status"] == "pending"
    assert "307" in row["last_error"]


@pytest.mark.parametrize("address", ["64:ff9b::7f00:1", "2002:a00:1::", "::ffff:0:7f00:1",
                                     "::127.0.0.1", "::ffff:10.0.0.1"])
async def test_embedded_private_address_refused_at_delivery(
    ctx: Context, news: Site, monkeypatch: pytest.MonkeyPatch, address: str
) -> None:
    answer(monkeypatch, {"hooks.example.test": [address]})
    wire = Wire().install(monkeypatch)
    strict = ctx.settings.replace(allow_private_targets=False)
    add_channel(ctx, news, "webhook",
                {"url": "https://hooks.example.test/in", "secret": webhook.new_secret()})
    enqueue(ctx, news)
    await Dispatcher(strict, ctx.db, FAST).drain()
    [row] = outbox_rows(ctx)
    assert row["status"] == "dead"
    assert "non-public address" in row["last_error"]
    assert str(ip_address(address)) in row["last_error"]
    assert wire.sent == []


async def test_deliveries_during_a_rotation_verify_with_the_old_and_the_new_secret(
    ctx: Context, news: Site,
) -> None:
    from copydesk import webhook_secrets

    old = webhook.new_secret()
    with verifying(old) as old_receiver:
        channel = add_channel(ctx, news, "webhook",
                              {"url": old_receiver.url + "/hook", "secret": old})
        new = ctx.db.write_sync(lambda conn: webhook_secrets.rotate(conn, channel, 24))
        enqueue(ctx, news)
        await dispatcher(ctx).drain()
        [request] = old_receiver.received()
    # A receiver that still holds the old secret accepts the delivery (204), and so
    # would one that switched to the new one: both signatures are in the header.
    assert outbox_rows(ctx)[0]["status"] == "delivered"
    assert verify(new, request.headers, request.body, time.time())
    assert len(request.headers["webhook-signature"].split(" ")) == 2


async def test_after_the_overlap_only_the_new_secret_signs(ctx: Context, news: Site) -> None:
    from copydesk import webhook_secrets

    old = webhook.new_secret()
    with verifying(old) as old_receiver:
        channel = add_channel(ctx, news, "webhook",
                              {"url": old_receiver.url + "/hook", "secret": old})
        ctx.db.write_sync(lambda conn: webhook_secrets.rotate(conn, channel, 0))
        enqueue(ctx, news)
        await Dispatcher(ctx.settings, ctx.db, tuning=ONCE).drain()
        [request] = old_receiver.received()
    assert not verify(old, request.headers, request.body, time.time())
    assert len(request.headers["webhook-signature"].split(" ")) == 1
