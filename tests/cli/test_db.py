"""Migrations are an explicit step: commands refuse a schema older or newer than the
code's, and a missing SQLite file, in one line; ``db upgrade``, ``serve --migrate`` (or
``COPYDESK_MIGRATE=auto``) and ``demo`` migrate."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner, Result
from sqlalchemy import create_engine, text

from copydesk.cli import main
from copydesk.storage import migrate
from copydesk.storage.database import normalise_url
from tests.conftest import free_port

FUTURE = "9999_from_a_newer_copydesk"


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.setenv("COPYDESK_SECRET_KEY", "cli-secret")
    return monkeypatch


def _one_line(result: Result, *words: str) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def _set_revision(url: str, revision: str) -> None:
    engine = create_engine(normalise_url(url))
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})
    engine.dispose()


@pytest.fixture
def ahead(db_url: str) -> Iterator[str]:
    """The test database stamped with a revision this copydesk does not have."""
    head = migrate.head()
    assert head is not None
    _set_revision(db_url, FUTURE)
    yield db_url
    _set_revision(db_url, head)


def test_a_missing_sqlite_file_is_named_not_created(
    env: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    env.chdir(tmp_path)
    env.delenv("COPYDESK_DATABASE_URL", raising=False)  # the default: ./copydesk.db
    runner = CliRunner()
    for args in (["site", "list"], ["reports", "list"], ["user", "list"], ["db", "current"],
                 ["serve", "--port", str(free_port())]):
        _one_line(runner.invoke(main, args), "no database at",
                  str(tmp_path / "copydesk.db"), "copydesk db upgrade")
    assert list(tmp_path.iterdir()) == []
    status = runner.invoke(main, ["db", "status"])
    assert status.exit_code == 1 and "no database" in status.output
    assert list(tmp_path.iterdir()) == []

    upgraded = runner.invoke(main, ["db", "upgrade"])
    assert upgraded.exit_code == 0, upgraded.output
    assert f"revision {migrate.head()}" in upgraded.output
    listed = runner.invoke(main, ["site", "list"])
    assert listed.exit_code == 0 and listed.output == ""


def test_an_older_schema_is_refused_until_db_upgrade(
    env: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    migrate.upgrade(url, "0004")
    env.setenv("COPYDESK_DATABASE_URL", url)
    runner = CliRunner()
    for args in (["site", "list"], ["outbox", "list"], ["serve", "--port", str(free_port())],
                 ["site", "add", "X", "--origin", "https://x.example"]):
        _one_line(runner.invoke(main, args), "older than this copydesk",
                  "run `copydesk db upgrade`")
    assert runner.invoke(main, ["db", "current"]).output.strip() == "0004"
    status = runner.invoke(main, ["db", "status"])
    assert status.exit_code == 1
    assert f"code revision: {migrate.head()}" in status.output
    assert "database revision: 0004" in status.output

    assert runner.invoke(main, ["db", "upgrade"]).exit_code == 0
    status = runner.invoke(main, ["db", "status"])
    assert status.exit_code == 0 and "up to date" in status.output, status.output
    added = runner.invoke(main, ["site", "add", "X", "--origin", "https://x.example"])
    assert added.exit_code == 0, added.output


def test_a_newer_schema_is_refused_even_by_db_upgrade(
    env: pytest.MonkeyPatch, ahead: str
) -> None:
    env.setenv("COPYDESK_DATABASE_URL", ahead)
    runner = CliRunner()
    for args in (["site", "list"], ["db", "upgrade"], ["serve", "--port", str(free_port())],
                 ["serve", "--migrate", "--port", str(free_port())], ["export"]):
        _one_line(runner.invoke(main, args), "this copydesk is older than the database",
                  FUTURE, "upgrade copydesk")
    assert runner.invoke(main, ["db", "current"]).output.strip() == FUTURE
    assert runner.invoke(main, ["db", "status"]).exit_code == 1


def test_db_current_and_status_on_a_current_database(
    env: pytest.MonkeyPatch, db_url: str
) -> None:
    env.setenv("COPYDESK_DATABASE_URL", db_url)
    runner = CliRunner()
    assert runner.invoke(main, ["db", "current"]).output.strip() == migrate.head()
    status = runner.invoke(main, ["db", "status"])
    assert status.exit_code == 0 and "up to date" in status.output


def test_an_unreachable_postgresql_is_one_line(env: pytest.MonkeyPatch) -> None:
    env.setenv("COPYDESK_DATABASE_URL", f"postgresql://copydesk@127.0.0.1:{free_port()}/x")
    for args in (["site", "list"], ["db", "status"], ["db", "upgrade"]):
        _one_line(CliRunner().invoke(main, args), "cannot open the database")


def test_bad_migrate_setting_is_refused(env: pytest.MonkeyPatch) -> None:
    env.setenv("COPYDESK_MIGRATE", "sometimes")
    _one_line(CliRunner().invoke(main, ["site", "list"]), "migrate must be manual or auto")


@pytest.mark.parametrize("how", ["--migrate", "COPYDESK_MIGRATE=auto"])
def test_serve_migrates_when_asked_creating_the_file(tmp_path: Path, how: str) -> None:
    path = tmp_path / "new.db"
    port = free_port()
    env = {**os.environ, "COPYDESK_DATABASE_URL": f"sqlite:///{path}",
           "COPYDESK_PORT": str(port), "COPYDESK_WORKERS": "1",
           "COPYDESK_SECRET_KEY": "s", "COPYDESK_PROOFREAD_FETCH": "false"}
    args = [sys.executable, "-m", "copydesk", "serve"]
    if how == "--migrate":
        args.append("--migrate")
    else:
        env["COPYDESK_MIGRATE"] = "auto"
    proc = subprocess.Popen(args, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        healthy = False
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            with contextlib.suppress(httpx.HTTPError):
                healthy = httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200
            if healthy:
                break
            time.sleep(0.2)
        assert healthy, (proc.stderr.read().decode()
                         if proc.stderr is not None and proc.poll() is not None else "")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
        if proc.stderr is not None:
            proc.stderr.close()
    engine = create_engine(f"sqlite:///{path}")
    assert migrate.current(engine) == migrate.head()
    engine.dispose()
