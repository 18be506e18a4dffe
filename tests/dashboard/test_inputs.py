"""Hostile dashboard input: every bad id, date, cursor, search or form is a clear 4xx.

The example tests name the values that once raised (a 500); the property tests send
generated values to every dashboard route's path, query and form parameters, as an
admin and as an editor, on SQLite and PostgreSQL, and ask for no answer >= 500.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from sqlalchemy import select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from copydesk import accounts
from copydesk.models import Site
from copydesk.storage import schema
from copydesk.web.dashboard import params
from tests.dashboard.conftest import ADMIN, EDITOR, login, read

UNICODE_DIGITS = ["²", "①", "٣", "۱۲", "１", "߁", "3²"]
JSON = {"Accept": "application/json"}


@pytest.fixture
def group(report: Callable[..., int]) -> int:
    return report()


def _error(response: Any, status: int, code: str, field: str) -> None:
    assert response.status_code == status, response.text[:300]
    body = response.json()["error"]
    assert (body["code"], body["field"]) == (code, field)
    assert body["message"]


# --- the parser itself ----------------------------------------------------------------

@pytest.mark.parametrize("raw", [*UNICODE_DIGITS, "", "-1", "0", "+1", " 1", "1 ", "1e3",
                                 "9223372036854775808", "0x10", "1_000", "1.0"])
def test_ids_are_ascii_digits_within_bigint(raw: str) -> None:
    with pytest.raises(params.InputError) as caught:
        params.parse_id(raw, "ids")
    assert caught.value.status == 400
    assert caught.value.field == "ids"


def test_id_range_edges() -> None:
    assert params.parse_id("1", "x") == 1
    assert params.parse_id("9223372036854775807", "x") == 2**63 - 1
    assert params.parse_id("0007", "x") == 7


@pytest.mark.parametrize("raw", ["9999-12-31", "0001-01-01", "1969-12-31", "3000-01-01",
                                 "2024-02-30", "20240101", "2024-W01-1", "2024-1-1",
                                 "２０２４-01-01", "2024-01-01T00:00"])
def test_dates_are_plain_and_in_range(raw: str) -> None:
    with pytest.raises(params.InputError) as caught:
        params.parse_date(raw, "until")
    assert (caught.value.status, caught.value.field) == (400, "until")


@pytest.mark.parametrize(("raw", "sort"), [
    ("99999999999999999999|1", "most"), ("1|99999999999999999999", "most"),
    ("-1|5", "most"), ("5|-1", "most"), ("5|0", "most"), ("5", "most"), ("|", "most"),
    ("²|1", "most"), ("5|²", "most"), ("2026-01-01T00:00:00+00:00|1", "most"),
    ("3|1", "newest"), ("2026-01-01T00:00:00|1", "newest"),
    ("9999-12-31T23:59:59-05:00|1", "newest"), ("0001-01-01T00:00:00+05:00|1", "newest"),
    ("2026-01-01T00:00:00+00:00|1|2", "newest"), ("2026-13-01T00:00:00+00:00|1", "newest"),
])
def test_cursors_are_validated(raw: str, sort: str) -> None:
    with pytest.raises(params.InputError) as caught:
        params.parse_cursor(raw, sort)
    assert (caught.value.status, caught.value.code, caught.value.field) == \
        (400, "invalid_cursor", "after")


def test_cursor_round_trip() -> None:
    raw = params.format_cursor(7, 12)
    assert params.parse_cursor(raw, "most") == (7, 12)


# --- ids --------------------------------------------------------------------------------

@pytest.mark.parametrize("digit", UNICODE_DIGITS)
def test_unicode_digit_ids_in_paths_are_not_found(
    client: TestClient, users: object, group: int, site: Site, digit: str,
) -> None:
    csrf = login(client, ADMIN)
    form = {"csrf_token": csrf, "status": "accepted", "assignee_id": ""}
    for path in (f"/groups/{digit}", f"/sites/{digit}/words"):
        assert client.get(path).status_code == 404
    for path in (f"/groups/{digit}/status", f"/groups/{digit}/assign",
                 f"/sites/{digit}/words", f"/admin/users/{digit}"):
        assert client.post(path, data=form).status_code == 404


@pytest.mark.parametrize("digit", UNICODE_DIGITS)
def test_unicode_digit_ids_in_forms_and_queries_are_refused(
    client: TestClient, users: dict[str, accounts.User], group: int, digit: str,
) -> None:
    csrf = login(client, ADMIN)
    _error(client.post("/groups/bulk", data={"csrf_token": csrf, "ids": digit,
                                             "status": "spam"}, headers=JSON),
           400, "invalid_id", "ids")
    _error(client.post(f"/groups/{group}/assign", data={"csrf_token": csrf,
                                                        "assignee_id": digit},
                       headers=JSON), 400, "invalid_id", "assignee_id")
    _error(client.post(f"/groups/{group}/status",
                       data={"csrf_token": csrf, "status": "duplicate",
                             "duplicate_of": digit}, headers=JSON),
           400, "invalid_id", "duplicate_of")
    editor = users["editor"].id
    _error(client.post(f"/admin/users/{editor}",
                       data={"csrf_token": csrf, "action": "sites", "site_id": digit},
                       headers=JSON), 400, "invalid_id", "site_id")
    _error(client.get(f"/admin/audit?before={digit}", headers=JSON),
           400, "invalid_id", "before")


def test_a_browser_gets_an_html_error_page(client: TestClient, users: object) -> None:
    login(client, EDITOR)
    response = client.get("/?until=9999-12-31&q=<script>")
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")
    assert "until" in response.text
    assert "<script>" not in response.text
    assert response.headers["content-security-policy"]
    assert response.headers["cache-control"] == "no-store"


# --- dates, cursors, search -------------------------------------------------------------

@pytest.mark.parametrize("query", ["until=9999-12-31", "since=9999-12-31",
                                   "since=0001-01-01", "until=0001-01-01"])
def test_dates_out_of_range_are_refused(client: TestClient, users: object,
                                        query: str) -> None:
    login(client, EDITOR)
    field = query.split("=")[0]
    for path in ("/", "/export.csv", "/export.json"):
        _error(client.get(f"{path}?{query}", headers=JSON), 400, "invalid_date", field)


@pytest.mark.parametrize("after", ["99999999999999999999|1", "5|99999999999999999999",
                                   "-1|-1", "x|y", "9999-12-31T23:59:59-05:00|1"])
@pytest.mark.parametrize("sort", ["newest", "most"])
def test_bad_cursors_are_refused(client: TestClient, users: object, group: int,
                                 after: str, sort: str) -> None:
    login(client, EDITOR)
    _error(client.get("/", params={"status": "all", "sort": sort, "after": after},
                      headers=JSON), 400, "invalid_cursor", "after")


def test_values_at_the_edges_of_the_ranges_work(client: TestClient, users: object,
                                                 group: int) -> None:
    login(client, EDITOR)
    top = str(params.MAX_ID)
    for query in ({"since": str(params.MIN_DATE), "until": str(params.MAX_DATE)},
                  {"sort": "most", "after": f"{top}|{top}"},
                  {"sort": "newest", "after": f"{params.MAX_DATE}T23:59:59+00:00|{top}"},
                  {"sort": "newest", "after": "1970-01-01T05:00:00+05:00|1"}):
        response = client.get("/", params={"status": "all", **query})
        assert response.status_code == 200, (query, response.text[:300])
    assert 'data-row' in client.get("/", params={"status": "all", "sort": "most",
                                                 "after": f"{top}|{top}"}).text


def test_a_form_of_another_type_is_refused(client: TestClient, users: object,
                                           group: int) -> None:
    csrf = login(client, EDITOR)
    response = client.post(f"/groups/{group}/status", content=b'{"status": "spam"}',
                           headers={"Content-Type": "application/json",
                                    "X-CSRF-Token": csrf, **JSON})
    _error(response, 415, "unsupported_media_type", None)  # type: ignore[arg-type]


@pytest.mark.parametrize("q", ["a\x00b", "\x00", 'he said "', "*", "NEAR(", "NEAR(a b)",
                               '"a" OR "b"', "a AND", "-a", "^a", "a:b", "(", ")", "'",
                               "''", "\\", "{a}", "col:*", '""""', "a\u0000*"])
