"""site variant: the English variant a site's articles are proofread in

Revision ID: 0009
Revises: 0008

``sites.english_variant`` is ``en-US``, ``en-GB``, ``en-AU`` or ``en-CA``; NULL (every
existing site) means the page's ``lang``, else the variant the text shows (see
:mod:`copydesk.proofread.variants`).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("sites", sa.Column("english_variant", sa.String(length=5), nullable=True))


def downgrade() -> None:
    op.drop_column("sites", "english_variant")
