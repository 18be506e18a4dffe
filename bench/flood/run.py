"""bench/flood: ordinary readers' reports while dozens of networks flood, with defaults.

Starts ``copydesk serve`` on loopback with default limits (SQLite, the default workers,
a site with one webhook channel; the dispatcher off, so the outbox rows stay countable),
then runs, in this process, one asyncio client:

1. **calm** (``--calm`` s): ordinary readers only, each from its own /24 (and /16) of
   127.0.0.0/8, a report every ``--every`` seconds each, a new connection per report;
2. **flood** (``--flood`` s): the same readers, beside flooders sending as fast as
   their connections allow: IPv4 networks (each its own /16, its connections bound to
   a new /24 of it every 40 reports) and IPv6 /32s, each report from a new /48, sent
   through a trusted proxy address (127.255.255.254) with ``X-Forwarded-For``, since
   ::1 is the only IPv6 loopback address.  Every flood report quotes a new passage (a
   new group, so a notification unless something stops it).

It prints both sides' success rate and latency (p50/p99), the readers' p99 ratio
flood / calm, storage growth per phase (reports, spam) and outbox rows created.  With
wrk installed it then measures the refusal path: requests/s of copydesk answering 429
(one address past its limits) against the bare ASGI app of ``bench/ingest`` under the
same server and worker count.  A run takes about a minute.

    .venv/bin/python bench/flood/run.py [--calm 10] [--flood 30] [--readers 40]
        [--networks 32] [--networks6 16] [--connections 2]

All traffic stays on 127.0.0.0/8; the run stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx
import orjson
from sqlalchemy import create_engine, func, select

from copydesk import sites
from copydesk.settings import Settings
from copydesk.storage import migrate, schema
from copydesk.storage.database import Database, normalise_url

HERE = Path(__file__).resolve().parent
INGEST = HERE.parent / "ingest"
ORIGIN = "https://news.example"
PROXY = "127.255.255.254"


@dataclass
class Side:
    latencies: list[float] = field(default_factory=list)
    codes: dict[int, int] = field(default_factory=dict)

    def add(self, code: int, seconds: float) -> None:
        self.codes[code] = self.codes.get(code, 0) + 1
        if code == 201 or code == 429:
            self.latencies.append(seconds)

    @property
    def sent(self) -> int:
        return sum(self.codes.values())

    def rate(self, code: int = 201) -> float:
        return self.codes.get(code, 0) / self.sent if self.sent else 0.0

    def pct(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def request(site: str, exact: str, forwarded: str | None = None) -> bytes:
    body = orjson.dumps({"site": site, "url": f"{ORIGIN}/2026/11/army", "exact": exact,
                         "prefix": "He was drafted ", "suffix": " the army in May.",
                         "title": "Drafted", "lang": "en", "time_on_page": 30_000})
    head = (f"POST /api/v1/reports HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Content-Type: text/plain\r\nOrigin: {ORIGIN}\r\n"
            f"Content-Length: {len(body)}\r\n")
    if forwarded:
        head += f"X-Forwarded-For: {forwarded}\r\n"
    return (head + "\r\n").encode() + body


async def exchange(reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                   data: bytes) -> int:
    writer.write(data)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = re.search(rb"(?i)content-length:\s*(\d+)", head)
    if length:
        await reader.readexactly(int(length.group(1)))
    return status


async def connect(port: int, source: str) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    return await asyncio.open_connection("127.0.0.1", port, local_addr=(source, 0))


async def one_reader(port: int, site: str, n: int, every: float, until: float,
                     side: Side) -> None:
    """One reader: its own /24 and /16, a report every ``every`` s on a new connection
    (as a browser sends one report now and then)."""
    source = f"127.{150 + n % 100}.{n // 100}.7"
    await asyncio.sleep(every * (n % 17) / 17)  # spread the readers' sends
    i = 0
    while time.monotonic() < until:
        started = time.perf_counter()
        try:
            r, w = await connect(port, source)
            code = await exchange(r, w, request(site, f"reader {n} passage {i % 3}"))
            w.close()
        except (OSError, asyncio.IncompleteReadError):
            code = 0
        side.add(code, time.perf_counter() - started)
        i += 1
        await asyncio.sleep(every)


async def one_flooder(port: int, site: str, net: int, conn: int, v6: bool, until: float,
                      side: Side, counter: list[int]) -> None:
    """One flood connection: as fast as the server answers."""
    i = 0
    writer = None
    while time.monotonic() < until:
        if writer is None or (not v6 and i % 40 == 0):
            if writer is not None:
                writer.close()
            source = PROXY if v6 else f"127.{1 + net}.{(conn * 97 + i // 40) % 256}.9"
            try:
                reader, writer = await connect(port, source)
            except OSError:
                side.add(0, 0.0)
                await asyncio.sleep(0.05)
                writer = None
                continue
        counter[0] += 1
        forwarded = f"2001:{0xd00 + net:x}:{counter[0] % 65536:x}::1" if v6 else None
        started = time.perf_counter()
        try:
            code = await exchange(reader, writer,
                                  request(site, f"flood {net} {counter[0]}", forwarded))
        except (OSError, asyncio.IncompleteReadError):
            code, writer = 0, None
        side.add(code, time.perf_counter() - started)
        i += 1
    if writer is not None:
        writer.close()


async def phase(port: int, site: str, args: argparse.Namespace, seconds: float,
                flood: bool) -> tuple[Side, Side]:
    readers, flooders = Side(), Side()
    until = time.monotonic() + seconds
    counter = [0]
    tasks = [one_reader(port, site, n, args.every, until, readers)
             for n in range(args.readers)]
    if flood:
        tasks += [one_flooder(port, site, net, c, False, until, flooders, counter)
                  for net in range(args.networks) for c in range(args.connections)]
        tasks += [one_flooder(port, site, net, c, True, until, flooders, counter)
                  for net in range(args.networks6) for c in range(args.connections)]
    await asyncio.gather(*tasks)
    return readers, flooders


async def warm_up(port: int, site: str) -> None:
    """A few reports from an address of its own, so the calm run meets warm workers."""
    for i in range(20):
        r, w = await connect(port, "127.99.0.1")
        await exchange(r, w, request(site, f"warm-up {i % 2}"))
        w.close()
    await asyncio.sleep(1)


def counts(url: str) -> tuple[int, int, int]:
    engine = create_engine(normalise_url(url))
    r = schema.reports
    with engine.connect() as conn:
        reports = int(conn.execute(select(func.count()).select_from(r)).scalar_one())
        spam = int(conn.execute(select(func.count()).select_from(r)
                                .where(r.c.spam_reason.is_not(None))).scalar_one())
        outbox = int(conn.execute(select(func.count()).select_from(schema.outbox))
                     .scalar_one())
    engine.dispose()
    return reports, spam, outbox


def wait_ready(port: int, path: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}{path}", timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError(f"server on {port} did not start")


def stop(proc: subprocess.Popen[bytes]) -> None:
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)


def wrk_rps(port: int, seconds: int, lua: Path | None) -> float:
    cmd = ["wrk", "-t2", "-c64", f"-d{seconds}s", f"http://127.0.0.1:{port}/api/v1/reports"]
    if lua:
        cmd[1:1] = ["-s", str(lua)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]


def refusals(port: int, site: str, workers: int, seconds: int, tmp: str) -> None:
    """copydesk's 429 path against the bare app, under the same server, with wrk."""
    if not shutil.which("wrk"):
        print("\n(refusal path not measured: wrk is not installed)")
        return
    lua = Path(tmp) / "refused.lua"
    body = orjson.dumps({"site": site, "url": f"{ORIGIN}/a", "exact": "x"}).decode()
    lua.write_text('wrk.method = "POST"\nwrk.headers["Content-Type"] = "text/plain"\n'
                   f'wrk.body = {orjson.dumps(body).decode()}\n')
    refused = wrk_rps(port, seconds, lua)  # this one address is far past its limits
    bare_port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "bare:app", "--port", str(bare_port), "--workers",
         str(workers), "--no-access-log", "--log-level", "warning", "--loop", "uvloop",
         "--http", "httptools"], cwd=INGEST, start_new_session=True)
    try:
        wait_ready(bare_port, "/")
        bare = wrk_rps(bare_port, seconds, lua)
    finally:
        stop(proc)
    print(f"\nrefusal path (wrk, 64 connections, {seconds} s): copydesk 429 "
          f"{refused:,.0f} req/s, bare ASGI {bare:,.0f} req/s, ratio {refused / bare:.2f}")


