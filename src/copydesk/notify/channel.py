"""The one interface every notification channel implements, and its outcomes.

A channel turns one :class:`Event` into one message and sends it.  ``send`` returns
when the receiver accepted the message; otherwise it raises:

- :class:`DeliveryError`: try again later (exponential backoff), counted as an attempt;
- :class:`Deferred`: the receiver asked us to wait (HTTP 429, pacing); not counted;
- :class:`Permanent`: retrying cannot help (bad token, refused target): dead-lettered;
- :class:`Gone`: the endpoint is gone for good (HTTP 410): the channel is disabled.

Error messages end up in ``outbox.last_error`` and the logs, so they never contain
secrets (tokens, signing keys, webhook URLs).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

import httpx

from copydesk.events import Payload, parse
from copydesk.net import TargetRefused
from copydesk.notify.pacing import Pacer
from copydesk.settings import Settings


@dataclass(frozen=True)
class Event:
    """One outbox row, as a channel sees it."""

    id: int
    type: str
    key: str  # the idempotency key: the same for every try of this row
    payload: dict[str, Any]  # the event's JSON (:mod:`copydesk.events`), as stored
    created_at: datetime

    def data(self) -> Payload:
        """The payload as its event's model."""
        return parse(self.type, self.payload)


@dataclass(frozen=True)
class Runtime:
    """What channels share inside one dispatcher."""

    settings: Settings
    http: httpx.AsyncClient
    pacer: Pacer


class Channel(Protocol):
    async def send(self, event: Event) -> None: ...


class DeliveryError(Exception):
    """Not delivered this time; retry with backoff."""


class Deferred(DeliveryError):
    """Not delivered: wait ``after`` seconds, then try again without counting an attempt."""

    def __init__(self, message: str, after: float) -> None:
        super().__init__(message)
        self.after = after


class Permanent(DeliveryError):
    """Retrying cannot succeed: dead-letter now."""


class Gone(Permanent):
    """The endpoint no longer exists: dead-letter and disable the channel."""


def check_response(response: httpx.Response, *, permanent_4xx: bool = True) -> None:
    """Map an HTTP response of a webhook-like endpoint to the outcomes above.

    With ``permanent_4xx`` a client error (other than 408/409/425/429) dead-letters at
    once; without it (Standard Webhooks: retry any non-2xx) it is retried.
    """
    status = response.status_code
    if 200 <= status < 300:
        return
    if status == 410:
        raise Gone("endpoint answered 410 Gone")
    if status == 429:
        raise Deferred("rate limited (429)", retry_after(response))
    if permanent_4xx and 400 <= status < 500 and status not in {408, 409, 425}:
        raise Permanent(f"endpoint answered {status}")
    raise DeliveryError(f"endpoint answered {status}")


def retry_after(response: httpx.Response, default: float = 5.0) -> float:
    """Seconds to wait from a ``Retry-After`` header (seconds form), or ``default``."""
    raw = response.headers.get("retry-after", "")
    try:
        return max(0.0, float(raw))
    except ValueError:
        return default


def key_header(event: Event) -> dict[str, str]:
    """The header that names one outbox row, the same on every try of it."""
    return {"idempotency-key": event.key}


async def post_json(
    runtime: Runtime, url: str, body: bytes, headers: dict[str, str] | None = None
) -> httpx.Response:
    """POST ``body`` through the guarded client; transport errors become retries."""
    try:
        return await runtime.http.post(
            url, content=body, headers={"content-type": "application/json", **(headers or {})}
        )
    except TargetRefused as exc:
        raise Permanent(f"target refused: {exc}") from None
    except httpx.InvalidURL:
        raise Permanent("invalid URL") from None
    except httpx.TimeoutException:
        raise DeliveryError("timed out") from None
    except httpx.HTTPError as exc:
        # The exception text may contain the URL, and with it a token: keep the type only.
        raise DeliveryError(f"transport error ({type(exc).__name__})") from None
