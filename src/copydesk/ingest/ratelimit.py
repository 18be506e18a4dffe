"""Rate limits: fixed one-minute windows, in process or shared through Redis.

Three operations, each one decision (and, with Redis, one round trip):

- ``hit(key, limit)``: one counter (dashboard logins use it);
- ``caps(limits, flag)``: several counters at once, all or nothing (a report's IP
  block and network); a refusal flags the sender;
- ``share(pool, member, budget, flag)``: a site's budget shared fairly among the
  networks that use it; a refusal flags the sender.  An admitted report may be held
  first: the network's share is paced over the window.

``hit`` and ``caps`` answer ``None`` (allowed) or the seconds until the refusing window
ends (the caller answers 429 with ``Retry-After``); ``share`` answers an
:class:`Admission`: refused (those seconds), or admitted now or after a hold.  The
design of ``caps``, ``share``, the pacing and the flags, and what they bound, is in
:mod:`copydesk.ingest.fairshare`.  Keys are already
hashed by the caller; nothing here sees a raw address.

:class:`RedisLimiter` keeps working when Redis does not answer: it falls back to this
process's counters (a :class:`MemoryLimiter`; limits then count per process), logs one
warning per outage, counts it in ``copydesk_ratelimit_fallbacks_total`` and shows it in
``copydesk_ratelimit_shared`` and :attr:`RedisLimiter.healthy`.  It asks Redis again at
most every ``retry_every`` seconds (one request asks; the others meanwhile count in
process), with short socket timeouts, so an outage costs no request more than about
``timeout``.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple, Protocol, TypeVar

from copydesk.ingest import fairshare

if TYPE_CHECKING:
    from copydesk.metrics import Metrics

WINDOW = 60.0
#: A flagged network stays flagged this many windows after its last refusal.
FLAG_WINDOWS = 2

log = logging.getLogger("copydesk.ratelimit")
T = TypeVar("T")

#: What ``caps`` answers: the seconds to wait (None: allowed), and whether the sender
#: is flagged (refused in this or the last window).
Verdict = tuple[int | None, bool]


class Admission(NamedTuple):
    """What ``share`` answers."""

    #: Refused: the seconds until the pool's window ends (429 with ``Retry-After``).
    refused: int | None
    #: Admitted: hold the report this many milliseconds first (0: at once; see
    #: :func:`copydesk.ingest.fairshare.paced`).
    hold: int = 0


ADMITTED = Admission(None, 0)


class Limiter(Protocol):
    async def hit(self, key: str, limit: int) -> int | None: ...

    async def caps(self, limits: Sequence[tuple[str, int]], flag: str) -> Verdict: ...

    async def share(self, pool: str, member: str, budget: int, flag: str, *,
                    calm_rate: int = 0) -> Admission: ...

    async def close(self) -> None: ...


class _Pool:
    __slots__ = ("counts", "due", "start", "total")

    def __init__(self, start: float) -> None:
        self.start = start
        self.total = 0
        self.counts: dict[str, int] = {}
        #: Each network's next due time, in ms from ``start`` (fairshare.paced).
        self.due: dict[str, int] = {}


class MemoryLimiter:
    """Counters in this process's memory (one server process, or per-process limits)."""

    healthy = True

    def __init__(self, window: float = WINDOW, clock: Callable[[], float] = time.monotonic
                 ) -> None:
        self.window = window
        self._clock = clock
        self._counts: dict[str, tuple[float, int]] = {}
        self._pools: dict[str, _Pool] = {}
        self._flags: dict[str, float] = {}
        self._lock = threading.Lock()
        self._last_sweep = clock()

    def _wait(self, start: float, now: float) -> int:
        return max(1, math.ceil(start + self.window - now))

    def _now(self) -> float:
        now = self._clock()
        if now - self._last_sweep > self.window:
            self._sweep(now)
        return now

    async def hit(self, key: str, limit: int) -> int | None:
        with self._lock:
            now = self._now()
            start, count = self._counts.get(key, (now, 0))
            if now - start >= self.window:
                start, count = now, 0
            if count >= limit:
                return self._wait(start, now)
            self._counts[key] = (start, count + 1)
            return None

    async def caps(self, limits: Sequence[tuple[str, int]], flag: str) -> Verdict:
        with self._lock:
            now = self._now()
            current = []
            for key, limit in limits:
                start, count = self._counts.get(key, (now, 0))
                if now - start >= self.window:
                    start, count = now, 0
                if count >= limit:
                    self._flags[flag] = now + FLAG_WINDOWS * self.window
                    return self._wait(start, now), True
                current.append((key, start, count))
            for key, start, count in current:
                self._counts[key] = (start, count + 1)
            return None, self._flags.get(flag, 0.0) > now

    async def share(self, pool: str, member: str, budget: int, flag: str, *,
                    calm_rate: int = 0) -> Admission:
        with self._lock:
            now = self._now()
            state = self._pools.get(pool)
            if state is None or now - state.start >= self.window:
                state = self._pools[pool] = _Pool(now)
            count = state.counts.get(member, 0)
            if not fairshare.admits(state.total, count, len(state.counts), budget):
                self._flags[flag] = now + FLAG_WINDOWS * self.window
                return Admission(self._wait(state.start, now))
            pressure = 2 * state.total >= budget
            state.counts[member] = count + 1
            state.total += 1
            elapsed = int((now - state.start) * 1000)
            hold, state.due[member] = fairshare.paced(
                state.due.get(member, elapsed), elapsed, len(state.counts), budget,
                int(self.window * 1000), pressure=pressure, calm_rate=calm_rate)
            return Admission(None, hold)

    def _sweep(self, now: float) -> None:
        self._last_sweep = now
        self._counts = {k: v for k, v in self._counts.items() if now - v[0] < self.window}
        self._pools = {k: v for k, v in self._pools.items() if now - v.start < self.window}
        self._flags = {k: v for k, v in self._flags.items() if v > now}

    async def close(self) -> None:
        return None


