"""``copydesk demo`` gives its article one published correction, shown on the public
corrections page, in the article's notice and JSON-LD; running it again adds none."""

from __future__ import annotations

from typing import Any

import pytest
import uvicorn
from click.testing import CliRunner
from sqlalchemy import func, select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from copydesk import demo
from copydesk.cli import main
from copydesk.storage import schema


def _run_demo(monkeypatch: pytest.MonkeyPatch, db_url: str) -> Starlette:
    started: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: started.update(app=app))
    result = CliRunner().invoke(
        main, ["demo", "--port", "8124"],
        env={"COPYDESK_DATABASE_URL": db_url, "COPYDESK_LOG_FORMAT": "text"},
    )
    assert result.exit_code == 0, result.output
    assert "/c/demo/corrections" in result.output
    app: Starlette = started["app"]
    return app


def test_the_demo_article_has_a_published_correction(monkeypatch: pytest.MonkeyPatch,
                                                     db_url: str) -> None:
    app = _run_demo(monkeypatch, db_url)
    _run_demo(monkeypatch, db_url)  # idempotent
    article = "http://127.0.0.1:8124/demo/article"
    with TestClient(app, base_url="http://127.0.0.1:8124") as client:
        count = app.state.ctx.db.read_sync(lambda c: c.execute(
            select(func.count()).select_from(schema.corrections)
            .where(schema.corrections.c.status == "published")).scalar_one())
        page = client.get("/c/demo/corrections")
        notice = client.get("/c/demo/notice.html", params={"url": article})
        jsonld = client.get("/c/demo/article.jsonld", params={"url": article})
    assert count == 1
    assert page.status_code == 200 and "It was built in 1762" in page.text
    assert notice.status_code == 200 and "It was built in 1762" in notice.text
    assert jsonld.status_code == 200 and "CorrectionComment" in jsonld.text
    assert demo.CORRECTION.startswith("An earlier version of this article said")
