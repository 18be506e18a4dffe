"""The answer to refused dashboard input (:class:`~.params.InputError`).

Registered for the whole app in :func:`copydesk.app.create_app`, so a refusal raised
anywhere in a dashboard request (the form reader, a page's parameters) becomes a 4xx
page instead of a 500.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from copydesk.web.dashboard.params import InputError
from copydesk.web.dashboard.security import add_headers
from copydesk.web.dashboard.templates import render


async def input_error(request: Request, exc: Exception) -> Response:
    """JSON in the API's error shape for scripts (``Accept: application/json``), else
    an HTML page naming the field, the code and what is wrong."""
    assert isinstance(exc, InputError)
    if "application/json" in request.headers.get("accept", ""):
        return add_headers(exc.response())
    page = render("dashboard/error.html", status_code=exc.status, error=exc,
                  csrf_token="")
    page.headers.update(exc.headers)
    return add_headers(page)
