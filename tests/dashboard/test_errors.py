"""The dashboard's one error path: styled 403/404/409 pages inside the layout, JSON for
scripts, the same security headers on every answer (pages, errors, static files)."""

from __future__ import annotations

from collections.abc import Callable

from starlette.testclient import TestClient

from tests.dashboard.conftest import EDITOR, login


def _styled(html: str) -> bool:
    return 'class="error"' in html and "/static/dashboard/dashboard.css" in html


def test_missing_group_is_a_styled_404_inside_the_layout(
    client: TestClient, users: object
) -> None:
    login(client, EDITOR)
    response = client.get("/groups/999999")
    assert response.status_code == 404
    assert _styled(response.text)
    assert "Log out" in response.text  # the navigation of a signed-in page
    assert "There is no group here" in response.text
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["cache-control"] == "no-store"
    as_json = client.get("/groups/999999", headers={"Accept": "application/json"})
    assert as_json.status_code == 404
    assert as_json.json()["error"]["code"] == "not_found"


def test_admin_page_for_an_editor_is_a_styled_403(client: TestClient, users: object) -> None:
    """A signed-in editor is told the page is for admins; a stranger is sent to log in."""
    assert client.get("/admin/users", follow_redirects=False).status_code == 303
    login(client, EDITOR)
    response = client.get("/admin/users")
    assert response.status_code == 403
    assert _styled(response.text) and "Log out" in response.text
    assert "This page is for admins only." in response.text
    posted = client.post("/admin/users", data={"email": "x@news.example"})  # no CSRF token
    assert posted.status_code == 403 and "admins only" in posted.text
    as_json = client.get("/admin/audit", headers={"Accept": "application/json"})
    assert as_json.status_code == 403 and as_json.json()["error"]["code"] == "admins_only"


def test_missing_csrf_token_is_a_styled_403(
    client: TestClient, users: object, report: Callable[..., int]
) -> None:
    gid = report()
    login(client, EDITOR)
    response = client.post(f"/groups/{gid}/status", data={"status": "accepted"})
    assert response.status_code == 403
    assert _styled(response.text)
    assert "CSRF token" in response.text
    assert response.headers["content-security-policy"].startswith("default-src 'self'")


def test_refused_transition_is_a_409_for_scripts(
    client: TestClient, users: object, report: Callable[..., int]
) -> None:
    gid = report()
    csrf = login(client, EDITOR)
    client.post(f"/groups/{gid}/status", data={"status": "rejected", "csrf_token": csrf})
    response = client.post(f"/groups/{gid}/status", data={"status": "fixed"},
                           headers={"Accept": "application/json", "X-CSRF-Token": csrf})
    assert response.status_code == 409
    message = response.json()["error"]["message"]
    assert message == "A rejected group cannot become fixed."


def test_static_files_have_etags_and_the_headers(client: TestClient) -> None:
    first = client.get("/static/dashboard/dashboard.css")
    assert first.status_code == 200
    assert first.headers["content-type"].startswith("text/css")
    assert first.headers["cache-control"] == "public, max-age=300"
    assert first.headers["x-content-type-options"] == "nosniff"
    etag = first.headers["etag"]
    again = client.get("/static/dashboard/dashboard.css", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert client.get("/static/dashboard/nothing.js").status_code == 404
    assert client.get("/static/dashboard/../../settings.py").status_code == 404