# KEYS: the counters, then the flag.  ARGV: window ms, flag ms, then each counter's limit.
# Returns {ms to wait or -1, flagged}.
_CAPS = """
local n = #KEYS - 1
local flag = KEYS[#KEYS]
for i = 1, n do
  local count = tonumber(redis.call('GET', KEYS[i]) or '0')
  if count >= tonumber(ARGV[i + 2]) then
    redis.call('SET', flag, '1', 'PX', ARGV[2])
    local ttl = redis.call('PTTL', KEYS[i])
    if ttl < 0 then redis.call('PEXPIRE', KEYS[i], ARGV[1]); ttl = tonumber(ARGV[1]) end
    return {ttl, 1}
  end
end
for i = 1, n do
  if redis.call('INCR', KEYS[i]) == 1 or redis.call('PTTL', KEYS[i]) < 0 then
    redis.call('PEXPIRE', KEYS[i], ARGV[1])
  end
end
return {-1, redis.call('EXISTS', flag)}
"""

# KEYS: the pool (a hash: member -> count, '#' -> total), the flag, the pace (a hash:
# member -> next due, in ms from the pool's start; it ends with the pool).
# ARGV: window ms, flag ms, budget, member, ceiling, burst, calm rate.
# Returns {ms to wait (refused) or -1, ms to hold (admitted)}.  The decision is
# fairshare.admits, the hold fairshare.paced, in integers; the pool's start is its
# expiry less the window, in Redis's own time (one clock for every worker and machine).
_SHARE = """
local pool, flag, pace = KEYS[1], KEYS[2], KEYS[3]
local window, budget, member = tonumber(ARGV[1]), tonumber(ARGV[3]), ARGV[4]
local total = tonumber(redis.call('HGET', pool, '#') or '0')
local count = tonumber(redis.call('HGET', pool, member) or '0')
local calm = 2 * total < budget
local admitted
if calm then
  admitted = true
elseif total >= tonumber(ARGV[5]) * budget then
  admitted = false
else
  local members = redis.call('HLEN', pool) - 1
  if count == 0 then members = members + 1 end
  admitted = count * members < budget
end
if admitted then
  redis.call('HINCRBY', pool, member, 1)
  if redis.call('HINCRBY', pool, '#', 1) == 1 or redis.call('PTTL', pool) < 0 then
    redis.call('PEXPIRE', pool, window)
    redis.call('DEL', pace)
  end
  local ttl = redis.call('PTTL', pool)
  local now = window - ttl
  local members = redis.call('HLEN', pool) - 1
  local step = math.floor(window * members / budget)
  if calm then
    local rate = tonumber(ARGV[7])
    if rate > 0 then step = math.floor(window / rate) else step = 0 end
  end
  local due = tonumber(redis.call('HGET', pace, member) or now)
  if due < now then due = now end
  local hold = due - (tonumber(ARGV[6]) - 1) * step - now
  if hold < 0 then hold = 0 end
  redis.call('HSET', pace, member, due + step)
  if redis.call('PTTL', pace) < 0 then redis.call('PEXPIRE', pace, ttl) end
  return {-1, hold}
end
redis.call('SET', flag, '1', 'PX', ARGV[2])
local ttl = redis.call('PTTL', pool)
if ttl < 0 then ttl = window end
return {ttl, 0}
"""

