"""Sites: who may send reports, from which origins.  Domain functions over storage."""

from __future__ import annotations

import secrets
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select, update

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


def create(
    conn: Connection,
    name: str,
    origins: list[str],
    key: str | None = None,
    variant: str | None = None,
) -> Site:
    name = name.strip()
    if not name:
        raise SiteError("a site needs a name")
    if not origins:
        raise SiteError("a site needs at least one --origin")
    cleaned = []
    for item in origins:
        if not is_http_url(item.replace("://*.", "://")):
            raise SiteError(f"origin {item!r} is not an http(s) origin like https://news.example")
        cleaned.append(normalise_origin(item))
    chosen = _variant(variant) if variant else None
    key = key or secrets.token_urlsafe(12)
    if conn.execute(select(schema.sites.c.id).where(schema.sites.c.key == key)).first():
        raise SiteError(f"a site with key {key!r} exists already")
    site_id = conn.execute(
        schema.sites.insert()
        .values(key=key, name=name, origins=cleaned, created_at=datetime.now(UTC),
                english_variant=chosen)
        .returning(schema.sites.c.id)
    ).scalar_one()
    return Site(id=site_id, key=key, name=name, origins=tuple(cleaned))


def all_sites(conn: Connection) -> list[Site]:
    return [_site(r) for r in conn.execute(select(*_COLUMNS).order_by(schema.sites.c.id))]


def by_key(conn: Connection, key: str) -> Site | None:
    row = conn.execute(select(*_COLUMNS).where(schema.sites.c.key == key)).first()
    return _site(row) if row else None


def by_id(conn: Connection, site_id: int) -> Site | None:
    row = conn.execute(select(*_COLUMNS).where(schema.sites.c.id == site_id)).first()
    return _site(row) if row else None


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
        site = await self.db.read(lambda conn: by_key(conn, key))
        if len(self._entries) >= self.max_entries:
            self._entries.clear()
        self._entries[key] = (now, site)
        return site

    def clear(self) -> None:
        self._entries.clear()
