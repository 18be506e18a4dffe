"""A flood's refusals: a few log lines, exact metrics, the same answers."""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Iterator

import orjson
import pytest
from starlette.testclient import TestClient

from copydesk import sites
from copydesk.app import create_app
from copydesk.settings import Settings

ORIGIN = "https://news.example"


@pytest.fixture
def client(sqlite_url: str) -> Iterator[TestClient]:
    settings = Settings(database_url=sqlite_url, secret_key=uuid.uuid4().hex,
                        trusted_proxies=("127.0.0.1/32",), dispatcher=False,
                        proofread_fetch=False, rate_limit_block=5, tarpit_ms=0)
    app = create_app(settings)
    with TestClient(app, client=("127.0.0.1", 5000)) as test_client:
        site = app.state.ctx.db.write_sync(lambda c: sites.create(c, "Daily", [ORIGIN]))
        test_client.headers["X-Site"] = site.key
        yield test_client
    app.state.ctx.db.close()


def send(client: TestClient, origin: str | None = ORIGIN) -> tuple[int, dict[str, str], bytes]:
    body = {"site": client.headers["X-Site"], "url": f"{ORIGIN}/a", "exact": "teh",
            "time_on_page": 30_000}
    headers = {"Content-Type": "text/plain", "X-Forwarded-For": "203.0.113.7"}
    if origin:
        headers["Origin"] = origin
    r = client.post("/api/v1/reports", content=orjson.dumps(body), headers=headers)
    return r.status_code, dict(r.headers), r.content


def test_refusals_are_logged_a_few_lines_and_counted_exactly(
        client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="copydesk.ingest")
    codes = [send(client)[0] for _ in range(205)]
    assert codes == [201] * 5 + [429] * 200
    refused = [r for r in caplog.records if r.getMessage() == "report refused"]
    assert 1 <= len(refused) <= 3  # one at once, the rest counted (a test runs < 2 s)
    assert refused[0].code == "rate_limited"  # type: ignore[attr-defined]
    client.app.state.ctx.ingest.refusals.flush()  # type: ignore[attr-defined]
    refused = [r for r in caplog.records if r.getMessage() == "report refused"]
    logged = sum(getattr(r, "count", 1) for r in refused)
    assert logged == 200
    metrics = client.get("/metrics").text
    count = re.search(r'copydesk_reports_rejected_total\{reason="rate_limited"\} (\S+)', metrics)
    assert count is not None and float(count.group(1)) == 200


def test_repeated_refusals_keep_their_headers_and_body(client: TestClient) -> None:
    for _ in range(5):
        send(client)
    answers = [send(client, origin) for origin in (ORIGIN, "https://elsewhere.example",
                                                   None, ORIGIN)]
    for status, headers, body in answers:
        assert status == 429
        assert int(headers["retry-after"]) >= 1
        assert headers["content-type"] == "application/json"
        assert int(headers["content-length"]) == len(body)
        assert orjson.loads(body)["error"]["code"] == "rate_limited"
    # (Refused before the site is known: readable by any page that sent it.)
    for _, headers, _ in answers[:2] + answers[3:]:
        assert headers["access-control-allow-origin"] == "*"
        assert headers["access-control-expose-headers"] == "Retry-After, Idempotent-Replayed"
    assert "access-control-allow-origin" not in answers[2][1]
