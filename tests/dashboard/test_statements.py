"""How many SQL statements a dashboard page costs: the same number for one row as for
many, so a statement per row (an N+1) cannot come back unseen.  The queue, a group's
page and an article's page, on SQLite and PostgreSQL.

Statements are counted with SQLAlchemy's ``before_cursor_execute`` event on the app's
engine, and only those run for the request being measured: the ASGI wrapper sets a
context variable that :meth:`Database.read`'s worker thread inherits, so the background
services (dispatcher, tracker, mail sender) sharing the engine are not counted.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta
from typing import Any
from urllib.parse import quote

from sqlalchemy import Connection, event
from starlette.applications import Starlette
from starlette.testclient import TestClient
from starlette.types import Receive, Scope, Send

from copydesk import accounts, triage
from copydesk.models import ReportStatus, Role, Site
from copydesk.storage import schema
from tests.dashboard.conftest import EDITOR, login, write
from tests.dashboard.test_versions import T0, article, group, version

_measured: ContextVar[list[str] | None] = ContextVar("measured", default=None)


class Counted:
    """The app, with every statement of a request appended to ``self.seen``."""

    def __init__(self, app: Starlette) -> None:
        self.app = app
        self.seen: list[str] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        token = _measured.set(self.seen)
        try:
            await self.app(scope, receive, send)
        finally:
            _measured.reset(token)


@contextmanager
def counting(app: Starlette) -> Iterator[tuple[TestClient, Counted]]:
    counted = Counted(app)

    def record(conn: object, cursor: object, sql: str, *args: object) -> None:
        seen = _measured.get()
        if seen is not None:
            seen.append(sql)

    engine = app.state.ctx.db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield TestClient(counted, base_url="http://127.0.0.1"), counted
    finally:
        event.remove(engine, "before_cursor_execute", record)


def cost(client: TestClient, counted: Counted, path: str) -> list[str]:
    counted.seen.clear()
    response = client.get(path)
    assert response.status_code == 200, response.text[:300]
    return list(counted.seen)


TEXT = ("The council met on Monday. Teh mayor said the budget would pass. "
        "Critics disagreed strongly.")


def anchored(app: Starlette, site: Site, aid: int, vid: int, minutes: int) -> int:
    at = TEXT.index("Teh")
    return group(app, site, aid, exact="Teh", minutes=minutes, anchor_state="unchanged",
                 anchor_start=at, anchor_end=at + 3, anchor_version_id=vid,
                 anchored_at=T0)


def more_reports(app: Starlette, site: Site, gid: int, aid: int, n: int) -> None:
    def run(conn: Connection) -> None:
        conn.execute(schema.reports.insert(), [{
            "site_id": site.id, "article_id": aid, "group_id": gid,
            "url": "https://news.example/", "exact": "Teh", "prefix": "", "suffix": "",
            "suggestion": f"The{i}", "comment": f"comment {i}", "title": "", "lang": "en",
            "ip_hash": f"h{i}", "created_at": T0 + timedelta(seconds=i)} for i in range(n)])

    write(app, run)


def findings(app: Starlette, vid: int, n: int, rule: str = "doubled") -> None:
    write(app, lambda conn: conn.execute(schema.findings.insert(), [
        {"version_id": vid, "rule": rule, "message": "doubled word", "start": i,
         "end": i + 3, "text": TEXT[i:i + 3], "suggestions": [], "severity": "warning"}
        for i in range(n)]))


def history(app: Starlette, gid: int, n: int) -> None:
    def run(conn: Connection) -> None:
        for i in range(n):
            target = ReportStatus.ACCEPTED if i % 2 == 0 else ReportStatus.NEW
            triage.change_status(conn, triage.CLI, gid, target, note=f"step {i}")

    write(app, run)


def test_the_queue_costs_the_same_for_one_row_as_for_forty(
    app: Starlette, client: TestClient, users: Any, site: Site
) -> None:
    aid = article(app, site)
    vid = version(app, aid, TEXT)
    anchored(app, site, aid, vid, 0)
    with counting(app) as (measured, counted):
        login(measured, EDITOR)
        few = cost(measured, counted, "/?status=all")
        for i in range(40):  # anchored rows, other articles, suggestions and comments
            other = article(app, site, url=f"https://news.example/{i}")
            gid = anchored(app, site, other, version(app, other, TEXT), i + 1)
            more_reports(app, site, gid, other, 3)
        many = cost(measured, counted, "/?status=all")
        html = measured.get("/?status=all").text
    assert html.count("data-row") == 41 and "<mark>Teh</mark>" in html
    assert any("reports.suggestion" in sql for sql in few)  # the rows were counted
    assert len(many) == len(few), many
    # Two BEGINs; the session, its user and their sites; the site list, rows, counts.
    assert len(few) <= 8, few


def test_a_group_page_costs_the_same_with_many_reports_findings_and_history(
    app: Starlette, client: TestClient, users: Any, site: Site
) -> None:
    aid = article(app, site)
    vid = version(app, aid, TEXT)
    small = anchored(app, site, aid, vid, 0)
    findings(app, vid, 1, rule="spelling")
    big_article = article(app, site, url="https://news.example/big")
    big_version = version(app, big_article, TEXT)
    big = anchored(app, site, big_article, big_version, 1)
    more_reports(app, site, big, big_article, 30)
    findings(app, big_version, 12)
    findings(app, big_version, 4, rule="spelling")
    history(app, big, 6)
    for i in range(15):  # other groups of the same article
        anchored(app, site, big_article, big_version, 10 + i)
    back = "?back=" + quote(f"/?status=all&site={site.key}", safe="")
    with counting(app) as (measured, counted):
        login(measured, EDITOR)
        few = cost(measured, counted, f"/groups/{small}{back}")
        for i in range(8):  # more editors to offer as assignees (one statement for all)
            accounts.add_user(app.state.ctx.db, f"ed{i}@news.example", "a long password",
                              Role.EDITOR, [site.key])
        many = cost(measured, counted, f"/groups/{big}{back}")
        html = measured.get(f"/groups/{big}").text
    assert "comment 29" in html and "step 5" in html and "ed7@news.example" in html
    assert any("audit_log" in sql for sql in few)
    assert len(many) == len(few), many
    # Two BEGINs; the session, its user and their sites; the group with its article's
    # versions, reports, history, the article's groups, findings, the dictionary, the
    # editors, the site list (a ``site`` in the queue it came from) and its neighbours.
    assert len(few) <= 14, few


def test_an_article_page_costs_the_same_with_many_versions_and_groups(
    app: Starlette, client: TestClient, users: Any, site: Site
) -> None:
    small = article(app, site)
    vid = version(app, small, TEXT)
    anchored(app, site, small, vid, 0)
    big = article(app, site, url="https://news.example/big")
    latest = 0
    for i in range(10):
        latest = version(app, big, TEXT + f" Update {i}.", minutes=i)
    for i in range(20):
        anchored(app, site, big, latest, i)
    with counting(app) as (measured, counted):
        login(measured, EDITOR)
        few = cost(measured, counted, f"/articles/{small}")
        many = cost(measured, counted, f"/articles/{big}")
        html = measured.get(f"/articles/{big}").text
    assert html.count("/groups/") >= 20
    assert any("article_versions" in sql for sql in few)
    assert len(many) == len(few), many
