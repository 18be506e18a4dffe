"""reader mail: telling a reader their report mattered

Revision ID: 0013
Revises: 0012

- ``reader_subscriptions``: a reader's address given with a report ("tell me when this
  is fixed"), its mail's language and the SHA-256 of its unsubscribe token; kept only
  while the group is open.
- ``reader_mail``: the one mail a subscriber gets when the group is closed (a
  correction published, fixed, rejected with a reason), claimed under a lease by the
  reader mail sender; deleted, with the address, once sent or given up.

Only new tables.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _ts(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _fk(table: str, column: str, target: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(column, _ID, sa.ForeignKey(
        f"{target}.id", ondelete="CASCADE", name=f"fk_{table}_{column}_{target}"),
        nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "reader_subscriptions",
        sa.Column("id", _ID, primary_key=True, autoincrement=True),
        _fk("reader_subscriptions", "site_id", "sites"),
        _fk("reader_subscriptions", "group_id", "report_groups"),
        _fk("reader_subscriptions", "report_id", "reports"),
        sa.Column("address", sa.String(length=254), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        _ts("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_reader_subscriptions"),
    )
    op.create_index("ix_reader_subscriptions_group", "reader_subscriptions", ["group_id"])
    op.create_index("ix_reader_subscriptions_token", "reader_subscriptions", ["token_hash"])
    op.create_index("uq_reader_subscriptions_report", "reader_subscriptions", ["report_id"],
                    unique=True)

    op.create_table(
        "reader_mail",
        sa.Column("id", _ID, primary_key=True, autoincrement=True),
        _fk("reader_mail", "site_id", "sites"),
        _fk("reader_mail", "group_id", "report_groups", nullable=True),
        _fk("reader_mail", "report_id", "reports", nullable=True),
        sa.Column("address", sa.String(length=254), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("idempotency_key", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        _ts("next_attempt_at"),
        _ts("locked_until", nullable=True),
        sa.Column("locked_by", sa.String(length=64), nullable=True),
        _ts("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_reader_mail"),
    )
    op.create_index("ix_reader_mail_due", "reader_mail", ["next_attempt_at"])
    op.create_index("ix_reader_mail_token", "reader_mail", ["token_hash"])
    op.create_index("ix_reader_mail_group", "reader_mail", ["group_id"])
    op.create_index("ix_reader_mail_report", "reader_mail", ["report_id"])


def downgrade() -> None:
    op.drop_index("ix_reader_mail_report", table_name="reader_mail")
    op.drop_index("ix_reader_mail_group", table_name="reader_mail")
    op.drop_index("ix_reader_mail_token", table_name="reader_mail")
    op.drop_index("ix_reader_mail_due", table_name="reader_mail")
    op.drop_table("reader_mail")
    op.drop_index("uq_reader_subscriptions_report", table_name="reader_subscriptions")
    op.drop_index("ix_reader_subscriptions_token", table_name="reader_subscriptions")
    op.drop_index("ix_reader_subscriptions_group", table_name="reader_subscriptions")
    op.drop_table("reader_subscriptions")
