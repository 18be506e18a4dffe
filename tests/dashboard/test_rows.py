"""The queue's rows (quote in its sentence, suggestion diff, comment, age), status
counts, paging both ways, empty states, undo, the candidates picker and the number of
statements a page costs."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from urllib.parse import quote

from sqlalchemy import event
from starlette.applications import Starlette
from starlette.testclient import TestClient

from copydesk.models import Site
from copydesk.web.dashboard import queue
from tests.dashboard.conftest import EDITOR, login
from tests.dashboard.test_statements import more_reports
from tests.dashboard.test_versions import article, group


@contextmanager
def statements(app: Starlette) -> Iterator[list[str]]:
    seen: list[str] = []
    engine = app.state.ctx.db.engine

    def count(conn: object, cursor: object, sql: str, *args: object) -> None:
        if sql.lstrip().upper().startswith("SELECT") and "outbox" not in sql \
                and "articles.next_fetch_at" not in sql:
            seen.append(sql)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_a_row_shows_the_sentence_suggestion_comment_and_age(
    client: TestClient, users: object, report: Callable[..., int]
) -> None:
    report(exact="teh", prefix="The storm hit. Then the mayor said ",
           suffix=" city would recover soon. More text", suggestion="the",
           comment="<b>typo</b> in the lede")
    login(client, EDITOR)
    html = client.get("/").text
    assert "<mark>teh</mark><span class=\"ctx\"> city would recover soon.</span>" in html
    assert "Then the mayor said " in html and "The storm hit." not in html
    assert "<del>teh</del><ins>the</ins>" in html
    assert "&lt;b&gt;typo&lt;/b&gt; in the lede" in html
    assert re.search(r'<time datetime="[0-9T:+-]+" title="[0-9- :]+ UTC">just now</time>', html)


def test_status_tabs_count_and_pages_go_both_ways(
    client: TestClient, users: object, report: Callable[..., int], monkeypatch: object
) -> None:
    monkeypatch.setattr(queue, "PAGE_SIZE", 2)  # type: ignore[attr-defined]
    ids = [report(exact=f"word{i}", prefix=f"p{i} ", suffix=f" s{i}",
                  url=f"https://news.example/{i}") for i in range(5)]
    csrf = login(client, EDITOR)
    client.post(f"/groups/{ids[0]}/status", data={"status": "rejected", "csrf_token": csrf})
    first = client.get("/").text
    assert re.search(r'new <span class="count">4</span>', first)
    assert re.search(r'rejected <span class="count">1</span>', first)
    assert re.search(r'all <span class="count">5</span>', first)
    assert 'rel="prev"' not in first
    seen = re.findall(r'data-row data-id="(\d+)"', first)
    assert seen == [str(ids[4]), str(ids[3])]
    nxt = re.search(r'href="([^"]+)" rel="next"', first)
    assert nxt
    second = client.get(nxt.group(1).replace("&amp;", "&")).text
    assert re.findall(r'data-row data-id="(\d+)"', second) == [str(ids[2]), str(ids[1])]
    prev = re.search(r'href="([^"]+)" rel="prev"', second)
    assert prev and "before=" in prev.group(1)
    back = client.get(prev.group(1).replace("&amp;", "&")).text
    assert re.findall(r'data-row data-id="(\d+)"', back) == seen
    assert 'rel="prev"' not in back


def test_empty_states_say_why(client: TestClient, users: object) -> None:
    login(client, EDITOR)
    inverted = client.get("/?since=2026-03-10&until=2026-03-01").text
    assert "The date range is inverted" in inverted
    assert "Nothing here." not in inverted
    assert "Filters in use" in inverted and "Clear all" in inverted
    assert "No new reports: the queue is clear." in client.get("/").text


def test_undo_reverts_the_last_change_and_then_says_nothing_to_undo(
    client: TestClient, users: object, report: Callable[..., int]
) -> None:
    gid = report()
    csrf = login(client, EDITOR)
    json = {"Accept": "application/json", "X-CSRF-Token": csrf}
    client.post(f"/groups/{gid}/status", data={"status": "accepted"}, headers=json)
    client.post(f"/groups/{gid}/status", data={"status": "fixed"}, headers=json)
    undone = client.post("/undo", headers=json)
    assert undone.json()["status"] == "accepted"
    assert client.post("/undo", headers=json).json()["status"] == "new"
    nothing = client.post("/undo", headers=json)
    assert nothing.status_code == 409
    assert nothing.json()["error"]["message"].startswith("Nothing to undo")
    history = client.get(f"/groups/{gid}").text
    assert history.count(": undo ") == 2


def test_duplicate_candidates_are_of_the_same_site(
    client: TestClient, users: object, report: Callable[..., int]
) -> None:
    a = report()
    b = report(exact="army", prefix="into to the ", suffix=" in May.")
    login(client, EDITOR)
    found = client.get(f"/groups/{a}/candidates.json?q=army").json()
    assert [c["id"] for c in found] == [b]
    assert client.get(f"/groups/{a}/candidates.json?q=%23{b}").json()[0]["id"] == b
    assert client.get("/groups/999999/candidates.json").status_code == 404


def test_pages_cost_a_fixed_number_of_statements(
    app: Starlette, client: TestClient, users: object, report: Callable[..., int]
) -> None:
    login(client, EDITOR)
    report()
    with statements(app) as few:
        assert client.get("/?status=all").status_code == 200
    for i in range(12):
        report(exact=f"many{i}", prefix=f"a{i} ", suffix=f" b{i}", url=f"https://news.example/m{i}",
               comment="c", suggestion="s")
    with statements(app) as many:
        assert client.get("/?status=all").status_code == 200
    assert len(many) == len(few)  # no statement per row
    gid = report(exact="one", prefix="x ", suffix=" y", url="https://news.example/g")
    with statements(app) as group_page:
        assert client.get(f"/groups/{gid}").status_code == 200
    assert len(group_page) <= 16  # session, group, reports, history, findings, neighbours…


def test_the_new_reports_badge_counts_after_the_pages_time_beside_a_date_filter(
    client: TestClient, users: object, report: Callable[..., int]
) -> None:
    login(client, EDITOR)
    html = client.get("/?since=2000-01-01").text
    found = re.search(r'data-since="([^"]+)" data-query="([^"]*)"', html)
    assert found
    shown, query = found.group(1), found.group(2).replace("&amp;", "&")
    assert "since=2000-01-01" in query
    # What the script asks: the page's time first, then the queue's own query.
    path = f"/queue/new.json?since={quote(shown)}&{query}"
    json = {"Accept": "application/json"}
    assert client.get(path, headers=json).json() == {"new": 0}
    report()
    report(exact="army", prefix="into to the ", suffix=" in May.")
    assert client.get(path, headers=json).json() == {"new": 2}
    # The queue's date filter still applies: none of them is before 2001.
    narrow = f"/queue/new.json?since={quote(shown)}&until=2001-01-01"
    assert client.get(narrow, headers=json).json() == {"new": 0}


def test_a_tab_past_the_cap_reads_as_at_least(
    client: TestClient, users: object, report: Callable[..., int], monkeypatch: object
) -> None:
    monkeypatch.setattr(queue, "COUNT_CAP", 2)  # type: ignore[attr-defined]
    for i in range(3):
        report(exact=f"word{i}", prefix=f"p{i} ", suffix=f" s{i}",
               url=f"https://news.example/{i}")
    login(client, EDITOR)
    html = client.get("/").text
    assert re.search(r'new <span class="count">2\+</span>', html)
    assert re.search(r'all <span class="count">2\+</span>', html)
    assert re.search(r'rejected <span class="count">0</span>', html)
    assert "on this page of 2+" in html


def test_with_a_search_the_tabs_count_exactly(
    client: TestClient, users: object, report: Callable[..., int], monkeypatch: object
) -> None:
    monkeypatch.setattr(queue, "COUNT_CAP", 2)  # type: ignore[attr-defined]
    for i in range(3):
        report(exact=f"word{i}", prefix=f"p{i} ", suffix=f" s{i}",
               url=f"https://news.example/{i}", comment="heron sighted")
    report(exact="other", prefix="x ", suffix=" y", url="https://news.example/o")
    login(client, EDITOR)
    html = client.get("/?q=heron").text
    assert re.search(r'new <span class="count">3</span>', html)
    assert re.search(r'all <span class="count">3</span>', html)


def test_the_first_comment_is_an_indexed_lookup(
    app: Starlette, client: TestClient, users: object, site: Site
) -> None:
    """The first comment of a group comes from the partial index of the reports that
    have one (``ix_reports_group_comment``), on both databases, so a group without a
    comment is not read report by report; the first comment by id is the one shown."""
    aid = article(app, site)
    gid = group(app, site, aid)  # its first report has no comment
    more_reports(app, site, gid, aid, 3)  # "comment 0", "comment 1", "comment 2"
    group(app, site, aid, exact="quiet", minutes=1)
    login(client, EDITOR)
    html = client.get("/?status=all").text
    assert "comment 0" in html and "comment 1" not in html
    query = queue._select().where(queue.schema.report_groups.c.id == gid)
    with app.state.ctx.db.engine.connect() as conn:
        sql = str(query.compile(conn, compile_kwargs={"literal_binds": True}))
        if conn.dialect.name == "postgresql":
            # The tables are tiny, so the planner would read them whole: forbid that, and
            # the plan shows which index the query's shape can use.
            conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
            plan = "\n".join(str(r[0]) for r in conn.exec_driver_sql("EXPLAIN " + sql))
        else:
            plan = "\n".join(str(r[-1]) for r in conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN " + sql))
    assert "ix_reports_group_comment" in plan, plan
