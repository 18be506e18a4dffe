"""Articles are named by their site: a report's title and language are only a hint.

On SQLite and PostgreSQL: a later report cannot rename an article; once the page is
fetched its own title and language win, and no report changes them again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import orjson
import pytest
from sqlalchemy import Connection, select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from copydesk import reports, sites
from copydesk.ingest.payload import parse as parse_payload
from copydesk.models import Site
from copydesk.proofread.fetch import Page, fetch
from copydesk.storage import schema
from copydesk.versions.tracker import ArticleTracker

NAMED = """<!doctype html>
<html lang="en-GB"><head><title>Heat | Daily Example</title>
<meta property="og:title" content="Heat warning extended">
</head><body><article><h1>Heat warning extended</h1>
<p>Forecasters extended the heat warning on Tuesday, saying nighttime lows would stay
high for the rest of the week across the whole region.</p>
<p>He was drafted into to the army in 1944 and served for three years in the navy.</p>
</article></body></html>
"""
GERMAN = NAMED.replace('lang="en-GB"', 'lang="de"')


class _Pages(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        pages = {"/named.html": ("text/html", NAMED), "/german.html": ("text/html", GERMAN),
                 "/plain.txt": ("text/plain", "He was drafted into to the army.")}
        content_type, body = pages.get(self.path, ("text/plain", "not found"))
        self.send_response(200 if self.path in pages else 404)
        self.send_header("Content-Type", f"{content_type}; charset=utf-8")
        self.send_header("Content-Length", str(len(body.encode())))
        self.end_headers()
        self.wfile.write(body.encode())


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def local(make_app: Callable[..., Starlette], base_url: str) -> Iterator[tuple[Starlette, Site]]:
    app = make_app(allow_private_targets=True, proofread_fetch=False, proofread_interval=0)
    with TestClient(app, base_url="http://127.0.0.1"):
        site = app.state.ctx.db.write_sync(
            lambda conn: sites.create(conn, "Local", [base_url], key="local-key"))
        yield app, site


def _report(app: Starlette, site: Site, url: str, **fields: str) -> int:
    """A report stored as ingest (and the committer) stores it."""
    body = {"site": site.key, "url": url, "exact": "into to", **fields}
    report = reports.Report.of(parse_payload(body))
    stored = app.state.ctx.db.write_sync(
        lambda conn: reports.store(conn, site.id, report, ip_hash="", spam_reason=None))
    return int(stored.id)


def _article(app: Starlette) -> dict[str, Any]:
    def run(conn: Connection) -> dict[str, Any]:
        (row,) = conn.execute(select(schema.articles)).mappings().all()
        return dict(row)

    return app.state.ctx.db.read_sync(run)  # type: ignore[no-any-return]


def _proofread(app: Starlette, site: Site, report: int,
               fetcher: Callable[..., Page] = fetch) -> int | None:
    """Fetch the report's article now; the id of the version stored, if any."""
    tracker = ArticleTracker(app.state.ctx.settings, app.state.ctx.db, fetcher=fetcher)
    article = app.state.ctx.db.read_sync(lambda conn: conn.execute(
        select(schema.reports.c.article_id).where(schema.reports.c.id == report)).scalar_one())
    outcome = tracker.fetch_now(int(article))
    return None if outcome is None else outcome.version_id


def test_a_later_report_does_not_rename_the_article(make_app: Callable[..., Starlette]) -> None:
    app = make_app(proofread_fetch=False)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        app.state.ctx.db.write_sync(
            lambda conn: sites.create(conn, "Daily", ["https://news.example"], key="daily"))
        for title, lang, exact in [("Drafted at 40", "en", "into to"),
                                   ("Pwned <b>", "xx", "into to"),
                                   ("Renamed", "uk", "other words")]:
            body = {"site": "daily", "url": "https://news.example/army", "exact": exact,
                    "title": title, "lang": lang}
            answer = client.post("/api/v1/reports", content=orjson.dumps(body),
                                 headers={"Origin": "https://news.example",
                                          "Content-Type": "text/plain"})
            assert answer.status_code == 201, answer.text
    article = _article(app)
    assert (article["title"], article["lang"], article["named_by"]) == (
        "Drafted at 40", "en", "reader")
    kept = app.state.ctx.db.read_sync(lambda conn: conn.execute(
        select(schema.reports.c.title).order_by(schema.reports.c.id)).scalars().all())
    assert kept == ["Drafted at 40", "Pwned <b>", "Renamed"]  # each report keeps its own


def test_a_hint_only_fills_what_is_empty(local: tuple[Starlette, Site], base_url: str) -> None:
    app, site = local
    url = f"{base_url}/named.html"
    _report(app, site, url)
    _report(app, site, url, title="Drafted")
    assert (_article(app)["title"], _article(app)["lang"]) == ("Drafted", "")
    _report(app, site, url, title="Renamed", lang="uk")
    _report(app, site, url, title="Again", lang="ru")
    assert (_article(app)["title"], _article(app)["lang"]) == ("Drafted", "uk")


def test_the_pages_own_title_and_language_win(
    local: tuple[Starlette, Site], base_url: str
) -> None:
    app, site = local
    url = f"{base_url}/named.html"
    report = _report(app, site, url, title="Bogus <i>title</i>", lang="xx")
    # A bogus language hint does not stop proofreading: the page says "en-GB".
    version = _proofread(app, site, report)
    assert version is not None
    article = _article(app)
    assert (article["title"], article["lang"], article["named_by"]) == (
        "Heat warning extended", "en-GB", "page")
    findings = app.state.ctx.db.read_sync(lambda conn: conn.execute(
        select(schema.findings.c.text).where(schema.findings.c.version_id == version)
    ).scalars().all())
    assert "into to" in findings
    # Later reports change nothing, not even to fill in.
    later = _report(app, site, url, title="Pwned", lang="ru")
    assert (_article(app)["title"], _article(app)["lang"]) == ("Heat warning extended", "en-GB")
    # Notifications (and the dashboard's queue) read the article's title: the page's.
    group = app.state.ctx.db.read_sync(lambda conn: conn.execute(
        select(schema.reports.c.group_id).where(schema.reports.c.id == later)).scalar_one())
    event = app.state.ctx.db.read_sync(lambda conn: reports.event_payload(conn, group))
    assert event["article"]["title"] == "Heat warning extended"


def test_a_page_that_names_nothing_keeps_the_hint(
    local: tuple[Starlette, Site], base_url: str
) -> None:
    app, site = local
    url = f"{base_url}/plain.txt"
    report = _report(app, site, url, title="Drafted", lang="en")
    assert _proofread(app, site, report) is not None
    _report(app, site, url, title="Pwned", lang="ru")
    article = _article(app)
    assert (article["title"], article["lang"], article["named_by"]) == (
        "Drafted", "en", "page")


def test_a_page_in_an_unchecked_language_is_versioned_but_not_proofread(
    local: tuple[Starlette, Site], base_url: str
) -> None:
    app, site = local
    calls: list[str] = []

    def counting(url: str, **options: Any) -> Page:
        calls.append(url)
        return fetch(url, **options)

    report = _report(app, site, f"{base_url}/german.html", lang="en")
    assert _proofread(app, site, report, counting) is not None  # versions track fixes
    assert _article(app)["lang"] == "de"
    assert _proofread(app, site, report, counting) is None  # unchanged
    assert len(calls) == 2
    assert app.state.ctx.db.read_sync(
        lambda conn: conn.execute(select(schema.findings)).all()) == []
