"""The demo article, the demo site and ``copydesk demo``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import uvicorn
from click.testing import CliRunner
from starlette.applications import Starlette
from starlette.testclient import TestClient

from copydesk import demo
from copydesk.cli import main
from copydesk.settings import Settings
from tests.conftest import LiveServer


@pytest.fixture
def demo_app(settings: Settings) -> Starlette:
    return demo.create_demo_app(settings)


@pytest.fixture
def demo_client(demo_app: Starlette) -> Iterator[TestClient]:
    with TestClient(demo_app, base_url="http://127.0.0.1:8000") as client:
        yield client


def test_article_embeds_the_widget_and_its_mistakes(demo_client: TestClient) -> None:
    r = demo_client.get("/demo/", follow_redirects=False)
    assert r.status_code == 302
    assert r.headers["location"] == "/demo/article"
    page = demo_client.get("/demo/article")
    assert page.status_code == 200
    html = page.text
    assert ('<script src="/widget.js" data-site="demo" data-notices data-notify="on" async>'
            '</script>') in html
    # Published corrections of the demo article show at their placement.
    assert '<div data-copydesk-notices="top"></div>' in html
    assert '<div data-copydesk-notices="bottom"></div>' in html
    assert '<link rel="canonical" href="http://127.0.0.1:8000/demo/article">' in html
    for mistake in ("drafted into to the army", "lows of 4 Celsius (4F)", "recieved"):
        assert mistake in html
    body = html[html.index('itemprop="articleBody"') : html.index("</article>")]
    words = len(re.sub(r"<[^>]+>", " ", body).split())
    assert 400 <= words <= 600
    assert demo_client.get("/widget.js").status_code == 200


def test_ensure_demo_site_is_idempotent(demo_app: Starlette) -> None:
    db = demo_app.state.ctx.db
    first = demo.ensure_demo_site(db, ["http://127.0.0.1:8000"])
    again = demo.ensure_demo_site(db, ["http://127.0.0.1:8000", "http://localhost:8000"])
    assert first.id == again.id
    assert first.key == again.key == demo.DEMO_KEY
    assert again.origins == ("http://127.0.0.1:8000", "http://localhost:8000")


def test_local_origins() -> None:
    assert demo.local_origins("127.0.0.1", 8000) == [
        "http://127.0.0.1:8000", "http://localhost:8000"
    ]
    assert demo.local_origins("0.0.0.0", 9000, "https://cd.example/") == [
        "http://127.0.0.1:9000", "http://localhost:9000", "https://cd.example"
    ]
    assert demo.local_origins("news.internal", 80) == ["http://news.internal:80"]


def test_demo_command(monkeypatch: pytest.MonkeyPatch, db_url: str) -> None:
    started: dict[str, Any] = {}

    def fake_run(app: Starlette, **kwargs: Any) -> None:
        started.update(kwargs, app=app)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    result = CliRunner().invoke(
        main, ["demo", "--port", "8123"],
        env={"COPYDESK_DATABASE_URL": db_url, "COPYDESK_LOG_FORMAT": "text"},
    )
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8123/demo/article" in result.output
    assert started["port"] == 8123
    with TestClient(started["app"]) as client:
        assert client.get("/demo/article").status_code == 200
        ctx = started["app"].state.ctx
        site = ctx.db.read_sync(lambda conn: demo.sites.by_key(conn, demo.DEMO_KEY))
        assert "http://127.0.0.1:8123" in site.origins


@pytest.mark.browser
def test_demo_end_to_end(demo_app: Starlette, context: Any) -> None:
    with LiveServer(demo_app) as server:
        demo.ensure_demo_site(demo_app.state.ctx.db, [server.url])
        page = context.new_page()
        page.goto(server.url + "/demo/")
        page.evaluate("""() => {
            const p = [...document.querySelectorAll('[itemprop=articleBody] p')]
              .find(p => p.textContent.includes('into to'));
            const t = p.firstChild, i = t.data.indexOf('into to');
            const r = document.createRange(); r.setStart(t, i); r.setEnd(t, i + 7);
            getSelection().removeAllRanges(); getSelection().addRange(r);
        }""")
        page.keyboard.press("Control+Enter")
        dialog = page.get_by_role("dialog", name="Report an error")
        dialog.get_by_label("Suggested correction").fill("into")
        # The demo offers "Tell me when this is fixed" (data-notify="on").
        assert dialog.get_by_label("Your e-mail (optional)").is_visible()
        dialog.get_by_role("button", name="Send").click()
        dialog.get_by_text("Thank you").wait_for()
        rows = demo_app.state.ctx.db.read_sync(
            lambda conn: conn.exec_driver_sql("SELECT exact, suggestion, url FROM reports").all()
        )
        assert [tuple(r) for r in rows] == [("into to", "into", server.url + "/demo/article")]
