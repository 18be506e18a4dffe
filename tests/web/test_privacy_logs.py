"""What ingest writes to logs, and limits shared through Redis between app instances."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Any

import orjson
import pytest
import redis
from starlette.applications import Starlette
from starlette.testclient import TestClient

from copydesk import logs
from copydesk.models import Site
from tests.conftest import REDIS_URL, unavailable

READER_IP = "198.51.100.77"


def test_logs_never_carry_the_address_or_the_readers_text(
    make_app: Callable[..., Starlette], site: Site, make_report: Callable[..., dict[str, Any]],
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = make_app(trusted_proxies=("127.0.0.1/32",), rate_limit_block=1)
    secret_text = "zebra-quote-" + uuid.uuid4().hex
    caplog.set_level(logging.DEBUG, logger="copydesk")
    with TestClient(app, client=("127.0.0.1", 5000)) as client:
        for _ in range(2):  # one stored, one refused by the rate limit
            client.post("/api/v1/reports", content=orjson.dumps(make_report(
                exact=secret_text, comment=secret_text, suggestion=secret_text)),
                headers={"Content-Type": "text/plain", "X-Forwarded-For": READER_IP})
    formatter = logs.JSONFormatter()
    lines = [formatter.format(r) for r in caplog.records if r.name.startswith("copydesk")]
    assert any("report stored" in line for line in lines)
    assert any("rate_limited" in line for line in lines)
    for line in lines:
        assert READER_IP not in line and "198.51.100" not in line
        assert secret_text not in line


def test_json_log_lines_carry_fields() -> None:
    record = logging.LogRecord("copydesk.ingest", logging.INFO, __file__, 1, "report stored",
                               None, None)
    record.group = 5
    parsed = orjson.loads(logs.JSONFormatter().format(record))
    assert parsed["message"] == "report stored" and parsed["group"] == 5
    assert parsed["level"] == "info"


@pytest.mark.redis
def test_two_app_instances_share_one_limit_through_redis(
    make_app: Callable[..., Starlette], site: Site, make_report: Callable[..., dict[str, Any]],
) -> None:
    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.RedisError as exc:
        unavailable("Redis", str(exc))
    # A fresh secret gives fresh keys in Redis, so earlier runs do not count.
    secret = uuid.uuid4().hex
    apps = [make_app(redis_url=REDIS_URL, rate_limit_block=4, secret_key=secret)
            for _ in range(2)]
    codes = []
    with TestClient(apps[0]) as first, TestClient(apps[1]) as second:
        for i in range(6):
            client = (first, second)[i % 2]
            codes.append(client.post("/api/v1/reports", content=orjson.dumps(make_report()),
                                     headers={"Content-Type": "text/plain"}).status_code)
    assert codes == [201, 201, 201, 201, 429, 429]


def test_text_log_lines_cannot_be_forged() -> None:
    record = logging.LogRecord("copydesk.x", logging.INFO, __file__, 1,
                               "fetch failed: %s", ("https://a.example/\ninfo fake: admin ok",),
                               None)
    line = logs.TextFormatter().format(record)
    assert "\n" not in line and "\\ninfo fake" in line
