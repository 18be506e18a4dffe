"""Fixtures for the widget's browser tests.

- ``browser``: one headless Debian chromium per session, driven by Playwright.
- ``context``: a fresh browser context per test (``mobile_context`` emulates a phone).
- ``hosts``: a plain HTTP server on 127.0.0.1 playing the publisher's site — another
  origin than the API, so CORS is exercised as on a real site.
- ``api``: the real copydesk app under uvicorn, with a site allowing the host origin.
"""

from __future__ import annotations

import html
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from sqlalchemy import text
from starlette.applications import Starlette

from copydesk import sites
from copydesk.corrections import store
from copydesk.corrections.model import Kind, Placement
from copydesk.models import Site
from copydesk.storage import schema
from copydesk.triage import CLI
from tests.browser import chromium
from tests.conftest import LiveServer

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def db_url(sqlite_url: str) -> str:
    """Browser tests run on SQLite only: the storage suites cover PostgreSQL."""
    return sqlite_url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1200, "height": 900}, locale="en-US")
    ctx.set_default_timeout(10_000)
    yield ctx
    ctx.close()


@pytest.fixture
def mobile_context(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(**browser.devices["Pixel 7"])
    ctx.set_default_timeout(10_000)
    yield ctx
    ctx.close()


@dataclass
class Hosts:
    """A publisher's site: pages registered by path, with their response headers."""

    pages: dict[str, tuple[str, dict[str, str]]] = field(default_factory=dict)
    url: str = ""

    def add(self, path: str, body: str, headers: dict[str, str] | None = None) -> str:
        self.pages[path.split("?")[0].split("#")[0]] = (body, headers or {})
        return self.url + path


@pytest.fixture(scope="session")
def _host_server() -> Iterator[Hosts]:
    hosts = Hosts()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            page = hosts.pages.get(self.path.split("?")[0])
            if self.path == "/favicon.ico":
                self.send_response(204)
                self.end_headers()
                return
            if page is None:
                self.send_error(404)
                return
            body, headers = page
            data = body.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    hosts.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield hosts
    server.shutdown()
    server.server_close()


@pytest.fixture
def hosts(_host_server: Hosts) -> Iterator[Hosts]:
    yield _host_server
    _host_server.pages.clear()


@dataclass
class Api:
    url: str
    site: Site
    app: Starlette

    def reports(self) -> list[dict[str, Any]]:
        def read(conn: Any) -> list[dict[str, Any]]:
            # Whatever columns the database has (not schema.py's list): the widget
            # tests read back the report, whatever else storage adds.
            rows = conn.execute(text("SELECT * FROM reports ORDER BY id"))
            return [dict(r) for r in rows.mappings()]

        return self.app.state.ctx.db.read_sync(read)  # type: ignore[no-any-return]

    def wait_for_reports(self, count: int = 1, timeout: float = 10.0) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while True:
            rows = self.reports()
            if len(rows) >= count or time.monotonic() > deadline:
                return rows
            time.sleep(0.05)

    def write(self, fn: Callable[[Any], Any]) -> Any:
        return self.app.state.ctx.db.write_sync(fn)

    def article(self, url: str, title: str = "Storm closes the northern pass") -> int:
        """An article of the site, as copydesk knows it (no report needed)."""
        a = schema.articles
        return int(self.write(lambda conn: conn.execute(a.insert().values(
            site_id=self.site.id, url=url, title=title, lang="en", created_at=T0,
            updated_at=T0).returning(a.c.id)).scalar_one()))

    def notice(self, article_id: int, text: str, kind: str = "correction",
               placement: str = "bottom", at: datetime = T0) -> int:
        """A published correction of the article, published at ``at``."""
        fields = store.Fields(Kind(kind), text, Placement(placement))
        c = schema.corrections

        def run(conn: Any) -> int:
            new = store.draft(conn, CLI, article_id, fields)
            store.publish(conn, CLI, new)
            conn.execute(c.update().where(c.c.id == new).values(published_at=at))
            return new

        return int(self.write(run))

    def edit_notice(self, correction_id: int, text: str, at: datetime) -> None:
        c, r = schema.corrections, schema.correction_revisions

        def run(conn: Any) -> None:
            row = conn.execute(c.select().where(c.c.id == correction_id)).one()
            fields = store.Fields(Kind(row.type), text, Placement(row.placement))
            store.edit(conn, CLI, correction_id, fields)
            conn.execute(r.update().where(r.c.correction_id == correction_id)
                         .values(created_at=at))

        self.write(run)

    def withdraw_notice(self, correction_id: int, note: str, at: datetime) -> None:
        c = schema.corrections

        def run(conn: Any) -> None:
            store.withdraw(conn, CLI, correction_id, note)
            conn.execute(c.update().where(c.c.id == correction_id).values(withdrawn_at=at))

        self.write(run)

    def page(
        self,
        body: str,
        *,
        lang: str | None = "en",
        title: str = "Storm closes the northern pass",
        head: str = "",
        attrs: str = "",
        html_attrs: str = "",
    ) -> str:
        """An HTML page of the publisher's site embedding the widget."""
        lang_attr = (f' lang="{lang}"' if lang is not None else "") + html_attrs
        return (
            f"<!doctype html><html{lang_attr}><head><meta charset=utf-8>"
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(title)}</title>{head}"
            f'<script src="{self.url}/widget.js" data-site="{self.site.key}" {attrs} async>'
            f"</script></head><body>{body}</body></html>"
        )


@pytest.fixture
def api(app: Starlette, hosts: Hosts) -> Iterator[Api]:
    with LiveServer(app) as server:
        site = app.state.ctx.db.write_sync(
            lambda conn: sites.create(conn, "Herald", [hosts.url], key="herald-key")
        )
        yield Api(url=server.url, site=site, app=app)


SELECT_JS = """([text, nth, rootSel]) => {
  const root = document.querySelector(rootSel);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let seen = 0;
  for (let n; (n = walker.nextNode()); ) {
    let from = 0, i;
    while ((i = n.data.indexOf(text, from)) >= 0) {
      if (seen++ === nth) {
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + text.length);
        const s = getSelection();
        s.removeAllRanges();
        s.addRange(r);
        return true;
      }
      from = i + 1;
    }
  }
  return false;
}"""


@pytest.fixture
def select_text() -> Callable[..., None]:
    """Select the nth occurrence of ``text`` (within one text node) under ``root``."""

    def select_(page: Any, text: str, nth: int = 0, root: str = "body") -> None:
        assert page.evaluate(SELECT_JS, [text, nth, root]), f"{text!r} #{nth} not on the page"

    return select_
