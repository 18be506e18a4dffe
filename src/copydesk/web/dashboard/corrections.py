"""Corrections in the dashboard: a site's list, writing one (from a group or for an
article, pre-filled by :mod:`copydesk.corrections.prefill`), editing, publishing and
withdrawing (:mod:`copydesk.corrections.store`: audited; publishing and withdrawing
need the site's standards role or an admin, 403 otherwise), and an admin's corrections
settings of a site (language of the public pages, policy address, announcements)."""

from __future__ import annotations

from typing import Any, NoReturn
from urllib.parse import urlencode

from sqlalchemy import Connection, select
from starlette.responses import Response

from copydesk import i18n
from copydesk.corrections import prefill, publicsite, reading, roles, store
from copydesk.corrections.model import TEXT_MAX, Kind, Placement, Severity, Status
from copydesk.storage import schema
from copydesk.triage import Actor
from copydesk.web.dashboard import errorpage, params
from copydesk.web.dashboard.forms import Form
from copydesk.web.dashboard.listing import visible_sites
from copydesk.web.dashboard.security import Visit, forbidden, page

KINDS = [k.value for k in Kind]
PLACEMENTS = [p.value for p in Placement]
SEVERITIES = [s.value for s in Severity]


def _not_found() -> NoReturn:
    """The styled 404 of the error path (:mod:`.errorpage`)."""
    raise errorpage.not_found("correction")


def _back(visit: Visit, target: str, refusal: str = "") -> Response:
    """A 303 to ``target``; a refusal is shown there once, as an error (:mod:`.flash`:
    never in the URL)."""
    return visit.redirect(target, refusal, "error")


def _fields(form: Form) -> store.Fields:
    return store.Fields(
        kind=Kind(params.choice(form.get("type"), "type", KINDS, Kind.CORRECTION.value)),
        text=params.text(form.get("text"), "text", TEXT_MAX),
        placement=Placement(params.choice(form.get("placement"), "placement", PLACEMENTS,
                                          Placement.BOTTOM.value)),
        severity=Severity(params.choice(form.get("severity"), "severity", SEVERITIES,
                                        Severity.MINOR.value)),
        corrects_version_id=params.optional_id(form.get("corrects_version_id"),
                                               "corrects_version_id"),
        late_reason=params.text(form.get("late_reason"), "late_reason", 2000),
    )


def _site_key(conn: Connection, site_id: int) -> str:
    return str(conn.execute(select(schema.sites.c.key)
                            .where(schema.sites.c.id == site_id)).scalar_one())


def _versions(conn: Connection, article_id: int) -> list[dict[str, Any]]:
    v = schema.article_versions
    return [dict(r) for r in conn.execute(
        select(v.c.id, v.c.fetched_at, v.c.significant).where(v.c.article_id == article_id)
        .order_by(v.c.id.desc()).limit(50)).mappings()]


@page()
async def list_page(visit: Visit) -> Response:
    user, query = visit.user, visit.request.query_params

    def run(conn: Connection) -> dict[str, Any]:
        choices = visible_sites(conn, user)
        key = params.choice(query.get("site", ""), "site", [s.key for s in choices],
                            choices[0].key if choices else "")
        site = publicsite.by_key(conn, key) if key else None
        items = reading.of_site(conn, site.id) if site else []
        return {"sites": choices, "site": site, "items": items,
                "can_publish": bool(site) and roles.can_publish(conn, user, site.id)
                if site else False}

    found = await visit.ctx.db.read(run)
    return visit.render("dashboard/corrections.html", **found)


@page()
async def new_page(visit: Visit) -> Response:
    user, query = visit.user, visit.request.query_params
    group_id = params.optional_id(query.get("group", ""), "group")
    article_id = params.optional_id(query.get("article", ""), "article")

    def run(conn: Connection) -> dict[str, Any] | None:
        a = schema.articles
        if group_id is not None:
            lang_of = select(schema.sites.c.public_lang).join(
                schema.report_groups, schema.report_groups.c.site_id == schema.sites.c.id
            ).where(schema.report_groups.c.id == group_id)
            lang = conn.execute(lang_of).scalar()
            draft = prefill.from_group(conn, group_id, str(lang or "en"))
        elif article_id is not None:
            draft = prefill.for_article(conn, article_id)
        else:
            draft = None
        if draft is None or not user.can_see(draft.site_id):
            return None
        article = conn.execute(select(a.c.url, a.c.title).where(a.c.id == draft.article_id)
                               ).one()
        return {"draft": draft, "article": article, "versions": _versions(
            conn, draft.article_id), "can_publish": roles.can_publish(conn, user, draft.site_id)}

    found = await visit.ctx.db.read(run)
    if found is None:
        return _not_found()
    return visit.render("dashboard/correction_new.html", kinds=KINDS, placements=PLACEMENTS,
                        severities=SEVERITIES, **found)


