"""The channel kinds copydesk knows, one module each in :mod:`copydesk.notify.kinds`.

A channel row stores ``kind`` and ``config`` (JSON, secrets included);
:func:`get` gives the :class:`~copydesk.notify.kind.Kind` that validates, describes and
builds it.
"""

from __future__ import annotations

from copydesk.notify.kind import ChannelError, Kind
from copydesk.notify.kinds import discord, email, slack, telegram, webhook

KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (email.KIND, telegram.KIND, webhook.KIND, slack.KIND, discord.KIND)
}


def get(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise ChannelError(f"unknown channel kind {name!r}") from None
