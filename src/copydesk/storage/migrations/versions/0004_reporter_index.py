"""reporter index: find a reader's earlier report in a group without reading the group

Revision ID: 0004
Revises: 0003

Every report that joins a group asks whether the same reader (today's address hash)
reported in it already, to count reporters once.  ``ix_reports_group`` (group, id)
made that a read of every report in the group: a mistake reported thousands of times
slowed each new report on it.
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_reports_group_reader", "reports", ["group_id", "ip_hash"])


def downgrade() -> None:
    op.drop_index("ix_reports_group_reader", table_name="reports")