def test_search_never_fails(client: TestClient, users: object, group: int,
                            q: str) -> None:
    login(client, EDITOR)
    for path in ("/", "/export.json"):
        response = client.get(path, params={"q": q, "status": "all"}, headers=JSON)
        if "\x00" in q:
            _error(response, 400, "invalid_text", "q")
        else:
            assert response.status_code == 200, response.text[:300]


def test_queue_choices_are_checked(client: TestClient, users: object) -> None:
    login(client, EDITOR)
    _error(client.get("/?status=bogus", headers=JSON), 400, "invalid_choice", "status")
    _error(client.get("/?sort=bogus", headers=JSON), 400, "invalid_choice", "sort")
    _error(client.get("/?q=" + "a" * 201, headers=JSON), 400, "too_long", "q")


# --- forms ------------------------------------------------------------------------------

def test_a_form_with_thousands_of_fields_is_refused(client: TestClient, users: object,
                                                    group: int) -> None:
    csrf = login(client, EDITOR)
    body = "&".join(["csrf_token=" + csrf, "status=spam"] + [f"ids={group}"] * 5000)
    response = client.post("/groups/bulk", content=body, headers={
        "Content-Type": "application/x-www-form-urlencoded", **JSON})
    _error(response, 413, "too_many_fields", None)  # type: ignore[arg-type]


