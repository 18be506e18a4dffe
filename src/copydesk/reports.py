"""Reports and report groups: storing a reader's report and reading them back.

:func:`store` runs inside the writer's transaction.  It finds or creates the article
(by normalised URL), then looks for a group on that article whose quote overlaps the
new one (:mod:`copydesk.grouping`).  A match adds the report to the group and counts a
new reporter (the same reader, by the day's IP hash, counts once); no match makes a new
group and queues ``report.created`` in the outbox in the same transaction.  Reports
marked as spam get a group of their own in status ``spam`` and notify nobody.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, and_, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from copydesk import grouping, urls
from copydesk.ingest.payload import ReportPayload
from copydesk.models import JOINABLE_STATUSES, EventType, Quote, ReportStatus, Site
from copydesk.notify import outbox
from copydesk.storage import schema

#: How many of an article's recent groups are compared with a new report.
CANDIDATES = 500


@dataclass(frozen=True)
class Stored:
    id: int
    group: int
    duplicate: bool


def _article(conn: Connection, site: Site, payload: ReportPayload, now: datetime) -> int:
    url = urls.normalise(payload.url)
    table = schema.articles
    insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    conn.execute(
        insert(table)
        .values(
            site_id=site.id, url=url, title=payload.title, lang=payload.lang,
            created_at=now, updated_at=now,
        )
        .on_conflict_do_nothing(index_elements=["site_id", "url"])
    )
    query = select(table.c.id, table.c.title, table.c.lang).where(
        table.c.site_id == site.id, table.c.url == url
    )
    if conn.dialect.name == "postgresql":
        # Serialise grouping per article across processes and machines.
        query = query.with_for_update()
    article_id, title, lang = conn.execute(query).one()
    if (payload.title and payload.title != title) or (payload.lang and payload.lang != lang):
        conn.execute(
            update(table)
            .where(table.c.id == article_id)
            .values(title=payload.title or title, lang=payload.lang or lang, updated_at=now)
        )
    return int(article_id)


def _matching_group(conn: Connection, article_id: int, quote: Quote) -> int | None:
    g = schema.report_groups
    rows = conn.execute(
        select(g.c.id, g.c.exact, g.c.prefix, g.c.suffix, g.c.start, g.c.end)
        .where(g.c.article_id == article_id, g.c.status.in_([s.value for s in JOINABLE_STATUSES]))
        .order_by(g.c.id.desc())
        .limit(CANDIDATES)
    )
    for gid, exact, prefix, suffix, start, end in rows:
        if grouping.overlaps(quote, Quote(exact, prefix, suffix, start, end)):
            return int(gid)
    return None


def store(
    conn: Connection,
    site: Site,
    payload: ReportPayload,
    *,
    ip_hash: str,
    spam_reason: str | None,
    public_url: str = "",
) -> Stored:
    now = datetime.now(UTC)
    article_id = _article(conn, site, payload, now)
    quote = Quote(payload.exact, payload.prefix, payload.suffix, payload.start, payload.end)
    group_id = None if spam_reason else _matching_group(conn, article_id, quote)
    g = schema.report_groups
    duplicate = group_id is not None
    if group_id is None:
        status = ReportStatus.SPAM if spam_reason else ReportStatus.NEW
        group_id = conn.execute(
            g.insert()
            .values(
                site_id=site.id, article_id=article_id, status=status.value,
                exact=quote.exact, prefix=quote.prefix, suffix=quote.suffix,
                start=quote.start, end=quote.end, reporter_count=1,
                has_suggestion=_has_suggestion(payload),
                created_at=now, updated_at=now, last_reported_at=now,
            )
            .returning(g.c.id)
        ).scalar_one()
    else:
        r = schema.reports
        seen = conn.execute(
            select(r.c.id).where(r.c.group_id == group_id, r.c.ip_hash == ip_hash).limit(1)
        ).first()
        values: dict[str, Any] = {"last_reported_at": now}
        if seen is None or not ip_hash:
            values["reporter_count"] = g.c.reporter_count + 1
        if _has_suggestion(payload):
            values["has_suggestion"] = True
        conn.execute(update(g).where(g.c.id == group_id).values(**values))
    report_id = conn.execute(
        schema.reports.insert()
        .values(
            site_id=site.id, article_id=article_id, group_id=group_id, url=payload.url,
            exact=payload.exact, prefix=payload.prefix, suffix=payload.suffix,
            start=payload.start, end=payload.end, suggestion=payload.suggestion,
            comment=payload.comment, title=payload.title, lang=payload.lang,
            ip_hash=ip_hash, spam_reason=spam_reason, created_at=now,
        )
        .returning(schema.reports.c.id)
    ).scalar_one()
    if not duplicate and not spam_reason:
        outbox.enqueue(
            conn, site.id, EventType.REPORT_CREATED,
            event_payload(conn, int(group_id), public_url),
        )
    return Stored(id=int(report_id), group=int(group_id), duplicate=duplicate)


def _has_suggestion(payload: ReportPayload) -> bool:
    return bool(payload.suggestion) and payload.suggestion != payload.exact


def event_payload(conn: Connection, group_id: int, public_url: str = "") -> dict[str, Any]:
    """What notifications say about a group: site, article, quote in context, reports."""
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
    return {
        "group": {
            "id": row.id, "status": row.status, "exact": row.exact, "prefix": row.prefix,
            "suffix": row.suffix, "reporter_count": row.reporter_count,
            "suggestion": latest.suggestion if latest else "",
            "comment": latest.comment if latest else "",
            "dashboard_url": f"{base}/groups/{row.id}" if base else f"/groups/{row.id}",
        },
        "article": {"url": row.url, "title": row.title},
        "site": {"key": row.key, "name": row.name},
    }


# ---------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class ReportFilter:
    site_key: str | None = None
    status: ReportStatus | None = None
    include_spam: bool = True


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


def count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(schema.reports)).scalar_one())
