"""The fetch queue: ``articles.next_fetch_at`` says when an article is due, and a
worker claims it under a lease (``fetch_locked_until``/``fetch_locked_by``) before
fetching, as :mod:`copydesk.notify.claims` claims outbox rows: ``FOR UPDATE SKIP
LOCKED`` on PostgreSQL, the single writer on SQLite.  So no two processes (or machines)
fetch one article at once, and a worker killed mid-fetch loses nothing: its lease
expires and the article is claimed again.

Every function runs inside a write transaction (``Database.write``); none does network
I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, and_, or_, select, update

from copydesk.models import TrackedFrom
from copydesk.storage import schema

#: How long a claim holds an article: well beyond a fetch's timeout and the proofreading.
LEASE = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class Claimed:
    """An article leased to a worker, with what fetching it needs."""

    id: int
    site_id: int
    site_key: str
    origins: tuple[str, ...]
    exclude_selectors: tuple[str, ...]
    url: str
    title: str
    lang: str
    named_by: str
    etag: str
    last_modified: str
    since: datetime  # the last report, else when tracking began
    failures: int


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _free(now: datetime) -> Any:
    a = schema.articles
    return or_(a.c.fetch_locked_until.is_(None), a.c.fetch_locked_until < now)


def _due(now: datetime) -> Any:
    a = schema.articles
    return and_(a.c.next_fetch_at.is_not(None), a.c.next_fetch_at <= now, _free(now))


def any_due(conn: Connection, now: datetime) -> bool:
    """Whether :func:`claim` would find work: a cheap read before the write."""
    a = schema.articles
    return conn.execute(select(a.c.id).where(_due(now)).limit(1)).first() is not None


def claim(
    conn: Connection, *, worker: str, now: datetime, limit: int = 1,
    lease: timedelta = LEASE, article_id: int | None = None,
) -> list[Claimed]:
    """Lease up to ``limit`` due articles to ``worker``.  With ``article_id``, lease that
    article whether due or not (a fetch asked for now), unless another worker holds it."""
    a = schema.articles
    where = _free(now) if article_id is not None else _due(now)
    query = select(a.c.id).where(where)
    if article_id is not None:
        query = query.where(a.c.id == article_id)
    query = query.order_by(a.c.next_fetch_at, a.c.id).limit(limit)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    ids = list(conn.execute(query).scalars())
    if not ids:
        return []
    conn.execute(update(a).where(a.c.id.in_(ids))
                 .values(fetch_locked_until=now + lease, fetch_locked_by=worker))
    s = schema.sites
    rows = conn.execute(
        select(a.c.id, a.c.site_id, s.c.key, s.c.origins, s.c.exclude_selectors, a.c.url,
               a.c.title, a.c.lang, a.c.named_by, a.c.etag, a.c.last_modified,
               a.c.last_report_at, a.c.created_at, a.c.fetch_failures)
        .join(s, s.c.id == a.c.site_id)
        .where(a.c.id.in_(ids))
        .order_by(a.c.next_fetch_at, a.c.id)
    )
    return [
        Claimed(
            id=int(r.id), site_id=int(r.site_id), site_key=str(r.key),
            origins=tuple(r.origins or ()),
            exclude_selectors=tuple(str(x) for x in (r.exclude_selectors or ())),
            url=str(r.url), title=str(r.title), lang=str(r.lang), named_by=str(r.named_by),
            etag=r.etag or "", last_modified=r.last_modified or "",
            since=_aware(r.last_report_at or r.created_at), failures=int(r.fetch_failures),
        )
        for r in rows
    ]


def holds(conn: Connection, article_id: int, worker: str) -> bool:
    """Whether ``worker`` still holds the article's lease (and locks its row on
    PostgreSQL, so the outcome is stored by one worker only)."""
    a = schema.articles
    query = select(a.c.fetch_locked_by).where(a.c.id == article_id)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update()
    return conn.execute(query).scalar() == worker


def finish(
    conn: Connection, article_id: int, *, worker: str, now: datetime,
    next_at: datetime | None, error: str | None = None, failures: int = 0,
    etag: str | None = None, last_modified: str | None = None,
) -> bool:
    """Release the lease and schedule the next fetch; False when the lease was lost."""
    a = schema.articles
    values: dict[str, Any] = {
        "fetch_locked_until": None, "fetch_locked_by": None, "next_fetch_at": next_at,
        "fetched_at": now, "fetch_failures": failures,
        "last_fetch_error": None if error is None else error[:1000],
    }
    if etag is not None:
        values["etag"] = etag or None
    if last_modified is not None:
        values["last_modified"] = last_modified or None
    result = conn.execute(
        update(a).where(a.c.id == article_id, a.c.fetch_locked_by == worker).values(**values)
    )
    return result.rowcount == 1


def reported(
    conn: Connection, article_ids: Iterable[int], now: datetime, min_interval: timedelta
) -> None:
    """New reports on these articles: fetch each now, or ``min_interval`` after its last
    fetch if that was more recent; either way never later than already scheduled."""
    ids = sorted(set(article_ids))
    if not ids:
        return
    a = schema.articles
    conn.execute(update(a).where(a.c.id.in_(ids)).values(last_report_at=now))
    stale = or_(a.c.fetched_at.is_(None), a.c.fetched_at <= now - min_interval)
    conn.execute(
        update(a)
        .where(a.c.id.in_(ids), stale, or_(a.c.next_fetch_at.is_(None), a.c.next_fetch_at > now))
        .values(next_fetch_at=now)
    )
    soon = now + min_interval
    conn.execute(
        update(a)
        .where(a.c.id.in_(ids), ~stale,
               or_(a.c.next_fetch_at.is_(None), a.c.next_fetch_at > soon))
        .values(next_fetch_at=soon)
    )


def track(conn: Connection, article_id: int, now: datetime,
          tracked_from: TrackedFrom = TrackedFrom.FEED) -> None:
    """Start tracking an article (found in a feed, say): fetch it now unless it is
    scheduled already.  ``tracked_from`` is kept only for an article not yet reported."""
    a = schema.articles
    conn.execute(update(a).where(a.c.id == article_id, a.c.next_fetch_at.is_(None))
                 .values(next_fetch_at=now))
    if tracked_from is TrackedFrom.FEED:
        conn.execute(update(a).where(a.c.id == article_id, a.c.last_report_at.is_(None))
                     .values(tracked_from=TrackedFrom.FEED.value))
