"""Editors' accounts: users, Argon2id password hashes and server-side sessions.

Passwords are hashed with Argon2id (argon2-cffi).  A hash made with other parameters
than the current ones is replaced on the next successful login.  Login failures say
nothing about whether the account exists: an unknown address still costs one hash
verification (against a dummy hash), so the timing is the same.

Hashing and verifying take about 100 ms of CPU each, so they never run inside a database
job: a write job holds the database's one write lock, and every report waits behind it.
The functions that take a ``Database`` (:func:`authenticate`, :func:`add_user`,
:func:`change_password`, :func:`ensure_demo_user`) read what they need, hash or verify
outside any transaction, then write only what must change in a short job. They block, so
the web calls them on its hashing thread (:mod:`copydesk.web.dashboard.hashing`: one at
a time per process); the CLI calls them directly. The functions that take a
``Connection`` never hash: a new password reaches them as a :class:`PasswordHash`, made
beforehand by :func:`hash_password`.

Text that PostgreSQL cannot store (NUL, lone surrogates) never reaches a query: such an
email address finds no user and is refused as a new address; such a password fails to
verify and is refused as a new password.

A session's cookie carries a random token; the ``sessions`` table stores only its
SHA-256, so a leaked database does not hand out logins.  Each session has its own
CSRF token.

An admin can make a **password reset link** for another user
(:func:`create_reset`): a random token whose SHA-256 alone is stored
(``password_resets``), valid for :data:`RESET_HOURS` hours and once.  A new link
replaces the user's earlier unused ones.  :func:`reset_password` checks the link
before hashing (so a flood of bad links costs no Argon2), hashes outside any job, then
in one job marks the link used (only if it still is unused and unexpired), stores the
hash and ends the user's sessions.
"""

from __future__ import annotations

import functools
import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, delete, insert, select, update

from copydesk.models import Role
from copydesk.storage import schema
from copydesk.storage.database import Database

MIN_PASSWORD = 10
#: How long a password reset link works.
RESET_HOURS = 24
MAX_PASSWORD = 1024
DEMO_EMAIL = "editor@demo.copydesk"
#: The demo's fixed, documented password: only ever set by ``ensure_demo_user``.
DEMO_PASSWORD = "copydesk-demo-password"  # noqa: S105


class AccountError(ValueError):
    """A user cannot be created or changed as asked."""


@dataclass(frozen=True)
class User:
    id: int
    email: str
    role: Role
    disabled: bool
    site_ids: frozenset[int]
    #: The dashboard's language and time zone they chose (None: the browser's).
    language: str | None = None
    time_zone: str | None = None

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    def can_see(self, site_id: int) -> bool:
        return self.is_admin or site_id in self.site_ids


@dataclass(frozen=True)
class Session:
    user: User
    csrf_token: str
    expires_at: datetime


@dataclass(frozen=True)
class PasswordHash:
    """An encoded Argon2id hash, made by :func:`hash_password` outside any database job."""

    encoded: str


@dataclass(frozen=True)
class _Credentials:
    user: User
    encoded: str


@functools.cache
def default_hasher() -> PasswordHasher:
    """Argon2id with argon2-cffi's current recommended parameters (RFC 9106 low memory)."""
    return PasswordHasher()


@functools.cache
def _dummy_hash(hasher: PasswordHasher) -> str:
    return hasher.hash(secrets.token_urlsafe(16))


def normalise_email(email: str) -> str:
    return email.strip().lower()


def storable(text: str) -> bool:
    """Whether both databases can store and compare ``text`` (PostgreSQL refuses NUL,
    and no driver encodes a lone surrogate)."""
    if "\x00" in text:
        return False
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


def check_email(email: str) -> str:
    """The normalised address of a new user; AccountError when it is not one."""
    email = normalise_email(email)
    if ("@" not in email or len(email) > 320 or any(c.isspace() for c in email)
            or not email.isprintable()):
        raise AccountError(f"{email!r} is not an email address")
    return email


def check_new_password(password: str) -> None:
    """AccountError when ``password`` cannot be a new password."""
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"a password needs at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise AccountError(f"a password has at most {MAX_PASSWORD} characters")
    if not storable(password):
        raise AccountError("a password cannot contain NUL characters or lone surrogates")


def hash_password(password: str, hasher: PasswordHasher | None = None) -> PasswordHash:
    """The hash of a new password (about 100 ms of CPU: never inside a database job)."""
    check_new_password(password)
    return PasswordHash((hasher or default_hasher()).hash(password))


