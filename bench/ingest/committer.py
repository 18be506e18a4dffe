"""The committer alone: how many reports per second it stores, and its CPU per report.

Runs copydesk's committer process (as ``serve`` does, on a fresh SQLite file) and feeds
it from this process, 64 reports in flight, through the workers' client (no HTTP), with
the same reports as ``report.lua``.  (The spawned committer imports this script again as
a module: nothing here runs at import.)  Called by ``run.py``; on its own:

    .venv/bin/python bench/ingest/committer.py [--reports 20000]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from dataclasses import dataclass

from copydesk import sites
from copydesk.ingest.commit_client import CommitClient
from copydesk.ingest.committer import CommitterProcess
from copydesk.ingest.payload import ReportPayload
from copydesk.reports import Report
from copydesk.storage import migrate
from copydesk.storage.database import Database

WORDS = ["drafted", "into", "to", "the", "army", "nighttime", "lows", "Celsius", "minister",
         "budget", "council", "harbour", "forecast", "election"]


@dataclass
class Measured:
    reports_per_s: float
    cpu_us_per_report: float


def _cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(reports: int = 20_000, concurrency: int = 64) -> Measured:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/committer.db"
        migrate.upgrade(url)
        db = Database(url)
        site = db.write_sync(lambda c: sites.create(c, "Bench", ["https://news.example"]))
        db.close()
        payloads = []
        for i in range(reports):
            n = i * 131
            start = n % 5000
            payloads.append(Report.of(ReportPayload(
                site=site.key, url=f"https://news.example/2026/11/story-{n % 2000}",
                exact=f"{WORDS[n % 14]} {WORDS[(n // 3) % 14]} {n}",
                prefix="The regional council said on Tuesday that the new harbour plan ",
                suffix=" would be put to a vote before the end of the year, officials said.",
                start=start, end=start + 12, suggestion=WORDS[n % 14],
                comment="This looks like a typo to me; the sentence reads oddly and the "
                        "figure in brackets does not match.",
                title="Council backs harbour plan", lang="en")))
        saved = os.environ.get("COPYDESK_DATABASE_URL")
        os.environ["COPYDESK_DATABASE_URL"] = url
        process = CommitterProcess()
        try:
            process.start()
            return asyncio.run(_feed(process, CommitClient(process.path), site.id, payloads,
                                     concurrency))
        finally:
            process.stop()
            if saved is None:
                os.environ.pop("COPYDESK_DATABASE_URL", None)
            else:
                os.environ["COPYDESK_DATABASE_URL"] = saved


async def _feed(process: CommitterProcess, client: CommitClient, site_id: int,
                payloads: list[Report], concurrency: int) -> Measured:
    pid = process.pid
    assert pid is not None
    todo = iter(payloads)

    async def sender() -> None:
        for i, payload in enumerate(todo):
            stored = await client.store(site_id, payload, ip_hash=f"reader{i % 5000}",
                                        spam_reason=None)
            if stored is None:
                raise RuntimeError("the committer is not reachable")

    before, started = _cpu_seconds(pid), time.perf_counter()
    await asyncio.gather(*(sender() for _ in range(concurrency)))
    elapsed, cpu = time.perf_counter() - started, _cpu_seconds(pid) - before
    client.close()
    return Measured(len(payloads) / elapsed, cpu / len(payloads) * 1e6)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=20_000)
    args = parser.parse_args()
    result = measure(args.reports)
    print(f"committer alone: {result.reports_per_s:.0f} reports/s, "
          f"{result.cpu_us_per_report:.0f} µs of its CPU per report")
