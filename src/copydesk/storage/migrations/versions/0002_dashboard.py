"""dashboard: queue indexes and full-text search over reports

Revision ID: 0002
Revises: 0001

SQLite gets an FTS5 table ``reports_fts`` (external content: the ``reports`` table)
kept in step by triggers; PostgreSQL gets a GIN index on the ``simple`` text search
vector of quote, suggestion and comment.  Both serve the dashboard's search box.
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_PG_VECTOR = (
    "to_tsvector('simple'::regconfig, "
    "(((exact || ' '::text) || suggestion) || ' '::text) || comment)"
)

_SQLITE_FTS = [
    "CREATE VIRTUAL TABLE reports_fts USING fts5("
    "exact, suggestion, comment, content='reports', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER reports_fts_insert AFTER INSERT ON reports BEGIN "
    "INSERT INTO reports_fts(rowid, exact, suggestion, comment) "
    "VALUES (new.id, new.exact, new.suggestion, new.comment); END",
    "CREATE TRIGGER reports_fts_delete AFTER DELETE ON reports BEGIN "
    "INSERT INTO reports_fts(reports_fts, rowid, exact, suggestion, comment) "
    "VALUES ('delete', old.id, old.exact, old.suggestion, old.comment); END",
    "CREATE TRIGGER reports_fts_update AFTER UPDATE OF exact, suggestion, comment ON reports "
    "BEGIN "
    "INSERT INTO reports_fts(reports_fts, rowid, exact, suggestion, comment) "
    "VALUES ('delete', old.id, old.exact, old.suggestion, old.comment); "
    "INSERT INTO reports_fts(rowid, exact, suggestion, comment) "
    "VALUES (new.id, new.exact, new.suggestion, new.comment); END",
    "INSERT INTO reports_fts(reports_fts) VALUES ('rebuild')",
]


def upgrade() -> None:
    with op.batch_alter_table("report_groups", schema=None) as batch_op:
        batch_op.create_index("ix_groups_site_last", ["site_id", "last_reported_at", "id"])
        batch_op.create_index("ix_groups_status_count", ["status", "reporter_count", "id"])
        batch_op.create_index("ix_groups_site_count", ["site_id", "reporter_count", "id"])
    if op.get_bind().dialect.name == "sqlite":
        for statement in _SQLITE_FTS:
            op.execute(statement)
    else:
        op.execute(f"CREATE INDEX ix_reports_fts ON reports USING gin ({_PG_VECTOR})")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("reports_fts_insert", "reports_fts_delete", "reports_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS reports_fts")
    else:
        op.execute("DROP INDEX IF EXISTS ix_reports_fts")
    with op.batch_alter_table("report_groups", schema=None) as batch_op:
        batch_op.drop_index("ix_groups_site_count")
        batch_op.drop_index("ix_groups_status_count")
        batch_op.drop_index("ix_groups_site_last")
