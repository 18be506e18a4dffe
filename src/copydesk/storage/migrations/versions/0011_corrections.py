"""corrections: corrections and their revisions, the standards role, site settings

Revision ID: 0011
Revises: 0009

- ``corrections``: a correction, clarification, update, editor's note or retraction of
  an article (from a reader's group or not), drafted, published, withdrawn; never
  deleted.
- ``correction_revisions``: every edit of a published correction (text before and
  after, who, when), shown publicly as "updated on …".
- ``site_roles``: per-site roles beyond the user's own (``standards``: who publishes a
  site's corrections).  A table of its own rather than a column of ``user_sites``,
  whose rows ``accounts.set_sites`` replaces whenever an editor's sites change.
- ``sites``: ``corrections_policy_url``, ``public_lang`` (the language of the public
  corrections pages) and ``announce_corrections`` (off by default).

Only new tables and ``op.add_column``: on SQLite a batch migration would recreate
``sites`` and, with foreign keys on, delete every row that cascades from it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0009"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _ts(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.add_column("sites", sa.Column("corrections_policy_url", sa.String(length=2048),
                                     nullable=True))
    op.add_column("sites", sa.Column("public_lang", sa.String(length=8), nullable=False,
                                     server_default="en"))
    op.add_column("sites", sa.Column("announce_corrections", sa.Boolean(), nullable=False,
                                     server_default=sa.false()))

    op.create_table(
        "site_roles",
        sa.Column("user_id", _ID, sa.ForeignKey("users.id", ondelete="CASCADE",
                                                name="fk_site_roles_user_id_users"),
                  nullable=False),
        sa.Column("site_id", _ID, sa.ForeignKey("sites.id", ondelete="CASCADE",
                                                name="fk_site_roles_site_id_sites"),
                  nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        _ts("created_at"),
        sa.PrimaryKeyConstraint("user_id", "site_id", "role", name="pk_site_roles"),
    )

    op.create_table(
        "corrections",
        sa.Column("id", _ID, primary_key=True, autoincrement=True),
        sa.Column("site_id", _ID, sa.ForeignKey("sites.id", ondelete="CASCADE",
                                                name="fk_corrections_site_id_sites"),
                  nullable=False),
        sa.Column("article_id", _ID, sa.ForeignKey("articles.id", ondelete="CASCADE",
                                                   name="fk_corrections_article_id_articles"),
                  nullable=False),
        sa.Column("group_id", _ID, sa.ForeignKey(
            "report_groups.id", ondelete="SET NULL",
            name="fk_corrections_group_id_report_groups"), nullable=True),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("placement", sa.String(length=8), nullable=False),
        sa.Column("severity", sa.String(length=8), nullable=False),
        sa.Column("corrects_version_id", _ID, sa.ForeignKey(
            "article_versions.id", ondelete="SET NULL",
            name="fk_corrections_corrects_version_id_article_versions"), nullable=True),
        sa.Column("late_reason", sa.Text(), nullable=False, server_default=""),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_by", sa.String(length=320), nullable=False),
        _ts("created_at"),
        _ts("published_at", nullable=True),
        _ts("updated_at"),
        _ts("withdrawn_at", nullable=True),
        sa.Column("withdrawal_note", sa.Text(), nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("id", name="pk_corrections"),
    )
    op.create_index("ix_corrections_site_published", "corrections",
                    ["site_id", "published_at", "id"])
    op.create_index("ix_corrections_article", "corrections", ["article_id", "id"])
    op.create_index("ix_corrections_group", "corrections", ["group_id"])

    op.create_table(
        "correction_revisions",
        sa.Column("id", _ID, primary_key=True, autoincrement=True),
        sa.Column("correction_id", _ID, sa.ForeignKey(
            "corrections.id", ondelete="CASCADE",
            name="fk_correction_revisions_correction_id_corrections"), nullable=False),
        sa.Column("text_before", sa.Text(), nullable=False),
        sa.Column("text_after", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(length=320), nullable=False),
        _ts("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_correction_revisions"),
    )
    op.create_index("ix_correction_revisions_correction", "correction_revisions",
                    ["correction_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_correction_revisions_correction", table_name="correction_revisions")
    op.drop_table("correction_revisions")
    op.drop_index("ix_corrections_group", table_name="corrections")
    op.drop_index("ix_corrections_article", table_name="corrections")
    op.drop_index("ix_corrections_site_published", table_name="corrections")
    op.drop_table("corrections")
    op.drop_table("site_roles")
    # SQLite (3.35+) drops a plain column in place (no index or key on these).
    op.drop_column("sites", "announce_corrections")
    op.drop_column("sites", "public_lang")
    op.drop_column("sites", "corrections_policy_url")
