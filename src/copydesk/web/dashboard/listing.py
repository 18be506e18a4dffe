"""The queue page, bulk actions on a selection, and exports of what the queue shows."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import Connection
from starlette.datastructures import QueryParams
from starlette.responses import JSONResponse, Response, StreamingResponse

from copydesk import annotations as anno
from copydesk import export, i18n, sites, triage
from copydesk.accounts import User
from copydesk.models import ReportStatus, Site
from copydesk.reports import ReportFilter, iter_reports
from copydesk.web.dashboard import errorpage, params, queue
from copydesk.web.dashboard.security import Visit, page

BULK_STATUSES = ("accepted", "fixed", "rejected", "spam", "new")
#: Longest search, and most groups in one bulk action.
SEARCH_MAX = 200
BULK_MAX = 500


def visible_sites(conn: Connection, user: User) -> list[Site]:
    return [s for s in sites.all_sites(conn) if user.can_see(s.id)]


def parse_filter(query: QueryParams, user: User, choices: list[Site]) -> queue.QueueFilter:
    """The queue's filter from its query string; a bad value raises
    :class:`~copydesk.web.dashboard.params.InputError` (a 400 page)."""
    site_ids: frozenset[int] | None = None if user.is_admin else frozenset(user.site_ids)
    key = query.get("site", "")
    if key:  # a key the user cannot see selects nothing, exactly like an unknown one
        chosen = [s.id for s in choices if s.key == key]
        site_ids = frozenset(chosen)
    sort = params.choice(query.get("sort", ""), "sort", queue.SORTS, "newest")
    after, before = query.get("after", ""), query.get("before", "")
    return queue.QueueFilter(
        site_ids=site_ids,
        status=params.choice(query.get("status", ""), "status", queue.STATUS_CHOICES, "new"),
        since=params.optional_date(query.get("since", ""), "since"),
        until=params.optional_date(query.get("until", ""), "until"),
        has_suggestion=query.get("suggestion", "") == "1",
        q=params.get_text(query, "q", SEARCH_MAX),
        sort=sort,
        after=params.parse_cursor(after, sort) if after else None,
        before=params.parse_cursor(before, sort, "before") if before else None,
        assignee_id=user.id if query.get("mine", "") == "1" else None,
        anchor=params.choice(query.get("anchor", ""), "anchor", queue.ANCHOR_CHOICES, "any"),
    )


def _query_string(query: QueryParams, **changes: str) -> str:
    values = {k: v for k, v in query.items() if k not in {"after", "before"}}
    values.update(changes)
    return urlencode({k: v for k, v in values.items() if v})


#: The filters shown under "Filters in use", by query name (status has its tabs).
FILTER_LABELS = {"site": "site", "since": "from", "until": "to", "suggestion": "has suggestion",
                 "mine": "assigned to me", "q": "search", "anchor": "text in the article",
                 "sort": "sort"}


def filters_in_use(query: QueryParams) -> list[tuple[str, str, str]]:
    """(label, value, URL of the queue without it) for each filter set."""
    used = []
    for name, label in FILTER_LABELS.items():
        value = query.get(name, "")
        if value and not (name == "anchor" and value == "any") \
                and not (name == "sort" and value == "newest"):
            shown = "" if name in {"suggestion", "mine"} else value
            used.append((label, shown, "/?" + _query_string(query, **{name: ""})))
    return used


def empty_reason(f: queue.QueueFilter, used: list[tuple[str, str, str]]) -> str:
    """Why the queue shows nothing, in the editor's words."""
    if f.since and f.until and f.since > f.until:
        return (f"The date range is inverted: “from” ({f.since}) is after “to” ({f.until}). "
                "Swap the two dates.")
    if f.after or f.before:
        return "No more groups on this side: go back to the first page."
    if used:
        return "No group matches these filters. Clear a filter to see more."
    if f.status == "new":
        return "No new reports: the queue is clear."
    return f"No {f.status} groups." if f.status != "all" else "No reports yet."


