"""A flood of reports from dozens of networks, in process, with the default limits:
nothing ordinary readers need runs out (see copydesk.ingest.fairshare)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
import pytest
from sqlalchemy import func, select, update
from starlette.applications import Starlette
from starlette.testclient import TestClient

from copydesk import sites
from copydesk.app import create_app
from copydesk.ingest.ratelimit import MemoryLimiter, RedisLimiter
from copydesk.notify import outbox
from copydesk.settings import Settings
from copydesk.storage import schema
from tests.conftest import REDIS_URL, free_port, unavailable

ORIGIN = "https://news.example"
DEFAULTS = Settings()


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Desk:
    """An app with default limits behind a trusted proxy on 127.0.0.1, one site with a
    webhook channel, and a limiter the test chose."""

    def __init__(self, app: Starlette, client: TestClient) -> None:
        self.app, self.client = app, client
        ctx = app.state.ctx
        self.site = ctx.db.write_sync(lambda c: sites.create(c, "Daily", [ORIGIN]))
        ctx.db.write_sync(lambda c: c.execute(schema.channels.insert().values(
            site_id=self.site.id, kind="webhook", config={"url": "http://127.0.0.1:9/"},
            enabled=True, created_at=datetime.now(UTC))))
        self.sent = 0

    def report(self, ip: str, exact: str, **fields: object) -> int:
        body = {"site": self.site.key, "url": f"{ORIGIN}/2026/11/army", "exact": exact,
                "time_on_page": 30_000, **fields}
        self.sent += 1
        return int(self.client.post(
            "/api/v1/reports", content=orjson.dumps(body),
            headers={"Content-Type": "text/plain", "Origin": ORIGIN, "X-Forwarded-For": ip},
        ).status_code)

    def count(self, table: Any, *where: Any) -> int:
        return int(self.app.state.ctx.db.read_sync(
            lambda c: c.execute(select(func.count()).select_from(table).where(*where))
            .scalar_one()))


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
def desk(request: pytest.FixtureRequest, sqlite_url: str) -> Iterator[Desk]:
    settings = Settings(database_url=sqlite_url, secret_key=uuid.uuid4().hex,
                        trusted_proxies=("127.0.0.1/32",), dispatcher=False,
                        proofread_fetch=False, tarpit_ms=0)
    app = create_app(settings)
    ctx = app.state.ctx
    if request.param == "memory":
        limiter: MemoryLimiter | RedisLimiter = MemoryLimiter(clock=Clock())
    else:
        limiter = RedisLimiter(REDIS_URL, prefix=f"copydesk-test:{uuid.uuid4().hex}:")
    ctx.limiter = ctx.ingest.limiter = limiter
    with TestClient(app, client=("127.0.0.1", 5000)) as client:
        if request.param == "redis":
            try:
                client.portal.call(limiter._redis.ping)  # type: ignore[union-attr]
            except Exception as exc:
                unavailable("Redis", str(exc))
        yield Desk(app, client)
    ctx.db.close()


def attacker(n: int, i: int) -> str:
    """Network n's i-th address: its own /16, a new /24 every 50 reports."""
    return f"45.{n}.{i // 50}.{1 + i % 200}"


def reader(n: int) -> str:
    """Reader n's address: its own /24 (and, for the first 250, its own /16)."""
    return f"151.{n % 250}.{n // 250}.9"


def test_readers_get_in_while_dozens_of_networks_flood(desk: Desk) -> None:
    """48 networks, each under its own limits, would use up the site budget (600) many
    times over; 24 readers, each from its own network, all still get 201."""
    readers: list[int] = []
    for rnd in range(40):
        for n in range(48):
            desk.report(attacker(n, rnd), f"flood {n} {rnd}")
        if rnd % 8 == 0:
            readers += [desk.report(reader(r), f"typo {r}") for r in range(24)]
    assert readers == [201] * len(readers)
    # Readers' reports are ordinary reports: grouped, not spam.
    ours = desk.count(schema.reports, schema.reports.c.exact.like("typo %"),
                      schema.reports.c.spam_reason.is_(None))
    assert ours == len(readers)
    # Storage is bounded: at most twice the site's budget and twice the spam budget.
    stored = desk.count(schema.reports)
    assert stored <= 2 * DEFAULTS.rate_limit_site + 2 * DEFAULTS.rate_limit_spam


