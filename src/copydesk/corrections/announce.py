"""``correction.published``: a published correction announced to the site's channels,
when the site opts in (``sites.announce_corrections``, off by default).

The message says what was wrong and what is right (the correction's text, and the
reader's quote and the fix when it came from a group) and links the article and the
correction's public page.  It is queued in the publishing transaction
(:func:`copydesk.notify.outbox.enqueue`), like every copydesk event.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from copydesk.corrections import links
from copydesk.models import EventType
from copydesk.notify import outbox
from copydesk.storage import schema


def payload(conn: Connection, correction_id: int, public_url: str = "") -> dict[str, Any]:
    """What the event carries (editor text: every channel escapes it)."""
    c, a, s, g = schema.corrections, schema.articles, schema.sites, schema.report_groups
    row = conn.execute(
        select(c.c.id, c.c.type, c.c.text, c.c.published_at, c.c.group_id,
               a.c.url, a.c.title, s.c.key, s.c.name, g.c.exact, g.c.prefix, g.c.suffix)
        .join(a, a.c.id == c.c.article_id).join(s, s.c.id == c.c.site_id)
        .outerjoin(g, g.c.id == c.c.group_id).where(c.c.id == correction_id)
    ).one()
    path = links.correction_path(str(row.key), int(row.id))
    return {
        "correction": {
            "id": int(row.id), "type": str(row.type), "text": str(row.text),
            "published_at": row.published_at.isoformat() if row.published_at else None,
            "url": links.absolute(public_url, path) if public_url else path,
        },
        "group": ({"id": int(row.group_id), "exact": str(row.exact or ""),
                   "prefix": str(row.prefix or ""), "suffix": str(row.suffix or "")}
                  if row.group_id is not None else None),
        "article": {"url": str(row.url), "title": str(row.title)},
        "site": {"key": str(row.key), "name": str(row.name)},
        "note": str(row.text),
    }


def published(conn: Connection, correction_id: int, public_url: str = "") -> list[int]:
    """Queue ``correction.published`` when the correction's site announces corrections;
    the outbox rows' ids (none when it does not, or has no channel)."""
    c, s = schema.corrections, schema.sites
    row = conn.execute(select(s.c.id, s.c.announce_corrections)
                       .join(c, c.c.site_id == s.c.id).where(c.c.id == correction_id)).one()
    if not row.announce_corrections:
        return []
    return outbox.enqueue(conn, int(row.id), EventType.CORRECTION_PUBLISHED,
                          lambda: payload(conn, correction_id, public_url))
