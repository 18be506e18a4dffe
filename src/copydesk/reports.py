"""Reports and report groups: storing a reader's report and reading them back.

:func:`store` runs inside the writer's transaction.  It finds or creates the article
(by normalised URL), then looks for a group on that article whose quote overlaps the
new one (:mod:`copydesk.grouping`).  A match adds the report to the group and counts a
new reporter (the same reader, by the day's IP hash, counts once); no match makes a new
group and queues ``report.created`` in the outbox in the same transaction.  Reports
marked as spam get a group of their own in status ``spam`` and notify nobody.

An article's title and language are not the readers' to set.  A report's ``title``
and ``lang`` are a hint, used until copydesk has read the page: the first report that
gives one names the article, and a later report only fills what is still empty (it
never replaces a title or language, so a stranger cannot rename an article or turn
its proofreading off).  Once the proofreader has fetched the page
(:mod:`copydesk.proofread.integration`), the page's own title and language replace the
hint and ``articles.named_by`` becomes ``page``; from then on reports change nothing.
Each report keeps its own ``title`` and ``lang`` in ``reports`` as it sent them.

A report may carry a ``client_id`` (the widget gives each report one, and an API client
may send an ``Idempotency-Key``): the id is unique per site (``uq_reports_site_client``),
so a report that arrives twice — a resend after a lost answer, a retry after a 503 — is
stored once.  :func:`store` looks the id up after the article row is written (on
PostgreSQL that upsert holds the article's row lock until commit, so two arrivals of one
report on one article cannot both miss the other; on SQLite the writer is alone): the
same report again is answered with the first one's result (``Stored.replayed``), the
same id on a different report raises :class:`KeyReused` (answered 422).  This follows
the IETF httpapi draft "The Idempotency-Key HTTP Header Field".

On SQLite the writer is alone and its statements cost microseconds, so :func:`store`
runs them one by one and decides overlap in Python.  On PostgreSQL each statement is a
round trip to the server, and the same work is one round trip: the article upsert and
one statement for the rest, sent together (:mod:`copydesk.storage.pgingest`); only
announcing a new group to a site's channels (at most ``outbox.BURST`` a minute) costs
more.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Connection, and_, select

from copydesk import events, grouping, urls
from copydesk.ingest.payload import ReportPayload
from copydesk.models import JOINABLE_STATUSES, EventType, Quote, ReportStatus
from copydesk.notify import outbox
from copydesk.storage import pgingest, schema
from copydesk.storage.statement import Statement, timestamp

#: How many of an article's recent groups are compared with a new report.
CANDIDATES = 500
#: The time over which ``outbox.BURST`` new-group announcements of a site are counted.
_BURST_WINDOW = timedelta(minutes=1)

log = logging.getLogger("copydesk.notify")


class Report(NamedTuple):
    """What :func:`store` keeps of a validated report (and what the committer receives)."""

    url: str
    exact: str
    prefix: str
    suffix: str
    start: int | None
    end: int | None
    suggestion: str
    comment: str
    title: str
    lang: str
    client_id: str = ""

    @classmethod
    def of(cls, payload: ReportPayload, client_id: str = "") -> Report:
        return cls(payload.url, payload.exact, payload.prefix, payload.suffix, payload.start,
                   payload.end, payload.suggestion, payload.comment, payload.title,
                   payload.lang, client_id or payload.client_id or "")


@dataclass(frozen=True)
class Stored:
    """What the API answers: the report, its group, whether it joined an existing group,
    and whether this is an earlier arrival of the same report answered again."""

    id: int
    group: int
    duplicate: bool
    replayed: bool = False


class KeyReused(ValueError):
    """The report's ``client_id`` already names a different report of the site."""