def test_an_ipv6_slash_32_over_many_slash_48s_is_one_sender(desk: Desk) -> None:
    codes = [desk.report(f"2001:db8:{i:x}::1", f"v6 {i}") for i in range(300)]
    assert codes.count(201) == DEFAULTS.rate_limit_network
    assert set(codes[DEFAULTS.rate_limit_network:]) == {429}
    # Another /32 is another sender.
    assert desk.report("2001:db9:1::1", "v6 other") == 201


def test_spam_does_not_use_the_site_budget(desk: Desk) -> None:
    """A honeypot flood from 400 networks: answered like reports while the spam budget
    lasts, stored at most twice the spam budget, and readers still get in."""
    codes = [desk.report(f"62.{n % 200}.{n // 200}.1", f"bot {n}", website="http://x")
             for n in range(400)]
    codes += [desk.report(f"63.{n % 200}.1.1", f"fast {n}", time_on_page=10)
              for n in range(400)]
    assert set(codes) == {201, 429}
    readers = [desk.report(reader(r), f"typo {r}") for r in range(DEFAULTS.rate_limit_site)]
    assert readers == [201] * len(readers)
    spam = desk.count(schema.reports, schema.reports.c.spam_reason.is_not(None))
    assert 0 < spam <= 2 * DEFAULTS.rate_limit_spam


@pytest.mark.parametrize("desk", ["memory"], indirect=True)  # its clock: later minutes
def test_a_flood_stops_reaching_notifications(desk: Desk) -> None:
    """Each flood report is a new passage (a new group, a notification).  Once a network
    is refused it is flagged: what it still gets in is stored as spam (flood) and
    notifies nobody, so the outbox grows by less than the site budget in all."""
    clock = desk.app.state.ctx.limiter._clock
    for minute in range(3):
        for rnd in range(35):
            for n in range(40):
                desk.report(attacker(n, rnd), f"flood {minute} {n} {rnd}")
        assert desk.report(reader(minute), f"typo {minute}") == 201
        if minute == 0:
            first_minute = desk.count(schema.outbox)
            # The flood's first minute announces at most outbox.BURST new groups.
            assert first_minute <= outbox.BURST
        clock.now += 61
        # The outbox counts announcements by the wall clock: move them a minute back.
        desk.app.state.ctx.db.write_sync(lambda c: c.execute(
            update(schema.outbox).values(created_at=datetime.now(UTC) - timedelta(minutes=2))))
    # Later minutes notified only the readers' new passages.
    assert desk.count(schema.outbox) == first_minute + 2
    flood = desk.count(schema.reports, schema.reports.c.spam_reason == "flood")
    assert 0 < flood <= 2 * 2 * DEFAULTS.rate_limit_spam


def test_one_block_gets_its_limit(desk: Desk) -> None:
    codes = [desk.report("203.0.113.9", f"q {i}") for i in range(40)]
    assert codes == [201] * DEFAULTS.rate_limit_block + [429] * 10


def test_reports_are_taken_while_redis_does_not_answer(sqlite_url: str) -> None:
    settings = Settings(database_url=sqlite_url, secret_key="k", dispatcher=False,
                        proofread_fetch=False, redis_url=f"redis://127.0.0.1:{free_port()}/0",
                        tarpit_ms=0)
    app = create_app(settings)
    with TestClient(app) as client:
        desk = Desk(app, client)
        codes = [desk.report("198.51.100.7", f"typo {i}") for i in range(32)]
        assert not app.state.ctx.limiter.healthy
    app.state.ctx.db.close()
    # Taken, and limited by this process's counters meanwhile.
    assert codes == [201] * DEFAULTS.rate_limit_block + [429] * 2
