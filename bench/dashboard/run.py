"""Dashboard benchmark: queue and detail pages over a million reports.

Fills a throwaway SQLite file and a throwaway PostgreSQL database (127.0.0.1:5432,
user postgres) with N reports over 50 sites and 100,000 articles (every fifth article
with a fetched version its groups are anchored in, so their rows read the quote's
sentence from the article text), then measures the server time of the queue (first
page, a deep keyset page, full-text searches, filtered views, an editor's queue, the
new-reports badge), of a group's page and of an article's page, beside a trivial page
(``/login``) of the same app in the same run:

    .venv/bin/python bench/dashboard/run.py                      # 1,000,000 reports
    .venv/bin/python bench/dashboard/run.py --reports 50000      # a quick run
    .venv/bin/python bench/dashboard/run.py --backend sqlite

Server time is measured around the ASGI app (request in, last body byte out), so the
test client's own overhead is left out.  Target: p95 <= 100 ms.
"""

from __future__ import annotations

import argparse
import random
import re
import sqlite3
import statistics
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator, MutableMapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
from starlette.testclient import TestClient

from copydesk import accounts
from copydesk.app import create_app
from copydesk.models import Role
from copydesk.settings import Settings
from copydesk.storage import migrate

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PASSWORD = "benchmark password"
RARE = "zanzibar"
STATUSES = ["new"] * 70 + ["accepted"] * 8 + ["fixed"] * 10 + ["rejected"] * 6 + \
    ["duplicate"] * 2 + ["spam"] * 4
START = datetime(2026, 1, 1, tzinfo=UTC)

Scope = MutableMapping[str, Any]
ASGI = Callable[[Scope, Callable[[], Awaitable[Any]], Callable[[Any], Awaitable[None]]],
                Awaitable[None]]


# ------------------------------------------------------------------------------ data


def vocabulary(rng: random.Random, size: int = 3000) -> list[str]:
    syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "pri", "dal", "ost", "ber",
                 "gen", "tur", "lin", "mar", "cos", "fel", "dun", "hap"]
    words = {"".join(rng.choice(syllables) for _ in range(rng.randint(1, 3)))
             for _ in range(size * 2)}
    return sorted(words)[:size]


@dataclass
class Data:
    sites: list[tuple[Any, ...]]
    articles: list[tuple[Any, ...]]
    groups: list[tuple[Any, ...]]
    reports: list[tuple[Any, ...]]
    versions: list[tuple[Any, ...]]


def generate(n_reports: int, n_sites: int, n_articles: int, seed: int = 7) -> Data:
    rng = random.Random(seed)
    words = vocabulary(rng)
    span = 365 * 24 * 3600
    sites = [(i, f"site{i}", f"Site {i}", f'["https://site{i}.example"]', START)
             for i in range(1, n_sites + 1)]
    articles = [(i, (i % n_sites) + 1, f"https://site{(i % n_sites) + 1}.example/news/{i}",
                 f"Article {i} " + " ".join(rng.choices(words, k=5)), "en", START, START)
                for i in range(1, n_articles + 1)]
    # Every fifth article has a fetched version, and its groups are anchored in it: their
    # rows read the quote's sentence from the article text.
    texts = {i: " ".join(rng.choices(words, k=250)) + "." for i in range(1, n_articles + 1, 5)}
    versions = [(i, article, f"{i:064x}", f"Article {article}", body, START)
                for i, (article, body) in enumerate(texts.items(), 1)]
    version_of = {article: i for i, (article, _) in enumerate(texts.items(), 1)}
    groups: list[tuple[Any, ...]] = []
    reports: list[tuple[Any, ...]] = []
    gid = 0
    while len(reports) < n_reports:
        gid += 1
        article = rng.randint(1, n_articles)
        site = (article % n_sites) + 1
        count = min(n_reports - len(reports), 1 if rng.random() < 0.7 else
                    int(rng.paretovariate(1.2)) + 1)
        anchor: tuple[Any, ...] = (None, None, None, None, None)
        if article in texts:
            body = texts[article]
            spaces = [m.start() for m in re.finditer(" ", body)]
            at = rng.randrange(10, len(spaces) - 20)
            start, end = spaces[at] + 1, spaces[at + rng.randint(1, 4)]
            exact, prefix, suffix = body[start:end], body[max(0, start - 32):start], \
                body[end:end + 32]
            anchor = ("unchanged", start, end, version_of[article], START)
        else:
            exact = " ".join(rng.choices(words, k=rng.randint(1, 4)))
            prefix = " ".join(rng.choices(words, k=6)) + " "
            suffix = " " + " ".join(rng.choices(words, k=6))
        first = START + timedelta(seconds=rng.randint(0, span))
        last = first
        has_suggestion = False
        for _ in range(count):
            created = first + timedelta(seconds=rng.randint(0, 3 * 24 * 3600))
            last = max(last, created)
            suggestion = " ".join(rng.choices(words, k=2)) if rng.random() < 0.5 else ""
            has_suggestion = has_suggestion or bool(suggestion)
            comment = " ".join(rng.choices(words, k=rng.randint(3, 12))) \
                if rng.random() < 0.3 else ""
            if rng.random() < 0.0002:
                comment += f" {RARE}"
            reports.append((len(reports) + 1, site, article, gid,
                            f"https://site{site}.example/news/{article}", exact,
                            prefix, suffix, suggestion, comment, "", "en",
                            uuid.UUID(int=rng.getrandbits(128)).hex, created))
        groups.append((gid, site, article, rng.choice(STATUSES), exact, prefix, suffix,
                       count, has_suggestion, first, last, last, *anchor))
    return Data(sites, articles, groups, reports, versions)


