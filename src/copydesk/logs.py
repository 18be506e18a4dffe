"""Structured logging.  Records carry fields in ``extra``; the JSON formatter prints them.

Nothing logged at INFO carries a raw IP address or report text: ingest logs ids, codes
and the site key only.
"""

from __future__ import annotations

import asyncio
import logging
import logging.config
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import orjson
from starlette.requests import ClientDisconnect

# (uvicorn adds ``color_message``: its message with terminal colours.)
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message", "asctime", "color_message"}


class JSONFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                data[key] = value
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return orjson.dumps(data, default=str).decode()


_BREAKS = str.maketrans({"\n": "\\n", "\r": "\\r", "\x1b": "\\x1b"})


class TextFormatter(logging.Formatter):
    """One line per record, for people: line breaks and escape codes in messages are
    shown escaped, so no message (an error quoting a URL, say) can forge a log line."""

    def format(self, record: logging.LogRecord) -> str:
        extra = " ".join(
            f"{k}={v!r}" for k, v in vars(record).items()
            if k not in _STANDARD and not k.startswith("_")
        )
        message = record.getMessage().translate(_BREAKS)
        line = f"{record.levelname.lower():7} {record.name}: {message}"
        return f"{line} {extra}" if extra else line


class Disconnects(logging.Filter):
    """A client that went away while its request was read is not a server error: uvicorn
    logs the app's ``ClientDisconnect`` as "Exception in ASGI application" with its
    traceback; this makes it one INFO line without one."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and _is_disconnect(record.exc_info[1]):
            record.msg, record.args = "client disconnected before its request was read", ()
            record.exc_info = record.exc_text = None
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


def _is_disconnect(exc: BaseException | None) -> bool:
    if isinstance(exc, BaseExceptionGroup):
        return all(_is_disconnect(inner) for inner in exc.exceptions)
    return isinstance(exc, ClientDisconnect)


class Tally:
    """One kind of event, logged at most once a second however often it happens.

    The first event after a quiet second is logged at once, as it is (its fields in
    ``extra``).  Events within ``every`` seconds of the last line are only counted; one
    line then tells how many came, by code: ``<message>`` with ``count``, ``codes``
    (code -> count) and ``seconds`` (the span they came in), at the latest ``every``
    seconds after the first of them (a timer on the running event loop, when there is
    one; otherwise with the next event).  So a flood of refusals costs one log line a
    second per process instead of one per request; metrics count every event
    themselves.
    """

    def __init__(self, logger: logging.Logger, message: str, *, every: float = 1.0,
                 level: int = logging.INFO,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.logger = logger
        self.message = message
        self.every = every
        self.level = level
        self._clock = clock
        self._last = -float("inf")  # when the last line was written
        self._codes: dict[str, int] = {}  # events counted since then
        self._first = 0.0  # when the first of them came
        self._timer: asyncio.TimerHandle | None = None

    def add(self, code: str, **fields: Any) -> None:
        if not self.logger.isEnabledFor(self.level):
            return
        now = self._clock()
        if self._codes and now - self._first >= self.every:
            self.flush()
        if not self._codes and now - self._last >= self.every:
            self._last = now
            self.logger.log(self.level, self.message, extra={"code": code, **fields})
            return
        if not self._codes:
            self._first = now
            self._schedule()
        self._codes[code] = self._codes.get(code, 0) + 1

    def flush(self) -> None:
        """Write the line of the events counted so far, if any."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if not self._codes:
            return
        codes, self._codes = self._codes, {}
        now = self._clock()
        self._last = now
        self.logger.log(self.level, self.message, extra={
            "count": sum(codes.values()), "codes": codes,
            "seconds": round(now - self._first, 3)})

    def _schedule(self) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        self._timer = loop.call_later(self.every, self.flush)


def config(level: str = "INFO", fmt: str = "json") -> dict[str, Any]:
    """The :func:`logging.config.dictConfig` of a copydesk process: copydesk's and
    uvicorn's loggers through one formatter to stderr.  ``serve`` hands it to uvicorn as
    ``log_config``, which applies it in every worker process it starts."""
    formatter = JSONFormatter if fmt == "json" else TextFormatter
    level = level.upper()
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"copydesk": {"()": f"{__name__}.{formatter.__name__}"}},
        "filters": {"disconnects": {"()": f"{__name__}.{Disconnects.__name__}"}},
        "handlers": {"stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "copydesk",
            "filters": ["disconnects"],
        }},
        "loggers": {
            "copydesk": {"handlers": ["stderr"], "level": level, "propagate": False},
            "uvicorn": {"handlers": ["stderr"], "level": level, "propagate": False},
            "uvicorn.error": {"level": level},
            # copydesk logs what it stores and refuses itself; no line per request.
            "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
        },
    }


def configure(level: str = "INFO", fmt: str = "json") -> None:
    logging.config.dictConfig(config(level, fmt))
