"""A report group's page: the quote in context, suggestions, comments, history, findings,
where the quote stands in the article's latest version; and its actions (status with
note, reopen, duplicate, assign, confirm a detected fix)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

from sqlalchemy import Connection, func, select
from starlette.datastructures import QueryParams
from starlette.responses import JSONResponse, Response

from copydesk import i18n, triage
from copydesk.accounts import User
from copydesk.i18n import N_, Text
from copydesk.models import ReportStatus, Role
from copydesk.proofread import dictionary
from copydesk.readers.words import Reason
from copydesk.storage import schema
from copydesk.web.dashboard import errorpage, flash, listing, params, queue, quoting
from copydesk.web.dashboard.security import Visit, page

REPORTS_SHOWN = 200


@dataclass
class Detail:
    group: dict[str, Any]
    reports: list[dict[str, Any]]
    history: list[dict[str, Any]]
    findings: list[dict[str, Any]]
    article_groups: list[dict[str, Any]]
    editors: list[User]
    #: The version the quote was last checked against, and the one before it.
    anchor: dict[str, Any] | None = None
    #: The article's latest version: its id and text ("" when none was fetched).
    version_id: int | None = None
    article_text: str = ""


def _group(conn: Connection, group_id: int, *, versions: bool = False
           ) -> dict[str, Any] | None:
    """The group with its article, site and assignee; with ``versions``, also in the
    same statement: the article's latest version (``latest_id``, ``latest_text``), and
    the version the group was last re-anchored in (``anchor_fetched_at``) with the one
    before it (``anchor_previous_id``)."""
    g, a, s, u = schema.report_groups, schema.articles, schema.sites, schema.users
    columns: list[Any] = [g, a.c.url.label("article_url"), a.c.title.label("article_title"),
                          s.c.key.label("site_key"), s.c.name.label("site_name"),
                          u.c.email.label("assignee")]
    if versions:
        v = schema.article_versions
        # An alias of its own: inside the text's subquery, a subquery on
        # article_versions itself would be correlated to it.
        lv = v.alias("latest_version")
        latest = (select(func.max(lv.c.id)).where(lv.c.article_id == g.c.article_id)
                  .correlate(g).scalar_subquery())
        columns += [
            latest.label("latest_id"),
            select(v.c.text).where(v.c.id == latest).scalar_subquery().label("latest_text"),
            select(v.c.fetched_at).where(v.c.id == g.c.anchor_version_id)
            .scalar_subquery().label("anchor_fetched_at"),
            select(func.max(v.c.id)).where(v.c.article_id == g.c.article_id,
                                           v.c.id < g.c.anchor_version_id)
            .scalar_subquery().label("anchor_previous_id"),
        ]
    row = conn.execute(
        select(*columns)
        .join(a, a.c.id == g.c.article_id)
        .join(s, s.c.id == g.c.site_id)
        .outerjoin(u, u.c.id == g.c.assignee_id)
        .where(g.c.id == group_id)
    ).mappings().first()
    return dict(row) if row else None


def _editors(conn: Connection, site_id: int) -> list[User]:
    """The active users who may be assigned a group of the site (admins and the site's
    editors), in one statement."""
    u, us = schema.users, schema.user_sites
    rows = conn.execute(
        select(u.c.id, u.c.email, u.c.role, u.c.disabled, u.c.language, u.c.time_zone)
        .where(u.c.disabled.is_(False),
               (u.c.role == Role.ADMIN.value)
               | u.c.id.in_(select(us.c.user_id).where(us.c.site_id == site_id)))
        .order_by(u.c.email))
    return [User(int(r.id), str(r.email), Role(r.role), bool(r.disabled),
                 frozenset() if r.role == Role.ADMIN.value else frozenset({site_id}),
                 r.language, r.time_zone) for r in rows]


def load(conn: Connection, user: User, group_id: int) -> Detail | None:
    """Everything the group's page shows, in a fixed number of statements whatever the
    number of reports, findings, history rows, editors and other groups of the article
    (``tests/dashboard/test_statements.py``)."""
    group = _group(conn, group_id, versions=True)
    if group is None or not user.can_see(int(group["site_id"])):
        return None
    r, al, g, f = schema.reports, schema.audit_log, schema.report_groups, schema.findings
    reports = [dict(x) for x in conn.execute(
        select(r.c.id, r.c.created_at, r.c.suggestion, r.c.comment, r.c.url, r.c.spam_reason)
        .where(r.c.group_id == group_id).order_by(r.c.id).limit(REPORTS_SHOWN)
    ).mappings()]
    for item in reports:
        item["diff"] = quoting.word_diff(group["exact"], item["suggestion"]) \
            if item["suggestion"] else []
    history = [dict(x) for x in conn.execute(
        select(al).where(al.c.group_id == group_id).order_by(al.c.id)
    ).mappings()]
    article_groups = [dict(x) for x in conn.execute(
        select(g.c.id, g.c.status, g.c.exact, g.c.prefix, g.c.suffix, g.c.start, g.c.end)
        .where(g.c.article_id == group["article_id"], g.c.status != ReportStatus.SPAM.value)
        .order_by(g.c.id.desc()).limit(200)
    ).mappings()]
    version_id = int(group["latest_id"]) if group["latest_id"] is not None else None
    article_text = str(group["latest_text"] or "")
    findings: list[dict[str, Any]] = []
    if version_id is not None:
        findings = [dict(x) for x in conn.execute(
            select(f).where(f.c.version_id == version_id).order_by(f.c.start)).mappings()]
    if any(x["rule"] == "spelling" for x in findings):
        # Words the site's editors approved since the last proofreading are not mistakes.
        approved = {w.casefold() for w in dictionary.list_words(conn, int(group["site_id"]))}
        findings = [x for x in findings
                    if not (x["rule"] == "spelling" and str(x["text"]).casefold() in approved)]
    for finding in findings:
        finding["reported"] = quoting.overlaps(finding, article_groups, article_text)
    return Detail(group, reports, history, findings, article_groups,
                  _editors(conn, int(group["site_id"])), _anchor(group), version_id,
                  article_text)


def _anchor(group: dict[str, Any]) -> dict[str, Any] | None:
    """The version ``group`` was last re-anchored in (id, when seen) and the id of the
    version before it, for the diff link; None when it was never re-anchored."""
    version_id = group["anchor_version_id"]
    if not group["anchor_state"] or version_id is None:
        return None
    previous = group["anchor_previous_id"]
    return {"version_id": int(version_id), "fetched_at": group["anchor_fetched_at"],
            "previous_id": int(previous) if previous is not None else None}


def _not_found() -> errorpage.PageError:
    return errorpage.not_found("group")


def _group_id(visit: Visit) -> int:
    return params.path_id(visit.request, "group_id")


async def _show(visit: Visit, group_id: int, *, status_code: int = 200,
                error: str = "") -> Response:
    """The group's page; after a refused form post (``error``), with the message and
    the form's fields as they were sent."""
    user = visit.user
    back = params.local_path(visit.request.query_params.get("back", "")
                             or visit.form.get("back"), "/")

    def run(conn: Connection) -> tuple[Detail | None, tuple[int | None, int | None]]:
        found = load(conn, user, group_id)
        return found, (_neighbours(conn, user, found.group, back) if found else (None, None))

    detail, nearby = await visit.ctx.db.read(run)
    if detail is None:
        raise _not_found()
    g = detail.group
    sent = {"note": visit.form.get("note"), "duplicate_of": visit.form.get("duplicate_of")}
    message = flash.Flash(errorpage.sentence(error), "error") if error else visit.flash
    return visit.render(
        "dashboard/group.html", status_code=status_code, d=detail, g=g, sent=sent,
        flash=message, back=back, back_param=urlencode({"back": back}),
        next_url=_group_url(nearby[0], back), prev_url=_group_url(nearby[1], back),
        paragraph=_paragraph(g, detail),
        fragment_url=quoting.text_fragment_url(g["article_url"], g["exact"],
                                               g["prefix"], g["suffix"]),
        transitions=sorted(s.value for s in triage.TRANSITIONS[ReportStatus(g["status"])]),
    )


