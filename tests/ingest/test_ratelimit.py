"""The limiters: in process and through Redis, with the same answers (fair share, caps,
flags), and the Redis one's fallback while Redis does not answer."""

from __future__ import annotations

import asyncio
import logging
import shutil
import subprocess
import time
import uuid
from collections.abc import AsyncIterator, Iterator

import pytest

from copydesk.ingest import fairshare
from copydesk.ingest.ratelimit import Admission, Limiter, MemoryLimiter, RedisLimiter
from copydesk.metrics import Metrics
from tests.conftest import REDIS_URL, free_port, unavailable


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_memory_limiter_window() -> None:
    clock = Clock()
    limiter = MemoryLimiter(window=60, clock=clock)
    assert [await limiter.hit("a", 2) for _ in range(3)] == [None, None, 60]
    assert await limiter.hit("b", 2) is None  # keys are independent
    clock.now += 45
    assert await limiter.hit("a", 2) == 15
    clock.now += 15
    assert await limiter.hit("a", 2) is None


async def redis_limiter(**kwargs: object) -> RedisLimiter:
    limiter = RedisLimiter(REDIS_URL, prefix=f"copydesk-test:{uuid.uuid4().hex}:",
                           **kwargs)  # type: ignore[arg-type]
    try:
        await limiter._redis.ping()
    except Exception as exc:
        await limiter.close()
        unavailable("Redis", str(exc))
    return limiter


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
async def limiter(request: pytest.FixtureRequest) -> AsyncIterator[Limiter]:
    made: Limiter = MemoryLimiter() if request.param == "memory" else await redis_limiter()
    yield made
    await made.close()


async def test_caps_count_all_or_nothing_and_flag_the_refused(limiter: Limiter) -> None:
    caps = (("block:a", 3), ("net:n", 4))
    assert [await limiter.caps(caps, "flag:n") for _ in range(3)] == [(None, False)] * 3
    wait, flagged = await limiter.caps(caps, "flag:n")  # block a is full
    assert wait is not None and 1 <= wait <= 60 and flagged
    # The refused report counted nowhere: the network has room for exactly one more.
    other = (("block:b", 3), ("net:n", 4))
    assert await limiter.caps(other, "flag:n") == (None, True)  # still flagged
    assert (await limiter.caps(other, "flag:n"))[0] is not None
    assert await limiter.caps((("block:c", 3), ("net:m", 4)), "flag:m") == (None, False)


async def test_share_is_fair_under_pressure(limiter: Limiter) -> None:
    """Budget 20: calm below 10; then a network may take 20/N; ceiling 40."""
    admitted = {"heavy": 0, "light": 0}
    for _ in range(30):
        if (await limiter.share("site:1", "heavy", 20, "flag:heavy")).refused is None:
            admitted["heavy"] += 1
    # Alone, the heavy network may take the whole budget (its share is 20/1).
    assert admitted["heavy"] == 20
    # A second network's first reports get in: its share is 20/2 = 10.
    for _ in range(10):
        if (await limiter.share("site:1", "light", 20, "flag:light")).refused is None:
            admitted["light"] += 1
    assert admitted["light"] == 10
    assert not (await limiter.caps((), "flag:light"))[1]  # never refused: not flagged
    assert (await limiter.share("site:1", "light", 20, "flag:light")).refused is not None
    assert (await limiter.caps((), "flag:light"))[1]
    # Networks still arriving each get their first report, up to the ceiling of 40.
    newcomers = [(await limiter.share("site:1", f"n{i}", 20, f"flag:n{i}")).refused
                 for i in range(15)]
    assert newcomers.count(None) == 10 and newcomers[:10] == [None] * 10
    # The refused are flagged.
    assert (await limiter.caps((), "flag:heavy"))[1]
    assert (await limiter.caps((), "flag:n14"))[1]
    assert not (await limiter.caps((), "flag:n0"))[1]


