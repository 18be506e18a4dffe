"""SQLite's full-text index is filled by the writer, one statement per batch."""

from __future__ import annotations

import threading

from alembic import command
from sqlalchemy import Connection, delete, text

from copydesk import reports, sites
from copydesk.ingest.payload import ReportPayload
from copydesk.models import Site
from copydesk.storage import fulltext, migrate, schema
from copydesk.storage.database import Database


def _payload(exact: str, comment: str = "") -> reports.Report:
    return reports.Report.of(ReportPayload(site="k", url=f"https://n.example/{exact}",
                                           exact=exact, comment=comment))


def _store(db: Database, site: Site, exact: str, comment: str = "") -> int:
    stored = db.write_sync(lambda conn: reports.store(
        conn, site.id, _payload(exact, comment), ip_hash="", spam_reason=None))
    return stored.id


def _store_at_0002(conn: Connection) -> int:
    now = "2026-01-01 00:00:00.000000"
    site = conn.execute(text(
        "INSERT INTO sites (key, name, origins, created_at) "
        "VALUES ('k', 'S', '[\"https://n.example\"]', :now) RETURNING id"), {"now": now}
    ).scalar_one()
    article = conn.execute(text(
        "INSERT INTO articles (site_id, url, title, lang, created_at, updated_at) "
        "VALUES (:s, 'https://n.example/a', '', '', :now, :now) RETURNING id"),
        {"s": site, "now": now}).scalar_one()
    group = conn.execute(text(
        "INSERT INTO report_groups (site_id, article_id, status, exact, prefix, suffix, "
        "reporter_count, has_suggestion, created_at, updated_at, last_reported_at) "
        "VALUES (:s, :a, 'new', 'gazelle', '', '', 1, 0, :now, :now, :now) RETURNING id"),
        {"s": site, "a": article, "now": now}).scalar_one()
    return int(conn.execute(text(
        "INSERT INTO reports (site_id, article_id, group_id, url, exact, prefix, suffix, "
        "suggestion, comment, title, lang, ip_hash, created_at) VALUES (:s, :a, :g, "
        "'https://n.example/a', 'gazelle', '', '', '', '', '', '', '', :now) RETURNING id"),
        {"s": site, "a": article, "g": group, "now": now}).scalar_one())


def _matches(db: Database, word: str) -> list[int]:
    return db.read_sync(lambda c: [int(r[0]) for r in c.execute(text(
        "SELECT rowid FROM reports_fts WHERE reports_fts MATCH :q ORDER BY rowid"), {"q": word})])


def test_a_report_is_searchable_as_soon_as_it_is_committed(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    db.start()
    site = db.write_sync(lambda c: sites.create(c, "S", ["https://n.example"], key="k"))
    rid = _store(db, site, "zebra", comment="the quagga stripes")
    assert _matches(db, "zebra") == [rid]
    assert _matches(db, "quagga") == [rid]
    db.close()


def test_every_report_of_a_batch_is_indexed_and_nothing_twice(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    site = db.write_sync(lambda c: sites.create(c, "S", ["https://n.example"], key="k"))
    gate = threading.Event()
    held = db.writer._enqueue(lambda conn: gate.wait(10))  # the next jobs queue up
    futures = [
        db.writer._enqueue(lambda conn, i=i: reports.store(
            conn, site.id, _payload(f"okapi{i}", "okapi"), ip_hash="", spam_reason=None))
        for i in range(20)
    ]
    gate.set()
    held.result(10)
    ids = [f.result(10).id for f in futures]
    assert _matches(db, "okapi") == sorted(ids)
    assert _matches(db, "okapi7") == [ids[7]]
    db.close()


def test_the_id_of_a_deleted_newest_report_is_indexed_again(sqlite_url: str) -> None:
    """SQLite reuses the largest rowid once its row is gone: the batch still indexes it."""
    db = Database(sqlite_url)
    site = db.write_sync(lambda c: sites.create(c, "S", ["https://n.example"], key="k"))
    _store(db, site, "first")
    gone = _store(db, site, "walrus")
    db.write_sync(lambda c: c.execute(delete(schema.reports).where(schema.reports.c.id == gone)))
    assert _matches(db, "walrus") == []
    again = _store(db, site, "narwhal")
    assert again == gone
    assert _matches(db, "narwhal") == [again]
    assert _matches(db, "walrus") == []
    db.close()


def test_rebuild_indexes_reports_loaded_around_the_writer(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    site = db.write_sync(lambda c: sites.create(c, "S", ["https://n.example"], key="k"))
    rid = _store(db, site, "first")

    def bulk_load(conn: Connection) -> None:  # as a restore script would, no writer
        conn.execute(text(
            "INSERT INTO reports (site_id, article_id, group_id, url, exact, prefix, suffix,"
            " suggestion, comment, title, lang, ip_hash, created_at) SELECT site_id,"
            " article_id, group_id, url, 'ibex', prefix, suffix, suggestion, comment, title,"
            " lang, ip_hash, created_at FROM reports WHERE id = :id"), {"id": rid})

    with db.engine.begin() as conn:
        bulk_load(conn)
    assert _matches(db, "ibex") == []
    db.write_sync(fulltext.rebuild)
    assert len(_matches(db, "ibex")) == 1
    db.close()


def test_migration_0003_down_and_up_moves_indexing_between_trigger_and_writer(
    sqlite_url: str,
) -> None:
    command.downgrade(migrate.alembic_config(sqlite_url), "0002")
    db = Database(sqlite_url)
    triggers = db.read_sync(lambda c: set(c.execute(text(
        "SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars()))
    assert "reports_fts_insert" in triggers
    # The trigger and the batch hook both run: once only.  Rows are written with the
    # columns schema 0002 has (today's code writes columns later migrations add).
    rid = db.write_sync(_store_at_0002)
    assert _matches(db, "gazelle") == [rid]
    db.close()
    migrate.upgrade(sqlite_url)
    db = Database(sqlite_url)
    triggers = db.read_sync(lambda c: set(c.execute(text(
        "SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars()))
    assert "reports_fts_insert" not in triggers
    assert _matches(db, "gazelle") == [rid]
    db.close()
