"""Pacing: spacing messages out to stay inside a receiver's rate limits.

A :class:`Pacer` keeps, per key (a chat, a bot), the earliest time the next message
may go.  :meth:`Pacer.reserve` books the next free slot across several keys at once
and says how long to wait for it; the caller sleeps with ``asyncio.sleep``, so only
its own delivery waits, never the event loop or other channels.  When the wait would
be long, nothing is booked and the caller hands the event back to the outbox for later
(:class:`~copydesk.notify.channel.Deferred`) instead of holding its lease.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence


class Pacer:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._next: dict[str, float] = {}

    def reserve(self, limits: Sequence[tuple[str, float]], max_wait: float) -> float:
        """Seconds until a slot free under every ``(key, interval)``.

        The slot is booked only when the wait is at most ``max_wait``.
        """
        now = self._clock()
        slot = max([now, *(self._next.get(key, 0.0) for key, _ in limits)])
        wait = slot - now
        if wait <= max_wait:
            for key, interval in limits:
                self._next[key] = slot + interval
        self._forget(now)
        return wait

    def pause(self, key: str, seconds: float) -> None:
        """Nothing goes under ``key`` for ``seconds`` (a receiver's ``retry_after``)."""
        until = self._clock() + seconds
        self._next[key] = max(self._next.get(key, 0.0), until)

    def _forget(self, now: float) -> None:
        if len(self._next) > 10_000:
            self._next = {k: v for k, v in self._next.items() if v > now}