def _group_url(group_id: int | None, back: str) -> str:
    return f"/groups/{group_id}?{urlencode({'back': back})}" if group_id else ""


def _neighbours(conn: Connection, user: User, g: dict[str, Any], back: str
                ) -> tuple[int | None, int | None]:
    """The groups after and before ``g`` in the queue ``back`` points to (its filters
    and sort), for j/k and for moving on after a status change."""
    query = QueryParams(urlsplit(back).query)
    try:
        # The site list is read only to find a ``site`` key of the queue's filters.
        choices = listing.visible_sites(conn, user) if query.get("site") else []
        f = listing.parse_filter(query, user, choices)
    except params.InputError:
        return None, None
    key = g["reporter_count"] if f.sort == "most" else g["last_reported_at"]
    return queue.neighbours(conn, f, (key, int(g["id"])))


def _paragraph(g: dict[str, Any], detail: Detail) -> quoting.Around | None:
    """The paragraph around the quote in the article's latest version, when the quote
    is anchored there."""
    text, start, end = detail.article_text, g["anchor_start"], g["anchor_end"]
    if not text or start is None or end is None or detail.version_id != g["anchor_version_id"]:
        return None
    if g["anchor_state"] not in {"unchanged", "changed"} or not 0 <= start <= end <= len(text):
        return None
    return quoting.paragraph_around(text, int(start), int(end))


