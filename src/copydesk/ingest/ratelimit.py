"""Rate limits: fixed one-minute windows per key, in process or shared through Redis.

A limiter answers ``hit(key, limit)`` with ``None`` (allowed) or the seconds until the
key's window ends (refused: the caller answers 429 with ``Retry-After``).  Keys are
already hashed by the caller; nothing here sees a raw address.
"""

from __future__ import annotations

import math
import threading
import time
from typing import Protocol

WINDOW = 60.0


class Limiter(Protocol):
    async def hit(self, key: str, limit: int) -> int | None: ...

    async def close(self) -> None: ...


class MemoryLimiter:
    """Counters in this process's memory (one server process, or per-process limits)."""

    def __init__(self, window: float = WINDOW, clock: object = time.monotonic) -> None:
        self.window = window
        self._clock = clock
        self._counts: dict[str, tuple[float, int]] = {}
        self._lock = threading.Lock()
        self._last_sweep = 0.0

    def _now(self) -> float:
        return float(self._clock())  # type: ignore[operator]

    async def hit(self, key: str, limit: int) -> int | None:
        now = self._now()
        with self._lock:
            if now - self._last_sweep > self.window:
                self._sweep(now)
            start, count = self._counts.get(key, (now, 0))
            if now - start >= self.window:
                start, count = now, 0
            if count >= limit:
                return max(1, math.ceil(start + self.window - now))
            self._counts[key] = (start, count + 1)
            return None

    def _sweep(self, now: float) -> None:
        self._last_sweep = now
        stale = [k for k, (start, _) in self._counts.items() if now - start >= self.window]
        for key in stale:
            del self._counts[key]

    async def close(self) -> None:
        return None


_SCRIPT = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}
"""


class RedisLimiter:
    """Counters in Redis, so every worker and machine enforces one limit."""

    def __init__(self, url: str, window: float = WINDOW, prefix: str = "copydesk:rl:") -> None:
        from redis import asyncio as aioredis

        self.window = window
        self.prefix = prefix
        self._redis = aioredis.from_url(url)
        self._script = self._redis.register_script(_SCRIPT)

    async def hit(self, key: str, limit: int) -> int | None:
        count, ttl = await self._script(
            keys=[self.prefix + key], args=[int(self.window * 1000)]
        )
        if int(count) > limit:
            return max(1, math.ceil(int(ttl) / 1000))
        return None

    async def close(self) -> None:
        await self._redis.aclose()
