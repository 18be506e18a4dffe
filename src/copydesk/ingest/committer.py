"""The committer: one process that stores the reports of every server process.

``copydesk serve`` runs its worker processes (one per core by default) and, beside
them, this process.  A worker does everything a report needs before storage (limits,
parsing, validation, origins, spam judgement) and sends the result over a Unix socket
(:mod:`copydesk.ingest.commit_client`); the committer stores it with
:func:`copydesk.reports.store` (article, grouping, report, outbox) and answers with the
ids once the transaction has committed.

Why a process of its own (measured with ``bench/ingest``; ARCHITECTURE.md has the
numbers): a writer *thread* shares its process's GIL with the event loop parsing
requests, and gets it back after every SQLite call only when the loop lets go, so a
report's transaction took four to five times as long in a busy server as alone; and on
SQLite the processes' writers took turns at the file, each turn starting with a cold
page cache.  The committer's event loop does little but read frames: it gathers what
arrived since its last commit and commits it as one batch on the loop's own thread
(:meth:`~copydesk.storage.writer.Writer.run_batch`), so nothing competes for its GIL
and its page cache stays warm.  Other writes (dashboard, outbox, proofreading) stay on
each process's own writer; they are few.

Wire format: frames of a 4-byte big-endian length and an orjson array::

    request  [seq, site_id, ip_hash, spam_reason, url, exact, prefix, suffix, start, end,
              suggestion, comment, title, lang, client_id]
    answer   [seq, id, group, duplicate, replayed]
                                             stored and committed (replayed: an earlier
                                             arrival of the same report, answered again)
             [seq, null, reason]             not stored: the job or the commit raised;
                                             reason is a fault's 503 code (storage_full,
                                             storage_unavailable: copydesk.faults) or,
                                             for anything else, the exception's type
                                             (``KeyReused``: a client id already names
                                             another report)

A batch that cannot be committed (a full disk) is answered with its fault, and the
committer goes on: once the disk has room, the next batch commits.

Process life: ``serve`` starts the committer before the workers, restarts it when it
exits, and stops it after them (they may still be answering).  It runs in a process
group of its own and ignores ``SIGINT``, so signals to ``serve``'s group (Ctrl+C, a
supervisor's ``SIGTERM``) leave it to ``serve`` to decide the order; it finishes its
batch on ``SIGTERM``, and exits by itself when its parent has gone.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import multiprocessing
import os
import signal
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from functools import partial
from pathlib import Path
from typing import Any, cast

import orjson
import uvloop
from sqlalchemy import Connection

from copydesk import faults, logs, reports
from copydesk.settings import Settings
from copydesk.storage.database import Database

log = logging.getLogger("copydesk.committer")

#: The environment variable that tells worker processes where the committer listens.
SOCKET_ENV = "COPYDESK_COMMITTER_SOCKET"
_HEADER = 4


def frame(message: list[Any]) -> bytes:
    body = orjson.dumps(message)
    return len(body).to_bytes(_HEADER, "big") + body


def frames(buffer: bytearray) -> Iterator[Any]:
    """Decode and remove every complete frame at the start of ``buffer``."""
    offset = 0
    while len(buffer) - offset >= _HEADER:
        size = int.from_bytes(buffer[offset:offset + _HEADER], "big")
        end = offset + _HEADER + size
        if len(buffer) < end:
            break
        yield orjson.loads(bytes(buffer[offset + _HEADER:end]))
        offset = end
    del buffer[:offset]


class _Link(asyncio.Protocol):
    """One worker's connection."""

    def __init__(self, committer: Committer) -> None:
        self.committer = committer
        self.buffer = bytearray()
        self.transport: asyncio.Transport | None = None
        self.out: list[bytes] = []

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        try:
            for message in frames(self.buffer):
                self.committer.take(message, self)
        except (orjson.JSONDecodeError, TypeError, ValueError):
            log.error("committer: malformed frame; closing the connection")
            if self.transport is not None:
                self.transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None

    def flush(self) -> None:
        if self.out and self.transport is not None and not self.transport.is_closing():
            self.transport.write(b"".join(self.out))
        self.out.clear()


_Pending = tuple[Callable[[Connection], reports.Stored], Future[reports.Stored], _Link, int]


