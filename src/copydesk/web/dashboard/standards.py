"""The standards view: what lacks a notice on a site — silent edits (significant
changes no published correction explains: :func:`copydesk.versions.edits.silent_edits`)
and groups marked fixed with no notice (:func:`copydesk.corrections.gaps`); each with a
way to write the correction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection
from starlette.responses import Response

from copydesk.corrections import gaps
from copydesk.versions import edits
from copydesk.web.dashboard import params
from copydesk.web.dashboard.listing import visible_sites
from copydesk.web.dashboard.security import Visit, page
from copydesk.web.dashboard.templates import render

#: Most rows of each list.
SHOWN = 100


@page()
async def standards_page(visit: Visit) -> Response:
    user, query = visit.user, visit.request.query_params

    def run(conn: Connection) -> dict[str, Any]:
        choices = visible_sites(conn, user)
        key = params.choice(query.get("site", ""), "site", [s.key for s in choices],
                            choices[0].key if choices else "")
        site = next((s for s in choices if s.key == key), None)
        return {
            "sites": choices, "site": site,
            "silent": edits.silent_edits(conn, site.id, limit=SHOWN) if site else [],
            "gaps": gaps.fixed_without_notice(conn, site.id, limit=SHOWN) if site else [],
        }

    found = await visit.ctx.db.read(run)
    return render("dashboard/corrections_standards.html", user=user,
                  csrf_token=visit.session.csrf_token, **found)
