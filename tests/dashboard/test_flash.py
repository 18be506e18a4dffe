"""Messages after an action: kept in a signed cookie of the session, never in a URL,
shown once, and styled as an error when the action was refused."""

from __future__ import annotations

from collections.abc import Callable

from starlette.applications import Starlette
from starlette.testclient import TestClient

from copydesk.web.dashboard import flash
from tests.dashboard.conftest import EDITOR, OTHER, login


def test_a_flash_is_shown_once_and_never_in_the_url(
    client: TestClient, users: object, report: Callable[..., int]
) -> None:
    gid = report()
    csrf = login(client, EDITOR)
    done = client.post(f"/groups/{gid}/status", data={"status": "accepted", "csrf_token": csrf},
                       follow_redirects=False)
    assert done.status_code == 303
    assert done.headers["location"].startswith(f"/groups/{gid}")
    assert "notice" not in done.headers["location"]
    assert flash.COOKIE in done.headers["set-cookie"]
    assert "httponly" in done.headers["set-cookie"].lower()
    page = client.get(done.headers["location"])
    assert f"Group #{gid} marked accepted." in page.text
    assert 'class="flash flash-ok"' in page.text
    again = client.get(done.headers["location"])
    assert f"Group #{gid} marked accepted." not in again.text  # gone after reading


def test_a_json_request_does_not_take_the_flash(
    client: TestClient, users: object, report: Callable[..., int]
) -> None:
    gid = report()
    csrf = login(client, EDITOR)
    client.post(f"/groups/{gid}/status", data={"status": "accepted", "csrf_token": csrf},
                follow_redirects=False)
    client.get(f"/groups/{gid}", headers={"Accept": "application/json"})
    assert f"Group #{gid} marked accepted." in client.get(f"/groups/{gid}").text


def test_text_in_the_query_string_is_not_shown(client: TestClient, users: object) -> None:
    login(client, EDITOR)
    html = client.get("/?notice=Your+account+is+locked.+Call+555").text
    assert "Your account is locked" not in html


def test_a_forged_or_foreign_flash_is_ignored(
    app: Starlette, client: TestClient, users: object, report: Callable[..., int]
) -> None:
    gid = report()
    csrf = login(client, EDITOR)
    done = client.post(f"/groups/{gid}/status", data={"status": "accepted", "csrf_token": csrf},
                       follow_redirects=False)
    stolen = done.cookies.get(flash.COOKIE) or client.cookies.get(flash.COOKIE)
    assert stolen
    client.cookies.delete(flash.COOKIE)
    payload, _, mac = stolen.partition(".")
    client.cookies.set(flash.COOKIE, payload + "." + "0" * len(mac))
    assert "marked accepted" not in client.get("/").text
    # A valid flash of one session means nothing in another session.
    with TestClient(app) as other:
        login(other, OTHER)
        other.cookies.set(flash.COOKIE, stolen)
        assert "marked accepted" not in other.get("/").text


def test_a_refused_action_is_an_error_and_keeps_the_form(
    client: TestClient, users: object, report: Callable[..., int]
) -> None:
    gid = report()
    csrf = login(client, EDITOR)
    response = client.post(f"/groups/{gid}/status", data={
        "status": "duplicate", "duplicate_of": "987654", "note": "same typo as the other",
        "csrf_token": csrf})
    assert response.status_code == 409
    assert 'class="flash flash-error" role="alert"' in response.text
    assert "There is no group #987654 on your sites" in response.text
    assert ">same typo as the other</textarea>" in response.text
    assert 'value="987654"' in response.text
