"""The database schema as SQLAlchemy Core tables.

Migrations in ``storage/migrations`` create exactly this; a test compares the two.
Timestamps are stored as timezone-aware UTC.  Statuses are strings from
:mod:`copydesk.models` enums.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    text,
    true,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# BigInteger ids on PostgreSQL, INTEGER PRIMARY KEY (rowid) on SQLite.
Id = BigInteger().with_variant(Integer(), "sqlite")


def _sqlite_only(constraint: ForeignKeyConstraint) -> ForeignKeyConstraint:
    """A foreign key that only SQLite has (migration 0016).

    On PostgreSQL every check of a foreign key locks the row it names (``FOR KEY
    SHARE``), and the keys from ``reports`` and ``report_groups`` to ``sites`` name one
    row that every writer of every node would lock for each report; ``reports`` to
    ``articles`` is implied as well.  A report's site and article are its group's
    (they are written together, from the same article row, and a report is never
    updated), and ``reports.group_id`` and ``report_groups.article_id`` keep the chain
    to the site with its cascades: deleting a site or an article still deletes its
    groups and their reports.  SQLite checks a key with an index probe and no lock, so
    it keeps them.
    """
    constraint.ddl_if(dialect="sqlite")
    return constraint


def _ts(name: str, nullable: bool = False) -> Column[object]:
    return Column(name, DateTime(timezone=True), nullable=nullable)


meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

sites = Table(
    "sites",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("key", String(64), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("origins", JSON, nullable=False),
    _ts("created_at"),
    # CSS selectors removed from the site's pages before their text is extracted.
    Column("exclude_selectors", JSON, nullable=False, default=list, server_default="[]"),
    # Corrections (copydesk.corrections): the site's corrections policy, the language of
    # its public pages ("en", "uk", "ru"), and whether a published correction is
    # announced to the site's channels.
    Column("corrections_policy_url", String(2048), nullable=True),
    Column("public_lang", String(8), nullable=False, default="en", server_default="en"),
    Column("announce_corrections", Boolean, nullable=False, default=False,
           server_default=false()),
    # The site's English variant ("en-GB"), migration 0009; NULL: the page's lang, else
    # the variant the text shows (copydesk.proofread.variants).
    Column("english_variant", String(5), nullable=True),
    # After a key rotation (migration 0012) the old key still identifies the site to
    # ingest until previous_key_until (copydesk.sites.rotate_key).
    Column("previous_key", String(64), nullable=True),
    _ts("previous_key_until", nullable=True),
)

articles = Table(
    "articles",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("site_id", Id, ForeignKey("sites.id", ondelete="CASCADE"), nullable=False),
    Column("url", String(2048), nullable=False),
    Column("title", String(500), nullable=False, default=""),
    Column("lang", String(35), nullable=False, default=""),
    # "reader": title and lang are the first report's hint; "page": the page's own,
    # stored by the proofreader, and no report changes them (see copydesk.reports).
    Column("named_by", String(8), nullable=False, default="reader", server_default="reader"),
    _ts("created_at"),
    _ts("updated_at"),
    _ts("fetched_at", nullable=True),
    # The fetch schedule (copydesk.versions): due at next_fetch_at (NULL: not scheduled),
    # claimed under a lease (fetch_locked_until/by), backed off by fetch_failures.
    _ts("next_fetch_at", nullable=True),
    _ts("fetch_locked_until", nullable=True),
    Column("fetch_locked_by", String(64), nullable=True),
    Column("fetch_failures", Integer, nullable=False, default=0, server_default="0"),
    Column("last_fetch_error", Text, nullable=True),
    Column("etag", String(512), nullable=True),
    Column("last_modified", String(64), nullable=True),
    _ts("last_report_at", nullable=True),
    # "report": tracked because a reader reported a mistake; "feed": found in a feed.
    Column("tracked_from", String(8), nullable=False, default="report", server_default="report"),
    UniqueConstraint("site_id", "url", name="uq_articles_site_url"),
    Index("ix_articles_next_fetch", "next_fetch_at"),
)

report_groups = Table(
    "report_groups",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("site_id", Id, nullable=False),
    _sqlite_only(ForeignKeyConstraint(["site_id"], ["sites.id"], ondelete="CASCADE")),
    Column("article_id", Id, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("status", String(16), nullable=False),
    Column("exact", Text, nullable=False),
    Column("prefix", Text, nullable=False, default=""),
    Column("suffix", Text, nullable=False, default=""),
    Column("start", Integer, nullable=True),
    Column("end", Integer, nullable=True),
    Column("reporter_count", Integer, nullable=False, default=1),
    Column("has_suggestion", Boolean, nullable=False, default=False),
    Column("assignee_id", Id, ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
    Column(
        "duplicate_of_id", Id, ForeignKey("report_groups.id", ondelete="SET NULL"), nullable=True
    ),
    _ts("created_at"),
    _ts("updated_at"),
    _ts("last_reported_at"),
    # Where the quote stands in the article's latest version (copydesk.anchoring.State),
    # NULL until a version arrives after the report.
    Column("anchor_state", String(16), nullable=True),
    Column("anchor_start", Integer, nullable=True),
    Column("anchor_end", Integer, nullable=True),
    Column(
        "anchor_version_id",
        Id,
        ForeignKey("article_versions.id", ondelete="SET NULL"),
        nullable=True,
    ),
    _ts("anchored_at", nullable=True),
    # Marked fixed by hand, but the quote is still in the latest version.
    Column("fix_flag", Boolean, nullable=False, default=False, server_default=false()),
    Index("ix_groups_site_status_last", "site_id", "status", "last_reported_at", "id"),
    Index("ix_groups_status_last", "status", "last_reported_at", "id"),
    Index("ix_groups_last", "last_reported_at", "id"),
    Index("ix_groups_count", "reporter_count", "id"),
    Index("ix_groups_article", "article_id"),
    Index("ix_groups_site_last", "site_id", "last_reported_at", "id"),
    Index("ix_groups_status_count", "status", "reporter_count", "id"),
    Index("ix_groups_site_count", "site_id", "reporter_count", "id"),
    Index("ix_groups_anchor_state", "anchor_state", "last_reported_at", "id"),
    Index("ix_groups_site_anchor_state", "site_id", "anchor_state", "last_reported_at", "id"),
)

reports = Table(
    "reports",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("site_id", Id, nullable=False),
    Column("article_id", Id, nullable=False),
    _sqlite_only(ForeignKeyConstraint(["site_id"], ["sites.id"], ondelete="CASCADE")),
    _sqlite_only(ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE")),
    Column("group_id", Id, ForeignKey("report_groups.id", ondelete="CASCADE"), nullable=False),
    Column("url", String(2048), nullable=False),
    Column("exact", Text, nullable=False),
    Column("prefix", Text, nullable=False, default=""),
    Column("suffix", Text, nullable=False, default=""),
    Column("start", Integer, nullable=True),
    Column("end", Integer, nullable=True),
    Column("suggestion", Text, nullable=False, default=""),
    Column("comment", Text, nullable=False, default=""),
    Column("title", String(500), nullable=False, default=""),
    Column("lang", String(35), nullable=False, default=""),
    Column("ip_hash", String(64), nullable=False, default=""),
    Column("spam_reason", String(32), nullable=True),
    # The sender's id for the report (the widget's, or an Idempotency-Key): one report
    # per id and site, so a resent report is stored once (see copydesk.reports).
    Column("client_id", String(64), nullable=True),
    _ts("created_at"),
    Index("uq_reports_site_client", "site_id", "client_id", unique=True),
    Index("ix_reports_group", "group_id", "id"),
    # "Has this reader (today's address hash) reported in this group already?" is asked
    # for every duplicate; without it a group with thousands of reports is read whole.
    Index("ix_reports_group_reader", "group_id", "ip_hash"),
    # The queue's first comment of a group (migration 0015): only reports with one, so
    # a group without a comment answers at once instead of reading all its reports.
    Index("ix_reports_group_comment", "group_id", "id",
          sqlite_where=text("comment <> ''"), postgresql_where=text("comment <> ''")),
)

#: PostgreSQL's full-text index of reports (SQLite has the FTS5 table ``reports_fts``,
#: created by migration 0002 with its triggers: it is not a Core table).
REPORTS_SEARCH_VECTOR = (
    "to_tsvector('simple'::regconfig, "
    "reports.exact || ' ' || reports.suggestion || ' ' || reports.comment)"
)
Index("ix_reports_fts", text(REPORTS_SEARCH_VECTOR), postgresql_using="gin").ddl_if(
    dialect="postgresql"
)

users = Table(
    "users",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("email", String(320), nullable=False, unique=True),
    Column("password_hash", String(255), nullable=False),
    Column("role", String(16), nullable=False),
    Column("disabled", Boolean, nullable=False, default=False),
    _ts("created_at"),
    # The dashboard's language (en, uk, ru) and IANA time zone; NULL: the browser's.
    Column("language", String(8), nullable=True),
    Column("time_zone", String(64), nullable=True),
)

user_sites = Table(
    "user_sites",
    metadata,
    Column("user_id", Id, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("site_id", Id, ForeignKey("sites.id", ondelete="CASCADE"), primary_key=True),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id", String(64), primary_key=True),  # SHA-256 of the cookie token
    Column("user_id", Id, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("csrf_token", String(64), nullable=False),
    _ts("created_at"),
    _ts("expires_at"),
    Index("ix_sessions_user", "user_id"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("user_id", Id, ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
    Column("actor", String(320), nullable=False),  # email, or "cli"/"system"
    Column("action", String(64), nullable=False),
    Column("site_id", Id, ForeignKey("sites.id", ondelete="CASCADE"), nullable=True),
    Column("group_id", Id, ForeignKey("report_groups.id", ondelete="CASCADE"), nullable=True),
    Column("from_value", String(64), nullable=True),
    Column("to_value", String(64), nullable=True),
    Column("note", Text, nullable=False, default=""),
    _ts("created_at"),
    Index("ix_audit_group", "group_id", "id"),
    Index("ix_audit_created", "created_at", "id"),
)

channels = Table(
    "channels",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("site_id", Id, ForeignKey("sites.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("config", JSON, nullable=False),  # secrets included; never printed or logged
    Column("enabled", Boolean, nullable=False, default=True),
    Column("disabled_reason", Text, nullable=True),
    _ts("created_at"),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("event_type", String(64), nullable=False),
    Column("site_id", Id, ForeignKey("sites.id", ondelete="CASCADE"), nullable=True),
    Column("channel_id", Id, ForeignKey("channels.id", ondelete="CASCADE"), nullable=True),
    Column("idempotency_key", String(64), nullable=False),
    Column("payload", JSON, nullable=False),
    Column("status", String(16), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text, nullable=True),
    _ts("next_attempt_at"),
    _ts("locked_until", nullable=True),
    Column("locked_by", String(64), nullable=True),
    _ts("created_at"),
    _ts("delivered_at", nullable=True),
    Index("ix_outbox_due", "status", "next_attempt_at"),
    # Counting a site's announcements of the last minute (copydesk.notify.outbox).
    Index("ix_outbox_site_created", "site_id", "created_at"),
)

article_versions = Table(
    "article_versions",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("article_id", Id, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("title", String(500), nullable=False, default=""),
    Column("text", Text, nullable=False),
    _ts("fetched_at"),
    # Kept apart from the body text (content_hash covers text, headline and byline).
    Column("headline", String(500), nullable=False, default="", server_default=""),
    Column("byline", String(500), nullable=False, default="", server_default=""),
    _ts("published_at", nullable=True),
    _ts("modified_at", nullable=True),
    # False when the change from the previous version is typography or whitespace only.
    Column("significant", Boolean, nullable=False, default=True, server_default=true()),
    # "trafilatura" or "fallback": which extractor produced the text.
    Column("extractor", String(16), nullable=False, default="", server_default=""),
    Index("ix_versions_article", "article_id", "id"),
)

#: Fetches and extractions that failed or were refused (reason codes in
#: copydesk.versions.failures), the last few per article.
fetch_failures = Table(
    "fetch_failures",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("article_id", Id, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("reason", String(32), nullable=False),
    Column("detail", Text, nullable=False, default=""),
    Column("http_status", Integer, nullable=True),
    _ts("created_at"),
    Index("ix_fetch_failures_article", "article_id", "id"),
)

#: A site's RSS/Atom feeds and sitemaps, polled for new articles to track.
site_feeds = Table(
    "site_feeds",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("site_id", Id, ForeignKey("sites.id", ondelete="CASCADE"), nullable=False),
    Column("url", String(2048), nullable=False),
    Column("kind", String(16), nullable=False),  # "rss", "atom" or "sitemap"
    Column("etag", String(512), nullable=True),
    Column("last_modified", String(64), nullable=True),
    _ts("next_fetch_at", nullable=True),
    _ts("locked_until", nullable=True),
    Column("locked_by", String(64), nullable=True),
    Column("failures", Integer, nullable=False, default=0, server_default="0"),
    Column("last_error", Text, nullable=True),
    _ts("created_at"),
    UniqueConstraint("site_id", "url", name="uq_site_feeds_site_url"),
    Index("ix_site_feeds_next_fetch", "next_fetch_at"),
)

findings = Table(
    "findings",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column(
        "version_id", Id, ForeignKey("article_versions.id", ondelete="CASCADE"), nullable=False
    ),
    Column("rule", String(64), nullable=False),
    Column("message", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("suggestions", JSON, nullable=False),
    Column("severity", String(16), nullable=False),
    Index("ix_findings_version", "version_id"),
)

site_words = Table(
    "site_words",
    metadata,
    Column("site_id", Id, ForeignKey("sites.id", ondelete="CASCADE"), primary_key=True),
    Column("word", String(100), primary_key=True),
    _ts("created_at"),
)


#: Per-site roles beyond the user's role (copydesk.corrections.roles): "standards", the
#: standards editor, who publishes and withdraws the site's corrections.
site_roles = Table(
    "site_roles",
    metadata,
    Column("user_id", Id, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("site_id", Id, ForeignKey("sites.id", ondelete="CASCADE"), primary_key=True),
    Column("role", String(16), primary_key=True),
    _ts("created_at"),
)

#: Corrections, clarifications, updates, editor's notes and retractions of an article
#: (copydesk.corrections).  Never deleted: a withdrawal is recorded on the row.
corrections = Table(
    "corrections",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("site_id", Id, ForeignKey("sites.id", ondelete="CASCADE"), nullable=False),
    Column("article_id", Id, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("group_id", Id, ForeignKey("report_groups.id", ondelete="SET NULL"), nullable=True),
    Column("type", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("placement", String(8), nullable=False),
    Column("severity", String(8), nullable=False),
    Column(
        "corrects_version_id",
        Id,
        ForeignKey("article_versions.id", ondelete="SET NULL"),
        nullable=True,
    ),
    Column("late_reason", Text, nullable=False, default="", server_default=""),
    Column("status", String(16), nullable=False),
    Column("created_by", String(320), nullable=False),
    _ts("created_at"),
    _ts("published_at", nullable=True),
    _ts("updated_at"),
    _ts("withdrawn_at", nullable=True),
    Column("withdrawal_note", Text, nullable=False, default="", server_default=""),
    Index("ix_corrections_site_published", "site_id", "published_at", "id"),
    Index("ix_corrections_article", "article_id", "id"),
    Index("ix_corrections_group", "group_id"),
)

#: Every edit of a published correction: the text before and after, who, when.
correction_revisions = Table(
    "correction_revisions",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column(
        "correction_id", Id, ForeignKey("corrections.id", ondelete="CASCADE"), nullable=False
    ),
    Column("text_before", Text, nullable=False),
    Column("text_after", Text, nullable=False),
    Column("actor", String(320), nullable=False),
    _ts("created_at"),
    Index("ix_correction_revisions_correction", "correction_id", "id"),
)


IncludeObject = Callable[[object, "str | None", str, bool, object], bool]


def include_object(dialect: str) -> IncludeObject:
    """Alembic's filter for a database of ``dialect``: full-text search objects (names
    containing ``_fts``) are created with raw SQL in migrations, because SQLite's FTS5
    tables and PostgreSQL's expression indexes have no Core equivalent, and a table's
    constraints and indexes made for other dialects only (``ddl_if``) are not in this
    one: autogenerate must leave both alone."""

    def include(obj: object, name: str | None, type_: str, reflected: bool,
                compare_to: object) -> bool:
        if name and "_fts" in name:
            return False
        rule = getattr(obj, "_ddl_if", None)
        if reflected or rule is None or rule.dialect is None:
            return True
        wanted = (rule.dialect,) if isinstance(rule.dialect, str) else tuple(rule.dialect)
        return dialect in wanted

    return include


#: One-time password reset links an admin makes (copydesk.accounts): the SHA-256 of the
#: link's token, its expiry, when it was used (migration 0012).
password_resets = Table(
    "password_resets",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("user_id", Id, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("created_by", String(320), nullable=False),
    _ts("created_at"),
    _ts("expires_at"),
    _ts("used_at", nullable=True),
    Index("ix_password_resets_user", "user_id"),
)

#: An editor's own notifications per site (copydesk.preferences): which events, digest or
#: immediate, and the e-mail channel that carries them (migration 0012).
notification_preferences = Table(
    "notification_preferences",
    metadata,
    Column("user_id", Id, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("site_id", Id, ForeignKey("sites.id", ondelete="CASCADE"), primary_key=True),
    Column("channel_id", Id, ForeignKey("channels.id", ondelete="SET NULL"), nullable=True),
    Column("events", JSON, nullable=False),
    Column("digest", Boolean, nullable=False, default=False, server_default=false()),
    _ts("updated_at"),
    Index("ix_notification_preferences_channel", "channel_id"),
)

#: A reader's "tell me when this is fixed" (copydesk.readers): the address, kept only
#: while the group is open, the language of the mail and the SHA-256 of the unsubscribe
#: token (migration 0013).  Nothing else reads this table: not exports, not events.
reader_subscriptions = Table(
    "reader_subscriptions",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("site_id", Id, ForeignKey("sites.id", ondelete="CASCADE"), nullable=False),
    Column("group_id", Id, ForeignKey("report_groups.id", ondelete="CASCADE"), nullable=False),
    Column("report_id", Id, ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
    Column("address", String(254), nullable=False),
    Column("lang", String(8), nullable=False),
    Column("token_hash", String(64), nullable=False),
    _ts("created_at"),
    Index("ix_reader_subscriptions_group", "group_id"),
    Index("ix_reader_subscriptions_token", "token_hash"),
    Index("uq_reader_subscriptions_report", "report_id", unique=True),
)

#: The one mail a subscriber gets when their group is closed (copydesk.readers.sender
#: claims rows under a lease); the row, and the address in it, goes once it is sent or
#: given up (migration 0013).
reader_mail = Table(
    "reader_mail",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("site_id", Id, ForeignKey("sites.id", ondelete="CASCADE"), nullable=False),
    Column("group_id", Id, ForeignKey("report_groups.id", ondelete="CASCADE"), nullable=True),
    # The subscription's report, so that a mail taken back is a subscription again.
    Column("report_id", Id, ForeignKey("reports.id", ondelete="CASCADE"), nullable=True),
    Column("address", String(254), nullable=False),
    Column("lang", String(8), nullable=False),
    Column("token_hash", String(64), nullable=False),
    Column("idempotency_key", String(64), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("data", JSON, nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text, nullable=True),
    _ts("next_attempt_at"),
    _ts("locked_until", nullable=True),
    Column("locked_by", String(64), nullable=True),
    _ts("created_at"),
    Index("ix_reader_mail_due", "next_attempt_at"),
    Index("ix_reader_mail_token", "token_hash"),
    Index("ix_reader_mail_group", "group_id"),
    Index("ix_reader_mail_report", "report_id"),
)
