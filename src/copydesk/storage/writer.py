"""The single writer: one thread that commits every write of this process.

Jobs are plain functions ``fn(conn) -> result`` that only touch the database: a job may
run more than once, as its transaction may be rolled back and replayed.  The thread
takes whatever is queued (up to ``MAX_BATCH`` jobs), runs them in one transaction and
commits once: a slow fsync is paid once per batch, not once per report ("group
commit").  A job that raises rolls back only its own work (the batch is replayed with a
savepoint per job) and its caller gets the exception; if the commit itself fails every
caller in the batch gets that error, and none of them has been told its write
succeeded.  Callers get SQLAlchemy's exception types, also for statements run on the
driver's cursor (:mod:`copydesk.storage.statement`).

Failures (see :mod:`copydesk.faults`): a batch that fails with an ``OperationalError``
(a lock held by another process, a dropped connection) is tried again, up to five
times, except on a full disk, where trying again at once cannot help.  After an error
such as ``SQLITE_FULL`` or ``SQLITE_IOERR`` SQLite may roll the whole transaction back
by itself; the writer checks after every job that its transaction is still open, so
jobs run before that are never reported committed and later ones never run outside a
transaction (:class:`TransactionLost`).  The thread outlives every failed batch: when
the disk has room again, the next batch commits.

Jobs run together: consecutive jobs of a batch whose type has a ``together`` function
(:data:`Together`) are handed to it at once, so it can do their work in fewer
statements (ingest's :class:`copydesk.reports.Store` stores a batch's reports in one
round trip on PostgreSQL).  It returns each job's result, or, for a job that changed
nothing (a report whose client id names another), the exception to raise to that job's
caller alone.  If ``together`` raises, the batch is replayed job by job as above.

Batch hooks (:data:`BatchHook`) run around every batch inside its transaction: a hook is
called when the batch begins and returns a function that runs after the last job,
before the commit.  The SQLite full-text index uses one to index a batch's new reports
in one statement (:mod:`copydesk.storage.fulltext`).

Answers to ``async`` callers are handed to their event loop once per batch (one
``call_soon_threadsafe`` for all of a loop's jobs), not once per job: every wake-up of
the loop from this thread costs a system call and a trip through the GIL.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import itertools
import logging
import os
import queue
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError, OperationalError

from copydesk import faults
from copydesk.storage import statement

T = TypeVar("T")

MAX_BATCH = 256
log = logging.getLogger("copydesk.storage")

_Reply = Future[Any] | asyncio.Future[Any]
_Job = tuple[Callable[[Connection], Any], _Reply]

#: Called as a batch begins, inside its transaction; returns what to run before commit.
BatchHook = Callable[[Connection], Callable[[], None]]
#: A job type's ``together(conn, jobs)``: runs consecutive jobs of that type at once and
#: returns each one's result, or the exception of a job that changed nothing.
Together = Callable[[Connection, list[Any]], list[Any]]


class _JobFailed(Exception):
    """A job raised while its batch ran without savepoints."""


class TransactionLost(faults.Fault):
    """The database rolled the batch's transaction back by itself (SQLite does after
    some errors, e.g. a full disk): nothing of the batch was committed."""


_STOP = object()


class Writer:
    """The writer thread.  ``lock_path``, for SQLite files, names a lock file that the
    writers of all processes take in turn around each batch (``fcntl.flock``): a blocked
    ``flock`` wakes the moment the lock is free, where SQLite's busy timeout would sleep
    in steps of up to 100 ms, so several server processes share one database file at
    full speed."""

    def __init__(
        self, engine: Engine, lock_path: str | None = None, hooks: tuple[BatchHook, ...] = ()
    ) -> None:
        self.engine = engine
        self.lock_path = lock_path
        self.hooks = hooks
        self._lock_fd: int | None = None
        self._queue: queue.SimpleQueue[_Job | object] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="copydesk-writer", daemon=True
                )
                self._thread.start()

    def stop(self) -> None:
        with self._lock:
            thread = self._thread
            self._thread = None
        if thread is not None and thread.is_alive():
            self._queue.put(_STOP)
            thread.join(timeout=30)
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    async def submit(self, fn: Callable[[Connection], T]) -> T:
        if self._thread is None:
            self.start()
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._queue.put((fn, future))
        return await future

    def submit_sync(self, fn: Callable[[Connection], T]) -> T:
        if self._thread is None or threading.current_thread() is self._thread:
            # Not started (CLI one-offs) or re-entrant: run in a transaction of our own.
            return self._run_alone(fn)
        return self._enqueue(fn).result()

    def _enqueue(self, fn: Callable[[Connection], T]) -> Future[T]:
        if self._thread is None:
            self.start()
        future: Future[T] = Future()
        self._queue.put((fn, future))
        return future

    def run_batch(self, jobs: list[tuple[Callable[[Connection], Any], Future[Any]]]) -> None:
        """Commit these jobs as one batch in the calling thread, settling their futures.

        For a process whose only work is writing (the ingest committer): it batches on
        its own event loop, and no other thread of it competes for the GIL.
        """
        for start in range(0, len(jobs), MAX_BATCH):
            self._commit(list(jobs[start:start + MAX_BATCH]))

    def _run_alone(self, fn: Callable[[Connection], T]) -> T:
        try:
            with self._across_processes(), self.engine.begin() as conn:
                finish = [hook(conn) for hook in self.hooks]
                result = fn(conn)
                for done in finish:
                    done()
                self._check_open(conn)
                return result
        except Exception as exc:
            raise self._wrapped(exc) from None

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is _STOP:
                return
            batch: list[_Job] = [item]  # type: ignore[list-item]
            stop = False
            while len(batch) < MAX_BATCH:
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is _STOP:
                    stop = True
                    break
                batch.append(more)  # type: ignore[arg-type]
            self._commit(batch)
            if stop:
                return

    def _commit(self, batch: list[_Job]) -> None:
        error: BaseException | None = None
        for attempt in range(5):
            try:
                self._commit_once(batch)
                return
            except (OperationalError, TransactionLost) as exc:  # e.g. another's lock
                log.warning("write batch failed (attempt %d): %s", attempt + 1,
                            faults.reason(exc))
                error = exc
                if faults.is_full(exc):
                    break
            except BaseException as exc:
                error = self._wrapped(exc)
                break
        assert error is not None
        log.error("write batch of %d jobs not committed: %s", len(batch), faults.reason(error))
        self._answer(batch, [(False, error)] * len(batch))

    def _wrapped(self, exc: BaseException) -> BaseException:
        return sqlalchemy_error(self.engine, exc)

    @staticmethod
    def _check_open(conn: Connection) -> None:
        """Raise :class:`TransactionLost` when SQLite has rolled our transaction back.

        sqlite3 reports it through ``in_transaction``; PostgreSQL never ends a
        transaction by itself (a failed one refuses every statement until rollback).
        """
        if not getattr(conn.connection.dbapi_connection, "in_transaction", True):
            raise TransactionLost("the database rolled the transaction back")

    @contextlib.contextmanager
    def _across_processes(self) -> Iterator[None]:
        if self.lock_path is None:
            yield
            return
        if self._lock_fd is None:
            self._lock_fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(self._lock_fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)

    def _commit_once(self, batch: list[_Job]) -> None:
        try:
            results = self._transaction(batch, isolate=False)
        except _JobFailed:
            # Some job raised: run the batch again, each job in a savepoint, so the
            # failure is that job's alone.  Jobs rarely fail, and savepoints cost two
            # statements per job, so they are paid only here.
            results = self._transaction(batch, isolate=True)
        self._answer(batch, results)

    def _transaction(self, batch: list[_Job], *, isolate: bool) -> list[tuple[bool, Any]]:
        results: list[tuple[bool, Any]] = []
        with self._across_processes(), self.engine.connect() as conn, conn.begin():
            finish = [hook(conn) for hook in self.hooks]
            if not isolate:
                results = [(False, None)] * len(batch)  # for callers that have gone
                for together, run in _runs(batch):
                    jobs = [fn for _, fn in run]
                    try:
                        values = ([job(conn) for job in jobs] if together is None
                                  else together(conn, jobs))
                    except Exception as exc:
                        raise _JobFailed from exc
                    self._check_open(conn)
                    for (i, _), value in zip(run, values, strict=True):
                        failed = together is not None and isinstance(value, Exception)
                        results[i] = (not failed, value)
                for done in finish:
                    done()
                self._check_open(conn)
                return results
            for fn, future in batch:
                if future.done():
                    results.append((False, None))
                    continue
                statement.savepoint(conn)
                try:
                    value = fn(conn)
                except Exception as exc:
                    self._check_open(conn)  # no savepoint to go back to without it
                    statement.rollback_to(conn)
                    statement.release(conn)
                    results.append((False, self._wrapped(exc)))
                else:
                    self._check_open(conn)
                    statement.release(conn)
                    results.append((True, value))
            for done in finish:
                done()
            self._check_open(conn)
        return results

    @staticmethod
    def _answer(batch: list[_Job], results: list[tuple[bool, Any]]) -> None:
        # Committed (or failed for good): only now tell the callers.
        loops: dict[asyncio.AbstractEventLoop, list[tuple[asyncio.Future[Any], bool, Any]]]
        loops = {}
        for (_, future), (ok, value) in zip(batch, results, strict=True):
            if isinstance(future, asyncio.Future):
                loops.setdefault(future.get_loop(), []).append((future, ok, value))
            elif not future.done():
                _settle(future, ok, value)
        for loop, answers in loops.items():
            with contextlib.suppress(RuntimeError):  # the loop has closed: nobody waits
                loop.call_soon_threadsafe(_settle_all, answers)


def _runs(batch: list[_Job]) -> Iterator[tuple[Together | None, list[tuple[int, Any]]]]:
    """The batch's awaited jobs (with their places in it) as runs to call: each run of
    consecutive jobs of one type that has ``together`` with that function, and every
    other job alone."""
    awaited = [(i, fn) for i, (fn, future) in enumerate(batch) if not future.done()]
    for kind, run in itertools.groupby(awaited, key=lambda job: type(job[1])):
        together: Together | None = getattr(kind, "together", None)
        if together is None:
            for job in run:
                yield None, [job]
        else:
            yield together, list(run)


def sqlalchemy_error(engine: Engine, exc: BaseException) -> BaseException:
    """A driver's exception as SQLAlchemy's (statements on the driver's cursor raise the
    driver's own, :mod:`copydesk.storage.statement`); anything else as it is."""
    dbapi = engine.dialect.loaded_dbapi
    if isinstance(exc, dbapi.Error) and not isinstance(exc, DBAPIError):
        return DBAPIError.instance(None, None, exc, dbapi.Error)
    return exc


def _settle(future: _Reply, ok: bool, value: Any) -> None:
    if future.done():  # cancelled: the caller has gone
        return
    if ok:
        future.set_result(value)
    elif value is not None:
        future.set_exception(value)


def _settle_all(answers: list[tuple[asyncio.Future[Any], bool, Any]]) -> None:
    for future, ok, value in answers:
        _settle(future, ok, value)
