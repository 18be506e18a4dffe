"""A site's newsroom dictionary in the dashboard: list, add and remove words.

Editors of a site (and admins) keep its dictionary; the spelling rule accepts these
words on the next proofreading of an article, and the group page stops showing
spelling findings for them at once.  The same functions back ``copydesk words``.
"""

from __future__ import annotations

from sqlalchemy import Connection
from starlette.responses import Response

from copydesk import sites
from copydesk.models import Site
from copydesk.proofread import dictionary
from copydesk.web.dashboard import errorpage, params
from copydesk.web.dashboard.security import Visit, page


def _site_of(visit: Visit) -> int:
    return params.path_id(visit.request, "site_id")


@page()
async def words_page(visit: Visit) -> Response:
    site_id = _site_of(visit)
    if not visit.user.can_see(site_id):
        raise errorpage.not_found("site")

    def run(conn: Connection) -> tuple[Site | None, list[str]]:
        return sites.by_id(conn, site_id), dictionary.list_words(conn, site_id)

    site, words = await visit.ctx.db.read(run)
    if site is None:
        raise errorpage.not_found("site")
    return visit.render("dashboard/words.html", site=site, words=words)


@page()
async def change_words(visit: Visit) -> Response:
    site_id = _site_of(visit)
    if not visit.user.can_see(site_id):
        raise errorpage.not_found("site")
    form = visit.form
    words = params.text(form.get("words"), "words").replace(",", " ").split()
    remove = form.get("action") == "remove"

    def run(conn: Connection) -> tuple[str, str]:
        if sites.by_id(conn, site_id) is None:
            raise errorpage.not_found("site")
        try:
            if remove:
                gone = dictionary.remove_words(conn, site_id, words)
                return f"Removed {gone} word(s) from the dictionary.", "ok"
            added = dictionary.add_words(conn, site_id, words)
        except dictionary.DictionaryError as exc:
            return errorpage.sentence(str(exc)), "error"
        if not added:
            return "Already in the dictionary.", "ok"
        return f"Added {', '.join(added)} to the dictionary.", "ok"

    notice, kind = await visit.ctx.db.write(run)
    back = params.local_path(form.get("next"), f"/sites/{site_id}/words")
    return visit.redirect(back, notice, kind)
