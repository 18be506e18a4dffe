"""Accounts: Argon2id hashes, rehashing, authentication and sessions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select, update
from starlette.applications import Starlette

from copydesk import accounts
from copydesk.models import Role, Site
from copydesk.storage import schema
from tests.dashboard.conftest import read, write

FAST = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


def test_hash_is_argon2id_and_short_passwords_are_refused() -> None:
    assert accounts.hash_password("long enough pw", FAST).startswith("$argon2id$")
    with pytest.raises(accounts.AccountError):
        accounts.hash_password("short", FAST)


def test_authenticate(app: Starlette, site: Site) -> None:
    write(app, lambda c: accounts.create_user(c, "Ed@News.Example ", "long enough pw",
                                              Role.EDITOR, [site.key], hasher=FAST))
    user = write(app, lambda c: accounts.authenticate(c, "ed@news.example", "long enough pw",
                                                      hasher=FAST))
    assert user is not None
    assert user.email == "ed@news.example"
    assert user.site_ids == frozenset({site.id})
    assert write(app, lambda c: accounts.authenticate(c, "ed@news.example", "wrong password",
                                                      hasher=FAST)) is None
    assert write(app, lambda c: accounts.authenticate(c, "nobody@news.example",
                                                      "long enough pw", hasher=FAST)) is None


def test_disabled_user_cannot_log_in_and_loses_sessions(app: Starlette, site: Site) -> None:
    user = write(app, lambda c: accounts.create_user(c, "ed@news.example", "long enough pw",
                                                     Role.EDITOR, hasher=FAST))
    token, _ = write(app, lambda c: accounts.start_session(c, user.id, 14))
    assert read(app, lambda c: accounts.load_session(c, token)) is not None
    write(app, lambda c: accounts.set_disabled(c, "ed@news.example"))
    assert read(app, lambda c: accounts.load_session(c, token)) is None
    assert write(app, lambda c: accounts.authenticate(c, "ed@news.example", "long enough pw",
                                                      hasher=FAST)) is None


def test_rehash_when_parameters_change(app: Starlette, site: Site) -> None:
    write(app, lambda c: accounts.create_user(c, "ed@news.example", "long enough pw",
                                              Role.EDITOR, hasher=FAST))

    def stored(conn: Any) -> str:
        return str(conn.execute(select(schema.users.c.password_hash)).scalar_one())

    before = read(app, stored)
    assert "m=8," in before
    stronger = PasswordHasher(time_cost=2, memory_cost=16, parallelism=1)
    assert write(app, lambda c: accounts.authenticate(c, "ed@news.example", "long enough pw",
                                                      hasher=stronger)) is not None
    after = read(app, stored)
    assert after != before
    assert "m=16," in after
    assert not stronger.check_needs_rehash(after)


def test_session_expiry_and_logout(app: Starlette, site: Site) -> None:
    user = write(app, lambda c: accounts.create_user(c, "ed@news.example", "long enough pw",
                                                     Role.EDITOR, hasher=FAST))
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
    user = write(app, lambda c: accounts.create_user(c, "ed@news.example", "long enough pw",
                                                     Role.EDITOR, hasher=FAST))
    token, _ = write(app, lambda c: accounts.start_session(c, user.id, 14))
    write(app, lambda c: accounts.set_password(c, "ed@news.example", "another long pw",
                                               hasher=FAST))
    assert read(app, lambda c: accounts.load_session(c, token)) is None
    assert write(app, lambda c: accounts.authenticate(c, "ed@news.example", "another long pw",
                                                      hasher=FAST)) is not None


def test_duplicate_user_and_unknown_site(app: Starlette, site: Site) -> None:
    write(app, lambda c: accounts.create_user(c, "ed@news.example", "long enough pw",
                                              Role.EDITOR, hasher=FAST))
    with pytest.raises(accounts.AccountError):
        write(app, lambda c: accounts.create_user(c, "ED@news.example", "long enough pw",
                                                  Role.EDITOR, hasher=FAST))
    with pytest.raises(accounts.AccountError):
        write(app, lambda c: accounts.create_user(c, "x@news.example", "long enough pw",
                                                  Role.EDITOR, ["nope"], hasher=FAST))


def test_demo_user_is_created_once(app: Starlette, site: Site) -> None:
    first = write(app, accounts.ensure_demo_user)
    second = write(app, accounts.ensure_demo_user)
    assert first == second == (accounts.DEMO_EMAIL, accounts.DEMO_PASSWORD)
    assert write(app, lambda c: accounts.authenticate(c, *first)) is not None
