"""Retention: old spam and closed groups are purged (CLI and background service, once
an hour across processes); erasure deletes a reader's text and keeps an audit entry."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import Connection, func, select, update

from copydesk import reports, retention, sites
from copydesk.cli import main
from copydesk.models import ReportStatus, Site
from copydesk.reports import Report
from copydesk.settings import Settings
from copydesk.storage import schema
from copydesk.storage.database import Database

NOW = datetime.now(UTC)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database(db_url)
    yield database
    database.close()


@pytest.fixture
def site(db: Database) -> Site:
    return db.write_sync(lambda c: sites.create(c, "Daily", ["https://n.example"], key="r-key"))


def _group(db: Database, site: Site, exact: str, status: ReportStatus, days_old: int,
           *, readers: int = 1, comment: str = "secret reader comment") -> int:
    def job(conn: Connection) -> int:
        group = 0
        for i in range(readers):
            stored = reports.store(conn, site.id, Report(
                "https://n.example/a", exact, "before ", " after", None, None,
                f"fix {i}" if i else "", comment, "T", "en"), ip_hash=f"reader{i}",
                spam_reason="honeypot" if status is ReportStatus.SPAM else None)
            group = stored.group
        when = NOW - timedelta(days=days_old)
        g = schema.report_groups
        conn.execute(update(g).where(g.c.id == group).values(
            status=status.value, updated_at=when, last_reported_at=when))
        return group
    return db.write_sync(job)


def _groups(db: Database) -> set[int]:
    return set(db.read_sync(lambda c: c.execute(select(schema.report_groups.c.id)).scalars()))


def _count(db: Database, table: str) -> int:
    t = schema.metadata.tables[table]
    return int(db.read_sync(lambda c: c.execute(select(func.count()).select_from(t))
                            .scalar_one()))


def test_purge_deletes_only_what_is_past_its_retention(db: Database, site: Site) -> None:
    old_spam = _group(db, site, "spam one", ReportStatus.SPAM, 31)
    new_spam = _group(db, site, "spam two", ReportStatus.SPAM, 29)
    old_fixed = _group(db, site, "fixed one", ReportStatus.FIXED, 400, readers=3)
    old_rejected = _group(db, site, "rejected one", ReportStatus.REJECTED, 400)
    old_duplicate = _group(db, site, "duplicate one", ReportStatus.DUPLICATE, 400)
    old_new = _group(db, site, "new one", ReportStatus.NEW, 400)
    old_accepted = _group(db, site, "accepted one", ReportStatus.ACCEPTED, 400)
    everything = _groups(db)

    keep_closed = retention.Policy(spam_days=30, closed_days=0)  # the defaults
    assert db.read_sync(lambda c: retention.due(c, keep_closed, NOW)) == retention.Counts(1, 1)
    assert retention.purge(db, keep_closed, NOW) == retention.Counts(1, 1)
    assert _groups(db) == everything - {old_spam}
    assert new_spam in _groups(db)

    policy = retention.Policy(spam_days=30, closed_days=365)
    assert retention.purge(db, policy, NOW) == retention.Counts(3, 5)
    assert _groups(db) == {new_spam, old_new, old_accepted}
    assert not {old_fixed, old_rejected, old_duplicate} & _groups(db)
    assert _count(db, "reports") == 3
    actions = db.read_sync(lambda c: c.execute(
        select(schema.audit_log.c.action, schema.audit_log.c.note)
        .where(schema.audit_log.c.action == "purge").order_by(schema.audit_log.c.id)).all())
    assert [tuple(a) for a in actions] == [
        ("purge", "1 groups, 1 reports, 0 notifications"),
        ("purge", "3 groups, 5 reports, 0 notifications")]
    assert retention.purge(db, policy, NOW) == retention.Counts()  # nothing left: no entry
    assert retention.purge(db, retention.Policy(0, 0), NOW + timedelta(days=999)) == (
        retention.Counts())


def test_a_rejected_group_that_still_gets_reports_is_kept(db: Database, site: Site) -> None:
    group = _group(db, site, "rejected but reported", ReportStatus.REJECTED, 400)
    g = schema.report_groups
    db.write_sync(lambda c: c.execute(update(g).where(g.c.id == group)
                                      .values(last_reported_at=NOW - timedelta(days=2))))
    assert retention.purge(db, retention.Policy(30, 365), NOW) == retention.Counts()


def test_purge_in_batches(db: Database, site: Site) -> None:
    for i in range(7):
        _group(db, site, f"spam {i}", ReportStatus.SPAM, 60)
    done = db.write_sync(lambda c: retention.purge_batch(c, retention.Policy(), NOW, limit=3))
    assert done == retention.Counts(3, 3)
    assert retention.purge(db, retention.Policy(), NOW) == retention.Counts(4, 4)


def test_purge_command(db_url: str, db: Database, site: Site,
                       monkeypatch: pytest.MonkeyPatch) -> None:
    _group(db, site, "spam", ReportStatus.SPAM, 10)
    _group(db, site, "closed", ReportStatus.FIXED, 10)
    monkeypatch.setenv("COPYDESK_DATABASE_URL", db_url)
    monkeypatch.setenv("COPYDESK_RETENTION_SPAM_DAYS", "7")
    monkeypatch.setenv("COPYDESK_RETENTION_CLOSED_DAYS", "7")
    runner = CliRunner()
    dry = runner.invoke(main, ["purge", "--dry-run"])
    assert dry.exit_code == 0 and dry.output.strip() == (
        "would purge 2 groups, 2 reports, 0 notifications")
    assert len(_groups(db)) == 2
    done = runner.invoke(main, ["purge"])
    assert done.exit_code == 0 and done.output.strip() == (
        "purged 2 groups, 2 reports, 0 notifications")
    assert _groups(db) == set()
    monkeypatch.setenv("COPYDESK_RETENTION_SPAM_DAYS", "0")
    monkeypatch.setenv("COPYDESK_RETENTION_CLOSED_DAYS", "0")
    monkeypatch.setenv("COPYDESK_RETENTION_OUTBOX_DAYS", "0")
    assert "keeps everything" in runner.invoke(main, ["purge"]).output


def test_the_service_runs_once_an_hour_across_processes(db_url: str, db: Database,
                                                        site: Site) -> None:
    settings = Settings(database_url=db_url)
    first = retention.Retention(settings, Database(db_url))
    second = retention.Retention(settings, Database(db_url))  # another process's

    async def scenario() -> list[retention.Counts | None]:
        _group(db, site, "spam a", ReportStatus.SPAM, 40)
        ran = [await first.run_once(NOW), await second.run_once(NOW)]
        _group(db, site, "spam b", ReportStatus.SPAM, 40)
        ran.append(await second.run_once(NOW + timedelta(minutes=59)))
        ran.append(await second.run_once(NOW + timedelta(minutes=61)))
        return ran

    try:
        ran = asyncio.run(scenario())
    finally:
        first.db.close()
        second.db.close()
    assert ran == [retention.Counts(1, 1), None, None, retention.Counts(1, 1)]
    assert _groups(db) == set()


def test_the_service_purges_in_the_background(db_url: str, db: Database, site: Site) -> None:
    _group(db, site, "spam", ReportStatus.SPAM, 40)
    service = retention.Retention(Settings(database_url=db_url), db, every=3600, delay=0)

    async def scenario() -> None:
        await service.start()
        for _ in range(500):
            if not _groups(db):
                break
            await asyncio.sleep(0.02)
        await service.stop()

    asyncio.run(scenario())
    assert _groups(db) == set()


def test_erase_a_report_keeps_the_group_and_an_audit_entry(
    db_url: str, db: Database, site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    group = _group(db, site, "into to", ReportStatus.NEW, 0, readers=3)
    r = schema.reports
    ids = sorted(db.read_sync(lambda c: c.execute(
        select(r.c.id).where(r.c.group_id == group)).scalars()))
    monkeypatch.setenv("COPYDESK_DATABASE_URL", db_url)
    runner = CliRunner()
    result = runner.invoke(main, ["erase", "--report", str(ids[1]), "--by", "dpo@news.example"])
    assert result.exit_code == 0, result.output
    left = db.read_sync(lambda c: c.execute(
        select(r.c.id, r.c.comment).where(r.c.group_id == group).order_by(r.c.id)).all())
    assert [row.id for row in left] == [ids[0], ids[2]]
    g = schema.report_groups
    count, suggested = db.read_sync(lambda c: c.execute(
        select(g.c.reporter_count, g.c.has_suggestion).where(g.c.id == group)).one())
    assert count == 2 and suggested  # recounted; reader 2 still suggested a fix

    a = schema.audit_log
    entry = db.read_sync(lambda c: c.execute(
        select(a.c.actor, a.c.action, a.c.from_value, a.c.note, a.c.created_at)
        .where(a.c.action == "erase")).one())
    assert entry.actor == "dpo@news.example" and entry.from_value == f"report {ids[1]}"
    assert entry.created_at is not None
    assert "secret" not in " ".join(str(v) for v in entry)

    assert runner.invoke(main, ["erase", "--report", str(ids[1])]).exit_code == 1
    both = runner.invoke(main, ["erase", "--report", "1", "--group", "1"])
    assert both.exit_code == 2 and "one of --report ID or --group ID" in both.output


def test_erase_a_group_deletes_its_text_and_notifications(
    db_url: str, db: Database, site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    from copydesk.notify import channels

    db.write_sync(lambda c: channels.create(c, site.id, "webhook",
                                            {"url": "https://hooks.example/x"}))
    group = _group(db, site, "secret quote", ReportStatus.NEW, 0, readers=2)
    other = _group(db, site, "another quote", ReportStatus.NEW, 0)
    o = schema.outbox
    before = db.read_sync(lambda c: c.execute(select(o.c.payload)).scalars().all())
    assert any(p["group"]["id"] == group for p in before)
    monkeypatch.setenv("COPYDESK_DATABASE_URL", db_url)
    result = CliRunner().invoke(main, ["erase", "--group", str(group)])
    assert result.exit_code == 0 and "erased 2 reports, 1 group" in result.output
    assert _groups(db) == {other}
    after = db.read_sync(lambda c: c.execute(select(o.c.payload)).scalars().all())
    assert after and all(p["group"]["id"] == other for p in after)
    a = schema.audit_log
    entries = db.read_sync(lambda c: c.execute(
        select(a.c.from_value, a.c.note, a.c.site_id).where(a.c.action == "erase")).all())
    assert [tuple(e) for e in entries] == [(f"group {group}", "2 reports", site.id)]


def _message(db: Database, site: Site, status: str, days_old: int) -> int:
    when = NOW - timedelta(days=days_old)
    return int(db.write_sync(lambda c: c.execute(schema.outbox.insert().values(
        event_type="report.created", site_id=site.id, channel_id=None,
        idempotency_key=f"msg_{status}_{days_old}", payload={"comment": "reader text"},
        status=status, attempts=1, next_attempt_at=when, created_at=when,
    ).returning(schema.outbox.c.id)).scalar_one()))


def test_old_delivered_and_dead_notifications_are_purged(db: Database, site: Site) -> None:
    old_delivered = _message(db, site, "delivered", 40)
    old_dead = _message(db, site, "dead", 40)
    old_pending = _message(db, site, "pending", 40)
    recent = _message(db, site, "delivered", 5)
    policy = retention.Policy(spam_days=0, closed_days=0, outbox_days=30)
    assert db.read_sync(lambda c: retention.due(c, policy, NOW)).messages == 2
    assert retention.purge(db, policy, NOW) == retention.Counts(0, 0, 2)
    left = db.read_sync(lambda c: set(c.execute(select(schema.outbox.c.id)).scalars()))
    assert left == {old_pending, recent}
    assert old_delivered not in left and old_dead not in left
    # 0 keeps them for ever.
    keep = retention.Policy(spam_days=0, closed_days=0, outbox_days=0)
    assert keep.keeps_everything
