"""Logins and password changes under attack: hashing off the writer, attempt limits,
device cookies (no lock-out of the owner), and hostile characters in the form."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from http.cookiejar import Cookie
from typing import Any

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from copydesk import accounts
from copydesk.models import Role, Site
from copydesk.storage import schema
from copydesk.web.dashboard import attempts, auth
from tests.dashboard.conftest import ADMIN, EDITOR, PASSWORD, csrf_of, login, read, write

WRONG = "wrong password!"
ATTACKER = "198.51.100.7"
OWNER = "203.0.113.9"


def post_login(client: TestClient, email: str, password: str,
               headers: dict[str, str] | None = None) -> Any:
    client.get("/login", headers=headers)
    token = client.cookies.get("copydesk_login_csrf")
    return client.post("/login", data={"email": email, "password": password,
                                       "csrf_token": token, "next": "/"},
                       headers=headers, follow_redirects=False)


class BlockingHasher(PasswordHasher):
    """Argon2 whose verify (or hash) waits until the test lets it go on."""

    def __init__(self, *, block_hash: bool = False) -> None:
        super().__init__(time_cost=1, memory_cost=8, parallelism=1)
        self.entered = threading.Event()
        self.release = threading.Event()
        self.block_hash = block_hash

    def _wait(self) -> None:
        self.entered.set()
        assert self.release.wait(30), "never released"

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        if not self.block_hash:
            self._wait()
        return super().verify(hash, password)

    def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str:
        if self.block_hash:
            self._wait()
        return super().hash(password, salt=salt)


@pytest.fixture
def hasher(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., BlockingHasher]]:
    made: list[BlockingHasher] = []

    def install(**options: bool) -> BlockingHasher:
        blocking = BlockingHasher(**options)
        monkeypatch.setattr(accounts, "default_hasher", lambda: blocking)
        made.append(blocking)
        return blocking

    yield install
    for blocking in made:
        blocking.release.set()


def write_completes_meanwhile(app: Starlette, blocking: BlockingHasher,
                              request: Callable[[], Any]) -> Any:
    """Run ``request`` until its hasher blocks; a write job must still complete then."""
    answer: list[Any] = []
    worker = threading.Thread(target=lambda: answer.append(request()))
    worker.start()
    assert blocking.entered.wait(30), "the request never reached the hasher"
    done = threading.Event()

    def other_write() -> None:
        write(app, lambda c: c.execute(schema.meta.insert().values(key="probe", value="1")))
        done.set()

    writer = threading.Thread(target=other_write)
    writer.start()
    # With hashing inside a write job this write waits behind it (until released).
    completed = done.wait(10)
    blocking.release.set()
    worker.join(30)
    writer.join(30)
    assert completed, "a write waited for password hashing"
    return answer[0]


def test_login_verifies_the_password_outside_the_writer(
    app: Starlette, client: TestClient, users: object, hasher: Callable[..., BlockingHasher]
) -> None:
    blocking = hasher()
    response = write_completes_meanwhile(app, blocking,
                                         lambda: post_login(client, EDITOR, PASSWORD))
    assert response.status_code == 303


def test_password_change_hashes_outside_the_writer(
    app: Starlette, client: TestClient, users: object, hasher: Callable[..., BlockingHasher]
) -> None:
    csrf = login(client, EDITOR)
    blocking = hasher()
    response = write_completes_meanwhile(app, blocking, lambda: client.post(
        "/account/password", data={"current": PASSWORD, "new": "a new long pw",
                                   "confirm": "a new long pw", "csrf_token": csrf},
        follow_redirects=False))
    assert response.status_code == 303


def test_adding_a_user_hashes_outside_the_writer(
    app: Starlette, client: TestClient, users: object, hasher: Callable[..., BlockingHasher]
) -> None:
    csrf = login(client, ADMIN)
    blocking = hasher(block_hash=True)
    response = write_completes_meanwhile(app, blocking, lambda: client.post(
        "/admin/users", data={"email": "new@news.example", "password": "a long password",
                              "role": "editor", "csrf_token": csrf}, follow_redirects=False))
    assert response.status_code == 303
    assert read(app, lambda c: accounts.by_email(c, "new@news.example")) is not None


# ------------------------------------------------------------------- device cookies


@pytest.fixture
def proxied(make_app: Callable[..., Starlette], site: Site) -> Iterator[TestClient]:
    """A client behind a trusted proxy, so each request can come from another address."""
    app = make_app(trusted_proxies=("127.0.0.1",))
    with TestClient(app, base_url="http://127.0.0.1", client=("127.0.0.1", 50000)) as client:
        accounts.add_user(app.state.ctx.db, EDITOR, PASSWORD, Role.EDITOR, [site.key])
        yield client


def frm(address: str) -> dict[str, str]:
    return {"X-Forwarded-For": address}


def exhaust_account(client: TestClient, used: int = 0) -> None:
    """Wrong passwords from the attacker until the account's budget is spent (``used``:
    untrusted attempts already made in this minute)."""
    left = attempts.LIMIT_ACCOUNT - used
    codes = [post_login(client, EDITOR, WRONG, frm(ATTACKER)).status_code
             for _ in range(left + 1)]
    assert codes == [400] * left + [429]


def devices(client: TestClient) -> list[Cookie]:
    return [c for c in client.cookies.jar if c.name.startswith(attempts.DEVICE_COOKIE)]


def restore(client: TestClient, saved: list[Cookie]) -> None:
    for cookie in saved:
        client.cookies.jar.set_cookie(cookie)


def test_the_owner_with_a_device_cookie_is_not_locked_out(proxied: TestClient) -> None:
    assert post_login(proxied, EDITOR, PASSWORD, frm(OWNER)).status_code == 303
    device = devices(proxied)
    assert len(device) == 1
    proxied.cookies.clear()
    exhaust_account(proxied, used=1)  # the owner's own first login counted
    # The attacker (no device cookie) is refused even with the right password.
    refused = post_login(proxied, EDITOR, PASSWORD, frm(ATTACKER))
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) >= 1
    # So is the owner on a browser that never logged in (from their own address).
    assert post_login(proxied, EDITOR, PASSWORD, frm(OWNER)).status_code == 429
    # The owner's browser that logged in before still gets in, and its wrong tries
    # count against that device only.
    restore(proxied, device)
    assert post_login(proxied, EDITOR, WRONG, frm(OWNER)).status_code == 400
    assert post_login(proxied, EDITOR, PASSWORD, frm(OWNER)).status_code == 303
    # The attacker is still refused.
    proxied.cookies.clear()
    assert post_login(proxied, EDITOR, PASSWORD, frm(ATTACKER)).status_code == 429


def test_a_device_has_its_own_limit(proxied: TestClient) -> None:
    assert post_login(proxied, EDITOR, PASSWORD, frm(OWNER)).status_code == 303
    codes = [post_login(proxied, EDITOR, WRONG, frm(OWNER)).status_code
             for _ in range(attempts.LIMIT_DEVICE + 1)]
    assert codes == [400] * attempts.LIMIT_DEVICE + [429]
    assert post_login(proxied, EDITOR, PASSWORD, frm(OWNER)).status_code == 429
    # The untrusted budget was not touched: a fresh browser still gets its tries.
    proxied.cookies.clear()
    assert post_login(proxied, EDITOR, PASSWORD, frm(OWNER)).status_code == 303


def test_a_forged_or_foreign_device_cookie_is_not_trusted(proxied: TestClient) -> None:
    app: Starlette = proxied.app  # type: ignore[assignment]
    secret = app.state.ctx.secret
    name = attempts.cookie_name(secret, EDITOR)
    for value in ("1.2.3", attempts.device_value("another secret", EDITOR),
                  attempts.device_value(secret, "someone@news.example"),
                  attempts.device_value(secret, EDITOR, now=0)):  # expired long ago
        assert attempts.trusted_device(secret, EDITOR, value) is None
    assert attempts.trusted_device(secret, EDITOR, attempts.device_value(secret, EDITOR))
    exhaust_account(proxied)
    proxied.cookies.set(name, attempts.device_value("another secret", EDITOR),
                        domain="127.0.0.1")
    assert post_login(proxied, EDITOR, PASSWORD, frm(OWNER)).status_code == 429


def test_the_device_cookie_is_http_only_and_strict(proxied: TestClient) -> None:
    response = post_login(proxied, EDITOR, PASSWORD, frm(OWNER))
    cookies = [v for k, v in response.headers.multi_items()
               if k == "set-cookie" and v.startswith(attempts.DEVICE_COOKIE)]
    assert len(cookies) == 1
    assert "httponly" in cookies[0].lower()
    assert "samesite=strict" in cookies[0].lower()
    assert EDITOR not in cookies[0]


# ------------------------------------------------------------------ password change


def change(client: TestClient, csrf: str, current: str, **headers: str) -> Any:
    return client.post("/account/password", headers=headers, data={
        "current": current, "new": "a new long pw", "confirm": "a new long pw",
        "csrf_token": csrf}, follow_redirects=False)


def test_password_change_is_limited(proxied: TestClient) -> None:
    # A browser that never logged in before (a stolen session): the account's budget.
    assert post_login(proxied, EDITOR, PASSWORD, frm(OWNER)).status_code == 303
    device = devices(proxied)
    for cookie in device:
        proxied.cookies.delete(cookie.name)
    csrf = csrf_of(proxied)
    codes = [change(proxied, csrf, WRONG, **frm(ATTACKER)).status_code
             for _ in range(attempts.LIMIT_ACCOUNT + 1)]
    assert codes == [400] * attempts.LIMIT_ACCOUNT + [429]
    limited = change(proxied, csrf, PASSWORD, **frm(ATTACKER))
    assert limited.status_code == 429
    assert auth.CHANGE_LIMITED in limited.text
    # The owner's device keeps its own budget, and the password did not change.
    restore(proxied, device)
    assert change(proxied, csrf, PASSWORD, **frm(OWNER)).status_code == 303
    assert post_login(proxied, EDITOR, "a new long pw", frm(OWNER)).status_code == 303


def test_password_change_limit_per_device(client: TestClient, users: object) -> None:
    csrf = login(client, EDITOR)
    codes = [change(client, csrf, WRONG).status_code for _ in range(attempts.LIMIT_DEVICE + 1)]
    assert codes == [400] * attempts.LIMIT_DEVICE + [429]


# -------------------------------------------------------------- hostile form fields


@pytest.mark.parametrize(("email", "password"), [
    (EDITOR + "\x00", PASSWORD), ("\x00", "\x00"), (EDITOR, PASSWORD + "\x00"),
    ("ed%00@news.example", PASSWORD), (EDITOR + "\x01", PASSWORD + "\x1b"),
])
def test_hostile_characters_in_the_login_form(client: TestClient, users: object,
                                              email: str, password: str) -> None:
    # On PostgreSQL a NUL in the address raised DataError: a 500 before any login.
    response = post_login(client, email, password)
    assert response.status_code == 400
    assert auth.FAILED in response.text
    assert "\x00" not in response.text


def test_hostile_characters_in_the_password_forms(app: Starlette, client: TestClient,
                                                  users: object) -> None:
    csrf = login(client, EDITOR)
    response = client.post("/account/password", data={
        "current": PASSWORD + "\x00", "new": "a new long pw", "confirm": "a new long pw",
        "csrf_token": csrf}, follow_redirects=False)
    assert response.status_code == 400
    assert "current password is wrong" in response.text
    bad = "a new\x00long pw"
    response = client.post("/account/password", data={
        "current": PASSWORD, "new": bad, "confirm": bad, "csrf_token": csrf},
        follow_redirects=False)
    assert response.status_code == 400
    assert "NUL" in response.text
    csrf = login(client, ADMIN)
    response = client.post("/admin/users", data={
        "email": "new\x00@news.example", "password": "a long password", "role": "editor",
        "csrf_token": csrf}, follow_redirects=False)
    # Refused as bad input (400) by the form parser, or as "not an email address".
    assert response.status_code in {303, 400}
    if response.status_code == 303:
        assert "not+an+email+address" in response.headers["location"]
    emails = read(app, lambda c: list(c.execute(select(schema.users.c.email)).scalars()))
    assert len(emails) == 3
