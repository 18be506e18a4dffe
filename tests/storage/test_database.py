"""Storage: migrations match the schema, the writer, SQLite settings, the secret key."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from concurrent.futures import Future
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, create_engine, func, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from copydesk import sites
from copydesk.storage import migrate, schema
from copydesk.storage.database import Database, normalise_url, secret_key
from copydesk.storage.statement import Statement
from copydesk.storage.writer import TransactionLost


def test_migrations_create_exactly_the_schema(db_url: str) -> None:
    engine = create_engine(normalise_url(db_url))
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_object": schema.include_object(conn.dialect.name)})
        diff = compare_metadata(context, schema.metadata)
    engine.dispose()
    assert diff == []


def test_upgrade_is_idempotent_and_at_head(db_url: str) -> None:
    migrate.upgrade(db_url)
    engine = create_engine(normalise_url(db_url))
    assert migrate.current(engine) == migrate.head()
    engine.dispose()


def test_sqlite_connections_use_wal_foreign_keys_and_busy_timeout(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    db.close()


def test_writer_commits_before_answering_and_isolates_failures(db_url: str) -> None:
    db = Database(db_url)
    db.start()

    def good(i: int):  # type: ignore[no-untyped-def]
        return lambda conn: sites.create(conn, f"s{i}", ["https://s.example"], key=f"k{i}")

    def bad(conn: Connection) -> None:
        sites.create(conn, "dup", ["https://s.example"], key="k0")  # duplicate key

    results: list[object] = []

    def worker(i: int) -> None:
        try:
            results.append(db.write_sync(good(i) if i else good(0)))
        except Exception as exc:
            results.append(exc)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with pytest.raises(sites.SiteError):
        db.write_sync(bad)
    count = db.read_sync(lambda c: c.execute(select(func.count()).select_from(schema.sites))
                         .scalar_one())
    db.close()
    assert count == 40
    assert not any(isinstance(r, Exception) for r in results)


def test_many_concurrent_writers_never_see_database_is_locked(sqlite_url: str) -> None:
    """Two Database objects stand for two server processes on one SQLite file."""
    dbs = [Database(sqlite_url), Database(sqlite_url)]
    for db in dbs:
        db.start()
    errors: list[BaseException] = []

    def hammer(db: Database, n: int) -> None:
        for i in range(60):
            try:
                db.write_sync(lambda conn, i=i: conn.execute(schema.meta.insert().values(
                    key=f"{n}-{i}", value="x")))
            except BaseException as exc:
                errors.append(exc)

    threads = [threading.Thread(target=hammer, args=(dbs[n % 2], n)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    total = dbs[0].read_sync(lambda c: c.execute(text("SELECT count(*) FROM meta")).scalar())
    for db in dbs:
        db.close()
    assert errors == []
    assert total == 480


def test_secret_key_is_generated_once_and_kept(db_url: str) -> None:
    db = Database(db_url)
    first = secret_key(db, "")
    assert len(first) >= 48
    assert secret_key(db, "") == first
    assert secret_key(db, "configured") == "configured"
    db.close()
    again = Database(db_url)
    assert secret_key(again, "") == first
    again.close()


def test_foreign_keys_enforced_on_sqlite(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    with pytest.raises(Exception, match="FOREIGN KEY"):
        db.write_sync(lambda c: c.execute(text(
            "INSERT INTO articles (site_id, url, title, lang, created_at, updated_at) "
            "VALUES (999, 'https://x', '', '', '2026-01-01', '2026-01-01')")))
    db.close()


def test_default_database_is_a_file_in_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    from copydesk.settings import Settings

    url = Settings().database_url
    migrate.upgrade(url)
    assert (tmp_path / "copydesk.db").exists()
    tables = sqlite3.connect(tmp_path / "copydesk.db").execute(
        "SELECT name FROM sqlite_master WHERE type='table'").fetchall()
    assert ("report_groups",) in tables


def test_a_failing_job_in_a_batch_loses_only_its_own_writes(db_url: str) -> None:
    db = Database(db_url)
    gate = threading.Event()

    def blocker(conn: Connection) -> None:
        gate.wait(10)  # holds the writer so the next jobs queue up into one batch

    def insert(key: str, fail: bool = False):  # type: ignore[no-untyped-def]
        def job(conn: Connection) -> str:
            conn.execute(schema.meta.insert().values(key=key, value="v"))
            if fail:
                raise ValueError("job failed after writing")
            return key
        return job

    first = db.writer._enqueue(blocker)
    futures = [db.writer._enqueue(insert("a")), db.writer._enqueue(insert("b", fail=True)),
               db.writer._enqueue(insert("c"))]
    gate.set()
    first.result(10)
    assert futures[0].result(10) == "a" and futures[2].result(10) == "c"
    with pytest.raises(ValueError, match="after writing"):
        futures[1].result(10)
    keys = db.read_sync(lambda c: set(c.execute(select(schema.meta.c.key)).scalars()))
    db.close()
    assert {"a", "c"} <= keys and "b" not in keys


def test_async_callers_on_several_loops_are_answered_from_one_batch(sqlite_url: str) -> None:
    """The writer hands each loop its answers in one call; every caller gets its own."""
    db = Database(sqlite_url)
    gate = threading.Event()
    held = db.writer._enqueue(lambda conn: gate.wait(10))  # the next jobs share a batch
    results: dict[int, list[object]] = {}
    started = threading.Barrier(3)

    def insert(key: str):  # type: ignore[no-untyped-def]
        def job(conn: Connection) -> str:
            conn.execute(schema.meta.insert().values(key=key, value="v"))
            return key
        return job

    async def callers(n: int) -> list[object]:
        tasks = [asyncio.ensure_future(db.write(insert(f"{n}-{i}"))) for i in range(5)]
        doomed = asyncio.ensure_future(db.write(insert(f"{n}-cancelled")))
        await asyncio.sleep(0)  # all six are queued now
        started.wait(10)
        doomed.cancel()
        return list(await asyncio.gather(*tasks))

    threads = [threading.Thread(target=lambda n=n: results.__setitem__(
        n, asyncio.run(callers(n)))) for n in range(2)]
    for t in threads:
        t.start()
    started.wait(10)
    gate.set()
    for t in threads:
        t.join(10)
    held.result(10)
    assert results == {n: [f"{n}-{i}" for i in range(5)] for n in range(2)}
    keys = db.read_sync(lambda c: set(c.execute(select(schema.meta.c.key)).scalars()))
    db.close()
    assert {f"{n}-{i}" for n in range(2) for i in range(5)} <= keys


def test_hot_path_timestamps_are_stored_as_sqlalchemy_stores_them(db_url: str) -> None:
    from datetime import UTC, datetime, timedelta, timezone

    from copydesk.storage.statement import timestamp

    db = Database(db_url)
    with db.engine.connect() as conn:
        column = schema.reports.c.created_at.type
        process = column.dialect_impl(conn.dialect).bind_processor(conn.dialect)
        for value in (datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
                      datetime(2026, 11, 25, 23, 59, 59, 999999,
                               tzinfo=timezone(timedelta(hours=2)))):
            ours = timestamp(conn, value)
            if conn.dialect.name == "sqlite":
                assert process is not None
                assert ours == process(value.astimezone(UTC).replace(tzinfo=None))
            else:
                assert ours == value
    db.close()


def test_a_readers_earlier_report_in_a_group_is_found_by_index(sqlite_url: str) -> None:
    """Counting reporters once must not read every report of a popular group."""
    db = Database(sqlite_url)
    plan = db.read_sync(lambda c: " ".join(str(row[-1]) for row in c.exec_driver_sql(
        "EXPLAIN QUERY PLAN SELECT 1 FROM reports WHERE group_id = 1 AND ip_hash = 'h'")))
    db.close()
    assert "ix_reports_group_reader" in plan, plan


def _meta_insert(key: str):  # type: ignore[no-untyped-def]
    def job(conn: Connection) -> str:
        conn.execute(schema.meta.insert().values(key=key, value="v"))
        return key
    return job


def test_a_batch_sqlite_rolled_back_by_itself_is_not_acknowledged(sqlite_url: str) -> None:
    """After SQLITE_FULL or SQLITE_IOERR SQLite may roll the whole transaction back on its
    own.  A job that ends the transaction (here by a plain ROLLBACK, standing in for
    SQLite) must not leave earlier jobs reported committed, nor later ones running
    outside a transaction."""
    db = Database(sqlite_url)

    def rolled_back(conn: Connection) -> None:
        conn.exec_driver_sql("ROLLBACK")

    futures: list[Future[object]] = [Future() for _ in range(3)]
    db.writer.run_batch([(_meta_insert("before"), futures[0]), (rolled_back, futures[1]),
                         (_meta_insert("after"), futures[2])])
    keys = db.read_sync(lambda c: set(c.execute(select(schema.meta.c.key)).scalars()))
    for future in futures:
        with pytest.raises(TransactionLost):
            future.result(0)
    assert not {"before", "after"} & keys
    assert db.write_sync(_meta_insert("next")) == "next"  # the writer goes on
    db.close()


def test_a_failed_commit_is_an_error_for_its_batch_and_the_writer_goes_on(
    sqlite_url: str,
) -> None:
    """A deferred foreign key makes the COMMIT itself fail."""
    db = Database(sqlite_url)
    db.start()

    def orphan(conn: Connection) -> None:
        conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        conn.execute(schema.channels.insert().values(
            site_id=12345, kind="webhook", config={}, enabled=True,
            created_at=datetime.now(UTC)))

    with pytest.raises(IntegrityError):
        db.write_sync(orphan)
    assert db.write_sync(_meta_insert("next")) == "next"
    count = db.read_sync(lambda c: c.execute(select(func.count()).select_from(
        schema.channels)).scalar_one())
    db.close()
    assert count == 0


def test_driver_errors_reach_callers_as_sqlalchemy_errors(db_url: str) -> None:
    """Hot-path statements run on the driver's cursor; their errors must still be
    SQLAlchemy's, which the app answers 503 (copydesk.faults)."""
    db = Database(db_url)
    db.start()
    broken = Statement("SELECT missing FROM no_such_table")
    try:
        with pytest.raises(DBAPIError):
            db.write_sync(lambda conn: broken.rows(conn, {}))
        with pytest.raises(DBAPIError):
            db.read_sync(lambda conn: broken.rows(conn, {}))
    finally:
        db.close()
