"""Webhooks signed per the Standard Webhooks specification (standardwebhooks.com).

Each request carries::

    webhook-id: <the outbox row's idempotency key, the same on every retry>
    webhook-timestamp: <seconds since the epoch, when this try was sent>
    webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">

keyed with the endpoint's secret (``whsec_`` + base64 of 32 random bytes; the key is
the decoded bytes).  The body is ``{"type", "timestamp", "data"}``.  ``410 Gone``
disables the endpoint; any other non-2xx answer is retried.  ``data`` is the outbox
payload exactly as stored: the event's JSON (:mod:`copydesk.events`; its schemas are
``docs/events``).  Option: ``--url``; ``channel add`` generates the secret and shows it
once.  Redirects are not
followed and private targets are refused (:mod:`copydesk.net`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, ClassVar

import orjson

from copydesk.notify.channel import Channel, Event, Runtime, check_response, post_json
from copydesk.notify.kind import URL, Kind, Option, describe_url

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


def signing_secrets(config: Mapping[str, Any], now: datetime | None = None) -> list[str]:
    """The secrets a request is signed with: the current one, and the previous one while
    its overlap lasts (``previous_secret`` until ``previous_secret_until``, set by
    :func:`copydesk.webhook_secrets.rotate`)."""
    found = [str(config["secret"])]
    previous, until = config.get("previous_secret"), config.get("previous_secret_until")
    if previous and until:
        ends = datetime.fromisoformat(str(until))
        ends = ends if ends.tzinfo else ends.replace(tzinfo=UTC)
        if ends > (now or datetime.now(UTC)):
            found.append(str(previous))
    return found


def signature_header(config: Mapping[str, Any], msg_id: str, timestamp: int, body: bytes,
                     now: datetime | None = None) -> str:
    """``webhook-signature``: one ``v1,…`` signature per signing secret, space separated
    (a receiver accepts the request when any of them verifies)."""
    return " ".join(sign(secret, msg_id, timestamp, body)
                    for secret in signing_secrets(config, now))


class WebhookChannel:
    def __init__(self, config: Mapping[str, Any], runtime: Runtime) -> None:
        self.url = str(config["url"])
        self.config = dict(config)
        self.runtime = runtime

    async def send(self, event: Event) -> None:
        content = body(event)
        timestamp = int(time.time())
        headers = {
            "webhook-id": event.key,
            "webhook-timestamp": str(timestamp),
            "webhook-signature": signature_header(self.config, event.key, timestamp, content),
        }
        response = await post_json(self.runtime, self.url, content, headers)
        check_response(response, permanent_4xx=False)


class WebhookKind(Kind):
    name = "webhook"
    summary = "signed JSON POSTs (Standard Webhooks) to your endpoint"
    options: ClassVar[tuple[Option, ...]] = (URL,)

    def config(self, values: Mapping[str, object], allow_private: bool) -> dict[str, Any]:
        return {**super().config(values, allow_private), "secret": new_secret()}

    def shown_once(self, config: Mapping[str, Any]) -> list[str]:
        return [f"signing secret (shown once, store it now): {config['secret']}"]

    def describe(self, config: Mapping[str, Any]) -> str:
        return describe_url(config)

    def channel(self, config: Mapping[str, Any], runtime: Runtime) -> Channel:
        return WebhookChannel(config, runtime)


KIND = WebhookKind()
