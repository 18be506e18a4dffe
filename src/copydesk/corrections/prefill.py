"""A correction's first draft from a reader's group: "An earlier version of this article
said X. It is Y." — X the reported quote, Y what the article reads there now when a fix
was detected (the anchor in the latest version), else the readers' most common
suggestion; and the version the correction corrects (the one before the fix)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from copydesk.corrections.strings import Strings
from copydesk.models import AnchorState
from copydesk.storage import schema

#: Longest quote or replacement put into a draft, in characters.
QUOTE_MAX = 300


@dataclass(frozen=True)
class Draft:
    site_id: int
    article_id: int
    group_id: int | None
    text: str
    corrects_version_id: int | None


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_MAX else text[: QUOTE_MAX - 1] + "…"


def _latest_version(conn: Connection, article_id: int, before: int | None = None
                    ) -> int | None:
    v = schema.article_versions
    query = select(func.max(v.c.id)).where(v.c.article_id == article_id)
    if before is not None:
        query = query.where(v.c.id < before)
    found = conn.execute(query).scalar()
    return None if found is None else int(found)


def _suggestion(conn: Connection, group_id: int) -> str:
    r = schema.reports
    found = Counter(s.strip() for s in conn.execute(
        select(r.c.suggestion).where(r.c.group_id == group_id, r.c.spam_reason.is_(None))
        .limit(1000)).scalars() if s and s.strip())
    return found.most_common(1)[0][0] if found else ""


def from_group(conn: Connection, group_id: int, lang: str) -> Draft | None:
    """The first draft for ``group_id`` in the site's language (None: no such group)."""
    g, v = schema.report_groups, schema.article_versions
    group = conn.execute(select(g).where(g.c.id == group_id)).mappings().first()
    if group is None:
        return None
    right = ""
    corrects = None
    version_id = group["anchor_version_id"]
    if group["anchor_state"] == AnchorState.FIXED.value and version_id is not None:
        text = conn.execute(select(v.c.text).where(v.c.id == version_id)).scalar()
        start, end = group["anchor_start"], group["anchor_end"]
        if text is not None and start is not None and end is not None:
            right = str(text)[int(start):int(end)]
        corrects = _latest_version(conn, int(group["article_id"]), before=int(version_id))
    else:
        corrects = _latest_version(conn, int(group["article_id"]))
    right = right or _suggestion(conn, group_id) or "…"
    text = Strings(lang).say("earlier_said", wrong=_clip(str(group["exact"])),
                             right=_clip(right))
    return Draft(int(group["site_id"]), int(group["article_id"]), group_id, text, corrects)


def for_article(conn: Connection, article_id: int) -> Draft | None:
    """An empty draft for an article (None: no such article)."""
    a = schema.articles
    site_id = conn.execute(select(a.c.site_id).where(a.c.id == article_id)).scalar()
    if site_id is None:
        return None
    return Draft(int(site_id), article_id, None, "", _latest_version(conn, article_id))
