"""Migration 0016: PostgreSQL without the foreign keys to a report's site and article,
and every cascade still there (deleting a site or an article deletes its reports)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from alembic import command
from sqlalchemy import Connection, create_engine, delete, func, inspect, select, text

from copydesk import reports, sites
from copydesk.ingest.payload import ReportPayload
from copydesk.storage import migrate, schema
from copydesk.storage.database import Database, normalise_url
from tests.conftest import PG_ADMIN_URL

#: The keys that only SQLite has after migration 0016, as (table, column).
SQLITE_ONLY = {("reports", "site_id"), ("reports", "article_id"), ("report_groups", "site_id")}


def _keys(url: str) -> set[tuple[str, str]]:
    engine = create_engine(normalise_url(url))
    try:
        found = inspect(engine)
        return {(table, column)
                for table in ("reports", "report_groups")
                for key in found.get_foreign_keys(table)
                for column in key["constrained_columns"]}
    finally:
        engine.dispose()


def _indexes(url: str) -> set[str]:
    engine = create_engine(normalise_url(url))
    try:
        return {str(ix["name"]) for ix in inspect(engine).get_indexes("reports")}
    finally:
        engine.dispose()


def _store(db: Database, site_id: int, url: str, exact: str) -> None:
    report = reports.Report.of(ReportPayload(site="k", url=url, exact=exact))
    db.write_sync(lambda conn: reports.store(conn, site_id, report, ip_hash="",
                                             spam_reason=None))


def _count(conn: Connection) -> tuple[int, int]:
    return (int(conn.execute(select(func.count()).select_from(schema.reports)).scalar_one()),
            int(conn.execute(select(func.count()).select_from(schema.report_groups))
                .scalar_one()))


def test_postgresql_does_without_the_keys_sqlite_keeps(db_url: str) -> None:
    keys = _keys(db_url)
    assert ("reports", "group_id") in keys and ("report_groups", "article_id") in keys
    if db_url.startswith("sqlite"):
        assert keys >= SQLITE_ONLY
    else:
        assert not SQLITE_ONLY & keys
    assert "ix_reports_site_created" not in _indexes(db_url)


def test_deleting_a_site_or_an_article_still_deletes_its_reports(db_url: str) -> None:
    db = Database(db_url)
    try:
        one = db.write_sync(lambda c: sites.create(c, "One", ["https://one.example"]))
        two = db.write_sync(lambda c: sites.create(c, "Two", ["https://two.example"]))
        _store(db, one.id, "https://one.example/a", "teh")
        _store(db, one.id, "https://one.example/b", "recieve")
        _store(db, two.id, "https://two.example/a", "thier")
        _store(db, two.id, "https://two.example/b", "wierd")
        assert db.read_sync(_count) == (4, 4)
        db.write_sync(lambda c: c.execute(delete(schema.sites)
                                          .where(schema.sites.c.id == one.id)))
        assert db.read_sync(_count) == (2, 2)
        a = schema.articles
        db.write_sync(lambda c: c.execute(
            delete(a).where(a.c.url == "https://two.example/a")))
        assert db.read_sync(_count) == (1, 1)
        left = db.read_sync(lambda c: c.execute(select(schema.reports.c.exact)).scalars().all())
        assert left == ["wierd"]
    finally:
        db.close()


@pytest.fixture
def fresh_pg() -> Iterator[str]:
    """An empty PostgreSQL database of this test's own (the shared one stays at head)."""
    name = f"copydesk_keys_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.mark.postgres
def test_migration_0016_down_and_up_on_postgresql(pg_database: str, fresh_pg: str) -> None:
    migrate.upgrade(fresh_pg, "0015")
    assert _keys(fresh_pg) >= SQLITE_ONLY
    assert "ix_reports_site_created" in _indexes(fresh_pg)
    migrate.upgrade(fresh_pg)
    assert not SQLITE_ONLY & _keys(fresh_pg)
    command.downgrade(migrate.alembic_config(fresh_pg), "0015")
    assert _keys(fresh_pg) >= SQLITE_ONLY
    assert "ix_reports_site_created" in _indexes(fresh_pg)


def test_migration_0016_down_and_up_on_sqlite(sqlite_url: str) -> None:
    command.downgrade(migrate.alembic_config(sqlite_url), "0015")
    assert "ix_reports_site_created" in _indexes(sqlite_url)
    assert _keys(sqlite_url) >= SQLITE_ONLY
    migrate.upgrade(sqlite_url)
    assert "ix_reports_site_created" not in _indexes(sqlite_url)
    assert _keys(sqlite_url) >= SQLITE_ONLY
