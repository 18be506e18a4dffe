"""The dispatcher: delivers outbox rows, at least once, from any number of processes.

Loop: claim due rows with a lease, deliver each in its own task (network I/O outside
any transaction), record the outcome.  Claiming is one write transaction: on
PostgreSQL the due rows are selected ``FOR UPDATE SKIP LOCKED``; on SQLite the
writer's ``BEGIN IMMEDIATE`` makes the whole claim atomic across processes.  A claimed
row carries ``locked_by`` (this dispatcher) and ``locked_until``; until then no other
dispatcher takes it.  If this process dies, the lease runs out and another dispatcher
delivers the row again, with the same idempotency key.

Outcomes (see :mod:`copydesk.notify.channel`): delivered; retry with exponential
backoff and jitter; deferred (rate limits, not counted as an attempt); dead after
``settings.outbox_max_attempts`` attempts or a permanent error; ``Gone`` also disables
the channel.  ``copydesk outbox retry ID`` re-queues a dead row.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import random
import socket
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial

from copydesk.background import LoopTasks
from copydesk.net import http_client
from copydesk.notify import digest, registry
from copydesk.notify.channel import Deferred, DeliveryError, Gone, Permanent, Runtime
from copydesk.notify.claims import Claimed, Outcome, any_due, claim, record
from copydesk.notify.logfilter import redact_http_logs
from copydesk.notify.pacing import Pacer
from copydesk.settings import Settings
from copydesk.storage.database import Database

log = logging.getLogger("copydesk.notify")
LEASE_SHARE = 0.8  # of the lease a delivery may take; the rest covers recording it


@dataclass(frozen=True)
class Tuning:
    lease: float = 120.0  # seconds a claim lasts; longer than any one delivery
    poll: float = 1.0  # seconds between looks at the outbox when idle
    batch: int = 50
    concurrency: int = 20
    backoff_base: float = 10.0  # first retry after about this many seconds
    backoff_max: float = 3600.0
    digest_every: float = 86400.0
    digest_check: float = 60.0
    grace: float = 5.0  # seconds in-flight deliveries get to finish on stop


def backoff(attempts: int, base: float, cap: float) -> float:
    """Exponential backoff with jitter: half fixed, half random ("equal jitter")."""
    delay = min(cap, base * 2.0 ** max(0, attempts - 1))
    return delay / 2 + random.uniform(0, delay / 2)


def worker_id() -> str:
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@dataclass
class _Run:
    """One running loop of a dispatcher (an app may be started in several event loops)."""

    runtime: Runtime
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    inflight: set[asyncio.Task[None]] = field(default_factory=set)


class Dispatcher:
    """A :class:`~copydesk.context.Service`: ``start()`` runs the loop as a task."""

    def __init__(self, settings: Settings, db: Database, tuning: Tuning | None = None) -> None:
        self.settings = settings
        self.db = db
        self.tuning = tuning or Tuning()
        self.id = worker_id()
        self._tasks = LoopTasks("copydesk-dispatcher")
        self._last_digest_check = 0.0

    async def start(self) -> None:
        redact_http_logs()
        self._tasks.start(self.run)

    async def stop(self) -> None:
        await self._tasks.stop()

    async def run(self, stop: asyncio.Event) -> None:
        """Deliver until ``stop`` is set; in-flight deliveries get a grace period."""
        async with http_client(self.settings.allow_private_targets) as http:
            state = _Run(Runtime(self.settings, http, Pacer()), stop)
            try:
                while not stop.is_set():
                    try:
                        claimed = await self._step(state)
                    except Exception:  # e.g. the database restarting: keep going
                        log.exception("outbox dispatcher step failed; retrying")
                        claimed = 0
                    if not claimed:
                        with contextlib.suppress(TimeoutError):
                            await asyncio.wait_for(stop.wait(), self.tuning.poll)
            finally:
                await self._finish_inflight(state)

    async def drain(self) -> None:
        """Deliver everything that is due now, then return (for tests)."""
        async with http_client(self.settings.allow_private_targets) as http:
            state = _Run(Runtime(self.settings, http, Pacer()))
            while await self._step(state) or state.inflight:
                if state.inflight:
                    await asyncio.wait(state.inflight)

    async def _step(self, state: _Run) -> int:
        await self._maybe_digest()
        free = self.tuning.concurrency - len(state.inflight)
        if free <= 0:
            await asyncio.wait(state.inflight, return_when=asyncio.FIRST_COMPLETED)
            return 1
        now = datetime.now(UTC)
        if not await self.db.read(partial(any_due, now=now)):
            return 0
        rows = await self.db.write(
            partial(claim, worker=self.id, now=now, lease=timedelta(seconds=self.tuning.lease),
                    limit=min(free, self.tuning.batch))
        )
        for row in rows:
            task = asyncio.create_task(self._deliver(state.runtime, row))
            state.inflight.add(task)
            task.add_done_callback(state.inflight.discard)
        return len(rows)

    async def _maybe_digest(self) -> None:
        loop = asyncio.get_running_loop()
        if loop.time() - self._last_digest_check < self.tuning.digest_check:
            return
        self._last_digest_check = loop.time()
        every = timedelta(seconds=self.tuning.digest_every)
        try:
            if not await self.db.read(digest.has_digest_channels):
                return
            await self.db.write(partial(digest.enqueue_due, now=datetime.now(UTC), every=every,
                                        public_url=self.settings.public_url))
        except Exception:
            log.exception("digest check failed")

    async def _deliver(self, runtime: Runtime, row: Claimed) -> None:
        try:
            outcome = await self.attempt(runtime, row)
        except asyncio.CancelledError:
            # Shutting down: hand the row back now rather than when the lease runs out.
            back = Outcome.later("interrupted by shutdown", datetime.now(UTC), counted=False)
            with contextlib.suppress(Exception):
                await self.db.write(partial(record, row=row, worker=self.id, outcome=back))
            raise
        try:
            await self.db.write(partial(record, row=row, worker=self.id, outcome=outcome))
        except Exception:
            log.exception("could not record outbox %s; its lease will expire", row.id)

    async def attempt(self, runtime: Runtime, row: Claimed) -> Outcome:
        """Send one claimed row; never raises (except cancellation)."""
        now = datetime.now(UTC)
        if row.kind is None or not row.enabled:
            return Outcome.dead("channel disabled or removed", now)
        try:
            channel = registry.get(row.kind).channel(row.config, runtime)
            # A delivery never outlives its lease, so no other dispatcher can take the row
            # while this one is still sending it.
            async with asyncio.timeout(self.tuning.lease * LEASE_SHARE):
                await channel.send(row.event)
        except TimeoutError:
            return self._failed(row, "delivery took longer than the lease allows", now)
        except Gone as exc:
            log.warning("outbox %s: channel %s gone, disabling", row.id, row.channel_id)
            return Outcome.dead(str(exc), now, disable=True)
        except Permanent as exc:
            return Outcome.dead(str(exc), now)
        except Deferred as exc:
            return Outcome.later(str(exc), now + timedelta(seconds=exc.after), counted=False)
        except DeliveryError as exc:
            return self._failed(row, str(exc), now)
        except Exception as exc:
            log.exception("outbox %s: unexpected error in %s channel", row.id, row.kind)
            return self._failed(row, f"internal error ({type(exc).__name__})", now)
        log.info("outbox %s delivered (%s, channel %s)", row.id, row.kind, row.channel_id)
        return Outcome(status="delivered", at=datetime.now(UTC), error=None, counted=True)

    def _failed(self, row: Claimed, error: str, now: datetime) -> Outcome:
        attempts = row.attempts + 1
        log.info("outbox %s attempt %d failed: %s", row.id, attempts, error)
        if attempts >= self.settings.outbox_max_attempts:
            return Outcome.dead(error, now)
        delay = backoff(attempts, self.tuning.backoff_base, self.tuning.backoff_max)
        return Outcome.later(error, now + timedelta(seconds=delay), counted=True)

    async def _finish_inflight(self, state: _Run) -> None:
        if not state.inflight:
            return
        _, pending = await asyncio.wait(state.inflight, timeout=self.tuning.grace)
        for task in pending:
            task.cancel()  # each hands its row back to the outbox (see _deliver)
        await asyncio.gather(*pending, return_exceptions=True)
