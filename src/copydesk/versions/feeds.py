"""A site's feeds (RSS, Atom, sitemaps) and the articles found in them.

A feed's URL must be on one of its site's origins, and is stored normalised
(:func:`copydesk.urls.normalise`), once per site.  ``site_feeds.next_fetch_at`` says
when a feed is due; a poller claims it under a lease (``locked_until``/``locked_by``)
as :mod:`copydesk.versions.queue` claims articles: ``FOR UPDATE SKIP LOCKED`` on
PostgreSQL, the single writer on SQLite.  So no two processes poll one feed at once,
and a poller killed mid-poll loses nothing: its lease runs out and the feed is claimed
again.  What a poll found is stored by :func:`track` only while the poller still holds
the lease (:func:`holds`).

Every function runs inside a transaction (``Database.write``, or ``read`` for the
listings); none does network I/O (polling is :mod:`copydesk.versions.poller`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, and_, delete, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from copydesk.models import Site, TrackedFrom
from copydesk.storage import schema
from copydesk.urls import is_http_url, normalise, origin_allowed
from copydesk.versions.entries import Kind

#: How long a claim holds a feed: beyond a poll's fetches (the feed and a sitemap
#: index's sitemaps, each within its timeout).
LEASE = timedelta(minutes=5)
#: The longest wait between polls of a failing feed.
BACKOFF_MOST = timedelta(days=1)
_URL_MAX = 2048


class FeedError(ValueError):
    """A feed cannot be added or found as asked."""


@dataclass(frozen=True, slots=True)
class Feed:
    """A row of ``site_feeds``, with its site's key."""

    id: int
    site_id: int
    site_key: str
    url: str
    kind: str
    next_fetch_at: datetime | None
    failures: int
    last_error: str | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Claimed:
    """A feed leased to a poller, with what polling it needs."""

    id: int
    site_id: int
    origins: tuple[str, ...]
    url: str
    kind: str
    etag: str
    last_modified: str
    failures: int


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def feed_url(site: Site, url: str) -> str:
    """``url`` normalised, if it is an http(s) URL on one of the site's origins."""
    if not is_http_url(url.strip()):
        raise FeedError(f"{url!r} is not an http(s) URL")
    cleaned = normalise(url)
    if len(cleaned) > _URL_MAX:
        raise FeedError(f"the URL is longer than {_URL_MAX} characters")
    if not origin_allowed(cleaned, site.origins):
        raise FeedError(f"{cleaned} is not on the site's origins ({' '.join(site.origins)})")
    return cleaned


def add(conn: Connection, site: Site, url: str, kind: Kind, now: datetime) -> Feed:
    """Add a feed to ``site``, due for its first poll now."""
    cleaned = feed_url(site, url)
    f = schema.site_feeds
    if conn.execute(select(f.c.id).where(f.c.site_id == site.id, f.c.url == cleaned)).first():
        raise FeedError(f"the site has the feed {cleaned} already")
    try:
        feed_id = conn.execute(
            f.insert().values(site_id=site.id, url=cleaned, kind=kind.value,
                              next_fetch_at=now, created_at=now).returning(f.c.id)
        ).scalar_one()
    except IntegrityError:  # added by another process meanwhile
        raise FeedError(f"the site has the feed {cleaned} already") from None
    found = get(conn, int(feed_id))
    assert found is not None
    return found


def _feeds(conn: Connection, *where: Any) -> list[Feed]:
    f, s = schema.site_feeds, schema.sites
    rows = conn.execute(
        select(f.c.id, f.c.site_id, s.c.key, f.c.url, f.c.kind, f.c.next_fetch_at,
               f.c.failures, f.c.last_error, f.c.created_at)
        .join(s, s.c.id == f.c.site_id).where(*where).order_by(f.c.id)
    )
    return [
        Feed(id=int(r.id), site_id=int(r.site_id), site_key=str(r.key), url=str(r.url),
             kind=str(r.kind),
             next_fetch_at=None if r.next_fetch_at is None else _aware(r.next_fetch_at),
             failures=int(r.failures), last_error=r.last_error,
             created_at=_aware(r.created_at))
        for r in rows
    ]


def get(conn: Connection, feed_id: int) -> Feed | None:
    found = _feeds(conn, schema.site_feeds.c.id == feed_id)
    return found[0] if found else None


def list_feeds(conn: Connection, site_id: int | None = None) -> list[Feed]:
    """Every feed, or one site's, oldest first."""
    f = schema.site_feeds
    return _feeds(conn, *([] if site_id is None else [f.c.site_id == site_id]))


def remove(conn: Connection, feed_id: int) -> bool:
    """Remove a feed (the articles found in it stay); False when there was none."""
    f = schema.site_feeds
    return conn.execute(delete(f).where(f.c.id == feed_id)).rowcount == 1


def _due(now: datetime) -> Any:
    f = schema.site_feeds
    return and_(f.c.next_fetch_at.is_not(None), f.c.next_fetch_at <= now,
                or_(f.c.locked_until.is_(None), f.c.locked_until < now))


