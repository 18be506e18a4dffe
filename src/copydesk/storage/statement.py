"""Pre-built SQL for the ingest hot path, run on the raw DB-API cursor.

SQLAlchemy Core costs about half a millisecond per statement on a busy 2-core machine —
more than SQLite's own work — and the writer thread shares the GIL with the event
loop.  The few statements run for every report are therefore plain SQL written once
with ``:name`` parameters, rendered for the connection's dialect (sqlite3 takes
``:name``; psycopg takes ``%(name)s``) and executed on the DB-API connection inside the
same transaction SQLAlchemy began.  Everything else uses SQLAlchemy normally.

On PostgreSQL a writer batch's reports are stored in one call of a server-side function
instead (:mod:`copydesk.storage.pgingest`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection

_PARAM = re.compile(r"(?<![:\w]):(\w+)")


class Statement:
    def __init__(self, sql: str) -> None:
        self.sql = " ".join(sql.split())
        self._pyformat = _PARAM.sub(r"%(\1)s", self.sql.replace("%", "%%"))

    def _cursor_sql(self, conn: Connection) -> tuple[Any, str]:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        sql = self.sql if conn.dialect.name == "sqlite" else self._pyformat
        return raw.cursor(), sql

    def rows(self, conn: Connection, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        cursor, sql = self._cursor_sql(conn)
        try:
            cursor.execute(sql, params)
            return list(cursor.fetchall()) if cursor.description else []
        finally:
            cursor.close()

    def scalar(self, conn: Connection, params: Mapping[str, Any]) -> Any:
        rows = self.rows(conn, params)
        return rows[0][0] if rows else None


def timestamp(conn: Connection, value: datetime) -> Any:
    """A UTC timestamp as SQLAlchemy's ``DateTime`` stores it on this dialect.

    On SQLite that is the text ``YYYY-MM-DD HH:MM:SS.ffffff`` (UTC, no zone); PostgreSQL
    takes the aware datetime.
    """
    if conn.dialect.name == "sqlite":
        # isoformat: the same text as strftime("%Y-%m-%d %H:%M:%S.%f"), a tenth the cost.
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")
    return value


_SAVEPOINT = Statement("SAVEPOINT job")
_RELEASE = Statement("RELEASE SAVEPOINT job")
_ROLLBACK_TO = Statement("ROLLBACK TO SAVEPOINT job")


def savepoint(conn: Connection) -> None:
    _SAVEPOINT.rows(conn, {})


def release(conn: Connection) -> None:
    _RELEASE.rows(conn, {})


def rollback_to(conn: Connection) -> None:
    _ROLLBACK_TO.rows(conn, {})
