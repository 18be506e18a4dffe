"""bench/cluster: report ingest through HAProxy over 1, 2 and 3 copydesk nodes.

The nodes are hosts of their own (network namespaces, see ``tests/cluster/harness.py``)
sharing one PostgreSQL and one Redis; one worker process each.  PostgreSQL runs with
fsync off (``--fsync`` turns it on): with it on, this machine's disk bounds the commits
at about 300 reports/s and the nodes wait rather than work, which hides their cost.  For each node
count, wrk loads the front (2 threads, 32 connections, ``--duration`` seconds, ~500-byte
reports varied per request), then the bench prints reports/s stored, the nodes' CPU per
stored report (user + system time of the node processes, from ``/proc/<pid>/stat``),
PostgreSQL's and HAProxy's, and checks that every acknowledged (201) report is stored.

On a machine with few cores, every node, PostgreSQL, Redis, HAProxy and wrk share the
same cores: throughput cannot grow with nodes there.  What must hold is the cost per
report: a node does the same work per report whether it is alone or one of three.  At
full load that cannot show on two cores: each added node takes a share of the same
cores, so each node's writer batches fewer reports, and every process waits on the
others.  So each node count is measured twice: at full load (the throughput), and
paced, with the same load per node (``--per-node`` reports/s offered to each node:
two connections per node, each pausing before every request), where the cost per
report is what compares.

    .venv/bin/python bench/cluster/run.py [--duration 8] [--per-node 300] [--fsync]

Needs root (``ip netns``), Debian's wrk and haproxy, redis-server and PostgreSQL's
server binaries.  Rate limits are raised out of the way; article fetches are off.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))  # the repository, for tests.cluster.harness

from sqlalchemy import func, select  # noqa: E402
from tests.cluster import harness  # noqa: E402

from copydesk import sites  # noqa: E402
from copydesk.storage import schema  # noqa: E402
from copydesk.storage.database import Database  # noqa: E402


@dataclass
class Row:
    nodes: int
    rps: float
    node_ms: float
    pg_ms: float
    front_ms: float
    refused: int
    acknowledged: int
    stored: int


def stored(db: Database, site_id: int) -> int:
    r = schema.reports
    return int(db.read_sync(lambda conn: conn.execute(
        select(func.count()).select_from(r).where(r.c.site_id == site_id)).scalar_one()))


#: Connections for a full load; a paced one has PACED_CONNECTIONS per node.
CONNECTIONS = 32
PACED_CONNECTIONS = 2


@dataclass(frozen=True)
class Load:
    connections: int
    pause_ms: int  # before each request, per connection (0: as fast as answered)


def full() -> Load:
    return Load(CONNECTIONS, 0)


def paced(nodes: int, per_node: int) -> Load:
    """``per_node`` reports/s offered to each of ``nodes`` (a little less: each
    connection also waits for its answers)."""
    return Load(PACED_CONNECTIONS * nodes, max(1, round(1000 * PACED_CONNECTIONS / per_node)))


def wrk(front: harness.Front, site: str, origin: str, duration: int,
        load: Load) -> tuple[int, int]:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{load.connections}", f"-d{duration}s", "-s",
         str(HERE / "report.lua"), front.url, "--", site, origin, str(load.pause_ms)],
        capture_output=True, text=True, check=True).stdout
    created = re.search(r"CREATED (\d+)", out)
    other = re.search(r"OTHER (\d+)", out)
    assert created and other, out
    return int(created.group(1)), int(other.group(1))


def measure(cluster: harness.Cluster, db: Database, count: int, duration: int,
            workdir: Path, load: Load) -> Row:
    serving = cluster.nodes[:count]
    name = f"{count}-{load.connections}-{load.pause_ms}"
    site = db.write_sync(lambda conn: sites.create(
        conn, f"bench{name}", [cluster.pages.origin], key=f"bench-{name}"))
    directory = workdir / f"front{name}"
    directory.mkdir()
    front = harness.Front(serving, directory)
    try:
        front.wait_state({n.name: "UP" for n in serving})
        wrk(front, site.key, cluster.pages.origin, 1, load)  # warm up (counted apart)
        time.sleep(1)
        before_count = stored(db, site.id)
        pids = [pid for n in serving for pid in n.pids()]
        node0 = harness.cpu_seconds(pids)
        pg0 = harness.cpu_seconds(cluster.pg.pids())
        front0 = harness.cpu_seconds([front.proc.pid])
        started = time.monotonic()
        created, other = wrk(front, site.key, cluster.pages.origin, duration, load)
        elapsed = time.monotonic() - started
        node1 = harness.cpu_seconds(pids)
        pg1 = harness.cpu_seconds(cluster.pg.pids())
        front1 = harness.cpu_seconds([front.proc.pid])
    finally:
        front.stop()
    got = stored(db, site.id) - before_count
    per = 1000 / max(got, 1)
    return Row(count, got / elapsed, (node1 - node0) * per, (pg1 - pg0) * per,
               (front1 - front0) * per, other, created, got)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=8)
    parser.add_argument("--per-node", type=int, default=300,
                        help="reports/s offered to each node in the paced rows")
    parser.add_argument("--fsync", action="store_true", help="PostgreSQL with fsync on")
    args = parser.parse_args()
    why = harness.missing()
    if why:
        sys.exit(f"bench/cluster: {why}")
    workdir = Path(tempfile.mkdtemp(prefix="copydesk-bench-cluster-"))
    rows: list[Row] = []
    paced_rows: list[Row] = []
    with harness.cluster(3, workdir, fsync=args.fsync, rate_limit_block="1000000",
                         rate_limit_network="1000000", rate_limit_site="1000000",
                         rate_limit_spam="1000000", proofread_fetch="false") as cluster:
        db = Database(cluster.db_url)
        try:
            for node in cluster.nodes[1:]:
                node.stop()
            for count in (1, 2, 3):
                if count > 1:
                    cluster.nodes[count - 1].start()
                    cluster.nodes[count - 1].wait_ready()
                rows.append(measure(cluster, db, count, args.duration, workdir, full()))
                paced_rows.append(measure(cluster, db, count, args.duration, workdir,
                                          paced(count, args.per_node)))
        finally:
            db.close()
    cores = os.cpu_count() or 1
    fsync = "on" if args.fsync else "off"
    print(f"\nbench/cluster: {cores} cores, 1 worker per node, PostgreSQL (fsync {fsync}) + "
          f"Redis shared, HAProxy round robin, {args.duration} s a row\n")
    print(f"Full load (wrk, {CONNECTIONS} connections):\n")
    table(rows)
    print(f"\nPaced: {args.per_node} reports/s offered to each node ({PACED_CONNECTIONS}"
          " connections per node, pausing between requests):\n")
    table(paced_rows)
    flat = max(r.node_ms for r in paced_rows) / min(r.node_ms for r in paced_rows)
    print(f"\nPaced, node CPU per report, highest / lowest: {flat:.2f}.")
    if cores <= 2:
        print(f"On {cores} cores the nodes, PostgreSQL, Redis, HAProxy and wrk share the "
              "same cores: throughput cannot grow with nodes here; the cost per report at "
              "the same load per node is what is compared.")


def table(rows: list[Row]) -> None:
    print("| nodes | reports/s | node CPU ms/report | PostgreSQL ms/report | HAProxy ms/report"
          " | refused | acknowledged → stored |")
    print("|---:|---:|---:|---:|---:|---:|---|")
    for r in rows:
        # wrk stops with requests in flight: stored, never answered (so never counted).
        kept = "all" if r.stored >= r.acknowledged else f"{r.stored} of {r.acknowledged}"
        print(f"| {r.nodes} | {r.rps:,.0f} | {r.node_ms:.2f} | {r.pg_ms:.2f} | "
              f"{r.front_ms:.2f} | {r.refused} | {kept} |")


if __name__ == "__main__":
    main()
