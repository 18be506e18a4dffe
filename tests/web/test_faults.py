"""Faults are explicit: a full disk, an unreachable database or Redis is a 503 with a
code and Retry-After (JSON on the API, a plain page on the dashboard), never a bare 500;
``/healthz`` names the failing part; once the fault is gone, reports are taken again and
every report answered 201 is in the database."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError
from sqlalchemy import select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from copydesk import accounts, faults, sites
from copydesk.app import create_app
from copydesk.models import Role
from copydesk.settings import Settings
from copydesk.storage import database, health, schema
from copydesk.storage.database import Database
from copydesk.web import ops
from tests.conftest import REDIS_URL, free_port, unavailable
from tests.dashboard.conftest import ADMIN, PASSWORD, login
from tests.ingest.test_committer import Running

ORIGIN = {"Origin": "https://news.example"}


def _settings(url: str, **changes: Any) -> Settings:
    return Settings(database_url=url, secret_key="test-secret-key", min_time_on_page_ms=0,
                    dispatcher=False, proofread_fetch=False, **changes)


def _report(i: int) -> dict[str, object]:
    return {"site": "daily-key", "url": f"https://news.example/2026/{i}", "exact": "into to",
            "prefix": "He was drafted ", "suffix": " the army in May.", "lang": "en",
            "comment": "a comment long enough to need some room " * 5}


def _post(client: TestClient, i: int) -> Any:
    return client.post("/api/v1/reports", json=_report(i), headers=ORIGIN)


def _stored_ids(url: str) -> set[int]:
    db = Database(url)
    try:
        return set(db.read_sync(lambda c: c.execute(select(schema.reports.c.id)).scalars()))
    finally:
        db.close()


def _assert_unavailable(response: Any, code: str) -> None:
    assert response.status_code == 503, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert int(response.headers["retry-after"]) >= 1
    error = response.json()["error"]
    assert error["code"] == code
    assert error["message"]


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 32 MiB tmpfs of its own (root only), unmounted at teardown."""
    if os.geteuid() != 0:
        pytest.skip("a full disk is made with a small tmpfs: mounting one needs root")
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", str(mount)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs: {done.stderr.strip() or done.returncode}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(directory: Path) -> Path:
    """Take every free byte of the filesystem with one file."""
    filler = directory / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (1 << 20, 1 << 16, 4096, 512, 1):
            chunk = b"\0" * size
            with contextlib.suppress(OSError):
                while True:
                    os.write(fd, chunk)
    finally:
        os.close(fd)
    assert health.free_bytes(str(directory)) == 0
    return filler


def _make_admin(app: Starlette) -> None:
    hashed = accounts.hash_password(PASSWORD)
    app.state.ctx.db.write_sync(lambda c: accounts.create_user(c, ADMIN, hashed, Role.ADMIN))


@pytest.mark.parametrize("via", ["writer", "committer"])
def test_a_full_disk_is_a_503_until_there_is_room_again(
    small_disk: Path, sqlite_template: Path, monkeypatch: pytest.MonkeyPatch, via: str,
) -> None:
    monkeypatch.setattr(health, "TTL", 0.0)  # every /healthz probes afresh
    path = small_disk / "copydesk.db"
    shutil.copy(sqlite_template, path)
    # No free-space threshold: the probe's write must find the full disk itself.
    settings = _settings(f"sqlite:///{path}", min_free_disk_mb=0)
    acked: list[int] = []
    with contextlib.ExitStack() as stack:
        socket_path = None
        if via == "committer":
            sockets = Path(tempfile.mkdtemp(prefix="cd-"))
            stack.callback(shutil.rmtree, sockets, ignore_errors=True)
            socket_path = str(sockets / "c.sock")
            stack.enter_context(Running(settings, socket_path))
        app = create_app(settings, committer=socket_path)
        client = stack.enter_context(
            TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False))
        site = app.state.ctx.db.write_sync(
            lambda c: sites.create(c, "Daily", ["https://news.example"], key="daily-key"))
        _make_admin(app)
        csrf = login(client, ADMIN)
        assert client.get("/healthz").json() == {"status": "ok", "database": "ok",
                                                 **({"committer": "connected"}
                                                    if socket_path else {})}
        first = _post(client, 0)
        assert first.status_code == 201
        acked.append(first.json()["id"])

        filler = _fill(small_disk)
        refused = None
        for i in range(1, 200):  # the write-ahead log may still hold a few
            response = _post(client, i)
            assert response.status_code in (201, 503), response.text
            if response.status_code == 503:
                refused = response
                break
            acked.append(response.json()["id"])
        assert refused is not None, "a full disk took every report"
        _assert_unavailable(refused, "storage_full")

        page = client.post(f"/groups/{first.json()['group']}/status",
                           data={"status": "accepted", "csrf_token": csrf},
                           follow_redirects=False)
        assert page.status_code == 503
        assert page.headers["content-type"].startswith("text/plain")
        assert "storage is full" in page.text
        assert int(page.headers["retry-after"]) >= 1

        down = client.get("/healthz")
        assert down.status_code == 503
        assert down.json()["status"] == "error" and down.json()["database"] == "full"

        filler.unlink()
        again = _post(client, 1000)
        assert again.status_code == 201, again.text
        acked.append(again.json()["id"])
        up = client.get("/healthz")
        assert up.status_code == 200 and up.json()["database"] == "ok"
    assert set(acked) <= _stored_ids(settings.database_url)
    assert site.id


