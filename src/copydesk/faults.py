"""Faults: failures of the parts copydesk stands on, told apart from bugs.

The database (unreachable, disk full, a commit that failed), the committer process (lost
mid-report, or its storage failed) and Redis (the shared rate limits) fail now and then
through no fault of the request.  Each such failure is answered ``503`` with a code from
:data:`copydesk.errors.UNAVAILABLE` and ``Retry-After`` — on the API in the JSON error
shape, on the dashboard as a plain page (:func:`copydesk.web.api.fault`) — never a bare
``500``; the client (the widget keeps a report it could not send) tries again.

Anything else that raises (an integrity error, a bug) is not a fault and stays a 500.
"""

from __future__ import annotations

import errno
import sqlite3

from redis.exceptions import RedisError
from sqlalchemy import exc as sa_exc

STORE_INTERRUPTED = "store_interrupted"
STORAGE_FULL = "storage_full"
STORAGE_UNAVAILABLE = "storage_unavailable"
LIMITS_UNAVAILABLE = "limits_unavailable"

#: PostgreSQL's SQLSTATE for "disk full".
_PG_DISK_FULL = "53100"
_NO_SPACE = {errno.ENOSPC, errno.EDQUOT}


class Fault(Exception):
    """Raised by copydesk's own links to other parts (the committer's) when that part
    failed; ``code`` is the 503 code, or None when what failed there was no fault."""

    code: str | None = STORAGE_UNAVAILABLE


#: The exception types the app's handler answers with a 503 (see :func:`code_of`).
HANDLED: tuple[type[Exception], ...] = (
    sa_exc.OperationalError,  # unreachable, disk full, locked too long, commit failed
    sa_exc.TimeoutError,  # no connection free in the pool in time
    sqlite3.OperationalError,  # from raw-cursor statements outside the writer
    Fault,
    RedisError,
)


def code_of(exc: BaseException) -> str | None:
    """The 503 code for a fault; ``None`` when ``exc`` is not one (it is a bug)."""
    if isinstance(exc, Fault):
        return exc.code
    if isinstance(exc, RedisError):
        return LIMITS_UNAVAILABLE
    if is_full(exc):
        return STORAGE_FULL
    if isinstance(exc, sa_exc.DBAPIError):
        if isinstance(exc, sa_exc.OperationalError) or exc.connection_invalidated:
            return STORAGE_UNAVAILABLE
        return None
    if isinstance(exc, sa_exc.TimeoutError | sqlite3.OperationalError):
        return STORAGE_UNAVAILABLE
    if type(exc).__module__.startswith("psycopg") and type(exc).__name__ == "OperationalError":
        return STORAGE_UNAVAILABLE
    return None


def is_full(exc: BaseException) -> bool:
    """Whether ``exc`` says the database's disk is full (SQLite, PostgreSQL, the OS)."""
    orig = exc.orig if isinstance(exc, sa_exc.DBAPIError) else exc
    if getattr(orig, "sqlite_errorname", None) == "SQLITE_FULL":
        return True
    if getattr(orig, "sqlstate", None) == _PG_DISK_FULL:
        return True
    return isinstance(orig, OSError) and orig.errno in _NO_SPACE


def reason(exc: BaseException) -> str:
    """A short description for logs: the exception's type and the driver's message, never
    the statement or its parameters (reader text)."""
    orig = exc.orig if isinstance(exc, sa_exc.DBAPIError) else exc
    first = str(orig).strip().splitlines()[0][:200] if str(orig).strip() else ""
    return f"{type(orig).__name__}: {first}" if first else type(orig).__name__
