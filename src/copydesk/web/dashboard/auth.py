"""Logging in and out, and changing one's own password.

Passwords are checked and hashed on a worker thread, outside any database job (see
``accounts``); attempts are limited first (see ``attempts``).
"""

from __future__ import annotations

import secrets

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from copydesk import accounts, i18n
from copydesk.context import Context
from copydesk.web.dashboard import attempts, hashing, security
from copydesk.web.dashboard.forms import read_form
from copydesk.web.dashboard.security import Visit, page
from copydesk.web.dashboard.templates import render

FAILED = "Wrong email or password."
LIMITED = "Too many login attempts. Wait a minute and try again."
CHANGE_LIMITED = "Too many password attempts. Wait a minute and try again."


def _next_path(value: str) -> str:
    """Where to go after login: a path on this site only."""
    if value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/"


def _login_page(request: Request, error: str = "", email: str = "",
                status_code: int = 200, retry_after: int | None = None) -> Response:
    token = secrets.token_urlsafe(24)
    response = render("dashboard/login.html", status_code=status_code, error=error,
                      email=email, csrf_token=token,
                      next=_next_path(request.query_params.get("next", "/")))
    response.set_cookie(security.LOGIN_CSRF_COOKIE, token, max_age=3600, path="/login",
                        httponly=True, samesite="strict", secure=security.is_https(request))
    if retry_after is not None:
        response.headers["Retry-After"] = str(retry_after)
    return security.add_headers(response)


async def login_form(request: Request) -> Response:
    return _login_page(request)


async def login(request: Request) -> Response:
    ctx = Context.of(request)
    if not security.same_origin(request):
        return security.forbidden("cross-site request")
    form = await read_form(request)
    if not security.tokens_match(request.cookies.get(security.LOGIN_CSRF_COOKIE, ""),
                                 form.get("csrf_token")):
        return security.forbidden("missing or wrong CSRF token; reload the login page")
    email, password = form.get("email")[:320], form.get("password")[:accounts.MAX_PASSWORD]
    shown = email if accounts.storable(email) else ""
    wait = await attempts.refused(request, attempts.LOGIN, email)
    if wait is not None:
        return _login_page(request, LIMITED, shown, status_code=429, retry_after=wait)
    user = await hashing.run(accounts.authenticate, ctx.db, email, password)
    if user is None:
        return _login_page(request, FAILED, shown, status_code=400)
    days = ctx.settings.session_days
    token, _csrf = await ctx.db.write(lambda conn: accounts.start_session(conn, user.id, days))
    response = RedirectResponse(_next_path(form.get("next", "/")), status_code=303)
    security.set_session_cookie(response, request, token, days)
    attempts.set_device_cookie(response, request, user.email,
                               secure=security.is_https(request))
    response.delete_cookie(security.LOGIN_CSRF_COOKIE, path="/login")
    return security.add_headers(response)


@page()
async def logout(visit: Visit) -> Response:
    token = visit.request.cookies.get(security.COOKIE, "")
    await visit.ctx.db.write(lambda conn: accounts.end_session(conn, token))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(security.COOKIE, path="/")
    return response


@page()
async def password_form(visit: Visit) -> Response:
    return render("dashboard/password.html", user=visit.user,
                  csrf_token=visit.session.csrf_token, error="", done=False)


def _password_page(visit: Visit, error: str, status_code: int = 400,
                   retry_after: int | None = None) -> Response:
    response = render("dashboard/password.html", status_code=status_code, user=visit.user,
                      csrf_token=visit.session.csrf_token, error=error, done=False)
    if retry_after is not None:
        response.headers["Retry-After"] = str(retry_after)
    return response


@page()
async def change_password(visit: Visit) -> Response:
    ctx, form, user = visit.ctx, visit.form, visit.user
    current, new = form.get("current")[:accounts.MAX_PASSWORD], form.get("new")
    wait = await attempts.refused(visit.request, attempts.PASSWORD, user.email)
    if wait is not None:
        return _password_page(visit, CHANGE_LIMITED, 429, wait)
    if await hashing.run(accounts.authenticate, ctx.db, user.email, current) is None:
        return _password_page(visit, "The current password is wrong.")
    if new != form.get("confirm"):
        return _password_page(visit, "The new passwords differ.")
    try:
        await hashing.run(accounts.change_password, ctx.db, user.email, new)
    except accounts.AccountError as exc:
        return _password_page(visit, i18n.say(exc))
    # Every session ended with the change: log in again.
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(security.COOKIE, path="/")
    return response
