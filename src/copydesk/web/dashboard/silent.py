"""Silent edits, for the standards editor: significant changes to articles after they
were first seen that no correction explains (:mod:`copydesk.versions.edits`, which says
which versions count and, once corrections exist, which are explained).

Filtered by site (a key of the user's sites, through :func:`.params.choice`) and by the
day from which (``since``); the newest :data:`SHOWN` are listed, each with its summary
and a link to its diff against the version before it.
"""

from __future__ import annotations

from datetime import UTC, datetime, time

from sqlalchemy import Connection
from starlette.responses import Response

from copydesk.accounts import User
from copydesk.models import Site
from copydesk.versions import edits
from copydesk.web.dashboard import params
from copydesk.web.dashboard.listing import visible_sites
from copydesk.web.dashboard.security import Visit, page
from copydesk.web.dashboard.templates import render

#: Most silent edits listed at once (narrow with ``since`` or the site).
SHOWN = 100


def listing(conn: Connection, user: User, key: str, since: datetime | None
            ) -> tuple[list[Site], list[tuple[Site, edits.SilentEdit]]]:
    """The user's sites and the silent edits of the chosen one (all of them for ""),
    newest first, each with its site; ``key`` not one of the user's sites is refused
    (400)."""
    choices = visible_sites(conn, user)
    key = params.choice(key, "site", [s.key for s in choices], "")
    found: list[tuple[Site, edits.SilentEdit]] = []
    for site in choices:
        if not key or site.key == key:
            found.extend((site, e) for e in
                         edits.silent_edits(conn, site.id, since=since, limit=SHOWN))
    found.sort(key=lambda pair: (pair[1].at, pair[1].version_id), reverse=True)
    return choices, found[:SHOWN]


@page()
async def silent_edits_page(visit: Visit) -> Response:
    user, query = visit.user, visit.request.query_params
    day = params.optional_date(query.get("since", ""), "since")
    since = datetime.combine(day, time(), UTC) if day else None
    key = query.get("site", "")
    choices, rows = await visit.ctx.db.read(lambda conn: listing(conn, user, key, since))
    return render("dashboard/silent.html", user=user, csrf_token=visit.session.csrf_token,
                  sites=choices, site_key=key, since=day or "", rows=rows,
                  shown=SHOWN)
