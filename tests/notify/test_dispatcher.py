"""Delivery guarantees: dead letters and retry, two dispatchers, a killed worker."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

from click.testing import CliRunner
from starlette.testclient import TestClient

from copydesk import sites
from copydesk.app import build_context, create_app
from copydesk.cli import main
from copydesk.context import Context
from copydesk.models import Site
from copydesk.notify.dispatcher import Dispatcher, backoff
from copydesk.notify.kinds import webhook
from copydesk.settings import Settings
from tests.notify.conftest import FAST, add_channel, enqueue, outbox_rows
from tests.notify.receivers import Receiver, Reply, Request


def test_backoff_grows_with_jitter() -> None:
    for attempts in range(1, 8):
        delay = backoff(attempts, 10, 3600)
        full = min(3600, 10 * 2 ** (attempts - 1))
        assert full / 2 <= delay <= full
    assert backoff(30, 10, 3600) <= 3600


async def test_dead_letter_then_retry(ctx: Context, news: Site) -> None:
    ctx.settings = ctx.settings.replace(outbox_max_attempts=3)
    status = [500]
    with Receiver(lambda _: (status[0], {}, b"")) as receiver:
        add_channel(ctx, news, "webhook", {"url": receiver.url, "secret": webhook.new_secret()})
        [outbox_id] = enqueue(ctx, news)
        disp = Dispatcher(ctx.settings, ctx.db, FAST)
        for _ in range(200):
            await disp.drain()
            if outbox_rows(ctx)[0]["status"] == "dead":
                break
            await asyncio.sleep(0.02)
        [row] = outbox_rows(ctx)
        assert row["status"] == "dead"
        assert row["attempts"] == 3
        assert len(receiver.received()) == 3
        assert "500" in row["last_error"]

        env = {"COPYDESK_DATABASE_URL": ctx.settings.database_url}
        runner = CliRunner()
        listed = runner.invoke(main, ["outbox", "list", "--status", "dead"], env=env)
        assert listed.exit_code == 0, listed.output
        assert listed.output.startswith(f"{outbox_id}\treport.created\t")
        assert row["idempotency_key"] in listed.output
        result = runner.invoke(main, ["outbox", "retry", str(outbox_id)], env=env)
        assert result.exit_code == 0, result.output
        [row] = outbox_rows(ctx)
        assert (row["status"], row["attempts"]) == ("pending", 0)

        status[0] = 204
        await disp.drain()
        requests = receiver.received()
    [row] = outbox_rows(ctx)
    assert row["status"] == "delivered"
    assert len(requests) == 4
    assert {r.headers["webhook-id"] for r in requests} == {row["idempotency_key"]}
    missing = CliRunner().invoke(main, ["outbox", "retry", str(outbox_id)], env=env)
    assert missing.exit_code != 0  # delivered rows are not re-queued


class Overlap:
    """A slow receiver that notices two deliveries of one event at the same time."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.lock = threading.Lock()
        self.active: Counter[str] = Counter()
        self.overlaps: list[str] = []

    def __call__(self, request: Request) -> Reply:
        key = request.headers["webhook-id"]
        with self.lock:
            self.active[key] += 1
            if self.active[key] > 1:
                self.overlaps.append(key)
        time.sleep(self.delay)
        with self.lock:
            self.active[key] -= 1
        return 204, {}, b""


async def test_two_dispatchers_never_deliver_one_event_at_once(
    notify_settings: Settings, news: Site, ctx: Context
) -> None:
    handler = Overlap(delay=0.05)
    tuning = dataclasses.replace(FAST, batch=3, concurrency=4)
    with Receiver(handler) as receiver:
        add_channel(ctx, news, "webhook", {"url": receiver.url, "secret": webhook.new_secret()})
        for _ in range(24):
            enqueue(ctx, news)
        other = build_context(notify_settings)  # its own engines and writer, like a process
        other.db.start()
        try:
            first = Dispatcher(ctx.settings, ctx.db, tuning)
            second = Dispatcher(other.settings, other.db, tuning)
            await asyncio.gather(first.drain(), second.drain(), first.drain())
        finally:
            other.db.close()
        requests = receiver.received()
    rows = outbox_rows(ctx)
    assert all(row["status"] == "delivered" for row in rows)
    assert handler.overlaps == []
    keys = [r.headers["webhook-id"] for r in requests]
    assert sorted(keys) == sorted(row["idempotency_key"] for row in rows)


def _worker(db_url: str, log: Path, *options: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "COPYDESK_DATABASE_URL": db_url,
           "COPYDESK_ALLOW_PRIVATE_TARGETS": "true", "COPYDESK_LOG_LEVEL": "WARNING"}
    command = [str(Path(sys.executable).with_name("copydesk")), "worker",
               "--lease", "2", "--poll", "0.05", "--backoff", "0.05", *options]
    with log.open("ab") as out:  # the child keeps its own copy of the descriptor
        return subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)


