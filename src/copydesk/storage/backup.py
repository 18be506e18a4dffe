"""Backups of a copydesk database and restoring them, on SQLite and PostgreSQL.

SQLite: a copy of the database file is not a backup while copydesk runs (recent commits
are in the ``-wal`` file, and a copy taken mid-write is torn).  :func:`backup` uses
SQLite's online backup API in one step: it reads one consistent snapshot (a read
transaction; in WAL mode writers go on meanwhile), so every report acknowledged before
it began is in the copy.  The copy is written beside the target, switched to rollback
journal mode (one self-contained file), checked (``PRAGMA integrity_check``), synced,
and renamed over the target: a failed backup never replaces a good one.

:func:`restore` checks the backup first (integrity, and a schema revision this copydesk
knows), refuses while another process has the database open (every SQLite connection
in WAL mode holds a shared lock on the ``-shm`` file's "DMS" byte, see
https://www.sqlite.org/walformat.html), replaces an existing database only when told
to, keeps it as ``<db>.before-restore`` (``-2``, ``-3``… beside an earlier one), and
holds the writers' lock file (:mod:`copydesk.storage.writer`) while it swaps the files.

PostgreSQL: ``pg_dump --format=custom`` (one snapshot as well) and ``pg_restore --clean
--if-exists --single-transaction``, with the connection taken from the database URL
(the password goes in ``PGPASSWORD``, never on a command line).  Restoring refuses while
other sessions are connected to the database.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import sqlite3
import subprocess
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

from copydesk.storage import migrate
from copydesk.storage.database import make_engine, normalise_url

#: The byte of ``<db>-shm`` every open WAL connection holds a shared lock on.
_SHM_DMS_BYTE = 128
KEPT_SUFFIX = ".before-restore"


def kept_path(path: Path) -> Path:
    """Where a restore keeps the database it replaces: ``<db>.before-restore``, or
    ``<db>.before-restore-2``, ``-3``… when an earlier restore's copy is there, so a
    second restore never overwrites the first one's."""
    kept = path.with_name(path.name + KEPT_SUFFIX)
    number = 1
    while kept.exists():
        number += 1
        kept = path.with_name(f"{path.name}{KEPT_SUFFIX}-{number}")
    return kept


class BackupError(Exception):
    """A backup or restore that cannot be done; the message is for the operator."""


#: A backup's mode: it holds the install's secret key, sessions and readers' e-mail.
PRIVATE = 0o600


def backup(url: str, target: Path) -> None:
    """Write a backup of the database at ``url`` to ``target`` (replaced atomically)."""
    path = migrate.sqlite_file(url)
    if path is not None:
        _sqlite_backup(path, target)
    elif _is_postgres(url):
        _pg_dump(url, target)
    else:
        raise BackupError("an in-memory database cannot be backed up")


def restore(url: str, source: Path, *, force: bool = False) -> str:
    """Replace the database at ``url`` by the backup ``source``; its schema revision."""
    if not source.is_file():
        raise BackupError(f"no backup at {source}")
    path = migrate.sqlite_file(url)
    if path is not None:
        return _sqlite_restore(path, source, force=force)
    if _is_postgres(url):
        return _pg_restore(url, source, force=force)
    raise BackupError("an in-memory database cannot be restored")


def _is_postgres(url: str) -> bool:
    return make_url(normalise_url(url)).get_backend_name() == "postgresql"


def _known_revision(revision: str | None, what: str) -> str:
    found = migrate.of(revision, migrate.head())
    if found.state is migrate.State.EMPTY:
        raise BackupError(f"{what} has no copydesk schema")
    if found.state is migrate.State.AHEAD:
        raise BackupError(f"{what} is from a newer copydesk (schema {revision}): "
                          "upgrade copydesk first")
    assert revision is not None
    return revision


# ------------------------------------------------------------------------------ SQLite


def _connect(path: Path, mode: str = "rw") -> sqlite3.Connection:
    """A plain connection to an existing file (``mode=rw`` never creates one)."""
    uri = f"file:{urllib.parse.quote(str(path.resolve()))}?mode={mode}"
    return sqlite3.connect(uri, uri=True, timeout=30, isolation_level=None)


def _sqlite_backup(path: Path, target: Path) -> None:
    if not path.exists():
        raise BackupError(f"no database at {path.resolve()}")
    partial = target.with_name(target.name + ".partial")
    _copy(path, partial)
    partial.chmod(PRIVATE)
    _replace(partial, target)


def _copy(source: Path, partial: Path) -> str:
    """``source`` copied to ``partial`` through the backup API, checked and synced;
    the copy's schema revision."""
    partial.unlink(missing_ok=True)
    try:
        src = _connect(source)
        try:
            dst = sqlite3.connect(str(partial), isolation_level=None)
            try:
                src.backup(dst)  # pages=-1: the whole database from one snapshot
                dst.execute("PRAGMA journal_mode = DELETE")
                revision = _verify(dst, str(partial))
            finally:
                dst.close()
        finally:
            src.close()
        _fsync(partial)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return revision


def _verify(conn: sqlite3.Connection, what: str) -> str:
    try:
        result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{what} is not a SQLite database: {exc}") from None
    if result != ["ok"]:
        raise BackupError(f"{what} fails SQLite's integrity check: {result[0]}")
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        row = None
    return _known_revision(row[0] if row else None, what)


