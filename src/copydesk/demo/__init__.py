"""The demo: a sample news article with deliberate mistakes and the widget embedded.

``copydesk demo`` registers the demo site (:func:`ensure_demo_site`) and serves the
article at ``/demo/article`` from the same origin as the API, so the widget works with
no configuration.  :func:`create_demo_app` is the regular app plus these routes.  The
article carries one published correction (:func:`ensure_demo_correction`), shown by
the widget at the foot of the story, on the site's corrections page and in its feeds.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import jinja2
from sqlalchemy import Connection, select, update
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from copydesk import sites
from copydesk.app import create_app
from copydesk.corrections import store as corrections
from copydesk.corrections.model import Kind, Placement
from copydesk.models import Site
from copydesk.settings import Settings
from copydesk.storage import schema
from copydesk.storage.database import Database
from copydesk.triage import CLI
from copydesk.urls import normalise, normalise_origin

DEMO_KEY = "demo"
DEMO_NAME = "copydesk demo"
ARTICLE_PATH = "/demo/article"
ARTICLE_TITLE = "Hollin Ford's stone bridge reopens after a cold, wet spring"
CORRECTION = ("An earlier version of this article said the bridge was first opened to "
              "carts in 1726. It was built in 1762 and has only ever carried walkers and "
              "packhorses.")
TEMPLATE_DIR = Path(__file__).resolve().parent


def local_origins(host: str, port: int, public_url: str = "") -> list[str]:
    """Origins a browser may use to reach a server bound to ``host:port``."""
    names = {host}
    if host in {"127.0.0.1", "localhost", "0.0.0.0", "::", "::1"}:  # noqa: S104
        names |= {"127.0.0.1", "localhost"}
    names -= {"0.0.0.0", "::"}  # noqa: S104 - not addresses a browser can use
    origins = [f"http://{f'[{n}]' if ':' in n else n}:{port}" for n in sorted(names)]
    if public_url:
        origins.append(public_url.rstrip("/"))
    return origins


def ensure_demo_site(db: Database, origins: Sequence[str]) -> Site:
    """Create the demo site, or add ``origins`` to it; returns it. Idempotent."""

    def run(conn: Connection) -> Site:
        site = sites.by_key(conn, DEMO_KEY)
        if site is None:
            return sites.create(conn, DEMO_NAME, list(origins), key=DEMO_KEY)
        wanted = list(site.origins)
        for origin in origins:
            cleaned = normalise_origin(origin)
            if cleaned not in wanted:
                wanted.append(cleaned)
        if wanted != list(site.origins):
            conn.execute(
                update(schema.sites).where(schema.sites.c.id == site.id).values(origins=wanted)
            )
        return Site(id=site.id, key=site.key, name=site.name, origins=tuple(wanted))

    return db.write_sync(run)


@functools.cache
def ensure_demo_correction(db: Database, site: Site, article_url: str) -> int:
    """The demo article's published correction (created once); returns its id."""

    def run(conn: Connection) -> int:
        a, c = schema.articles, schema.corrections
        url = normalise(article_url)
        article_id = conn.execute(
            select(a.c.id).where(a.c.site_id == site.id, a.c.url == url)).scalar()
        if article_id is None:
            now = datetime.now(UTC)
            article_id = conn.execute(a.insert().values(
                site_id=site.id, url=url, title=ARTICLE_TITLE, lang="en",
                created_at=now, updated_at=now,
            ).returning(a.c.id)).scalar_one()
        found = conn.execute(select(c.c.id).where(c.c.article_id == article_id)).scalar()
        if found is not None:
            return int(found)
        fields = corrections.Fields(Kind.CORRECTION, CORRECTION, Placement.BOTTOM)
        correction_id = corrections.draft(conn, CLI, int(article_id), fields)
        corrections.publish(conn, CLI, correction_id)
        return correction_id

    return db.write_sync(run)


def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template("article.html")


def render_article(canonical: str, widget_url: str = "/widget.js", site_key: str = DEMO_KEY) -> str:
    """The demo article's HTML."""
    return _template().render(canonical=canonical, widget_url=widget_url, site_key=site_key)


async def article(request: Request) -> Response:
    canonical = str(request.url.replace(query="", fragment=""))
    return HTMLResponse(
        render_article(canonical),
        headers={"Cache-Control": "no-cache"},
    )


async def index(request: Request) -> Response:
    return RedirectResponse(ARTICLE_PATH, status_code=302)


routes: list[BaseRoute] = [
    Route("/demo", index, methods=["GET"]),
    Route("/demo/", index, methods=["GET"]),
    Route(ARTICLE_PATH, article, methods=["GET"]),
]


def create_demo_app(settings: Settings) -> Starlette:
    """The copydesk app for ``settings`` with the demo article's routes added."""
    app = create_app(settings)
    app.router.routes.extend(routes)
    return app
