"""versions: the fetch schedule, article versions' metadata, anchoring state, feeds

Revision ID: 0006
Revises: 0005

- ``articles``: the fetch schedule and its lease (``next_fetch_at``, NULL when not
  scheduled; ``fetch_locked_until``/``fetch_locked_by``), ``fetch_failures`` (consecutive,
  for backoff), ``last_fetch_error``, the validators for conditional requests (``etag``,
  ``last_modified``), ``last_report_at`` and ``tracked_from`` ("report" or "feed").
  Existing articles are scheduled once, now; the schedule decides from there.
- ``article_versions``: ``headline``, ``byline``, ``published_at``, ``modified_at``,
  ``significant`` (False for a typography- or whitespace-only change) and ``extractor``.
  The text stays once per version; diffs are computed on demand.
- ``fetch_failures``: fetches and extractions that failed or were refused (the last few
  per article are kept).
- ``report_groups``: where the quote stands in the latest version (``anchor_state``,
  ``anchor_start``/``anchor_end``, ``anchor_version_id``, ``anchored_at``) and
  ``fix_flag`` (marked fixed by hand while the quote is still there).
- ``sites.exclude_selectors``: CSS selectors removed before extraction.
- ``site_feeds``: a site's feeds and sitemaps, polled under leases.

On SQLite, the foreign key of ``report_groups.anchor_version_id`` is added to the
table's definition in place (see ``_sqlite_add_foreign_key``): batch mode would drop and
recreate the table, and with foreign keys on, dropping it deletes every report in
cascade.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _ts(name: str, nullable: bool = True) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _sqlite_add_foreign_key(table: str, constraint: str) -> None:
    """Append a table constraint to a SQLite table's definition in place (SQLite's own
    procedure for schema changes that leave the stored rows as they are: "Making Other
    Kinds Of Table Schema Changes" in its ALTER TABLE documentation).  The new column is
    NULL in every row, so no row can violate the constraint."""
    bind = op.get_bind()
    sql = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).scalar_one()
    head, _, _ = sql.rstrip().rpartition(")")
    version = bind.exec_driver_sql("PRAGMA schema_version").scalar_one()
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    bind.exec_driver_sql(
        "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?",
        (f"{head.rstrip()}, \n\t{constraint}\n)", table),
    )
    bind.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    bind.exec_driver_sql("PRAGMA writable_schema = OFF")


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"

    op.add_column(
        "sites",
        sa.Column("exclude_selectors", sa.JSON(), nullable=False, server_default="[]"),
    )

    op.add_column("articles", _ts("next_fetch_at"))
    op.add_column("articles", _ts("fetch_locked_until"))
    op.add_column("articles", sa.Column("fetch_locked_by", sa.String(length=64), nullable=True))
    op.add_column(
        "articles",
        sa.Column("fetch_failures", sa.Integer(), nullable=False, server_default="0"),
    )
    op.add_column("articles", sa.Column("last_fetch_error", sa.Text(), nullable=True))
    op.add_column("articles", sa.Column("etag", sa.String(length=512), nullable=True))
    op.add_column("articles", sa.Column("last_modified", sa.String(length=64), nullable=True))
    op.add_column("articles", _ts("last_report_at"))
    op.add_column(
        "articles",
        sa.Column("tracked_from", sa.String(length=8), nullable=False, server_default="report"),
    )
    op.create_index("ix_articles_next_fetch", "articles", ["next_fetch_at"])
    op.execute("UPDATE articles SET last_report_at = updated_at, next_fetch_at = updated_at")

    op.add_column(
        "article_versions",
        sa.Column("headline", sa.String(length=500), nullable=False, server_default=""),
    )
    op.add_column(
        "article_versions",
        sa.Column("byline", sa.String(length=500), nullable=False, server_default=""),
    )
    op.add_column("article_versions", _ts("published_at"))
    op.add_column("article_versions", _ts("modified_at"))
    op.add_column(
        "article_versions",
        sa.Column("significant", sa.Boolean(), nullable=False, server_default=sa.true()),
    )
    op.add_column(
        "article_versions",
        sa.Column("extractor", sa.String(length=16), nullable=False, server_default=""),
    )

    op.create_table(
        "fetch_failures",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("article_id", _ID, nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("http_status", sa.Integer(), nullable=True),
        _ts("created_at", nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_fetch_failures_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fetch_failures")),
    )
    op.create_index("ix_fetch_failures_article", "fetch_failures", ["article_id", "id"])

    op.add_column("report_groups", sa.Column("anchor_state", sa.String(length=16), nullable=True))
    op.add_column("report_groups", sa.Column("anchor_start", sa.Integer(), nullable=True))
    op.add_column("report_groups", sa.Column("anchor_end", sa.Integer(), nullable=True))
    fk_name = "fk_report_groups_anchor_version_id_article_versions"
    if sqlite:
        existing = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("report_groups")}
        if "anchor_version_id" not in existing:  # a downgrade leaves it (see below)
            op.add_column("report_groups", sa.Column("anchor_version_id", _ID, nullable=True))
            _sqlite_add_foreign_key(
                "report_groups",
                f"CONSTRAINT {fk_name} FOREIGN KEY(anchor_version_id) "
                "REFERENCES article_versions (id) ON DELETE SET NULL",
            )
    else:
        op.add_column("report_groups", sa.Column("anchor_version_id", _ID, nullable=True))
        op.create_foreign_key(
            fk_name,
            "report_groups",
            "article_versions",
            ["anchor_version_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.add_column("report_groups", _ts("anchored_at"))
    op.add_column(
        "report_groups",
        sa.Column("fix_flag", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_index(
        "ix_groups_anchor_state", "report_groups", ["anchor_state", "last_reported_at", "id"]
    )
    op.create_index(
        "ix_groups_site_anchor_state",
        "report_groups",
        ["site_id", "anchor_state", "last_reported_at", "id"],
    )

    op.create_table(
        "site_feeds",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("site_id", _ID, nullable=False),
        sa.Column("url", sa.String(length=2048), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("etag", sa.String(length=512), nullable=True),
        sa.Column("last_modified", sa.String(length=64), nullable=True),
        _ts("next_fetch_at"),
        _ts("locked_until"),
        sa.Column("locked_by", sa.String(length=64), nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text(), nullable=True),
        _ts("created_at", nullable=False),
        sa.ForeignKeyConstraint(
            ["site_id"], ["sites.id"], name=op.f("fk_site_feeds_site_id_sites"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_site_feeds")),
        sa.UniqueConstraint("site_id", "url", name="uq_site_feeds_site_url"),
    )
    op.create_index("ix_site_feeds_next_fetch", "site_feeds", ["next_fetch_at"])


def downgrade() -> None:
    op.drop_index("ix_site_feeds_next_fetch", table_name="site_feeds")
    op.drop_table("site_feeds")
    op.drop_index("ix_groups_site_anchor_state", table_name="report_groups")
    op.drop_index("ix_groups_anchor_state", table_name="report_groups")
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(
            "fk_report_groups_anchor_version_id_article_versions",
            "report_groups",
            type_="foreignkey",
        )
    # SQLite (3.35+) drops a plain column in place; a column with a foreign key cannot be
    # dropped without recreating the table, which would cascade, so it is left there
    # (NULL from then on, ignored by older code; a new upgrade reuses it).
    for column in ("fix_flag", "anchored_at", "anchor_end", "anchor_start", "anchor_state"):
        op.drop_column("report_groups", column)
    if op.get_bind().dialect.name != "sqlite":
        op.drop_column("report_groups", "anchor_version_id")
    op.drop_index("ix_fetch_failures_article", table_name="fetch_failures")
    op.drop_table("fetch_failures")
    for column in (
        "extractor", "significant", "modified_at", "published_at", "byline", "headline"
    ):
        op.drop_column("article_versions", column)
    op.drop_index("ix_articles_next_fetch", table_name="articles")
    for column in (
        "tracked_from",
        "last_report_at",
        "last_modified",
        "etag",
        "last_fetch_error",
        "fetch_failures",
        "fetch_locked_by",
        "fetch_locked_until",
        "next_fetch_at",
    ):
        op.drop_column("articles", column)
    op.drop_column("sites", "exclude_selectors")