def test_an_oversized_form_is_refused(client: TestClient, users: object,
                                      group: int) -> None:
    csrf = login(client, EDITOR)
    body = f"csrf_token={csrf}&note=" + "a" * (300 * 1024)
    response = client.post(f"/groups/{group}/status", content=body, headers={
        "Content-Type": "application/x-www-form-urlencoded", **JSON})
    _error(response, 413, "body_too_large", None)  # type: ignore[arg-type]


def test_form_limits_are_settings(make_app: Callable[..., Starlette], users: object,
                                  site: Site) -> None:
    app = make_app(dashboard_form_fields=5)  # the login form has 4
    with TestClient(app, base_url="http://127.0.0.1") as small:
        csrf = login(small, EDITOR)
        body = f"csrf_token={csrf}&words=a&words=b&words=c&words=d&next=/"
        response = small.post(f"/sites/{site.id}/words", content=body, headers={
            "Content-Type": "application/x-www-form-urlencoded", **JSON})
        _error(response, 413, "too_many_fields", None)  # type: ignore[arg-type]


@pytest.mark.parametrize(("path", "field", "data"), [
    ("/groups/{group}/status", "note", {"status": "accepted", "note": "a\x00b"}),
    ("/groups/bulk", "note", {"status": "spam", "ids": "{group}", "note": "\x00"}),
    ("/admin/users", "email", {"email": "a\x00@news.example", "password": "x" * 12,
                               "role": "editor"}),
    ("/admin/sites", "name", {"name": "N\x00", "origins": "https://n.example"}),
    ("/admin/sites", "origins", {"name": "N", "origins": "https://n\x00.example"}),
    ("/sites/{site}/words", "words", {"words": "teh\x00"}),
])
def test_nul_in_a_form_field_is_refused(
    client: TestClient, users: object, group: int, site: Site, path: str, field: str,
    data: dict[str, str],
) -> None:
    csrf = login(client, ADMIN)
    values = {k: v.format(group=group) for k, v in data.items()}
    response = client.post(path.format(group=group, site=site.id),
                           data={"csrf_token": csrf, **values}, headers=JSON)
    _error(response, 400, "invalid_text", field)