async def test_share_pools_are_independent(limiter: Limiter) -> None:
    for _ in range(5):
        await limiter.share("site:1", "x", 5, "flag:x")
    assert (await limiter.share("site:1", "x", 5, "flag:x")).refused is not None
    assert (await limiter.share("spam:1", "x", 5, "flag:x")).refused is None
    assert (await limiter.share("site:2", "x", 5, "flag:x")).refused is None


class Paced:
    """A limiter and a way to move its time on: the memory limiter's clock, or (Redis
    keeps the time: a pool's start is its expiry less the window) the pool's expiry."""

    def __init__(self, limiter: MemoryLimiter | RedisLimiter, clock: Clock) -> None:
        self.limiter, self.clock = limiter, clock

    async def later(self, pool: str, seconds: float) -> None:
        if isinstance(self.limiter, MemoryLimiter):
            self.clock.now += seconds
            return
        redis = self.limiter._redis
        for key in (f"{self.limiter.prefix}pool:{pool}", f"{self.limiter.prefix}pace:{pool}"):
            ttl = await redis.pttl(key)
            assert ttl > seconds * 1000, "move on within the window only"
            await redis.pexpire(key, ttl - int(seconds * 1000))

    async def holds(self, pool: str, member: str, budget: int, times: int = 1,
                    calm_rate: int = 120) -> list[int]:
        """The holds of ``times`` reports at once, in whole seconds (Redis's own time
        moves on by a few ms between calls); each must be admitted.  ``calm_rate``: the
        network's own limit, its pace while the pool is calm (120: the default)."""
        answers = [await self.limiter.share(pool, member, budget, "flag:" + member,
                                            calm_rate=calm_rate)
                   for _ in range(times)]
        assert [a.refused for a in answers] == [None] * times
        return [round(a.hold / 1000) for a in answers]


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
async def paced(request: pytest.FixtureRequest) -> AsyncIterator[Paced]:
    clock = Clock()
    made = MemoryLimiter(clock=clock) if request.param == "memory" else await redis_limiter()
    yield Paced(made, clock)
    await made.close()


def test_paced_is_a_gcra_with_a_burst() -> None:
    """One network alone, budget 60 a minute, under pressure: one report a second,
    three at once; while calm, its own limit's pace (or none)."""
    due, holds = 0, []
    for _ in range(5):
        hold, due = fairshare.paced(due, 0, 1, 60, 60_000)
        holds.append(hold)
    assert holds == [0, 0, 0, 1000, 2000] and due == 5000
    # Two seconds later it has caught up by two reports.
    assert fairshare.paced(due, 2000, 1, 60, 60_000) == (1000, 6000)
    # Among ten networks its share is a tenth: one report every ten seconds.
    assert fairshare.paced(0, 0, 10, 60, 60_000) == (0, 10_000)
    assert fairshare.paced(30_000, 0, 10, 60, 60_000) == (10_000, 40_000)
    # Calm: the network's own limit, 120 a minute, one report every 0.5 s.
    assert fairshare.paced(30_000, 0, 10, 60, 60_000, pressure=False, calm_rate=120) == (
        29_000, 30_500)
    assert fairshare.paced(30_000, 0, 10, 60, 60_000, pressure=False) == (30_000, 30_000)


async def test_a_burst_beyond_the_share_is_held_not_refused(paced: Paced) -> None:
    """Budget 60, a network limit of 60: alone, one report a second with three at once
    (calm and under pressure alike); the flood's burst is admitted (the fair share's
    decisions), each report held one interval more."""
    assert await paced.holds("site:1", "flood", 60, 6, calm_rate=60) == [0, 0, 0, 1, 2, 3]
    assert not (await paced.limiter.caps((), "flag:flood"))[1]  # held is not refused
    # Ten seconds on it has caught up: three at once again, then paced.
    await paced.later("site:1", 10)
    assert await paced.holds("site:1", "flood", 60, 4, calm_rate=60) == [0, 0, 0, 1]


