"""Sites: who may send reports, from which origins.  Domain functions over storage.

A site's public key (the widget's ``data-site``) can be rotated: :func:`rotate_key`
gives it a new key and keeps the old one as ``previous_key`` until
``previous_key_until``, so pages that still carry the old key keep reporting through
the overlap; :func:`by_public_key` (what ingest looks up) accepts either until then.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, and_, delete, func, or_, select, update

from copydesk.i18n import N_, Text
from copydesk.models import Site
from copydesk.proofread.variants import Variant, parse_variant
from copydesk.storage import schema
from copydesk.storage.database import Database
from copydesk.urls import is_http_url, normalise_origin


class SiteError(ValueError):
    """A site cannot be created or found as asked."""


def _site(row: Sequence[Any]) -> Site:
    return Site(id=row[0], key=row[1], name=row[2], origins=tuple(row[3]))


_COLUMNS = (schema.sites.c.id, schema.sites.c.key, schema.sites.c.name, schema.sites.c.origins)


def new_key() -> str:
    """A random site key (96 bits, URL-safe) that never begins with ``-``: an admin
    passes keys to ``copydesk site …`` commands, where a leading dash reads as an
    option."""
    while True:
        key = secrets.token_urlsafe(12)
        if not key.startswith("-"):
            return key


def create(
    conn: Connection,
    name: str,
    origins: list[str],
    key: str | None = None,
    variant: str | None = None,
) -> Site:
    name = _name(name)
    cleaned = _origins(origins)
    chosen = _variant(variant) if variant else None
    key = key or new_key()
    if _key_taken(conn, key):
        raise SiteError(Text(N_("a site with key %(key)s exists already"), key=repr(key)))
    site_id = conn.execute(
        schema.sites.insert()
        .values(key=key, name=name, origins=cleaned, created_at=datetime.now(UTC),
                english_variant=chosen)
        .returning(schema.sites.c.id)
    ).scalar_one()
    return Site(id=site_id, key=key, name=name, origins=tuple(cleaned))


#: The longest site name the sites table takes.
NAME_MAX = 200


def _name(name: str) -> str:
    name = name.strip()
    if not name:
        raise SiteError(Text(N_("a site needs a name")))
    if len(name) > NAME_MAX:
        raise SiteError(Text(N_("a site's name has at most %(max)s characters"), max=NAME_MAX))
    return name


def _origins(origins: Sequence[str]) -> list[str]:
    if not origins:
        raise SiteError(Text(N_("a site needs at least one --origin")))
    cleaned = []
    for item in origins:
        if not is_http_url(item.replace("://*.", "://")):
            raise SiteError(Text(N_("origin %(origin)s is not an http(s) origin like "
                                     "https://news.example"), origin=repr(item)))
        cleaned.append(normalise_origin(item))
    return cleaned


def _key_taken(conn: Connection, key: str) -> bool:
    """Whether ``key`` is a site's key or any site's previous key (live or not: a page
    may still carry it)."""
    s = schema.sites
    return conn.execute(
        select(s.c.id).where(or_(s.c.key == key, s.c.previous_key == key)).limit(1)
    ).first() is not None


def all_sites(conn: Connection) -> list[Site]:
    return [_site(r) for r in conn.execute(select(*_COLUMNS).order_by(schema.sites.c.id))]


def by_key(conn: Connection, key: str) -> Site | None:
    row = conn.execute(select(*_COLUMNS).where(schema.sites.c.key == key)).first()
    return _site(row) if row else None


def by_id(conn: Connection, site_id: int) -> Site | None:
    row = conn.execute(select(*_COLUMNS).where(schema.sites.c.id == site_id)).first()
    return _site(row) if row else None


def _now() -> datetime:
    return datetime.now(UTC)


def by_public_key(conn: Connection, key: str, now: datetime | None = None) -> Site | None:
    """The site a report's ``data-site`` names: its key, or its previous key while the
    rotation's overlap lasts."""
    s = schema.sites
    row = conn.execute(
        select(*_COLUMNS).where(or_(
            s.c.key == key,
            and_(s.c.previous_key == key, s.c.previous_key_until > (now or _now())),
        )).order_by((s.c.key == key).desc()).limit(1)
    ).first()
    return _site(row) if row else None


def update_site(conn: Connection, site_id: int, name: str, origins: Sequence[str]) -> Site:
    """Change a site's name and origins (validated as :func:`create` does)."""
    site = _require_id(conn, site_id)
    cleaned = _origins(origins)
    conn.execute(update(schema.sites).where(schema.sites.c.id == site.id)
                 .values(name=_name(name), origins=cleaned))
    found = by_id(conn, site.id)
    assert found is not None
    return found


@dataclass(frozen=True)
class KeyState:
    key: str
    previous_key: str | None
    previous_key_until: datetime | None


def key_state(conn: Connection, site_id: int, now: datetime | None = None) -> KeyState:
    """The site's key and its previous key while the overlap lasts (else None)."""
    s = schema.sites
    row = conn.execute(select(s.c.key, s.c.previous_key, s.c.previous_key_until)
                       .where(s.c.id == site_id)).first()
    if row is None:
        raise SiteError(f"no site {site_id}")
    until = row.previous_key_until
    until = until.replace(tzinfo=UTC) if until is not None and until.tzinfo is None else until
    if row.previous_key is None or until is None or until <= (now or _now()):
        return KeyState(str(row.key), None, None)
    return KeyState(str(row.key), str(row.previous_key), until)