@page()
async def create(visit: Visit) -> Response:
    form = visit.form
    article_id = params.optional_id(form.get("article_id"), "article_id")
    group_id = params.optional_id(form.get("group_id"), "group_id")
    if article_id is None:
        raise params.InputError(400, "missing", "article_id is required", "article_id")
    fields = _fields(form)
    publish = form.get("action") == "publish"
    actor, public_url = Actor.of(visit.user), visit.ctx.settings.public_url

    def run(conn: Connection) -> int:
        new_id = store.draft(conn, actor, article_id, fields, group_id=group_id)
        if publish:
            store.publish(conn, actor, new_id, public_url=public_url)
        return new_id

    try:
        new_id = await visit.ctx.db.write(run)
    except store.NotFound:
        return _not_found()
    except store.Forbidden as exc:
        return forbidden(i18n.say(exc))
    except store.CorrectionError as exc:
        target = f"/corrections/new?group={group_id}" if group_id else \
            f"/corrections/new?article={article_id}"
        return _back(visit, target, i18n.say(exc))
    return _back(visit, f"/corrections/{new_id}")


@page()
async def correction_page(visit: Visit) -> Response:
    user, ident = visit.user, params.path_id(visit.request, "correction_id")

    def run(conn: Connection) -> dict[str, Any] | None:
        item = reading.get(conn, ident)
        if item is None or not user.can_see(item.site_id):
            return None
        al = schema.audit_log
        history = [dict(r) for r in conn.execute(
            select(al).where(al.c.site_id == item.site_id,
                             al.c.action.like("correction.%"),
                             (al.c.note == f"correction #{ident}")
                             | al.c.note.like(f"correction #{ident}: %"))
            .order_by(al.c.id)).mappings()]
        return {"c": item, "history": history, "versions": _versions(conn, item.article_id),
                "site_key": _site_key(conn, item.site_id),
                "can_publish": roles.can_publish(conn, user, item.site_id)}

    found = await visit.ctx.db.read(run)
    if found is None:
        return _not_found()
    return visit.render("dashboard/correction.html", kinds=KINDS, placements=PLACEMENTS,
                        severities=SEVERITIES, status=Status, **found)


async def _act(visit: Visit, ident: int, action: Any) -> Response:
    try:
        await visit.ctx.db.write(action)
    except store.NotFound:
        return _not_found()
    except store.Forbidden as exc:
        return forbidden(i18n.say(exc))
    except store.CorrectionError as exc:
        return _back(visit, f"/corrections/{ident}", i18n.say(exc))
    return _back(visit, f"/corrections/{ident}")


@page()
async def update(visit: Visit) -> Response:
    ident = params.path_id(visit.request, "correction_id")
    fields, actor = _fields(visit.form), Actor.of(visit.user)
    return await _act(visit, ident, lambda conn: store.edit(conn, actor, ident, fields))


@page()
async def publish(visit: Visit) -> Response:
    ident = params.path_id(visit.request, "correction_id")
    actor, public_url = Actor.of(visit.user), visit.ctx.settings.public_url
    return await _act(visit, ident, lambda conn: store.publish(conn, actor, ident,
                                                               public_url=public_url))


@page()
async def withdraw(visit: Visit) -> Response:
    ident = params.path_id(visit.request, "correction_id")
    note = params.text(visit.form.get("note"), "note", 2000)
    actor = Actor.of(visit.user)
    return await _act(visit, ident, lambda conn: store.withdraw(conn, actor, ident, note))


@page(admin=True)
async def site_settings(visit: Visit) -> Response:
    form = visit.form
    key = params.text(form.get("site"), "site", 64)
    lang = form.get("public_lang")
    policy = params.text(form.get("corrections_policy_url"), "corrections_policy_url", 2048)
    announce = form.get("announce_corrections") == "1"

    def run(conn: Connection) -> None:
        site = publicsite.by_key(conn, key)
        if site is None:
            raise store.NotFound(key)
        publicsite.configure(conn, site.id, lang=lang, policy_url=policy, announce=announce)

    target = "/corrections?" + urlencode({"site": key})
    try:
        await visit.ctx.db.write(run)
    except store.NotFound:
        return _not_found()
    except publicsite.SettingError as exc:
        return _back(visit, target, i18n.say(exc))
    return _back(visit, target)
