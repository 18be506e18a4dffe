"""The tarpit: a 429 is answered after a delay, a bounded number at a time
(copydesk.ingest.tarpit)."""

from __future__ import annotations

import asyncio
import time
import uuid

import orjson
import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from copydesk import sites
from copydesk.app import create_app
from copydesk.ingest.tarpit import Tarpit
from copydesk.settings import Settings, SettingsError

ORIGIN = "https://news.example"


def _app(sqlite_url: str, **limits: int) -> Starlette:
    """An app that takes reports at once (no time-on-page check, no background work)."""
    return create_app(Settings(database_url=sqlite_url, secret_key=uuid.uuid4().hex,
                               dispatcher=False, proofread_fetch=False,
                               min_time_on_page_ms=0, **limits))  # type: ignore[arg-type]


async def test_holds_up_to_its_limit_and_answers_the_rest_at_once() -> None:
    tarpit = Tarpit(0.2, 2)
    started = time.monotonic()
    held = await asyncio.gather(*(tarpit.hold(60) for _ in range(3)))
    assert sorted(held) == [False, True, True]
    assert time.monotonic() - started >= 0.19
    assert (tarpit.held, tarpit.total) == (0, 2)


async def test_never_longer_than_the_retry_after_and_off_at_zero() -> None:
    assert await Tarpit(0, 10).hold(60) is False
    assert await Tarpit(1.0, 0).hold(60) is False
    short = Tarpit(30.0, 10)
    started = time.monotonic()
    assert await short.hold(0.05) is True
    assert time.monotonic() - started < 5  # held for the 0.05 s wait, not 30 s


def test_only_rate_limit_refusals_are_held(sqlite_url: str) -> None:
    app = _app(sqlite_url, rate_limit_block=1, tarpit_ms=250)
    with TestClient(app) as client:
        site = app.state.ctx.db.write_sync(lambda c: sites.create(c, "Daily", [ORIGIN]))
        tarpit = app.state.ctx.ingest.tarpit

        def post(body: bytes) -> int:
            return client.post("/api/v1/reports", content=body,
                               headers={"Content-Type": "application/json"}).status_code

        report = orjson.dumps({"site": site.key, "url": f"{ORIGIN}/a", "exact": "into to"})
        assert post(report) == 201
        assert tarpit.total == 0
        started = time.monotonic()
        answer = client.post("/api/v1/reports", content=report,
                             headers={"Content-Type": "application/json"})
        assert answer.status_code == 429
        assert time.monotonic() - started >= 0.24
        assert answer.json()["error"]["code"] == "rate_limited"
        assert answer.headers["Retry-After"]
        assert tarpit.total == 1
    app.state.ctx.db.close()

    # Other refusals are answered at once (a fresh app, so the limit has room).
    app = _app(sqlite_url, rate_limit_block=10, tarpit_ms=250)
    with TestClient(app) as client:
        assert client.post("/api/v1/reports", content=b"{not json",
                           headers={"Content-Type": "application/json"}).status_code == 400
        assert app.state.ctx.ingest.tarpit.total == 0
    app.state.ctx.db.close()


def test_a_network_beyond_its_share_is_held_then_stored(sqlite_url: str) -> None:
    """Site budget 6: while calm (three reports) a network is paced at its own limit
    (120 a minute: one every 0.5 s, three at once), then at its share, one report every
    10 s, three intervals' worth at once: its sixth report is admitted, held (paced)
    and stored; a refusal is still a 429."""
    app = _app(sqlite_url, rate_limit_site=6, tarpit_ms=20)
    with TestClient(app) as client:
        site = app.state.ctx.db.write_sync(lambda c: sites.create(c, "Daily", [ORIGIN]))
        tarpit = app.state.ctx.ingest.tarpit

        def post(i: int) -> int:
            body = orjson.dumps({"site": site.key, "url": f"{ORIGIN}/a", "exact": f"q {i}"})
            return client.post("/api/v1/reports", content=body,
                               headers={"Content-Type": "application/json"}).status_code

        assert [post(i) for i in range(3)] == [201] * 3
        assert (tarpit.paced, tarpit.total) == (0, 0)
        assert [post(i) for i in range(3, 5)] == [201] * 2
        assert (tarpit.paced, tarpit.total) == (0, 0)
        assert post(5) == 201
        assert (tarpit.paced, tarpit.total) == (1, 0)
        assert post(6) == 429  # the network took the whole budget: refused, not paced
        assert (tarpit.paced, tarpit.total) == (1, 1)
    app.state.ctx.db.close()


async def test_paced_admissions_share_the_bound() -> None:
    tarpit = Tarpit(0.05, 2)
    held = await asyncio.gather(tarpit.pace(1.0), tarpit.hold(60), tarpit.pace(1.0))
    assert sorted(held) == [False, True, True]
    assert tarpit.held == 0 and tarpit.paced + tarpit.total == 2
    assert await tarpit.pace(0) is False  # no hold asked: none taken
    assert await Tarpit(0, 10).pace(1.0) is False  # off


async def test_a_paced_hold_beyond_the_delay_is_jittered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Held for min(hold, delay), and beyond the delay for a random part of it between
    half and all (a closed loop's connections do not come back in step)."""
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    monkeypatch.setattr(asyncio, "sleep", sleep)
    draws = iter([0.0, 1.0, 0.5])
    tarpit = Tarpit(1.0, 10, jitter=lambda: next(draws))
    for hold in (0.25, 5.0, 5.0, 5.0):
        assert await tarpit.pace(hold) is True
    assert slept == [0.25, 0.5, 1.0, 0.75]
    assert await tarpit.hold(60) is True and slept[-1] == 1.0  # refusals: no jitter


@pytest.mark.parametrize("name", ["tarpit_ms", "tarpit_max"])
def test_negative_settings_are_refused(name: str) -> None:
    with pytest.raises(SettingsError, match=name):
        Settings(**{name: -1}).validate()  # type: ignore[arg-type]
