"""report client ids: a report that arrives twice is stored once

Revision ID: 0007
Revises: 0006

The widget gives every report an id and resends a report whose answer it did not get;
an API client may send an ``Idempotency-Key``.  ``reports.client_id`` keeps it, unique
per site (NULLs, reports sent without one, are distinct), and a second arrival is
answered with the first one's result (see ``copydesk.reports``).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


# A plain ADD COLUMN and a unique index: a batch (copy-and-move) migration of
# ``reports`` on SQLite would drop the full-text triggers defined on it.


def upgrade() -> None:
    op.add_column("reports", sa.Column("client_id", sa.String(64), nullable=True))
    op.create_index("uq_reports_site_client", "reports", ["site_id", "client_id"],
                    unique=True)


def downgrade() -> None:
    op.drop_index("uq_reports_site_client", table_name="reports")
    op.drop_column("reports", "client_id")
