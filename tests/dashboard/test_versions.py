"""Article versions in the dashboard: the article page, the diff between two versions,
anchoring on the group page (confirm fix, the fix_flag warning), the queue's anchoring
filter and the silent edits page.  Versions and anchoring states are written straight
to the schema's tables, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Connection, select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from copydesk import accounts
from copydesk.models import Site
from copydesk.storage import schema
from tests.dashboard.conftest import ADMIN, EDITOR, OTHER, login, read, write

JSON = {"Accept": "application/json"}
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def article(app: Starlette, site: Site, url: str = "https://news.example/story",
            title: str = "A story", **values: Any) -> int:
    a = schema.articles

    def run(conn: Connection) -> int:
        return int(conn.execute(a.insert().values(
            site_id=site.id, url=url, title=title, lang="en", created_at=T0, updated_at=T0,
            **values).returning(a.c.id)).scalar_one())

    return int(write(app, run))


def version(app: Starlette, article_id: int, text: str, *, headline: str = "Headline",
            byline: str = "By A. Writer", significant: bool = True, minutes: int = 0,
            extractor: str = "trafilatura") -> int:
    v = schema.article_versions

    def run(conn: Connection) -> int:
        return int(conn.execute(v.insert().values(
            article_id=article_id, content_hash=str(hash(text)), title="", text=text,
            fetched_at=T0 + timedelta(minutes=minutes), headline=headline, byline=byline,
            significant=significant, extractor=extractor).returning(v.c.id)).scalar_one())

    return int(write(app, run))


def group(app: Starlette, site: Site, article_id: int, *, exact: str = "teh",
          status: str = "new", minutes: int = 0, **anchor: Any) -> int:
    g = schema.report_groups

    def run(conn: Connection) -> int:
        when = T0 + timedelta(minutes=minutes)
        gid = conn.execute(g.insert().values(
            site_id=site.id, article_id=article_id, status=status, exact=exact,
            prefix="In ", suffix=" end.", reporter_count=1, has_suggestion=True,
            created_at=when, updated_at=when, last_reported_at=when, **anchor,
        ).returning(g.c.id)).scalar_one()
        conn.execute(schema.reports.insert().values(
            site_id=site.id, article_id=article_id, group_id=gid, url="https://news.example/",
            exact=exact, prefix="In ", suffix=" end.", suggestion="the", comment="",
            title="", lang="en", ip_hash="", created_at=when))
        return int(gid)

    return int(write(app, run))


def status_of(app: Starlette, gid: int) -> str:
    g = schema.report_groups
    return str(read(app, lambda c: c.execute(select(g.c.status).where(g.c.id == gid))
                    .scalar_one()))


def _error(response: Any, status: int, code: str, field: str) -> None:
    assert response.status_code == status, response.text[:300]
    body = response.json()["error"]
    assert (body["code"], body["field"]) == (code, field)


# --- the article page -------------------------------------------------------------------

def test_article_page_lists_fetch_state_versions_and_groups(
    app: Starlette, client: TestClient, users: object, site: Site,
) -> None:
    aid = article(app, site, title="Budget <b>vote</b>", tracked_from="feed",
                  next_fetch_at=T0 + timedelta(hours=2), fetch_failures=2,
                  last_fetch_error="timeout after 10 s")
    first = version(app, aid, "The vote was on Monday.", headline="Vote on Monday")
    second = version(app, aid, "The vote was on Tuesday.", headline="Vote on Tuesday",
                     minutes=60, extractor="fallback")
    third = version(app, aid, "The vote was on “Tuesday”.", headline="Vote on Tuesday",
                    minutes=90, significant=False)
    write(app, lambda c: c.execute(schema.fetch_failures.insert().values(
        article_id=aid, reason="http", detail="<i>bad gateway</i>", http_status=502,
        created_at=T0)))
    gid = group(app, site, aid, exact="Monday", anchor_state="changed",
                anchor_version_id=second)
    login(client, EDITOR)
    page = client.get(f"/articles/{aid}")
    assert page.status_code == 200
    html = page.text
    assert "Budget &lt;b&gt;vote&lt;/b&gt;" in html and "<b>vote</b>" not in html
    assert "from a feed" in html
    assert "2026-03-01 11:00 UTC" in html  # next fetch
    assert "timeout after 10 s" in html
    assert "HTTP 502" in html and "&lt;i&gt;bad gateway&lt;/i&gt;" in html
    assert "Vote on Monday" in html and "fallback" in html
    assert f'/articles/{aid}/diff?from={first}&amp;to={second}">significant' in html
    assert f'/articles/{aid}/diff?from={second}&amp;to={third}">typography only' in html
    assert f'href="/groups/{gid}"' in html
    assert "anchor-changed" in html
    # The group's page links back to its article.
    assert f'href="/articles/{aid}"' in client.get(f"/groups/{gid}").text


def test_editors_see_only_their_sites_articles(
    app: Starlette, client: TestClient, users: object, site: Site, other_site: Site,
) -> None:
    theirs = article(app, other_site, url="https://other.example/x")
    version(app, theirs, "one")
    version(app, theirs, "two", minutes=5)
    mine = article(app, site)
    login(client, EDITOR)
    for path in (f"/articles/{theirs}", f"/articles/{theirs}/diff", "/articles/424242",
                 "/articles/424242/diff", "/articles/x", "/articles/²"):
        assert client.get(path).status_code == 404, path
    assert client.get(f"/articles/{mine}").status_code == 200
    login(client, OTHER)
    assert client.get(f"/articles/{theirs}/diff").status_code == 200
    assert client.get(f"/articles/{mine}").status_code == 404


# --- the diff ---------------------------------------------------------------------------

def test_diff_marks_changes_and_escapes_page_text(
    app: Starlette, client: TestClient, users: object, site: Site,
) -> None:
    aid = article(app, site)
    first = version(app, aid, "<script>window.x=1</script> The cat sat on the mat.",
                    headline="Cats <em>rule</em>")
    second = version(app, aid, "<script>window.x=1</script> The dog sat on the mat.",
                     headline="Dogs <em>rule</em>", minutes=10)
    login(client, ADMIN)
    html = client.get(f"/articles/{aid}/diff").text  # the last two by default
    assert "<script>window" not in html and "<em>" not in html
    assert "&lt;script&gt;window.x=1&lt;/script&gt;" in html
    body = html.split("<h2>Text", 1)[1]
    assert re.search(r'<del><span class="visually-hidden">removed: </span>cat ?</del>', body)
    assert re.search(r'<ins><span class="visually-hidden">added: </span>dog ?</ins>', body)
    headline = html.split("<h2>Headline", 1)[1].split("<h2>", 1)[0]
    assert "Cats" in headline and "Dogs" in headline and "cat" not in headline
    assert "<h2>Byline <span class=\"meta\">(unchanged)</span>" in html
    assert len(re.findall(r"data-change", html)) == 2  # headline and body
    assert f'<option value="{first}" selected>' in html
    assert f'<option value="{second}" selected>' in html
    # Explicit and reversed: the same words, the other way round.
    back = client.get(f"/articles/{aid}/diff", params={"from": second, "to": first}).text
    body = back.split("<h2>Text", 1)[1]
    assert re.search(r"<del><span class=\"visually-hidden\">removed: </span>dog ?</del>", body)
    same = client.get(f"/articles/{aid}/diff", params={"from": first, "to": first}).text
    assert "0 changes" in same and "data-change" not in same


def test_diff_pickers_are_checked(
    app: Starlette, client: TestClient, users: object, site: Site,
) -> None:
    aid = article(app, site)
    other = article(app, site, url="https://news.example/other")
    version(app, aid, "one")
    version(app, aid, "two", minutes=1)
    foreign = version(app, other, "elsewhere")
    login(client, EDITOR)
    _error(client.get(f"/articles/{aid}/diff?from={foreign}", headers=JSON),
           400, "invalid_choice", "from")
    _error(client.get(f"/articles/{aid}/diff?to=²", headers=JSON), 400, "invalid_id", "to")
    page = client.get(f"/articles/{aid}/diff?to=999999")
    assert page.status_code == 400 and "to" in page.text
    lonely = article(app, site, url="https://news.example/lonely")
    assert "No version fetched yet" in client.get(f"/articles/{lonely}/diff").text
    version(app, lonely, "only")
    assert "nothing to compare" in client.get(f"/articles/{lonely}/diff").text


# --- the group page: anchoring, confirm fix, the fix_flag warning -------------------------

def test_group_page_shows_anchoring_and_confirms_a_detected_fix(
    app: Starlette, client: TestClient, users: object, site: Site,
) -> None:
    aid = article(app, site)
    first = version(app, aid, "In teh end.")
    second = version(app, aid, "In the end.", minutes=30)
    gid = group(app, site, aid, anchor_state="fixed", anchor_version_id=second,
                anchored_at=T0)
    csrf = login(client, EDITOR)
    html = client.get(f"/groups/{gid}").text
    assert "fixed (detected)" in html
    assert f"/articles/{aid}/diff?from={first}&amp;to={second}" in html
    assert f'action="/groups/{gid}/confirm-fix"' in html
    # Without the CSRF token nothing changes.
    refused = client.post(f"/groups/{gid}/confirm-fix", data={})
    assert refused.status_code == 403
    assert status_of(app, gid) == "new"
    done = client.post(f"/groups/{gid}/confirm-fix", data={"csrf_token": csrf},
                       follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == f"/groups/{gid}"
    assert status_of(app, gid) == "fixed"
    al = schema.audit_log
    audit = read(app, lambda c: c.execute(select(al.c.actor, al.c.from_value, al.c.to_value,
                                                 al.c.note).where(al.c.group_id == gid)).all())
    assert [tuple(r) for r in audit] == [
        (EDITOR, "new", "fixed", "fix detected.")]
    # Fixed now: no confirm button, and confirming again is refused.
    assert "confirm-fix" not in client.get(f"/groups/{gid}").text
    again = client.post(f"/groups/{gid}/confirm-fix", data={"csrf_token": csrf}, headers=JSON)
    assert again.status_code == 409


def test_confirm_fix_needs_a_detected_fix_and_the_site(
    app: Starlette, client: TestClient, users: object, site: Site,
) -> None:
    aid = article(app, site)
    ver = version(app, aid, "In teh end, changed.")
    changed = group(app, site, aid, anchor_state="changed", anchor_version_id=ver)
    detected = group(app, site, aid, exact="end", anchor_state="fixed", anchor_version_id=ver)
    csrf = login(client, EDITOR)
    assert "confirm-fix" not in client.get(f"/groups/{changed}").text
    answer = client.post(f"/groups/{changed}/confirm-fix", data={"csrf_token": csrf},
                         headers=JSON)
    assert answer.status_code == 409
    assert "No fix was detected" in answer.json()["error"]["message"]
    assert status_of(app, changed) == "new"
    csrf = login(client, OTHER)
    assert client.post(f"/groups/{detected}/confirm-fix",
                       data={"csrf_token": csrf}).status_code == 404
    assert status_of(app, detected) == "new"


def test_fix_flag_warning_and_unchecked_groups(
    app: Starlette, client: TestClient, users: object, site: Site,
) -> None:
    aid = article(app, site)
    ver = version(app, aid, "In teh end.")
    flagged = group(app, site, aid, status="fixed", anchor_state="unchanged",
                    anchor_version_id=ver, fix_flag=True)
    fine = group(app, site, aid, exact="end", status="fixed", anchor_state="orphaned",
                 anchor_version_id=ver)
    unchecked = group(app, site, aid, exact="In")
    login(client, EDITOR)
    html = client.get(f"/groups/{flagged}").text
    assert "Marked fixed, but the quote is still in version" in html
    assert 'role="alert"' in html
    assert "Marked fixed, but" not in client.get(f"/groups/{fine}").text
    assert "Not checked yet" in client.get(f"/groups/{unchecked}").text
    queue = client.get("/?status=fixed").text
    assert "quote still there" in queue


# --- the queue's anchoring filter ---------------------------------------------------------

def test_queue_filters_by_anchoring_state(
    app: Starlette, client: TestClient, users: object, site: Site,
) -> None:
    aid = article(app, site)
    ver = version(app, aid, "text")
    ids = {state: group(app, site, aid, exact=f"quote-{state}", anchor_state=state,
                        anchor_version_id=ver, minutes=i)
           for i, state in enumerate(["fixed", "changed", "unchanged", "orphaned"])}
    ids["unanchored"] = group(app, site, aid, exact="quote-unanchored", minutes=9)
    login(client, EDITOR)
    everything = client.get("/?status=all").text
    assert "fixed (detected)" in everything and "anchor-orphaned" in everything
    for state, gid in ids.items():
        html = client.get("/", params={"status": "all", "anchor": state}).text
        shown = {int(x) for x in re.findall(r'data-row data-id="(\d+)"', html)}
        assert shown == {gid}, state
        assert f'<option value="{state}" selected>' in html
        exported = client.get("/export.json", params={"status": "all", "anchor": state})
        assert {r["group"] for r in exported.json()} == {gid}, state
    assert "anchor=fixed" in client.get("/?anchor=fixed").text  # in the export links
    _error(client.get("/?anchor=bogus", headers=JSON), 400, "invalid_choice", "anchor")
    _error(client.get("/export.csv?anchor=bogus", headers=JSON), 400, "invalid_choice",
           "anchor")


def test_queue_pages_keep_the_anchoring_filter(
    app: Starlette, client: TestClient, users: object, site: Site,
) -> None:
    aid = article(app, site)
    ver = version(app, aid, "text")
    for i in range(51):
        group(app, site, aid, exact=f"q{i}", anchor_state="changed", anchor_version_id=ver,
              minutes=i)
    group(app, site, aid, exact="other", anchor_state="unchanged", anchor_version_id=ver)
    login(client, EDITOR)
    html = client.get("/?anchor=changed").text
    found = re.search(r'href="(/\?[^"]+)" rel="next"', html)
    assert found, "no next page"
    link = found.group(1).replace("&amp;", "&")
    assert "anchor=changed" in link
    rest = client.get(link).text
    assert len(re.findall(r"data-row data-id", rest)) == 1
    assert "other" not in re.sub(r"<[^>]+>", "", rest.split("<main", 1)[1]).split()


# --- silent edits -----------------------------------------------------------------------

def test_silent_edits_lists_significant_later_versions_of_visible_sites(
    app: Starlette, client: TestClient, users: dict[str, accounts.User], site: Site,
    other_site: Site,
) -> None:
    aid = article(app, site, title="Mayor resigns")
    first = version(app, aid, "The mayor resigned on Monday.")  # published: not an edit
    edited = version(app, aid, "The mayor resigned on Tuesday.", minutes=10)
    version(app, aid, "The mayor resigned on “Tuesday”.", significant=False, minutes=20)
    elsewhere = article(app, other_site, url="https://other.example/a", title="Elsewhere")
    version(app, elsewhere, "a")
    foreign = version(app, elsewhere, "b", minutes=5)
    login(client, EDITOR)
    html = client.get("/silent-edits").text
    links = re.findall(r'/articles/(\d+)/diff\?from=(\d+)&amp;to=(\d+)', html)
    assert links == [(str(aid), str(first), str(edited))]
    assert "Mayor resigns" in html and "Elsewhere" not in html
    _error(client.get("/silent-edits?site=other-key", headers=JSON), 400, "invalid_choice",
           "site")
    _error(client.get("/silent-edits?since=9999-12-31", headers=JSON), 400, "invalid_date",
           "since")
    assert "+1 -1 words" in html and "[-Monday.-]{+Tuesday.+}" in html
    login(client, ADMIN)
    everything = client.get("/silent-edits").text
    assert f"to={foreign}" in everything and f"to={edited}" in everything
    only = client.get("/silent-edits?site=other-key").text
    assert f"to={foreign}" in only and f"to={edited}" not in only
    later = client.get("/silent-edits", params={"since": "2026-03-02"}).text
    assert "No silent edits." in later


@pytest.mark.parametrize("path", ["/articles/{a}", "/articles/{a}/diff", "/silent-edits"])
def test_pages_need_a_login(app: Starlette, client: TestClient, site: Site, path: str) -> None:
    aid = article(app, site)
    response = client.get(path.format(a=aid), follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login")
