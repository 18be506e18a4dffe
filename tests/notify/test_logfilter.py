"""httpx logs request URLs at INFO; notification URLs carry tokens."""

from __future__ import annotations

import logging

import httpx
import pytest

from copydesk.notify.logfilter import redact_http_logs


def test_httpx_request_logs_hide_tokens(caplog: pytest.LogCaptureFixture) -> None:
    redact_http_logs()
    redact_http_logs()  # installing twice is harmless
    logger = logging.getLogger("httpx")
    with caplog.at_level(logging.INFO, logger="httpx"):
        url = httpx.URL("https://api.telegram.org/bot123:SECRET-token/sendMessage")
        logger.info('HTTP Request: %s %s "%s %d %s"', "POST", url, "HTTP/1.1", 200, "OK")
    assert "SECRET" not in caplog.text
    assert "https://api.telegram.org/…" in caplog.text
    assert len(logger.filters) == 1
