"""Property-based run of the OpenAPI document against a real server: no 5xx, ever."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from copydesk import sites
from copydesk.app import create_app
from copydesk.settings import Settings
from copydesk.storage import migrate
from copydesk.web.openapi import document
from tests.conftest import LiveServer

schema = schemathesis.openapi.from_dict(document())


@pytest.fixture(scope="module")
def api_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    path: Path = tmp_path_factory.mktemp("schemathesis") / "copydesk.db"
    url = f"sqlite:///{path}"
    migrate.upgrade(url)
    app = create_app(Settings(database_url=url, secret_key="s", rate_limit_block=10**9,
                              rate_limit_site=10**9))
    app.state.ctx.db.write_sync(
        lambda c: sites.create(c, "Fuzz", ["https://news.example"], key="fuzz-site")
    )
    with LiveServer(app) as server:
        yield server
    app.state.ctx.db.close()


@schema.parametrize()
@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_no_server_errors(case: schemathesis.Case, api_server: LiveServer) -> None:
    body = case.body
    if isinstance(body, dict) and len(str(body.get("exact", ""))) % 2 == 0:
        # Half the cases use a real site and an allowed URL, to reach storage.
        body["site"] = "fuzz-site"
        body["url"] = "https://news.example/fuzz"
    response = case.call(base_url=api_server.url)
    assert response.status_code < 500, response.text
    if response.status_code >= 400 and case.path.startswith("/api/"):
        assert response.headers["content-type"] == ["application/json"], response.text
        error = response.json()["error"]
        assert error["code"] and error["message"]
