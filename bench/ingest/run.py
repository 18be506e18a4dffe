"""bench/ingest: copydesk's report ingest against a bare ASGI app, in the same run.

Starts each server under uvicorn with the same worker count, loads it from a separate
process (wrk, 64 connections, ~10 s, ~500-byte reports varied per request), and prints
requests/s, p50 and p99 latency, and the ratio copydesk / bare.  Afterwards it checks
that every acknowledged (201) report is in the database.  For copydesk it also prints
the CPU time per stored report of its own processes (``serve``, its workers, the
committer) and, on PostgreSQL, of the server's backends for the bench's database: on a
machine where both share the cores, the two together bound the throughput.

Two reference points are measured beside them: the least a Starlette route can do
with a report (``minimal.py``: parse and answer, nothing else), and copydesk's
committer process alone, fed without HTTP (``committer.py``): reports/s and its CPU
per report.

    .venv/bin/python bench/ingest/run.py [--duration 10] [--connections 64] [--workers N]

Needs Debian's wrk (``apt-get install wrk``).  PostgreSQL is measured when reachable on
127.0.0.1:5432 (a throwaway database is created and dropped).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import committer  # bench/ingest/committer.py
import httpx
from sqlalchemy import create_engine, func, select, text

from copydesk import sites
from copydesk.settings import Settings
from copydesk.storage import migrate, schema
from copydesk.storage.database import Database, normalise_url

HERE = Path(__file__).resolve().parent
PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


@dataclass
class Result:
    name: str
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    created: int
    stored: int | None
    app_cpu_us: float | None = None
    db_cpu_us: float | None = None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


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


def parse_ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def _cpu_seconds(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:  # exited
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _processes() -> dict[int, tuple[int, str]]:
    """Every process: its parent and its command line."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, ValueError):
            continue
        found[int(entry.name)] = (ppid, cmdline)
    return found


def _tree(root: int, processes: dict[int, tuple[int, str]]) -> set[int]:
    pids = {root}
    while more := {pid for pid, (ppid, _) in processes.items()
                   if ppid in pids and pid not in pids}:
        pids |= more
    return pids


def cpu_split(root: int, database: str | None) -> tuple[float, float]:
    """CPU seconds so far of ``root``'s process tree and of the PostgreSQL backends
    connected to ``database`` (their command line names it)."""
    processes = _processes()
    app = sum(_cpu_seconds(pid) for pid in _tree(root, processes))
    db = 0.0
    if database:
        db = sum(_cpu_seconds(pid) for pid, (_, cmdline) in processes.items()
                 if cmdline.startswith("postgres: ") and f" {database} " in cmdline)
    return app, db


def run_wrk(port: int, site: str, duration: int, connections: int) -> tuple[float, float,
                                                                             float, int, int]:
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency",
           "-s", str(HERE / "report.lua"), f"http://127.0.0.1:{port}", "--", site]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = parse_ms(re.search(r"\s50%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    p99 = parse_ms(re.search(r"\s99%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    errors = 0
    if m := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out):
        errors += int(m.group(1))
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
                      out):
        errors += sum(int(g) for g in m.groups())
    created_match = re.search(r"CREATED (\d+)", out)
    created = int(created_match.group(1)) if created_match else 0
    return rps, p50, p99, errors, created


def bench_bare(workers: int, duration: int, connections: int, module: str = "bare",
               name: str = "bare ASGI (204)") -> Result:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", f"{module}:app", "--port", str(port), "--workers",
         str(workers), "--no-access-log", "--log-level", "warning", "--loop", "uvloop",
         "--http", "httptools"],
        cwd=HERE, start_new_session=True,
    )
    try:
        wait_ready(port, "/")
        run_wrk(port, "x", 1, connections)  # warm up
        rps, p50, p99, _, _ = run_wrk(port, "x", duration, connections)
    finally:
        stop(proc)
    # The reference apps store nothing.
    return Result(name, rps, p50, p99, 0, 0, None)


