"""Fixtures shared by the whole suite.

- ``db_url``: a migrated, empty database — parametrised over SQLite (a file per test,
  copied from a migrated template) and PostgreSQL (one throwaway database per run,
  truncated between tests).  Without a reachable PostgreSQL the ``postgres`` cases are
  skipped with the reason shown; with ``CI=true`` they fail instead.
- ``settings``, ``app``, ``client`` (Starlette's TestClient over the same app object the
  server uses, lifespan included), ``site`` (a registered site), ``live_server``.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import uvicorn
from sqlalchemy import create_engine, text
from starlette.applications import Starlette
from starlette.testclient import TestClient

from copydesk import sites
from copydesk.app import create_app
from copydesk.models import Site
from copydesk.settings import Settings
from copydesk.storage import migrate
from copydesk.storage.schema import metadata

CI = os.environ.get("CI", "").lower() == "true"
PG_ADMIN_URL = os.environ.get("COPYDESK_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("COPYDESK_TEST_REDIS", "redis://127.0.0.1:6379/15")


def unavailable(what: str, reason: str) -> None:
    """Skip (on a developer's machine) or fail (in CI) for a missing real service."""
    message = f"{what} not reachable: {reason}"
    if CI:
        pytest.fail(message + " (CI=true requires it)", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    migrate.upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    name = f"copydesk_test_{uuid.uuid4().hex[:10]}"
    try:
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        unavailable("PostgreSQL", str(exc).splitlines()[0])
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    migrate.upgrade(url)
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _truncate(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        names = ", ".join(f'"{t.name}"' for t in metadata.sorted_tables)
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> str:
    if request.param == "sqlite":
        path = tmp_path / "copydesk.db"
        shutil.copy(sqlite_template, path)
        return f"sqlite:///{path}"
    url: str = request.getfixturevalue("pg_database")
    _truncate(url)
    return url


@pytest.fixture
def sqlite_url(tmp_path: Path, sqlite_template: Path) -> str:
    """A migrated SQLite database only (for tests that are about SQLite itself)."""
    path = tmp_path / "copydesk.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def settings(db_url: str) -> Settings:
    # No tarpit: a refusal is answered at once (tests/ingest/test_tarpit.py holds them).
    return Settings(database_url=db_url, secret_key="test-secret-key", min_time_on_page_ms=0,
                    tarpit_ms=0)


@pytest.fixture
def make_app(settings: Settings) -> Iterator[Callable[..., Starlette]]:
    """Apps on the test database, with settings changed; their pools closed at teardown."""
    made: list[Starlette] = []

    def make(**changes: object) -> Starlette:
        app = create_app(settings.replace(**changes))
        made.append(app)
        return app

    yield make
    for app in made:
        app.state.ctx.db.close()


@pytest.fixture
def app(make_app: Callable[..., Starlette]) -> Starlette:
    return make_app()


@pytest.fixture
def client(app: Starlette) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://127.0.0.1") as test_client:
        yield test_client


@pytest.fixture
def site(app: Starlette, client: TestClient) -> Site:
    ctx = app.state.ctx
    return ctx.db.write_sync(  # type: ignore[no-any-return]
        lambda conn: sites.create(conn, "Daily", ["https://news.example"], key="daily-key")
    )


@pytest.fixture
def make_report(site: Site) -> Callable[..., dict[str, object]]:
    def make(**fields: object) -> dict[str, object]:
        body: dict[str, object] = {
            "site": site.key,
            "url": "https://news.example/2026/11/army",
            "exact": "into to",
            "prefix": "He was drafted ",
            "suffix": " the army in May.",
            "title": "Drafted",
            "lang": "en",
        }
        body.update(fields)
        return body

    return make


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    """The app under a real uvicorn on 127.0.0.1, in a thread of the test process."""

    def __init__(self, app: Starlette) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


@pytest.fixture
def live_server(app: Starlette) -> Iterator[LiveServer]:
    with LiveServer(app) as server:
        yield server
