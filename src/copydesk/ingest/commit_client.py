"""A worker's link to the committer (:mod:`copydesk.ingest.committer`).

One Unix-socket connection per worker process, opened on first use and shared by all
its requests: each request writes a frame with a sequence number and awaits the answer
with that number.

- Committer not reachable (not started yet, restarting after a crash): :meth:`store`
  answers ``None`` and the caller stores the report through its own writer; the next
  attempt to connect is a second later.
- Connection lost with reports in flight: whether they were committed is unknown, so
  each waiting caller gets :class:`CommitterLost` (ingest answers 503; the report was
  not acknowledged and the widget sends it again).
- The committer could not store a report (its disk is full, its commit failed): the
  caller gets :class:`CommitterFailed` with the fault's code (ingest answers 503).

Both are faults (:class:`copydesk.faults.Fault`).
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from copydesk import errors, faults
from copydesk.ingest.committer import frame, frames
from copydesk.reports import KeyReused, Report, Stored

log = logging.getLogger("copydesk.committer")

RETRY_AFTER = 1.0


class CommitterLost(faults.Fault):
    """The connection to the committer broke while this report was in flight."""

    code = faults.STORE_INTERRUPTED


class CommitterFailed(faults.Fault):
    """The committer could not store this report (its transaction raised).

    ``code``: the fault's 503 code as the committer sent it; None when what raised there
    was not a fault (the reason is then the exception's type).
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = reason if reason in errors.UNAVAILABLE else None


class _Protocol(asyncio.Protocol):
    """The link's socket: answers in, connection loss."""

    def __init__(self, client: CommitClient) -> None:
        self.client = client
        self.buffer = bytearray()

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        for message in frames(self.buffer):
            self.client._answer(message)

    def connection_lost(self, exc: Exception | None) -> None:
        self.client._lost(self)


class CommitClient:
    """One worker process's link to the committer, shared by all its requests."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._transport: asyncio.Transport | None = None
        self._protocol: _Protocol | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._waiting: dict[int, asyncio.Future[Stored]] = {}
        self._seq = 0
        self._retry_at = 0.0
        self._connecting: asyncio.Future[None] | None = None
        self._up = False  # as of the last attempt, for logging changes only

    async def connect(self) -> bool:
        """Whether the committer is reachable (connecting if need be)."""
        return await self._connect() is not None

    async def store(self, site_id: int, report: Report, *, ip_hash: str,
                    spam_reason: str | None) -> Stored | None:
        """Store through the committer; ``None`` when it cannot be reached."""
        transport = await self._connect()
        if transport is None:
            return None
        assert self._loop is not None
        self._seq += 1
        seq = self._seq
        future: asyncio.Future[Stored] = self._loop.create_future()
        self._waiting[seq] = future
        transport.write(frame([seq, site_id, ip_hash, spam_reason, *report]))
        try:
            return await future
        finally:
            self._waiting.pop(seq, None)

    async def _connect(self) -> asyncio.Transport | None:
        loop = asyncio.get_running_loop()
        if self._loop is not loop:  # a new event loop (tests): the old link is unusable
            self._reset(loop)
        if self._transport is not None:
            return self._transport
        if self._connecting is not None:
            await asyncio.shield(self._connecting)
            return self._transport
        if time.monotonic() < self._retry_at:
            return None
        self._connecting = loop.create_future()
        try:
            transport, protocol = await loop.create_unix_connection(
                lambda: _Protocol(self), self.path)
        except OSError as exc:
            if self._retry_at == 0.0 or self._up:
                log.warning("committer not reachable (%s); storing reports in-process",
                            type(exc).__name__)
            self._retry_at = time.monotonic() + RETRY_AFTER
            self._up = False
        else:
            self._transport, self._protocol = transport, protocol
            self._retry_at = 0.0
            if not self._up:
                log.info("connected to the committer")
            self._up = True
        finally:
            self._connecting.set_result(None)
            self._connecting = None
        return self._transport

    def _reset(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._transport = self._protocol = None
        self._connecting = None
        self._waiting.clear()
        self._retry_at = 0.0

    def _answer(self, message: list[Any]) -> None:
        seq = message[0]
        future = self._waiting.pop(seq, None) if isinstance(seq, int) else None
        if future is None or future.done():
            return  # its caller has gone (cancelled)
        if message[1] is None:
            reason = str(message[2])
            failure = KeyReused() if reason == KeyReused.__name__ else CommitterFailed(reason)
            future.set_exception(failure)
        else:
            _, report, group, duplicate, replayed = message
            future.set_result(Stored(id=int(report), group=int(group),
                                     duplicate=bool(duplicate), replayed=bool(replayed)))

    def _lost(self, protocol: _Protocol) -> None:
        if protocol is not self._protocol:
            return
        self._transport = self._protocol = None
        waiting, self._waiting = self._waiting, {}
        if waiting:
            log.error("lost the committer with %d reports in flight", len(waiting))
        for future in waiting.values():
            if not future.done():
                future.set_exception(CommitterLost())

    def close(self) -> None:
        if self._transport is not None:
            self._transport.close()
