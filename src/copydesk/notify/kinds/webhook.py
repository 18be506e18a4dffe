"""Webhooks signed per the Standard Webhooks specification (standardwebhooks.com).

Each request carries::

    webhook-id: <the outbox row's idempotency key, the same on every retry>
    webhook-timestamp: <seconds since the epoch, when this try was sent>
    webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">

keyed with the endpoint's secret (``whsec_`` + base64 of 32 random bytes; the key is
the decoded bytes).  The body is ``{"type", "timestamp", "data"}``.  ``410 Gone``
disables the endpoint; any other non-2xx answer is retried.  Redirects are not
followed and private targets are refused (:mod:`copydesk.net`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from datetime import UTC
from typing import Any

import orjson

from copydesk.notify.channel import Event, Runtime, check_response, post_json

PREFIX = "whsec_"


def new_secret() -> str:
    return PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    key = base64.b64decode(secret.removeprefix(PREFIX))
    signed = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(key, signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def body(event: Event) -> bytes:
    created = event.created_at
    if created.tzinfo is None:
        created = created.replace(tzinfo=UTC)
    stamp = created.astimezone(UTC).isoformat().replace("+00:00", "Z")
    return orjson.dumps({"type": event.type, "timestamp": stamp, "data": event.payload})


class WebhookChannel:
    def __init__(self, config: dict[str, Any], runtime: Runtime) -> None:
        self.url = str(config["url"])
        self.secret = str(config["secret"])
        self.runtime = runtime

    async def send(self, event: Event) -> None:
        content = body(event)
        timestamp = int(time.time())
        headers = {
            "webhook-id": event.key,
            "webhook-timestamp": str(timestamp),
            "webhook-signature": sign(self.secret, event.key, timestamp, content),
        }
        response = await post_json(self.runtime, self.url, content, headers)
        check_response(response, permanent_4xx=False)
