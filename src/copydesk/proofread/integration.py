"""Proofreading reported articles in the background.

Ingest calls :meth:`ArticleProofreader.hook` after a report is committed and answered.
The hook only puts the article on a queue, so the report API's response time does not
change. One worker thread per process then, for each queued article:

1. claims the article for this interval (``articles.fetched_at``, updated atomically:
   at most one fetch per article per ``proofread_interval`` seconds, across processes);
2. fetches its URL — only on the site's own allowed origins, redirects included, with
   the timeout, size cap and private-address refusal of :mod:`copydesk.proofread.fetch`
   (``allow_private_targets`` lifts the last);
3. names the article after the page: the page's own title and language
   (:func:`copydesk.proofread.extract.page_names`) replace the readers' hint, and
   ``articles.named_by`` becomes ``page``, so no report changes them again (what the
   page does not say keeps the hint);
4. extracts the article text, and when it changed since the last version stores a new
   ``article_versions`` row and the checker's ``findings`` for it, in the article's
   language (the page's, else the hint), using the site's newsroom dictionary.

An article whose page named it in a language the checker lacks is not fetched again;
one whose only language is a reader's hint is, since the page may say otherwise.

Failures are logged and never reach the reader or the ingest path.
"""

from __future__ import annotations

import hashlib
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, or_, select, update
from starlette.concurrency import run_in_threadpool

from copydesk.ingest.payload import ReportPayload
from copydesk.models import Site
from copydesk.proofread.checker import Checker
from copydesk.proofread.dictionary import list_words
from copydesk.proofread.extract import (
    ExtractionError,
    PageNames,
    extract_text,
    looks_like_html,
    page_names,
)
from copydesk.proofread.fetch import FetchError, Page, fetch
from copydesk.proofread.finding import Finding
from copydesk.proofread.lexicon import DictionaryMissingError
from copydesk.proofread.rule import LANGS, Lang
from copydesk.reports import Stored
from copydesk.settings import Settings
from copydesk.storage import schema
from copydesk.storage.database import Database
from copydesk.urls import origin_allowed

log = logging.getLogger("copydesk.proofread")

#: Articles waiting beyond this are dropped (and fetched on a later report).
MAX_QUEUED = 100
#: How long ``stop`` waits for the article being worked on.
STOP_TIMEOUT = 15.0

Fetcher = Callable[..., Page]


@dataclass(frozen=True, slots=True)
class Job:
    site: Site
    report_id: int


@dataclass(frozen=True, slots=True)
class Article:
    id: int
    url: str
    title: str
    lang: str
    named_by: str = "reader"


def language(tag: str) -> Lang | None:
    """The checker language for a BCP 47 tag ("en-GB" → "en"); None if unsupported."""
    primary = tag.strip().lower().replace("_", "-").split("-")[0] or "en"
    return next((lang for lang in LANGS if lang == primary), None)


def _article_of_report(conn: Connection, report_id: int) -> Article | None:
    r, a = schema.reports, schema.articles
    row = conn.execute(
        select(a.c.id, a.c.url, a.c.title, a.c.lang, a.c.named_by)
        .join(r, r.c.article_id == a.c.id)
        .where(r.c.id == report_id)
    ).first()
    if row is None:
        return None
    return Article(int(row[0]), str(row[1]), str(row[2]), str(row[3]), str(row[4]))


def name(conn: Connection, article: Article, names: PageNames, now: datetime) -> Article:
    """Give the article the page's own title and language; what the page lacks stays."""
    named = Article(article.id, article.url, names.title or article.title,
                    names.lang or article.lang, "page")
    values: dict[str, object] = {"named_by": "page"}
    if (named.title, named.lang) != (article.title, article.lang):
        values.update(title=named.title, lang=named.lang, updated_at=now)
    conn.execute(update(schema.articles).where(schema.articles.c.id == article.id)
                 .values(**values))
    return named


def claim(conn: Connection, article_id: int, interval: int, now: datetime) -> bool:
    """Mark the article fetched now unless it was fetched within ``interval`` seconds."""
    a = schema.articles
    result = conn.execute(
        update(a)
        .where(
            a.c.id == article_id,
            or_(a.c.fetched_at.is_(None), a.c.fetched_at < now - timedelta(seconds=interval)),
        )
        .values(fetched_at=now)
    )
    return result.rowcount == 1


