from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import Connection, select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from copydesk import reports, sites
from copydesk.ingest.payload import parse as parse_payload
from copydesk.models import Site
from copydesk.proofread.fetch import Page, fetch
from copydesk.proofread.integration import language
from copydesk.storage import schema
from copydesk.versions.tracker import ArticleTracker, Outcome

from .pages import serve

pytestmark = pytest.mark.usefixtures("hunspell")


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with serve() as url:
        yield url


def _proofreader(app: Starlette) -> ArticleTracker:
    found = [s for s in app.state.ctx.services if isinstance(s, ArticleTracker)]
    assert len(found) == 1
    return found[0]


def _add_site(app: Starlette, origin: str) -> Site:
    return app.state.ctx.db.write_sync(  # type: ignore[no-any-return]
        lambda conn: sites.create(conn, "Local", [origin], key="local-key")
    )


def _report(client: TestClient, url: str) -> dict[str, Any]:
    response = client.post(
        "/api/v1/reports",
        json={"site": "local-key", "url": url, "exact": "into to", "lang": "en-GB"},
    )
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


def _versions(conn: Connection) -> list[dict[str, Any]]:
    v = schema.article_versions
    return [dict(r) for r in conn.execute(select(v).order_by(v.c.id)).mappings()]


def _findings(conn: Connection) -> list[dict[str, Any]]:
    f = schema.findings
    return [dict(r) for r in conn.execute(select(f).order_by(f.c.start)).mappings()]


def _wait_for(app: Starlette, count: int) -> list[dict[str, Any]]:
    deadline = time.monotonic() + 30
    while True:
        versions: list[dict[str, Any]] = app.state.ctx.db.read_sync(_versions)
        if len(versions) >= count or time.monotonic() > deadline:
            return versions
        time.sleep(0.05)


def test_a_report_gets_its_article_proofread(
    make_app: Callable[..., Starlette], base_url: str
) -> None:
    app = make_app(allow_private_targets=True)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        _add_site(app, base_url)
        _report(client, f"{base_url}/article.html?utm_source=feed")
        (version,) = _wait_for(app, 1)
        findings = app.state.ctx.db.read_sync(_findings)
    text = version["text"]
    assert "Heat warning extended" in text
    assert "Copyright" not in text
    # The report says the page is en-GB: American "centers" is an inconsistency with
    # the article's variant (info), not a misspelling.
    assert [(f["rule"], f["text"], f["severity"]) for f in findings] == [
        ("units", "4F", "error"),
        ("collisions", "into to", "error"),
        ("spelling", "centers", "info"),
    ]
    for finding in findings:
        assert finding["version_id"] == version["id"]
        assert text[finding["start"] : finding["end"]] == finding["text"]
    assert findings[0]["suggestions"] == ["39F"]


def test_the_report_is_answered_before_the_fetch(
    make_app: Callable[..., Starlette], base_url: str
) -> None:
    app = make_app(allow_private_targets=True)
    proofreader = _proofreader(app)
    started, release = threading.Event(), threading.Event()

    def slow_fetch(url: str, **options: Any) -> Page:
        started.set()
        release.wait(30)
        return fetch(url, **options)

    proofreader.fetcher = slow_fetch
    with TestClient(app, base_url="http://127.0.0.1") as client:
        _add_site(app, base_url)
        _report(client, f"{base_url}/article.html")  # answered while nothing was fetched
        assert started.wait(30)
        assert app.state.ctx.db.read_sync(_versions) == []
        release.set()
        assert len(_wait_for(app, 1)) == 1


@pytest.fixture
def local(make_app: Callable[..., Starlette], base_url: str) -> Iterator[tuple[Starlette, Site]]:
    app = make_app(allow_private_targets=True, proofread_interval=3600)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        site = _add_site(app, base_url)
        _proofreader(app).fetcher = lambda *a, **k: pytest.fail("no background fetch here")
        yield app, site
        del client


