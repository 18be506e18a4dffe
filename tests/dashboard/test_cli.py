"""``copydesk user`` and ``copydesk reports status`` against a real database."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from argon2 import PasswordHasher
from click.testing import CliRunner
from sqlalchemy import select
from starlette.applications import Starlette

from copydesk import accounts
from copydesk.cli import main
from copydesk.models import Site
from copydesk.storage import schema
from tests.dashboard.conftest import read


@pytest.fixture
def cli(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Any]:
    monkeypatch.setenv("COPYDESK_DATABASE_URL", db_url)
    monkeypatch.setenv("COPYDESK_SECRET_KEY", "test-secret-key")
    runner = CliRunner()

    def run(*args: str, stdin: str | None = None, code: int = 0) -> str:
        result = runner.invoke(main, list(args), input=stdin, catch_exceptions=False)
        assert result.exit_code == code, result.output
        return result.output

    return run


def test_user_commands(cli: Callable[..., Any], app: Starlette, site: Site) -> None:
    out = cli("user", "add", "Ed@News.example", "--role", "editor", "--site", site.key,
              "--password-stdin", stdin="a long password\n")
    assert "added ed@news.example (editor)" in out
    cli("user", "add", "x@news.example", "--role", "editor", "--site", "nope",
        "--password-stdin", stdin="a long password\n", code=1)
    cli("user", "add", "y@news.example", "--role", "admin", "--password-stdin",
        stdin="short\n", code=1)
    assert f"ed@news.example\teditor\tactive\t{site.key}" in cli("user", "list")
    cli("user", "passwd", "ed@news.example", "--password-stdin", stdin="another password\n")
    user = accounts.authenticate(app.state.ctx.db, "ed@news.example", "another password")
    assert user is not None
    assert accounts.authenticate(app.state.ctx.db, "ed@news.example", "a long password") is None
    cli("user", "disable", "ed@news.example")
    assert "disabled" in cli("user", "list")
    cli("user", "disable", "nobody@news.example", code=1)


def test_user_add_prompts_for_the_password(cli: Callable[..., Any], app: Starlette) -> None:
    cli("user", "add", "boss@news.example", "--role", "admin",
        stdin="a long password\na long password\n")
    assert accounts.authenticate(app.state.ctx.db, "boss@news.example",
                                 "a long password") is not None


def test_user_add_with_no_password_to_read_says_what_to_do(cli: Callable[..., Any]) -> None:
    out = cli("user", "add", "boss@news.example", "--role", "admin", stdin="", code=2)
    assert "--password-stdin" in out and "Aborted" not in out


def test_user_commands_hash_outside_the_write_job(
    cli: Callable[..., Any], app: Starlette, monkeypatch: pytest.MonkeyPatch
) -> None:
    # While the CLI hashes, another writer of the database must not wait for it.
    db = app.state.ctx.db
    waited: list[bool] = []

    class Probing(PasswordHasher):
        def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str:
            done = threading.Event()
            threading.Thread(target=lambda: (db.write_sync(lambda c: c.execute(
                schema.meta.delete().where(schema.meta.c.key == "probe"))), done.set()),
                daemon=True).start()
            waited.append(not done.wait(10))
            return super().hash(password, salt=salt)

    probing = Probing(time_cost=1, memory_cost=8, parallelism=1)
    monkeypatch.setattr(accounts, "default_hasher", lambda: probing)
    cli("user", "add", "ed@news.example", "--role", "admin", "--password-stdin",
        stdin="a long password\n")
    cli("user", "passwd", "ed@news.example", "--password-stdin", stdin="another password\n")
    assert waited == [False, False]


def test_user_add_refuses_a_nul_in_the_address(cli: Callable[..., Any]) -> None:
    out = cli("user", "add", "ed\x00@news.example", "--role", "admin", "--password-stdin",
              stdin="a long password\n", code=1)
    assert "not an email address" in out
    assert cli("user", "list") == ""


def test_reports_status(cli: Callable[..., Any], app: Starlette,
                        report: Callable[..., int]) -> None:
    gid = report()
    assert f"group {gid}: accepted" in cli("reports", "status", str(gid), "accepted",
                                           "--note", "ok")
    cli("reports", "status", str(gid), "accepted", code=1)
    cli("reports", "status", "999999", "spam", code=1)
    entry = read(app, lambda c: c.execute(select(schema.audit_log)).mappings().one())
    assert (entry["actor"], entry["to_value"], entry["note"]) == ("cli", "accepted", "ok")


def test_export_annotations(cli: Callable[..., Any], report: Callable[..., int]) -> None:
    report(suggestion="into")
    out = cli("export", "--format", "annotations")
    assert '"type": "AnnotationCollection"' in out
    assert '"motivation":"editing"' in out


def test_user_role_and_sites(cli: Callable[..., Any], app: Starlette, site: Site) -> None:
    cli("user", "add", "boss@news.example", "--role", "admin", "--password-stdin",
        stdin="a long password\n")
    cli("user", "add", "ed@news.example", "--role", "editor", "--password-stdin",
        stdin="a long password\n")
    assert "ed@news.example\teditor\tactive\t-" in cli("user", "list")
    cli("user", "sites", "ed@news.example", "--site", site.key)
    assert f"ed@news.example\teditor\tactive\t{site.key}" in cli("user", "list")
    assert "unknown" not in cli("user", "sites", "ed@news.example", "--site", "nope", code=1)
    cli("user", "role", "ed@news.example", "admin")
    assert "ed@news.example\tadmin\tactive\t*" in cli("user", "list")
    cli("user", "role", "boss@news.example", "editor")
    # The one admin left cannot be demoted or disabled: nobody could manage users then.
    out = cli("user", "role", "ed@news.example", "editor", code=1)
    assert "last active admin" in out
    assert "last active admin" in cli("user", "disable", "ed@news.example", code=1)
    cli("user", "role", "ed@news.example", "superuser", code=2)
