"""A site's newsroom dictionary in the dashboard: list, add and remove words.

Editors of a site (and admins) keep its dictionary; the spelling rule accepts these
words on the next proofreading of an article, and the group page stops showing
spelling findings for them at once.  The same functions back ``copydesk words``.

Every addition and removal writes an ``audit_log`` row (``dictionary.add``,
``dictionary.remove``, the words in its note) in the change's own job.  Made from a
group's page (the form names the finding's group in ``group_id``), the row carries that
group, so it is in the group's history; a group of another site is not linked.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Connection, select
from starlette.responses import Response

from copydesk import i18n, sites
from copydesk.accounts import User
from copydesk.models import Site
from copydesk.proofread import dictionary
from copydesk.storage import schema
from copydesk.web.dashboard import errorpage, params
from copydesk.web.dashboard.security import Visit, page


def _site_of(visit: Visit) -> int:
    return params.path_id(visit.request, "site_id")


def _audit(conn: Connection, user: User, action: str, site_id: int, group_id: int | None,
           words: list[str]) -> None:
    """The change's audit row; linked to ``group_id`` only when it is a group of the site."""
    g = schema.report_groups
    if group_id is not None and conn.execute(
        select(g.c.site_id).where(g.c.id == group_id)
    ).scalar() != site_id:
        group_id = None
    conn.execute(schema.audit_log.insert().values(
        user_id=user.id, actor=user.email, action=action, site_id=site_id, group_id=group_id,
        note=", ".join(words), created_at=datetime.now(UTC),
    ))


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
    group_id = params.optional_id(form.get("group_id"), "group_id")
    user = visit.user
    locale = i18n.current()  # the job runs on the writer's thread: say it in this language

    def run(conn: Connection) -> tuple[str, str]:
        with i18n.using(locale):
            return _change(conn)

    def _change(conn: Connection) -> tuple[str, str]:
        if sites.by_id(conn, site_id) is None:
            raise errorpage.not_found("site")
        try:
            if remove:
                kept = set(dictionary.list_words(conn, site_id))
                gone = [w for w in dict.fromkeys(map(dictionary.normalise_word, words))
                        if w in kept]
                dictionary.remove_words(conn, site_id, gone)
                if gone:
                    _audit(conn, user, "dictionary.remove", site_id, group_id, gone)
                return i18n.ngettext(
                    "Removed %(count)s word from the dictionary.",
                    "Removed %(count)s words from the dictionary.", len(gone),
                ) % {"count": len(gone)}, "ok"
            added = dictionary.add_words(conn, site_id, words)
        except dictionary.DictionaryError as exc:
            return errorpage.sentence(i18n.say(exc)), "error"
        if not added:
            return i18n.gettext("Already in the dictionary."), "ok"
        _audit(conn, user, "dictionary.add", site_id, group_id, added)
        return i18n.gettext("Added %(words)s to the dictionary.") % {
            "words": ", ".join(added)}, "ok"

    notice, kind = await visit.ctx.db.write(run)
    back = params.local_path(form.get("next"), f"/sites/{site_id}/words")
    return visit.redirect(back, notice, kind)
