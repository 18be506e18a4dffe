"""bench/flood: ordinary readers' reports while dozens of networks flood, with defaults.

Runs the same two phases against ``copydesk serve`` (loopback, default limits, SQLite,
the default workers, a site with one webhook channel; the dispatcher off, so the outbox
rows stay countable) and then against the bare ASGI app of ``bench/ingest`` under the
same server and worker count, the reference for what the flood alone does to a reader:

1. **calm** (``--calm`` s): ordinary readers only, each from its own /24 and /16 of
   127.0.0.0/8, a report every ``--every`` seconds each, a new connection per report
   (as a browser sends one report now and then);
2. **flood** (``--flood`` s): the same readers, beside wrk (``flood.lua``) sending
   reports as fast as the server answers them over ``--connections`` keep-alive
   connections, from ``--networks`` IPv4 /16s (a new /24 of each every 40 of its
   reports) and ``--networks6`` IPv6 /32s (each report from a new /48).  wrk's
   connections come from 127.0.0.1, which the server trusts as a proxy, so each
   request names its network in ``X-Forwarded-For`` (the readers' own addresses are not
   trusted: theirs is the peer address).  Every flood report quotes a new passage.

The flood is generated in C (wrk, ``--threads`` threads) and the readers by a small
asyncio client of their own, so the load generator's cost is the attacker's, measured
and printed: the CPU (in cores) of the server's processes, of wrk and of the readers'
client during each flood.  The run prints readers' success rate and latency (p50/p99)
calm and under the flood on both servers, each server's ratio flood / calm, readers'
five slowest answers during the flood (each with when it ended), the flood's answers and
rate, storage growth per phase (reports, spam), outbox rows created, the
server's log lines (at the default level, ``INFO``, written to a file), and then the
refusal path: requests/s of copydesk answering 429 (one address past its limits)
against the bare app, with wrk (on a second copydesk server without the tarpit, which
would hold each of wrk's connections: the cost of a refusal, not the tarpit's pace).
``--tarpit-ms 0`` runs the flood without the tarpit (and so without paced holds:
``ingest/fairshare.py``), for comparison.  A run takes about a minute and a half.

    .venv/bin/python bench/flood/run.py [--calm 8] [--flood 15] [--readers 60]
        [--every 6] [--networks 32] [--networks6 16] [--connections 96] [--threads 1]

All traffic stays on 127.0.0.0/8; the run stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
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
PROXY = "127.0.0.1"  # wrk's source address, trusted as a proxy by the bench's server
TICK = os.sysconf("SC_CLK_TCK")
#: Seconds into a phase after which a flood's admitted burst is over (the site under
#: pressure, its networks refused and tarpitted): reported apart, as "settled".
SETTLE = 2.0


@dataclass
class Side:
    latencies: list[float] = field(default_factory=list)
    codes: dict[int, int] = field(default_factory=dict)
    #: The latencies of requests sent after the phase's first ``SETTLE`` seconds.
    settled: list[float] = field(default_factory=list)
    #: (latency, seconds into the phase) of every answered request.
    timed: list[tuple[float, float]] = field(default_factory=list)

    def add(self, code: int, seconds: float, since: float = 0.0) -> None:
        self.codes[code] = self.codes.get(code, 0) + 1
        if code in (201, 204, 429):
            self.latencies.append(seconds)
            self.timed.append((seconds, since))
            if since >= SETTLE:
                self.settled.append(seconds)

    def slowest(self, n: int = 5) -> str:
        """The ``n`` slowest answers, as "ms @ s into the phase"."""
        return ", ".join(f"{ms * 1000:.0f} ms @ {at:.1f} s"
                         for ms, at in sorted(self.timed, reverse=True)[:n])

    def settled_p99(self) -> float:
        ordered = sorted(self.settled)
        return ordered[int(0.99 * len(ordered))] * 1000 if ordered else float("nan")

    @property
    def sent(self) -> int:
        return sum(self.codes.values())

    def rate(self, ok: int) -> float:
        return self.codes.get(ok, 0) / self.sent if self.sent else 0.0

    def pct(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


@dataclass
class Flood:
    """What wrk printed, and the CPU each side used while it ran."""

    requests: int = 0
    refused: int = 0  # non-2xx answers
    errors: str = ""
    rps: float = 0.0
    p50: float = float("nan")
    p99: float = float("nan")
    server_cpu: float = 0.0  # cores
    wrk_cpu: float = 0.0
    client_cpu: float = 0.0


@dataclass
class Run:
    name: str
    ok: int  # the status a stored (or, for the bare app, answered) report gets
    calm: Side = field(default_factory=Side)
    readers: Side = field(default_factory=Side)
    flood: Flood = field(default_factory=Flood)
    growth: list[tuple[int, int, int]] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.readers.pct(0.99) / self.calm.pct(0.99)


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def request(site: str, exact: str) -> bytes:
    body = orjson.dumps({"site": site, "url": f"{ORIGIN}/2026/11/army", "exact": exact,
                         "prefix": "He was drafted ", "suffix": " the army in May.",
                         "title": "Drafted", "lang": "en", "time_on_page": 30_000})
    head = (f"POST /api/v1/reports HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Content-Type: text/plain\r\nOrigin: {ORIGIN}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n")
    return head.encode() + body


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
    """One reader: its own /24 and /16, a report every ``every`` s on a new connection."""
    source = f"127.{150 + n % 100}.{n // 100}.7"
    began = time.monotonic()
    await asyncio.sleep(every * n / READERS[0])  # spread the readers' sends evenly
    i = 0
    while time.monotonic() < until:
        started = time.perf_counter()
        try:
            r, w = await connect(port, source)
            code = await exchange(r, w, request(site, f"reader {n} passage {i % 3}"))
            w.close()
        except (OSError, asyncio.IncompleteReadError):
            code = 0
        side.add(code, time.perf_counter() - started, time.monotonic() - began)
        i += 1
        await asyncio.sleep(max(0.0, min(every, until - time.monotonic())))


READERS = [1]


def group_cpu(pgid: int) -> float:
    """CPU seconds used so far by the live processes of a process group."""
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[2]) == pgid:  # fields[2] is the pgrp
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICK


@contextmanager
def cpu(flood: Flood, pgid: int) -> Iterator[None]:
    """Fill ``flood``'s CPU shares (cores) over the block: the server's process group,
    the children reaped in it (wrk) and this process (the readers)."""
    started = time.monotonic()
    server = group_cpu(pgid)
    child = resource.getrusage(resource.RUSAGE_CHILDREN)
    own = resource.getrusage(resource.RUSAGE_SELF)
    yield
    seconds = time.monotonic() - started
    flood.server_cpu = (group_cpu(pgid) - server) / seconds
    child2 = resource.getrusage(resource.RUSAGE_CHILDREN)
    own2 = resource.getrusage(resource.RUSAGE_SELF)
    flood.wrk_cpu = (child2.ru_utime + child2.ru_stime - child.ru_utime
                     - child.ru_stime) / seconds
    flood.client_cpu = (own2.ru_utime + own2.ru_stime - own.ru_utime
                        - own.ru_stime) / seconds


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def parse_wrk(out: str, flood: Flood) -> None:
    flood.requests = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    flood.rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    flood.refused = int(non2xx.group(1)) if non2xx else 0
    errors = re.search(r"Socket errors: (.*)", out)
    flood.errors = errors.group(1) if errors else ""
    for q, name in (("50", "p50"), ("99", "p99")):
        m = re.search(rf"^\s+{q}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if m:
            setattr(flood, name, float(m.group(1)) * _UNITS[m.group(2)])


async def phase(port: int, site: str, args: argparse.Namespace, seconds: float,
                side: Side, flood: Flood | None, pgid: int) -> None:
    until = time.monotonic() + seconds
    readers = [one_reader(port, site, n, args.every, until, side)
               for n in range(args.readers)]
    if flood is None:
        await asyncio.gather(*readers)
        return
    with cpu(flood, pgid):
        proc = await asyncio.create_subprocess_exec(
            "wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{int(seconds)}s",
            "--latency", "-s", str(HERE / "flood.lua"),
            f"http://{PROXY}:{port}/api/v1/reports", "--",
            str(args.networks), str(args.networks6), site,
            stdout=subprocess.PIPE)
        out, _ = (await asyncio.gather(proc.communicate(), *readers))[0]
    parse_wrk(out.decode(), flood)


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


def wrk_rps(port: int, seconds: int, lua: Path) -> float:
    cmd = ["wrk", "-t2", "-c64", f"-d{seconds}s", "-s", str(lua),
           f"http://127.0.0.1:{port}/api/v1/reports"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]


def refusal_script(site: str, tmp: str) -> Path:
    lua = Path(tmp) / "refused.lua"
    body = orjson.dumps({"site": site, "url": f"{ORIGIN}/a", "exact": "x"}).decode()
    lua.write_text('wrk.method = "POST"\nwrk.headers["Content-Type"] = "text/plain"\n'
                   f'wrk.body = {orjson.dumps(body).decode()}\n')
    return lua


def bare(args: argparse.Namespace, port: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "bare:app", "--port", str(port), "--workers",
         str(args.workers), "--no-access-log", "--log-level", "warning", "--loop", "uvloop",
         "--http", "httptools"], cwd=INGEST, start_new_session=True)


def line(name: str, side: Side, ok: int) -> str:
    return (f"{name:24} {side.sent:8d} {100 * side.rate(ok):8.2f}% "
            f"{side.pct(0.5):8.1f} {side.pct(0.99):8.1f}")


def flood_line(name: str, f: Flood) -> str:
    answered = 100 * (f.requests - f.refused) / f.requests if f.requests else 0.0
    return (f"{name:24} {f.requests:8d} {answered:8.2f}% {f.p50:8.1f} {f.p99:8.1f} "
            f"{f.rps:9,.0f}  server {f.server_cpu:.2f}, wrk {f.wrk_cpu:.2f}, "
            f"readers {f.client_cpu:.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calm", type=float, default=8)
    parser.add_argument("--flood", type=float, default=15)
    parser.add_argument("--readers", type=int, default=60)
    parser.add_argument("--every", type=float, default=6.0, help="s between a reader's reports")
    parser.add_argument("--networks", type=int, default=32, help="IPv4 /16s flooding")
    parser.add_argument("--networks6", type=int, default=16, help="IPv6 /32s flooding")
    parser.add_argument("--connections", type=int, default=96, help="wrk's connections")
    parser.add_argument("--threads", type=int, default=1, help="wrk's threads")
    parser.add_argument("--workers", type=int, default=Settings().process_count)
    parser.add_argument("--log-level", default=Settings().log_level)
    parser.add_argument("--refusal-seconds", type=int, default=4)
    parser.add_argument("--no-bare", action="store_true", help="skip the bare app's run")
    parser.add_argument("--tarpit-ms", type=int, default=None,
                        help="COPYDESK_TARPIT_MS for the flood run (default: the setting's)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("bench/flood needs wrk (apt-get install wrk)", file=sys.stderr)
        return 2
    READERS[0] = args.readers
    copydesk = Run("copydesk", 201)
    reference = Run("bare ASGI app", 204)
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
               "COPYDESK_WORKERS": str(args.workers), "COPYDESK_LOG_LEVEL": args.log_level,
               "COPYDESK_TRUSTED_PROXIES": f"{PROXY}/32", "COPYDESK_DISPATCHER": "false",
               "COPYDESK_PROOFREAD_FETCH": "false"}
        if args.tarpit_ms is not None:
            env["COPYDESK_TARPIT_MS"] = str(args.tarpit_ms)
        log_path = Path(tmp) / "server.log"
        lua = refusal_script(site.key, tmp)
        with log_path.open("wb") as log:
            proc = subprocess.Popen([sys.executable, "-m", "copydesk", "serve"], env=env,
                                    start_new_session=True, stderr=log)
        try:
            wait_ready(port, "/healthz")
            asyncio.run(warm_up(port, site.key))
            copydesk.growth.append(counts(url))
            asyncio.run(phase(port, site.key, args, args.calm, copydesk.calm, None, proc.pid))
            copydesk.growth.append(counts(url))
            asyncio.run(phase(port, site.key, args, args.flood, copydesk.readers,
                              copydesk.flood, proc.pid))
            copydesk.growth.append(counts(url))
        finally:
            stop(proc)
        lines = log_path.read_text(errors="replace").splitlines()
        # The refusal path's own cost: one address far past its limits, answered at
        # once (no tarpit: it would hold each of wrk's connections for its delay).
        port = free_port()
        proc = subprocess.Popen(
            [sys.executable, "-m", "copydesk", "serve"], start_new_session=True,
            env={**env, "COPYDESK_PORT": str(port), "COPYDESK_TARPIT_MS": "0"},
            stderr=subprocess.DEVNULL)
        try:
            wait_ready(port, "/healthz")
            refused = wrk_rps(port, args.refusal_seconds, lua)
        finally:
            stop(proc)
        bare_port = free_port()
        proc = bare(args, bare_port)
        try:
            wait_ready(bare_port, "/")
            bare_rps = wrk_rps(bare_port, args.refusal_seconds, lua)
            if not args.no_bare:
                asyncio.run(phase(bare_port, "", args, args.calm, reference.calm, None,
                                  proc.pid))
                asyncio.run(phase(bare_port, "", args, args.flood, reference.readers,
                                  reference.flood, proc.pid))
        finally:
            stop(proc)
    print(f"\nworkers={args.workers} readers={args.readers} (a report every {args.every} s "
          f"each, a connection per report) beside wrk: {args.networks} IPv4 /16s + "
          f"{args.networks6} IPv6 /32s over {args.connections} keep-alive connections, "
          f"{args.threads} thread(s); calm {args.calm} s, flood {args.flood} s; "
          f"log level {args.log_level}; tarpit "
          f"{Settings().tarpit_ms if args.tarpit_ms is None else args.tarpit_ms} ms")
    print(f"{'':24} {'sent':>8} {'stored':>9} {'p50 ms':>8} {'p99 ms':>8} {'req/s':>9}"
          f"  CPU (cores) during the flood")
    for run in (copydesk, reference):
        if run is reference and args.no_bare:
            continue
        print(line(f"{run.name}: readers, calm", run.calm, run.ok))
        print(line(f"{run.name}: readers, flood", run.readers, run.ok))
        print(flood_line(f"{run.name}: flood", run.flood)
              + (f"  (socket errors: {run.flood.errors})" if run.flood.errors else ""))
    print(f"readers' p99 flood / calm: copydesk {copydesk.ratio:.2f}"
          + ("" if args.no_bare else f", bare ASGI app {reference.ratio:.2f}"))
    print(f"readers' p99 after the flood's first {SETTLE:.0f} s (its admitted burst): "
          f"copydesk {copydesk.readers.settled_p99():.1f} ms "
          f"({copydesk.readers.settled_p99() / copydesk.calm.pct(0.99):.2f}x calm)"
          + ("" if args.no_bare else
             f", bare ASGI app {reference.readers.settled_p99():.1f} ms "
             f"({reference.readers.settled_p99() / reference.calm.pct(0.99):.2f}x calm)"))
    print(f"readers' slowest during the flood: copydesk {copydesk.readers.slowest()}"
          + ("" if args.no_bare else f"; bare ASGI app {reference.readers.slowest()}"))
    g = copydesk.growth
    for name, (a, b), seconds in (("calm", (g[0], g[1]), args.calm),
                                  ("flood", (g[1], g[2]), args.flood)):
        per_min = 60 / seconds
        print(f"{name:5}: +{b[0] - a[0]} reports ({(b[0] - a[0]) * per_min:,.0f}/min), "
              f"of them {b[1] - a[1]} spam; +{b[2] - a[2]} outbox rows "
              f"({(b[2] - a[2]) * per_min:,.0f}/min)")
    refusal_lines = sum('"report refused' in x for x in lines)
    print(f"server log: {len(lines)} lines, {refusal_lines} of them on refused reports")
    print(f"refusal path (wrk, 64 connections, {args.refusal_seconds} s): copydesk 429 "
          f"{refused:,.0f} req/s, bare ASGI {bare_rps:,.0f} req/s, "
          f"ratio {refused / bare_rps:.2f}")
    ok = copydesk.readers.rate(201) >= 0.99 and copydesk.ratio <= 3
    print("targets (readers >= 99 % stored, p99 within 3x of calm):",
          "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
