"""An article's page (fetch state, versions, groups) and the diff between two versions.

Editors see only their sites' articles: another site's article answers 404, exactly
like one that does not exist.  Versions are read through :mod:`copydesk.versions.store`
and diffed with :func:`copydesk.versions.diff.word_diff`; the headline and the byline
are diffed apart from the body.  The diff's version pickers are a plain GET form
(``from``, ``to``), parsed by :mod:`.params`; a version of another article is refused
(400), like any value the page cannot use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NoReturn

from sqlalchemy import Connection, func, select
from starlette.responses import Response

from copydesk.accounts import User
from copydesk.models import ReportStatus
from copydesk.storage import schema
from copydesk.versions import diff, store
from copydesk.web.dashboard import errorpage, params
from copydesk.web.dashboard.security import Visit, page
from copydesk.web.dashboard.templates import render

#: Most versions, groups and fetch failures listed on an article's page.
VERSIONS_SHOWN = 500
GROUPS_SHOWN = 200
FAILURES_SHOWN = 10


@dataclass(frozen=True)
class Change:
    """A stretch of a word diff: ``kind`` is "same", "del", "ins" or "replace"; a change
    (anything but "same") gets a number, the n/p shortcuts' stops."""

    kind: str
    old: str
    new: str
    number: int = 0


@dataclass
class Part:
    """One part of a version diff (headline, byline, body)."""

    name: str
    changes: list[Change] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(c.kind != "same" for c in self.changes)


def diff_parts(old: store.Version, new: store.Version) -> list[Part]:
    """The headline, byline and body diffs of two versions, changes numbered in order."""
    parts: list[Part] = []
    number = 0
    for name, a, b in (("headline", old.headline, new.headline),
                       ("byline", old.byline, new.byline), ("body", old.text, new.text)):
        part = Part(name)
        for op in diff.word_diff(a, b):
            if op.kind == "equal":
                part.changes.append(Change("same", op.old, op.new))
                continue
            number += 1
            kind = {"delete": "del", "insert": "ins"}.get(op.kind, "replace")
            part.changes.append(Change(kind, op.old, op.new, number))
        parts.append(part)
    return parts


def _article(conn: Connection, user: User, article_id: int) -> dict[str, Any] | None:
    a, s = schema.articles, schema.sites
    row = conn.execute(
        select(a, s.c.key.label("site_key"), s.c.name.label("site_name"))
        .join(s, s.c.id == a.c.site_id).where(a.c.id == article_id)
    ).mappings().first()
    if row is None or not user.can_see(int(row["site_id"])):
        return None
    return dict(row)


def version_list(conn: Connection, article_id: int) -> list[dict[str, Any]]:
    """The article's versions without their text, newest first, each with the id of
    the version before it (``previous_id``, None for the first)."""
    v = schema.article_versions
    rows = [dict(r) for r in conn.execute(
        select(v.c.id, v.c.fetched_at, v.c.headline, v.c.byline, v.c.title,
               v.c.published_at, v.c.modified_at, v.c.significant, v.c.extractor)
        .where(v.c.article_id == article_id).order_by(v.c.id.desc()).limit(VERSIONS_SHOWN + 1)
    ).mappings()]
    for item, older in zip(rows, [*rows[1:], None], strict=False):
        item["previous_id"] = older["id"] if older else None
    if len(rows) > VERSIONS_SHOWN:  # the oldest shown has an older one, not listed
        rows = rows[:VERSIONS_SHOWN]
    return rows


def _groups(conn: Connection, article_id: int) -> list[dict[str, Any]]:
    g = schema.report_groups
    return [dict(r) for r in conn.execute(
        select(g.c.id, g.c.status, g.c.exact, g.c.reporter_count, g.c.anchor_state,
               g.c.anchor_version_id, g.c.anchored_at, g.c.fix_flag, g.c.last_reported_at)
        .where(g.c.article_id == article_id, g.c.status != ReportStatus.SPAM.value)
        .order_by(g.c.id.desc()).limit(GROUPS_SHOWN)
    ).mappings()]


def previous_version_id(conn: Connection, article_id: int, version_id: int) -> int | None:
    """The id of the article's version just before ``version_id`` (None: the first)."""
    v = schema.article_versions
    found = conn.execute(
        select(func.max(v.c.id)).where(v.c.article_id == article_id, v.c.id < version_id)
    ).scalar()
    return None if found is None else int(found)


def _article_id(visit: Visit) -> int:
    return params.path_id(visit.request, "article_id")


def _not_found() -> NoReturn:
    """The styled 404 of the error path (:mod:`.errorpage`)."""
    raise errorpage.not_found("article")


@page()
async def article_page(visit: Visit) -> Response:
    article_id, user = _article_id(visit), visit.user

    def run(conn: Connection) -> dict[str, Any] | None:
        article = _article(conn, user, article_id)
        if article is None:
            return None
        return {
            "article": article,
            "versions": version_list(conn, article_id),
            "failures": store.failures(conn, article_id, FAILURES_SHOWN),
            "groups": _groups(conn, article_id),
        }

    values = await visit.ctx.db.read(run)
    if values is None:
        return _not_found()
    return render("dashboard/article.html", user=user, csrf_token=visit.session.csrf_token,
                  **values)


def _version_param(raw: str, field: str, ids: list[int]) -> int | None:
    """A version id from the pickers; one of another article (or none) is refused."""
    version_id = params.optional_id(raw, field)
    if version_id is not None and version_id not in ids:
        raise params.InputError(400, "invalid_choice", f"{field} must be a version of "
                                                       "this article", field)
    return version_id


@dataclass
class DiffView:
    article: dict[str, Any]
    versions: list[dict[str, Any]]
    old: store.Version | None = None
    new: store.Version | None = None
    parts: list[Part] = field(default_factory=list)

    @property
    def change_count(self) -> int:
        return sum(1 for p in self.parts for c in p.changes if c.kind != "same")


@page()
async def diff_page(visit: Visit) -> Response:
    """``?from=V1&to=V2``; without them the last two versions."""
    article_id, user, query = _article_id(visit), visit.user, visit.request.query_params

    def run(conn: Connection) -> DiffView | None:
        article = _article(conn, user, article_id)
        if article is None:
            return None
        versions = version_list(conn, article_id)
        ids = [int(v["id"]) for v in versions]
        old_id = _version_param(query.get("from", ""), "from", ids)
        new_id = _version_param(query.get("to", ""), "to", ids)
        if new_id is None and ids:
            new_id = ids[0]
        if old_id is None and new_id is not None:
            old_id = previous_version_id(conn, article_id, new_id)
        view = DiffView(article, versions)
        if old_id is None or new_id is None:
            return view
        view.old, view.new = store.get(conn, old_id), store.get(conn, new_id)
        if view.old is not None and view.new is not None:
            view.parts = diff_parts(view.old, view.new)
        return view

    view = await visit.ctx.db.read(run)
    if view is None:
        return _not_found()
    return render("dashboard/diff.html", user=user, csrf_token=visit.session.csrf_token,
                  v=view, article=view.article)