async def test_first_reports_and_readers_within_their_share_are_never_held(
    paced: Paced,
) -> None:
    """While one network floods (held ever longer), every network's first report, and
    a reader's reports within its share, are admitted at once."""
    holds = await paced.holds("site:1", "flood", 600, 40)
    assert holds[:3] == [0, 0, 0] and holds[-1] > 0
    newcomers = [(await paced.holds("site:1", f"n{i}", 600))[0] for i in range(20)]
    assert newcomers == [0] * 20
    # 22 networks: a share of 600 / 22 a minute, one report every 2.2 s; a reader
    # sending one report every 6 s, two at once now and then, is never held.
    reader = []
    for _ in range(5):
        reader += await paced.holds("site:1", "reader", 600, 2)
        await paced.later("site:1", 6)
    assert reader == [0] * 10
    assert (await paced.holds("site:1", "flood", 600, 8))[-1] > 0  # a burst still is


async def test_a_lone_reader_is_never_held(paced: Paced) -> None:
    """Alone on a site, the share is the whole budget (600: one report every 0.1 s)."""
    holds = []
    for _ in range(10):
        holds += await paced.holds("site:1", "reader", 600, 3)
        await paced.later("site:1", 2)
    assert holds == [0] * 30


async def test_a_reader_on_a_busy_calm_site_is_never_held(paced: Paced) -> None:
    """250 networks sent a report each: the site took less than half its budget (600),
    so a reader sending one report every 4 s is paced at its own limit's interval
    (0.5 s), not at the share of 250 networks (one every 25 s), and never held."""
    for i in range(250):
        assert (await paced.holds("site:1", f"n{i}", 600))[0] == 0
    reader = []
    for _ in range(6):
        reader += await paced.holds("site:1", "reader", 600)
        await paced.later("site:1", 4)
    assert reader == [0] * 6
    # The same reader sending faster than its own limit allows is held.
    assert (await paced.holds("site:1", "reader", 600, 8))[-1] > 0


async def test_the_pace_ends_with_the_pool(paced: Paced) -> None:
    assert (await paced.holds("site:1", "flood", 60, 6, calm_rate=60))[-1] == 3
    assert (await paced.holds("spam:1", "flood", 60))[0] == 0  # pools pace apart
    if isinstance(paced.limiter, RedisLimiter):
        # The pool's window ended before its pace did: the pace is not carried over.
        await paced.limiter._redis.delete(paced.limiter.prefix + "pool:site:1")
    else:
        paced.clock.now += 61
    assert await paced.holds("site:1", "flood", 60, 4, calm_rate=60) == [0, 0, 0, 1]


async def test_a_refused_report_moves_no_pace(paced: Paced) -> None:
    """Budget 4: calm below 2; alone, a network's share is all 4, then refused."""
    limiter = paced.limiter
    answers = [await limiter.share("site:1", "a", 4, "flag:a") for _ in range(6)]
    assert [a.refused is None for a in answers] == [True] * 4 + [False] * 2
    assert all(a.hold == 0 for a in answers[4:])
    assert answers[4].refused is not None and 1 <= answers[4].refused <= 60
    assert isinstance(answers[0], Admission)


async def test_memory_flags_and_pools_end_with_their_windows() -> None:
    clock = Clock()
    limiter = MemoryLimiter(window=60, clock=clock)
    await limiter.caps((("block:a", 1),), "flag:n")
    assert (await limiter.caps((("block:a", 1),), "flag:n")) == (60, True)
    clock.now += 61
    assert await limiter.caps((("block:a", 1),), "flag:n") == (None, True)  # 2 windows
    clock.now += 60
    assert await limiter.caps((("block:b", 1),), "flag:n") == (None, False)


