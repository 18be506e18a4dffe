"""An acknowledged report survives the server being killed with SIGKILL mid-load."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, select

from copydesk import sites
from copydesk.storage import schema
from copydesk.storage.database import Database, normalise_url
from tests.conftest import free_port

pytestmark = pytest.mark.slow


def start_server(db_url: str, port: int, workers: int, log: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "COPYDESK_DATABASE_URL": db_url,
        "COPYDESK_PORT": str(port),
        "COPYDESK_WORKERS": str(workers),
        "COPYDESK_SECRET_KEY": "durability",
        "COPYDESK_RATE_LIMIT_BLOCK": "1000000",
        "COPYDESK_RATE_LIMIT_NETWORK": "1000000",
        "COPYDESK_RATE_LIMIT_SITE": "1000000",
        "COPYDESK_MIN_TIME_ON_PAGE_MS": "0",
        "COPYDESK_LOG_LEVEL": "WARNING",
    }
    with log.open("wb") as out:  # the child keeps its own copy of the descriptor
        proc = subprocess.Popen(
            [sys.executable, "-m", "copydesk", "serve"], env=env, start_new_session=True,
            stdout=out, stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("server did not start: " + log.read_text())


async def load(port: int, key: str, acked: list[int], stop: asyncio.Event) -> None:
    url = f"http://127.0.0.1:{port}/api/v1/reports"

    async def sender(n: int, client: httpx.AsyncClient) -> None:
        i = 0
        while not stop.is_set():
            i += 1
            body = {"site": key, "url": f"https://news.example/a{n % 7}",
                    "exact": f"word{i}", "prefix": f"before {n} {i} ", "suffix": " after",
                    "comment": "x" * 300}
            try:
                resp = await client.post(url, json=body)
            except httpx.HTTPError:
                return  # the server is gone
            if resp.status_code == 201:
                acked.append(resp.json()["id"])

    async with httpx.AsyncClient(timeout=10) as client:
        await asyncio.gather(*(sender(n, client) for n in range(32)))


def test_acknowledged_reports_survive_sigkill(db_url: str, tmp_path: Path) -> None:
    # On SQLite reports go through the committer process, and two workers also exercise
    # the writers' cross-process lock (each worker's writer beside the committer's).
    workers = 2 if db_url.startswith("sqlite") else 1
    db = Database(db_url)
    key = db.write_sync(lambda c: sites.create(c, "D", ["https://news.example"])).key
    db.close()
    port = free_port()
    proc = start_server(db_url, port, workers, tmp_path / "server.log")
    acked: list[int] = []

    async def run() -> None:
        stop = asyncio.Event()
        task = asyncio.create_task(load(port, key, acked, stop))
        deadline = time.monotonic() + 60
        while len(acked) < 300 and time.monotonic() < deadline:  # well into the load run
            await asyncio.sleep(0.05)
        os.killpg(proc.pid, signal.SIGKILL)
        await asyncio.sleep(0.5)
        stop.set()
        await task

    asyncio.run(run())
    proc.wait(timeout=10)
    assert len(acked) >= 300

    restarted = start_server(db_url, port, workers, tmp_path / "server2.log")
    try:
        engine = create_engine(normalise_url(db_url))
        with engine.connect() as conn:
            stored = set(conn.execute(select(schema.reports.c.id)).scalars())
        engine.dispose()
        missing = set(acked) - stored
        assert not missing, f"{len(missing)} acknowledged reports lost"
        health = httpx.get(f"http://127.0.0.1:{port}/healthz").json()
        assert health["status"] == "ok"
        # SQLite: one committer process stores the reports; PostgreSQL: each worker.
        assert health.get("committer") == ("connected" if db_url.startswith("sqlite") else None)
    finally:
        os.killpg(restarted.pid, signal.SIGTERM)
        restarted.wait(timeout=15)


def test_serve_stops_cleanly_on_sigterm_with_nothing_left_running(
    sqlite_url: str, tmp_path: Path,
) -> None:
    """Workers first, then the committer; every process of the group is gone."""
    db = Database(sqlite_url)
    key = db.write_sync(lambda c: sites.create(c, "D", ["https://news.example"])).key
    db.close()
    port = free_port()
    proc = start_server(sqlite_url, port, 2, tmp_path / "server.log")
    body = {"site": key, "url": "https://news.example/a", "exact": "into to"}
    answer = httpx.post(f"http://127.0.0.1:{port}/api/v1/reports", json=body, timeout=10)
    assert answer.status_code == 201
    spawned = [pid for pid in _group_members(proc.pid)
               if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()]
    assert len(spawned) == 2  # two workers; the committer has a process group of its own
    [committer] = [pid for pid in _children(proc.pid) if pid not in spawned
                   and b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()]
    assert os.getpgid(committer) == committer
    os.kill(proc.pid, signal.SIGTERM)
    assert proc.wait(timeout=30) == 0
    deadline = time.monotonic() + 10
    while (_group_members(proc.pid) or _alive(committer)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _group_members(proc.pid) == []
    assert not _alive(committer)
    engine = create_engine(normalise_url(sqlite_url))
    with engine.connect() as conn:
        assert list(conn.execute(select(schema.reports.c.id)).scalars()) == [
            answer.json()["id"]]
    engine.dispose()


def _children(parent: int) -> list[int]:
    """Live child processes of ``parent``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(stat[1]) == parent and stat[0] != "Z":
            found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return False
    return stat[0] != "Z"


def _group_members(pgid: int) -> list[int]:
    """Live processes in a process group (zombies count as gone)."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(stat[2]) == pgid and stat[0] != "Z":
            members.append(int(entry.name))
    return members
