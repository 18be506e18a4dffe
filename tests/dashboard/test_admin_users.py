"""Admin, users: one-time password reset links (once, expiring, hashed at rest),
disable and enable (the last active admin stays)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from starlette.applications import Starlette
from starlette.testclient import TestClient

from copydesk import accounts
from copydesk.storage import schema
from tests.dashboard.conftest import ADMIN, EDITOR, PASSWORD, login, read, write

NEW = "a brand new password"


def _link(client: TestClient, csrf: str, user_id: int) -> str:
    response = client.post(f"/admin/users/{user_id}/reset", data={"csrf_token": csrf})
    assert response.status_code == 200, response.text
    found = re.search(r"https?://[^<\s]+/password-reset/([A-Za-z0-9_-]+)", response.text)
    assert found, response.text
    return "/password-reset/" + found.group(1)


def test_reset_link_works_once_and_is_hashed_at_rest(
        app: Starlette, client: TestClient, users: dict[str, accounts.User]) -> None:
    csrf = login(client, ADMIN)
    editor = users["editor"]
    assert client.post(f"/admin/users/{editor.id}/reset", data={}).status_code == 403
    path = _link(client, csrf, editor.id)
    token = path.rsplit("/", 1)[1]
    stored = read(app, lambda c: c.execute(select(schema.password_resets)).all())
    assert [r.id for r in stored] == [accounts.token_id(token)]
    assert token not in str(stored)
    assert client.get("/admin/users").text.count(token) == 0  # shown once

    visitor = TestClient(app)
    page = visitor.get(path)
    assert page.status_code == 200 and EDITOR in page.text
    assert visitor.post(path, data={"new": NEW, "confirm": "differs from it"}
                        ).status_code == 400
    assert visitor.post(path, data={"new": "short", "confirm": "short"}).status_code == 400
    done = visitor.post(path, data={"new": NEW, "confirm": NEW}, follow_redirects=False)
    assert done.status_code == 303
    assert accounts.authenticate(app.state.ctx.db, EDITOR, NEW) is not None
    assert accounts.authenticate(app.state.ctx.db, EDITOR, PASSWORD) is None
    assert visitor.get(path).status_code == 410
    assert visitor.post(path, data={"new": "another long one", "confirm": "another long one"}
                        ).status_code == 410
    assert accounts.authenticate(app.state.ctx.db, EDITOR, NEW) is not None
    al = schema.audit_log
    actions = read(app, lambda c: c.execute(select(al.c.action).order_by(al.c.id)).scalars()
                   .all())
    assert actions == ["user.reset_link", "user.password_reset"]


def test_reset_link_expires_and_a_new_one_replaces_it(
        app: Starlette, client: TestClient, users: dict[str, accounts.User]) -> None:
    csrf = login(client, ADMIN)
    editor = users["editor"]
    first = _link(client, csrf, editor.id)
    second = _link(client, csrf, editor.id)
    visitor = TestClient(app)
    assert visitor.get(first).status_code == 410
    assert visitor.get(second).status_code == 200
    pr = schema.password_resets
    write(app, lambda c: c.execute(update(pr).values(
        expires_at=datetime.now(UTC) - timedelta(seconds=1))))
    assert visitor.get(second).status_code == 410
    assert visitor.post(second, data={"new": NEW, "confirm": NEW}).status_code == 410
    assert accounts.authenticate(app.state.ctx.db, EDITOR, PASSWORD) is not None


def test_reset_form_is_refused_from_another_site(
        app: Starlette, client: TestClient, users: dict[str, accounts.User]) -> None:
    csrf = login(client, ADMIN)
    path = _link(client, csrf, users["editor"].id)
    visitor = TestClient(app)
    response = visitor.post(path, data={"new": NEW, "confirm": NEW},
                            headers={"Origin": "https://evil.example"})
    assert response.status_code == 403
    assert accounts.authenticate(app.state.ctx.db, EDITOR, PASSWORD) is not None


def test_editors_cannot_make_links(app: Starlette, client: TestClient,
                                   users: dict[str, accounts.User]) -> None:
    csrf = login(client, EDITOR)
    response = client.post(f"/admin/users/{users['other'].id}/reset", data={"csrf_token": csrf})
    assert response.status_code == 403
    assert read(app, lambda c: c.execute(select(schema.password_resets)).all()) == []


def test_disable_enable_and_the_last_admin(app: Starlette, client: TestClient,
                                           users: dict[str, accounts.User]) -> None:
    csrf = login(client, ADMIN)
    editor = users["editor"]
    response = client.post(f"/admin/users/{editor.id}",
                           data={"csrf_token": csrf, "action": "disable"})
    assert "disabled" in response.text
    assert read(app, lambda c: accounts.by_id(c, editor.id)).disabled
    # a disabled user gets no reset link
    assert "enable the account first" in client.post(
        f"/admin/users/{editor.id}/reset", data={"csrf_token": csrf}).text
    client.post(f"/admin/users/{editor.id}", data={"csrf_token": csrf, "action": "enable"})
    assert not read(app, lambda c: accounts.by_id(c, editor.id)).disabled
    admin = users["admin"]
    refused = client.post(f"/admin/users/{admin.id}", data={"csrf_token": csrf,
                                                             "action": "disable"})
    assert "cannot disable yourself" in refused.text
    assert not read(app, lambda c: accounts.by_id(c, admin.id)).disabled
