"""logs.Tally: one line a second for an event however often it happens."""

from __future__ import annotations

import asyncio
import logging

import pytest

from copydesk import logs


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def lines(caplog: pytest.LogCaptureFixture) -> list[dict[str, object]]:
    return [{k: getattr(r, k) for k in ("code", "field", "count", "codes", "seconds")
             if hasattr(r, k)} for r in caplog.records if r.getMessage() == "refused"]


@pytest.fixture
def logger(caplog: pytest.LogCaptureFixture) -> logging.Logger:
    caplog.set_level(logging.INFO, logger="copydesk.test-tally")
    return logging.getLogger("copydesk.test-tally")


def test_a_lone_event_is_logged_at_once_with_its_fields(
        logger: logging.Logger, caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock()
    tally = logs.Tally(logger, "refused", clock=clock)
    tally.add("rate_limited", field=None)
    clock.now += 5
    tally.add("invalid_json", field="body")
    assert lines(caplog) == [{"code": "rate_limited", "field": None},
                             {"code": "invalid_json", "field": "body"}]


def test_a_burst_is_one_line_a_second_with_exact_counts(
        logger: logging.Logger, caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock()
    tally = logs.Tally(logger, "refused", clock=clock)
    for i in range(3000):  # 3,000 events over 3 s
        clock.now = 100.0 + i / 1000
        tally.add("rate_limited" if i % 3 else "unknown_site", field=None)
    tally.flush()
    got = lines(caplog)
    assert len(got) <= 5
    assert got[0] == {"code": "unknown_site", "field": None}  # the first, as it came
    summaries = got[1:]
    assert all(set(s) == {"count", "codes", "seconds"} for s in summaries)
    assert all(float(s["seconds"]) <= 1.0 for s in summaries)  # type: ignore[arg-type]
    total: dict[str, int] = {}
    for s in summaries:
        for code, n in s["codes"].items():  # type: ignore[attr-defined]
            total[code] = total.get(code, 0) + n
        assert s["count"] == sum(s["codes"].values())  # type: ignore[attr-defined]
    # Every event is accounted for: the one logged alone and the counted ones.
    assert total == {"rate_limited": 2000, "unknown_site": 999}


def test_the_last_count_is_written_by_a_timer_on_the_event_loop(
        logger: logging.Logger, caplog: pytest.LogCaptureFixture) -> None:
    async def burst() -> None:
        tally = logs.Tally(logger, "refused", every=0.05)
        for _ in range(10):
            tally.add("rate_limited")
        await asyncio.sleep(0.2)  # no more events: the timer writes the count

    asyncio.run(burst())
    assert lines(caplog) == [{"code": "rate_limited"},
                             {"count": 9, "codes": {"rate_limited": 9},
                              "seconds": pytest.approx(0.05, abs=0.2)}]


def test_nothing_is_counted_when_the_level_is_off(
        logger: logging.Logger, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="copydesk.test-tally")
    tally = logs.Tally(logger, "refused")
    for _ in range(10):
        tally.add("rate_limited")
    tally.flush()
    assert lines(caplog) == []
