"""Operations endpoints: health and Prometheus metrics."""

from __future__ import annotations

import logging

from sqlalchemy import text
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from copydesk.context import Context

log = logging.getLogger("copydesk.ops")


async def healthz(request: Request) -> Response:
    ctx = Context.of(request)
    try:
        await ctx.db.read(lambda conn: conn.execute(text("SELECT 1")).scalar_one())
    except Exception as exc:
        log.error("health check failed: %s", type(exc).__name__)
        return JSONResponse({"status": "error", "database": "unreachable"}, status_code=503)
    return JSONResponse({"status": "ok", "database": ctx.db.dialect})


async def metrics(request: Request) -> Response:
    body = Context.of(request).metrics.render()
    return Response(body, media_type="text/plain; version=0.0.4; charset=utf-8")


routes: list[BaseRoute] = [
    Route("/healthz", healthz, methods=["GET"]),
    Route("/metrics", metrics, methods=["GET"]),
]