def _hash_of(value: PasswordHash) -> str:
    if not isinstance(value, PasswordHash):
        raise TypeError("hash the password with accounts.hash_password before the write job")
    return value.encoded


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


# ------------------------------------------------------------------------------ users


def _site_ids(conn: Connection, user_id: int) -> frozenset[int]:
    us = schema.user_sites
    return frozenset(int(s) for s in conn.execute(
        select(us.c.site_id).where(us.c.user_id == user_id)
    ).scalars())


def _user(conn: Connection, row: Any) -> User:
    uid = int(row.id)
    return User(uid, str(row.email), Role(row.role), bool(row.disabled), _site_ids(conn, uid),
                row.language, row.time_zone)


_USER_COLUMNS = (schema.users.c.id, schema.users.c.email, schema.users.c.role,
                 schema.users.c.disabled, schema.users.c.language, schema.users.c.time_zone)


def by_email(conn: Connection, email: str) -> User | None:
    if not storable(email):
        return None
    row = conn.execute(
        select(*_USER_COLUMNS).where(schema.users.c.email == normalise_email(email))
    ).first()
    return _user(conn, row) if row else None


def by_id(conn: Connection, user_id: int) -> User | None:
    row = conn.execute(select(*_USER_COLUMNS).where(schema.users.c.id == user_id)).first()
    return _user(conn, row) if row else None


def all_users(conn: Connection) -> list[User]:
    rows = conn.execute(select(*_USER_COLUMNS).order_by(schema.users.c.email)).all()
    return [_user(conn, row) for row in rows]


def _site_ids_for_keys(conn: Connection, keys: Iterable[str]) -> list[int]:
    ids = []
    for key in keys:
        found = conn.execute(select(schema.sites.c.id).where(schema.sites.c.key == key)).first()
        if found is None:
            raise AccountError(f"no site with key {key!r}")
        ids.append(int(found[0]))
    return ids


def create_user(
    conn: Connection,
    email: str,
    password_hash: PasswordHash,
    role: Role,
    site_keys: Iterable[str] = (),
) -> User:
    """A new user with an already hashed password (see :func:`add_user`)."""
    encoded = _hash_of(password_hash)
    email = check_email(email)
    if by_email(conn, email) is not None:
        raise AccountError(f"a user {email} exists already")
    site_ids = _site_ids_for_keys(conn, site_keys)
    user_id = conn.execute(
        schema.users.insert()
        .values(email=email, password_hash=encoded, role=role.value,
                disabled=False, created_at=_now())
        .returning(schema.users.c.id)
    ).scalar_one()
    set_sites(conn, int(user_id), site_ids)
    user = by_id(conn, int(user_id))
    assert user is not None
    return user


def add_user(
    db: Database,
    email: str,
    password: str,
    role: Role,
    site_keys: Iterable[str] = (),
    *,
    hasher: PasswordHasher | None = None,
) -> User:
    """Create a user: hash outside the database, then one short write.  Blocks."""
    email = check_email(email)
    hashed = hash_password(password, hasher)
    return db.write_sync(lambda conn: create_user(conn, email, hashed, role, site_keys))


def set_locale(conn: Connection, user_id: int, language: str | None,
               time_zone: str | None) -> None:
    """The user's dashboard language and time zone (None: follow the browser); the
    caller checks both against ``copydesk.i18n``."""
    conn.execute(update(schema.users).where(schema.users.c.id == user_id)
                 .values(language=language, time_zone=time_zone))


def set_time_zone_once(conn: Connection, user_id: int, time_zone: str) -> None:
    """The browser's time zone, kept only while the user has none."""
    u = schema.users
    conn.execute(update(u).where(u.c.id == user_id, u.c.time_zone.is_(None))
                 .values(time_zone=time_zone))


def set_sites(conn: Connection, user_id: int, site_ids: Iterable[int]) -> None:
    us = schema.user_sites
    conn.execute(delete(us).where(us.c.user_id == user_id))
    rows = [{"user_id": user_id, "site_id": sid} for sid in sorted(set(site_ids))]
    if rows:
        conn.execute(insert(us), rows)


def _require(conn: Connection, email: str) -> User:
    user = by_email(conn, email)
    if user is None:
        raise AccountError(f"no user {normalise_email(email)}")
    return user


