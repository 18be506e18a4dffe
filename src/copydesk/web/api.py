"""The public API: report ingest and its OpenAPI document."""

from __future__ import annotations

import logging

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from copydesk import errors, faults
from copydesk.context import Context
from copydesk.errors import APIError
from copydesk.urls import origin_allowed
from copydesk.web.openapi import document

log = logging.getLogger("copydesk.web")


async def create_report(request: Request) -> Response:
    return await Context.of(request).ingest.handle(request)


async def preflight(request: Request) -> Response:
    """CORS preflight for clients that send application/json (the widget needs none)."""
    origin = request.headers.get("origin", "")
    sites = await Context.of(request).all_sites()
    if origin and any(origin_allowed(origin, s.origins) for s in sites):
        return Response(
            status_code=204,
            headers={
                "Access-Control-Allow-Origin": origin,
                "Access-Control-Allow-Methods": "POST",
                "Access-Control-Allow-Headers": "Content-Type",
                "Access-Control-Max-Age": "86400",
                "Vary": "Origin",
            },
        )
    return Response(status_code=204, headers={"Vary": "Origin"})


async def openapi(request: Request) -> Response:
    return JSONResponse(document())


_HTTP_CODES = {404: "not_found", 405: "method_not_allowed"}


async def http_error(request: Request, exc: Exception) -> Response:
    """Errors Starlette raises itself (unknown path, wrong method) in the API's JSON shape."""
    assert isinstance(exc, HTTPException)
    if not request.url.path.startswith("/api/"):
        return Response(exc.detail, status_code=exc.status_code, headers=exc.headers)
    code = _HTTP_CODES.get(exc.status_code, "http_error")
    return APIError(exc.status_code, code, str(exc.detail)).response(exc.headers or None)


_PAGES = {
    faults.STORAGE_FULL: "copydesk cannot save anything right now: its storage is full.",
    faults.LIMITS_UNAVAILABLE: "copydesk cannot check its rate limits right now.",
}
_PAGE = "copydesk cannot reach its database right now."


async def fault(request: Request, exc: Exception) -> Response:
    """A failed part (:mod:`copydesk.faults`: the database, the committer, Redis) as a
    503 with ``Retry-After``: the JSON error shape under ``/api/``, a plain page
    elsewhere (the dashboard, ``/metrics``).  Anything else raised is re-raised: a 500."""
    code = faults.code_of(exc)
    if code is None:
        raise exc
    log.error("%s %s: %s (%s)", request.method, request.url.path, code, faults.reason(exc))
    error = errors.unavailable(code)
    if request.url.path.startswith("/api/"):
        return error.response()
    page = f"{_PAGES.get(code, _PAGE)}\nPlease try again in a few seconds.\n"
    return PlainTextResponse(page, status_code=503, headers=error.headers)


#: The app's exception handlers for faults (registered in :func:`copydesk.app.create_app`).
fault_handlers = dict.fromkeys(faults.HANDLED, fault)

routes: list[BaseRoute] = [
    Route("/api/v1/reports", create_report, methods=["POST"]),
    Route("/api/v1/reports", preflight, methods=["OPTIONS"]),
    Route("/api/v1/openapi.json", openapi, methods=["GET"]),
]
