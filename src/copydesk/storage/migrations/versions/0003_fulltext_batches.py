"""fulltext batches: the writer indexes new reports per batch, not a trigger per row

Revision ID: 0003
Revises: 0002

SQLite only: drops the ``reports_fts_insert`` trigger; the writer's batch hook
(:mod:`copydesk.storage.fulltext`) indexes each batch's new reports in one statement.
The update and delete triggers stay.  PostgreSQL is unchanged.
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_INSERT_TRIGGER = (
    "CREATE TRIGGER reports_fts_insert AFTER INSERT ON reports BEGIN "
    "INSERT INTO reports_fts(rowid, exact, suggestion, comment) "
    "VALUES (new.id, new.exact, new.suggestion, new.comment); END"
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS reports_fts_insert")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(_INSERT_TRIGGER)
        op.execute("INSERT INTO reports_fts(reports_fts) VALUES ('rebuild')")
