"""A site's newsroom dictionary in the dashboard: list, add and remove words.

Editors of a site (and admins) keep its dictionary; the spelling rule accepts these
words on the next proofreading of an article, and the group page stops showing
spelling findings for them at once.  The same functions back ``copydesk words``.
"""

from __future__ import annotations

from urllib.parse import urlencode

from sqlalchemy import Connection
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from copydesk import sites
from copydesk.models import Site
from copydesk.proofread import dictionary
from copydesk.web.dashboard import params
from copydesk.web.dashboard.security import Visit, page
from copydesk.web.dashboard.templates import render


def _site_of(visit: Visit) -> int:
    return params.path_id(visit.request, "site_id")


@page()
async def words_page(visit: Visit) -> Response:
    site_id = _site_of(visit)
    if not visit.user.can_see(site_id):
        return PlainTextResponse("Not found", status_code=404)

    def run(conn: Connection) -> tuple[Site | None, list[str]]:
        return sites.by_id(conn, site_id), dictionary.list_words(conn, site_id)

    site, words = await visit.ctx.db.read(run)
    if site is None:
        return PlainTextResponse("Not found", status_code=404)
    return render("dashboard/words.html", user=visit.user, csrf_token=visit.session.csrf_token,
                  site=site, words=words,
                  notice=visit.request.query_params.get("notice", "")[:200])


@page()
async def change_words(visit: Visit) -> Response:
    site_id = _site_of(visit)
    if not visit.user.can_see(site_id):
        return PlainTextResponse("Not found", status_code=404)
    form = visit.form
    words = params.text(form.get("words"), "words").replace(",", " ").split()
    remove = form.get("action") == "remove"

    def run(conn: Connection) -> str:
        if sites.by_id(conn, site_id) is None:
            return "No such site."
        try:
            if remove:
                gone = dictionary.remove_words(conn, site_id, words)
                return f"Removed {gone} word(s)."
            added = dictionary.add_words(conn, site_id, words)
        except dictionary.DictionaryError as exc:
            return str(exc)
        return f"Added {', '.join(added)}." if added else "Already in the dictionary."

    notice = await visit.ctx.db.write(run)
    back = params.local_path(form.get("next"), f"/sites/{site_id}/words")
    separator = "&" if "?" in back else "?"
    return RedirectResponse(f"{back}{separator}{urlencode({'notice': notice})}",
                            status_code=303)