def bench_copydesk(name: str, url: str, workers: int, duration: int,
                   connections: int) -> Result:
    migrate.upgrade(url)
    db = Database(url)
    site = db.write_sync(lambda c: sites.create(c, "Bench", ["https://news.example"])).key
    db.close()
    port = free_port()
    env = {**os.environ, "COPYDESK_DATABASE_URL": url, "COPYDESK_PORT": str(port),
           "COPYDESK_WORKERS": str(workers), "COPYDESK_RATE_LIMIT_BLOCK": "100000000",
           "COPYDESK_RATE_LIMIT_SITE": "100000000",
           "COPYDESK_RATE_LIMIT_NETWORK": "100000000", "COPYDESK_LOG_LEVEL": "WARNING",
           "COPYDESK_DISPATCHER": "false", "COPYDESK_PROOFREAD_FETCH": "false"}
    proc = subprocess.Popen([sys.executable, "-m", "copydesk", "serve"], env=env,
                            start_new_session=True)
    try:
        wait_ready(port, "/healthz")
        run_wrk(port, site, 1, connections)  # warm up
        before = count(url)
        database = None if url.startswith("sqlite") else url.rsplit("/", 1)[1]
        app_before, db_before = cpu_split(proc.pid, database)
        rps, p50, p99, errors, created = run_wrk(port, site, duration, connections)
        app_after, db_after = cpu_split(proc.pid, database)
    finally:
        stop(proc)
    stored = count(url) - before
    per = 1e6 / max(stored, 1)
    return Result(name, rps, p50, p99, errors, created, stored,
                  (app_after - app_before) * per,
                  (db_after - db_before) * per if database else None)


def count(url: str) -> int:
    engine = create_engine(normalise_url(url))
    with engine.connect() as conn:
        n = int(conn.execute(select(func.count()).select_from(schema.reports)).scalar_one())
    engine.dispose()
    return n


def postgres_url() -> tuple[str, str] | None:
    name = f"copydesk_bench_{uuid.uuid4().hex[:8]}"
    try:
        admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
    except Exception as exc:
        print(f"(PostgreSQL not measured: {str(exc).splitlines()[0]})")
        return None
    return PG_ADMIN.rsplit("/", 1)[0] + "/" + name, name


def drop_postgres(name: str) -> None:
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--workers", type=int, default=Settings().process_count,
                        help="server processes (default: copydesk's default, one per core)")
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("bench/ingest needs wrk: apt-get install wrk", file=sys.stderr)
        return 2
    results = [bench_bare(args.workers, args.duration, args.connections),
               bench_bare(args.workers, args.duration, args.connections, "minimal",
                          "minimal Starlette route")]
    with tempfile.TemporaryDirectory() as tmp:
        results.append(bench_copydesk("copydesk SQLite", f"sqlite:///{tmp}/bench.db",
                                      args.workers, args.duration, args.connections))
    pg = None if args.no_postgres else postgres_url()
    if pg:
        try:
            results.append(bench_copydesk("copydesk PostgreSQL", pg[0], args.workers,
                                          args.duration, args.connections))
        finally:
            drop_postgres(pg[1])
    base = results[0].rps
    print(f"\nworkers={args.workers} connections={args.connections} "
          f"duration={args.duration}s cores={os.cpu_count()}")
    print(f"{'server':22} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'ratio':>6} "
          f"{'errors':>7} {'201s':>8} {'stored':>8} {'app µs':>7} {'db µs':>6}")
    ok = True
    for r in results:
        stored = "-" if r.stored is None else str(r.stored)
        app = "-" if r.app_cpu_us is None else f"{r.app_cpu_us:.0f}"
        db = "-" if r.db_cpu_us is None else f"{r.db_cpu_us:.0f}"
        print(f"{r.name:22} {r.rps:9.0f} {r.p50_ms:8.2f} {r.p99_ms:8.2f} {r.rps / base:6.2f} "
              f"{r.errors:7d} {r.created or '-':>8} {stored:>8} {app:>7} {db:>6}")
        if r.stored is not None and r.stored < r.created:
            ok = False
            print(f"  LOST: {r.created - r.stored} acknowledged reports are not stored")
    by_name = {r.name: r.rps for r in results}
    if "copydesk PostgreSQL" in by_name:
        print(f"PostgreSQL / SQLite: "
              f"{by_name['copydesk PostgreSQL'] / by_name['copydesk SQLite']:.2f}")
    print("app µs, db µs: CPU time per stored report of copydesk's processes and of the "
          "PostgreSQL backends")
    alone = committer.measure()
    print(f"\ncommitter alone (no HTTP, SQLite): {alone.reports_per_s:.0f} reports/s, "
          f"{alone.cpu_us_per_report:.0f} µs of its CPU per report")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
