"""The feed poller: finds a site's new articles in its feeds, so they are versioned from
publication.

A step: claim due feeds under a lease (:func:`copydesk.versions.feeds.claim`), fetch
each outside any transaction, then store what was found while the lease is still held.
A fetch goes through :func:`copydesk.proofread.fetch.fetch`, and so through the SSRF
guard of :mod:`copydesk.net`: the feed and every redirect must stay on the site's
origins, the body is capped (:attr:`Tuning.max_bytes`) and so is the time
(:attr:`Tuning.timeout`).  The request is conditional (ETag, Last-Modified): a ``304``
finds nothing and costs nothing.

What a poll keeps (:func:`select`): each entry's link normalised
(:func:`copydesk.urls.normalise`), only on the site's origins, not older than
``versions_max_age_days`` when dated, newest first, at most :attr:`Tuning.max_links`.
A sitemap index is followed one level: its newest :attr:`Tuning.max_sitemaps` sitemaps
on the site's origins are fetched in the same poll (an index inside them is not
followed), and the index's validators are not kept, since its sitemaps change without
it.  Every new link becomes an article (``tracked_from='feed'``, due now) for the
article fetcher (:mod:`copydesk.versions.queue`).

A failed poll (fetch error, HTTP error, unreadable or unsafe XML) is kept in
``site_feeds.last_error`` and the feed waits longer after each consecutive failure
(:func:`copydesk.versions.feeds.next_poll`).  Polls run every ``feeds_interval``
seconds per feed; :class:`FeedPoller` is a :class:`~copydesk.context.Service`, and
``copydesk feeds poll`` runs one step from the command line.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial

from sqlalchemy import Connection

from copydesk.background import LoopTasks
from copydesk.proofread.fetch import FetchError, Page, fetch
from copydesk.settings import Settings
from copydesk.storage.database import Database
from copydesk.urls import origin_allowed
from copydesk.versions import entries, feeds
from copydesk.versions.entries import Entry, FormatError, Kind

log = logging.getLogger("copydesk.versions")


@dataclass(frozen=True)
class Tuning:
    max_bytes: int = 5 * 1024 * 1024  # of one feed or sitemap (decompressed, too)
    timeout: float = 10.0  # seconds for one fetch, redirects and body included
    max_entries: int = 50_000  # entries read from one document (a sitemap's limit)
    max_links: int = 200  # links kept from one poll
    max_sitemaps: int = 10  # sitemaps of an index fetched in one poll
    batch: int = 5  # feeds claimed at once
    idle: float = 30.0  # seconds between looks for due feeds
    lease: timedelta = feeds.LEASE


@dataclass(frozen=True)
class Fetched:
    """What fetching one claimed feed gave (no database involved)."""

    kind: Kind | None = None
    entries: tuple[Entry, ...] = ()
    lang: str = ""
    not_modified: bool = False
    etag: str | None = None  # None: keep the stored validators
    last_modified: str | None = None
    error: str | None = None  # the poll failed
    problems: tuple[str, ...] = ()  # sitemaps of an index that failed or were refused


@dataclass(frozen=True)
class Result:
    """One poll, as stored."""

    feed_id: int
    url: str
    found: int = 0  # links kept (on the site's origins, recent, within the cap)
    off_origin: int = 0
    created: tuple[str, ...] = ()  # URLs of the new articles
    not_modified: bool = False
    error: str | None = None
    problems: tuple[str, ...] = ()
    lost: bool = False  # the lease ran out before the outcome could be stored


def fetch_feed(feed: feeds.Claimed, *, allow_private: bool, tuning: Tuning) -> Fetched:
    """Fetch and read one feed, and a sitemap index's sitemaps (network I/O only)."""
    def allow(url: str) -> bool:
        return origin_allowed(url, feed.origins)

    def get(url: str, etag: str = "", last_modified: str = "") -> Page:
        return fetch(url, allow_private=allow_private, timeout=tuning.timeout,
                     max_bytes=tuning.max_bytes, allow_url=allow, etag=etag,
                     last_modified=last_modified)

    def read(page: Page) -> entries.Found:
        return entries.parse(page.body, base=page.url, max_bytes=tuning.max_bytes,
                             max_entries=tuning.max_entries)

    try:
        page = get(feed.url, feed.etag, feed.last_modified)
        if page.not_modified:
            return Fetched(not_modified=True)
        found = read(page)
    except (FetchError, FormatError) as exc:
        return Fetched(error=f"{exc.reason}: {exc}")
    if not found.sitemaps:
        return Fetched(found.kind, found.entries, found.lang, etag=page.etag,
                       last_modified=page.last_modified)
    links: list[Entry] = []
    problems: list[str] = []
    for child in _newest(found.sitemaps)[: tuning.max_sitemaps]:
        if feeds.article_url(feed.origins, child.url) is None:
            problems.append(f"{child.url}: not on the site's origins")
            continue
        try:
            inner = read(get(child.url))
        except (FetchError, FormatError) as exc:
            problems.append(f"{child.url}: {exc.reason}: {exc}")
            continue
        links.extend(inner.entries)  # one level: an index in an index is not followed
    return Fetched(Kind.SITEMAP, tuple(links), etag="", last_modified="",
                   problems=tuple(problems))


