"""admin: site key rotation, password reset links, notification preferences

Revision ID: 0012
Revises: 0011

- ``sites.previous_key``, ``sites.previous_key_until``: after a key rotation the old
  key still identifies the site to ingest until ``previous_key_until``, so pages that
  still carry the old ``data-site`` keep reporting through the overlap.
- ``password_resets``: one-time links an admin makes for a user; only the SHA-256 of
  the link's token is stored, with its expiry and when it was used.
- ``notification_preferences``: an editor's own choice per site (events, digest or
  immediate) and the e-mail channel that carries it.

Only new tables and ``op.add_column``: on SQLite a batch migration would recreate
``sites`` and, with foreign keys on, delete every row that cascades from it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _ts(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.add_column("sites", sa.Column("previous_key", sa.String(length=64), nullable=True))
    op.add_column("sites", _ts("previous_key_until", nullable=True))

    op.create_table(
        "password_resets",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("user_id", _ID, sa.ForeignKey("users.id", ondelete="CASCADE",
                                                name="fk_password_resets_user_id_users"),
                  nullable=False),
        sa.Column("created_by", sa.String(length=320), nullable=False),
        _ts("created_at"),
        _ts("expires_at"),
        _ts("used_at", nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_password_resets"),
    )
    op.create_index("ix_password_resets_user", "password_resets", ["user_id"])

    op.create_table(
        "notification_preferences",
        sa.Column("user_id", _ID, sa.ForeignKey(
            "users.id", ondelete="CASCADE",
            name="fk_notification_preferences_user_id_users"), nullable=False),
        sa.Column("site_id", _ID, sa.ForeignKey(
            "sites.id", ondelete="CASCADE",
            name="fk_notification_preferences_site_id_sites"), nullable=False),
        sa.Column("channel_id", _ID, sa.ForeignKey(
            "channels.id", ondelete="SET NULL",
            name="fk_notification_preferences_channel_id_channels"), nullable=True),
        sa.Column("events", sa.JSON(), nullable=False),
        sa.Column("digest", sa.Boolean(), nullable=False, server_default=sa.false()),
        _ts("updated_at"),
        sa.PrimaryKeyConstraint("user_id", "site_id", name="pk_notification_preferences"),
    )
    op.create_index("ix_notification_preferences_channel", "notification_preferences",
                    ["channel_id"])


def downgrade() -> None:
    op.drop_index("ix_notification_preferences_channel",
                  table_name="notification_preferences")
    op.drop_table("notification_preferences")
    op.drop_index("ix_password_resets_user", table_name="password_resets")
    op.drop_table("password_resets")
    # SQLite (3.35+) drops a plain column in place (no index or key on these).
    op.drop_column("sites", "previous_key_until")
    op.drop_column("sites", "previous_key")