def rotate_key(conn: Connection, site_id: int, overlap_days: float,
               now: datetime | None = None) -> KeyState:
    """A new random key; the current one keeps working for ``overlap_days`` (0: ends
    now).  A rotation during an overlap ends the earlier previous key."""
    if not 0 <= overlap_days <= 365:
        raise SiteError(Text(N_("the overlap is 0 to 365 days")))
    site = _require_id(conn, site_id)
    key = new_key()
    while _key_taken(conn, key):  # pragma: no cover (96 random bits)
        key = new_key()
    until = (now or _now()) + timedelta(days=overlap_days)
    conn.execute(update(schema.sites).where(schema.sites.c.id == site.id)
                 .values(key=key, previous_key=site.key, previous_key_until=until))
    return key_state(conn, site.id, now)


@dataclass(frozen=True)
class Contents:
    """What removing a site deletes with it."""

    groups: int
    reports: int
    channels: int
    articles: int


def contents(conn: Connection, site_id: int) -> Contents:
    def count(table: Any) -> int:
        return int(conn.execute(select(func.count()).select_from(table)
                                .where(table.c.site_id == site_id)).scalar_one())

    return Contents(count(schema.report_groups), count(schema.reports),
                    count(schema.channels), count(schema.articles))


def remove(conn: Connection, site_id: int) -> bool:
    """Delete a site and everything of it (its groups, reports, articles, channels,
    queued notifications and audit rows go by the foreign keys' cascades)."""
    return conn.execute(delete(schema.sites).where(schema.sites.c.id == site_id)
                        ).rowcount == 1


#: At most this many exclude selectors per site, each at most this long.
MAX_SELECTORS, MAX_SELECTOR = 100, 500


def check_selectors(selectors: Sequence[str]) -> list[str]:
    """Cleaned CSS selectors (blank lines dropped); SiteError naming the first bad one."""
    from cssselect import GenericTranslator, SelectorError

    cleaned = [s.strip() for s in selectors if s.strip()]
    if len(cleaned) > MAX_SELECTORS:
        raise SiteError(Text(N_("at most %(max)s exclude selectors"), max=MAX_SELECTORS))
    translator = GenericTranslator()
    for selector in cleaned:
        if len(selector) > MAX_SELECTOR:
            raise SiteError(Text(N_("a selector has at most %(max)s characters"),
                                 max=MAX_SELECTOR))
        try:
            translator.css_to_xpath(selector)
        except (SelectorError, ValueError, NotImplementedError) as exc:
            raise SiteError(Text(N_("not a CSS selector copydesk can use: %(selector)s "
                                    "(%(reason)s)"), selector=repr(selector), reason=exc)
                            ) from None
    return cleaned


def exclude_selectors(conn: Connection, site_id: int) -> list[str]:
    value = conn.execute(select(schema.sites.c.exclude_selectors)
                         .where(schema.sites.c.id == site_id)).scalar()
    return [str(v) for v in (value or ())]


def set_exclude_selectors(conn: Connection, site_id: int, selectors: Sequence[str]
                          ) -> list[str]:
    """Replace the CSS selectors removed from the site's pages before extraction."""
    site = _require_id(conn, site_id)
    cleaned = check_selectors(selectors)
    conn.execute(update(schema.sites).where(schema.sites.c.id == site.id)
                 .values(exclude_selectors=cleaned))
    return cleaned


def _require_id(conn: Connection, site_id: int) -> Site:
    site = by_id(conn, site_id)
    if site is None:
        raise SiteError(f"no site {site_id}")
    return site


def require(conn: Connection, key: str) -> Site:
    site = by_key(conn, key)
    if site is None:
        raise SiteError(f"no site with key {key!r} (see 'copydesk site list')")
    return site


def _variant(value: str) -> Variant:
    try:
        return parse_variant(value)
    except ValueError as exc:
        raise SiteError(str(exc)) from None


def english_variant(conn: Connection, site_id: int) -> Variant | None:
    """The site's English variant ("en-GB"); None: the page's, else the text's own."""
    value = conn.execute(
        select(schema.sites.c.english_variant).where(schema.sites.c.id == site_id)
    ).scalar()
    return parse_variant(value) if value else None


def set_english_variant(conn: Connection, key: str, variant: str | None) -> Site:
    """Choose the site's English variant ("en-GB", "GB"); None or "auto" clears it."""
    site = require(conn, key)
    chosen = None if variant in (None, "", "auto") else _variant(str(variant))
    conn.execute(
        update(schema.sites).where(schema.sites.c.id == site.id).values(english_variant=chosen)
    )
    return site


class SiteCache:
    """Sites by key, cached for a few seconds so ingest does not read them per request.

    Unknown keys are cached too (as ``None``), so a flood of bad keys costs one read
    per key per TTL.
    """

    def __init__(self, db: Database, ttl: float = 5.0, max_entries: int = 10_000) -> None:
        self.db = db
        self.ttl = ttl
        self.max_entries = max_entries
        self._entries: dict[str, tuple[float, Site | None]] = {}

    async def get(self, key: str) -> Site | None:
        now = time.monotonic()
        hit = self._entries.get(key)
        if hit is not None and now - hit[0] < self.ttl:
            return hit[1]
        site = await self.db.read(lambda conn: by_public_key(conn, key))
        if len(self._entries) >= self.max_entries:
            self._entries.clear()
        self._entries[key] = (now, site)
        return site

    def clear(self) -> None:
        self._entries.clear()
