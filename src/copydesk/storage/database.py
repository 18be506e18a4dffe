"""Engines for reading and the single writer for writing, on SQLite or PostgreSQL.

``Database`` owns two things:

- a read engine (a connection pool; SQLite connections in WAL mode read while the
  writer writes), used through :meth:`Database.read` in a worker thread;
- a :class:`~copydesk.storage.writer.Writer`: one thread that takes every write of this
  process from a queue and commits whatever is queued in one transaction
  (``BEGIN IMMEDIATE`` on SQLite).  Requests therefore never contend for SQLite's
  write lock inside a process; across processes (``serve --workers N``) the writers
  take turns through a lock file, and the busy timeout covers everyone else.  On
  SQLite the writer also keeps the full-text index (:mod:`copydesk.storage.fulltext`).

Failures reach callers as SQLAlchemy's exceptions (``OperationalError`` when the
database cannot be reached or cannot commit); :mod:`copydesk.faults` tells them apart
and the app answers them 503.  :attr:`Database.health` probes whether a write commits
(:mod:`copydesk.storage.health`).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, select
from sqlalchemy.engine import make_url
from starlette.concurrency import run_in_threadpool

from copydesk.storage import fulltext, pgingest, schema
from copydesk.storage.health import Health
from copydesk.storage.writer import Writer, sqlalchemy_error

T = TypeVar("T")

BUSY_TIMEOUT_MS = 30_000
#: Seconds to wait for a PostgreSQL connection: a host that does not answer is a 503
#: after this long, not a request that hangs until TCP gives up.
CONNECT_TIMEOUT = 5


def normalise_url(url: str) -> str:
    """Accept ``postgresql://`` and ``postgres://`` and use the psycopg 3 driver."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def is_sqlite(url: str) -> bool:
    return make_url(normalise_url(url)).get_backend_name() == "sqlite"


def make_engine(url: str, *, writer: bool = False, synchronous: str = "FULL") -> Engine:
    """Create an engine with copydesk's connection settings for the URL's backend."""
    url = normalise_url(url)
    if not is_sqlite(url):
        return create_engine(
            url,
            pool_size=1 if writer else 8,
            max_overflow=0 if writer else 8,
            # The writer runs a failed batch again on a new connection (writer.py), so a
            # connection PostgreSQL ended costs it one failed attempt, not a ping per batch.
            pool_pre_ping=not writer,
            # One given in the URL (?connect_timeout=) wins.
            connect_args={} if "connect_timeout" in make_url(url).query
            else {"connect_timeout": CONNECT_TIMEOUT},
        )
    engine = create_engine(url, connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy emit BEGIN itself (pysqlite's own handling is not transactional
        # for DDL and never emits BEGIN IMMEDIATE).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute(f"PRAGMA synchronous = {synchronous}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")

    return engine


def _file(url: str) -> str | None:
    """The file of a SQLite database (None for PostgreSQL and in-memory SQLite)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return parsed.database


def _lock_path(url: str) -> str | None:
    """The cross-process writer lock file of a SQLite database file (None otherwise)."""
    path = _file(url)
    return None if path is None else f"{path}-writer.lock"


class Database:
    """The read pool and the writer of one process."""

    def __init__(self, url: str, *, synchronous: str = "FULL") -> None:
        self.url = normalise_url(url)
        self.engine = make_engine(self.url, synchronous=synchronous)
        sqlite = is_sqlite(self.url)
        writer_engine = make_engine(self.url, writer=True, synchronous=synchronous)
        if not sqlite:
            pgingest.install(writer_engine)  # the writer's sessions store reports in batches
        self.writer = Writer(
            writer_engine,
            lock_path=_lock_path(self.url),
            hooks=(fulltext.BatchIndexer(),) if sqlite else (),
        )
        self.health = Health(self)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def directory(self) -> str | None:
        """The directory of the SQLite database file (None for PostgreSQL)."""
        path = _file(self.url)
        return None if path is None else os.path.dirname(os.path.abspath(path))

    def start(self) -> None:
        self.writer.start()

    def close(self) -> None:
        self.writer.stop()
        self.writer.engine.dispose()
        self.engine.dispose()

    async def read(self, fn: Callable[[Connection], T]) -> T:
        """Run ``fn(conn)`` in a read transaction on a worker thread."""
        return await run_in_threadpool(self.read_sync, fn)

    def read_sync(self, fn: Callable[[Connection], T]) -> T:
        try:
            with self.engine.connect() as conn:
                return fn(conn)
        except Exception as exc:
            wrapped = sqlalchemy_error(self.engine, exc)
            if wrapped is exc:
                raise
            raise wrapped from None

    async def write(self, fn: Callable[[Connection], T]) -> T:
        """Run ``fn(conn)`` through the writer; returns once its transaction committed."""
        return await self.writer.submit(fn)

    def write_sync(self, fn: Callable[[Connection], T]) -> T:
        """Blocking form of :meth:`write`, for the CLI and worker threads."""
        return self.writer.submit_sync(fn)


def secret_key(db: Database, configured: str) -> str:
    """The configured secret key, or the one stored in the database (made on first use)."""
    if configured:
        return configured

    def _get_or_create(conn: Connection) -> str:
        row = conn.execute(
            select(schema.meta.c.value).where(schema.meta.c.key == "secret_key")
        ).first()
        if row is not None:
            return str(row[0])
        value = secrets.token_urlsafe(48)
        conn.execute(schema.meta.insert().values(key="secret_key", value=value))
        return value

    return db.write_sync(_get_or_create)