@page()
async def queue_page(visit: Visit) -> Response:
    user, query = visit.user, visit.request.query_params

    def run(conn: Connection) -> tuple[list[Site], queue.QueueFilter, queue.Page,
                                       dict[str, queue.Count]]:
        choices = visible_sites(conn, user)
        f = parse_filter(query, user, choices)
        return choices, f, queue.fetch(conn, f), queue.counts(conn, f)

    choices, f, result, counts = await visit.ctx.db.read(run)
    next_url = f"/?{_query_string(query, after=result.next_cursor)}" if result.next_cursor \
        else ""
    prev_url = f"/?{_query_string(query, before=result.prev_cursor)}" if result.prev_cursor \
        else ""
    export_query = _query_string(query)
    raw_query = visit.request.url.query
    back = visit.request.url.path + (f"?{raw_query}" if raw_query else "")
    used = filters_in_use(query)
    tabs = [(st, counts[st], "/?" + _query_string(query, status=st)) for st in
            queue.STATUS_CHOICES]
    return visit.render(
        "dashboard/queue.html", sites=choices, f=f, page=result, params=query,
        next_url=next_url, prev_url=prev_url, counts=counts, tabs=tabs, used=used,
        empty=empty_reason(f, used) if not result.rows else "",
        clear_url="/?" + _query_string(query, **dict.fromkeys(FILTER_LABELS, "")),
        export_query=export_query, statuses=queue.STATUS_CHOICES,
        anchors=queue.ANCHOR_CHOICES, back_param=urlencode({"back": back}),
        bulk_statuses=BULK_STATUSES, back=back, now=datetime.now(UTC).isoformat(),
    )


@page()
async def new_count(visit: Visit) -> Response:
    """``{"new": N}``: groups of the queue's sites and filters reported after ``since``
    (the page polls it every 30 s for its "new reports" badge).

    The script sends ``since=<the page's time>`` first and the queue's own query after
    it, which may hold the date filter ``since`` too: the first ``since`` is the time,
    the rest is the queue's filter."""
    user, items = visit.user, visit.request.query_params.multi_items()
    at = next((i for i, (name, _) in enumerate(items) if name == "since"), None)
    stamp = items[at][1] if at is not None else ""
    since = params.parse_cursor(stamp + "|1", "newest", "since")[0]
    query = QueryParams([item for i, item in enumerate(items) if i != at])

    def run(conn: Connection) -> int:
        f = parse_filter(query, user, visible_sites(conn, user))
        return int(queue.new_since(conn, f, since))

    return JSONResponse({"new": await visit.ctx.db.read(run)})


@page()
async def bulk(visit: Visit) -> Response:
    form = visit.form
    ids = params.parse_ids(form.getlist("ids"), "ids", BULK_MAX)
    status_text = form.get("status")
    note = params.text(form.get("note"), "note")
    back = params.local_path(form.get("back", "/"), "/")
    if status_text not in BULK_STATUSES or not ids:
        return visit.redirect(back, i18n.gettext("Select groups and an action."), "error")
    actor = triage.Actor.of(visit.user)
    public_url = visit.ctx.settings.public_url
    result = await visit.ctx.db.write(lambda conn: triage.bulk_status(
        conn, actor, ids, ReportStatus(status_text), note=note, public_url=public_url,
    ))
    notice = i18n.ngettext("%(count)s marked %(status)s", "%(count)s marked %(status)s",
                           len(result.changed)) % {
        "count": len(result.changed), "status": i18n.status_label(status_text)}
    if result.failed:
        notice += i18n.gettext("; %(count)s unchanged") % {"count": len(result.failed)}
    return visit.redirect(back, notice + ".", "error" if not result.changed else "ok")


def export_rows(conn: Connection, f: queue.QueueFilter) -> Iterator[dict[str, Any]]:
    """Every report of the groups the queue shows for this filter, on every page:
    the same sites, status, dates, "has suggestion", assignee, anchoring state and
    search."""
    where = ReportFilter(group_conditions=tuple(queue.conditions(conn, f)))
    yield from iter_reports(conn, where)


FORMATS = {
    "csv": ("text/csv; charset=utf-8", "reports.csv"),
    "json": ("application/json", "reports.json"),
    "annotations": ("application/ld+json", "reports.jsonld"),
}


@page()
async def export_page(visit: Visit) -> Response:
    fmt = visit.request.path_params["fmt"]
    if fmt not in FORMATS:
        raise errorpage.not_found("export")
    user, query = visit.user, visit.request.query_params
    # The filter is checked before the answer starts: a bad value is a 400 page, not a
    # stream broken after its 200.
    choices = await visit.ctx.db.read(lambda conn: visible_sites(conn, user))
    f = parse_filter(query, user, choices)
    base_url = visit.ctx.settings.public_url
    engine = visit.ctx.db.engine

    def chunks() -> Iterator[str]:
        # Starlette iterates a plain generator in a worker thread, so the export streams
        # from one read transaction without holding every row in memory.
        with engine.connect() as conn:
            rows = export_rows(conn, f)
            if fmt == "csv":
                yield from export.csv_lines(rows)
            elif fmt == "annotations":
                yield from anno.jsonld_lines(rows, base_url)
            else:
                yield from export.json_lines(rows)

    media_type, filename = FORMATS[fmt]
    return StreamingResponse(
        chunks(), media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
