"""Fixtures of the corrections tests: the dashboard's users plus a standards editor,
articles, versions and groups written straight to the schema, and helpers that draft,
publish, edit and withdraw through the domain functions (on SQLite and PostgreSQL)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Connection, select, update
from starlette.applications import Starlette
from starlette.testclient import TestClient

from copydesk import accounts
from copydesk.corrections import roles, store
from copydesk.corrections.model import Kind, Placement
from copydesk.models import Role, Site
from copydesk.storage import schema
from copydesk.triage import CLI
from tests.dashboard.conftest import PASSWORD, other_site, read, users, write

__all__ = ["other_site", "users"]

STANDARDS = "standards@news.example"
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def standards(app: Starlette, users: dict[str, accounts.User], site: Site) -> accounts.User:
    hashed = accounts.hash_password(PASSWORD)

    def run(conn: Connection) -> accounts.User:
        user = accounts.create_user(conn, STANDARDS, hashed, Role.EDITOR, [site.key])
        roles.set_standards(conn, user.id, [site.id])
        return user

    return write(app, run)  # type: ignore[no-any-return]


@dataclass
class Newsroom:
    """Writes what the tests need straight to the database."""

    app: Starlette
    site: Site

    def article(self, url: str = "https://news.example/story", title: str = "A story",
                site: Site | None = None) -> int:
        a = schema.articles
        site_id = (site or self.site).id
        return int(write(self.app, lambda conn: conn.execute(a.insert().values(
            site_id=site_id, url=url, title=title, lang="en", created_at=T0, updated_at=T0,
        ).returning(a.c.id)).scalar_one()))

    def version(self, article_id: int, text: str, *, minutes: int = 0,
                significant: bool = True) -> int:
        v = schema.article_versions
        return int(write(self.app, lambda conn: conn.execute(v.insert().values(
            article_id=article_id, content_hash=str(hash(text)), title="", text=text,
            fetched_at=T0 + timedelta(minutes=minutes), headline="Headline", byline="",
            significant=significant, extractor="trafilatura").returning(v.c.id)).scalar_one()))

    def group(self, article_id: int, *, exact: str = "teh", suggestion: str = "the",
              status: str = "new", **anchor: Any) -> int:
        g = schema.report_groups
        site_id = self.site.id

        def run(conn: Connection) -> int:
            gid = conn.execute(g.insert().values(
                site_id=site_id, article_id=article_id, status=status, exact=exact,
                prefix="In ", suffix=" end.", reporter_count=1, has_suggestion=True,
                created_at=T0, updated_at=T0, last_reported_at=T0, **anchor,
            ).returning(g.c.id)).scalar_one()
            conn.execute(schema.reports.insert().values(
                site_id=site_id, article_id=article_id, group_id=gid,
                url="https://news.example/story", exact=exact, prefix="In ", suffix=" end.",
                suggestion=suggestion, comment="", title="", lang="en", ip_hash="",
                created_at=T0))
            return int(gid)

        return int(write(self.app, run))

    def draft(self, article_id: int, text: str = "An earlier version misspelt “the”.", *,
              kind: Kind = Kind.CORRECTION, placement: Placement = Placement.BOTTOM,
              group_id: int | None = None, version_id: int | None = None) -> int:
        fields = store.Fields(kind, text, placement, corrects_version_id=version_id)
        return int(write(self.app, lambda conn: store.draft(conn, CLI, article_id, fields,
                                                            group_id=group_id)))

    def publish(self, correction_id: int, at: datetime | None = None) -> int:
        write(self.app, lambda conn: store.publish(conn, CLI, correction_id))
        if at is not None:
            c = schema.corrections
            write(self.app, lambda conn: conn.execute(update(c).where(
                c.c.id == correction_id).values(published_at=at, updated_at=at)))
        return correction_id

    def published(self, article_id: int, text: str = "An earlier version misspelt “the”.",
                  at: datetime | None = None, **options: Any) -> int:
        return self.publish(self.draft(article_id, text, **options), at)

    def edit(self, correction_id: int, text: str) -> None:
        row = self.row(correction_id)
        fields = store.Fields(Kind(row["type"]), text, Placement(row["placement"]),
                              corrects_version_id=row["corrects_version_id"])
        write(self.app, lambda conn: store.edit(conn, CLI, correction_id, fields))

    def withdraw(self, correction_id: int, note: str) -> None:
        write(self.app, lambda conn: store.withdraw(conn, CLI, correction_id, note))

    def row(self, correction_id: int) -> dict[str, Any]:
        c = schema.corrections
        return dict(read(self.app, lambda conn: conn.execute(
            select(c).where(c.c.id == correction_id)).mappings().one()))

    def set_site(self, **values: Any) -> None:
        s = schema.sites
        site_id = self.site.id
        write(self.app, lambda conn: conn.execute(update(s).where(s.c.id == site_id)
                                                  .values(**values)))


@pytest.fixture
def newsroom(app: Starlette, client: TestClient, site: Site) -> Newsroom:
    return Newsroom(app, site)
