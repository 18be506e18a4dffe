"""What storing a report updates: PostgreSQL's redundant foreign keys, an unused index

Revision ID: 0016
Revises: 0015

On PostgreSQL, drop the foreign keys ``reports.site_id``, ``reports.article_id`` and
``report_groups.site_id``: each check locks the row it names, and the two to ``sites``
lock the same row for every report of a site, from every writer of every node.  The
keys that stay (``reports.group_id``, ``report_groups.article_id``,
``articles.site_id``) imply them and keep the cascades (see ``schema._sqlite_only``).
SQLite keeps them: it checks a key without a lock.

On both, drop ``ix_reports_site_created``: no query reads reports by site and time
(the rate limits live in memory or Redis, the digest reads a group's reports by
``ix_reports_group``), and each report paid an insert into it.
"""

from __future__ import annotations

from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

#: (table, constraint, column, referred table) of the keys PostgreSQL does without.
_KEYS = (
    ("reports", "fk_reports_site_id_sites", "site_id", "sites"),
    ("reports", "fk_reports_article_id_articles", "article_id", "articles"),
    ("report_groups", "fk_report_groups_site_id_sites", "site_id", "sites"),
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table, name, _, _ in _KEYS:
            op.drop_constraint(name, table, type_="foreignkey")
    op.drop_index("ix_reports_site_created", table_name="reports")


def downgrade() -> None:
    op.create_index("ix_reports_site_created", "reports", ["site_id", "created_at"])
    if op.get_bind().dialect.name == "postgresql":
        for table, name, column, referred in _KEYS:
            op.create_foreign_key(name, table, referred, [column], ["id"], ondelete="CASCADE")
