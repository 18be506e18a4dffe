"""Silent edits: significant changes to a site's articles that no published correction
explains, listed for the standards editor.

A silent edit is a version whose ``significant`` flag is set (more than typography
changed: :func:`copydesk.versions.diff.significant`) and that follows an earlier version
of the same article; an article's first version is not an edit.  Each comes with the
version before it and a short summary of the change: words added and removed (folded as
:mod:`copydesk.versions.diff` compares them), whether the headline changed, and the
first changed stretch.

Corrections explain edits: :func:`explained` is the one place that says which versions
a published (not withdrawn) correction of the article covers, an ``EXISTS`` over
``corrections`` excluded from the listing in the same query (see its docstring and
docs/corrections.md).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from copydesk.storage import schema
from copydesk.versions.diff import Op, render, significant, word_diff, words

#: Characters of the first changed stretch kept in a summary.
EXCERPT = 160


@dataclass(frozen=True, slots=True)
class SilentEdit:
    article_id: int
    url: str
    title: str
    version_id: int  # the edited version
    previous_id: int  # the version before it
    at: datetime  # when the edited version was fetched
    added: int  # words
    removed: int
    headline_changed: bool
    excerpt: str  # the first changed stretch, "[-old-]{+new+}"

    @property
    def summary(self) -> str:
        parts = [f"+{self.added} -{self.removed} words"]
        if self.headline_changed:
            parts.append("headline changed")
        return "; ".join(parts)


def explained(version: Any, article: Any) -> ColumnElement[bool]:
    """Whether a published correction covers ``version`` of ``article`` (tables or
    aliases of ``article_versions`` and ``articles``): the corrections hook (see the
    module).  A published (not withdrawn) correction of the article covers the versions
    after the one it corrects (``corrects_version_id``; any when unset) fetched before
    it was published and, when no change after the corrected version had been seen by
    then, the first one fetched after (the fetch that sees the fix made with the
    correction).  Any later edit is silent again."""
    c, w = schema.corrections, schema.article_versions.alias("w")
    seen_since = (select(w.c.id).where(w.c.article_id == version.c.article_id,
                                       w.c.id < version.c.id,
                                       w.c.fetched_at > c.c.published_at).exists())
    fix_seen = (select(w.c.id).where(w.c.article_id == version.c.article_id,
                                     w.c.id > c.c.corrects_version_id, w.c.significant,
                                     w.c.fetched_at <= c.c.published_at).exists())
    return (select(c.c.id).where(
        c.c.article_id == article.c.id, c.c.status == "published",
        or_(c.c.corrects_version_id.is_(None), version.c.id > c.c.corrects_version_id),
        or_(version.c.fetched_at <= c.c.published_at,
            and_(~seen_since, or_(c.c.corrects_version_id.is_(None), ~fix_seen))),
    ).exists())


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def counts(old: str, new: str) -> tuple[int, int]:
    """Words added and removed from ``old`` to ``new`` (a replacement counts as both)."""
    a, b = words(old), words(new)
    added = removed = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            removed += i2 - i1
            added += j2 - j1
    return added, removed


def excerpt(old: str, new: str, limit: int = EXCERPT) -> str:
    """The first changed stretch as ``[-old-]{+new+}``, at most ``limit`` characters."""
    for op in word_diff(old, new):
        if op.kind != "equal":
            text = " ".join(render([Op(op.kind, op.old.strip(), op.new.strip())]).split())
            return text if len(text) <= limit else text[: limit - 1] + "…"
    return ""


def silent_edits(conn: Connection, site_id: int, *, since: datetime | None = None,
                 limit: int = 100) -> list[SilentEdit]:
    """The site's silent edits (see the module), newest first, at most ``limit``;
    with ``since``, only those fetched at or after it."""
    v, a = schema.article_versions, schema.articles
    p = schema.article_versions.alias("p")
    previous = (select(func.max(p.c.id)).where(p.c.article_id == v.c.article_id,
                                              p.c.id < v.c.id)
                .scalar_subquery())
    query = (
        select(v.c.id, v.c.article_id, v.c.fetched_at, previous.label("previous_id"),
               a.c.url, a.c.title)
        .join(a, a.c.id == v.c.article_id)
        .where(a.c.site_id == site_id, v.c.significant.is_(True), previous.is_not(None),
               ~explained(v, a))
        .order_by(v.c.fetched_at.desc(), v.c.id.desc())
        .limit(limit)
    )
    if since is not None:
        query = query.where(v.c.fetched_at >= since)
    rows = conn.execute(query).all()
    wanted = {int(r.id) for r in rows} | {int(r.previous_id) for r in rows}
    texts = {
        int(t.id): (str(t.text), str(t.headline), str(t.title))
        for t in conn.execute(select(v.c.id, v.c.text, v.c.headline, v.c.title)
                              .where(v.c.id.in_(wanted)))
    } if wanted else {}
    found: list[SilentEdit] = []
    for r in rows:
        old_text, old_headline, _ = texts[int(r.previous_id)]
        new_text, new_headline, new_title = texts[int(r.id)]
        added, removed = counts(old_text, new_text)
        found.append(SilentEdit(
            article_id=int(r.article_id), url=str(r.url), title=str(r.title) or new_title,
            version_id=int(r.id), previous_id=int(r.previous_id), at=_aware(r.fetched_at),
            added=added, removed=removed, headline_changed=significant(old_headline, new_headline),
            excerpt=excerpt(old_text, new_text) or excerpt(old_headline, new_headline),
        ))
    return found
