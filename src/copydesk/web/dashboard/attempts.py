"""Limits on password attempts that slow a guesser down without locking the owner out.

The scheme is OWASP's "device cookie" (Authentication Cheat Sheet, "Slow down online
guessing attacks with device cookies"):

- A successful login sets a **device cookie** for that account: ``issued.nonce.mac``,
  where ``mac`` is an HMAC (the install's secret key) over the normalised email
  address, the issue time and the random nonce.  It lives :data:`DEVICE_DAYS` days, is
  HttpOnly and SameSite=Strict; its name carries a keyed hash of the address, so one
  browser holds one cookie per account and the cookie reveals no address.  Each login
  issues a fresh one.
- An attempt that presents a valid device cookie for the account it names is
  **trusted**: it counts only against that device (:data:`LIMIT_DEVICE` a minute),
  never against the account or the client's address.
- Every other attempt is **untrusted**: it counts against the client's IP block
  (:data:`LIMIT_BLOCK` a minute, the /24 or /48 of ``privacy.block``) and the account
  (:data:`LIMIT_ACCOUNT` a minute).

So an attacker who tries passwords for an account from anywhere exhausts only the
untrusted budget: they get 429, even with the right password, while the owner's
browser that logged in before still logs in.  An owner on a new browser during an
attack waits for the window to end (or an admin sets their password with
``copydesk user passwd``).

Attempts are counted **before** the password is checked, so a flood never reaches
Argon2 (about 100 ms of CPU per attempt); the limiter's one operation,
``hit(key, limit)``, counts and answers at once.  A successful login therefore costs
its one attempt, but only the first: after it, that browser's attempts are trusted and
leave the account's budget alone.

The same limits, under their own keys (scope ``password``), guard
``/account/password``, where a session's holder must give the current password: a
stolen session cannot be used to guess it.  Limiter keys are keyed daily hashes;
no raw address or email is kept.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from datetime import date

from starlette.requests import Request
from starlette.responses import Response

from copydesk import accounts
from copydesk.context import Context
from copydesk.ingest import privacy

#: Untrusted attempts per minute on one account, and from one IP block.
LIMIT_ACCOUNT = 10
LIMIT_BLOCK = 30
#: Attempts per minute from one trusted device (a valid device cookie) on its account.
LIMIT_DEVICE = 10
DEVICE_DAYS = 365
DEVICE_COOKIE = "copydesk_device_"
#: Scopes: a login, and the current-password check of a password change.
LOGIN = "login"
PASSWORD = "password"  # noqa: S105 (a scope name, not a password)


def _mac(secret: str, message: str) -> str:
    return hmac.new(secret.encode(), message.encode(), hashlib.sha256).hexdigest()


def cookie_name(secret: str, email: str) -> str:
    """The device cookie's name for one account (a keyed hash of its address)."""
    return DEVICE_COOKIE + _mac(secret, "device-name|" + accounts.normalise_email(email))[:16]


def _signature(secret: str, email: str, issued: str, nonce: str) -> str:
    return _mac(secret, f"device|{accounts.normalise_email(email)}|{issued}|{nonce}")


def device_value(secret: str, email: str, now: float | None = None) -> str:
    """A new device cookie value for the account ``email``."""
    issued = str(int(time.time() if now is None else now))
    nonce = secrets.token_urlsafe(18)
    return f"{issued}.{nonce}.{_signature(secret, email, issued, nonce)}"


def trusted_device(secret: str, email: str, value: str, now: float | None = None) -> str | None:
    """The nonce of a valid, unexpired device cookie value for ``email``; else None."""
    parts = value.split(".")
    if len(parts) != 3 or not parts[0].isdigit() or len(parts[0]) > 12:
        return None
    issued, nonce, given = parts
    age = (time.time() if now is None else now) - int(issued)
    if not -60 <= age <= DEVICE_DAYS * 86400:
        return None
    if not hmac.compare_digest(given.encode(), _signature(secret, email, issued,
                                                          nonce).encode()):
        return None
    return nonce


def set_device_cookie(response: Response, request: Request, email: str, *,
                      secure: bool) -> None:
    """Mark this browser as a device that logged in to ``email``."""
    secret = Context.of(request).secret
    response.set_cookie(cookie_name(secret, email), device_value(secret, email),
                        max_age=DEVICE_DAYS * 86400, path="/", httponly=True,
                        samesite="strict", secure=secure)


def keys(request: Request, scope: str, email: str) -> list[tuple[str, int]]:
    """The limiter keys (and limits) one attempt on ``email`` counts against."""
    ctx = Context.of(request)
    secret, today = ctx.secret, date.today()
    email = accounts.normalise_email(email)
    nonce = trusted_device(secret, email, request.cookies.get(cookie_name(secret, email), ""))
    if nonce is not None:
        device = privacy.keyed_hash(secret, f"{scope}-device:{nonce}", today)
        return [(f"{scope}:d:{device}", LIMIT_DEVICE)]
    ip = privacy.client_ip(request, privacy.parse_networks(ctx.settings.trusted_proxies))
    block = privacy.keyed_hash(secret, f"{scope}-block:{privacy.block(ip)}", today)
    account = privacy.keyed_hash(secret, f"{scope}:{email}", today)
    return [(f"{scope}:b:{block}", LIMIT_BLOCK), (f"{scope}:a:{account}", LIMIT_ACCOUNT)]


async def refused(request: Request, scope: str, email: str) -> int | None:
    """Count one attempt; None when allowed, else the seconds to wait (429)."""
    limiter = Context.of(request).limiter
    for key, limit in keys(request, scope, email):
        wait = await limiter.hit(key, limit)
        if wait is not None:
            return wait
    return None
