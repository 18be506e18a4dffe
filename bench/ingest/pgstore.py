"""PostgreSQL's share of ingest: the backend's CPU per stored report, and what it goes to.

Stores the reports of ``report.lua`` (same shapes, same 2,000 articles) in writer-sized
batches through copydesk's own batch call (:func:`copydesk.reports.Store.together` on
a connection of the writer's engine, so with the session function of
:mod:`copydesk.storage.pgingest`), on a throwaway database, one connection, no HTTP.
It prints reports/s, this process's CPU per report and the backend's (read from
``/proc``: the server must run on this machine).

``--without`` measures the same on a schema with parts removed, to attribute the
backend's time: ``fk`` (the foreign keys of ``reports`` and ``report_groups`` that
PostgreSQL keeps), ``fts`` (the full-text GIN index of ``reports``), ``groupix`` (``report_groups``'
secondary indexes), ``reportix`` (``reports``' other secondary indexes).  Those schemas
are for measuring only; copydesk never runs on one.

    .venv/bin/python bench/ingest/pgstore.py [--reports 20000] [--batch 32]
        [--without fk,fts]
"""

from __future__ import annotations

import argparse
import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine, create_engine, text

from copydesk import reports, sites
from copydesk.storage import migrate, pgingest
from copydesk.storage.database import Database, make_engine

PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
WORDS = ["drafted", "into", "to", "the", "army", "nighttime", "lows", "Celsius", "minister",
         "budget", "council", "harbour", "forecast", "election"]

#: What ``--without`` removes, as SQL run on the throwaway database.
PARTS = {
    "fk": [
        "ALTER TABLE reports DROP CONSTRAINT fk_reports_group_id_report_groups",
        "ALTER TABLE report_groups DROP CONSTRAINT fk_report_groups_article_id_articles",
    ],
    "fts": ["DROP INDEX ix_reports_fts"],
    "groupix": [f"DROP INDEX {name}" for name in (
        "ix_groups_anchor_state", "ix_groups_count", "ix_groups_last",
        "ix_groups_site_anchor_state", "ix_groups_site_count", "ix_groups_site_last",
        "ix_groups_site_status_last", "ix_groups_status_count", "ix_groups_status_last")],
    "reportix": [f"DROP INDEX {name}" for name in (
        "ix_reports_group_comment", "ix_reports_group_reader")],
}


@dataclass
class Measured:
    reports_per_s: float
    app_us: float
    db_us: float


def _cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def the_reports(count: int) -> Iterator[reports.Report]:
    """``report.lua``'s reports, in the order of one of its threads."""
    for counter in range(1, count + 1):
        n = counter * 131
        start = n % 5000
        yield reports.Report(
            f"https://news.example/2026/11/story-{n % 2000}",
            f"{WORDS[n % 14]} {WORDS[(n // 3) % 14]} {n}",
            "The regional council said on Tuesday that the new harbour plan ",
            " would be put to a vote before the end of the year, officials said.",
            start, start + 12, WORDS[n % 14],
            "This looks like a typo to me; the sentence reads oddly and the figure in "
            "brackets does not match.", "Council backs harbour plan", "en")


@contextmanager
def throwaway() -> Iterator[str]:
    name = f"copydesk_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield PG_ADMIN.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def measure(count: int, batch: int, without: list[str]) -> Measured:
    with throwaway() as url:
        migrate.upgrade(url)
        db = Database(url)
        site_id = db.write_sync(
            lambda c: sites.create(c, "Bench", ["https://news.example"])).id
        db.close()
        engine: Engine = make_engine(url, writer=True)
        pgingest.install(engine)
        with engine.begin() as conn:
            for part in without:
                for sql in PARTS[part]:
                    conn.exec_driver_sql(sql)
        jobs = [reports.Store(site_id, report, ip_hash=f"reader{i % 5000}", spam_reason=None)
                for i, report in enumerate(the_reports(count))]
        with engine.connect() as conn:
            backend = int(conn.exec_driver_sql("SELECT pg_backend_pid()").scalar_one())
            conn.commit()
            # A warm-up batch: the session's function and its plans.
            with conn.begin():
                reports.Store.together(conn, jobs[:batch])
            db_before, app_before = _cpu_seconds(backend), time.process_time()
            started = time.perf_counter()
            for first in range(batch, len(jobs), batch):
                with conn.begin():
                    reports.Store.together(conn, jobs[first:first + batch])
            elapsed = time.perf_counter() - started
            db_cpu, app_cpu = _cpu_seconds(backend) - db_before, time.process_time() - app_before
        engine.dispose()
    stored = len(jobs) - batch
    return Measured(stored / elapsed, app_cpu / stored * 1e6, db_cpu / stored * 1e6)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--without", default="",
                        help=f"comma-separated parts to remove: {', '.join(PARTS)}")
    args = parser.parse_args()
    without = [part for part in args.without.split(",") if part]
    for part in without:
        if part not in PARTS:
            parser.error(f"unknown part {part!r}")
    result = measure(args.reports, args.batch, without)
    print(f"batch={args.batch} without={','.join(without) or '-'}: "
          f"{result.reports_per_s:.0f} reports/s, {result.app_us:.0f} µs of this process's "
          f"CPU and {result.db_us:.0f} µs of the backend's per report")


if __name__ == "__main__":
    main()
