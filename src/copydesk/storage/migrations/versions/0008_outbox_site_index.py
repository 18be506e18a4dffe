"""outbox by site and time: bounding new-group announcements per site and minute

Revision ID: 0008
Revises: 0007

``copydesk.notify.outbox`` counts the ``report.created`` rows a site queued in the
last minute before queuing another, so a flood of reports does not become a flood of
messages; this index makes that count a short range read.
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_outbox_site_created", "outbox", ["site_id", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_outbox_site_created", table_name="outbox")