class Committer:
    """The committer's storage side: takes requests, commits them in batches, answers."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.db = Database(settings.database_url, synchronous=settings.sqlite_synchronous)
        self.stored = 0
        self._pending: list[_Pending] = []
        self._scheduled = False

    def take(self, message: list[Any], link: _Link) -> None:
        seq, site_id, ip_hash, spam_reason, *values = message
        if len(values) != len(reports.Report._fields):
            raise ValueError("wrong number of fields")
        job = partial(reports.store, site_id=int(site_id), report=reports.Report(*values),
                      ip_hash=str(ip_hash), spam_reason=spam_reason,
                      public_url=self.settings.public_url)
        self._pending.append((job, Future(), link, int(seq)))
        if not self._scheduled:
            # After this round of the event loop: every frame that has arrived from any
            # worker by then joins the batch.
            self._scheduled = True
            asyncio.get_running_loop().call_soon(self.commit)

    def commit(self) -> None:
        """Commit what is pending as one batch (on this thread), then answer each."""
        self._scheduled = False
        pending, self._pending = self._pending, []
        if not pending:
            return
        self.db.writer.run_batch([(job, future) for job, future, _, _ in pending])
        links: set[_Link] = set()
        failed = 0
        for _, future, link, seq in pending:
            try:
                stored = future.result(timeout=0)
            except Exception as exc:
                failed += 1
                reason = faults.reason(exc)
                link.out.append(frame([seq, None, faults.code_of(exc) or type(exc).__name__]))
            else:
                self.stored += 1
                link.out.append(frame([seq, stored.id, stored.group, stored.duplicate,
                                              stored.replayed]))
            links.add(link)
        for link in links:
            link.flush()
        if failed:  # once per batch: a full disk fails every report of every batch
            log.error("%d of %d reports not stored: %s", failed, len(pending), reason)

    async def serve(self, path: str, stopping: asyncio.Event) -> None:
        """Listen on ``path`` until ``stopping`` is set, then commit what is left."""
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        loop = asyncio.get_running_loop()
        server = await loop.create_unix_server(lambda: _Link(self), path=path)
        os.chmod(path, 0o600)
        try:
            await stopping.wait()
        finally:
            server.close()
            self.commit()
            self.db.close()


def main(path: str) -> None:
    """The committer process (started by :class:`CommitterProcess`)."""
    # A process group of its own: a signal to serve's group (Ctrl+C, a supervisor's
    # SIGTERM) reaches serve, which stops the committer after its workers.  In serve's
    # group it stopped at once, before the workers, and was restarted during shutdown.
    os.setpgid(0, 0)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    settings = Settings.from_env(os.environ)
    logs.configure(settings.log_level, settings.log_format)
    parent = os.getppid()

    async def run() -> None:
        stopping = asyncio.Event()
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stopping.set)

        async def watch_parent() -> None:
            while os.getppid() == parent:
                await asyncio.sleep(1)
            log.warning("committer: the server process has gone; stopping")
            stopping.set()

        watcher = asyncio.create_task(watch_parent())
        try:
            await Committer(settings).serve(path, stopping)
        finally:
            watcher.cancel()

    gc.collect()
    gc.freeze()  # what is loaded by now lives as long as the process: stop scanning it
    uvloop.run(run())


class CommitterProcess:
    """``serve``'s handle on the committer: start, keep running, stop last."""

    RESTART_DELAY = 1.0

    def __init__(self) -> None:
        self._dir = tempfile.mkdtemp(prefix="copydesk-")
        self.path = str(Path(self._dir) / "committer.sock")
        self._process: multiprocessing.process.BaseProcess | None = None
        self._stopping = threading.Event()
        self._watcher: threading.Thread | None = None

    def start(self, timeout: float = 30.0) -> None:
        """Start the committer and wait until it listens (the workers start next)."""
        self._spawn()
        self._wait_listening(timeout)
        self._watcher = threading.Thread(target=self._watch, name="committer-watch",
                                         daemon=True)
        self._watcher.start()

    def _spawn(self) -> None:
        context = multiprocessing.get_context("spawn")
        self._process = context.Process(target=main, args=(self.path,),
                                        name="copydesk-committer")
        self._process.start()

    def _wait_listening(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
                try:
                    probe.connect(self.path)
                    return
                except OSError:
                    pass
            if self._process is not None and self._process.exitcode is not None:
                break
            time.sleep(0.02)
        # Workers store reports in-process until a committer answers.
        log.error("the committer did not start listening; starting without it for now")

    def _watch(self) -> None:
        while not self._stopping.is_set():
            process = self._process
            assert process is not None
            process.join(timeout=0.5)
            if process.exitcode is not None and not self._stopping.is_set():
                log.error("committer exited with code %s; starting a new one",
                          process.exitcode)
                if self._stopping.wait(self.RESTART_DELAY):
                    return
                self._spawn()

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def stop(self, timeout: float = 30.0) -> None:
        self._stopping.set()
        if self._watcher is not None:
            self._watcher.join()
        process = self._process
        if process is not None and process.is_alive():
            process.terminate()
            process.join(timeout)
            if process.is_alive():
                process.kill()
                process.join()
        with contextlib.suppress(OSError):
            os.unlink(self.path)
        with contextlib.suppress(OSError):
            os.rmdir(self._dir)
