"""Rotating a webhook channel's signing secret with an overlap period.

:func:`rotate` gives the channel a new secret and keeps the old one in its config as
``previous_secret`` until ``previous_secret_until`` (ISO 8601, UTC).  Through the
overlap each request is signed with both: Standard Webhooks puts several signatures in
one ``webhook-signature`` header, separated by spaces, and a receiver accepts the
request when any of them verifies, so it can switch to the new secret whenever it is
ready.  :func:`signature_header` writes that header; the webhook kind
(:mod:`copydesk.notify.kinds.webhook`) signs with it once it uses this module (its own
``sign`` knows one secret).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, select, update

from copydesk.notify.kind import ChannelError
from copydesk.notify.kinds import webhook
from copydesk.storage import schema

#: The longest overlap an admin may choose.
MAX_HOURS = 24 * 30


def _now() -> datetime:
    return datetime.now(UTC)


def signing_secrets(config: Mapping[str, Any], now: datetime | None = None) -> list[str]:
    """The secrets a request is signed with: the current one, and the previous one
    while its overlap lasts."""
    found = [str(config["secret"])]
    previous, until = config.get("previous_secret"), config.get("previous_secret_until")
    if previous and until:
        ends = datetime.fromisoformat(str(until))
        ends = ends if ends.tzinfo else ends.replace(tzinfo=UTC)
        if ends > (now or _now()):
            found.append(str(previous))
    return found


def signature_header(config: Mapping[str, Any], msg_id: str, timestamp: int, body: bytes,
                     now: datetime | None = None) -> str:
    """``webhook-signature``: one ``v1,…`` signature per signing secret, space separated."""
    return " ".join(webhook.sign(secret, msg_id, timestamp, body)
                    for secret in signing_secrets(config, now))


def rotate(conn: Connection, channel_id: int, hours: float,
           now: datetime | None = None) -> str:
    """A new signing secret for a webhook channel (returned: shown once); the current
    one keeps signing for ``hours`` (0: stops now)."""
    if not 0 <= hours <= MAX_HOURS:
        raise ChannelError(f"the overlap is 0 to {MAX_HOURS} hours")
    c = schema.channels
    row = conn.execute(select(c.c.kind, c.c.config).where(c.c.id == channel_id)).first()
    if row is None:
        raise ChannelError(f"no channel {channel_id}")
    if row.kind != webhook.KIND.name:
        raise ChannelError("only webhook channels have a signing secret")
    config = dict(row.config or {})
    secret = webhook.new_secret()
    until = (now or _now()) + timedelta(hours=hours)
    config.update(previous_secret=config["secret"], secret=secret,
                  previous_secret_until=until.isoformat())
    conn.execute(update(c).where(c.c.id == channel_id).values(config=config))
    return secret
