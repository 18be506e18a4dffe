"""The dashboard's guards: sessions, CSRF, security headers.

Every dashboard endpoint is wrapped by :func:`page`, which

- loads the session from the cookie (or redirects to ``/login``; JSON clients get 401),
- checks the role (admins only, where asked),
- on every state-changing method checks the request's origin (``Origin`` and
  ``Sec-Fetch-Site``, when sent, must say same-origin) AND the session's CSRF token
  (form field ``csrf_token`` or ``X-CSRF-Token`` header),
- keeps the visit on ``request.state.visit`` for the error page's layout,
- makes the user's language and time zone the request's (:mod:`.language`).

The security headers are added by :class:`~.headers.SecurityHeaders` around every
dashboard route; refusals are raised (:mod:`.errorpage`) and answered as styled pages.

Limits on password attempts (login, password change) are in ``attempts.py``.
"""

from __future__ import annotations

import functools
import hmac
import ipaddress
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from copydesk import accounts, i18n
from copydesk.context import Context
from copydesk.i18n import N_
from copydesk.ingest import privacy
from copydesk.web.dashboard import errorpage, flash, language
from copydesk.web.dashboard.forms import Form, read_form
from copydesk.web.dashboard.headers import HEADERS, add_headers
from copydesk.web.dashboard.templates import render

__all__ = ["HEADERS", "Visit", "add_headers", "forbidden", "page"]

COOKIE = "copydesk_session"
LOGIN_CSRF_COOKIE = "copydesk_login_csrf"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})



@dataclass(frozen=True)
class Visit:
    """One authenticated request: who, their CSRF token, and the parsed form."""

    request: Request
    session: accounts.Session
    form: Form
    #: The message an earlier action left for this page (:mod:`.flash`), read once.
    flash: flash.Flash | None = None

    @property
    def user(self) -> accounts.User:
        return self.session.user

    @property
    def ctx(self) -> Context:
        return Context.of(self.request)

    def render(self, name: str, status_code: int = 200, **values: Any) -> Response:
        """A template inside the layout: the user, the CSRF token and the flash added."""
        values.setdefault("flash", self.flash)
        return render(name, status_code, user=self.user,
                      csrf_token=self.session.csrf_token, **values)

    def redirect(self, target: str, text: str = "", kind: str = "ok", *,
                 undo: bool = False) -> Response:
        """A 303 to ``target``, with ``text`` shown there once (:mod:`.flash`)."""
        if not text:
            return RedirectResponse(target, status_code=303)
        return flash.redirect(self.request, target, text, kind, undo=undo,
                              secure=is_https(self.request))


Endpoint = Callable[[Visit], Awaitable[Response]]


def is_https(request: Request) -> bool:
    if request.url.scheme == "https":
        return True
    trusted = privacy.parse_networks(Context.of(request).settings.trusted_proxies)
    peer = request.client.host if request.client else ""
    try:
        address = ipaddress.ip_address(peer)
    except ValueError:
        return False
    if any(address in network for network in trusted):
        return request.headers.get("x-forwarded-proto", "").lower() == "https"
    return False


def own_origin(request: Request) -> str:
    scheme = "https" if is_https(request) else request.url.scheme
    return f"{scheme}://{request.headers.get('host', request.url.netloc)}"


def same_origin(request: Request) -> bool:
    """The browser's word that the request comes from our own pages (when it says so)."""
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None and fetch_site not in {"same-origin", "none"}:
        return False
    if fetch_site == "none" and request.method not in SAFE_METHODS:
        return False
    origin = request.headers.get("origin")
    if origin is not None:
        allowed = {own_origin(request)}
        if Context.of(request).settings.public_url:
            allowed.add(Context.of(request).settings.public_url.rstrip("/"))
        if origin not in allowed:
            return False
    return True


def tokens_match(expected: str, given: str) -> bool:
    return bool(expected) and hmac.compare_digest(expected.encode(), given.encode())


def forbidden(reason: str) -> Response:
    """A 403 answer outside the error path (the login form's own checks)."""
    return add_headers(PlainTextResponse(f"Forbidden: {reason}", status_code=403))


def set_session_cookie(response: Response, request: Request, token: str, days: int) -> None:
    response.set_cookie(COOKIE, token, max_age=days * 86400, path="/", httponly=True,
                        samesite="lax", secure=is_https(request))


def login_redirect(request: Request) -> Response:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)


def page(*, admin: bool = False) -> Callable[[Endpoint], Callable[[Request], Awaitable[Response]]]:
    """Wrap a dashboard endpoint with the session, role and CSRF guards."""

    def wrap(endpoint: Endpoint) -> Callable[[Request], Awaitable[Response]]:
        @functools.wraps(endpoint)
        async def guarded(request: Request) -> Response:
            ctx = Context.of(request)
            token = request.cookies.get(COOKIE, "")
            session = await ctx.db.read(lambda conn: accounts.load_session(conn, token))
            if session is None:
                if "application/json" in request.headers.get("accept", ""):
                    return PlainTextResponse("Not logged in", status_code=401)
                return login_redirect(request)
            request.state.visit = Visit(request, session, Form([]))
            # Kept until the request ends (language.Localised), so the error page has it.
            i18n.use(language.locale_of(request, session.user))
            if admin and not session.user.is_admin:
                # Signed in, but not an admin: said plainly (an anonymous visitor is
                # sent to the login page above, and learns nothing about the page).
                raise errorpage.admins_only()
            form: Form = Form([])
            if request.method not in SAFE_METHODS:
                if not same_origin(request):
                    raise errorpage.forbidden(N_("cross-site request"))
                form = await read_form(request)
                given = request.headers.get("x-csrf-token") or form.get("csrf_token")
                if not tokens_match(session.csrf_token, given):
                    raise errorpage.forbidden(
                        N_("missing or wrong CSRF token; reload the page"))
            taken = flash.takes(request)
            visit = Visit(request, session, form, flash.read(request) if taken else None)
            request.state.visit = visit
            response = await endpoint(visit)
            return flash.clear(response) if taken else response

        return guarded

    return wrap
