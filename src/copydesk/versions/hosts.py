"""Politeness towards each news site's server: at most ``per_host`` fetches to one host
at a time, and at least ``delay`` seconds between the starts of two of them.  Per
process (each process of ``serve`` has its own gate)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class HostGate:
    def __init__(self, per_host: int, delay: float) -> None:
        self.per_host = per_host
        self.delay = delay
        self._busy: dict[str, int] = {}
        self._next: dict[str, float] = {}
        self._cond = threading.Condition()

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        """Wait for a turn to fetch from ``host``; the turn lasts the ``with`` block."""
        with self._cond:
            while True:
                now = time.monotonic()
                wait = self._next.get(host, 0.0) - now
                if self._busy.get(host, 0) < self.per_host and wait <= 0:
                    break
                self._cond.wait(timeout=wait if wait > 0 else None)
            self._busy[host] = self._busy.get(host, 0) + 1
            self._next[host] = now + self.delay
        try:
            yield
        finally:
            with self._cond:
                self._busy[host] -= 1
                if not self._busy[host]:
                    del self._busy[host]
                self._cond.notify_all()
