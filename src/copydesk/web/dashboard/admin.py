"""Admin pages: users (add, disable, sites), sites (add, key, embed snippet), audit log."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select
from starlette.responses import Response

from copydesk import accounts, i18n, sites
from copydesk.i18n import N_, Text
from copydesk.models import Role, Site
from copydesk.storage import schema
from copydesk.web.dashboard import hashing, params
from copydesk.web.dashboard.admin_common import back
from copydesk.web.dashboard.security import Visit, page
from copydesk.web.dashboard.templates import render

AUDIT_PAGE = 100
#: The longest site name and key the sites table takes.
NAME_MAX, KEY_MAX = 200, 64


def _back(visit: Visit, path: str, notice: str) -> Response:
    return back(visit, path, notice)


@page(admin=True)
async def users_page(visit: Visit) -> Response:
    def run(conn: Connection) -> tuple[list[accounts.User], list[Site]]:
        return accounts.all_users(conn), sites.all_sites(conn)

    users, all_sites = await visit.ctx.db.read(run)
    return render("dashboard/users.html",
                  flash=visit.flash, user=visit.user, csrf_token=visit.session.csrf_token,
                  users=users, sites=all_sites, roles=[r.value for r in Role])


@page(admin=True)
async def add_user(visit: Visit) -> Response:
    form = visit.form
    email = params.text(form.get("email"), "email")
    password = params.text(form.get("password"), "password")
    site_keys = params.texts(form.getlist("site"), "site")
    role_text = form.get("role")
    if role_text not in {r.value for r in Role}:
        return _back(visit, "/admin/users", N_("Choose a role."))

    try:  # hashing runs on the hashing thread, outside the write job
        await hashing.run(accounts.add_user, visit.ctx.db, email, password,
                                Role(role_text), site_keys)
    except accounts.AccountError as exc:
        return _back(visit, "/admin/users", i18n.say(exc))
    return _back(visit, "/admin/users", Text(N_("Added %(email)s."),
                                                   email=accounts.normalise_email(email)))


def _missing_sites(conn: Connection, site_ids: list[int]) -> list[int]:
    """The ids among ``site_ids`` that name no site (their rows would break the foreign
    key); checked here because ``accounts.set_sites`` takes ids as given."""
    s = schema.sites
    found = set(conn.execute(select(s.c.id).where(s.c.id.in_(site_ids))).scalars())
    return sorted(set(site_ids) - found)


@page(admin=True)
async def update_user(visit: Visit) -> Response:
    form = visit.form
    user_id = params.path_id(visit.request, "user_id")
    site_ids = params.parse_ids(form.getlist("site_id"), "site_id", limit=10_000)
    me = visit.user.id

    def run(conn: Connection) -> str:
        target = accounts.by_id(conn, user_id)
        if target is None:
            return N_("No such user.")
        action = form.get("action")
        if action in {"disable", "enable"}:
            if target.id == me:
                return N_("You cannot disable yourself.")
            accounts.set_disabled(conn, target.email, action == "disable")
            return Text(N_("%(email)s disabled.") if action == "disable"
                        else N_("%(email)s enabled."), email=target.email)
        if action == "role":
            role_text = form.get("role")
            if role_text not in {r.value for r in Role}:
                return N_("Choose a role.")
            if target.id == me:
                return N_("You cannot change your own role.")
            try:
                accounts.set_role(conn, target.email, Role(role_text))
            except accounts.AccountError as exc:
                return i18n.message(exc)
            return Text(N_("%(email)s is now %(role)s."), email=target.email,
                        role=Text(i18n.ROLE_LABELS[role_text]))
        if action == "sites":
            missing = _missing_sites(conn, site_ids)
            if missing:
                return Text(N_("No site %(ids)s; nothing changed."),
                            ids=", ".join(map(str, missing)))
            accounts.set_sites(conn, target.id, site_ids)
            return Text(N_("Sites of %(email)s saved."), email=target.email)
        return N_("Unknown action.")

    return _back(visit, "/admin/users", await visit.ctx.db.write(run))


def embed_snippet(base_url: str, key: str) -> str:
    return f'<script src="{base_url}/widget.js" data-site="{key}" async></script>'


@page(admin=True)
async def sites_page(visit: Visit) -> Response:
    all_sites = await visit.ctx.db.read(sites.all_sites)
    request = visit.request
    base = visit.ctx.settings.public_url.rstrip("/") or f"{request.url.scheme}://" \
        f"{request.headers.get('host', request.url.netloc)}"
    snippets = {s.key: embed_snippet(base, s.key) for s in all_sites}
    return render("dashboard/sites.html",
                  flash=visit.flash, user=visit.user, csrf_token=visit.session.csrf_token,
                  sites=all_sites, snippets=snippets)


@page(admin=True)
async def add_site(visit: Visit) -> Response:
    form = visit.form
    name = params.text(form.get("name"), "name", NAME_MAX)
    key = params.text(form.get("key"), "key", KEY_MAX)
    origins = [o for o in params.text(form.get("origins"), "origins").replace(",", " ").split()
               if o]

    def run(conn: Connection) -> str:
        try:
            created = sites.create(conn, name, origins, key or None)
        except sites.SiteError as exc:
            return i18n.message(exc)
        return Text(N_("Added %(name)s: key %(key)s."), name=created.name, key=created.key)

    notice = await visit.ctx.db.write(run)
    visit.ctx.sites.clear()
    return _back(visit, "/admin/sites", notice)


@page(admin=True)
async def audit_page(visit: Visit) -> Response:
    before = params.optional_id(visit.request.query_params.get("before", ""), "before")

    def run(conn: Connection) -> list[dict[str, Any]]:
        al, s = schema.audit_log, schema.sites
        query = (select(al, s.c.key.label("site_key"))
                 .outerjoin(s, s.c.id == al.c.site_id)
                 .order_by(al.c.id.desc()).limit(AUDIT_PAGE))
        if before is not None:
            query = query.where(al.c.id < before)
        return [dict(r) for r in conn.execute(query).mappings()]

    rows = await visit.ctx.db.read(run)
    older = f"/admin/audit?before={rows[-1]['id']}" if len(rows) == AUDIT_PAGE else ""
    return render("dashboard/audit.html",
                  flash=visit.flash, user=visit.user, csrf_token=visit.session.csrf_token,
                  rows=rows, older=older)