# The ingest hot path runs these pre-built statements: building Core expressions per
# report cost more than the database work itself.  They are plain SQL that SQLite
# (3.35+) and PostgreSQL both accept.
# A hint fills an empty title or language of an article still named by readers, and
# nothing else; ``updated_at`` is when the title or language last changed.
_UPSERT_ARTICLE = Statement(
    """
    INSERT INTO articles (site_id, url, title, lang, created_at, updated_at)
    VALUES (:site_id, :url, :title, :lang, :now, :now)
    ON CONFLICT (site_id, url) DO UPDATE SET
        title = CASE WHEN articles.named_by = 'reader' AND articles.title = ''
            THEN excluded.title ELSE articles.title END,
        lang = CASE WHEN articles.named_by = 'reader' AND articles.lang = ''
            THEN excluded.lang ELSE articles.lang END,
        updated_at = CASE WHEN articles.named_by = 'reader' AND (
            (articles.title = '' AND excluded.title <> '')
            OR (articles.lang = '' AND excluded.lang <> ''))
            THEN excluded.updated_at ELSE articles.updated_at END
    RETURNING id
    """
)
# On PostgreSQL the upsert also locks the article row until commit, so two processes or
# machines cannot both create a group for the same quote.  On SQLite the writer holds the
# whole database, so the article is read first and written only when it is new or a
# hint fills its empty title or language.
_FIND_ARTICLE = Statement(
    "SELECT id, title, lang, named_by FROM articles WHERE site_id = :site_id AND url = :url"
)

_JOINABLE = ", ".join(f"'{s.value}'" for s in sorted(JOINABLE_STATUSES))
_CANDIDATES = Statement(
    f"""
    SELECT id, exact, prefix, suffix, start, "end" FROM report_groups
    WHERE article_id = :article_id AND status IN ({_JOINABLE})
    ORDER BY id DESC LIMIT {CANDIDATES}
    """  # noqa: S608 - constants only
)

_INSERT_GROUP = Statement(
    """
    INSERT INTO report_groups (site_id, article_id, status, exact, prefix, suffix, start,
        "end", reporter_count, has_suggestion, created_at, updated_at, last_reported_at)
    VALUES (:site_id, :article_id, :status, :exact, :prefix, :suffix, :start, :end, 1,
        :has_suggestion, :now, :now, :now)
    RETURNING id
    """
)

_JOIN_GROUP = Statement(
    """
    UPDATE report_groups SET
        reporter_count = reporter_count + CASE WHEN :ip_hash <> '' AND EXISTS (
            SELECT 1 FROM reports WHERE group_id = :group_id AND ip_hash = :ip_hash
        ) THEN 0 ELSE 1 END,
        has_suggestion = (has_suggestion OR :has_suggestion),
        last_reported_at = :now
    WHERE id = :group_id
    """
)

_INSERT_REPORT = Statement(
    """
    INSERT INTO reports (site_id, article_id, group_id, url, exact, prefix, suffix, start,
        "end", suggestion, comment, title, lang, ip_hash, spam_reason, client_id, created_at)
    VALUES (:site_id, :article_id, :group_id, :url, :exact, :prefix, :suffix, :start,
        :end, :suggestion, :comment, :title, :lang, :ip_hash, :spam_reason, :client_id, :now)
    RETURNING id
    """
)

# An earlier arrival of a report with this client id, and whether it was its group's
# first report (what its answer said as ``duplicate``).
_FIND_CLIENT = Statement(
    """
    SELECT r.id, r.group_id, r.article_id, r.exact, r.prefix, r.suffix, r.start, r."end",
        r.suggestion, r.comment,
        (SELECT MIN(o.id) FROM reports o WHERE o.group_id = r.group_id) AS first_id
    FROM reports r WHERE r.site_id = :site_id AND r.client_id = :client_id
    """
)


def _matching_group(conn: Connection, article_id: int, quote: Quote) -> int | None:
    for gid, exact, prefix, suffix, start, end in _CANDIDATES.rows(
        conn, {"article_id": article_id}
    ):
        if grouping.overlaps(quote, Quote(exact, prefix, suffix, start, end)):
            return int(gid)
    return None


