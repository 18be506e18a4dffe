"""The daily digest: for email channels created with ``--digest``.

:func:`enqueue_due` runs in the dispatcher every minute or so, in one write
transaction: for each such channel whose last digest is a day old it advances the
channel's digest clock (``meta`` key ``digest:<channel id>``, compare-and-set, so two
dispatchers never both send one) and queues a ``digest`` event listing the groups
reported since, with their counts.  The event then goes through the outbox like any
other.  A day with no reports sends nothing.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from copydesk.models import EventType, ReportStatus
from copydesk.notify import outbox
from copydesk.storage import schema

MAX_GROUPS = 100


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _advance(conn: Connection, key: str, old: str | None, new: str) -> bool:
    """Move the digest clock from ``old`` to ``new``; False if someone else did."""
    meta = schema.meta
    if old is None:
        insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
        inserted = conn.execute(
            insert(meta).values(key=key, value=new)
            .on_conflict_do_nothing(index_elements=["key"]).returning(meta.c.key)
        ).first()
        return inserted is not None
    else:
        result = conn.execute(
            update(meta).where(meta.c.key == key, meta.c.value == old).values(value=new)
        )
    return result.rowcount == 1


def groups_since(
    conn: Connection, site_id: int, since: datetime, public_url: str
) -> list[dict[str, Any]]:
    g, a, r = schema.report_groups, schema.articles, schema.reports
    new_reports = (
        select(func.count())
        .where(r.c.group_id == g.c.id, r.c.created_at > since)
        .scalar_subquery()
    )
    rows = conn.execute(
        select(g.c.id, g.c.status, g.c.exact, g.c.reporter_count, a.c.url, a.c.title,
               new_reports.label("new_reports"))
        .join(a, a.c.id == g.c.article_id)
        .where(g.c.site_id == site_id, g.c.last_reported_at > since,
               g.c.status != ReportStatus.SPAM.value)
        .order_by(g.c.reporter_count.desc(), g.c.id)
        .limit(MAX_GROUPS)
    )
    base = public_url.rstrip("/")
    return [
        {"id": row.id, "status": row.status, "exact": row.exact,
         "reporter_count": row.reporter_count, "new_reports": row.new_reports,
         "article": {"url": row.url, "title": row.title},
         "dashboard_url": f"{base}/groups/{row.id}"}
        for row in rows
    ]


def has_digest_channels(conn: Connection) -> bool:
    """Whether any enabled email channel might want a digest (a read, before writing)."""
    c = schema.channels
    rows = conn.execute(
        select(c.c.config).where(c.c.kind == "email", c.c.enabled.is_(True))
    ).scalars()
    return any((config or {}).get("digest") for config in rows)


def enqueue_due(
    conn: Connection, now: datetime, every: timedelta, public_url: str = ""
) -> list[int]:
    """Queue the digests that are due; returns the new outbox ids."""
    c, s = schema.channels, schema.sites
    channels = conn.execute(
        select(c.c.id, c.c.site_id, c.c.config, c.c.created_at, s.c.key, s.c.name)
        .join(s, s.c.id == c.c.site_id)
        .where(c.c.kind == "email", c.c.enabled.is_(True))
    ).all()
    queued: list[int] = []
    for row in channels:
        if not (row.config or {}).get("digest"):
            continue
        key = f"digest:{row.id}"
        old = conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == key)).scalar()
        since = datetime.fromisoformat(old) if old else _aware(row.created_at)
        if now - since < every or not _advance(conn, key, old, now.isoformat()):
            continue
        groups = groups_since(conn, row.site_id, since, public_url)
        if not groups:
            continue
        payload = {
            "site": {"key": row.key, "name": row.name},
            "since": since.isoformat(), "until": now.isoformat(), "groups": groups,
        }
        queued += outbox.enqueue(conn, row.site_id, EventType.DIGEST, payload, channel_id=row.id)
    return queued


def render_email(payload: dict[str, Any]) -> tuple[str, str, str]:
    """Subject, text and HTML of a digest email."""
    site = str((payload.get("site") or {}).get("name", ""))
    groups: list[dict[str, Any]] = payload.get("groups") or []
    subject = f"[{site}] Daily digest: {len(groups)} reported passage(s)"
    lines = [f"{site}: reports since {payload.get('since', '')[:16]} UTC", ""]
    items = []
    for group in groups:
        article = group.get("article") or {}
        quote = " ".join(str(group.get("exact", "")).split())[:200]
        counts = f"{group.get('reporter_count', 0)} reader(s), {group.get('new_reports', 0)} new"
        lines += [f"- \"{quote}\" ({counts}; {group.get('status', '')})",
                  f"  {article.get('title') or article.get('url', '')}",
                  f"  {group.get('dashboard_url', '')}"]
        e = html.escape
        items.append(
            f"<li><mark>{e(quote)}</mark> ({e(counts)}; {e(str(group.get('status', '')))})"
            f"<br>{e(str(article.get('title') or article.get('url', '')))}"
            f"<br><a href=\"{e(str(group.get('dashboard_url', '')))}\">Open in copydesk</a></li>"
        )
    text = "\n".join(lines) + "\n"
    body = (f"<!doctype html>\n<html><body>\n<p>{html.escape(lines[0])}</p>\n<ul>\n"
            + "\n".join(items) + "\n</ul>\n</body></html>\n")
    return subject, text, body
