"""Admin: a one-time password reset link for another user, and the page at the link.

The admin makes the link (``POST /admin/users/{id}/reset``) and sees it once, to pass
on (copydesk may have no e-mail).  The page at the link (``/password-reset/{token}``)
needs no session: the token in its path is the secret, and the form is refused from
other origins.  The new password is hashed on a worker thread, outside any database
job (:func:`copydesk.accounts.reset_password`); a used or expired link shows a page
saying so.
"""

from __future__ import annotations

from sqlalchemy import Connection
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from copydesk import accounts, i18n
from copydesk.context import Context
from copydesk.i18n import N_
from copydesk.web.dashboard import hashing, params, security
from copydesk.web.dashboard.admin_common import audit, back
from copydesk.web.dashboard.forms import read_form
from copydesk.web.dashboard.security import Visit, own_origin, page
from copydesk.web.dashboard.templates import render

GONE = "This link does not work: it was used already, it expired, or it was replaced."


@page(admin=True)
async def reset_link(visit: Visit) -> Response:
    user_id = params.path_id(visit.request, "user_id")
    admin = visit.user

    def run(conn: Connection) -> tuple[str, str]:
        target = accounts.by_id(conn, user_id)
        if target is None:
            return "", N_("No such user.")
        try:
            token = accounts.create_reset(conn, target.id, admin.email)
        except accounts.AccountError as exc:
            return "", i18n.message(exc)
        audit(conn, admin, "user.reset_link", to_value=target.email,
              note=f"valid {accounts.RESET_HOURS} h, once")
        return token, target.email

    token, said = await visit.ctx.db.write(run)
    if not token:
        return back(visit, "/admin/users", said)
    base = visit.ctx.settings.public_url.rstrip("/") or own_origin(visit.request)
    return render("dashboard/admin_reset_link.html", flash=visit.flash, user=admin,
                  csrf_token=visit.session.csrf_token, email=said,
                  link=f"{base}/password-reset/{token}", hours=accounts.RESET_HOURS)


def _token(request: Request) -> str:
    return str(request.path_params.get("token", ""))[:100]


def _form(email: str, error: str = "", status_code: int = 200) -> Response:
    response = render("dashboard/password_reset.html", status_code=status_code,
                      csrf_token="", email=email, error=error, gone="")
    return security.add_headers(response)


def _gone() -> Response:
    return security.add_headers(render("dashboard/password_reset.html", status_code=410,
                                       csrf_token="", email="", error="", gone=GONE))


async def reset_form(request: Request) -> Response:
    token = _token(request)
    user = await Context.of(request).db.read(lambda conn: accounts.reset_user(conn, token))
    return _gone() if user is None else _form(user.email)


async def reset(request: Request) -> Response:
    ctx = Context.of(request)
    if not security.same_origin(request):
        return security.forbidden("cross-site request")
    token = _token(request)
    form = await read_form(request)
    user = await ctx.db.read(lambda conn: accounts.reset_user(conn, token))
    if user is None:
        return _gone()
    new = form.get("new")
    if new != form.get("confirm"):
        return _form(user.email, "The new passwords differ.", 400)
    try:
        done = await hashing.run(accounts.reset_password, ctx.db, token, new)
    except accounts.AccountError as exc:
        return _form(user.email, i18n.say(exc), 400)
    if done is None:
        return _gone()

    def record(conn: Connection) -> None:
        audit(conn, done, "user.password_reset", to_value=done.email,
              note="through a one-time link")

    await ctx.db.write(record)
    return security.add_headers(RedirectResponse("/login", status_code=303))
