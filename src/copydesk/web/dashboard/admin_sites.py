"""Admin: one site's settings — name and origins, key rotation with an overlap, exclude
selectors, removal (after typing the site's name).  Every change is audited."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection
from starlette.responses import Response

from copydesk import i18n, sites
from copydesk.i18n import N_, Text
from copydesk.proofread import dictionary
from copydesk.web.dashboard import errorpage, params
from copydesk.web.dashboard.admin_common import audit, back
from copydesk.web.dashboard.security import Visit, page
from copydesk.web.dashboard.templates import render

#: The overlap offered by default after a key rotation, in days.
KEY_OVERLAP_DAYS = 30
ORIGINS_MAX, SELECTORS_MAX = 20_000, 60_000
# The site's English variant for spelling; "auto": the page's lang, else the text's own.
VARIANT_CHOICES = ("auto", "en-US", "en-GB", "en-AU", "en-CA")
# The site's Ukrainian orthography; "setting": COPYDESK_UK_ORTHOGRAPHY's (2019 by default).
ORTHOGRAPHY_CHOICES = ("setting", "2019", "kharkiv")


def _path(site_id: int) -> str:
    return f"/admin/sites/{site_id}"


def _values(conn: Connection, site_id: int) -> dict[str, Any] | None:
    site = sites.by_id(conn, site_id)
    if site is None:
        return None
    return {"site": site, "keys": sites.key_state(conn, site_id),
            "selectors": sites.exclude_selectors(conn, site_id),
            "variant": sites.english_variant(conn, site_id) or "auto",
            "variants": VARIANT_CHOICES,
            "orthography": dictionary.orthography_entry(conn, site_id) or "setting",
            "orthographies": ORTHOGRAPHY_CHOICES,
            "contents": sites.contents(conn, site_id)}


def _page(visit: Visit, values: dict[str, Any], status_code: int = 200,
          errors: dict[str, str] | None = None, form: dict[str, str] | None = None
          ) -> Response:
    return render("dashboard/admin_site.html",
                  flash=visit.flash, status_code=status_code, user=visit.user,
                  csrf_token=visit.session.csrf_token, errors=errors or {},
                  form=form or {}, overlap_days=KEY_OVERLAP_DAYS,
                  **values)


@page(admin=True)
async def site_page(visit: Visit) -> Response:
    site_id = params.path_id(visit.request, "site_id")
    values = await visit.ctx.db.read(lambda conn: _values(conn, site_id))
    if values is None:
        raise errorpage.not_found("site")
    return _page(visit, values)


def _origins(raw: str) -> list[str]:
    return [o for o in raw.replace(",", " ").split() if o]


@page(admin=True)
async def change_site(visit: Visit) -> Response:
    """``action``: ``edit`` (name, origins), ``rotate`` (days), ``exclude`` (selectors),
    ``variant`` (the English variant proofreading spells by)."""
    site_id = params.path_id(visit.request, "site_id")
    form, user = visit.form, visit.user
    action = params.choice(form.get("action"), "action",
                           ("edit", "rotate", "exclude", "variant", "orthography"), "")
    variant = params.choice(form.get("variant"), "variant", VARIANT_CHOICES, "auto")
    orthography = params.choice(form.get("orthography"), "orthography", ORTHOGRAPHY_CHOICES,
                                "setting")
    name = params.text(form.get("name"), "name", sites.NAME_MAX)
    origins = _origins(params.text(form.get("origins"), "origins", ORIGINS_MAX))
    selectors = params.text(form.get("selectors"), "selectors", SELECTORS_MAX).splitlines()
    days_text = form.get("days", str(KEY_OVERLAP_DAYS)).strip()

    def run(conn: Connection) -> tuple[str, str]:
        """(notice, the field in error or "")."""
        site = sites.by_id(conn, site_id)
        if site is None:
            return N_("No such site."), "site"
        try:
            if action == "edit":
                changed = sites.update_site(conn, site_id, name, origins)
                audit(conn, user, "site.edit", site_id=site_id, from_value=site.name,
                      to_value=changed.name, note="origins: " + " ".join(changed.origins))
                return Text(N_("Saved %(name)s."), name=changed.name), ""
            if action == "rotate":
                if not (days_text.isascii() and days_text.isdigit()):
                    return N_("The overlap is a whole number of days."), "days"
                state = sites.rotate_key(conn, site_id, int(days_text))
                audit(conn, user, "site.key_rotate", site_id=site_id, from_value=site.key,
                      to_value=state.key, note=f"old key works for {int(days_text)} days")
                return Text(N_("New key %(key)s; the old key %(old)s works for %(days)s more "
                               "days."), key=state.key, old=site.key, days=int(days_text)), ""
            if action == "variant":
                before = sites.english_variant(conn, site_id) or "auto"
                sites.set_english_variant(conn, site.key, variant)
                audit(conn, user, "site.variant", site_id=site_id, from_value=before,
                      to_value=variant)
                return Text(N_("English spelling: %(variant)s."), variant=variant), ""
            if action == "orthography":
                was = dictionary.orthography_entry(conn, site_id) or "setting"
                dictionary.set_orthography(
                    conn, site_id, None if orthography == "setting" else orthography)
                audit(conn, user, "site.orthography", site_id=site_id, from_value=was,
                      to_value=orthography)
                return Text(N_("Ukrainian orthography: %(choice)s."), choice=orthography), ""
            if action == "exclude":
                kept = sites.set_exclude_selectors(conn, site_id, selectors)
                audit(conn, user, "site.exclude_selectors", site_id=site_id,
                      to_value=str(len(kept)), note="\n".join(kept))
                return Text(N_("%(count)s exclude selector(s) saved."), count=len(kept)), ""
        except sites.SiteError as exc:
            return i18n.message(exc), {"edit": "name", "rotate": "days"}.get(action, "selectors")
        return N_("Unknown action."), "action"

    notice, field = await visit.ctx.db.write(run)
    visit.ctx.sites.clear()
    if field == "site":
        raise errorpage.not_found("site")
    if not field:
        return back(visit, _path(site_id), notice)
    values = await visit.ctx.db.read(lambda conn: _values(conn, site_id))
    if values is None:
        raise errorpage.not_found("site")
    shown = {"name": name, "origins": form.get("origins"), "selectors": form.get("selectors"),
             "days": days_text, "action": action}
    return _page(visit, values, 400, {field: notice}, shown)


@page(admin=True)
async def remove_page(visit: Visit) -> Response:
    site_id = params.path_id(visit.request, "site_id")
    values = await visit.ctx.db.read(lambda conn: _values(conn, site_id))
    if values is None:
        raise errorpage.not_found("site")
    return render("dashboard/admin_site_remove.html",
                  flash=visit.flash, user=visit.user,
                  csrf_token=visit.session.csrf_token, error="", **values)


@page(admin=True)
async def remove(visit: Visit) -> Response:
    site_id = params.path_id(visit.request, "site_id")
    typed = params.text(visit.form.get("confirm_name"), "confirm_name", sites.NAME_MAX)
    user = visit.user

    def run(conn: Connection) -> str | None:
        """None when removed, else why not."""
        site = sites.by_id(conn, site_id)
        if site is None:
            return N_("No such site.")
        if typed.strip() != site.name:
            return N_("Type the site's name exactly to remove it.")
        counts = sites.contents(conn, site_id)
        sites.remove(conn, site_id)
        # The site's own audit rows go with it: this one names it and stays.
        audit(conn, user, "site.remove", from_value=site.key, note=(
            f"{site.name}: {counts.groups} groups, {counts.reports} reports, "
            f"{counts.channels} channels, {counts.articles} articles"))
        return None

    refused = await visit.ctx.db.write(run)
    visit.ctx.sites.clear()
    if refused is None:
        return back(visit, "/admin/sites", N_("Site removed."))
    values = await visit.ctx.db.read(lambda conn: _values(conn, site_id))
    if values is None:
        raise errorpage.not_found("site")
    return render("dashboard/admin_site_remove.html",
                  flash=visit.flash, status_code=400, user=user,
                  csrf_token=visit.session.csrf_token, error=refused, **values)
