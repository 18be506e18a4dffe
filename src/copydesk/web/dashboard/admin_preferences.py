"""Each editor's own notifications (``/account/notifications``): per site of theirs,
"e-mail me", which events, digest or immediate (:mod:`copydesk.preferences`)."""

from __future__ import annotations

from sqlalchemy import Connection
from starlette.responses import Response

from copydesk import i18n, preferences, sites
from copydesk.i18n import N_, Text
from copydesk.models import Site
from copydesk.web.dashboard import params
from copydesk.web.dashboard.admin_common import audit, back
from copydesk.web.dashboard.security import Visit, page
from copydesk.web.dashboard.templates import render

PATH = "/account/notifications"


@page()
async def preferences_page(visit: Visit) -> Response:
    user = visit.user

    def run(conn: Connection) -> tuple[list[Site], dict[int, preferences.Preference]]:
        mine = [s for s in sites.all_sites(conn) if user.can_see(s.id)]
        return mine, preferences.of_user(conn, user.id)

    mine, chosen = await visit.ctx.db.read(run)
    return render("dashboard/preferences.html", flash=visit.flash, user=user,
                  csrf_token=visit.session.csrf_token, sites=mine, chosen=chosen,
                  choices=[e.value for e in preferences.CHOICES],
                  )


@page()
async def save_preferences(visit: Visit) -> Response:
    form, user = visit.form, visit.user
    site_id = params.parse_id(form.get("site_id"), "site_id")
    events = params.texts(form.getlist("event"), "event", 64)
    mode = params.choice(form.get("mode"), "mode", ("immediate", "digest"), "immediate")
    on = form.get("on") == "yes"
    allow_private = visit.ctx.settings.allow_private_targets

    def run(conn: Connection) -> str:
        site = sites.by_id(conn, site_id)
        if site is None or not user.can_see(site_id):
            return N_("No such site.")
        try:
            saved = preferences.save(conn, user, site_id, on=on, events=events,
                                     digest=mode == "digest", allow_private=allow_private)
        except (preferences.PreferenceError, ValueError) as exc:
            return i18n.message(exc)
        audit(conn, user, "preferences.save", site_id=site_id,
              to_value="off" if saved is None else mode,
              note="" if saved is None else " ".join(sorted(saved.events)))
        return (Text(N_("%(site)s: no e-mail to you."), site=site.name) if saved is None
                else Text(N_("%(site)s: e-mail to %(email)s saved."), site=site.name,
                          email=user.email))

    return back(visit, PATH, await visit.ctx.db.write(run))