def _stored_report(app: Starlette, site: Site, url: str) -> int:
    """A report stored as ingest stores it, without queueing a background fetch; the id
    of its article."""
    report = reports.Report.of(
        parse_payload({"site": site.key, "url": url, "exact": "into to", "lang": "en"}))
    stored = app.state.ctx.db.write_sync(
        lambda conn: reports.store(conn, site.id, report, ip_hash="", spam_reason=None)
    )
    return int(app.state.ctx.db.read_sync(lambda conn: conn.execute(
        select(schema.reports.c.article_id).where(schema.reports.c.id == stored.id)
    ).scalar_one()))


def _fetch(tracker: ArticleTracker, article: int) -> Outcome:
    outcome = tracker.fetch_now(article)
    assert outcome is not None
    return outcome


class CountingFetch:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, url: str, **options: Any) -> Page:
        self.calls.append(url)
        return fetch(url, **options)


def test_a_fetched_article_waits_for_its_schedule(
    local: tuple[Starlette, Site], base_url: str
) -> None:
    app, site = local
    article = _stored_report(app, site, f"{base_url}/article.html")
    counting = CountingFetch()
    tracker = ArticleTracker(app.state.ctx.settings, app.state.ctx.db, fetcher=counting)
    assert _fetch(tracker, article).version_id is not None
    assert tracker.run_once() is None  # the next fetch is minutes away
    assert len(counting.calls) == 1


def test_unchanged_text_adds_no_version(local: tuple[Starlette, Site], base_url: str) -> None:
    app, site = local
    article = _stored_report(app, site, f"{base_url}/article.html")
    tracker = ArticleTracker(app.state.ctx.settings, app.state.ctx.db)
    assert _fetch(tracker, article).version_id is not None
    assert _fetch(tracker, article).result == "unchanged"
    assert len(app.state.ctx.db.read_sync(_versions)) == 1


@pytest.mark.parametrize("path", ["/elsewhere", "/missing"])
def test_off_origin_redirects_and_errors_store_nothing(
    local: tuple[Starlette, Site], base_url: str, path: str
) -> None:
    app, site = local
    article = _stored_report(app, site, base_url + path)
    tracker = ArticleTracker(app.state.ctx.settings, app.state.ctx.db)
    assert _fetch(tracker, article).result == "failed"
    assert app.state.ctx.db.read_sync(_versions) == []


def test_private_addresses_need_the_setting(local: tuple[Starlette, Site], base_url: str) -> None:
    app, site = local
    article = _stored_report(app, site, f"{base_url}/article.html")
    settings = app.state.ctx.settings.replace(allow_private_targets=False)
    counting = CountingFetch()
    tracker = ArticleTracker(settings, app.state.ctx.db, fetcher=counting)
    assert _fetch(tracker, article).reason == "refused"
    assert counting.calls == [f"{base_url}/article.html"]  # tried, and refused inside fetch
    assert app.state.ctx.db.read_sync(_versions) == []


@pytest.mark.parametrize(("words", "flagged"), [([], ["flowbus"]), (["Flowbus"], [])])
def test_site_words_are_used(
    local: tuple[Starlette, Site], base_url: str, words: list[str], flagged: list[str]
) -> None:
    from copydesk.proofread.dictionary import add_words

    app, site = local
    if words:
        app.state.ctx.db.write_sync(lambda conn: add_words(conn, site.id, words))
    article = _stored_report(app, site, f"{base_url}/flowbus.txt")
    tracker = ArticleTracker(app.state.ctx.settings, app.state.ctx.db)
    assert _fetch(tracker, article).version_id is not None
    assert [f["text"] for f in app.state.ctx.db.read_sync(_findings)] == flagged


@pytest.mark.parametrize(
    ("tag", "lang"), [("en-GB", "en"), ("uk", "uk"), ("ru_RU", "ru"), ("", "en"), ("de", None)]
)
def test_language(tag: str, lang: str | None) -> None:
    assert language(tag) == lang