def batches(rows: list[tuple[Any, ...]], size: int = 50_000) -> Iterator[list[tuple[Any, ...]]]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


GROUP_COLUMNS = ("id, site_id, article_id, status, exact, prefix, suffix, reporter_count, "
                 "has_suggestion, created_at, updated_at, last_reported_at, anchor_state, "
                 "anchor_start, anchor_end, anchor_version_id, anchored_at")
VERSION_COLUMNS = "id, article_id, content_hash, title, text, fetched_at"
REPORT_COLUMNS = ("id, site_id, article_id, group_id, url, exact, prefix, suffix, suggestion, "
                  "comment, title, lang, ip_hash, created_at")


def _sqlite_ts(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def fill_sqlite(path: Path, data: Data) -> None:
    def ts(row: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(_sqlite_ts(v) if isinstance(v, datetime) else v for v in row)

    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous = OFF")
    with conn:
        conn.executemany("INSERT INTO sites (id, key, name, origins, created_at) "
                         "VALUES (?, ?, ?, ?, ?)", map(ts, data.sites))
        for chunk in batches(data.articles):
            conn.executemany("INSERT INTO articles (id, site_id, url, title, lang, created_at, "
                             "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", map(ts, chunk))
        for chunk in batches(data.versions):
            conn.executemany(f"INSERT INTO article_versions ({VERSION_COLUMNS}) VALUES "
                             f"({', '.join('?' * 6)})", map(ts, chunk))
        for chunk in batches(data.groups):
            conn.executemany(f"INSERT INTO report_groups ({GROUP_COLUMNS}) VALUES "
                             f"({', '.join('?' * 17)})", map(ts, chunk))
        for chunk in batches(data.reports):
            conn.executemany(f"INSERT INTO reports ({REPORT_COLUMNS}) VALUES "
                             f"({', '.join('?' * 14)})", map(ts, chunk))
        # Loaded around the writer, which otherwise indexes each batch's reports.
        conn.execute("INSERT INTO reports_fts (reports_fts) VALUES ('rebuild')")
    conn.execute("ANALYZE")
    conn.close()


def fill_postgres(url: str, data: Data) -> None:
    with psycopg.connect(url) as conn:
        conn.execute("DROP INDEX IF EXISTS ix_reports_fts")
        with conn.cursor() as cur:
            for table, columns, rows in (
                ("sites", "id, key, name, origins, created_at", data.sites),
                ("articles", "id, site_id, url, title, lang, created_at, updated_at",
                 data.articles),
                ("article_versions", VERSION_COLUMNS, data.versions),
                ("report_groups", GROUP_COLUMNS, data.groups),
                ("reports", REPORT_COLUMNS, data.reports),
            ):
                with cur.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            for table in ("sites", "articles", "article_versions", "report_groups", "reports"):
                cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                            f"(SELECT max(id) FROM {table}))")
        conn.commit()
        from copydesk.storage.schema import REPORTS_SEARCH_VECTOR

        conn.execute(f"CREATE INDEX ix_reports_fts ON reports USING gin "
                     f"(({REPORTS_SEARCH_VECTOR}))")
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE")


# ----------------------------------------------------------------------- measurement


class Timed:
    """ASGI wrapper recording each request's server time (first byte in, last byte out)."""

    def __init__(self, app: ASGI) -> None:
        self.app = app
        self.last = 0.0

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        start = time.perf_counter()
        await self.app(scope, receive, send)
        self.last = time.perf_counter() - start


def measure(client: TestClient, timed: Timed, paths: list[str], rounds: int) -> list[float]:
    times = []
    for i in range(rounds):
        path = paths[i % len(paths)]
        response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"{path}: {response.status_code} {response.text[:200]}")
        times.append(timed.last * 1000)
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 2 else values[0]