def _keep_an_admin(conn: Connection, user: User) -> None:
    """Refuse to take away the last active admin: nobody could manage users after."""
    if not user.is_admin or user.disabled:
        return
    u = schema.users
    others = conn.execute(
        select(u.c.id).where(u.c.role == Role.ADMIN.value, u.c.disabled.is_(False),
                             u.c.id != user.id).limit(1)
    ).first()
    if others is None:
        raise AccountError(f"{user.email} is the last active admin; make another admin first")


def set_role(conn: Connection, email: str, role: Role) -> User:
    """Make a user an admin or an editor (an editor keeps their assigned sites)."""
    user = _require(conn, email)
    if role is not Role.ADMIN:
        _keep_an_admin(conn, user)
    conn.execute(update(schema.users).where(schema.users.c.id == user.id)
                 .values(role=role.value))
    found = by_id(conn, user.id)
    assert found is not None
    return found


def set_site_keys(conn: Connection, email: str, keys: Iterable[str]) -> User:
    """Replace the sites an editor works on with the sites of these keys."""
    user = _require(conn, email)
    set_sites(conn, user.id, _site_ids_for_keys(conn, keys))
    found = by_id(conn, user.id)
    assert found is not None
    return found


def set_disabled(conn: Connection, email: str, disabled: bool = True) -> User:
    user = _require(conn, email)
    if disabled:
        _keep_an_admin(conn, user)
    conn.execute(update(schema.users).where(schema.users.c.id == user.id)
                 .values(disabled=disabled))
    if disabled:
        conn.execute(delete(schema.sessions).where(schema.sessions.c.user_id == user.id))
    found = by_id(conn, user.id)
    assert found is not None
    return found


def set_password(conn: Connection, email: str, password_hash: PasswordHash) -> None:
    """Store an already hashed password and end every session of the user."""
    encoded = _hash_of(password_hash)
    user = _require(conn, email)
    conn.execute(update(schema.users).where(schema.users.c.id == user.id)
                 .values(password_hash=encoded))
    conn.execute(delete(schema.sessions).where(schema.sessions.c.user_id == user.id))


def change_password(
    db: Database, email: str, password: str, *, hasher: PasswordHasher | None = None
) -> None:
    """Change a password (ends every session of the user): hash, then one short write.

    Blocks."""
    hashed = hash_password(password, hasher)
    db.write_sync(lambda conn: set_password(conn, email, hashed))


def _credentials(conn: Connection, email: str) -> _Credentials | None:
    if not storable(email):
        return None
    row = conn.execute(
        select(*_USER_COLUMNS, schema.users.c.password_hash)
        .where(schema.users.c.email == normalise_email(email))
    ).first()
    return _Credentials(_user(conn, row), str(row.password_hash)) if row else None


def _verify(found: _Credentials | None, password: str,
            hasher: PasswordHasher) -> tuple[bool, PasswordHash | None]:
    """Whether the password matches, and its new hash when the stored one is outdated."""
    stored = found.encoded if found is not None else _dummy_hash(hasher)
    try:
        hasher.verify(stored, password)
    except (VerificationError, InvalidHashError, UnicodeEncodeError):
        return False, None
    if found is None or not hasher.check_needs_rehash(stored):
        return True, None
    return True, PasswordHash(hasher.hash(password))


def _replace_hash(conn: Connection, user_id: int, old: str, new: PasswordHash) -> None:
    """Store a rehash, unless the password changed since it was read."""
    u = schema.users
    conn.execute(update(u).where(u.c.id == user_id, u.c.password_hash == old)
                 .values(password_hash=new.encoded))


def authenticate(
    db: Database, email: str, password: str, *, hasher: PasswordHasher | None = None
) -> User | None:
    """The user for these credentials, or None; rehashes outdated hashes.  Blocks.

    Reads the stored hash, verifies it outside any transaction, and writes only a
    rehash.  An unknown or disabled account costs the same verification as a known one.
    """
    hasher = hasher or default_hasher()
    found = db.read_sync(lambda conn: _credentials(conn, email))
    ok, rehashed = _verify(found, password, hasher)
    if not ok or found is None or found.user.disabled:
        return None
    if rehashed is not None:
        db.write_sync(lambda conn: _replace_hash(conn, found.user.id, found.encoded, rehashed))
    return found.user


