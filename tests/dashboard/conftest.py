"""Fixtures of the dashboard tests: users, a second site, reports, logged-in clients."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from copydesk import accounts, sites
from copydesk.models import Role, Site

PASSWORD = "correct horse battery"
ADMIN = "admin@news.example"
EDITOR = "editor@news.example"
OTHER = "other@news.example"


def write(app: Starlette, fn: Callable[[Any], Any]) -> Any:
    return app.state.ctx.db.write_sync(fn)


def read(app: Starlette, fn: Callable[[Any], Any]) -> Any:
    return app.state.ctx.db.read_sync(fn)


@pytest.fixture
def other_site(app: Starlette, client: TestClient) -> Site:
    return write(app, lambda conn: sites.create(  # type: ignore[no-any-return]
        conn, "Other", ["https://other.example"], key="other-key"))


@pytest.fixture
def users(app: Starlette, site: Site, other_site: Site) -> dict[str, accounts.User]:
    hashed = accounts.hash_password(PASSWORD)  # once, outside the write job

    def run(conn: Any) -> dict[str, accounts.User]:
        return {
            "admin": accounts.create_user(conn, ADMIN, hashed, Role.ADMIN),
            "editor": accounts.create_user(conn, EDITOR, hashed, Role.EDITOR, [site.key]),
            "other": accounts.create_user(conn, OTHER, hashed, Role.EDITOR,
                                          [other_site.key]),
        }

    return write(app, run)  # type: ignore[no-any-return]


def login(client: TestClient, email: str, password: str = PASSWORD) -> str:
    """Log the client in; returns the session's CSRF token."""
    page = client.get("/login")
    token = client.cookies.get("copydesk_login_csrf")
    response = client.post("/login", data={"email": email, "password": password,
                                           "csrf_token": token, "next": "/"},
                           follow_redirects=False)
    assert response.status_code == 303, response.text
    assert page.status_code == 200
    return csrf_of(client)


def csrf_of(client: TestClient) -> str:
    html = client.get("/").text
    found = re.search(r'data-csrf="([^"]+)"', html)
    assert found, html[:500]
    return found.group(1)


@pytest.fixture
def report(client: TestClient, make_report: Callable[..., dict[str, object]]
           ) -> Callable[..., int]:
    """Send a report through the public API; returns its group id."""

    def send(**fields: object) -> int:
        response = client.post("/api/v1/reports", json=make_report(**fields),
                               headers={"Origin": "https://news.example"})
        assert response.status_code == 201, response.text
        return int(response.json()["group"])

    return send
