"""``correction.published``: a published correction announced to the site's channels,
when the site opts in (``sites.announce_corrections``, off by default).

The message says what was wrong and what is right (the correction's text, and the
reader's quote and the fix when it came from a group) and links the article and the
correction's public page.  It is queued in the publishing transaction
(:func:`copydesk.notify.outbox.enqueue`) as its typed model,
:class:`copydesk.events.CorrectionPublished`, like every copydesk event.
"""

from __future__ import annotations

from sqlalchemy import Connection, select

from copydesk import events
from copydesk.corrections import links
from copydesk.corrections.reading import aware
from copydesk.models import EventType, ReportStatus
from copydesk.notify import outbox
from copydesk.storage import schema


def payload(conn: Connection, correction_id: int, public_url: str = ""
            ) -> events.CorrectionPublished:
    """The event (editor and reader text in it: every channel escapes it)."""
    c, a, s, g = schema.corrections, schema.articles, schema.sites, schema.report_groups
    row = conn.execute(
        select(c.c.id, c.c.type, c.c.text, c.c.published_at, c.c.group_id,
               a.c.url, a.c.title, s.c.key, s.c.name, g.c.status, g.c.exact, g.c.prefix,
               g.c.suffix, g.c.reporter_count)
        .join(a, a.c.id == c.c.article_id).join(s, s.c.id == c.c.site_id)
        .outerjoin(g, g.c.id == c.c.group_id).where(c.c.id == correction_id)
    ).one()
    base = public_url.rstrip("/")
    page = links.correction_path(str(row.key), int(row.id))
    group = events.Group(dashboard_url=f"{base}/corrections/{row.id}")
    if row.group_id is not None:
        group = events.Group(
            id=int(row.group_id), status=ReportStatus(row.status), exact=str(row.exact),
            prefix=str(row.prefix), suffix=str(row.suffix),
            reporter_count=int(row.reporter_count), dashboard_url=group.dashboard_url)
    return events.CorrectionPublished(
        group=group,
        article=events.Article(url=str(row.url), title=str(row.title)),
        site=events.Site(key=str(row.key), name=str(row.name)),
        correction=events.Notice(
            id=int(row.id), kind=str(row.type), text=str(row.text),
            url=links.absolute(base, page) if base else page,
            published_at=aware(row.published_at)),
    )


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
