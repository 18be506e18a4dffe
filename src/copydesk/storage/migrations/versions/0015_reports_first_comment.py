"""reports' first comment: a partial index of the reports that have a comment

Revision ID: 0015
Revises: 0014

The queue shows each group's first comment (``copydesk.web.dashboard.queue``): the
first report of the group, by id, whose comment is not empty.  On ``ix_reports_group``
alone that lookup reads every report of a group that has no comment before it can say
so; ``ix_reports_group_comment`` holds only the reports with a comment, so the lookup
reads one entry, or none.  Add-only.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

_WHERE = sa.text("comment <> ''")


def upgrade() -> None:
    op.create_index("ix_reports_group_comment", "reports", ["group_id", "id"],
                    sqlite_where=_WHERE, postgresql_where=_WHERE)


def downgrade() -> None:
    op.drop_index("ix_reports_group_comment", table_name="reports")
