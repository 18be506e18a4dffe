"""The article tracker: the ingest hook and the worker threads that fetch articles on
their schedule, store each new version, proofread it and re-anchor its groups.

The ingest hook only notes the reported group (in memory; the report is answered
already).  Each worker thread, in a loop:

1. schedules the noted reports' articles (:func:`copydesk.versions.queue.reported`, one
   write for all of them);
2. claims one due article under a lease (:func:`copydesk.versions.queue.claim`);
3. fetches it (:mod:`copydesk.proofread.fetch`: only on the site's origins, redirects
   checked hop by hop, private addresses refused unless ``allow_private_targets``,
   timeout and size cap), conditionally (ETag, Last-Modified), taking its turn for the
   host (:class:`copydesk.versions.hosts.HostGate`);
4. extracts the page's parts (:mod:`copydesk.versions.extraction`), refusing an
   extraction that collapsed (unless the same collapsed text came back
   :data:`COLLAPSE_REPEATS` times in a row: then the page did change);
5. proofreads the text (:mod:`copydesk.proofread.integration`) and, in one write
   transaction that first checks the lease is still held, names the article, stores
   the version (if it changed) with its findings, re-anchors its groups
   (:mod:`copydesk.versions.detection`) and schedules the next fetch
   (:mod:`copydesk.versions.schedule`).

A failure is logged in ``fetch_failures`` with its reason and backs the schedule off.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from sqlalchemy import Connection, select
from starlette.concurrency import run_in_threadpool

from copydesk import sites
from copydesk.ingest.payload import ReportPayload
from copydesk.models import Site
from copydesk.proofread import integration
from copydesk.proofread.dictionary import list_words
from copydesk.proofread.extract import ExtractionError, PageNames, looks_like_html
from copydesk.proofread.fetch import FetchError, Page, fetch
from copydesk.proofread.finding import Finding
from copydesk.proofread.variants import variant_of
from copydesk.reports import Stored
from copydesk.settings import Settings
from copydesk.storage import schema
from copydesk.storage.database import Database
from copydesk.urls import origin_allowed
from copydesk.versions import queue, store
from copydesk.versions.detection import reanchor_article
from copydesk.versions.extraction import Extracted, collapse, extract
from copydesk.versions.hosts import HostGate
from copydesk.versions.schedule import next_fetch
from copydesk.versions.store import Reason

log = logging.getLogger("copydesk.versions")

#: Seconds an idle worker waits before looking for due articles again.
POLL = 5.0
STOP_TIMEOUT = 15.0
#: The same collapsed text this many times in a row is taken as the page's new text.
COLLAPSE_REPEATS = 3

Fetcher = Callable[..., Page]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one fetch: ``new`` (a version stored), ``unchanged``,
    ``not_modified`` (304), ``failed`` (``reason``) or ``lost`` (the lease expired and
    another worker took the article)."""

    article_id: int
    result: str
    version_id: int | None = None
    reason: Reason | None = None
    detail: str = ""


def _reason(code: str) -> Reason:
    try:
        return Reason(code)
    except ValueError:
        return Reason.NETWORK


