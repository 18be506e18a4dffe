from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select

from copydesk import reports, sites
from copydesk.ingest.payload import parse as parse_payload
from copydesk.models import Site
from copydesk.settings import Settings
from copydesk.storage import schema
from copydesk.storage.database import Database
from copydesk.versions.tracker import ArticleTracker

from .server import Pages, serve


@pytest.fixture
def pages() -> Iterator[Pages]:
    with serve() as served:
        yield served


@dataclass
class World:
    db: Database
    settings: Settings
    site: Site
    pages: Pages

    def tracker(self, **options: Any) -> ArticleTracker:
        return ArticleTracker(self.settings, self.db, **options)

    def report(self, path: str, **fields: str) -> tuple[int, int]:
        """Store a report on ``path``; (article id, group id)."""
        body = {"site": self.site.key, "url": self.pages.url + path, "exact": "into to",
                "prefix": "He was drafted ", "suffix": " the army in 1944", "lang": "en",
                **fields}
        report = reports.Report.of(parse_payload(body))
        stored = self.db.write_sync(
            lambda conn: reports.store(conn, self.site.id, report, ip_hash="", spam_reason=None))
        article = self.db.read_sync(lambda conn: conn.execute(
            select(schema.report_groups.c.article_id)
            .where(schema.report_groups.c.id == stored.group)).scalar_one())
        return int(article), int(stored.group)

    def rows(self, table: Any, **where: Any) -> list[dict[str, Any]]:
        def run(conn: Any) -> list[dict[str, Any]]:
            query = select(table).order_by(table.c.id)
            for name, value in where.items():
                query = query.where(table.c[name] == value)
            return [dict(r) for r in conn.execute(query).mappings()]

        return self.db.read_sync(run)


@pytest.fixture
def world(settings: Settings, pages: Pages) -> Iterator[World]:
    settings = settings.replace(allow_private_targets=True, versions_host_delay_ms=0)
    db = Database(settings.database_url)
    db.start()
    site = db.write_sync(lambda conn: sites.create(conn, "Local", [pages.url], key="local"))
    yield World(db, settings, site, pages)
    db.close()


Make = Callable[..., World]
