"""Each editor's own notifications: which of their sites, which events, digest or
immediate.

Channels belong to sites, not to people, so an editor's choice is carried by an e-mail
channel of its own: switching "e-mail me" on for a site stores a
``notification_preferences`` row and creates an e-mail channel of that site addressed
to the editor (the e-mail kind's ``to`` and ``digest`` options); switching it off
removes the channel.  The row names its channel, so admins see these channels in the
site's channel list like any other, marked as the editor's.

What the row decides:

- **digest**: the channel gets the daily digest (the e-mail kind's ``digest`` option,
  applied by :mod:`copydesk.notify.digest`) and no immediate messages;
- **immediate**: the channel gets each chosen event as it happens, and no digest.

:func:`wanted` says whether an event goes to a channel under these rules (a channel
without a preference takes every event), and :func:`channels_for` filters a list of
channel ids.  The outbox (:func:`copydesk.notify.outbox.enqueue`) queues an event for
the enabled channels of its site that :func:`channels_for` keeps.  A disabled editor, or
one no longer working on the site, gets nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, select, update

from copydesk import accounts
from copydesk.i18n import N_, Text
from copydesk.models import EventType
from copydesk.notify import channels, registry
from copydesk.storage import schema

#: The events an editor may choose, in the order the page shows them.
CHOICES: tuple[EventType, ...] = (
    EventType.REPORT_CREATED,
    EventType.REPORT_STATUS_CHANGED,
    EventType.GROUP_FIX_DETECTED,
    EventType.CORRECTION_PUBLISHED,
)
#: Events every channel gets whatever its preference (a test is asked for by hand).
ALWAYS = frozenset({EventType.TEST})


class PreferenceError(ValueError):
    """A preference cannot be saved as asked."""


@dataclass(frozen=True)
class Preference:
    site_id: int
    events: frozenset[str]
    digest: bool
    channel_id: int | None


def of_user(conn: Connection, user_id: int) -> dict[int, Preference]:
    """The user's preferences by site id."""
    p = schema.notification_preferences
    rows = conn.execute(select(p.c.site_id, p.c.events, p.c.digest, p.c.channel_id)
                        .where(p.c.user_id == user_id))
    return {int(r.site_id): Preference(int(r.site_id), frozenset(r.events or ()),
                                       bool(r.digest), r.channel_id) for r in rows}


def owners(conn: Connection, channel_ids: Iterable[int]) -> dict[int, str]:
    """The e-mail address of the editor whose own channel each of these is."""
    p, u = schema.notification_preferences, schema.users
    ids = list(channel_ids)
    if not ids:
        return {}
    rows = conn.execute(select(p.c.channel_id, u.c.email).join(u, u.c.id == p.c.user_id)
                        .where(p.c.channel_id.in_(ids)))
    return {int(r.channel_id): str(r.email) for r in rows}


def _remove_channel(conn: Connection, channel_id: int | None) -> None:
    if channel_id is not None:
        channels.remove(conn, channel_id)


def save(conn: Connection, user: accounts.User, site_id: int, *, on: bool,
         events: Sequence[str], digest: bool, allow_private: bool = False) -> Preference | None:
    """Store the user's choice for one site and create, change or remove its channel.

    None when switched off."""
    if not user.can_see(site_id):
        raise PreferenceError(Text(N_("you do not work on that site")))
    chosen = sorted(set(events))
    unknown = set(chosen) - {e.value for e in CHOICES}
    if unknown:
        raise PreferenceError(Text(N_("unknown event %(event)s"), event=repr(sorted(unknown)[0])))
    p = schema.notification_preferences
    old = of_user(conn, user.id).get(site_id)
    if not on:
        conn.execute(delete(p).where(p.c.user_id == user.id, p.c.site_id == site_id))
        _remove_channel(conn, old.channel_id if old else None)
        return None
    if not digest and not chosen:
        raise PreferenceError(Text(N_("choose at least one event, or the daily digest")))
    config = registry.get("email").config({"to": user.email, "digest": digest},
                                          allow_private)
    now = datetime.now(UTC)
    channel_id = old.channel_id if old else None
    if channel_id is not None and channels.load(conn, channel_id) is not None:
        c = schema.channels
        conn.execute(update(c).where(c.c.id == channel_id).values(config=config))
    else:
        channel_id = channels.create(conn, site_id, "email", config)
    values: dict[str, Any] = {"events": chosen, "digest": digest, "channel_id": channel_id,
                              "updated_at": now}
    if old is None:
        conn.execute(p.insert().values(user_id=user.id, site_id=site_id, **values))
    else:
        conn.execute(update(p).where(p.c.user_id == user.id, p.c.site_id == site_id)
                     .values(**values))
    return Preference(site_id, frozenset(chosen), digest, channel_id)


def _rules(conn: Connection, channel_ids: Sequence[int]) -> dict[int, tuple[Preference, bool]]:
    """Each preference channel's rule, and whether its editor may still get it."""
    p, u, us = schema.notification_preferences, schema.users, schema.user_sites
    rows = conn.execute(
        select(p.c.channel_id, p.c.site_id, p.c.events, p.c.digest, p.c.user_id,
               u.c.role, u.c.disabled)
        .join(u, u.c.id == p.c.user_id).where(p.c.channel_id.in_(channel_ids))
    ).all()
    found = {}
    for r in rows:
        member = r.role == "admin" or conn.execute(
            select(us.c.site_id).where(us.c.user_id == r.user_id, us.c.site_id == r.site_id)
        ).first() is not None
        preference = Preference(int(r.site_id), frozenset(r.events or ()), bool(r.digest),
                                int(r.channel_id))
        found[int(r.channel_id)] = (preference, member and not r.disabled)
    return found


def channels_for(conn: Connection, channel_ids: Sequence[int], event_type: str
                 ) -> list[int]:
    """The channels among ``channel_ids`` that take an event of this type."""
    if not channel_ids:
        return []
    rules = _rules(conn, channel_ids)
    kept = []
    for cid in channel_ids:
        rule = rules.get(cid)
        if rule is None or _takes(rule[0], rule[1], event_type):
            kept.append(cid)
    return kept


def wanted(conn: Connection, channel_id: int, event_type: str) -> bool:
    return bool(channels_for(conn, [channel_id], event_type))


def _takes(preference: Preference, allowed: bool, event_type: str) -> bool:
    if not allowed:
        return False
    if event_type in ALWAYS:
        return True
    if event_type == EventType.DIGEST:
        return preference.digest
    return not preference.digest and event_type in preference.events
