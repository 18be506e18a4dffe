"""Leases, the schedule, diffs, and fix detection end to end (a report, then the page
fixed); on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from copydesk import triage
from copydesk.models import ReportStatus
from copydesk.notify import message, render
from copydesk.storage import schema
from copydesk.versions import diff, queue, schedule

from .conftest import World
from .server import PARAGRAPHS, article

NOW = datetime(2026, 11, 3, 12, 0, tzinfo=UTC)


def _due(world: World, article_id: int) -> None:
    world.db.write_sync(lambda conn: conn.execute(
        schema.articles.update().where(schema.articles.c.id == article_id)
        .values(next_fetch_at=NOW)))


def test_two_claimers_never_get_the_same_article_and_an_expired_lease_is_claimed_again(
    world: World,
) -> None:
    article_id, _ = world.report("/a")
    _due(world, article_id)
    first = world.db.write_sync(lambda conn: queue.claim(conn, worker="a", now=NOW, limit=5))
    second = world.db.write_sync(lambda conn: queue.claim(conn, worker="b", now=NOW, limit=5))
    assert [c.id for c in first] == [article_id] and second == []
    later = NOW + queue.LEASE + timedelta(seconds=1)
    again = world.db.write_sync(lambda conn: queue.claim(conn, worker="b", now=later))
    assert [c.id for c in again] == [article_id]
    # The first worker lost its lease: its outcome is not recorded.
    assert not world.db.write_sync(lambda conn: queue.finish(
        conn, article_id, worker="a", now=later, next_at=None))
    assert world.db.write_sync(lambda conn: queue.finish(
        conn, article_id, worker="b", now=later, next_at=None))


def test_a_new_report_brings_the_next_fetch_forward(world: World) -> None:
    article_id, _ = world.report("/a")
    far = NOW + timedelta(days=1)
    world.db.write_sync(lambda conn: conn.execute(
        schema.articles.update().where(schema.articles.c.id == article_id)
        .values(next_fetch_at=far, fetched_at=NOW - timedelta(hours=2))))
    world.db.write_sync(lambda conn: queue.reported(conn, [article_id], NOW, timedelta(hours=1)))
    (row,) = world.rows(schema.articles, id=article_id)
    assert row["next_fetch_at"].replace(tzinfo=UTC) == NOW


def test_the_schedule_backs_off_and_stops() -> None:
    max_age = timedelta(days=30)
    steps = [schedule.next_fetch(NOW, NOW - age, max_age=max_age)
             for age in (timedelta(0), timedelta(hours=3), timedelta(days=2), timedelta(days=9))]
    gaps = [step - NOW for step in steps if step is not None]
    assert gaps == sorted(gaps) and len(gaps) == 4
    assert gaps[0] <= timedelta(minutes=15) and gaps[-1] >= timedelta(hours=12)
    assert schedule.next_fetch(NOW, NOW - timedelta(days=31), max_age=max_age) is None
    failing = [schedule.next_fetch(NOW, NOW, max_age=max_age, failures=n) for n in range(1, 12)]
    assert all(f is not None and f - NOW >= timedelta(minutes=5) for f in failing)
    assert failing[-1] - NOW == schedule.FAILURE_MOST  # type: ignore[operator]


def test_typography_is_not_an_edit() -> None:
    assert not diff.significant('He said "no" - twice.', "He said \u201cno\u201d \u2014 twice.")
    assert diff.significant("He said no twice.", "He said yes twice.")
    rendered = diff.render(diff.word_diff("the cat sat", "the dog sat"))
    assert rendered == "the [-cat -]{+dog +}sat"


def test_a_fix_is_detected_notified_and_confirmed(world: World) -> None:
    channel_id = world.db.write_sync(lambda conn: conn.execute(
        schema.channels.insert().values(site_id=world.site.id, kind="webhook",
                                        config={"url": "http://127.0.0.1:9/"}, enabled=True,
                                        created_at=NOW).returning(schema.channels.c.id)
    ).scalar_one())
    world.pages.set("/a", article())
    article_id, group_id = world.report("/a", suggestion="into")
    tracker = world.tracker()
    tracker.fetch_now(article_id)
    (group,) = world.rows(schema.report_groups, id=group_id)
    assert group["anchor_state"] == "unchanged" and group["anchor_version_id"] is not None
    with pytest.raises(triage.TriageError):
        world.db.write_sync(lambda conn: triage.confirm_fix(conn, triage.CLI, group_id))

    fixed = [PARAGRAPHS[0], PARAGRAPHS[1].replace("into to", "into"), *PARAGRAPHS[2:]]
    world.pages.set("/a", article(fixed))
    tracker.fetch_now(article_id)
    (group,) = world.rows(schema.report_groups, id=group_id)
    assert group["anchor_state"] == "fixed" and group["status"] == "new"
    (event,) = world.rows(schema.outbox, event_type="group.fix_detected")
    assert event["channel_id"] == channel_id
    assert event["payload"]["fix"]["text"] == "into"
    # Another version with the fix still there: no second event.
    world.pages.set("/a", article([*fixed, "A later paragraph about the weekend forecast."]))
    tracker.fetch_now(article_id)
    assert len(world.rows(schema.outbox, event_type="group.fix_detected")) == 1

    world.db.write_sync(lambda conn: triage.confirm_fix(conn, triage.CLI, group_id))
    (group,) = world.rows(schema.report_groups, id=group_id)
    assert group["status"] == ReportStatus.FIXED
    (audit,) = world.rows(schema.audit_log, group_id=group_id)
    assert (audit["from_value"], audit["to_value"]) == ("new", "fixed")


def test_a_group_fixed_by_hand_whose_quote_is_still_there_is_flagged(world: World) -> None:
    world.pages.set("/a", article())
    article_id, group_id = world.report("/a", suggestion="into")
    world.db.write_sync(lambda conn: triage.change_status(
        conn, triage.CLI, group_id, ReportStatus.FIXED))
    tracker = world.tracker()
    tracker.fetch_now(article_id)
    (group,) = world.rows(schema.report_groups, id=group_id)
    assert group["fix_flag"] is True and group["anchor_state"] == "unchanged"
    world.pages.set("/a", article([PARAGRAPHS[0], PARAGRAPHS[1].replace("into to", "into"),
                                   *PARAGRAPHS[2:]]))
    tracker.fetch_now(article_id)
    (group,) = world.rows(schema.report_groups, id=group_id)
    assert group["fix_flag"] is False and group["anchor_state"] == "fixed"
    assert world.rows(schema.outbox, event_type="group.fix_detected") == []


def test_the_fix_event_renders_escaped_in_every_format() -> None:
    payload = {"group": {"exact": "into to", "prefix": "drafted ", "suffix": " the army"},
               "article": {"url": "https://news.example/a", "title": "Army"},
               "site": {"key": "daily", "name": "Daily"},
               "fix": {"text": "into <b>@everyone</b> & <!channel>"}}
    m = message.from_event("group.fix_detected", payload)
    assert m.headline.startswith("Fix detected")
    assert "<b>" not in render.email_html(m) and "&lt;b&gt;" in render.email_html(m)
    assert "<!channel>" not in render.slack(m)
    assert "into <b>" not in render.telegram(m)
    assert "@everyone" not in render.discord(m)
    assert "The article now reads: into <b>@everyone</b>" in render.text(m)
