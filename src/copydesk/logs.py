"""Structured logging.  Records carry fields in ``extra``; the JSON formatter prints them.

Nothing logged at INFO carries a raw IP address or report text: ingest logs ids, codes
and the site key only.
"""

from __future__ import annotations

import logging
import sys
from datetime import UTC, datetime

import orjson

_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


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


def configure(level: str = "INFO", fmt: str = "json") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JSONFormatter() if fmt == "json" else TextFormatter())
    root = logging.getLogger("copydesk")
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    root.propagate = False
