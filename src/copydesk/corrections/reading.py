"""Reading corrections back: one with its revisions, an article's, a site's public list
(filtered by kind and month, paged).  Drafts are never public (:data:`model.PUBLIC`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Select, func, select

from copydesk.corrections.model import (
    PUBLIC,
    Correction,
    Kind,
    Placement,
    Revision,
    Severity,
    Status,
)
from copydesk.storage import schema

#: Corrections on one public page (and in a feed).
PAGE_SIZE = 20


def aware(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _must(value: datetime | None) -> datetime:
    found = aware(value)
    assert found is not None
    return found


def _query() -> Select[Any]:
    c, a = schema.corrections, schema.articles
    return (select(c, a.c.url.label("article_url"), a.c.title.label("article_title"))
            .join(a, a.c.id == c.c.article_id))


def _revisions(conn: Connection, ids: Sequence[int]) -> dict[int, list[Revision]]:
    r = schema.correction_revisions
    found: dict[int, list[Revision]] = {i: [] for i in ids}
    if not ids:
        return found
    for row in conn.execute(select(r).where(r.c.correction_id.in_(ids)).order_by(r.c.id)):
        found[int(row.correction_id)].append(Revision(
            _must(row.created_at), str(row.actor), str(row.text_before), str(row.text_after)))
    return found


def _corrections(conn: Connection, query: Select[Any]) -> list[Correction]:
    rows = conn.execute(query).mappings().all()
    revisions = _revisions(conn, [int(r["id"]) for r in rows])
    return [Correction(
        id=int(r["id"]), site_id=int(r["site_id"]), article_id=int(r["article_id"]),
        group_id=None if r["group_id"] is None else int(r["group_id"]),
        kind=Kind(r["type"]), text=str(r["text"]), placement=Placement(r["placement"]),
        severity=Severity(r["severity"]),
        corrects_version_id=(None if r["corrects_version_id"] is None
                             else int(r["corrects_version_id"])),
        late_reason=str(r["late_reason"]), status=Status(r["status"]),
        created_by=str(r["created_by"]), created_at=_must(r["created_at"]),
        published_at=aware(r["published_at"]), updated_at=_must(r["updated_at"]),
        withdrawn_at=aware(r["withdrawn_at"]), withdrawal_note=str(r["withdrawal_note"]),
        article_url=str(r["article_url"]), article_title=str(r["article_title"]),
        revisions=tuple(revisions[int(r["id"])]),
    ) for r in rows]


def get(conn: Connection, correction_id: int) -> Correction | None:
    found = _corrections(conn, _query().where(schema.corrections.c.id == correction_id))
    return found[0] if found else None


def of_site(conn: Connection, site_id: int, *, status: str | None = None,
            limit: int = 200) -> list[Correction]:
    """A site's corrections, drafts included (for the dashboard), newest first."""
    c = schema.corrections
    query = _query().where(c.c.site_id == site_id)
    if status:
        query = query.where(c.c.status == status)
    return _corrections(conn, query.order_by(c.c.id.desc()).limit(limit))


def of_article(conn: Connection, article_id: int, *, public: bool = True) -> list[Correction]:
    """An article's corrections, oldest first (the order notices are read in)."""
    c = schema.corrections
    query = _query().where(c.c.article_id == article_id)
    if public:
        query = query.where(c.c.status.in_(PUBLIC))
    return _corrections(conn, query.order_by(c.c.published_at, c.c.id))


@dataclass(frozen=True)
class Page:
    corrections: list[Correction]
    number: int
    has_next: bool


def _month_range(month: date) -> tuple[datetime, datetime]:
    start = datetime(month.year, month.month, 1, tzinfo=UTC)
    end = (datetime(month.year + 1, 1, 1, tzinfo=UTC) if month.month == 12
           else datetime(month.year, month.month + 1, 1, tzinfo=UTC))
    return start, end


def public_page(conn: Connection, site_id: int, *, kind: str = "", month: date | None = None,
                page: int = 1, size: int = PAGE_SIZE) -> Page:
    """The site's public corrections, newest published first: page ``page`` (from 1),
    of one kind and one month (of publication) when asked."""
    c = schema.corrections
    query = _query().where(c.c.site_id == site_id, c.c.status.in_(PUBLIC))
    if kind:
        query = query.where(c.c.type == kind)
    if month is not None:
        start, end = _month_range(month)
        query = query.where(c.c.published_at >= start, c.c.published_at < end)
    query = (query.order_by(c.c.published_at.desc(), c.c.id.desc())
             .offset((page - 1) * size).limit(size + 1))
    found = _corrections(conn, query)
    return Page(found[:size], page, len(found) > size)


def version_key(conn: Connection, site_id: int) -> str:
    """What changes whenever the site's public corrections change: their count and the
    latest change, a cheap part of the ETag of every public output of the site."""
    c = schema.corrections
    row = conn.execute(select(func.count(), func.max(c.c.updated_at))
                       .where(c.c.site_id == site_id, c.c.status.in_(PUBLIC))).one()
    latest = aware(row[1])
    return f"{int(row[0])}:{latest.isoformat() if latest else ''}"
