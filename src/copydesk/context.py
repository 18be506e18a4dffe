"""The parts of one running copydesk, wired by :func:`copydesk.app.create_app`.

Routes reach them with ``Context.of(request)``; the CLI builds the same object.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Protocol

from starlette.requests import HTTPConnection

from copydesk import sites as sites_mod
from copydesk.ingest.pipeline import Ingest
from copydesk.ingest.ratelimit import Limiter
from copydesk.metrics import Metrics
from copydesk.models import Site
from copydesk.settings import Settings
from copydesk.sites import SiteCache
from copydesk.storage.database import Database, secret_key


class Service(Protocol):
    """Something that runs beside the web app (the outbox dispatcher, …)."""

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


@dataclass
class Context:
    settings: Settings
    db: Database
    metrics: Metrics
    sites: SiteCache
    limiter: Limiter
    ingest: Ingest
    services: list[Service] = field(default_factory=list)
    _secret: str = ""
    _all_sites: tuple[float, list[Site]] = (0.0, [])

    @staticmethod
    def of(conn: HTTPConnection) -> Context:
        ctx: Context = conn.app.state.ctx
        return ctx

    @property
    def secret(self) -> str:
        if not self._secret:
            self._secret = secret_key(self.db, self.settings.secret_key)
        return self._secret

    async def all_sites(self) -> list[Site]:
        """Every site, cached for a few seconds (CORS preflights)."""
        stamp, cached = self._all_sites
        if time.monotonic() - stamp > 5:
            cached = await self.db.read(sites_mod.all_sites)
            self._all_sites = (time.monotonic(), cached)
        return cached
