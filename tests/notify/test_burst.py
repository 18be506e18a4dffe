"""A burst of new groups announces at most outbox.BURST of them a minute per site."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, update

from copydesk import reports
from copydesk.context import Context
from copydesk.models import Site
from copydesk.notify import outbox
from copydesk.storage import schema
from tests.notify.conftest import add_channel


def _report(n: int) -> reports.Report:
    # Quotes far apart in distinct articles: every report makes its own group.
    return reports.Report(f"https://news.example/story-{n}", f"mistake number {n}", "", "",
                          None, None, "", "", "Story", "en")


def _store(ctx: Context, site: Site, n: int) -> reports.Stored:
    return ctx.db.write_sync(lambda conn: reports.store(
        conn, site.id, _report(n), ip_hash=f"reader-{n}", spam_reason=None))


def _announced(ctx: Context, site: Site) -> int:
    o = schema.outbox
    return int(ctx.db.read_sync(lambda conn: conn.execute(
        select(func.count()).where(o.c.site_id == site.id,
                                   o.c.event_type == "report.created")).scalar_one()))


def _groups(ctx: Context, site: Site) -> int:
    g = schema.report_groups
    return int(ctx.db.read_sync(lambda conn: conn.execute(
        select(func.count()).where(g.c.site_id == site.id)).scalar_one()))


def test_a_burst_of_new_groups_is_announced_at_most_burst_times(ctx: Context,
                                                                 news: Site) -> None:
    add_channel(ctx, news, "webhook", {"url": "http://127.0.0.1:9/hook"})
    add_channel(ctx, news, "webhook", {"url": "http://127.0.0.1:9/other"})
    for n in range(outbox.BURST + 25):
        _store(ctx, news, n)
    assert _groups(ctx, news) == outbox.BURST + 25  # every report is stored
    assert _announced(ctx, news) == outbox.BURST * 2  # two channels, BURST each


def test_announcements_resume_when_the_minute_has_passed(ctx: Context, news: Site) -> None:
    add_channel(ctx, news, "webhook", {"url": "http://127.0.0.1:9/hook"})
    for n in range(outbox.BURST + 5):
        _store(ctx, news, n)
    assert _announced(ctx, news) == outbox.BURST
    earlier = datetime.now(UTC) - timedelta(minutes=2)
    ctx.db.write_sync(lambda conn: conn.execute(
        update(schema.outbox).values(created_at=earlier)))
    _store(ctx, news, 1000)
    assert _announced(ctx, news) == outbox.BURST + 1


def test_other_sites_are_not_held_back(ctx: Context, news: Site) -> None:
    from copydesk import sites

    other = ctx.db.write_sync(lambda conn: sites.create(
        conn, "Other", ["https://news.example"], key="other-key"))
    add_channel(ctx, news, "webhook", {"url": "http://127.0.0.1:9/hook"})
    add_channel(ctx, other, "webhook", {"url": "http://127.0.0.1:9/other"})
    for n in range(outbox.BURST + 5):
        _store(ctx, news, n)
    ctx.db.write_sync(lambda conn: reports.store(
        conn, other.id, _report(1), ip_hash="x", spam_reason=None))
    assert _announced(ctx, other) == 1
