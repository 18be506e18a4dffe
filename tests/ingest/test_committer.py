"""The committer process and the workers' link to it, over real Unix sockets."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from copydesk import sites
from copydesk.app import create_app
from copydesk.ingest.commit_client import CommitClient, CommitterFailed
from copydesk.ingest.committer import SOCKET_ENV, Committer, CommitterProcess
from copydesk.ingest.payload import ReportPayload
from copydesk.models import Site
from copydesk.reports import Report
from copydesk.settings import Settings
from copydesk.storage import schema
from copydesk.storage.database import Database


@pytest.fixture
def socket_dir() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="cd-"))  # short: Unix socket paths are limited
    yield path
    shutil.rmtree(path, ignore_errors=True)


class Running:
    """A Committer serving on its own event loop in a thread of the test process."""

    def __init__(self, settings: Settings, path: str) -> None:
        self.committer = Committer(settings)
        self.path = path
        self.loop = asyncio.new_event_loop()
        self.stopping = asyncio.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        try:
            self.loop.run_until_complete(self.committer.serve(self.path, self.stopping))
        finally:
            self.loop.close()

    def __enter__(self) -> Running:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not os.path.exists(self.path):
            assert time.monotonic() < deadline, "committer did not listen"
            time.sleep(0.01)
        return self

    def __exit__(self, *exc: object) -> None:
        self.loop.call_soon_threadsafe(self.stopping.set)
        self.thread.join(10)


@pytest.fixture
def committer(settings: Settings, socket_dir: Path) -> Iterator[Running]:
    with Running(settings, str(socket_dir / "c.sock")) as running:
        yield running


def _site(settings: Settings) -> Site:
    db = Database(settings.database_url)
    site = db.write_sync(lambda c: sites.create(c, "Daily", ["https://news.example"],
                                                key="daily-key"))
    db.close()
    return site


def _report(**changes: object) -> dict[str, object]:
    body: dict[str, object] = {
        "site": "daily-key", "url": "https://news.example/2026/11/army", "exact": "into to",
        "prefix": "He was drafted ", "suffix": " the army in May.", "lang": "en",
    }
    body.update(changes)
    return body


def _fields(url: str, exact: str) -> Report:
    return Report.of(ReportPayload(site="daily-key", url=url, exact=exact))


def _stored_reports(settings: Settings) -> dict[int, str]:
    db = Database(settings.database_url)
    rows = db.read_sync(lambda c: c.execute(select(schema.reports.c.id, schema.reports.c.exact))
                        .all())
    db.close()
    return {int(r[0]): str(r[1]) for r in rows}


def test_reports_go_through_the_committer_and_group_as_usual(
    settings: Settings, committer: Running,
) -> None:
    _site(settings)
    app = create_app(settings, committer=committer.path)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        assert client.get("/healthz").json()["committer"] == "connected"
        first = client.post("/api/v1/reports", json=_report())
        again = client.post("/api/v1/reports", json=_report(comment="me too"))
        other = client.post("/api/v1/reports", json=_report(exact="Celsius (4F)", prefix="",
                                                            suffix=""))
    assert first.status_code == again.status_code == other.status_code == 201
    assert first.json()["duplicate"] is False and again.json()["duplicate"] is True
    assert again.json()["group"] == first.json()["group"] != other.json()["group"]
    assert committer.committer.stored == 3
    assert _stored_reports(settings) == {first.json()["id"]: "into to",
                                         again.json()["id"]: "into to",
                                         other.json()["id"]: "Celsius (4F)"}


def test_without_a_committer_reports_are_stored_in_process(
    settings: Settings, socket_dir: Path,
) -> None:
    _site(settings)
    app = create_app(settings, committer=str(socket_dir / "nobody-listens.sock"))
    with TestClient(app, base_url="http://127.0.0.1") as client:
        health = client.get("/healthz")
        assert health.status_code == 200  # reports are still taken
        assert health.json()["status"] == "degraded"
        assert health.json()["committer"] == "unreachable (storing in-process)"
        response = client.post("/api/v1/reports", json=_report())
    assert response.status_code == 201
    assert list(_stored_reports(settings)) == [response.json()["id"]]


def test_a_committer_lost_mid_report_is_a_503_to_send_again(
    settings: Settings, socket_dir: Path,
) -> None:
    """A peer that takes the report and hangs up: nobody knows whether it was stored."""
    _site(settings)
    path = str(socket_dir / "hangs-up.sock")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen()

    def hang_up() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            conn.recv(65536)
            conn.close()

    threading.Thread(target=hang_up, daemon=True).start()
    app = create_app(settings, committer=path)
    try:
        with TestClient(app, base_url="http://127.0.0.1") as client:
            response = client.post("/api/v1/reports", json=_report())
    finally:
        listener.close()
    assert response.status_code == 503
    assert response.headers["retry-after"] == "1"
    assert response.json()["error"]["code"] == "store_interrupted"


def test_concurrent_reports_each_get_their_own_answer(
    settings: Settings, committer: Running,
) -> None:
    site = _site(settings)
    client = CommitClient(committer.path)

    async def send_all() -> list[object]:
        calls = [
            client.store(site.id, _fields(url=f"https://news.example/{i}", exact=f"word{i}"),
                         ip_hash="", spam_reason=None)
            for i in range(150)
        ]
        calls.append(client.store(10_000, _fields(  # no such site: refused alone
            url="https://news.example/x", exact="orphan"), ip_hash="", spam_reason=None))
        results = await asyncio.gather(*calls, return_exceptions=True)
        client.close()
        return results

    results = asyncio.run(send_all())
    assert isinstance(results[-1], CommitterFailed)
    stored = _stored_reports(settings)
    assert len(stored) == 150
    for i, result in enumerate(results[:-1]):
        assert stored[result.id] == f"word{i}"  # type: ignore[union-attr]


def test_serve_keeps_a_committer_running_and_stops_it_last(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = Settings(database_url=sqlite_url)
    monkeypatch.setenv("COPYDESK_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("COPYDESK_LOG_LEVEL", "WARNING")
    site = _site(settings)
    process = CommitterProcess()
    monkeypatch.setattr(CommitterProcess, "RESTART_DELAY", 0.1)
    process.start()
    link = CommitClient(process.path)

    async def store(exact: str) -> int:
        deadline = time.monotonic() + 30
        while True:
            stored = await link.store(site.id, _fields(url="https://news.example/a",
                                                       exact=exact), ip_hash="", spam_reason=None)
            if stored is not None:
                return stored.id
            assert time.monotonic() < deadline, "the committer did not come up"
            await asyncio.sleep(0.1)

    async def scenario() -> tuple[int, int]:
        first = await store("before")
        pid = process.pid
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while process.pid == pid:
            assert time.monotonic() < deadline, "the committer was not restarted"
            await asyncio.sleep(0.05)
        second = await store("after")
        link.close()
        return first, second

    try:
        first, second = asyncio.run(scenario())
        pid = process.pid
    finally:
        process.stop()
    assert _stored_reports(settings) == {first: "before", second: "after"}
    assert not os.path.exists(process.path)
    assert pid is not None
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert os.environ.get(SOCKET_ENV) is None  # the test process was not rewired


def test_a_killed_committer_is_never_a_500_and_health_shows_it(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """SIGKILL the committer under a worker: each report is stored by the worker itself
    (201) or, when it was in flight, answered 503 store_interrupted; /healthz stays 200
    (reports are taken) and says the committer is unreachable."""
    settings = Settings(database_url=sqlite_url, secret_key="k", min_time_on_page_ms=0,
                        dispatcher=False, proofread_fetch=False)
    monkeypatch.setenv("COPYDESK_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("COPYDESK_LOG_LEVEL", "WARNING")
    monkeypatch.setattr(CommitterProcess, "RESTART_DELAY", 3600.0)  # stays dead
    _site(settings)
    process = CommitterProcess()
    process.start()
    acked: list[int] = []
    try:
        app = create_app(settings, committer=process.path)
        with TestClient(app, base_url="http://127.0.0.1",
                        raise_server_exceptions=False) as client:
            before = client.post("/api/v1/reports", json=_report())
            assert before.status_code == 201
            acked.append(before.json()["id"])
            assert client.get("/healthz").json()["committer"] == "connected"
            pid = process.pid
            assert pid is not None
            os.kill(pid, signal.SIGKILL)
            deadline = time.monotonic() + 30
            while True:  # until serve's watcher has reaped it
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    break
                assert time.monotonic() < deadline, "the committer did not die"
                time.sleep(0.05)
            answers = [client.post("/api/v1/reports", json=_report(exact=f"word{i}",
                                                                   prefix="", suffix=""))
                       for i in range(5)]
            health = client.get("/healthz")
    finally:
        process.stop()
    for response in answers:
        assert response.status_code in (201, 503), response.text
        if response.status_code == 503:
            assert response.json()["error"]["code"] == "store_interrupted"
            assert response.headers["retry-after"] == "1"
        else:
            acked.append(response.json()["id"])
    assert answers[-1].status_code == 201  # the worker stores reports itself
    assert health.status_code == 200
    assert health.json() == {"status": "degraded", "database": "ok",
                             "committer": "unreachable (storing in-process)"}
    assert set(acked) <= set(_stored_reports(settings))


def test_a_signal_to_serves_process_group_does_not_restart_the_committer(
    sqlite_url: str, tmp_path: Path,
) -> None:
    """Ctrl+C or a supervisor's SIGTERM reaches serve's whole process group: serve stops
    its workers, then the committer; the committer is not stopped first and restarted."""
    import subprocess
    import sys

    from copydesk.storage import migrate
    from tests.conftest import free_port

    migrate.upgrade(sqlite_url)
    port = free_port()
    env = {**os.environ, "COPYDESK_DATABASE_URL": sqlite_url, "COPYDESK_PORT": str(port),
           "COPYDESK_WORKERS": "1", "COPYDESK_LOG_FORMAT": "text",
           "COPYDESK_PROOFREAD_FETCH": "false", "COPYDESK_DISPATCHER": "false"}
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        serve = subprocess.Popen(
            [sys.executable, "-m", "copydesk", "serve"], env=env, cwd=tmp_path,
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            assert serve.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "serve did not come up"
            time.sleep(0.1)
        time.sleep(1)  # the committer and the worker are up
        os.killpg(serve.pid, signal.SIGTERM)
        serve.wait(timeout=60)
    finally:
        if serve.poll() is None:
            os.killpg(serve.pid, signal.SIGKILL)
            serve.wait()
    text = log.read_text()
    # uvicorn shuts down and then dies of the signal it caught (-SIGTERM), as it should.
    assert serve.returncode in (0, -signal.SIGTERM), text
    assert "Finished server process" in text
    assert "committer exited" not in text
