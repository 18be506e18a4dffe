"""article names: whether an article's title and language are a reader's or the page's

Revision ID: 0005
Revises: 0004

``articles.named_by`` is ``reader`` while the title and language are the first
report's hint, ``page`` once copydesk fetched the page and stored its own title and
language; from then on no report changes them (see :mod:`copydesk.reports`).  Existing
articles start as ``reader``: their next fetch names them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "articles",
        sa.Column("named_by", sa.String(length=8), nullable=False, server_default="reader"),
    )


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("named_by")
