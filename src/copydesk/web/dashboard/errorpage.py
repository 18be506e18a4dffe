"""The dashboard's one error path: refused input and failed actions as styled pages.

Two kinds of exception end a dashboard request early:

- :class:`~.params.InputError` (a value copydesk cannot use: 400, 404 for a bad id in
  the path, 413, 415), raised by :mod:`.params` and :mod:`.forms`;
- :class:`PageError` (403 forbidden, 404 not found, 409 conflict), raised by a page
  through :func:`not_found`, :func:`forbidden` and :func:`conflict`.

Both are answered here (registered for the whole app in :func:`copydesk.app.create_app`
through :data:`handlers`): JSON in the API's error shape for scripts (``Accept:
application/json``), else ``error.html`` inside the dashboard's layout (with the
navigation when the request had a session).  On a dashboard route the headers come
from :class:`~.headers.SecurityHeaders`; the few public pages that raise
:class:`~.params.InputError` get the same ones here.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from copydesk import i18n
from copydesk.errors import APIError
from copydesk.i18n import N_, Text
from copydesk.web.dashboard.headers import add_headers
from copydesk.web.dashboard.params import InputError
from copydesk.web.dashboard.templates import render

TITLES = {400: N_("The request cannot be used"), 403: N_("Not allowed"), 404: N_("Not found"),
          409: N_("That cannot be done now"), 413: N_("Too large"), 415: N_("Not a form")}


class PageError(APIError):
    """A dashboard action or page that cannot go on (403, 404, 409)."""


#: What a 404 says, by what was not found (each a whole sentence, for the catalogs).
NOT_FOUND = {
    "": N_("There is nothing here, or it is not on one of your sites."),
    "group": N_("There is no group here, or it is not on one of your sites."),
    "site": N_("There is no site here, or it is not on one of your sites."),
    "channel": N_("There is no channel here, or it is not on one of your sites."),
    "export": N_("There is no export here, or it is not on one of your sites."),
    "article": N_("There is no article here, or it is not on one of your sites."),
    "correction": N_("There is no correction here, or it is not on one of your sites."),
}


def not_found(what: str = "") -> PageError:
    return PageError(404, "not_found", Text(NOT_FOUND[what]))


def forbidden(reason: str) -> PageError:
    """403; ``reason`` said in the request's language (a :class:`~copydesk.i18n.Text`
    or a msgid) and made a sentence."""
    return PageError(403, "forbidden", sentence(i18n.say(reason)))


def admins_only() -> PageError:
    """403 for a signed-in editor on an admin page (before any CSRF check)."""
    return PageError(403, "admins_only", Text(N_("This page is for admins only.")))


def conflict(message: object) -> PageError:
    """409; ``message`` (a refusal, or the exception that carries it) said in the
    request's language and made a sentence."""
    return PageError(409, "conflict", sentence(i18n.say(message)))


def sentence(text: str) -> str:
    """``text`` starting with a capital and ending with a stop (messages of the domain
    functions are lower-case clauses)."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def _layout(request: Request) -> dict[str, Any]:
    """The signed-in user and CSRF token, when the guard got as far as the session."""
    visit = getattr(request.state, "visit", None)
    if visit is None:
        return {"csrf_token": ""}
    return {"user": visit.user, "csrf_token": visit.session.csrf_token}


async def error_page(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, APIError)
    if "application/json" in request.headers.get("accept", ""):
        return add_headers(exc.response())
    page = render("dashboard/error.html", status_code=exc.status, error=exc,
                  title=TITLES.get(exc.status, N_("Cannot do that")), **_layout(request))
    page.headers.update(exc.headers)
    return add_headers(page)


#: The exception handlers the app registers for the dashboard.
handlers = {InputError: error_page, PageError: error_page}

#: The name the app imported before :data:`handlers`.
input_error = error_page