_HIT = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}
"""


def _seconds(ms: int) -> int:
    return max(1, math.ceil(ms / 1000))


class RedisLimiter:
    """Counters in Redis, so every worker and machine enforces one limit; in process
    while Redis does not answer (see the module docstring)."""

    def __init__(self, url: str, window: float = WINDOW, prefix: str = "copydesk:rl:", *,
                 metrics: Metrics | None = None, timeout: float = 0.25,
                 retry_every: float = 3.0, clock: Callable[[], float] = time.monotonic
                 ) -> None:
        from redis import asyncio as aioredis
        from redis.asyncio.retry import Retry
        from redis.backoff import NoBackoff

        self.window = window
        self.prefix = prefix
        self.retry_every = retry_every
        self._metrics = metrics
        self._clock = clock
        # No retries inside redis-py: a failed call falls back at once, and the next
        # attempt is this class's, after retry_every.
        self._redis = aioredis.from_url(
            url, socket_timeout=timeout, socket_connect_timeout=timeout,
            retry=Retry(NoBackoff(), 0), retry_on_timeout=False, retry_on_error=[],
        )
        self._hit = self._redis.register_script(_HIT)
        self._caps = self._redis.register_script(_CAPS)
        self._share = self._redis.register_script(_SHARE)
        self._fallback = MemoryLimiter(window, clock)
        self._down = False
        self._next_try = 0.0
        if metrics is not None:
            metrics.limiter_shared.set(1)

    @property
    def healthy(self) -> bool:
        """False while limits count in this process because Redis does not answer."""
        return not self._down

    @property
    def _ms(self) -> int:
        return int(self.window * 1000)

    async def hit(self, key: str, limit: int) -> int | None:
        async def shared() -> int | None:
            count, ttl = await self._hit(keys=[self.prefix + key], args=[self._ms])
            return _seconds(int(ttl)) if int(count) > limit else None

        return await self._run(shared, lambda: self._fallback.hit(key, limit))

    async def caps(self, limits: Sequence[tuple[str, int]], flag: str) -> Verdict:
        async def shared() -> Verdict:
            keys = [self.prefix + key for key, _ in limits] + [self.prefix + flag]
            args = [self._ms, FLAG_WINDOWS * self._ms, *(limit for _, limit in limits)]
            ttl, flagged = await self._caps(keys=keys, args=args)
            return (None if int(ttl) < 0 else _seconds(int(ttl))), bool(int(flagged))

        return await self._run(shared, lambda: self._fallback.caps(limits, flag))

    async def share(self, pool: str, member: str, budget: int, flag: str, *,
                    calm_rate: int = 0) -> Admission:
        async def shared() -> Admission:
            ttl, hold = await self._share(
                keys=[self.prefix + "pool:" + pool, self.prefix + flag,
                      self.prefix + "pace:" + pool],
                args=[self._ms, FLAG_WINDOWS * self._ms, budget, member, fairshare.CEILING,
                      fairshare.BURST, calm_rate],
            )
            if int(ttl) >= 0:
                return Admission(_seconds(int(ttl)))
            return Admission(None, int(hold)) if int(hold) else ADMITTED

        return await self._run(shared, lambda: self._fallback.share(
            pool, member, budget, flag, calm_rate=calm_rate))

    async def _run(self, shared: Callable[[], Awaitable[T]],
                   local: Callable[[], Awaitable[T]]) -> T:
        from redis.exceptions import RedisError

        if self._down:
            now = self._clock()
            if now < self._next_try:
                return await local()
            self._next_try = now + self.retry_every  # this request asks; others wait
        try:
            result = await shared()
        except (RedisError, OSError) as exc:
            self._lost(exc)
            return await local()
        if self._down:
            self._back()
        return result

    def _lost(self, exc: BaseException) -> None:
        if self._down:
            return
        self._down = True
        self._next_try = self._clock() + self.retry_every
        log.warning("rate limits: Redis does not answer (%s); counting in this process "
                    "until it does", type(exc).__name__)
        if self._metrics is not None:
            self._metrics.limiter_fallbacks.inc()
            self._metrics.limiter_shared.set(0)

    def _back(self) -> None:
        self._down = False
        log.info("rate limits: Redis answers again; limits are shared again")
        if self._metrics is not None:
            self._metrics.limiter_shared.set(1)

    async def close(self) -> None:
        await self._redis.aclose()