def test_admin_cannot_give_a_user_a_missing_site(
    app: Starlette, client: TestClient, users: dict[str, accounts.User], site: Site,
) -> None:
    csrf = login(client, ADMIN)
    editor = users["editor"]
    response = client.post(f"/admin/users/{editor.id}", data={
        "csrf_token": csrf, "action": "sites", "site_id": [str(site.id), "424242"]},
        follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/admin/users"  # the message is flashed
    assert "No site 424242; nothing changed." in client.get("/admin/users").text
    us = schema.user_sites
    kept = read(app, lambda c: c.execute(select(us.c.site_id).where(
        us.c.user_id == editor.id)).scalars().all())
    assert kept == [site.id]  # unchanged


# --- every route, generated values ------------------------------------------------------

_TEXT = st.text(st.characters(codec="utf-8"), max_size=30)
_HOSTILE = st.sampled_from([
    "", "0", "1", "-1", "²", "①", "٣", "9223372036854775807", "9223372036854775808",
    "99999999999999999999", "9999-12-31", "0001-01-01", "2026-01-01", "\x00", "a\x00",
    '"', "*", "NEAR(", "x|y", "5|-1", "1|1", "2026-01-01T00:00:00+00:00|1", "all", "most",
    "new", "spam", "duplicate", "sites", "role", "disable", "enable", "remove", "admin",
    "editor", "//evil.example", "/\\evil", "#1", "%00", "a" * 3000,
])
_VALUE = st.one_of(_HOSTILE, _TEXT)
_QUERY_NAMES = ["site", "status", "since", "until", "suggestion", "q", "sort", "after",
                "mine", "notice", "before", "next", "anchor", "from", "to"]
_FORM_NAMES = ["ids", "status", "note", "back", "duplicate_of", "assignee_id", "email",
               "password", "role", "site", "action", "site_id", "name", "origins", "key",
               "words", "next"]
_PATH_ID = st.one_of(_HOSTILE, st.text(st.characters(codec="ascii", exclude_characters="/?#"),
                                       min_size=1, max_size=20))

_GETS = ["/", "/queue", "/export.csv", "/export.json", "/export.annotations",
         "/export.{id}", "/groups/{id}", "/admin/users", "/admin/sites", "/admin/audit",
         "/sites/{id}/words", "/account/password", "/articles/{id}", "/articles/{id}/diff",
         "/silent-edits"]
_POSTS = ["/groups/bulk", "/groups/{id}/status", "/groups/{id}/assign", "/admin/users",
          "/admin/users/{id}", "/admin/sites", "/sites/{id}/words", "/groups/{id}/confirm-fix"]


def _path(template: str, ident: str) -> str:
    return template.replace("{id}", quote(ident, safe=""))


def _fields(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for name, value in pairs:
        fields.setdefault(name, []).append(value)
    return fields


def _ids(users: dict[str, accounts.User], site: Site, group: int) -> st.SearchStrategy[str]:
    """Path ids: mostly ones that name something (so the handler runs), else hostile."""
    real = st.sampled_from([str(group), str(site.id), str(users["editor"].id),
                            str(users["other"].id)])
    return st.one_of(real, real, _PATH_ID)


@pytest.mark.parametrize("who", [ADMIN, EDITOR])
def test_no_get_answers_500(client: TestClient, users: dict[str, accounts.User],
                            site: Site, group: int, who: str) -> None:
    login(client, who)

    @hsettings(max_examples=100, deadline=None, database=None,
               suppress_health_check=[HealthCheck.function_scoped_fixture,
                                      HealthCheck.too_slow])
    @given(path=st.sampled_from(_GETS), ident=_ids(users, site, group),
           query=st.lists(st.tuples(st.sampled_from(_QUERY_NAMES), _VALUE), max_size=6))
    def check(path: str, ident: str, query: list[tuple[str, str]]) -> None:
        response = client.get(_path(path, ident), params=_fields(query),
                              follow_redirects=False)
        assert response.status_code < 500, response.text[:300]

    check()


@pytest.mark.parametrize("who", [ADMIN, EDITOR])
def test_no_post_answers_500(client: TestClient, users: dict[str, accounts.User],
                             site: Site, group: int, who: str) -> None:
    csrf = login(client, who)

    @hsettings(max_examples=100, deadline=None, database=None,
               suppress_health_check=[HealthCheck.function_scoped_fixture,
                                      HealthCheck.too_slow])
    @given(path=st.sampled_from(_POSTS), ident=_ids(users, site, group),
           form=st.lists(st.tuples(st.sampled_from(_FORM_NAMES), _VALUE), max_size=8),
           accept=st.sampled_from(["text/html", "application/json"]))
    def check(path: str, ident: str, form: list[tuple[str, str]], accept: str) -> None:
        response = client.post(_path(path, ident), data=_fields([("csrf_token", csrf), *form]),
                               headers={"Accept": accept}, follow_redirects=False)
        assert response.status_code < 500, response.text[:300]

    check()