def ensure_demo_user(db: Database) -> tuple[str, str]:
    """The demo's editor (admin of the demo install), created once; its credentials."""
    if db.read_sync(lambda conn: by_email(conn, DEMO_EMAIL)) is None:
        hashed = hash_password(DEMO_PASSWORD)

        def create(conn: Connection) -> None:
            if by_email(conn, DEMO_EMAIL) is None:
                create_user(conn, DEMO_EMAIL, hashed, Role.ADMIN)

        db.write_sync(create)
    return DEMO_EMAIL, DEMO_PASSWORD


# --------------------------------------------------------------------------- sessions


def token_id(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(conn: Connection, user_id: int, days: int) -> tuple[str, str]:
    """A new session: ``(cookie token, csrf token)``."""
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    now = _now()
    conn.execute(schema.sessions.insert().values(
        id=token_id(token), user_id=user_id, csrf_token=csrf, created_at=now,
        expires_at=now + timedelta(days=days),
    ))
    conn.execute(delete(schema.sessions).where(
        schema.sessions.c.user_id == user_id, schema.sessions.c.expires_at < now
    ))
    return token, csrf


def load_session(conn: Connection, token: str) -> Session | None:
    """The live session of a cookie token, or None (unknown, expired, user disabled)."""
    if not token or len(token) > 100:
        return None
    s = schema.sessions
    row = conn.execute(
        select(s.c.user_id, s.c.csrf_token, s.c.expires_at).where(s.c.id == token_id(token))
    ).first()
    if row is None or _aware(row.expires_at) <= _now():
        return None
    user = by_id(conn, int(row.user_id))
    if user is None or user.disabled:
        return None
    return Session(user, str(row.csrf_token), _aware(row.expires_at))


def end_session(conn: Connection, token: str) -> None:
    conn.execute(delete(schema.sessions).where(schema.sessions.c.id == token_id(token)))


# ---------------------------------------------------------------- password reset links


def create_reset(conn: Connection, user_id: int, created_by: str,
                 hours: float = RESET_HOURS) -> str:
    """A one-time reset link's token for the user (only its SHA-256 is stored);
    replaces the user's earlier unused links."""
    user = by_id(conn, user_id)
    if user is None:
        raise AccountError(f"no user {user_id}")
    if user.disabled:
        raise AccountError(f"{user.email} is disabled; enable the account first")
    pr = schema.password_resets
    now = _now()
    conn.execute(delete(pr).where(pr.c.user_id == user_id, pr.c.used_at.is_(None)))
    conn.execute(delete(pr).where(pr.c.expires_at < now))
    token = secrets.token_urlsafe(32)
    conn.execute(pr.insert().values(id=token_id(token), user_id=user_id,
                                    created_by=created_by, created_at=now,
                                    expires_at=now + timedelta(hours=hours)))
    return token


def reset_user(conn: Connection, token: str) -> User | None:
    """The user a reset link is for while it is unused and unexpired (and the user is
    enabled); else None."""
    if not token or len(token) > 100 or not storable(token):
        return None
    pr = schema.password_resets
    row = conn.execute(select(pr.c.user_id, pr.c.expires_at, pr.c.used_at)
                       .where(pr.c.id == token_id(token))).first()
    if row is None or row.used_at is not None or _aware(row.expires_at) <= _now():
        return None
    user = by_id(conn, int(row.user_id))
    return None if user is None or user.disabled else user


def use_reset(conn: Connection, token: str, password_hash: PasswordHash) -> User | None:
    """Spend a reset link: store the already hashed password and end every session of
    the user.  None when the link is unknown, used, expired, or its user disabled."""
    encoded = _hash_of(password_hash)
    user = reset_user(conn, token)
    if user is None:
        return None
    pr = schema.password_resets
    now = _now()
    spent = conn.execute(
        update(pr).where(pr.c.id == token_id(token), pr.c.used_at.is_(None),
                         pr.c.expires_at > now).values(used_at=now)
    ).rowcount
    if spent != 1:
        return None
    conn.execute(update(schema.users).where(schema.users.c.id == user.id)
                 .values(password_hash=encoded))
    conn.execute(delete(schema.sessions).where(schema.sessions.c.user_id == user.id))
    return user


def reset_password(db: Database, token: str, password: str, *,
                   hasher: PasswordHasher | None = None) -> User | None:
    """Set a password through a reset link: check the link, hash outside the database,
    then one short write.  None when the link does not work.  Blocks."""
    if db.read_sync(lambda conn: reset_user(conn, token)) is None:
        return None
    hashed = hash_password(password, hasher)
    return db.write_sync(lambda conn: use_reset(conn, token, hashed))