def store(
    conn: Connection,
    site_id: int,
    report: Report,
    *,
    ip_hash: str,
    spam_reason: str | None,
    public_url: str = "",
) -> Stored:
    if conn.dialect.name == "postgresql":
        return _store_postgres(conn, site_id, report, ip_hash=ip_hash,
                               spam_reason=spam_reason, public_url=public_url)
    return _store_stepwise(conn, site_id, report, ip_hash=ip_hash, spam_reason=spam_reason,
                           public_url=public_url)


def _store_stepwise(conn: Connection, site_id: int, report: Report, *, ip_hash: str,
                    spam_reason: str | None, public_url: str) -> Stored:
    """:func:`store` a statement at a time, overlap decided in Python (SQLite's way; it
    works on PostgreSQL too, and the tests compare the two ways there)."""
    now = timestamp(conn, datetime.now(UTC))
    article_id = _article(conn, site_id, report, now)
    if report.client_id:
        earlier = _earlier_arrival(conn, site_id, article_id, report)
        if earlier is not None:
            return earlier
    quote = Quote(report.exact, report.prefix, report.suffix, report.start, report.end)
    group_id = None if spam_reason else _matching_group(conn, article_id, quote)
    duplicate = group_id is not None
    has_suggestion = _has_suggestion(report)
    if group_id is None:
        status = ReportStatus.SPAM if spam_reason else ReportStatus.NEW
        group_id = int(_INSERT_GROUP.scalar(conn, {
            "site_id": site_id, "article_id": article_id, "status": status.value,
            "exact": quote.exact, "prefix": quote.prefix, "suffix": quote.suffix,
            "start": quote.start, "end": quote.end, "has_suggestion": has_suggestion,
            "now": now,
        }))
    else:
        _JOIN_GROUP.rows(conn, {"group_id": group_id, "ip_hash": ip_hash,
                                   "has_suggestion": has_suggestion, "now": now})
    report_id = int(_INSERT_REPORT.scalar(conn, {
        "site_id": site_id, "article_id": article_id, "group_id": group_id,
        "url": report.url, "exact": report.exact, "prefix": report.prefix,
        "suffix": report.suffix, "start": report.start, "end": report.end,
        "suggestion": report.suggestion, "comment": report.comment,
        "title": report.title, "lang": report.lang, "ip_hash": ip_hash,
        "spam_reason": spam_reason, "client_id": report.client_id or None, "now": now,
    }))
    if not duplicate and not spam_reason:
        created = group_id
        outbox.enqueue(
            conn, site_id, EventType.REPORT_CREATED,
            lambda: event_payload(conn, created, public_url), burst=True,
        )
    return Stored(id=report_id, group=group_id, duplicate=duplicate)


def _store_postgres(conn: Connection, site_id: int, report: Report, *, ip_hash: str,
                    spam_reason: str | None, public_url: str) -> Stored:
    """:func:`store` in one round trip (see :mod:`copydesk.storage.pgingest`)."""
    stored, = _store_postgres_batch(conn, [Store(site_id, report, ip_hash=ip_hash,
                                                  spam_reason=spam_reason,
                                                  public_url=public_url)])
    if isinstance(stored, KeyReused):
        raise stored
    return stored