def check_sqlite_backup(source: Path) -> str:
    """The schema revision of a SQLite backup that passes the integrity check."""
    try:
        conn = _connect(source, "ro")
    except sqlite3.Error as exc:
        raise BackupError(f"cannot open {source}: {exc}") from None
    try:
        return _verify(conn, str(source))
    finally:
        conn.close()


def in_use(path: Path) -> bool:
    """Whether another process has the SQLite database at ``path`` open (WAL mode)."""
    shm = Path(f"{path}-shm")
    try:
        fd = os.open(shm, os.O_RDWR)
    except FileNotFoundError:
        return False
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, _SHM_DMS_BYTE)
    except OSError:
        return True
    else:
        fcntl.lockf(fd, fcntl.LOCK_UN, 1, _SHM_DMS_BYTE)
        return False
    finally:
        os.close(fd)


def _sqlite_restore(path: Path, source: Path, *, force: bool) -> str:
    revision = check_sqlite_backup(source)
    exists = path.exists()
    if exists and not force:
        raise BackupError(f"{path.resolve()} exists: pass --force to replace it (it is kept "
                          f"as {path.name}{KEPT_SUFFIX})")
    if not path.parent.is_dir():
        raise BackupError(f"{path.parent.resolve()} does not exist")
    if exists and in_use(path):
        raise BackupError(f"{path.resolve()} is open in another process: stop copydesk "
                          "(serve, worker) first")
    restoring = path.with_name(path.name + ".restoring")
    with _writers_lock(path):
        _copy(source, restoring)
        if exists:
            # Fold the WAL into the old file, which is kept beside the restored one.
            old = _connect(path)
            try:
                old.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                old.execute("PRAGMA journal_mode = DELETE")
            finally:
                old.close()
            os.replace(path, kept_path(path))
        for stale in (Path(f"{path}-wal"), Path(f"{path}-shm")):
            stale.unlink(missing_ok=True)  # a WAL left here would be replayed on the copy
        _replace(restoring, path)
    return revision


@contextlib.contextmanager
def _writers_lock(path: Path) -> Iterator[None]:
    fd = os.open(f"{path}-writer.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _replace(partial: Path, target: Path) -> None:
    os.replace(partial, target)
    _fsync(target.resolve().parent)


# -------------------------------------------------------------------------- PostgreSQL


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """A libpq URI without the password, and the environment carrying it."""
    parsed = make_url(normalise_url(url))
    env = dict(os.environ)
    if parsed.password is not None:
        env["PGPASSWORD"] = str(parsed.password)
    uri = parsed.set(drivername="postgresql", password=None).render_as_string(
        hide_password=False)
    return uri, env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed (Debian: apt-get install "
                          "postgresql-client)")
    return found


def _run(args: list[str], env: dict[str, str]) -> str:
    # An argument list (no shell), the tool found on PATH by _tool.
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        lines = (result.stderr or result.stdout).strip().splitlines()
        raise BackupError(f"{Path(args[0]).name} failed: {lines[0] if lines else '?'}")
    return result.stdout


def _pg_dump(url: str, target: Path) -> None:
    uri, env = _libpq(url)
    partial = target.with_name(target.name + ".partial")
    try:
        _run([_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={partial}",
              f"--dbname={uri}"], env)
        pg_revision(partial)  # the archive reads back and names a known revision
        partial.chmod(PRIVATE)
        _fsync(partial)
        _replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def pg_revision(source: Path) -> str:
    """The schema revision stored in a ``pg_dump --format=custom`` archive."""
    out = _run([_tool("pg_restore"), "--data-only", "--table=alembic_version",
                "--file=-", str(source)], dict(os.environ))
    lines = out.splitlines()
    revision = None
    for i, line in enumerate(lines):
        if line.startswith("COPY ") and "alembic_version" in line and i + 1 < len(lines):
            revision = None if lines[i + 1] == "\\." else lines[i + 1].strip()
    return _known_revision(revision, str(source))


def _pg_tables(source: Path) -> set[str]:
    out = _run([_tool("pg_restore"), "--list", str(source)], dict(os.environ))
    tables = set()
    for line in out.splitlines():
        parts = line.split()
        # "215; 1259 16390 TABLE public reports postgres"
        if len(parts) >= 6 and parts[3] == "TABLE":
            tables.add(parts[5])
    return tables


def _pg_restore(url: str, source: Path, *, force: bool) -> str:
    revision = pg_revision(source)
    in_backup = _pg_tables(source)
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            others = conn.execute(text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid()")).scalar_one()
            if others:
                raise BackupError(f"{others} other sessions are connected to the database: "
                                  "stop copydesk (serve, worker) first")
            present = set(conn.execute(text(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
            ).scalars())
            if present and not force:
                raise BackupError("the database has tables: pass --force to replace them")
            # Tables a newer schema added are not in the backup: --clean leaves them.
            for name in sorted(present - in_backup):
                conn.execute(text(f'DROP TABLE IF EXISTS "{name}" CASCADE'))
    finally:
        engine.dispose()
    uri, env = _libpq(url)
    _run([_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
          "--exit-on-error", f"--dbname={uri}", str(source)], env)
    return revision
