"""The SQLite full-text index of reports (FTS5 table ``reports_fts``), kept by the writer.

Every write batch indexes the reports it inserted with one ``INSERT … SELECT`` just
before it commits (a :data:`~copydesk.storage.writer.BatchHook`).  The row-by-row
trigger this replaces (migration 0003) cost about 70 µs per report on the ingest hot
path; the batch statement costs about 25.  The index never lags: a report and its index
entry commit together.  Edits and deletes are still kept in step by the triggers of
migration 0002; they are rare.

Why "every report above the batch's starting ``max(id)``" is exactly the batch's new
reports: a batch holds SQLite's write lock (``BEGIN IMMEDIATE``) from its first
statement, so nobody else inserts meanwhile, and a new row's id is above every existing
one even when SQLite reuses the id of a deleted newest row.

Reports written around the writer (a bulk load straight into the file) are not indexed;
``INSERT INTO reports_fts(reports_fts) VALUES ('rebuild')`` (:func:`rebuild`) indexes
everything again.  PostgreSQL needs none of this: its GIN expression index is part of
the table.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection

from copydesk.storage.statement import Statement

# The table exists and its insert trigger (before migration 0003) does not.
_READY = Statement(
    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'reports_fts' AND NOT EXISTS"
    " (SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = 'reports_fts_insert')"
)
_LAST_ID = Statement("SELECT coalesce(max(id), 0) FROM reports")
_INDEX_NEW = Statement(
    "INSERT INTO reports_fts (rowid, exact, suggestion, comment) "
    "SELECT id, exact, suggestion, comment FROM reports WHERE id > :last ORDER BY id"
)
_REBUILD = Statement("INSERT INTO reports_fts (reports_fts) VALUES ('rebuild')")


class BatchIndexer:
    """The writer's batch hook for a SQLite database.  Until migration 0003 has run (no
    full-text table yet, or its per-row trigger still in place) it does nothing."""

    def __init__(self) -> None:
        self._ready = False

    def __call__(self, conn: Connection) -> Callable[[], None]:
        if not self._ready:
            self._ready = bool(_READY.rows(conn, {}))
            if not self._ready:
                return _nothing
        last = int(_LAST_ID.scalar(conn, {}))

        def index_new() -> None:
            _INDEX_NEW.rows(conn, {"last": last})

        return index_new


def _nothing() -> None:
    return None


def rebuild(conn: Connection) -> None:
    """Index every report again (after a bulk load around the writer)."""
    _REBUILD.rows(conn, {})
