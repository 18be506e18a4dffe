"""Accounts: Argon2id hashes, rehashing, authentication and sessions."""

from __future__ import annotations

import asyncio
import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select, update
from starlette.applications import Starlette

from copydesk import accounts
from copydesk.models import Role, Site
from copydesk.storage import schema
from copydesk.storage.database import Database
from copydesk.web.dashboard import hashing
from tests.dashboard.conftest import read, write

FAST = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
PW = "long enough pw"
ED = "ed@news.example"


def db(app: Starlette) -> Database:
    database: Database = app.state.ctx.db
    return database


def add(app: Starlette, email: str = ED, *sites: str) -> accounts.User:
    return accounts.add_user(db(app), email, PW, Role.EDITOR, sites, hasher=FAST)


def test_hash_is_argon2id_and_bad_new_passwords_are_refused() -> None:
    assert accounts.hash_password(PW, FAST).encoded.startswith("$argon2id$")
    for bad in ("short", "x" * (accounts.MAX_PASSWORD + 1), "ten chars \x00 and a NUL",
                "a lone surrogate \udc80"):
        with pytest.raises(accounts.AccountError):
            accounts.hash_password(bad, FAST)


class _Counting(PasswordHasher):
    """A fast hasher that records how many of its calls ran at once."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=8, parallelism=1)
        self.lock = threading.Lock()
        self.running = self.most = 0
        self.threads: set[str] = set()

    def _busy(self, call: Any, *args: Any) -> Any:
        with self.lock:
            self.running += 1
            self.most = max(self.most, self.running)
            self.threads.add(threading.current_thread().name)
        try:
            time.sleep(0.02)  # long enough for the threads to overlap without the cap
            return call(*args)
        finally:
            with self.lock:
                self.running -= 1

    def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str:
        return str(self._busy(super().hash, password))

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        return bool(self._busy(super().verify, hash, password))


async def test_the_dashboard_hashes_one_at_a_time_on_its_own_thread(
        app: Starlette, site: Site) -> None:
    add(app)
    counting = _Counting()
    logins = [hashing.run(accounts.authenticate, db(app), ED, f"wrong password {i}",
                          hasher=counting) for i in range(8)]
    hashes = [hashing.run(accounts.hash_password, PW, counting) for _ in range(8)]
    results = await asyncio.gather(*logins, *hashes)
    assert results[:8] == [None] * 8
    assert all(h.encoded.startswith("$argon2id$") for h in results[8:])
    assert counting.most == hashing.AT_ONCE
    assert {name.startswith("copydesk-argon2") for name in counting.threads} == {True}


def test_a_write_job_is_never_handed_a_plain_password(app: Starlette, site: Site) -> None:
    with pytest.raises(TypeError):
        write(app, lambda c: accounts.create_user(c, ED, PW, Role.EDITOR))  # type: ignore[arg-type]
    add(app)
    with pytest.raises(TypeError):
        write(app, lambda c: accounts.set_password(c, ED, PW))  # type: ignore[arg-type]


def test_authenticate(app: Starlette, site: Site) -> None:
    add(app, "Ed@News.Example ", site.key)
    user = accounts.authenticate(db(app), ED, PW, hasher=FAST)
    assert user is not None
    assert user.email == ED
    assert user.site_ids == frozenset({site.id})
    assert accounts.authenticate(db(app), ED, "wrong password", hasher=FAST) is None
    assert accounts.authenticate(db(app), "nobody@news.example", PW, hasher=FAST) is None


def test_text_the_database_refuses_is_a_failed_login(app: Starlette, site: Site) -> None:
    # PostgreSQL refuses NUL in text: this raised DataError (a 500 at /login).
    add(app)
    for email, password in ((ED + "\x00", PW), ("\x00", PW), (ED, PW + "\x00"),
                            ("ed\udc80@news.example", PW), (ED, "\udc80" + PW)):
        assert accounts.authenticate(db(app), email, password, hasher=FAST) is None
    assert read(app, lambda c: accounts.by_email(c, ED + "\x00")) is None


def test_text_the_database_refuses_is_not_an_address(app: Starlette, site: Site) -> None:
    for email in ("ed\x00@news.example", "ed\udc80@news.example", "ed\x07@news.example"):
        with pytest.raises(accounts.AccountError, match="not an email address"):
            add(app, email)
    with pytest.raises(accounts.AccountError, match="no user"):
        write(app, lambda c: accounts.set_disabled(c, "ed\x00@news.example"))


def test_disabled_user_cannot_log_in_and_loses_sessions(app: Starlette, site: Site) -> None:
    user = add(app)
    token, _ = write(app, lambda c: accounts.start_session(c, user.id, 14))
    assert read(app, lambda c: accounts.load_session(c, token)) is not None
    write(app, lambda c: accounts.set_disabled(c, ED))
    assert read(app, lambda c: accounts.load_session(c, token)) is None
    assert accounts.authenticate(db(app), ED, PW, hasher=FAST) is None


def stored(conn: Any) -> str:
    return str(conn.execute(select(schema.users.c.password_hash)).scalar_one())


def test_rehash_when_parameters_change(app: Starlette, site: Site) -> None:
    add(app)
    before = read(app, stored)
    assert "m=8," in before
    stronger = PasswordHasher(time_cost=2, memory_cost=16, parallelism=1)
    assert accounts.authenticate(db(app), ED, PW, hasher=stronger) is not None
    after = read(app, stored)
    assert after != before
    assert "m=16," in after
    assert not stronger.check_needs_rehash(after)


def test_a_rehash_does_not_undo_a_password_change(app: Starlette, site: Site) -> None:
    add(app)
    old = read(app, stored)
    user = read(app, lambda c: accounts.by_email(c, ED))
    accounts.change_password(db(app), ED, "the new password", hasher=FAST)
    # A login that verified the old hash finishes after the change: its rehash is dropped.
    rehash = accounts.hash_password(PW, FAST)
    write(app, lambda c: accounts._replace_hash(c, user.id, old, rehash))
    assert accounts.authenticate(db(app), ED, "the new password", hasher=FAST) is not None


def test_session_expiry_and_logout(app: Starlette, site: Site) -> None:
    user = add(app)
    token, csrf = write(app, lambda c: accounts.start_session(c, user.id, 14))
    session = read(app, lambda c: accounts.load_session(c, token))
    assert session.csrf_token == csrf
    assert session.expires_at > datetime.now(UTC) + timedelta(days=13)
    # Only the hash of the token is stored.
    ids = read(app, lambda c: list(c.execute(select(schema.sessions.c.id)).scalars()))
    assert token not in ids
    assert accounts.token_id(token) in ids
    write(app, lambda c: c.execute(update(schema.sessions).values(
        expires_at=datetime.now(UTC) - timedelta(seconds=1))))
    assert read(app, lambda c: accounts.load_session(c, token)) is None
    token2, _ = write(app, lambda c: accounts.start_session(c, user.id, 14))
    write(app, lambda c: accounts.end_session(c, token2))
    assert read(app, lambda c: accounts.load_session(c, token2)) is None


def test_password_change_ends_sessions(app: Starlette, site: Site) -> None:
    user = add(app)
    token, _ = write(app, lambda c: accounts.start_session(c, user.id, 14))
    accounts.change_password(db(app), ED, "another long pw", hasher=FAST)
    assert read(app, lambda c: accounts.load_session(c, token)) is None
    assert accounts.authenticate(db(app), ED, "another long pw", hasher=FAST) is not None
    assert accounts.authenticate(db(app), ED, PW, hasher=FAST) is None


def test_duplicate_user_and_unknown_site(app: Starlette, site: Site) -> None:
    add(app)
    with pytest.raises(accounts.AccountError):
        add(app, "ED@news.example")
    with pytest.raises(accounts.AccountError):
        add(app, "x@news.example", "nope")


def test_demo_user_is_created_once(app: Starlette, site: Site) -> None:
    first = accounts.ensure_demo_user(db(app))
    second = accounts.ensure_demo_user(db(app))
    assert first == second == (accounts.DEMO_EMAIL, accounts.DEMO_PASSWORD)
    assert accounts.authenticate(db(app), *first) is not None
    assert len(read(app, accounts.all_users)) == 1