def any_due(conn: Connection, now: datetime) -> bool:
    """Whether :func:`claim` would find work: a cheap read before the write."""
    f = schema.site_feeds
    return conn.execute(select(f.c.id).where(_due(now)).limit(1)).first() is not None


def claim(conn: Connection, *, worker: str, now: datetime, limit: int = 1,
          lease: timedelta = LEASE) -> list[Claimed]:
    """Lease up to ``limit`` due feeds to ``worker``; feeds leased to others are skipped."""
    f, s = schema.site_feeds, schema.sites
    query = select(f.c.id).where(_due(now)).order_by(f.c.next_fetch_at, f.c.id).limit(limit)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    ids = list(conn.execute(query).scalars())
    if not ids:
        return []
    conn.execute(update(f).where(f.c.id.in_(ids))
                 .values(locked_until=now + lease, locked_by=worker))
    rows = conn.execute(
        select(f.c.id, f.c.site_id, s.c.origins, f.c.url, f.c.kind, f.c.etag,
               f.c.last_modified, f.c.failures)
        .join(s, s.c.id == f.c.site_id).where(f.c.id.in_(ids))
        .order_by(f.c.next_fetch_at, f.c.id)
    )
    return [
        Claimed(id=int(r.id), site_id=int(r.site_id), origins=tuple(r.origins or ()),
                url=str(r.url), kind=str(r.kind), etag=r.etag or "",
                last_modified=r.last_modified or "", failures=int(r.failures))
        for r in rows
    ]


def holds(conn: Connection, feed_id: int, worker: str) -> bool:
    """Whether ``worker`` still holds the feed's lease (and locks its row on PostgreSQL,
    so a poll's outcome is stored by one poller only)."""
    f = schema.site_feeds
    query = select(f.c.locked_by).where(f.c.id == feed_id)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update()
    return conn.execute(query).scalar() == worker


def next_poll(now: datetime, interval: timedelta, failures: int) -> datetime:
    """When to poll next: ``interval`` after a success; after ``failures`` consecutive
    failures the interval doubled that many times, up to :data:`BACKOFF_MOST`."""
    if failures <= 0:
        return now + interval
    return now + max(interval, min(interval * (1 << min(failures, 20)), BACKOFF_MOST))


def finish(
    conn: Connection, feed_id: int, *, worker: str, next_at: datetime, failures: int = 0,
    error: str | None = None, kind: Kind | None = None, etag: str | None = None,
    last_modified: str | None = None,
) -> bool:
    """Release the lease and schedule the next poll; False when the lease was lost.
    ``etag``/``last_modified``: the new validators ("" forgets them; None keeps them)."""
    f = schema.site_feeds
    values: dict[str, Any] = {
        "locked_until": None, "locked_by": None, "next_fetch_at": next_at,
        "failures": failures, "last_error": None if error is None else error[:1000],
    }
    if kind is not None:
        values["kind"] = kind.value
    if etag is not None:
        values["etag"] = etag[:512] or None
    if last_modified is not None:
        values["last_modified"] = last_modified[:64] or None
    result = conn.execute(
        update(f).where(f.c.id == feed_id, f.c.locked_by == worker).values(**values)
    )
    return result.rowcount == 1


@dataclass(frozen=True, slots=True)
class Link:
    """An article link to track: normalised URL, and the feed's title for it."""

    url: str
    title: str = ""


def article_url(origins: tuple[str, ...], url: str) -> str | None:
    """A found link as the article URL it names; None when it is not an http(s) URL on
    one of the site's origins (or too long to store)."""
    if not is_http_url(url.strip()):
        return None
    cleaned = normalise(url)
    if len(cleaned) > _URL_MAX or not origin_allowed(cleaned, origins):
        return None
    return cleaned


def track(conn: Connection, site_id: int, links: Iterable[Link], now: datetime, *,
          lang: str = "") -> list[tuple[int, str]]:
    """Create an article, due for fetching now and ``tracked_from='feed'``, for every
    link that is not an article of the site yet; the ``(id, url)`` of those created."""
    wanted = {link.url: link for link in links}
    if not wanted:
        return []
    a = schema.articles
    known = set(conn.execute(
        select(a.c.url).where(a.c.site_id == site_id, a.c.url.in_(list(wanted)))).scalars())
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    created: list[tuple[int, str]] = []
    for url, link in wanted.items():
        if url in known:
            continue
        statement = (
            dialect.insert(a)
            .values(site_id=site_id, url=url, title=link.title[:500], lang=lang[:35],
                    created_at=now, updated_at=now, next_fetch_at=now,
                    tracked_from=TrackedFrom.FEED.value)
            .on_conflict_do_nothing(index_elements=["site_id", "url"])
            .returning(a.c.id)
        )
        article_id = conn.execute(statement).scalar()
        if article_id is not None:  # None: a report created it meanwhile
            created.append((int(article_id), url))
    return created