def _store_postgres_batch(conn: Connection, jobs: list[Store]) -> list[Stored | KeyReused]:
    """Every job's report in one call of :mod:`copydesk.storage.pgingest`'s function; a
    :class:`KeyReused` in place of a report whose client id names another (it stored
    nothing)."""
    now = datetime.now(UTC)
    rows = [{
        "site_id": job.site_id, "article_url": urls.normalise(job.report.url),
        "url": job.report.url, "exact": job.report.exact, "prefix": job.report.prefix,
        "suffix": job.report.suffix, "start": job.report.start, "end": job.report.end,
        "suggestion": job.report.suggestion, "comment": job.report.comment,
        "title": job.report.title, "lang": job.report.lang, "ip_hash": job.ip_hash,
        "spam_reason": job.spam_reason, "client_id": job.report.client_id or None,
        "status": (ReportStatus.SPAM if job.spam_reason else ReportStatus.NEW).value,
        "has_suggestion": _has_suggestion(job.report),
    } for job in jobs]
    answers: list[Stored | KeyReused] = []
    told: dict[int, int] = {}  # site -> outbox rows queued by this batch so far
    for job, (report_id, group_id, joined, replayed, same, channels, recent) in zip(
        jobs, pgingest.store_batch(conn, rows, now, now - _BURST_WINDOW, CANDIDATES),
        strict=True,
    ):
        if not same:
            answers.append(KeyReused(job.report.client_id))
            continue
        if channels:
            before = told.get(job.site_id, 0)
            told[job.site_id] = before + _announce(
                conn, job.site_id, int(group_id), channels, int(recent) + before,
                job.public_url)
        answers.append(Stored(id=int(report_id), group=int(group_id), duplicate=bool(joined),
                              replayed=bool(replayed)))
    return answers


@dataclass(frozen=True, slots=True)
class Store:
    """A writer job that stores one report (:func:`store`).

    The writer runs the jobs of a batch that are ``Store`` together
    (:meth:`together`): on PostgreSQL all their reports go to the server in one call,
    one round trip for the batch; on SQLite one after another, as alone.
    """

    site_id: int
    report: Report
    ip_hash: str
    spam_reason: str | None
    public_url: str = ""

    def __call__(self, conn: Connection) -> Stored:
        return store(conn, self.site_id, self.report, ip_hash=self.ip_hash,
                     spam_reason=self.spam_reason, public_url=self.public_url)

    @staticmethod
    def together(conn: Connection, jobs: list[Store]) -> list[Stored | KeyReused]:
        """Each job's answer: its report stored, or the :class:`KeyReused` it raised
        (that job stored nothing, and the others are stored)."""
        if conn.dialect.name == "postgresql":
            return _store_postgres_batch(conn, jobs)
        return [job(conn) for job in jobs]


def _announce(conn: Connection, site_id: int, group_id: int, channels: list[int],
              recent: int, public_url: str) -> int:
    """Queue ``report.created`` for a new group, as ``outbox.enqueue(..., burst=True)``
    would, with the channels and the last minute's count already read; how many outbox
    rows it queued."""
    if recent >= outbox.BURST * len(channels):
        log.warning("site %d: over %d new-group notifications a minute; this one is not sent",
                    site_id, outbox.BURST)
        return 0
    payload = event_payload(conn, group_id, public_url)
    for channel_id in channels:
        outbox.enqueue(conn, site_id, EventType.REPORT_CREATED, payload,
                       channel_id=channel_id)
    return len(channels)


def _earlier_arrival(conn: Connection, site_id: int, article_id: int,
                     report: Report) -> Stored | None:
    for (report_id, group_id, found_article, exact, prefix, suffix, start, end, suggestion,
         comment, first_id) in _FIND_CLIENT.rows(
        conn, {"site_id": site_id, "client_id": report.client_id}
    ):
        same = (found_article, exact, prefix, suffix, start, end, suggestion, comment) == (
            article_id, report.exact, report.prefix, report.suffix, report.start,
            report.end, report.suggestion, report.comment)
        if not same:
            raise KeyReused(report.client_id)
        return Stored(id=int(report_id), group=int(group_id),
                      duplicate=int(first_id) != int(report_id), replayed=True)
    return None


def _article(conn: Connection, site_id: int, report: Report, now: Any) -> int:
    url = urls.normalise(report.url)
    if conn.dialect.name == "sqlite":
        for found, title, lang, named_by in _FIND_ARTICLE.rows(
            conn, {"site_id": site_id, "url": url}
        ):
            fills = (report.title and not title) or (report.lang and not lang)
            if named_by != "reader" or not fills:
                return int(found)
    return int(_UPSERT_ARTICLE.scalar(conn, {
        "site_id": site_id, "url": url, "title": report.title, "lang": report.lang,
        "now": now,
    }))


