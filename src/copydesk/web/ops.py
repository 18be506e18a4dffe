"""Operations endpoints: health and Prometheus metrics."""

from __future__ import annotations

import logging

from sqlalchemy import Connection, func, select, text
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from copydesk.context import Context
from copydesk.models import OutboxStatus
from copydesk.storage import schema

log = logging.getLogger("copydesk.ops")


async def healthz(request: Request) -> Response:
    ctx = Context.of(request)
    try:
        await ctx.db.read(lambda conn: conn.execute(text("SELECT 1")).scalar_one())
    except Exception as exc:
        log.error("health check failed: %s", type(exc).__name__)
        return JSONResponse({"status": "error", "database": "unreachable"}, status_code=503)
    body = {"status": "ok", "database": ctx.db.dialect}
    if ctx.ingest.committer is not None:
        # Informational: without the committer, reports are stored in-process.
        body["committer"] = "connected" if await ctx.ingest.committer.connect() else "unreachable"
    return JSONResponse(body)


def _outbox_counts(conn: Connection) -> dict[str, int]:
    o = schema.outbox
    rows = conn.execute(select(o.c.status, func.count()).group_by(o.c.status))
    return {str(status): int(n) for status, n in rows}


async def metrics(request: Request) -> Response:
    ctx = Context.of(request)
    counts = await ctx.db.read(_outbox_counts)
    for status in OutboxStatus:
        ctx.metrics.outbox.labels(status.value).set(counts.get(status.value, 0))
    body = ctx.metrics.render()
    return Response(body, media_type="text/plain; version=0.0.4; charset=utf-8")


routes: list[BaseRoute] = [
    Route("/healthz", healthz, methods=["GET"]),
    Route("/metrics", metrics, methods=["GET"]),
]
