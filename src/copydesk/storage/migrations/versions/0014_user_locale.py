"""user locale: each editor's dashboard language and time zone

Revision ID: 0014
Revises: 0013

``users.language`` (``en``, ``uk``, ``ru``) and ``users.time_zone`` (an IANA name);
NULL, as for every existing user, means the browser's: the language from
``Accept-Language``, the zone set once by the dashboard's script (see
:mod:`copydesk.i18n`).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("users", sa.Column("language", sa.String(length=8), nullable=True))
    op.add_column("users", sa.Column("time_zone", sa.String(length=64), nullable=True))


def downgrade() -> None:
    op.drop_column("users", "time_zone")
    op.drop_column("users", "language")
