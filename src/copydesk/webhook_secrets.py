"""Rotating a webhook channel's signing secret with an overlap period.

:func:`rotate` gives the channel a new secret and keeps the old one in its config as
``previous_secret`` until ``previous_secret_until`` (ISO 8601, UTC).  Through the
overlap each request is signed with both: Standard Webhooks puts several signatures in
one ``webhook-signature`` header, separated by spaces, and a receiver accepts the
request when any of them verifies, so it can switch to the new secret whenever it is
ready.  The webhook kind (:mod:`copydesk.notify.kinds.webhook`, ``signature_header``)
signs every delivery that way.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, select, update

from copydesk.notify.kind import ChannelError
from copydesk.notify.kinds import webhook
from copydesk.notify.kinds.webhook import signature_header, signing_secrets
from copydesk.storage import schema

__all__ = ["MAX_HOURS", "rotate", "signature_header", "signing_secrets"]

#: The longest overlap an admin may choose.
MAX_HOURS = 24 * 30


def _now() -> datetime:
    return datetime.now(UTC)


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
