"""``copydesk backup`` / ``restore``: a round trip under load keeps every report
acknowledged before the backup began and passes SQLite's integrity check; bad, newer
and in-use cases are refused in one line."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import create_engine, select, text

from copydesk import reports, sites
from copydesk.cli import main
from copydesk.reports import Report
from copydesk.storage import migrate, schema
from copydesk.storage.database import Database, normalise_url
from tests.conftest import PG_ADMIN_URL


class Load:
    """A thread storing reports through the writer, one acknowledged id at a time."""

    def __init__(self, url: str) -> None:
        self.db = Database(url)
        self.db.start()
        self.site = self.db.write_sync(
            lambda c: sites.create(c, "Daily", ["https://news.example"], key="backup-key"))
        self.acked: list[int] = []
        self._lock = threading.Lock()
        self._more = threading.Condition(self._lock)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _store(self, i: int) -> int:
        report = Report(f"https://news.example/{i % 50}", f"mistake number {i}",
                        "The text before ", " and after it.", None, None, "fixed",
                        "a reader's comment", "Title", "en")
        return self.db.write_sync(lambda c: reports.store(
            c, self.site.id, report, ip_hash=f"h{i}", spam_reason=None).id)

    def _run(self) -> None:
        i = 0
        while not self._stop.is_set():
            rid = self._store(i)
            i += 1
            with self._more:
                self.acked.append(rid)
                self._more.notify_all()

    def start(self) -> None:
        self._thread.start()

    def acknowledged(self) -> set[int]:
        with self._lock:
            return set(self.acked)

    def wait_for(self, count: int) -> None:
        with self._more:
            while len(self.acked) < count:
                self._more.wait(timeout=30)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=60)
        self.db.close()


def _ids(url: str) -> set[int]:
    engine = create_engine(normalise_url(url))
    with engine.connect() as conn:
        found = set(conn.execute(select(schema.reports.c.id)).scalars())
    engine.dispose()
    return found


def _invoke(url: str, *args: str) -> Result:
    return CliRunner(env={"COPYDESK_DATABASE_URL": url, "COPYDESK_SECRET_KEY": "k"}).invoke(
        main, list(args))


def _refused(result: Result, *words: str) -> None:
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    for word in words:
        assert word in lines[0], lines[0]


def _round_trip_under_load(url: str, file: Path) -> tuple[set[int], set[int]]:
    """Back up while reports are being stored; (acknowledged before, acknowledged at end)."""
    load = Load(url)
    load.start()
    try:
        load.wait_for(200)
        before = load.acknowledged()
        result = _invoke(url, "backup", str(file))
        assert result.exit_code == 0, result.output
        load.wait_for(len(load.acked) + 50)  # still storing after the backup
    finally:
        load.stop()
    return before, load.acknowledged()


def test_sqlite_round_trip_under_load(sqlite_url: str, tmp_path: Path) -> None:
    file = tmp_path / "backups" / "copydesk.backup"
    file.parent.mkdir()
    before, everything = _round_trip_under_load(sqlite_url, file)
    assert list(file.parent.iterdir()) == [file]  # one self-contained file, no -wal

    restored_url = f"sqlite:///{tmp_path / 'restored' / 'copydesk.db'}"
    (tmp_path / "restored").mkdir()
    result = _invoke(restored_url, "restore", str(file))
    assert result.exit_code == 0, result.output
    restored = _ids(restored_url)
    assert before <= restored <= everything
    with sqlite3.connect(tmp_path / "restored" / "copydesk.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert _invoke(restored_url, "db", "status").exit_code == 0  # the code's schema
    search = _invoke(restored_url, "reports", "list")
    assert search.exit_code == 0 and "mistake number 0" in search.output

    # Over the live database: only with --force, keeping the one replaced.
    _refused(_invoke(sqlite_url, "restore", str(file)), "exists", "--force")
    assert _ids(sqlite_url) == everything
    result = _invoke(sqlite_url, "restore", "--force", str(file))
    assert result.exit_code == 0, result.output
    assert _ids(sqlite_url) == restored
    kept = Path(sqlite_url.removeprefix("sqlite:///") + ".before-restore")
    assert _ids(f"sqlite:///{kept}") == everything
    # A second restore keeps its own copy beside the first one's.
    result = _invoke(sqlite_url, "restore", "--force", str(file))
    assert result.exit_code == 0, result.output
    assert _ids(f"sqlite:///{kept}") == everything
    second = kept.with_name(kept.name + "-2")
    assert _ids(f"sqlite:///{second}") == restored


def test_backup_replaces_an_older_backup_and_refuses_a_missing_database(
    sqlite_url: str, tmp_path: Path
) -> None:
    file = tmp_path / "b.db"
    file.write_bytes(b"yesterday's backup")
    assert _invoke(sqlite_url, "backup", str(file)).exit_code == 0
    with sqlite3.connect(file) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert file.stat().st_mode & 0o777 == 0o600  # secrets, sessions, readers' e-mail
    missing = tmp_path / "nothing.db"
    _refused(_invoke(f"sqlite:///{missing}", "backup", str(tmp_path / "c.db")),
             "no database at")
    assert not missing.exists() and not (tmp_path / "c.db").exists()


def test_restore_refuses_bad_and_newer_backups(sqlite_url: str, tmp_path: Path) -> None:
    target = tmp_path / "target.db"
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not a database at all" * 500)
    _refused(_invoke(f"sqlite:///{target}", "restore", str(garbage)), "not a SQLite database")
    _refused(_invoke(f"sqlite:///{target}", "restore", str(tmp_path / "none")), "no backup at")

    good = tmp_path / "good.db"
    Database(sqlite_url).write_sync(
        lambda c: sites.create(c, "S", ["https://s.example"], key="s-key"))
    assert _invoke(sqlite_url, "backup", str(good)).exit_code == 0
    data = bytearray(good.read_bytes())
    page = 4096
    for offset in range(page * 2, len(data) - 64, page):  # scribble over b-tree pages
        data[offset + 8: offset + 40] = b"\xff" * 32
    torn = tmp_path / "torn.db"
    torn.write_bytes(bytes(data))
    _refused(_invoke(f"sqlite:///{target}", "restore", str(torn)))
    assert not target.exists()

    with sqlite3.connect(good) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_newer'")
    conn.close()
    _refused(_invoke(f"sqlite:///{target}", "restore", str(good)), "newer copydesk",
             "upgrade copydesk")
    assert not target.exists()


def test_restore_refuses_a_database_open_in_another_process(
    sqlite_url: str, tmp_path: Path
) -> None:
    file = tmp_path / "b.db"
    assert _invoke(sqlite_url, "backup", str(file)).exit_code == 0
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, sqlite3; c = sqlite3.connect(sys.argv[1]);"
         "c.execute('SELECT count(*) FROM sites').fetchall(); print('open', flush=True);"
         "sys.stdin.read()", sqlite_url.removeprefix("sqlite:///")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        _refused(_invoke(sqlite_url, "restore", "--force", str(file)),
                 "open in another process")
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
        if holder.stdout is not None:
            holder.stdout.close()
    assert _invoke(sqlite_url, "restore", "--force", str(file)).exit_code == 0


def test_restore_of_an_older_backup_says_to_upgrade(tmp_path: Path) -> None:
    old = f"sqlite:///{tmp_path / 'old.db'}"
    migrate.upgrade(old, "0004")
    file = tmp_path / "old.backup"
    assert _invoke(old, "backup", str(file)).exit_code == 0
    result = _invoke(f"sqlite:///{tmp_path / 'new.db'}", "restore", str(file))
    assert result.exit_code == 0 and "run `copydesk db upgrade`" in result.output


@pytest.fixture
def pg_target() -> Iterator[str]:
    """A fresh, empty PostgreSQL database to restore into."""
    pytest.importorskip("psycopg")
    name = f"copydesk_restore_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        admin.dispose()
        pytest.skip(f"PostgreSQL not reachable: {exc}")
    yield PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.mark.postgres
def test_postgresql_round_trip_under_load(pg_database: str, pg_target: str,
                                          tmp_path: Path) -> None:
    from tests.conftest import _truncate

    _truncate(pg_database)
    file = tmp_path / "copydesk.dump"
    before, everything = _round_trip_under_load(pg_database, file)
    result = _invoke(pg_target, "restore", str(file))
    assert result.exit_code == 0, result.output
    restored = _ids(pg_target)
    assert before <= restored <= everything
    assert _invoke(pg_target, "db", "status").exit_code == 0

    _refused(_invoke(pg_target, "restore", str(file)), "--force")
    engine = create_engine(normalise_url(pg_target))
    with engine.begin() as conn:  # as a newer schema would have: not in the backup
        conn.execute(text("CREATE TABLE from_a_newer_schema (id integer)"))
        conn.execute(text("DELETE FROM reports"))
    engine.dispose()
    result = _invoke(pg_target, "restore", "--force", str(file))
    assert result.exit_code == 0, result.output
    assert _ids(pg_target) == restored
    engine = create_engine(normalise_url(pg_target))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT to_regclass('from_a_newer_schema')")).scalar() is None
        held = conn.execute(text("SELECT 1")).scalar()
        assert held == 1
        # Another session on the database: refused.
        _refused(_invoke(pg_target, "restore", "--force", str(file)), "other sessions")
    engine.dispose()