class ArticleTracker:
    """The ingest hook, and the worker threads that fetch tracked articles."""

    def __init__(self, settings: Settings, db: Database, *, fetcher: Fetcher = fetch,
                 worker: str | None = None) -> None:
        self.settings = settings
        self.db = db
        self.fetcher = fetcher
        self.worker = worker or f"{socket.gethostname()}:{os.getpid()}"
        self.gate = HostGate(settings.versions_per_host, settings.versions_host_delay_ms / 1000)
        self._pending: set[int] = set()
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []

    # ------------------------------------------------------------------ the service

    async def hook(self, site: Site, payload: ReportPayload, stored: Stored) -> None:
        """Note the reported group's article for fetching (a ``ReportHook``)."""
        with self._lock:
            self._pending.add(int(stored.group))
        self._wake.set()

    async def start(self) -> None:
        if self._threads:
            return
        self._stopping.clear()
        for i in range(self.settings.versions_workers):
            thread = threading.Thread(target=self._run, args=(f"{self.worker}:{i}",),
                                      name=f"versions-{i}", daemon=True)
            thread.start()
            self._threads.append(thread)

    async def stop(self) -> None:
        threads, self._threads = self._threads, []
        self._stopping.set()
        self._wake.set()
        for thread in threads:
            await run_in_threadpool(thread.join, STOP_TIMEOUT)

    def _run(self, worker: str) -> None:
        while not self._stopping.is_set():
            try:
                self.flush()
                outcome = self.run_once(worker)
            except Exception:
                log.exception("article fetch failed")
                outcome = None
            if outcome is None:
                self._wake.wait(POLL)
                self._wake.clear()

    # ------------------------------------------------------------------ the work

    def flush(self, now: datetime | None = None) -> None:
        """Schedule the articles of the reports noted since the last flush."""
        with self._lock:
            groups, self._pending = sorted(self._pending), set()
        if not groups:
            return
        when = now or datetime.now(UTC)
        interval = timedelta(seconds=self.settings.proofread_interval)

        def run(conn: Connection) -> None:
            g = schema.report_groups
            ids = conn.execute(select(g.c.article_id).where(g.c.id.in_(groups))).scalars()
            queue.reported(conn, list(ids), when, interval)

        self.db.write_sync(run)

    def run_once(self, worker: str | None = None, now: datetime | None = None) -> Outcome | None:
        """Claim one due article and fetch it; None when nothing is due."""
        worker = worker or self.worker
        when = now or datetime.now(UTC)
        if not self.db.read_sync(lambda conn: queue.any_due(conn, when)):
            return None
        claimed = self.db.write_sync(lambda conn: queue.claim(conn, worker=worker, now=when))
        return self.process(claimed[0], worker) if claimed else None

    def fetch_now(self, article_id: int, worker: str | None = None) -> Outcome | None:
        """Fetch one article now, due or not; None when another worker holds it."""
        worker = worker or self.worker
        when = datetime.now(UTC)
        claimed = self.db.write_sync(
            lambda conn: queue.claim(conn, worker=worker, now=when, article_id=article_id))
        return self.process(claimed[0], worker) if claimed else None

    def process(self, claimed: queue.Claimed, worker: str) -> Outcome:
        """Fetch, extract, proofread and store one claimed article (see the module)."""
        try:
            page = self._fetch(claimed)
        except FetchError as exc:
            return self._fail(claimed, worker, _reason(exc.reason), str(exc), exc.status)
        now = datetime.now(UTC)
        if page.not_modified:
            return self._done(claimed, worker, now, page, "not_modified")
        if not page.is_text:
            return self._fail(claimed, worker, Reason.NOT_HTML,
                              f"{page.url} is {page.media_type}, not text or HTML", page.status)
        try:
            extracted = self._extract(page, claimed)
        except ExtractionError as exc:
            return self._fail(claimed, worker, Reason.EXTRACTION, str(exc), page.status)
        previous = self.db.read_sync(lambda conn: store.latest(conn, claimed.id))
        if store.same(previous, extracted):
            return self._done(claimed, worker, now, page, "unchanged", extracted)
        if previous is not None:
            why = collapse(previous.text, extracted.text)
            if why is not None and not self._collapsed_before(claimed.id, extracted.text):
                detail = f"sha256:{store.text_hash(extracted.text)} {why}"
                return self._fail(claimed, worker, Reason.COLLAPSED, detail, page.status)
        return self._done(claimed, worker, now, page, "new", extracted)

    def _fetch(self, claimed: queue.Claimed) -> Page:
        if not origin_allowed(claimed.url, claimed.origins):
            raise FetchError(f"{claimed.url} is not on the site's origins", reason="off_origin")
        host = urlsplit(claimed.url).hostname or ""
        with self.gate.slot(host):
            return self.fetcher(
                claimed.url,
                allow_private=self.settings.allow_private_targets,
                allow_url=lambda candidate: origin_allowed(candidate, claimed.origins),
                etag=claimed.etag,
                last_modified=claimed.last_modified,
            )

    @staticmethod
    def _extract(page: Page, claimed: queue.Claimed) -> Extracted:
        body = page.text()
        if page.is_html or looks_like_html(body):
            return extract(body, url=page.url, exclude=claimed.exclude_selectors)
        text = body.strip()
        if not text:
            raise ExtractionError("the page is empty")
        return Extracted(text, extractor="plain")

    def _collapsed_before(self, article_id: int, text: str) -> bool:
        """Whether the last fetches all collapsed to this same text."""
        prior = self.db.read_sync(
            lambda conn: store.failures(conn, article_id, limit=COLLAPSE_REPEATS - 1))
        mark = f"sha256:{store.text_hash(text)} "
        return len(prior) == COLLAPSE_REPEATS - 1 and all(
            f.reason == Reason.COLLAPSED and f.detail.startswith(mark) for f in prior)

    def _schedule(self, claimed: queue.Claimed, now: datetime, failures: int) -> datetime | None:
        max_age = timedelta(days=self.settings.versions_max_age_days)
        return next_fetch(now, claimed.since, max_age=max_age, failures=failures)

    def _done(self, claimed: queue.Claimed, worker: str, now: datetime, page: Page,
              result: str, extracted: Extracted | None = None) -> Outcome:
        article = integration.Article(claimed.id, claimed.url, claimed.title, claimed.lang,
                                      claimed.named_by)
        findings: list[Finding] = []
        if result == "new" and extracted is not None:
            names = PageNames(extracted.title, extracted.lang)
            page_lang = integration.named(article, names).lang
            lang = integration.language(page_lang)
            if lang is not None:
                words, site_variant = self.db.read_sync(
                    lambda conn: (list_words(conn, claimed.site_id),
                                  sites.english_variant(conn, claimed.site_id)))
                published = extracted.published_at
                findings = integration.check(
                    extracted.text, lang, words,
                    variant=site_variant or variant_of(page_lang),
                    published=published.date() if published else None)
        next_at = self._schedule(claimed, now, 0)

        def write(conn: Connection) -> Outcome:
            if not queue.holds(conn, claimed.id, worker):
                return Outcome(claimed.id, "lost")
            version_id = None
            if extracted is not None:
                named = integration.name(conn, article, PageNames(extracted.title,
                                                                  extracted.lang), now)
                if result == "new":
                    version_id = store.store(conn, claimed.id, extracted, now, title=named.title)
                if version_id is not None:
                    integration.store_findings(conn, version_id, findings)
                    reanchor_article(conn, claimed.id, version_id, extracted.text, now,
                                     public_url=self.settings.public_url)
            queue.finish(conn, claimed.id, worker=worker, now=now, next_at=next_at,
                         etag=page.etag, last_modified=page.last_modified)
            return Outcome(claimed.id, result if version_id or result != "new" else "unchanged",
                           version_id)

        return self.db.write_sync(write)

    def _fail(self, claimed: queue.Claimed, worker: str, reason: Reason, detail: str,
              status: int | None = None) -> Outcome:
        now = datetime.now(UTC)
        failures = claimed.failures + 1
        next_at = self._schedule(claimed, now, failures)
        log.info("article not fetched: %s", detail, extra={"site": claimed.site_key})

        def write(conn: Connection) -> Outcome:
            if not queue.holds(conn, claimed.id, worker):
                return Outcome(claimed.id, "lost")
            store.record_failure(conn, claimed.id, reason, detail, now, http_status=status)
            queue.finish(conn, claimed.id, worker=worker, now=now, next_at=next_at,
                         error=f"{reason.value}: {detail}", failures=failures)
            return Outcome(claimed.id, "failed", reason=reason, detail=detail)

        return self.db.write_sync(write)