def line(name: str, side: Side, code: int = 201) -> str:
    return (f"{name:16} {side.sent:8d} {100 * side.rate(code):8.2f}% "
            f"{side.pct(0.5):8.1f} {side.pct(0.99):8.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calm", type=float, default=10)
    parser.add_argument("--flood", type=float, default=30)
    parser.add_argument("--readers", type=int, default=30)
    parser.add_argument("--every", type=float, default=10.0, help="s between a reader's reports")
    parser.add_argument("--networks", type=int, default=32, help="IPv4 /16s flooding")
    parser.add_argument("--networks6", type=int, default=16, help="IPv6 /32s flooding")
    parser.add_argument("--connections", type=int, default=2, help="per flooding network")
    parser.add_argument("--workers", type=int, default=Settings().process_count)
    parser.add_argument("--refusal-seconds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/flood.db"
        migrate.upgrade(url)
        db = Database(url)
        site = db.write_sync(lambda c: sites.create(c, "Bench", [ORIGIN]))
        db.write_sync(lambda c: c.execute(schema.channels.insert().values(
            site_id=site.id, kind="webhook", config={"url": "http://127.0.0.1:9/"},
            enabled=True, created_at=datetime.now(UTC))))
        db.close()
        port = free_port()
        env = {**os.environ, "COPYDESK_DATABASE_URL": url, "COPYDESK_PORT": str(port),
               "COPYDESK_WORKERS": str(args.workers), "COPYDESK_LOG_LEVEL": "WARNING",
               "COPYDESK_TRUSTED_PROXIES": f"{PROXY}/32", "COPYDESK_DISPATCHER": "false",
               "COPYDESK_PROOFREAD_FETCH": "false"}
        proc = subprocess.Popen([sys.executable, "-m", "copydesk", "serve"], env=env,
                                start_new_session=True)
        try:
            wait_ready(port, "/healthz")
            asyncio.run(warm_up(port, site.key))
            before = counts(url)
            calm, _ = asyncio.run(phase(port, site.key, args, args.calm, flood=False))
            middle = counts(url)
            readers, flood = asyncio.run(phase(port, site.key, args, args.flood, flood=True))
            after = counts(url)
            refusals(port, site.key, args.workers, args.refusal_seconds, tmp)
        finally:
            stop(proc)
    print(f"\nworkers={args.workers} readers={args.readers} (a report every {args.every} s "
          f"each) flooders={args.networks} IPv4 /16s + {args.networks6} IPv6 /32s x "
          f"{args.connections} connections; calm {args.calm} s, flood {args.flood} s")
    print(f"{'':16} {'sent':>8} {'201':>9} {'p50 ms':>8} {'p99 ms':>8}")
    print(line("readers, calm", calm))
    print(line("readers, flood", readers))
    print(line("flood", flood))
    print(f"flood answers: {dict(sorted(flood.codes.items()))}; "
          f"{flood.sent / args.flood:,.0f} req/s")
    ratio = readers.pct(0.99) / calm.pct(0.99)
    print(f"readers' p99 flood / calm: {ratio:.2f}")
    for name, (a, b), seconds in (("calm", (before, middle), args.calm),
                                  ("flood", (middle, after), args.flood)):
        per_min = 60 / seconds
        print(f"{name:5}: +{b[0] - a[0]} reports ({(b[0] - a[0]) * per_min:,.0f}/min), "
              f"of them {b[1] - a[1]} spam; +{b[2] - a[2]} outbox rows "
              f"({(b[2] - a[2]) * per_min:,.0f}/min)")
    ok = readers.rate() >= 0.99 and ratio <= 3
    print("targets (readers >= 99 % stored, p99 within 3x of calm):",
          "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
