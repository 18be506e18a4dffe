"""Silent edits, for the standards editor: significant changes to published articles
that no correction accounts for.

Corrections are not recorded yet, so for now every significant version that follows
an earlier version of the same article counts (the first version is what was
published, not an edit).  Filtered by site (a key of the user's sites, through
:func:`.params.choice`), newest first, in pages cut by keyset (``before``, a version
id), each linking to its diff against the version before it.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import aliased
from starlette.responses import Response

from copydesk.storage import schema
from copydesk.web.dashboard import params
from copydesk.web.dashboard.listing import visible_sites
from copydesk.web.dashboard.security import Visit, page
from copydesk.web.dashboard.templates import render

PAGE_SIZE = 50


def silent_edits(conn: Connection, site_ids: list[int], *, before: int | None = None,
                 limit: int = PAGE_SIZE) -> list[dict[str, Any]]:
    """Significant versions after an article's first, of these sites, newest first;
    each with ``previous_id`` (the version it changed)."""
    v, a, s = schema.article_versions, schema.articles, schema.sites
    prev = aliased(v)
    previous = (select(func.max(prev.c.id))
                .where(prev.c.article_id == v.c.article_id, prev.c.id < v.c.id)
                .scalar_subquery())
    query = (
        select(v.c.id, v.c.article_id, v.c.fetched_at, v.c.headline, v.c.extractor,
               a.c.title, a.c.url, s.c.key.label("site_key"), s.c.name.label("site_name"),
               previous.label("previous_id"))
        .join(a, a.c.id == v.c.article_id).join(s, s.c.id == a.c.site_id)
        .where(v.c.significant.is_(True), previous.is_not(None),
               a.c.site_id.in_(site_ids) if site_ids else v.c.id < 0)
        .order_by(v.c.id.desc()).limit(limit)
    )
    if before is not None:
        query = query.where(v.c.id < before)
    return [dict(r) for r in conn.execute(query).mappings()]


@page()
async def silent_edits_page(visit: Visit) -> Response:
    user, query = visit.user, visit.request.query_params
    before = params.optional_id(query.get("before", ""), "before")

    def run(conn: Connection) -> tuple[list[Any], str, list[dict[str, Any]]]:
        choices = visible_sites(conn, user)
        key = params.choice(query.get("site", ""), "site", [s.key for s in choices], "")
        ids = [s.id for s in choices if not key or s.key == key]
        return choices, key, silent_edits(conn, ids, before=before, limit=PAGE_SIZE + 1)

    choices, key, rows = await visit.ctx.db.read(run)
    older = ""
    if len(rows) > PAGE_SIZE:
        rows = rows[:PAGE_SIZE]
        older = "/silent-edits?" + urlencode({k: v for k, v in
                                              {"site": key, "before": rows[-1]["id"]}.items()
                                              if v})
    return render("dashboard/silent.html", user=user, csrf_token=visit.session.csrf_token,
                  sites=choices, site_key=key, rows=rows, older=older)