@pytest.mark.redis
async def test_redis_limit_is_shared_between_limiters() -> None:
    """Two limiters stand for two workers (or machines): one budget between them."""
    first = await redis_limiter()
    second = RedisLimiter(REDIS_URL, prefix=first.prefix)
    try:
        results = await asyncio.gather(*(
            (first if i % 2 else second).hit("block:x", 10) for i in range(16)
        ))
        allowed = [r for r in results if r is None]
        refused = [r for r in results if r is not None]
        assert len(allowed) == 10 and len(refused) == 6
        assert all(1 <= r <= 60 for r in refused)
        assert await first.hit("block:y", 10) is None
        # Fair share too: one pool, whichever worker answers.
        shares = await asyncio.gather(*(
            (first if i % 2 else second).share("site:1", "net", 8, "flag:net")
            for i in range(12)
        ))
        assert [share.refused for share in shares].count(None) == 8
        assert (await second.caps((), "flag:net"))[1]
    finally:
        await first.close()
        await second.close()


async def test_redis_unreachable_falls_back_to_this_process(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A closed loopback port: every call is answered, from this process's counters,
    with one warning and one counted outage."""
    metrics = Metrics()
    limiter = RedisLimiter(f"redis://127.0.0.1:{free_port()}/0", metrics=metrics)
    caplog.set_level(logging.WARNING, logger="copydesk.ratelimit")
    assert limiter.healthy
    try:
        assert [await limiter.hit("k", 2) for _ in range(3)][:2] == [None, None]
        assert await limiter.hit("k", 2) is not None  # limits still hold, per process
        assert await limiter.caps((("block:a", 5),), "flag:a") == (None, False)
        assert (await limiter.share("site:1", "a", 5, "flag:a")).refused is None
        assert not limiter.healthy
    finally:
        await limiter.close()
    warnings = [r for r in caplog.records if r.name == "copydesk.ratelimit"]
    assert len(warnings) == 1 and "Redis" in warnings[0].getMessage()
    assert metrics.registry.get_sample_value("copydesk_ratelimit_fallbacks_total") == 1
    assert metrics.registry.get_sample_value("copydesk_ratelimit_shared") == 0


class RedisServer:
    """A redis-server of this test's own, on a free loopback port (never the shared one)."""

    def __init__(self) -> None:
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"], stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            ping = subprocess.run(["redis-cli", "-p", str(self.port), "ping"],
                                  capture_output=True, text=True)
            if ping.stdout.strip() == "PONG":
                return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=10)
            self.proc = None


@pytest.fixture
def own_redis() -> Iterator[RedisServer]:
    if not shutil.which("redis-server") or not shutil.which("redis-cli"):
        unavailable("redis-server", "not installed")
    server = RedisServer()
    server.start()
    yield server
    server.stop()


@pytest.mark.redis
async def test_redis_outage_and_return(own_redis: RedisServer,
                                       caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock()
    metrics = Metrics()
    limiter = RedisLimiter(f"redis://127.0.0.1:{own_redis.port}/0", metrics=metrics,
                           retry_every=5, clock=clock)
    caplog.set_level(logging.INFO, logger="copydesk.ratelimit")
    try:
        assert await limiter.hit("k", 100) is None and limiter.healthy
        own_redis.stop()
        for _ in range(5):
            assert await limiter.hit("k", 100) is None
        assert not limiter.healthy
        own_redis.start()  # back, on the same port, empty
        assert await limiter.hit("k", 100) is None
        assert not limiter.healthy  # not asked again before retry_every
        clock.now += 5
        assert await limiter.hit("k", 100) is None
        assert limiter.healthy  # asked, answered: shared again
        assert (await limiter.share("site:1", "a", 5, "flag:a")).refused is None  # scripts reloaded
    finally:
        await limiter.close()
    messages = [r.getMessage() for r in caplog.records if r.name == "copydesk.ratelimit"]
    assert len(messages) == 2 and "again" in messages[1]
    assert metrics.registry.get_sample_value("copydesk_ratelimit_fallbacks_total") == 1
    assert metrics.registry.get_sample_value("copydesk_ratelimit_shared") == 1
