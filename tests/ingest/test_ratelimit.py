from __future__ import annotations

import asyncio
import uuid

import pytest

from copydesk.ingest.ratelimit import MemoryLimiter, RedisLimiter
from tests.conftest import REDIS_URL, unavailable


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


@pytest.fixture
async def redis_limiters() -> list[RedisLimiter]:
    prefix = f"copydesk-test:{uuid.uuid4().hex}:"
    first = RedisLimiter(REDIS_URL, prefix=prefix)
    try:
        await first._redis.ping()
    except Exception as exc:
        await first.close()
        unavailable("Redis", str(exc))
    second = RedisLimiter(REDIS_URL, prefix=prefix)
    yield [first, second]  # type: ignore[misc]
    await first.close()
    await second.close()


@pytest.mark.redis
async def test_redis_limit_is_shared_between_limiters(redis_limiters: list[RedisLimiter]) -> None:
    """Two limiters stand for two workers (or machines): one budget between them."""
    first, second = redis_limiters
    results = await asyncio.gather(*(
        (first if i % 2 else second).hit("block:x", 10) for i in range(16)
    ))
    allowed = [r for r in results if r is None]
    refused = [r for r in results if r is not None]
    assert len(allowed) == 10 and len(refused) == 6
    assert all(1 <= r <= 60 for r in refused)
    assert await first.hit("block:y", 10) is None
