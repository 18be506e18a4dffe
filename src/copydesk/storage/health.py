"""Whether the database can take reports now: it answers, and a write commits.

A read (``SELECT 1``) answers on a full disk and on a database that refuses writes, so
the probe also writes: one ``meta`` row (``health_probe``, the time) through the
process's writer, the path reports take (the cross-process lock, ``BEGIN IMMEDIATE``,
the commit and its fsync).  On SQLite it also looks at the free space of the
filesystem holding the database file (``os.statvfs``): below the threshold the database
counts as full before SQLite says so, since a write that fits into the write-ahead
log's reused space can still commit when the next, larger one cannot.

A flood of health checks costs one probe a second: the outcome is kept for
:data:`TTL` seconds, and callers that arrive while a probe runs wait for it.  A step
that takes longer than :data:`TIMEOUT` counts as failed (a database host that does not
answer at all), so the health check itself answers.
"""

from __future__ import annotations

import asyncio
import os
import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection, text, update

from copydesk import faults
from copydesk.storage import schema

if TYPE_CHECKING:
    from copydesk.storage.database import Database

OK = "ok"
UNREACHABLE = "unreachable"  # a read fails
FULL = "full"  # a write fails for want of space, or free space is below the threshold
NOT_WRITABLE = "not writable"  # a write fails otherwise (read-only, locked too long…)

TTL = 1.0
TIMEOUT = 5.0
_KEY = "health_probe"


def _touch(conn: Connection) -> None:
    now = datetime.now(UTC).isoformat()
    meta = schema.meta
    if conn.execute(update(meta).where(meta.c.key == _KEY).values(value=now)).rowcount == 0:
        conn.execute(meta.insert().values(key=_KEY, value=now))


def free_bytes(path: str) -> int:
    """Bytes an unprivileged process may still write on ``path``'s filesystem."""
    stats = os.statvfs(path)
    return stats.f_bavail * stats.f_frsize


class Health:
    """The database's state for ``/healthz``, probed at most once per :data:`TTL`."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._state = OK
        self._checked = -TTL
        self._running: asyncio.Future[str] | None = None

    async def check(self, min_free: int = 0) -> str:
        """:data:`OK`, :data:`UNREACHABLE`, :data:`FULL` or :data:`NOT_WRITABLE`.

        ``min_free``: bytes of free space (SQLite's filesystem) below which it is FULL.
        """
        if time.monotonic() - self._checked < TTL:
            return self._state
        if self._running is not None and self._running.get_loop() is asyncio.get_running_loop():
            return await asyncio.shield(self._running)
        running = self._running = asyncio.get_running_loop().create_future()
        try:
            state = await self._probe(min_free)
        except BaseException:
            running.cancel()
            raise
        finally:
            self._running = None
        self._state, self._checked = state, time.monotonic()
        running.set_result(state)
        return state

    async def _probe(self, min_free: int) -> str:
        try:
            await asyncio.wait_for(
                self.db.read(lambda conn: conn.execute(text("SELECT 1")).scalar_one()),
                TIMEOUT)
        except Exception:  # TimeoutError included
            return UNREACHABLE
        directory = self.db.directory
        if directory is not None and min_free > 0:
            try:
                if free_bytes(directory) < min_free:
                    return FULL
            except OSError:
                return UNREACHABLE
        try:
            await asyncio.wait_for(self.db.write(_touch), TIMEOUT)
        except Exception as exc:  # TimeoutError included: a write lock held too long
            return FULL if faults.is_full(exc) else NOT_WRITABLE
        return OK
