"""The dashboard over HTTP: login, CSRF, headers, access rules, queue, detail, exports."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

import orjson
from sqlalchemy import select, update
from starlette.applications import Starlette
from starlette.testclient import TestClient

from copydesk import accounts
from copydesk.models import Site
from copydesk.proofread import dictionary
from copydesk.storage import schema
from copydesk.web.dashboard import attempts, auth, params
from tests.dashboard.conftest import ADMIN, EDITOR, OTHER, PASSWORD, csrf_of, login, read, write


def test_pages_need_a_login(client: TestClient) -> None:
    for path in ("/", "/groups/1", "/admin/users", "/export.csv"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/login?next=")


def test_security_headers_on_dashboard_pages(client: TestClient, users: object) -> None:
    for response in (client.get("/login"), client.get("/", follow_redirects=False)):
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert "base-uri 'none'" in csp
        assert "form-action 'self'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["referrer-policy"] == "same-origin"
    login(client, EDITOR)
    assert client.get("/").headers["x-frame-options"] == "DENY"
    assert client.get("/static/dashboard/dashboard.js").headers["x-content-type-options"] == \
        "nosniff"


def test_session_cookie_flags(client: TestClient, users: object) -> None:
    client.get("/login")
    token = client.cookies.get("copydesk_login_csrf")
    response = client.post("/login", data={"email": EDITOR, "password": PASSWORD,
                                           "csrf_token": token}, follow_redirects=False)
    cookie = response.headers["set-cookie"].lower()
    assert "copydesk_session=" in cookie
    assert "httponly" in cookie
    assert "samesite=lax" in cookie
    assert "secure" not in cookie.split("copydesk_login_csrf")[0]  # plain http here


def test_failed_logins_say_the_same(client: TestClient, users: object) -> None:
    def attempt(email: str, password: str) -> str:
        client.get("/login")
        token = client.cookies.get("copydesk_login_csrf")
        response = client.post("/login", data={"email": email, "password": password,
                                               "csrf_token": token})
        assert response.status_code == 400
        return response.text

    unknown = attempt("nobody@news.example", PASSWORD)
    wrong = attempt(EDITOR, "wrong password!")
    assert auth.FAILED in unknown
    assert auth.FAILED in wrong
    assert unknown.replace("nobody@news.example", EDITOR).count(auth.FAILED) == \
        wrong.count(auth.FAILED)


def test_login_is_rate_limited_per_account(client: TestClient, users: object) -> None:
    codes = []
    for _ in range(attempts.LIMIT_ACCOUNT + 1):
        client.get("/login")
        token = client.cookies.get("copydesk_login_csrf")
        codes.append(client.post("/login", data={
            "email": EDITOR, "password": "wrong password!", "csrf_token": token}).status_code)
    assert codes[:-1] == [400] * attempts.LIMIT_ACCOUNT
    assert codes[-1] == 429
    # Even the right password is refused until the window ends.
    client.get("/login")
    token = client.cookies.get("copydesk_login_csrf")
    assert client.post("/login", data={"email": EDITOR, "password": PASSWORD,
                                       "csrf_token": token}).status_code == 429


def test_login_needs_its_csrf_token(client: TestClient, users: object) -> None:
    client.get("/login")
    response = client.post("/login", data={"email": EDITOR, "password": PASSWORD,
                                           "csrf_token": "forged"}, follow_redirects=False)
    assert response.status_code == 403


def test_state_changes_need_csrf_token_and_same_origin(
    client: TestClient, users: object, report: Callable[..., int]
) -> None:
    gid = report()
    csrf = login(client, EDITOR)
    url = f"/groups/{gid}/status"
    assert client.post(url, data={"status": "spam"}).status_code == 403
    assert client.post(url, data={"status": "spam", "csrf_token": "nope"}).status_code == 403
    cross = client.post(url, data={"status": "spam", "csrf_token": csrf},
                        headers={"Origin": "https://evil.example"})
    assert cross.status_code == 403
    cross = client.post(url, data={"status": "spam", "csrf_token": csrf},
                        headers={"Sec-Fetch-Site": "cross-site"})
    assert cross.status_code == 403
    assert "new" in client.get(f"/groups/{gid}").text
    ok = client.post(url, data={"status": "spam"}, headers={
        "X-CSRF-Token": csrf, "Origin": "http://127.0.0.1", "Sec-Fetch-Site": "same-origin",
        "Accept": "application/json"})
    assert ok.status_code == 200
    assert ok.json() == {"ok": True, "id": gid, "message": f"Group #{gid} marked spam."}


def test_editor_cannot_reach_another_sites_group(
    client: TestClient, users: object, report: Callable[..., int]
) -> None:
    gid = report(comment="only for daily")
    csrf = login(client, OTHER)
    assert client.get(f"/groups/{gid}").status_code == 404
    assert client.post(f"/groups/{gid}/status",
                       data={"status": "spam", "csrf_token": csrf}).status_code == 404
    assert client.post(f"/groups/{gid}/assign",
                       data={"assignee_id": "", "csrf_token": csrf}).status_code == 404
    queue = client.get("/?status=all").text
    assert f"/groups/{gid}" not in queue
    assert client.get("/?status=all&site=daily-key").text.count(f"/groups/{gid}\"") == 0
    assert "only for daily" not in client.get("/export.json?status=all").text
    assert client.get("/admin/users").status_code == 403


def test_queue_filters_search_and_pages(
    app: Starlette, client: TestClient, users: object, report: Callable[..., int]
) -> None:
    ids = [report(url=f"https://news.example/a{i}", exact=f"word{i} typo",
                  prefix="Some ", suffix=" here.",
                  suggestion="fixed" if i % 2 else "", comment=f"comment zebra{i}")
           for i in range(7)]
    login(client, EDITOR)
    page = client.get("/?status=new").text
    assert all(f'data-id="{i}"' in page for i in ids)
    assert client.get("/?q=zebra3").text.count('data-row') == 1
    assert f'data-id="{ids[3]}"' in client.get("/?q=zebra3").text
    assert client.get("/?q=word5+typo").text.count('data-row') == 1
    with_suggestion = client.get("/?suggestion=1").text
    assert with_suggestion.count('data-row') == 3
    assert client.get("/?since=2000-01-01&until=2000-01-02").text.count("data-row") == 0
    # Keyset pages of 5 cover every group once.
    from copydesk.web.dashboard import queue

    seen: list[int] = []
    f = queue.QueueFilter(status="all")
    while True:
        result = read(app, lambda c, f=f: queue.fetch(c, f, limit=5))
        seen += [r.id for r in result.rows]
        if not result.next_cursor:
            break
        f = queue.QueueFilter(status="all",
                              after=params.parse_cursor(result.next_cursor, "newest"))
    assert sorted(seen) == sorted(ids)
    assert seen == sorted(ids, reverse=True)
    most = read(app, lambda c: queue.fetch(c, queue.QueueFilter(status="all", sort="most"),
                                           limit=3))
    assert most.next_cursor
    # A link to the next page exists when there is one.
    assert 'rel="next"' not in client.get("/").text


def test_search_survives_query_syntax(client: TestClient, users: object,
                                      report: Callable[..., int]) -> None:
    report(comment='quote " AND OR NEAR( * -x')
    login(client, EDITOR)
    for q in ('"', "AND", "NEAR(", "*", "-x", "a:b", "'; DROP TABLE reports; --"):
        assert client.get("/", params={"q": q, "status": "all"}).status_code == 200


def test_detail_page(
    app: Starlette, client: TestClient, users: object, report: Callable[..., int]
) -> None:
    gid = report(exact="to-do, list & more", prefix="the first ", suffix=" is long",
                 suggestion="to-do list and more", comment="see style guide")
    login(client, EDITOR)
    html = client.get(f"/groups/{gid}").text
    assert "#:~:text=the%20first-,to%2Ddo%2C%20list%20%26%20more,-is%20long" in html
    assert "<mark>to-do, list &amp; more</mark>" in html
    assert "<del>&amp;</del>" in html
    assert "<ins>and</ins>" in html
    assert "see style guide" in html
    assert "Proofreading findings" not in html


def test_findings_beside_the_group(
    app: Starlette, client: TestClient, users: object, report: Callable[..., int]
) -> None:
    gid = report(exact="into to", start=15, end=22)
    article_id = read(app, lambda c: c.execute(select(schema.report_groups.c.article_id)
                                               .where(schema.report_groups.c.id == gid))
                      .scalar_one())

    def add(conn: object) -> None:
        now = datetime.now(UTC)
        version = conn.execute(schema.article_versions.insert().values(  # type: ignore[attr-defined]
            article_id=article_id, content_hash="x", title="t",
            text="He was drafted into to the army. Teh end.", fetched_at=now,
        ).returning(schema.article_versions.c.id)).scalar_one()
        conn.execute(schema.findings.insert(), [  # type: ignore[attr-defined]
            {"version_id": version, "rule": "doubled", "message": "doubled preposition",
             "start": 15, "end": 22, "text": "into to", "suggestions": ["into"],
             "severity": "error"},
            {"version_id": version, "rule": "spelling", "message": "<b>misspelt</b>",
             "start": 33, "end": 36, "text": "Teh", "suggestions": ["The"],
             "severity": "warning"},
        ])

    write(app, add)
    login(client, EDITOR)
    html = client.get(f"/groups/{gid}").text
    assert "Proofreading findings" in html
    assert html.count("readers reported this too") == 1
    assert "&lt;b&gt;misspelt&lt;/b&gt;" in html


def test_spelling_finding_goes_into_the_newsroom_dictionary(
    app: Starlette, client: TestClient, users: object, report: Callable[..., int], site: Site,
    other_site: Site,
) -> None:
    test_findings_beside_the_group(app, client, users, report)
    gid = read(app, lambda c: c.execute(select(schema.report_groups.c.id)).scalar_one())
    csrf = csrf_of(client)
    assert "Add “Teh” to the dictionary" in client.get(f"/groups/{gid}").text
    added = client.post(f"/sites/{site.id}/words", data={
        "action": "add", "words": "Teh", "next": f"/groups/{gid}", "csrf_token": csrf},
        follow_redirects=False)
    assert added.status_code == 303
    assert added.headers["location"] == f"/groups/{gid}"
    assert "notice" not in added.headers["location"]
    html = client.get(f"/groups/{gid}").text
    assert "misspelt" not in html and "doubled preposition" in html
    assert read(app, lambda c: dictionary.list_words(c, site.id)) == ["Teh"]
    assert "Teh" in client.get(f"/sites/{site.id}/words").text
    # No open redirect, no other site's dictionary, no change without the CSRF token.
    away = client.post(f"/sites/{site.id}/words", data={
        "action": "add", "words": "Hollin", "next": "//evil.example/", "csrf_token": csrf},
        follow_redirects=False)
    assert away.headers["location"] == f"/sites/{site.id}/words"
    assert client.get(f"/sites/{other_site.id}/words").status_code == 404
    assert client.post(f"/sites/{other_site.id}/words", data={
        "action": "add", "words": "x", "csrf_token": csrf}).status_code == 404
    assert client.post(f"/sites/{site.id}/words", data={
        "action": "add", "words": "y"}).status_code == 403
    client.post(f"/sites/{site.id}/words", data={
        "action": "remove", "words": "Teh", "csrf_token": csrf})
    assert read(app, lambda c: dictionary.list_words(c, site.id)) == ["Hollin"]


def test_status_form_and_history(client: TestClient, users: object,
                                 report: Callable[..., int]) -> None:
    gid = report()
    csrf = login(client, EDITOR)
    response = client.post(f"/groups/{gid}/status", data={
        "status": "rejected", "note": "<i>style</i> choice", "csrf_token": csrf},
        follow_redirects=False)
    assert response.status_code == 303
    html = client.get(f"/groups/{gid}").text
    assert "&lt;i&gt;style&lt;/i&gt; choice" in html
    assert "new → rejected" in html
    bad = client.post(f"/groups/{gid}/status", data={"status": "fixed", "csrf_token": csrf})
    assert "cannot become fixed" in bad.text
    reopen = client.post(f"/groups/{gid}/status", data={"status": "new", "csrf_token": csrf})
    assert reopen.status_code == 200
    assert "reopen" in client.get(f"/groups/{gid}").text


def test_bulk_spam(client: TestClient, users: object, report: Callable[..., int]) -> None:
    a = report()
    b = report(exact="army", prefix="into to the ", suffix=" in May.", url="https://news.example/b")
    csrf = login(client, EDITOR)
    response = client.post("/groups/bulk", data={"ids": [str(a), str(b)], "status": "spam",
                                                 "csrf_token": csrf, "back": "/?status=new"},
                           follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/?status=new"
    assert "2 marked spam." in client.get("/?status=new").text
    assert client.get("/?status=spam").text.count("data-row") == 2
    assert client.post("/groups/bulk", data={"ids": str(a), "status": "spam",
                                             "back": "https://evil.example/"},
                       follow_redirects=False).status_code == 403


def test_exports(client: TestClient, users: object, report: Callable[..., int]) -> None:
    report(comment="=HYPERLINK(\"http://evil\")", suggestion="into", start=15, end=22)
    login(client, EDITOR)
    csv_text = client.get("/export.csv?status=all").text
    assert csv_text.startswith("id,created_at,site")
    assert "'=HYPERLINK" in csv_text
    rows = orjson.loads(client.get("/export.json?status=all").text)
    assert rows[0]["suggestion"] == "into"
    response = client.get("/export.annotations?status=all")
    assert response.headers["content-type"].startswith("application/ld+json")
    doc = orjson.loads(response.text)
    assert doc["type"] == "AnnotationCollection"
    [item] = doc["first"]["items"]
    assert item["motivation"] == "editing"
    types = {s["type"] for s in item["target"]["selector"]}
    assert types == {"TextQuoteSelector", "TextPositionSelector"}
    assert client.get("/export.xml").status_code == 404


def test_exports_follow_the_queue_filters(
    client: TestClient, users: object, report: Callable[..., int]
) -> None:
    army = report(comment="the zebra clause", suggestion="into")
    report(comment="same place, another reader")  # joins the group above
    other = report(exact="May", prefix="the army in ", suffix=".", comment="month")
    login(client, EDITOR)

    def groups(query: str) -> list[int]:
        return [r["group"] for r in orjson.loads(client.get(f"/export.json?{query}").text)]

    # A search exports every report of the matching groups, not only matching reports.
    assert groups("status=all&q=zebra") == [army, army]
    assert groups("status=all&suggestion=1") == [army, army]
    assert sorted(set(groups("status=all"))) == sorted({army, other})
    assert groups("status=fixed") == []
    assert groups("status=all&site=other-key") == []  # another site: nothing, not an error


def test_password_change(client: TestClient, users: object) -> None:
    csrf = login(client, EDITOR)
    bad = client.post("/account/password", data={"current": "wrong one!!", "new": "a new long pw",
                                                  "confirm": "a new long pw", "csrf_token": csrf})
    assert bad.status_code == 400
    ok = client.post("/account/password", data={"current": PASSWORD, "new": "a new long pw",
                                                "confirm": "a new long pw", "csrf_token": csrf},
                     follow_redirects=False)
    assert ok.status_code == 303
    assert client.get("/", follow_redirects=False).status_code == 303
    login(client, EDITOR, "a new long pw")


def test_logout(client: TestClient, users: object) -> None:
    csrf = login(client, EDITOR)
    assert client.post("/logout", data={"csrf_token": csrf},
                       follow_redirects=False).status_code == 303
    assert client.get("/", follow_redirects=False).status_code == 303


def test_admin_pages(app: Starlette, client: TestClient, users: object, site: Site) -> None:
    csrf = login(client, ADMIN)
    assert EDITOR in client.get("/admin/users").text
    added = client.post("/admin/users", data={
        "email": "new@news.example", "password": "a long password", "role": "editor",
        "site": site.key, "csrf_token": csrf}, follow_redirects=False)
    assert added.status_code == 303
    user = read(app, lambda c: accounts.by_email(c, "new@news.example"))
    assert user.site_ids == frozenset({site.id})
    client.post(f"/admin/users/{user.id}", data={"action": "role", "role": "admin",
                                                 "csrf_token": csrf})
    assert read(app, lambda c: accounts.by_email(c, "new@news.example")).is_admin
    client.post(f"/admin/users/{user.id}", data={"action": "role", "role": "editor",
                                                 "csrf_token": csrf})
    assert not read(app, lambda c: accounts.by_email(c, "new@news.example")).is_admin
    client.post(f"/admin/users/{user.id}", data={"action": "disable", "csrf_token": csrf})
    assert read(app, lambda c: accounts.by_email(c, "new@news.example")).disabled
    created = client.post("/admin/sites", data={
        "name": "<Gazette>", "origins": "https://gazette.example", "key": "gazette",
        "csrf_token": csrf}, follow_redirects=False)
    assert created.status_code == 303
    sites_html = client.get("/admin/sites").text
    assert "&lt;Gazette&gt;" in sites_html
    assert 'data-site=&#34;gazette&#34;' in sites_html or "data-site=&quot;gazette" in sites_html
    audit = client.get("/admin/audit")
    assert audit.status_code == 200


def test_audit_page_lists_changes(client: TestClient, users: object,
                                  report: Callable[..., int]) -> None:
    gid = report()
    csrf = login(client, ADMIN)
    client.post(f"/groups/{gid}/status", data={"status": "accepted", "note": "ok",
                                               "csrf_token": csrf})
    html = client.get("/admin/audit").text
    assert re.search(rf'href="/groups/{gid}"', html)
    assert "new → accepted" in html


def test_expired_session_logs_out(app: Starlette, client: TestClient, users: object) -> None:
    login(client, EDITOR)
    write(app, lambda c: c.execute(update(schema.sessions).values(
        expires_at=datetime(2000, 1, 1, tzinfo=UTC))))
    assert client.get("/", follow_redirects=False).status_code == 303


def test_secure_cookie_over_https(app: Starlette, users: object) -> None:
    with TestClient(app, base_url="https://127.0.0.1") as secure:
        secure.get("/login")
        token = secure.cookies.get("copydesk_login_csrf")
        response = secure.post("/login", data={"email": EDITOR, "password": PASSWORD,
                                               "csrf_token": token}, follow_redirects=False)
        assert response.status_code == 303
        session_cookie = [c for c in response.headers.get_list("set-cookie")
                          if c.startswith("copydesk_session=")]
        assert session_cookie
        assert "secure" in session_cookie[0].lower()


def test_login_redirects_only_to_local_paths(client: TestClient, users: object) -> None:
    for target, expected in (("//evil.example/x", "/"), ("https://evil.example/", "/"),
                             ("/groups/1", "/groups/1"), ("/\\evil.example", "/")):
        client.cookies.clear()
        client.get("/login")
        token = client.cookies.get("copydesk_login_csrf")
        response = client.post("/login", data={"email": EDITOR, "password": PASSWORD,
                                               "csrf_token": token, "next": target},
                               follow_redirects=False)
        assert response.headers["location"] == expected, target


def test_login_is_rate_limited_per_ip_block(client: TestClient, users: object) -> None:
    codes = []
    for i in range(attempts.LIMIT_BLOCK + 1):
        client.get("/login")
        token = client.cookies.get("copydesk_login_csrf")
        codes.append(client.post("/login", data={
            "email": f"guess{i}@news.example", "password": "wrong password!",
            "csrf_token": token}).status_code)
    assert codes[-1] == 429
    assert set(codes[:-1]) == {400}