def store_version(
    conn: Connection, article: Article, text: str, findings: list[Finding], now: datetime
) -> int | None:
    """Store the text as the article's newest version with its findings.

    Returns the new version's id, or None when the text is the same as the last one's.
    """
    v = schema.article_versions
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    last = conn.execute(
        select(v.c.content_hash).where(v.c.article_id == article.id).order_by(v.c.id.desc())
    ).first()
    if last is not None and last[0] == digest:
        return None
    version_id = conn.execute(
        v.insert()
        .values(
            article_id=article.id,
            content_hash=digest,
            title=article.title[:500],
            text=text,
            fetched_at=now,
        )
        .returning(v.c.id)
    ).scalar_one()
    if findings:
        conn.execute(
            schema.findings.insert(),
            [{"version_id": version_id, **finding.to_dict()} for finding in findings],
        )
    return int(version_id)


class ArticleProofreader:
    """The ingest hook and the worker thread that proofreads reported articles."""

    def __init__(self, settings: Settings, db: Database, *, fetcher: Fetcher = fetch) -> None:
        self.settings = settings
        self.db = db
        self.fetcher = fetcher
        self._queue: queue.Queue[Job | None] = queue.Queue(MAX_QUEUED)
        self._thread: threading.Thread | None = None

    async def hook(self, site: Site, payload: ReportPayload, stored: Stored) -> None:
        """Queue the reported article (a ``ReportHook``); returns at once."""
        if not self.settings.proofread_fetch:
            return
        try:
            self._queue.put_nowait(Job(site, int(stored.id)))
        except queue.Full:
            log.warning("proofreading queue full; article skipped", extra={"site": site.key})

    async def start(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="proofread", daemon=True)
            self._thread.start()

    async def stop(self) -> None:
        thread, self._thread = self._thread, None
        if thread is None:
            return
        self._queue.put(None)
        await run_in_threadpool(thread.join, STOP_TIMEOUT)

    def _run(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            try:
                self.proofread(job)
            except Exception:
                log.exception("proofreading failed", extra={"site": job.site.key})

    def proofread(self, job: Job) -> int | None:
        """Fetch, check and store one article; the new version's id, or None."""
        found = self.db.read_sync(lambda conn: _article_of_report(conn, job.report_id))
        if found is None or not origin_allowed(found.url, job.site.origins):
            return None
        if found.named_by == "page" and language(found.lang) is None:
            log.info("article language not proofread", extra={"site": job.site.key})
            return None
        now = datetime.now(UTC)
        interval = self.settings.proofread_interval
        if not self.db.write_sync(lambda conn: claim(conn, found.id, interval, now)):
            return None
        try:
            text, names = self._read(found.url, job.site)
        except (FetchError, ExtractionError) as exc:
            log.info("article not proofread: %s", exc, extra={"site": job.site.key})
            return None
        article = self.db.write_sync(lambda conn: name(conn, found, names, now))
        lang = language(article.lang)
        if lang is None:
            log.info("article language not proofread", extra={"site": job.site.key})
            return None
        words = self.db.read_sync(lambda conn: list_words(conn, job.site.id))
        findings = self._check(text, lang, words)
        return self.db.write_sync(lambda conn: store_version(conn, article, text, findings, now))

    def _read(self, url: str, site: Site) -> tuple[str, PageNames]:
        """The page's article text, and its own title and language."""
        page = self.fetcher(
            url,
            allow_private=self.settings.allow_private_targets,
            allow_url=lambda candidate: origin_allowed(candidate, site.origins),
        )
        if not page.is_text:
            raise FetchError(f"{page.url} is {page.media_type}, not text or HTML")
        if page.is_html or looks_like_html(page.text()):
            return extract_text(page.body, url=page.url), page_names(page.body, url=page.url)
        return page.text(), PageNames()

    @staticmethod
    def _check(text: str, lang: Lang, words: list[str]) -> list[Finding]:
        try:
            return Checker(extra_words=words, suggest=True).check(text, lang)
        except DictionaryMissingError as exc:
            log.warning("spelling not checked: %s", exc)
            rules = ["doubled", "collisions", "units", "typography"]
            return Checker(rules=rules).check(text, lang)
