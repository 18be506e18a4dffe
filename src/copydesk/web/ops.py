"""Operations endpoints: health and Prometheus metrics.

``/healthz`` names each part and its state::

    {"status": "ok" | "degraded" | "error",
     "database": "ok" | "unreachable" | "full" | "not writable",
     "committer": "connected" | "unreachable (storing in-process)",   SQLite under serve
     "redis": "connected" | "unreachable (per-process limits)"}       with a Redis URL

``status`` is ``error`` (and the answer ``503``) when reports cannot be stored: the
database does not answer, or a write does not commit (:mod:`copydesk.storage.health`).
A committer or Redis that is down makes it ``degraded`` with a ``200``: reports are still
taken (each worker stores its own, or counts its own limits) — a load balancer should
keep sending traffic.
"""

from __future__ import annotations

import logging

from sqlalchemy import Connection, func, select
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from copydesk.context import Context
from copydesk.models import OutboxStatus
from copydesk.storage import health, schema

log = logging.getLogger("copydesk.ops")

CONNECTED = "connected"
COMMITTER_DOWN = "unreachable (storing in-process)"
REDIS_DOWN = "unreachable (per-process limits)"


async def healthz(request: Request) -> Response:
    ctx = Context.of(request)
    database = await ctx.db.health.check(min_free=ctx.settings.min_free_disk_mb * 2**20)
    body = {"status": "ok", "database": database}
    if ctx.ingest.committer is not None:
        up = await ctx.ingest.committer.connect()
        body["committer"] = CONNECTED if up else COMMITTER_DOWN
    if ctx.settings.redis_url:
        # The limiter says whether Redis answered its last request; while it does not,
        # each process counts its own limits.
        body["redis"] = CONNECTED if getattr(ctx.limiter, "healthy", True) else REDIS_DOWN
    if database != health.OK:
        log.error("health check: database %s", database)
        body["status"] = "error"
        return JSONResponse(body, status_code=503)
    if any(state != CONNECTED for key, state in body.items() if key in ("committer", "redis")):
        body["status"] = "degraded"
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
