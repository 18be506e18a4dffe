"""The queue's query plans use the indexes migration 0002 made (no timing here)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.dialects import postgresql, sqlite
from starlette.applications import Starlette

from copydesk.app import create_app
from copydesk.settings import Settings
from copydesk.web.dashboard import queue
from tests.dashboard.conftest import read


def _plan(conn: Any, f: queue.QueueFilter) -> str:
    captured: list[Any] = []

    class Spy:
        dialect = conn.dialect

        def execute(self, query: Any) -> list[Any]:
            captured.append(query)
            return []

    queue.fetch(Spy(), f)  # type: ignore[arg-type]
    query = captured[0]
    dialect = postgresql.dialect() if conn.dialect.name == "postgresql" else sqlite.dialect()
    compiled = query.compile(dialect=dialect, compile_kwargs={"literal_binds": True})
    if conn.dialect.name == "postgresql":
        conn.execute(text("SET enable_seqscan = off"))
        rows = conn.execute(text(f"EXPLAIN {compiled}")).scalars()
    else:
        rows = (r[-1] for r in conn.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))
    return "\n".join(str(r) for r in rows)


def test_search_uses_the_full_text_index(app: Starlette, site: object) -> None:
    plan = read(app, lambda c: _plan(c, queue.QueueFilter(status="all", q="teh cat")))
    assert "reports_fts" in plan or "ix_reports_fts" in plan, plan


@pytest.fixture
def sqlite_app(sqlite_url: str) -> Iterator[Starlette]:
    app = create_app(Settings(database_url=sqlite_url, secret_key="test-secret-key"))
    yield app
    app.state.ctx.db.close()


def test_status_queue_uses_an_index(sqlite_app: Starlette) -> None:
    """On SQLite only: PostgreSQL plans by table statistics, so an empty table shows
    nothing (bench/dashboard/run.py measures the real thing on both)."""
    app = sqlite_app
    plan = read(app, lambda c: _plan(c, queue.QueueFilter(status="new")))
    assert "ix_groups_status_last" in plan, plan
    plan = read(app, lambda c: _plan(c, queue.QueueFilter(site_ids=frozenset({1}),
                                                          status="all", sort="most")))
    assert "ix_groups_site_count" in plan, plan