def _newest(found: Iterable[Entry]) -> list[Entry]:
    """Dated entries newest first, then the undated in their order."""
    listed = list(found)
    dated = sorted((e for e in listed if e.when is not None),
                   key=lambda e: e.when or datetime.min, reverse=True)
    return dated + [e for e in listed if e.when is None]


def select(origins: tuple[str, ...], found: Iterable[Entry], *, now: datetime,
           max_age: timedelta, max_links: int) -> tuple[list[feeds.Link], int]:
    """The links to track (see the module), and how many were off the site's origins."""
    kept: dict[str, feeds.Link] = {}
    off_origin = 0
    for entry in _newest(found):
        url = feeds.article_url(origins, entry.url)
        if url is None:
            off_origin += 1
            continue
        if entry.when is not None and entry.when < now - max_age:
            continue
        if len(kept) < max_links and url not in kept:
            kept[url] = feeds.Link(url, entry.title)
    return list(kept.values()), off_origin


def store(conn: Connection, feed: feeds.Claimed, fetched: Fetched, *, worker: str,
          now: datetime, settings: Settings, tuning: Tuning) -> Result:
    """Store one poll's outcome, if ``worker`` still holds the feed (a write job)."""
    if not feeds.holds(conn, feed.id, worker):
        return Result(feed.id, feed.url, lost=True)
    interval = timedelta(seconds=settings.feeds_interval)
    if fetched.error is not None:
        failures = feed.failures + 1
        feeds.finish(conn, feed.id, worker=worker, failures=failures, error=fetched.error,
                     next_at=feeds.next_poll(now, interval, failures))
        return Result(feed.id, feed.url, error=fetched.error)
    links, off_origin = select(
        feed.origins, fetched.entries, now=now, max_links=tuning.max_links,
        max_age=timedelta(days=settings.versions_max_age_days))
    created = feeds.track(conn, feed.site_id, links, now, lang=fetched.lang)
    problems = "; ".join(fetched.problems)
    feeds.finish(conn, feed.id, worker=worker, next_at=feeds.next_poll(now, interval, 0),
                 error=problems or None, kind=fetched.kind, etag=fetched.etag,
                 last_modified=fetched.last_modified)
    return Result(feed.id, feed.url, found=len(links), off_origin=off_origin,
                  created=tuple(url for _, url in created),
                  not_modified=fetched.not_modified, problems=fetched.problems)


def worker_id() -> str:
    """This poller's name in ``site_feeds.locked_by``: host, process, random part."""
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class FeedPoller:
    """A :class:`~copydesk.context.Service`: ``start()`` runs the polling loop as a task."""

    def __init__(self, settings: Settings, db: Database, tuning: Tuning | None = None) -> None:
        self.settings = settings
        self.db = db
        self.tuning = tuning or Tuning()
        self.id = worker_id()
        self._tasks = LoopTasks("copydesk-feeds")

    async def start(self) -> None:
        self._tasks.start(self.run)

    async def stop(self) -> None:
        await self._tasks.stop()

    async def run(self, stop: asyncio.Event) -> None:
        """Poll due feeds until ``stop`` is set (a poll in progress is finished first)."""
        while not stop.is_set():
            try:
                polled = await self.step()
            except Exception:  # e.g. the database restarting: keep going
                log.exception("feed poller step failed; retrying")
                polled = []
            if not polled:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), self.tuning.idle)

    async def step(self) -> list[Result]:
        """Claim the due feeds (a batch) and poll them, one after another."""
        now = datetime.now(UTC)
        if not await self.db.read(partial(feeds.any_due, now=now)):
            return []
        claimed = await self.db.write(partial(
            feeds.claim, worker=self.id, now=now, limit=self.tuning.batch,
            lease=self.tuning.lease))
        results = []
        for feed in claimed:
            fetched = await asyncio.to_thread(
                fetch_feed, feed, allow_private=self.settings.allow_private_targets,
                tuning=self.tuning)
            results.append(await self.db.write(partial(
                store, feed=feed, fetched=fetched, worker=self.id, now=datetime.now(UTC),
                settings=self.settings, tuning=self.tuning)))
        return results

    def poll_due(self) -> list[Result]:
        """Poll every feed due now, blocking (``copydesk feeds poll``)."""
        results: list[Result] = []
        while True:
            now = datetime.now(UTC)
            claimed = self.db.write_sync(partial(
                feeds.claim, worker=self.id, now=now, limit=self.tuning.batch,
                lease=self.tuning.lease))
            if not claimed:
                return results
            for feed in claimed:
                fetched = fetch_feed(feed, allow_private=self.settings.allow_private_targets,
                                     tuning=self.tuning)
                results.append(self.db.write_sync(partial(
                    store, feed=feed, fetched=fetched, worker=self.id,
                    now=datetime.now(UTC), settings=self.settings, tuning=self.tuning)))