def test_below_the_free_space_threshold_health_says_full(
    small_disk: Path, sqlite_template: Path,
) -> None:
    """A warning before SQLite refuses: 64 MiB wanted, 32 MiB there."""
    path = small_disk / "copydesk.db"
    shutil.copy(sqlite_template, path)
    app = create_app(_settings(f"sqlite:///{path}", min_free_disk_mb=64))
    with TestClient(app, base_url="http://127.0.0.1") as client:
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "full"}


def test_an_unreachable_database_is_a_503_everywhere() -> None:
    url = f"postgresql://postgres@127.0.0.1:{free_port()}/copydesk"  # nobody listens
    app = create_app(_settings(url))
    with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as client:
        report = _post(client, 1)
        client.cookies.set("copydesk_session", "some-session")  # the page reads it
        page = client.get("/", follow_redirects=False)
        metrics = client.get("/metrics")
        down = client.get("/healthz")
    _assert_unavailable(report, "storage_unavailable")
    for response in (page, metrics):
        assert response.status_code == 503
        assert response.headers["content-type"].startswith("text/plain")
        assert "cannot reach its database" in response.text
        assert int(response.headers["retry-after"]) >= 1
    assert down.status_code == 503
    assert down.json() == {"status": "error", "database": "unreachable"}


def test_a_database_host_that_never_answers_is_a_503_not_a_hang(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A listener that takes the connection and never speaks (a hung PostgreSQL): the
    connection attempt gives up after CONNECT_TIMEOUT, so the report is a 503."""
    monkeypatch.setattr(database, "CONNECT_TIMEOUT", 1)
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)
        port = silent.getsockname()[1]
        app = create_app(_settings(f"postgresql://postgres@127.0.0.1:{port}/copydesk"))
        with TestClient(app, base_url="http://127.0.0.1",
                        raise_server_exceptions=False) as client:
            report = _post(client, 1)
            down = client.get("/healthz")
    _assert_unavailable(report, "storage_unavailable")
    assert down.status_code == 503
    assert down.json() == {"status": "error", "database": "unreachable"}


def test_an_unreachable_redis_means_per_process_limits_and_a_degraded_200(
    settings: Settings,
) -> None:
    """Redis at a closed port: reports are still taken (limits count per process), and
    /healthz says so without taking the server out of rotation."""
    app = create_app(settings.replace(redis_url=f"redis://127.0.0.1:{free_port()}/0",
                                      dispatcher=False, proofread_fetch=False))
    with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as client:
        app.state.ctx.db.write_sync(
            lambda c: sites.create(c, "Daily", ["https://news.example"], key="daily-key"))
        response = _post(client, 1)
        health_ = client.get("/healthz")
    assert response.status_code == 201, response.text
    assert health_.status_code == 200
    assert health_.json() == {"status": "degraded", "database": "ok",
                              "redis": ops.REDIS_DOWN}


@pytest.mark.redis
def test_a_reachable_redis_is_connected(settings: Settings) -> None:
    app = create_app(settings.replace(redis_url=REDIS_URL, dispatcher=False,
                                      proofread_fetch=False))
    with TestClient(app, base_url="http://127.0.0.1") as client:
        app.state.ctx.db.write_sync(
            lambda c: sites.create(c, "Daily", ["https://news.example"], key="daily-key"))
        response = _post(client, 1)
        body = client.get("/healthz").json()
    if response.status_code != 201 or body.get("redis") != "connected":
        unavailable("Redis", f"{REDIS_URL}: {response.status_code} {body}")
    assert body == {"status": "ok", "database": "ok", "redis": "connected"}


class _Limiter:
    """A limiter that cannot check limits at all (no fallback): its Redis error must be a
    503 limits_unavailable, not a 500."""

    healthy = False

    async def hit(self, key: str, limit: int) -> int | None:
        raise RedisConnectionError("Connection refused")

    async def caps(self, limits: object, flag: str) -> Any:
        raise RedisConnectionError("Connection refused")

    async def share(self, pool: str, member: str, budget: int, flag: str, *,
                    calm_rate: int = 0) -> Any:
        raise RedisConnectionError("Connection refused")

    async def close(self) -> None:
        return None


def test_a_redis_error_that_reaches_a_request_is_a_503(settings: Settings) -> None:
    app = create_app(settings.replace(dispatcher=False, proofread_fetch=False))
    app.state.ctx.limiter = app.state.ctx.ingest.limiter = _Limiter()
    with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as client:
        response = _post(client, 1)
    _assert_unavailable(response, "limits_unavailable")


def test_health_probes_a_write_at_most_once_a_second(settings: Settings) -> None:
    """A flood of /healthz costs one probe write per second, not one per request."""
    app = create_app(settings.replace(dispatcher=False, proofread_fetch=False))
    writes = 0
    with TestClient(app, base_url="http://127.0.0.1") as client:
        db = app.state.ctx.db
        real = db.write

        async def counting(fn: Any) -> Any:
            nonlocal writes
            writes += 1
            return await real(fn)

        db.write = counting
        states = {client.get("/healthz").status_code for _ in range(20)}
    assert states == {200}
    assert 1 <= writes < 20


def test_an_os_full_disk_is_storage_full_and_a_bug_is_no_fault() -> None:
    assert faults.code_of(OSError(errno.ENOSPC, "No space left on device")) == "storage_full"
    assert faults.code_of(ValueError("a bug")) is None