def test_killed_worker_loses_nothing(sqlite_url: str, tmp_path: Path) -> None:
    settings = Settings(database_url=sqlite_url, secret_key="k", dispatcher=False)
    ctx = build_context(settings)
    handler = Overlap(delay=0.4)
    log = tmp_path / "worker.log"
    with Receiver(handler) as receiver:
        site = ctx.db.write_sync(lambda c: sites.create(c, "Daily", ["https://news.example"]))
        add_channel(ctx, site, "webhook", {"url": receiver.url, "secret": webhook.new_secret()})
        for _ in range(8):
            enqueue(ctx, site)
        process = _worker(sqlite_url, log)
        try:
            deadline = time.monotonic() + 30
            while not receiver.received():
                assert process.poll() is None, log.read_text()
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.01)
            process.send_signal(signal.SIGKILL)  # mid-delivery: requests are in flight
            process.wait(timeout=10)
            assert any(row["status"] == "pending" for row in outbox_rows(ctx))
            process = _worker(sqlite_url, log)
            deadline = time.monotonic() + 60
            while any(row["status"] != "delivered" for row in outbox_rows(ctx)):
                assert process.poll() is None, log.read_text()
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.05)
        finally:
            process.terminate()
            process.wait(timeout=10)
        requests = receiver.received()
    rows = outbox_rows(ctx)
    ctx.db.close()
    keys = Counter(r.headers["webhook-id"] for r in requests)
    assert set(keys) == {row["idempotency_key"] for row in rows}  # none lost, none invented
    assert max(keys.values()) >= 2  # the killed deliveries came again, with the same key
    assert handler.overlaps == []
    assert process.returncode == 0, log.read_text()


def test_two_worker_processes_share_without_overlap(db_url: str, tmp_path: Path) -> None:
    """Two ``copydesk worker`` processes on one database (SQLite file or PostgreSQL)."""
    ctx = build_context(Settings(database_url=db_url, secret_key="k", dispatcher=False))
    handler = Overlap(delay=0.05)
    log = tmp_path / "workers.log"
    with Receiver(handler) as receiver:
        site = ctx.db.write_sync(lambda c: sites.create(c, "Daily", ["https://news.example"]))
        add_channel(ctx, site, "webhook", {"url": receiver.url, "secret": webhook.new_secret()})
        workers = [_worker(db_url, log, "--lease", "10", "--concurrency", "2")
                   for _ in range(2)]
        try:
            for _ in range(3):  # in waves, while both workers are polling
                for _ in range(10):
                    enqueue(ctx, site)
                time.sleep(0.1)
            deadline = time.monotonic() + 60
            while any(row["status"] != "delivered" for row in outbox_rows(ctx)):
                assert all(w.poll() is None for w in workers), log.read_text()
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.05)
        finally:
            for w in workers:
                w.terminate()
            for w in workers:
                w.wait(timeout=10)
        requests = receiver.received()
    rows = outbox_rows(ctx)
    ctx.db.close()
    assert handler.overlaps == []
    keys = Counter(r.headers["webhook-id"] for r in requests)
    assert keys == Counter({row["idempotency_key"]: 1 for row in rows})
    assert len(rows) == 30
    assert all(w.returncode == 0 for w in workers), log.read_text()


async def test_stop_hands_unfinished_deliveries_back(ctx: Context, news: Site) -> None:
    release = threading.Event()

    def slow(_: Request) -> Reply:
        release.wait(10)
        return 204, {}, b""

    with Receiver(slow) as receiver:
        add_channel(ctx, news, "webhook", {"url": receiver.url, "secret": webhook.new_secret()})
        enqueue(ctx, news)
        disp = Dispatcher(ctx.settings, ctx.db, dataclasses.replace(FAST, grace=0.1))
        await disp.start()
        for _ in range(500):
            if receiver.received():
                break
            await asyncio.sleep(0.01)
        assert outbox_rows(ctx)[0]["locked_by"] == disp.id
        await disp.stop()
        release.set()
    [row] = outbox_rows(ctx)
    assert (row["status"], row["locked_by"], row["locked_until"]) == ("pending", None, None)
    assert row["attempts"] == 0
    assert row["last_error"] == "interrupted by shutdown"


def test_app_started_twice_at_once(notify_settings: Settings) -> None:
    """Two test clients on one app run two lifespans, each in its own event loop."""
    app = create_app(notify_settings.replace(dispatcher=True))
    with TestClient(app) as outer:
        with TestClient(app) as inner:
            assert inner.get("/healthz").status_code in {200, 404}
        assert outer.get("/healthz").status_code in {200, 404}
