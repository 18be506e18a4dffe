"""Article versions and failed fetches in the database.

A version is stored only when its text, headline or byline differ from the latest
version's; its text is kept whole, once per version, and diffs are computed from two
texts on demand (:mod:`copydesk.versions.diff`).  ``significant`` records whether the
change from the previous version is more than typography.

Failed or refused fetches and extractions go to ``fetch_failures`` with a reason code
(:class:`Reason`); only the last :data:`FAILURES_KEPT` per article are kept.
"""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, func, select

from copydesk.storage import schema
from copydesk.versions.diff import significant
from copydesk.versions.extraction import Extracted

FAILURES_KEPT = 20


class Reason(enum.StrEnum):
    """Why a fetch produced no version (``fetch_failures.reason``)."""

    TIMEOUT = "timeout"
    HTTP = "http"  # an HTTP error status (4xx, 5xx)
    TOO_LARGE = "too_large"
    REFUSED = "refused"  # a private address, refused by copydesk.net
    OFF_ORIGIN = "off_origin"  # redirected off the site's origins
    REDIRECTS = "redirects"
    NETWORK = "network"
    INVALID_URL = "invalid_url"
    NOT_HTML = "not_html"
    EXTRACTION = "extraction"  # no article text found
    COLLAPSED = "collapsed"  # far less text than the last version: not a new version


@dataclass(frozen=True, slots=True)
class Version:
    id: int
    article_id: int
    fetched_at: datetime
    text: str
    title: str
    headline: str
    byline: str
    published_at: datetime | None
    modified_at: datetime | None
    significant: bool
    extractor: str


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _aware(value: datetime | None) -> datetime | None:
    return value if value is None or value.tzinfo else value.replace(tzinfo=UTC)


def _version(r: Any) -> Version:
    """A :class:`Version` from a row of ``article_versions``."""
    return Version(
        id=int(r.id), article_id=int(r.article_id),
        fetched_at=_aware(r.fetched_at) or datetime.now(UTC), text=r.text, title=r.title,
        headline=r.headline, byline=r.byline, published_at=_aware(r.published_at),
        modified_at=_aware(r.modified_at), significant=bool(r.significant),
        extractor=r.extractor,
    )


def latest(conn: Connection, article_id: int) -> Version | None:
    v = schema.article_versions
    row = conn.execute(
        select(v).where(v.c.article_id == article_id).order_by(v.c.id.desc()).limit(1)
    ).first()
    return None if row is None else _version(row)


def get(conn: Connection, version_id: int) -> Version | None:
    v = schema.article_versions
    row = conn.execute(select(v).where(v.c.id == version_id)).first()
    return None if row is None else _version(row)


def versions(conn: Connection, article_id: int) -> list[Version]:
    """The article's versions, oldest first."""
    v = schema.article_versions
    rows = conn.execute(select(v).where(v.c.article_id == article_id).order_by(v.c.id))
    return [_version(row) for row in rows]


def count(conn: Connection, article_id: int) -> int:
    v = schema.article_versions
    return int(conn.execute(
        select(func.count()).select_from(v).where(v.c.article_id == article_id)).scalar_one())


def same(version: Version | None, extracted: Extracted) -> bool:
    """Whether ``extracted`` is what ``version`` holds already (text, headline, byline)."""
    return version is not None and (
        version.text, version.headline, version.byline
    ) == (extracted.text, extracted.headline, extracted.byline)


def store(conn: Connection, article_id: int, extracted: Extracted, now: datetime,
          *, title: str = "") -> int | None:
    """Store ``extracted`` as the article's newest version; its id, or None when it is
    the same as the latest version."""
    previous = latest(conn, article_id)
    if same(previous, extracted):
        return None
    edit = True
    if previous is not None:
        edit = (significant(previous.text, extracted.text)
                or significant(previous.headline, extracted.headline)
                or significant(previous.byline, extracted.byline))
    v = schema.article_versions
    version_id = conn.execute(
        v.insert().values(
            article_id=article_id, content_hash=text_hash(extracted.text),
            title=(title or extracted.title)[:500], text=extracted.text, fetched_at=now,
            headline=extracted.headline[:500], byline=extracted.byline[:500],
            published_at=extracted.published_at, modified_at=extracted.modified_at,
            significant=edit, extractor=extracted.extractor[:16],
        ).returning(v.c.id)
    ).scalar_one()
    return int(version_id)


@dataclass(frozen=True, slots=True)
class Failure:
    id: int
    created_at: datetime
    reason: str
    detail: str
    http_status: int | None


def record_failure(conn: Connection, article_id: int, reason: Reason, detail: str,
                   now: datetime, *, http_status: int | None = None) -> None:
    """Log a failed fetch or extraction, keeping the article's last few."""
    f = schema.fetch_failures
    conn.execute(f.insert().values(article_id=article_id, reason=reason.value,
                                   detail=detail[:2000], http_status=http_status,
                                   created_at=now))
    keep = (select(f.c.id).where(f.c.article_id == article_id)
            .order_by(f.c.id.desc()).limit(FAILURES_KEPT))
    conn.execute(delete(f).where(f.c.article_id == article_id, f.c.id.not_in(keep)))


def failures(conn: Connection, article_id: int, limit: int = FAILURES_KEPT) -> list[Failure]:
    """The article's logged failures, newest first."""
    f = schema.fetch_failures
    rows = conn.execute(select(f).where(f.c.article_id == article_id)
                        .order_by(f.c.id.desc()).limit(limit))
    return [Failure(int(r.id), _aware(r.created_at) or datetime.now(UTC), r.reason, r.detail,
                    r.http_status) for r in rows]
