"""PostgreSQL ingest in one round trip (copydesk.storage.pgingest): the same grouping as
Python's, the same results as storing a statement at a time, and one group for one
quote when two connections store it at once."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, Engine, create_engine, func, select, text

from copydesk import grouping, reports, sites
from copydesk.models import Quote, Site
from copydesk.notify import channels
from copydesk.storage import pgingest, schema
from copydesk.storage.database import Database

pytestmark = pytest.mark.postgres

# Few letters and some wide characters: quotes and contexts often meet, and positions
# count characters, not bytes, on both sides.
ALPHABET = "ab é日😀"


@pytest.fixture(scope="module")
def engine(pg_database: str) -> Iterator[Engine]:
    eng = create_engine(pg_database)
    yield eng
    eng.dispose()


def _row(alias: str) -> str:
    columns = ", ".join(
        f"CAST(:{alias}_{name} AS {kind}) AS {quoted}"
        for name, kind, quoted in (("exact", "text", "exact"), ("prefix", "text", "prefix"),
                                   ("suffix", "text", "suffix"), ("start", "int", "start"),
                                   ("end", "int", '"end"'))
    )
    return f"(SELECT *, {pgingest.QUOTE_COLUMNS} FROM (SELECT {columns}) q) {alias}"


_OVERLAPS = text(f"SELECT {pgingest.overlap_sql('a', 'b')} FROM {_row('a')}, {_row('b')}")


def _sql_overlaps(engine: Engine, a: Quote, b: Quote) -> bool:
    params = {f"{alias}_{field}": getattr(quote, field) for alias, quote in (("a", a), ("b", b))
              for field in ("exact", "prefix", "suffix", "start", "end")}
    with engine.connect() as conn:
        return bool(conn.execute(_OVERLAPS, params).scalar_one())


@st.composite
def _cut(draw: st.DrawFn, article: str) -> Quote:
    """A quote as the widget takes one: a stretch of the article with its context."""
    i = draw(st.integers(0, len(article)))
    j = draw(st.integers(i, min(len(article), i + 6)))
    before, after = draw(st.integers(0, 16)), draw(st.integers(0, 16))
    positions = draw(st.booleans())
    return Quote(article[i:j], article[max(0, i - before):i], article[j:j + after],
                 i if positions else None, j if positions else None)


_text = st.text(ALPHABET, max_size=16)
_position = st.none() | st.integers(0, 20)
_any_quote = st.builds(Quote, _text, _text, _text, _position, _position)


@st.composite
def _pairs(draw: st.DrawFn) -> tuple[Quote, Quote]:
    if draw(st.booleans()):
        return draw(_any_quote), draw(_any_quote)
    article = draw(st.text(ALPHABET, min_size=1, max_size=40))
    return draw(_cut(article)), draw(_cut(article))


@settings(max_examples=400, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_pairs())
@example((Quote("into to", "drafted ", " the army"), Quote("into to the", "drafted ", " army")))
@example((Quote("the", "said ", " budget"), Quote("the", "grow. ", " forecast")))
@example((Quote("a", "", "", 1, 2), Quote("b", "", "", 2, 3)))
@example((Quote("日", "é", "😀"), Quote("é日😀", "", "")))
def test_the_sql_overlap_rule_is_pythons(engine: Engine, pair: tuple[Quote, Quote]) -> None:
    a, b = pair
    assert _sql_overlaps(engine, a, b) is grouping.overlaps(a, b)


def test_the_examples_cover_both_answers(engine: Engine) -> None:
    same = (Quote("into to", "drafted ", " the army"), Quote("into to the", "drafted ", " army"))
    apart = (Quote("the", "said ", " budget"), Quote("the", "grow. ", " forecast"))
    assert _sql_overlaps(engine, *same) and grouping.overlaps(*same)
    assert not _sql_overlaps(engine, *apart) and not grouping.overlaps(*apart)


# ------------------------------------------------------------------ against stepwise

_ARTICLES = ("The the minister said said it.", "Lows of 4 Celsius (4F), the the forecast.")


@st.composite
def _reports(draw: st.DrawFn) -> reports.Report:
    n = draw(st.integers(0, len(_ARTICLES) - 1))
    quote = draw(_cut(_ARTICLES[n]))
    suggestion = draw(st.sampled_from(["", quote.exact, "fixed"]))
    client_id = draw(st.sampled_from(["", "", "client-id-0001", "client-id-0002"]))
    return reports.Report(f"https://news.example/story-{n}", quote.exact or "x", quote.prefix,
                          quote.suffix, quote.start, quote.end, suggestion, "", "Title", "en",
                          client_id)


_sends = st.lists(st.tuples(_reports(), st.sampled_from(["", "r1", "r2"]),
                            st.sampled_from([None, None, None, "honeypot"])),
                  min_size=1, max_size=10)


def _outcomes(db: Database, store: Callable[..., reports.Stored],
              sends: list[tuple[reports.Report, str, str | None]]) -> tuple[Any, ...]:
    site = db.write_sync(lambda c: sites.create(c, "Equivalence", ["https://news.example"]))
    groups: dict[int, int] = {}  # group id -> in order of first appearance
    answers: list[object] = []
    for report, ip_hash, spam in sends:
        def job(conn: Connection, r: reports.Report = report, h: str = ip_hash,
                s: str | None = spam) -> reports.Stored:
            return store(conn, site.id, r, ip_hash=h, spam_reason=s, public_url="")

        try:
            stored = db.write_sync(job)
        except reports.KeyReused:
            answers.append("reused")
            continue
        group = groups.setdefault(stored.group, len(groups))
        answers.append((group, stored.duplicate, stored.replayed))
    g = schema.report_groups
    rows = db.read_sync(lambda c: c.execute(
        select(g.c.id, g.c.status, g.c.exact, g.c.reporter_count, g.c.has_suggestion)
        .where(g.c.site_id == site.id).order_by(g.c.id)).all())
    return tuple(answers), tuple((groups[r.id], *r[1:]) for r in rows)


@pytest.fixture(scope="module")
def database(pg_database: str) -> Iterator[Database]:
    db = Database(pg_database)
    db.start()
    yield db
    db.close()


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_sends)
def test_one_round_trip_stores_what_a_statement_at_a_time_stores(
    database: Database, sends: list[tuple[reports.Report, str, str | None]]
) -> None:
    stepwise = _outcomes(database, reports._store_stepwise, sends)
    one_trip = _outcomes(database, reports._store_postgres, sends)
    assert one_trip == stepwise


def test_a_batch_stores_what_one_report_at_a_time_stores(database: Database) -> None:
    site = database.write_sync(lambda c: sites.create(c, "Batch", ["https://news.example"]))
    sent = reports.Report("https://news.example/a", "into to", "drafted ", " the army", 10, 17,
                          "into", "", "", "", "client-id-batch-0001")
    jobs = [reports.Store(site.id, sent, "r1", None),
            reports.Store(site.id, sent._replace(client_id=""), "r2", None),
            reports.Store(site.id, sent, "r1", None),
            reports.Store(site.id, sent._replace(exact="other"), "r1", None)]
    answers = database.write_sync(lambda c: reports.Store.together(c, jobs))
    first, joined, replayed, reused = answers
    assert isinstance(first, reports.Stored) and not first.duplicate
    assert isinstance(joined, reports.Stored) and joined.group == first.group and joined.duplicate
    assert isinstance(replayed, reports.Stored) and replayed.replayed and replayed.id == first.id
    assert isinstance(reused, reports.KeyReused)


def test_a_batch_over_two_sites_tells_each_new_group_to_its_own_sites_channels(
    database: Database,
) -> None:
    def setup(conn: Connection) -> tuple[int, int, int, int]:
        a = sites.create(conn, "A", ["https://a.example"]).id
        b = sites.create(conn, "B", ["https://b.example"]).id
        to_a = channels.create(conn, a, "webhook", {"url": "https://hooks.example/a"})
        to_b = channels.create(conn, b, "webhook", {"url": "https://hooks.example/b"})
        off = channels.create(conn, b, "webhook", {"url": "https://hooks.example/off"})
        conn.execute(schema.channels.update().where(schema.channels.c.id == off)
                     .values(enabled=False))
        return a, b, to_a, to_b

    a, b, to_a, to_b = database.write_sync(setup)

    def sent(host: str, exact: str) -> reports.Report:
        return reports.Report(f"https://{host}/story", exact, "", "", None, None, "", "", "",
                              "")

    # The sites alternate within one batch: each report's site is looked up anew.
    jobs = [reports.Store(a, sent("a.example", "first"), "r1", None),
            reports.Store(b, sent("b.example", "second"), "r1", None),
            reports.Store(a, sent("a.example", "third"), "r1", None)]
    answers = database.write_sync(lambda c: reports.Store.together(c, jobs))
    assert all(isinstance(x, reports.Stored) and not x.duplicate for x in answers)
    o = schema.outbox
    told = database.read_sync(lambda c: c.execute(
        select(o.c.site_id, o.c.channel_id, func.count()).where(o.c.site_id.in_([a, b]))
        .group_by(o.c.site_id, o.c.channel_id)).all())
    assert sorted(tuple(row) for row in told) == sorted([(a, to_a, 2), (b, to_b, 1)])


# --------------------------------------------------------------- two connections at once


def _site(db: Database) -> Site:
    return db.write_sync(lambda c: sites.create(c, "Race", ["https://news.example"]))


def _waiting_on_a_lock(engine: Engine) -> bool:
    with engine.connect() as conn:
        return bool(conn.execute(text(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )).scalar_one())


def _race(pg_database: str, engine: Engine, first: reports.Report, second: reports.Report,
          before: reports.Report | None = None) -> tuple[reports.Stored, reports.Stored]:
    """Store ``first`` in a transaction held open until ``second``, on another
    connection, waits for it; then let both commit."""
    one, two = Database(pg_database), Database(pg_database)
    one.start()
    two.start()
    release = threading.Event()
    results: dict[str, reports.Stored] = {}
    try:
        site = _site(one)
        if before is not None:
            one.write_sync(lambda c: reports.store(c, site.id, before, ip_hash="r0",
                                                   spam_reason=None))

        def held(conn: Connection) -> reports.Stored:
            stored = reports.store(conn, site.id, first, ip_hash="r1", spam_reason=None)
            assert release.wait(30)
            return stored

        def run_one() -> None:
            results["one"] = one.write_sync(held)

        def run_two() -> None:
            results["two"] = two.write_sync(lambda c: reports.store(
                c, site.id, second, ip_hash="r2", spam_reason=None))

        threads = [threading.Thread(target=run_one)]
        threads[0].start()
        while "one" not in results and not _holding(engine):
            time.sleep(0.01)
        threads.append(threading.Thread(target=run_two))
        threads[1].start()
        deadline = time.monotonic() + 30
        while not _waiting_on_a_lock(engine):
            assert time.monotonic() < deadline, "the second report never waited for the first"
            time.sleep(0.01)
        release.set()
        for thread in threads:
            thread.join(30)
    finally:
        release.set()
        one.close()
        two.close()
    return results["one"], results["two"]


def _holding(engine: Engine) -> bool:
    """Whether a transaction of this database has written and not yet committed."""
    with engine.connect() as conn:
        return bool(conn.execute(text(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND state = 'idle in transaction' AND backend_xid IS NOT NULL"
        )).scalar_one())


QUOTE = reports.Report("https://news.example/race", "into to", "drafted ", " the army", 40,
                       47, "into", "", "Race", "en")


@pytest.mark.parametrize("article", ["new", "known"])
def test_two_connections_storing_one_quote_make_one_group(
    pg_database: str, engine: Engine, article: str
) -> None:
    before = QUOTE._replace(exact="elsewhere", start=0, end=9) if article == "known" else None
    wider = QUOTE._replace(exact="into to the", suffix=" army", end=51)
    one, two = _race(pg_database, engine, QUOTE, wider, before)
    assert two.group == one.group
    assert (one.duplicate, two.duplicate) == (False, True)
    with engine.connect() as conn:
        g = schema.report_groups
        count = conn.execute(select(g.c.reporter_count).where(g.c.id == one.group)).scalar_one()
    assert count == 2


def test_two_arrivals_of_one_report_at_once_store_it_once(pg_database: str,
                                                          engine: Engine) -> None:
    sent = QUOTE._replace(client_id="client-id-race-0001")
    one, two = _race(pg_database, engine, sent, sent)
    assert (two.id, two.group, two.replayed) == (one.id, one.group, True)


def test_two_batches_at_once_on_the_same_articles_store_every_report_once(
    pg_database: str, engine: Engine
) -> None:
    """Two writers each store a batch of reports on the same two articles, in opposite
    orders, at the same moment: neither deadlocks (each job runs once, so no batch was
    retried), each overlapping quote makes one group, and every report is stored once."""
    first = QUOTE._replace(url="https://news.example/batch-a")
    second = QUOTE._replace(url="https://news.example/batch-b", exact="the army", prefix="to ",
                            suffix=".", start=48, end=56)
    one, two = Database(pg_database), Database(pg_database)
    one.start()
    two.start()
    try:
        site = _site(one)
        batches = [
            [reports.Store(site.id, report._replace(client_id=f"client-id-batch1-{n:04}"),
                           f"r{n}", None)
             for n, report in enumerate([first, second, first._replace(exact="into to the",
                                         suffix=" army", end=51), second])],
            [reports.Store(site.id, report._replace(client_id=f"client-id-batch2-{n:04}"),
                           f"s{n}", None)
             for n, report in enumerate([second, first, second, first])],
        ]
        start = threading.Barrier(2, timeout=10)
        runs = [0, 0]
        answers: dict[int, list[reports.Stored | reports.KeyReused]] = {}

        def batch(n: int) -> Callable[[Connection], list[reports.Stored | reports.KeyReused]]:
            def job(conn: Connection) -> list[reports.Stored | reports.KeyReused]:
                runs[n] += 1
                start.wait()  # a retried batch would find no one here, and fail
                return reports.Store.together(conn, batches[n])
            return job

        threads = [threading.Thread(target=lambda n=n, db=db: answers.__setitem__(
            n, db.write_sync(batch(n)))) for n, db in enumerate((one, two))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(20)
    finally:
        one.close()
        two.close()
    assert runs == [1, 1]
    stored = [a for n in (0, 1) for a in answers[n]]
    assert all(isinstance(a, reports.Stored) and not a.replayed for a in stored)
    assert len({a.id for a in stored if isinstance(a, reports.Stored)}) == 8
    with engine.connect() as conn:
        g, r = schema.report_groups, schema.reports
        groups = conn.execute(select(g.c.reporter_count).where(g.c.site_id == site.id)).all()
        count = conn.execute(select(func.count()).select_from(r).join(g)
                             .where(g.c.site_id == site.id)).scalar_one()
    assert sorted(row.reporter_count for row in groups) == [4, 4]
    assert count == 8


def test_a_writer_whose_connection_postgresql_ended_stores_the_next_report(
    pg_database: str, engine: Engine
) -> None:
    """The writer's engine does not ping a connection before use: a batch that finds its
    connection gone fails with ``OperationalError`` and is run again on a new one (whose
    session has the ingest function again)."""
    db = Database(pg_database)
    db.start()
    try:
        site = _site(db)
        sent = QUOTE._replace(url="https://news.example/terminated")
        first = db.write_sync(reports.Store(site.id, sent, "r1", None))
        backend = db.write_sync(lambda c: c.execute(text("SELECT pg_backend_pid()")).scalar_one())
        with engine.connect() as conn:
            assert conn.execute(text("SELECT pg_terminate_backend(:pid)"),
                                {"pid": backend}).scalar_one()
        second = db.write_sync(reports.Store(site.id, sent, "r2", None))
        after = db.write_sync(lambda c: c.execute(text("SELECT pg_backend_pid()")).scalar_one())
    finally:
        db.close()
    assert (second.group, second.duplicate) == (first.group, True)
    assert after != backend