def log_in(client: TestClient, email: str) -> None:
    client.get("/login")
    response = client.post("/login", data={
        "email": email, "password": PASSWORD,
        "csrf_token": client.cookies.get("copydesk_login_csrf")}, follow_redirects=False)
    if response.status_code != 303:
        raise RuntimeError(f"login failed: {response.status_code}")


def deep_cursor(client: TestClient, depth: int) -> str:
    """The keyset cursor ``depth`` pages into the default queue, found by walking it."""
    path = "/"
    for _ in range(depth):
        found = re.search(r'href="(/\?[^"]*after=[^"]+)" rel="next"', client.get(path).text)
        if not found:
            break
        path = found.group(1).replace("&amp;", "&")
    return path


def bench(label: str, url: str, data: Data, rounds: int) -> list[tuple[str, float, float]]:
    # No purge while measuring: the generated spam is older than the retention.
    settings = Settings(database_url=url, secret_key="bench", log_level="WARNING",
                        rate_limit_block=10_000, retention_spam_days=0)
    app = create_app(settings)
    timed = Timed(app)
    results = []
    with TestClient(timed, base_url="http://127.0.0.1") as client:
        ctx = app.state.ctx
        accounts.add_user(ctx.db, "admin@bench.example", PASSWORD, Role.ADMIN)
        accounts.add_user(ctx.db, "ed@bench.example", PASSWORD, Role.EDITOR, ["site7"])
        log_in(client, "admin@bench.example")
        rng = random.Random(3)
        group_ids = [g[0] for g in rng.sample(data.groups, min(200, len(data.groups)))]
        deep = deep_cursor(client, 40)
        cases = {
            "trivial page (/login)": ["/login"],
            "queue, first page": ["/"],
            "queue, most reported": ["/?sort=most"],
            "queue, page 40 (keyset)": [deep],
            f"queue, search '{RARE}'": [f"/?q={RARE}&status=all"],
            "queue, search 2 words, site": [f"/?q={data.groups[5][4].split()[0]}"
                                            f"&site=site3&status=all"],
            "queue, site + date + suggestion": ["/?site=site9&since=2026-03-01"
                                                "&until=2026-06-30&suggestion=1"],
            "group page": [f"/groups/{gid}" for gid in group_ids],
            "article page": [f"/articles/{v[1]}" for v in data.versions[:200]],
            "new-reports badge (JSON)": ["/queue/new.json?since=2026-12-30T00:00:00%2B00:00"],
        }
        for name, paths in cases.items():
            measure(client, timed, paths, 3)  # warm up
            times = measure(client, timed, paths, rounds)
            results.append((name, statistics.median(times), p95(times)))
        client.cookies.clear()
        log_in(client, "ed@bench.example")
        measure(client, timed, ["/"], 3)
        times = measure(client, timed, ["/"], rounds)
        results.append(("editor's queue (one site)", statistics.median(times), p95(times)))
    trivial = results[0][2]
    print(f"\n{label}: {len(data.reports):,} reports, {len(data.groups):,} groups")
    print(f"{'page':36} {'median ms':>10} {'p95 ms':>9} {'p95 / trivial':>14}")
    for name, median, high in results:
        print(f"{name:36} {median:10.1f} {high:9.1f} {high / trivial:14.1f}")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--sites", type=int, default=50)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=60, help="requests per page")
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    args = parser.parse_args()
    started = time.perf_counter()
    data = generate(args.reports, args.sites, min(args.articles, args.reports))
    print(f"generated {len(data.reports):,} reports in {time.perf_counter() - started:.0f} s")
    if args.backend in {"sqlite", "both"}:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "bench.db"
            url = f"sqlite:///{path}"
            migrate.upgrade(url)
            started = time.perf_counter()
            fill_sqlite(path, data)
            print(f"sqlite filled in {time.perf_counter() - started:.0f} s")
            bench("SQLite", url, data, args.rounds)
    if args.backend in {"postgres", "both"}:
        name = f"copydesk_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        url = PG_ADMIN.rsplit("/", 1)[0] + "/" + name
        try:
            migrate.upgrade(url)
            started = time.perf_counter()
            fill_postgres(url, data)
            print(f"postgres filled in {time.perf_counter() - started:.0f} s")
            bench("PostgreSQL", url, data, args.rounds)
        finally:
            with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