def _has_suggestion(report: Report) -> bool:
    return bool(report.suggestion) and report.suggestion != report.exact


def event_payload(conn: Connection, group_id: int, public_url: str = "") -> dict[str, Any]:
    """The JSON of :func:`report_created`: what the outbox stores."""
    return events.dump(report_created(conn, group_id, public_url))


def report_created(
    conn: Connection, group_id: int, public_url: str = ""
) -> events.ReportCreated:
    """``report.created`` for a group: site, article, quote in context, its latest report.
    The other events about a group start from its parts (:mod:`copydesk.events`)."""
    g, a, s, r = schema.report_groups, schema.articles, schema.sites, schema.reports
    row = conn.execute(
        select(
            g.c.id, g.c.status, g.c.exact, g.c.prefix, g.c.suffix, g.c.reporter_count,
            a.c.url, a.c.title, s.c.key, s.c.name,
        )
        .join(a, a.c.id == g.c.article_id)
        .join(s, s.c.id == g.c.site_id)
        .where(g.c.id == group_id)
    ).one()
    latest = conn.execute(
        select(r.c.suggestion, r.c.comment)
        .where(r.c.group_id == group_id)
        .order_by(r.c.id.desc())
        .limit(1)
    ).first()
    base = public_url.rstrip("/")
    return events.ReportCreated(
        group=events.Group(
            id=row.id, status=row.status, exact=row.exact, prefix=row.prefix,
            suffix=row.suffix, reporter_count=row.reporter_count,
            suggestion=latest.suggestion if latest else "",
            comment=latest.comment if latest else "",
            dashboard_url=f"{base}/groups/{row.id}" if base else f"/groups/{row.id}",
        ),
        article=events.Article(url=row.url, title=row.title),
        site=events.Site(key=row.key, name=row.name),
    )


# ---------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class ReportFilter:
    """Which reports to read.  ``group_conditions`` are further SQL conditions on
    ``report_groups`` (the dashboard passes its queue's filters)."""

    site_key: str | None = None
    status: ReportStatus | None = None
    include_spam: bool = True
    group_conditions: tuple[ColumnElement[bool], ...] = ()


def iter_reports(conn: Connection, where: ReportFilter, batch: int = 1000) -> Iterator[
    dict[str, Any]
]:
    """Every report matching the filter, oldest first, with its group and article."""
    r, g, a, s = schema.reports, schema.report_groups, schema.articles, schema.sites
    conditions = []
    if where.site_key:
        conditions.append(s.c.key == where.site_key)
    if where.status:
        conditions.append(g.c.status == where.status.value)
    if not where.include_spam:
        conditions.append(g.c.status != ReportStatus.SPAM.value)
    conditions.extend(where.group_conditions)
    last = 0
    while True:
        rows = conn.execute(
            select(
                r.c.id, r.c.created_at, s.c.key.label("site"), g.c.id.label("group"),
                g.c.status, g.c.reporter_count, a.c.url.label("article_url"), r.c.url,
                r.c.title, r.c.lang, r.c.exact, r.c.prefix, r.c.suffix, r.c.start, r.c.end,
                r.c.suggestion, r.c.comment, r.c.spam_reason,
            )
            .join(g, g.c.id == r.c.group_id)
            .join(a, a.c.id == r.c.article_id)
            .join(s, s.c.id == r.c.site_id)
            .where(and_(r.c.id > last, *conditions))
            .order_by(r.c.id)
            .limit(batch)
        ).mappings().all()
        if not rows:
            return
        for row in rows:
            item = {str(k): v for k, v in row.items()}
            created = item["created_at"]
            if isinstance(created, datetime):
                if created.tzinfo is None:
                    created = created.replace(tzinfo=UTC)
                item["created_at"] = created.isoformat()
            yield item
        last = rows[-1]["id"]