@page()
async def group_page(visit: Visit) -> Response:
    return await _show(visit, _group_id(visit))


async def _answer(visit: Visit, group_id: int, error: str = "", done: str = "") -> Response:
    """JSON for fetch() from the page's script, else the next page: a refusal is 409
    (JSON in the API's error shape, or the group's page again with the message and the
    form as it was sent), a change goes back to the group with ``done`` flashed."""
    wants_json = "application/json" in visit.request.headers.get("accept", "")
    if error:
        if wants_json:
            raise errorpage.conflict(error)
        return await _show(visit, group_id, status_code=409, error=error)
    if wants_json:
        return JSONResponse({"ok": True, "id": group_id, "message": done})
    target = params.local_path(visit.form.get("next"), "") or f"/groups/{group_id}"
    return visit.redirect(target, done, undo=bool(done))


@page()
async def change_status(visit: Visit) -> Response:
    group_id = _group_id(visit)
    form = visit.form
    note = params.text(form.get("note"), "note")
    duplicate_of = params.optional_id(form.get("duplicate_of"), "duplicate_of")
    try:
        status = ReportStatus(form.get("status"))
    except ValueError:
        return await _answer(visit, group_id, i18n.gettext("Unknown status."))
    told = params.choice(form.get("reason"), "reason", [r.value for r in Reason], "")
    reason = Reason(told) if told and status is ReportStatus.REJECTED else None
    actor = triage.Actor.of(visit.user)
    public_url = visit.ctx.settings.public_url

    def run(conn: Connection) -> triage.GroupRef:
        triage.get_group(conn, actor, group_id)  # NotFound: this group
        if duplicate_of is not None:
            try:
                triage.get_group(conn, actor, duplicate_of)
            except triage.NotFound:
                raise triage.TriageError(Text(N_(
                    "there is no group #%(id)s on your sites to be a duplicate of"),
                    id=duplicate_of)) from None
        return triage.change_status(conn, actor, group_id, status, note=note,
                                    duplicate_of=duplicate_of, public_url=public_url,
                                    reason=reason)

    try:
        await visit.ctx.db.write(run)
    except triage.NotFound:
        raise _not_found() from None
    except triage.TriageError as exc:
        return await _answer(visit, group_id, i18n.say(exc))
    if status is ReportStatus.NEW:
        done = i18n.gettext("Group #%(id)s reopened.") % {"id": group_id}
    else:
        done = i18n.gettext("Group #%(id)s marked %(status)s.") % {
            "id": group_id, "status": i18n.status_label(status.value)}
    return await _answer(visit, group_id, done=done)


