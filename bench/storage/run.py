"""bench/storage: how much a report costs on disk, on SQLite and PostgreSQL.

Stores N realistic reports (default 100,000) through ``reports.store`` and the writer,
as ingest does: 2,000 articles over 5 sites, quotes of 5-80 characters with 32
characters of context each side, a third with a suggestion, a fifth with a comment, a
fifth joining an existing group, 3% spam.  Prints the database's growth in bytes per
report and the extrapolation to a million reports.  SQLite: the file's pages after a
checkpoint (the full-text index included); PostgreSQL: ``pg_database_size`` (tables,
indexes, TOAST; after VACUUM).

    .venv/bin/python bench/storage/run.py [--reports N] [--pg URL]
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import tempfile
import time
import uuid

from sqlalchemy import Connection, create_engine, text

from copydesk import reports, sites
from copydesk.reports import Report
from copydesk.storage import migrate
from copydesk.storage.database import Database, normalise_url

SENTENCE = ("the council said on tuesday that its budget for the new school would rise "
            "by four million pounds after a review of costs found errors in the plans "
            "approved last year by members of the committee")
WORDS = tuple(SENTENCE.split())
PG = "postgresql://postgres@127.0.0.1:5432/postgres"


def _text(rng: random.Random, chars: int) -> str:
    out: list[str] = []
    while sum(len(w) + 1 for w in out) < chars:
        out.append(rng.choice(WORDS))
    return " ".join(out)[:chars]


def _reports(n: int, seed: int = 7) -> list[tuple[int, Report, str, str | None]]:
    rng = random.Random(seed)
    made: list[tuple[int, Report, str, str | None]] = []
    for i in range(n):
        site = i % 5
        if made and rng.random() < 0.2:  # another reader on an earlier quote
            _, earlier, _, _ = made[rng.randrange(len(made))]
            made.append((site, earlier, f"{i:064x}", None))
            continue
        article = rng.randrange(400)
        report = Report(
            f"https://news{site}.example/2026/{article}/a-long-article-slug-{article}",
            _text(rng, rng.randint(5, 80)), _text(rng, 32), _text(rng, 32), None, None,
            _text(rng, rng.randint(5, 80)) if rng.random() < 0.33 else "",
            _text(rng, rng.randint(20, 300)) if rng.random() < 0.2 else "",
            f"Headline of article {article}", "en")
        spam = "honeypot" if rng.random() < 0.03 else None
        made.append((site, report, f"{rng.getrandbits(256):064x}", spam))
    return made


def _fill(url: str, n: int) -> float:
    db = Database(url)
    def add_sites(conn: Connection) -> list[int]:
        return [sites.create(conn, f"Site {k}", [f"https://news{k}.example"],
                             key=f"bench-{k}").id for k in range(5)]

    site_ids = db.write_sync(add_sites)
    made = _reports(n)
    started = time.perf_counter()
    for start in range(0, n, 500):
        chunk = made[start:start + 500]

        def job(conn: Connection, chunk: list[tuple[int, Report, str, str | None]] = chunk
                ) -> None:
            for site, report, ip_hash, spam in chunk:
                url = report.url.replace(report.url.split("/")[2], f"news{site}.example")
                reports.store(conn, site_ids[site], report._replace(url=url),
                              ip_hash=ip_hash, spam_reason=spam)
        db.write_sync(job)
    elapsed = time.perf_counter() - started
    db.close()
    return elapsed


def sqlite_size(path: str) -> int:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pages, size = (conn.execute(f"PRAGMA {p}").fetchone()[0] for p in ("page_count", "page_size"))
    free = conn.execute("PRAGMA freelist_count").fetchone()[0]
    conn.close()
    return int((pages - free) * size)


def pg_size(url: str) -> int:
    engine = create_engine(normalise_url(url), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("VACUUM ANALYZE"))
        size = int(conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one())
    engine.dispose()
    return size


def report(name: str, empty: int, full: int, n: int, seconds: float) -> None:
    per = (full - empty) / n
    print(f"{name:<11} empty {empty / 1e6:7.1f} MB  with {n:,} reports {full / 1e6:7.1f} MB  "
          f"{per:6.0f} bytes/report  → 1M reports ≈ {per * 1e6 / 1e9:4.2f} GB  "
          f"(stored in {seconds:.0f} s)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--pg", default=os.environ.get("COPYDESK_BENCH_PG", PG))
    parser.add_argument("--no-pg", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = f"{tmp}/bench.db"
        migrate.upgrade(f"sqlite:///{path}")
        empty = sqlite_size(path)
        seconds = _fill(f"sqlite:///{path}", args.reports)
        report("SQLite", empty, sqlite_size(path), args.reports, seconds)
    if args.no_pg:
        return
    name = f"copydesk_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(normalise_url(args.pg), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = args.pg.rsplit("/", 1)[0] + "/" + name
    try:
        migrate.upgrade(url)
        empty = pg_size(url)
        seconds = _fill(url, args.reports)
        report("PostgreSQL", empty, pg_size(url), args.reports, seconds)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    main()
