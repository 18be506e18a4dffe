from __future__ import annotations

import csv
import io
import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from copydesk.app import create_app
from copydesk.cli import main
from copydesk.settings import Settings
from tests.conftest import free_port


@pytest.fixture
def runner(db_url: str, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("COPYDESK_DATABASE_URL", db_url)
    monkeypatch.setenv("COPYDESK_SECRET_KEY", "cli-secret")
    return CliRunner()


def test_site_add_and_list(runner: CliRunner) -> None:
    added = runner.invoke(main, ["site", "add", "Daily News", "--origin",
                                 "https://News.example/", "--origin", "https://*.daily.example"])
    assert added.exit_code == 0, added.output
    key = added.output.strip()
    assert len(key) >= 12
    listed = runner.invoke(main, ["site", "list", "--json"])
    assert json.loads(listed.output) == [{"key": key, "name": "Daily News", "origins": [
        "https://news.example", "https://*.daily.example"]}]


def test_a_new_site_key_never_reads_as_an_option(runner: CliRunner,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    drawn = iter(["-Bdash1234567", "_plain123456"])
    monkeypatch.setattr("copydesk.sites.secrets.token_urlsafe", lambda n: next(drawn))
    added = runner.invoke(main, ["site", "add", "Daily", "--origin", "https://d.example"])
    assert added.exit_code == 0, added.output
    assert added.output.strip() == "_plain123456"
    assert runner.invoke(main, ["site", "variant", "_plain123456"]).exit_code == 0


@pytest.mark.parametrize(("args", "message"), [
    (["site", "add", "X"], "Missing option '--origin'"),
    (["site", "add", "X", "--origin", "ftp://x"], "not an http(s) origin"),
    (["reports", "list", "--status", "bogus"], "Invalid value for '--status'"),
    (["export", "--format", "xml"], "Invalid value for '--format'"),
])
def test_user_errors_are_clear_and_non_zero(runner: CliRunner, args: list[str],
                                            message: str) -> None:
    result = runner.invoke(main, args)
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


def test_duplicate_site_key_is_refused(runner: CliRunner) -> None:
    runner.invoke(main, ["site", "add", "A", "--origin", "https://a.example", "--key", "same"])
    result = runner.invoke(main, ["site", "add", "B", "--origin", "https://b.example",
                                  "--key", "same"])
    assert result.exit_code == 1 and "exists already" in result.output


def test_bad_setting_is_reported(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COPYDESK_PORT", "eighty")
    result = runner.invoke(main, ["serve"])
    assert result.exit_code == 1 and "COPYDESK_PORT" in result.output


def _send_reports(db_url: str, key: str) -> None:
    app = create_app(Settings(database_url=db_url, secret_key="cli-secret"))
    with TestClient(app) as client:
        for body in (
            {"exact": "into to", "prefix": "drafted ", "suffix": " the army",
             "suggestion": "into", "comment": "=HYPERLINK(\"http://evil\")"},
            {"exact": "4F", "prefix": "4 Celsius (", "suffix": ")", "comment": "+1 \"quoted\"\n"
             "second line"},
        ):
            resp = client.post("/api/v1/reports", content=orjson.dumps({
                "site": key, "url": "https://news.example/a", **body}),
                headers={"Content-Type": "application/json"})
            assert resp.status_code == 201
    app.state.ctx.db.close()


def test_reports_list_and_exports(runner: CliRunner, db_url: str, tmp_path: object) -> None:
    key = runner.invoke(main, ["site", "add", "D", "--origin", "https://news.example"]
                        ).output.strip()
    _send_reports(db_url, key)
    listed = runner.invoke(main, ["reports", "list", "--site", key, "--status", "new"])
    assert listed.exit_code == 0
    assert "'into to'" in listed.output and "'4F'" in listed.output
    assert runner.invoke(main, ["reports", "list", "--status", "fixed"]).output == ""

    as_json = runner.invoke(main, ["export", "--format", "json", "--site", key])
    exported = json.loads(as_json.output)
    assert [r["exact"] for r in exported] == ["into to", "4F"]
    assert exported[0]["comment"] == "=HYPERLINK(\"http://evil\")"  # JSON keeps it exact

    out = f"{tmp_path}/reports.csv"
    assert runner.invoke(main, ["export", "--format", "csv", "--output", out]).exit_code == 0
    with open(out, encoding="utf-8", newline="") as f:
        raw = f.read()
    assert raw.count("\r\n") == 3  # header + 2 rows; the comment's own newline stays \n
    parsed = list(csv.DictReader(io.StringIO(raw)))
    assert parsed[0]["comment"] == "'=HYPERLINK(\"http://evil\")"
    assert parsed[1]["comment"] == "'+1 \"quoted\"\nsecond line"
    assert parsed[0]["exact"] == "into to"


def test_db_upgrade(runner: CliRunner) -> None:
    result = runner.invoke(main, ["db", "upgrade"])
    assert result.exit_code == 0 and "revision" in result.output


def test_db_upgrade_to_an_unknown_revision_is_one_line(runner: CliRunner) -> None:
    result = runner.invoke(main, ["db", "upgrade", "--revision", "9999"])
    assert result.exit_code == 1
    assert "cannot migrate to '9999'" in result.output and "Traceback" not in result.output


def test_backup_into_a_missing_folder_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    assert runner.invoke(main, ["db", "upgrade"]).exit_code == 0
    result = runner.invoke(main, ["backup", str(tmp_path / "nowhere" / "b.db")])
    assert result.exit_code == 1
    assert "does not exist" in result.output
    assert isinstance(result.exception, SystemExit)  # a message, not a raised error


@pytest.mark.parametrize("command", [["reports", "list"], ["export"]])
def test_an_unknown_site_is_an_error_not_an_empty_list(runner: CliRunner,
                                                        command: list[str]) -> None:
    assert runner.invoke(main, ["db", "upgrade"]).exit_code == 0
    result = runner.invoke(main, [*command, "--site", "nosuch"])
    assert result.exit_code == 1 and "no site with key 'nosuch'" in result.output


# ``serve`` errors: one line on stderr and a non-zero exit, no traceback.  Run as a real
# process: what matters is what an operator sees.

def _serve(env: dict[str, str], prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*prefix, sys.executable, "-m", "copydesk", "serve"],
        env={**os.environ, "COPYDESK_SECRET_KEY": "cli-secret", "COPYDESK_WORKERS": "1",
             "COPYDESK_PORT": str(free_port()), **env},
        capture_output=True, text=True, timeout=60,
    )


def _one_clear_line(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0], lines[0]


def _without_root_override() -> tuple[str, ...]:
    """A command prefix under which file permissions hold (root ignores them)."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: permissions cannot be enforced")
    return (setpriv, "--bounding-set", "-dac_override,-dac_read_search")


@pytest.mark.parametrize("read_only", ["file", "directory"])
def test_serve_on_a_read_only_database_is_one_line(sqlite_url: str, read_only: str) -> None:
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    target = path if read_only == "file" else path.parent
    mode = target.stat().st_mode
    target.chmod(0o444 if read_only == "file" else 0o555)
    try:
        result = _serve({"COPYDESK_DATABASE_URL": sqlite_url}, _without_root_override())
    finally:
        target.chmod(mode)
    _one_clear_line(result, "cannot open the database", "not writable")


def test_serve_on_an_unreachable_postgresql_is_one_line() -> None:
    closed = free_port()  # nothing listens there
    result = _serve({"COPYDESK_DATABASE_URL": f"postgresql://copydesk@127.0.0.1:{closed}/x"})
    _one_clear_line(result, "cannot open the database")


def test_serve_on_a_port_in_use_is_one_line(sqlite_url: str) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = _serve({"COPYDESK_DATABASE_URL": sqlite_url, "COPYDESK_PORT": str(port)})
    _one_clear_line(result, "cannot listen on", str(port))
