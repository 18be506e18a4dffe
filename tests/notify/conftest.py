"""Fixtures for notification tests: a started context, a site, channels, events."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from copydesk import sites
from copydesk.app import build_context
from copydesk.context import Context
from copydesk.models import EventType, Site
from copydesk.notify import channels, outbox
from copydesk.notify.dispatcher import Dispatcher, Tuning
from copydesk.settings import Settings
from copydesk.storage import schema

FAST = Tuning(lease=30, poll=0.05, backoff_base=0.01, backoff_max=0.05, digest_check=3600)
#: Retries a minute away: one drain() tries each row once.
ONCE = Tuning(lease=30, poll=0.05, backoff_base=60, backoff_max=60, digest_check=3600)


@pytest.fixture
def notify_settings(settings: Settings) -> Settings:
    # Tests deliver to receivers on 127.0.0.1, so they allow private targets explicitly.
    return settings.replace(dispatcher=False, allow_private_targets=True,
                            public_url="https://desk.example")


@pytest.fixture
def ctx(notify_settings: Settings) -> Iterator[Context]:
    context = build_context(notify_settings)
    context.db.start()
    yield context
    context.db.close()


@pytest.fixture
def news(ctx: Context) -> Site:
    return ctx.db.write_sync(
        lambda conn: sites.create(conn, "Daily <News> & Co", ["https://news.example"],
                                  key="daily-key")
    )


def add_channel(ctx: Context, site: Site, kind: str, config: dict[str, Any]) -> int:
    return ctx.db.write_sync(lambda conn: channels.create(conn, site.id, kind, config))


def payload(**group: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": 7, "status": "new", "exact": "into to", "prefix": "He was drafted ",
        "suffix": " the army in May.", "reporter_count": 2, "suggestion": "into",
        "comment": "typo", "dashboard_url": "https://desk.example/groups/7",
    }
    base.update(group)
    return {
        "group": base,
        "article": {"url": "https://news.example/2026/11/army", "title": "Drafted"},
        "site": {"key": "daily-key", "name": "Daily"},
    }


def enqueue(ctx: Context, site: Site, data: dict[str, Any] | None = None,
            event: EventType = EventType.REPORT_CREATED) -> list[int]:
    return ctx.db.write_sync(
        lambda conn: outbox.enqueue(conn, site.id, event, data or payload())
    )


def dispatcher(ctx: Context, tuning: Tuning = FAST) -> Dispatcher:
    return Dispatcher(ctx.settings, ctx.db, tuning)


def outbox_rows(ctx: Context) -> list[dict[str, Any]]:
    def run(conn: Any) -> list[dict[str, Any]]:
        o = schema.outbox
        return [dict(r) for r in conn.execute(select(o).order_by(o.c.id)).mappings()]

    return ctx.db.read_sync(run)


@pytest.fixture
def make_group(ctx: Context, news: Site) -> Callable[[str, int], int]:
    """A group on one article with ``readers`` reports, written directly."""

    def make(exact: str, readers: int) -> int:
        def run(conn: Any) -> int:
            now = datetime.now(UTC)
            article = conn.execute(
                schema.articles.insert()
                .values(site_id=news.id, url=f"https://news.example/{exact.split()[0]}",
                        title="T", lang="en", created_at=now, updated_at=now)
                .returning(schema.articles.c.id)
            ).scalar_one()
            group = conn.execute(
                schema.report_groups.insert()
                .values(site_id=news.id, article_id=article, status="new", exact=exact,
                        reporter_count=readers, created_at=now, updated_at=now,
                        last_reported_at=now)
                .returning(schema.report_groups.c.id)
            ).scalar_one()
            conn.execute(schema.reports.insert().values(
                site_id=news.id, article_id=article, group_id=group, url="u", exact=exact,
                created_at=now))
            return int(group)

        return ctx.db.write_sync(run)

    return make
