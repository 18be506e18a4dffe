"""A site as its public corrections pages see it (name, language, policy, origins) and
finding one of its articles by id or address; the site settings corrections add."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, select, update

from copydesk.corrections.reading import aware
from copydesk.corrections.strings import LANGUAGES
from copydesk.storage import schema
from copydesk.urls import is_http_url, normalise


class SettingError(ValueError):
    """A corrections setting of a site that cannot be used."""


@dataclass(frozen=True)
class PublicSite:
    id: int
    key: str
    name: str
    origins: tuple[str, ...]
    created_at: datetime
    lang: str
    policy_url: str
    announce: bool


def by_key(conn: Connection, key: str) -> PublicSite | None:
    s = schema.sites
    row = conn.execute(select(s).where(s.c.key == key)).first()
    if row is None:
        return None
    created = aware(row.created_at)
    assert created is not None
    return PublicSite(int(row.id), str(row.key), str(row.name), tuple(row.origins), created,
                      str(row.public_lang), str(row.corrections_policy_url or ""),
                      bool(row.announce_corrections))


@dataclass(frozen=True)
class Article:
    id: int
    url: str
    title: str


def find_article(conn: Connection, site_id: int, ref: str) -> Article | None:
    """The site's article ``ref`` names: an id (digits) or its address (normalised as
    reports' addresses are)."""
    a = schema.articles
    query = select(a.c.id, a.c.url, a.c.title).where(a.c.site_id == site_id)
    ref = ref.strip()
    if ref.isascii() and ref.isdigit() and len(ref) <= 18:
        query = query.where(a.c.id == int(ref))
    elif is_http_url(ref):
        query = query.where(a.c.url == normalise(ref))
    else:
        return None
    row = conn.execute(query).first()
    return Article(int(row.id), str(row.url), str(row.title)) if row else None


def configure(conn: Connection, site_id: int, *, lang: str, policy_url: str,
              announce: bool) -> None:
    """Set a site's public language, corrections-policy address and announcements."""
    if lang not in LANGUAGES:
        raise SettingError(f"the language is one of {', '.join(LANGUAGES)}")
    policy_url = policy_url.strip()
    if policy_url and (not is_http_url(policy_url) or len(policy_url) > 2048):
        raise SettingError("the corrections policy is an http(s) address")
    s = schema.sites
    conn.execute(update(s).where(s.c.id == site_id).values(
        public_lang=lang, corrections_policy_url=policy_url or None,
        announce_corrections=announce))


def last_changed(conn: Connection, article_id: int) -> datetime | None:
    """When the article's text last changed as far as copydesk knows: its latest
    version's own modification date, else when that version was seen."""
    v = schema.article_versions
    row = conn.execute(select(v.c.modified_at, v.c.fetched_at).where(v.c.article_id == article_id)
                       .order_by(v.c.id.desc()).limit(1)).first()
    if row is None:
        return None
    return aware(row.modified_at or row.fetched_at)