@page()
async def assign(visit: Visit) -> Response:
    group_id = _group_id(visit)
    assignee = params.optional_id(visit.form.get("assignee_id"), "assignee_id")
    actor = triage.Actor.of(visit.user)
    try:
        await visit.ctx.db.write(lambda conn: triage.assign(conn, actor, group_id, assignee))
    except triage.NotFound:
        raise _not_found() from None
    except triage.TriageError as exc:
        return await _answer(visit, group_id, i18n.say(exc))
    return await _answer(visit, group_id)


@page()
async def confirm_fix(visit: Visit) -> Response:
    """Confirm a detected fix (``triage.confirm_fix``): the group becomes fixed."""
    group_id = _group_id(visit)
    note = params.text(visit.form.get("note"), "note")
    actor = triage.Actor.of(visit.user)
    public_url = visit.ctx.settings.public_url
    try:
        await visit.ctx.db.write(lambda conn: triage.confirm_fix(
            conn, actor, group_id, note=note, public_url=public_url))
    except triage.NotFound:
        raise _not_found() from None
    except triage.TriageError as exc:
        return await _answer(visit, group_id, i18n.say(exc))
    done = i18n.gettext("Group #%(id)s confirmed fixed.") % {"id": group_id}
    return await _answer(visit, group_id, done=done)


@page()
async def undo(visit: Visit) -> Response:
    """Undo the editor's last status change of the last ten minutes
    (:func:`copydesk.triage.undo_last`); back to that group's page."""
    actor = triage.Actor.of(visit.user)
    public_url = visit.ctx.settings.public_url
    wants_json = "application/json" in visit.request.headers.get("accept", "")
    try:
        ref = await visit.ctx.db.write(lambda conn: triage.undo_last(
            conn, actor, public_url=public_url))
    except (triage.TriageError, triage.NotFound) as exc:
        if wants_json:
            raise errorpage.conflict(exc) from None
        back = params.local_path(visit.form.get("back"), "/")
        return visit.redirect(back, errorpage.sentence(i18n.say(exc)), "error")
    done = i18n.gettext("Undone: group #%(id)s is %(status)s again.") % {
        "id": ref.id, "status": i18n.status_label(ref.status.value)}
    if wants_json:
        return JSONResponse({"ok": True, "id": ref.id, "status": ref.status.value,
                             "message": done})
    return visit.redirect(f"/groups/{ref.id}", done)


#: Most groups the "duplicate of" picker offers.
CANDIDATES = 10


@page()
async def candidates(visit: Visit) -> Response:
    """Groups of the same site that ``group_id`` could duplicate, for the picker:
    ``q`` searches their quotes, suggestions and comments (or is a group id); without
    ``q``, the other groups of the same article.  JSON ``[{"id", "status", "quote",
    "article"}]``."""
    group_id = _group_id(visit)
    q = params.get_text(visit.request.query_params, "q", listing.SEARCH_MAX).strip()
    user = visit.user

    def run(conn: Connection) -> list[dict[str, Any]]:
        own = _group(conn, group_id)
        if own is None or not user.can_see(int(own["site_id"])):
            raise _not_found()
        g, a = schema.report_groups, schema.articles
        query = (select(g.c.id, g.c.status, g.c.exact, a.c.title, a.c.url)
                 .join(a, a.c.id == g.c.article_id)
                 .where(g.c.site_id == own["site_id"], g.c.id != group_id,
                        g.c.status.not_in((ReportStatus.DUPLICATE.value,
                                           ReportStatus.SPAM.value))))
        wanted = q.lstrip("#")
        if wanted.isascii() and wanted.isdigit():
            query = query.where(g.c.id == params.parse_id(wanted, "q"))
        elif q:
            query = query.where(queue.search_condition(conn, q))
        else:
            query = query.where(g.c.article_id == own["article_id"])
        rows = conn.execute(query.order_by(g.c.last_reported_at.desc(), g.c.id.desc())
                            .limit(CANDIDATES))
        return [{"id": int(r.id), "status": r.status, "quote": str(r.exact)[:120],
                 "article": str(r.title or r.url)[:120]} for r in rows]

    return JSONResponse(await visit.ctx.db.read(run))
