"""The daily digest: for channels whose kind says they want it (e-mail channels created
with ``--digest``: :meth:`copydesk.notify.kind.Kind.digest`).

:func:`enqueue_due` runs in the dispatcher every minute or so, in one write
transaction: for each such channel whose last digest is a day old it advances the
channel's digest clock (``meta`` key ``digest:<channel id>``, compare-and-set, so two
dispatchers never both send one) and queues a ``digest`` event
(:class:`copydesk.events.Digest`) listing the groups reported since, with their
counts.  The event then goes through the outbox like any other; the e-mail kind
renders it.  A day with no reports sends nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from copydesk import events
from copydesk.models import EventType, ReportStatus
from copydesk.notify import outbox, registry
from copydesk.storage import schema

MAX_GROUPS = 100


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _advance(conn: Connection, key: str, old: str | None, new: str) -> bool:
    """Move the digest clock from ``old`` to ``new``; False if someone else did."""
    meta = schema.meta
    if old is None:
        insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
        inserted = conn.execute(
            insert(meta).values(key=key, value=new)
            .on_conflict_do_nothing(index_elements=["key"]).returning(meta.c.key)
        ).first()
        return inserted is not None
    else:
        result = conn.execute(
            update(meta).where(meta.c.key == key, meta.c.value == old).values(value=new)
        )
    return result.rowcount == 1


def groups_since(
    conn: Connection, site_id: int, since: datetime, public_url: str
) -> list[events.DigestGroup]:
    g, a, r = schema.report_groups, schema.articles, schema.reports
    new_reports = (
        select(func.count())
        .where(r.c.group_id == g.c.id, r.c.created_at > since)
        .scalar_subquery()
    )
    rows = conn.execute(
        select(g.c.id, g.c.status, g.c.exact, g.c.reporter_count, a.c.url, a.c.title,
               new_reports.label("new_reports"))
        .join(a, a.c.id == g.c.article_id)
        .where(g.c.site_id == site_id, g.c.last_reported_at > since,
               g.c.status != ReportStatus.SPAM.value)
        .order_by(g.c.reporter_count.desc(), g.c.id)
        .limit(MAX_GROUPS)
    )
    base = public_url.rstrip("/")
    return [
        events.DigestGroup(
            id=row.id, status=row.status, exact=row.exact, reporter_count=row.reporter_count,
            new_reports=row.new_reports, article=events.Article(url=row.url, title=row.title),
            dashboard_url=f"{base}/groups/{row.id}",
        )
        for row in rows
    ]


def _wants_digest(kind: str, config: dict[str, Any] | None) -> bool:
    found = registry.KINDS.get(kind)
    return found is not None and found.digest(config or {})


def has_digest_channels(conn: Connection) -> bool:
    """Whether any enabled channel wants a digest (a read, before writing)."""
    c = schema.channels
    rows = conn.execute(select(c.c.kind, c.c.config).where(c.c.enabled.is_(True)))
    return any(_wants_digest(row.kind, row.config) for row in rows)


def enqueue_due(
    conn: Connection, now: datetime, every: timedelta, public_url: str = ""
) -> list[int]:
    """Queue the digests that are due; returns the new outbox ids."""
    c, s = schema.channels, schema.sites
    channels = conn.execute(
        select(c.c.id, c.c.site_id, c.c.kind, c.c.config, c.c.created_at, s.c.key, s.c.name)
        .join(s, s.c.id == c.c.site_id)
        .where(c.c.enabled.is_(True))
    ).all()
    queued: list[int] = []
    for row in channels:
        if not _wants_digest(row.kind, row.config):
            continue
        key = f"digest:{row.id}"
        old = conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == key)).scalar()
        since = datetime.fromisoformat(old) if old else _aware(row.created_at)
        if now - since < every or not _advance(conn, key, old, now.isoformat()):
            continue
        groups = groups_since(conn, row.site_id, since, public_url)
        if not groups:
            continue
        digest = events.Digest(site=events.Site(key=row.key, name=row.name), since=since,
                               until=now, groups=groups)
        queued += outbox.enqueue(conn, row.site_id, EventType.DIGEST, digest, channel_id=row.id)
    return queued
