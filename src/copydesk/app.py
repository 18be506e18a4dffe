"""``create_app(settings)``: the one place copydesk's parts are wired together.

The CLI's ``serve`` hands this app to uvicorn; the tests drive the same object.
Creating the app opens no connection and starts no thread: that happens in the
lifespan (server start), or when the CLI calls ``ctx.db.start()``.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.routing import BaseRoute

from copydesk.context import Context
from copydesk.ingest.commit_client import CommitClient
from copydesk.ingest.committer import SOCKET_ENV
from copydesk.ingest.pipeline import Ingest
from copydesk.ingest.ratelimit import Limiter, MemoryLimiter, RedisLimiter
from copydesk.metrics import Metrics
from copydesk.notify.dispatcher import Dispatcher
from copydesk.readers.sender import ReaderMailSender
from copydesk.readers.subscriptions import Subscriber
from copydesk.retention import Retention
from copydesk.settings import Settings
from copydesk.sites import SiteCache
from copydesk.storage.database import Database
from copydesk.versions.poller import FeedPoller
from copydesk.versions.tracker import ArticleTracker
from copydesk.web import api, dashboard, ops, public, slashes, unsubscribe, widget
from copydesk.web.dashboard import errorpage


def build_context(settings: Settings) -> Context:
    """Every part of copydesk for these settings, not yet started."""
    db = Database(settings.database_url, synchronous=settings.sqlite_synchronous)
    metrics = Metrics()
    sites = SiteCache(db)
    limiter: Limiter = (
        RedisLimiter(settings.redis_url, metrics=metrics) if settings.redis_url
        else MemoryLimiter()
    )
    holder: list[Context] = []
    ingest = Ingest(settings, db, sites, limiter, metrics, secret=lambda: holder[0].secret)
    ctx = Context(settings=settings, db=db, metrics=metrics, sites=sites, limiter=limiter,
                  ingest=ingest)
    holder.append(ctx)
    return ctx


def create_app(settings: Settings, committer: str | None = None) -> Starlette:
    """The copydesk ASGI application for ``settings``.

    ``committer``: the Unix socket of the committer process that ``serve`` runs
    (:mod:`copydesk.ingest.committer`); without it reports are stored in-process.
    """
    ctx = build_context(settings)
    if committer:
        ctx.ingest.committer = CommitClient(committer)
    if settings.dispatcher:
        ctx.services.append(Dispatcher(settings, ctx.db))
        ctx.services.append(ReaderMailSender(settings, ctx.db, lambda: ctx.secret))
    ctx.ingest.hooks.append(Subscriber(ctx.db, lambda: ctx.secret).hook)
    # Purges past retention about once an hour, in all processes together.
    ctx.services.append(Retention(settings, ctx.db))
    if settings.proofread_fetch:
        tracker = ArticleTracker(settings, ctx.db)
        ctx.ingest.hooks.append(tracker.hook)
        ctx.services.append(tracker)
    if settings.feeds_interval:
        ctx.services.append(FeedPoller(settings, ctx.db))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        ctx.db.start()
        _ = ctx.secret  # created and stored on first start when not configured
        for service in ctx.services:
            await service.start()
        # What is loaded by now (modules, dictionaries, templates) lives as long as the
        # process: keep the collector from walking it in every full collection, which
        # otherwise stalls the event loop for tens of milliseconds now and then (it was
        # the ingest benchmark's p99).  Unfrozen at shutdown, for processes that go on
        # (the tests), so nothing frozen stays uncollectable.
        gc.freeze()
        try:
            yield
        finally:
            gc.unfreeze()
            for service in reversed(ctx.services):
                await service.stop()
            await ctx.limiter.close()
            if ctx.ingest.committer is not None:
                ctx.ingest.committer.close()
            ctx.db.close()

    routes: list[BaseRoute] = [*api.routes, *ops.routes, *widget.routes, *dashboard.routes,
                               *public.routes, *unsubscribe.routes]
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={HTTPException: api.http_error, **errorpage.handlers,
                            **api.fault_handlers},
    )
    slashes.install(app.router)  # relative Location, not one built from Host
    app.state.ctx = ctx
    return app


def factory() -> Starlette:
    """Entry point for ``uvicorn --factory`` worker processes: settings from the env."""
    return create_app(Settings.from_env(os.environ), committer=os.environ.get(SOCKET_ENV))
