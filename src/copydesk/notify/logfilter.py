"""Keep secrets out of logs: httpx logs every request URL at INFO, and notification
URLs carry tokens (``/bot<token>/``, Slack and Discord webhook paths)."""

from __future__ import annotations

import logging

import httpx


class RedactURLs(logging.Filter):
    """Shows only scheme, host and port of URLs logged by httpx."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                f"{a.scheme}://{a.host}{':' + str(a.port) if a.port else ''}/…"
                if isinstance(a, httpx.URL) else a
                for a in record.args
            )
        return True


def redact_http_logs() -> None:
    """Install :class:`RedactURLs` on the ``httpx`` logger (once)."""
    logger = logging.getLogger("httpx")
    if not any(isinstance(f, RedactURLs) for f in logger.filters):
        logger.addFilter(RedactURLs())
