"""Three copydesk nodes as separate hosts behind HAProxy, sharing one PostgreSQL and one
Redis (see ``harness.py`` for the layout).

What several nodes must keep of one: every report stored whichever node took it; one
rate limit; one login; each notification once per channel; each scheduled fetch once;
and a node killed mid-load loses nothing it acknowledged, while the others serve on.

Needs root, ``ip netns``, HAProxy, Redis and PostgreSQL's server binaries: skipped with
the reason otherwise, failed instead with ``CI=true``.
"""

from __future__ import annotations

import base64
import re
import secrets
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import orjson
import pytest
from sqlalchemy import func, select

from copydesk import accounts, sites
from copydesk.models import Role, Site
from copydesk.notify import channels
from copydesk.storage import schema
from copydesk.storage.database import Database
from tests.cluster import harness
from tests.conftest import unavailable

pytestmark = [pytest.mark.cluster, pytest.mark.slow]

BLOCK_LIMIT = 20  # COPYDESK_RATE_LIMIT_BLOCK of the nodes
PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[harness.Cluster]:
    why = harness.missing()
    if why:
        unavailable("a cluster", why)
    with harness.cluster(
        3, tmp_path_factory.mktemp("cluster"), page_delay=1.0,
        rate_limit_block=str(BLOCK_LIMIT), rate_limit_network="100000",
        rate_limit_site="100000",
    ) as running:
        yield running


@pytest.fixture(scope="module")
def db(cluster: harness.Cluster) -> Iterator[Database]:
    database = Database(cluster.db_url)
    yield database
    database.close()


def new_site(db: Database, cluster: harness.Cluster, key: str) -> Site:
    return db.write_sync(
        lambda conn: sites.create(conn, key, [cluster.pages.origin], key=key))


def send(cluster: harness.Cluster, site: Site, source: str, path: str, exact: str
         ) -> httpx.Response:
    origin = cluster.pages.origin
    with harness.reader(source) as client:
        return harness.post(client, cluster.front, origin,
                            harness.report(site.key, origin, path, exact))


def stored_ids(db: Database, ids: list[int]) -> set[int]:
    r = schema.reports
    return db.read_sync(lambda conn: set(conn.execute(
        select(r.c.id).where(r.c.id.in_(ids))).scalars()))


def test_reports_to_any_node_are_stored_and_every_node_serves(
        cluster: harness.Cluster, db: Database) -> None:
    site = new_site(db, cluster, "spread")
    before = [n.metric("copydesk_reports_accepted_total") for n in cluster.nodes]
    responses = [send(cluster, site, f"127.30.{i}.1", f"/spread/{i % 3}", f"word {i}")
                 for i in range(30)]
    assert [r.status_code for r in responses] == [201] * 30
    ids = [int(r.json()["id"]) for r in responses]
    assert stored_ids(db, ids) == set(ids)
    assert set(harness.served_by(responses)) == {"n1", "n2", "n3"}
    # Each node's own count agrees: every node stored some of them.
    after = [n.metric("copydesk_reports_accepted_total") for n in cluster.nodes]
    assert all(b > a for a, b in zip(before, after, strict=True))
    assert sum(after) - sum(before) == 30


def test_one_block_limit_across_the_nodes(cluster: harness.Cluster, db: Database) -> None:
    assert [n.metric("copydesk_ratelimit_shared") for n in cluster.nodes] == [1, 1, 1]
    site = new_site(db, cluster, "limited")
    # One /24 (127.40.7.0/24), three times its limit, spread round robin over the nodes.
    with harness.reader("127.40.7.9") as client:
        origin = cluster.pages.origin
        responses = [harness.post(client, cluster.front, origin,
                                  harness.report(site.key, origin, "/limited", f"w {i}"))
                     for i in range(3 * BLOCK_LIMIT)]
    statuses = Counter(r.status_code for r in responses)
    assert statuses == {201: BLOCK_LIMIT, 429: 2 * BLOCK_LIMIT}
    # Every node took part, and every node refused some: not a limit per node.
    refused_by = harness.served_by([r for r in responses if r.status_code == 429])
    assert set(refused_by) == {"n1", "n2", "n3"}
    assert all(r.json()["error"]["code"] for r in responses if r.status_code == 429)
    r = schema.reports
    count = db.read_sync(lambda conn: conn.execute(
        select(func.count()).select_from(r).where(r.c.site_id == site.id)).scalar())
    assert count == BLOCK_LIMIT


def _csrf(html: str) -> str:
    found = re.search(r'data-csrf="([^"]+)"', html)
    assert found, html[:300]
    return found.group(1)


def test_a_login_on_one_node_works_on_the_others(
        cluster: harness.Cluster, db: Database) -> None:
    site = new_site(db, cluster, "desk")
    accounts.add_user(db, "editor@cluster.example", PASSWORD, Role.ADMIN)
    group = send(cluster, site, "127.50.0.1", "/desk", "into to").json()["group"]
    n1, n2, n3 = cluster.nodes
    with httpx.Client(base_url=n1.url, timeout=10) as one:
        one.get("/login")
        answer = one.post("/login", data={
            "email": "editor@cluster.example", "password": PASSWORD, "next": "/",
            "csrf_token": one.cookies.get("copydesk_login_csrf")})
        assert answer.status_code == 303, answer.text
        session = {k: v for k, v in one.cookies.items() if k != "copydesk_login_csrf"}
    assert session
    with httpx.Client(base_url=n2.url, timeout=10) as anon:
        assert anon.get("/", follow_redirects=False).status_code in (302, 303)
    with httpx.Client(base_url=n2.url, cookies=session, timeout=10) as two:
        page = two.get("/", follow_redirects=False)
        assert page.status_code == 200
        assert "editor@cluster.example" in page.text
        token = _csrf(page.text)
    with httpx.Client(base_url=n3.url, cookies=session, timeout=10) as three:
        changed = three.post(f"/groups/{group}/status", data={
            "status": "accepted", "csrf_token": token}, follow_redirects=False)
        assert changed.status_code == 303, changed.text
    g = schema.report_groups
    status = db.read_sync(lambda conn: conn.execute(
        select(g.c.status).where(g.c.id == group)).scalar())
    assert status == "accepted"


def _wait(condition: Any, what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


def test_each_notification_once_per_channel(cluster: harness.Cluster, db: Database) -> None:
    site = new_site(db, cluster, "hooks")
    base = cluster.hooks.origin

    def add(path: str) -> int:
        # A Standard Webhooks secret, made here: the test needs no signing code.
        secret = "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()
        config = {"url": base + path, "secret": secret}
        return db.write_sync(lambda conn: channels.create(conn, site.id, "webhook", config))

    ids = [add("/a"), add("/b")]
    # 12 new groups at once, through every node: each report.created is claimed by some
    # node's dispatcher; all three dispatchers poll the same outbox.
    with ThreadPoolExecutor(6) as pool:
        responses = list(pool.map(lambda i: send(cluster, site, f"127.60.{i}.1",
                                                 f"/hooks/{i}", "into to"), range(12)))
    assert [r.status_code for r in responses] == [201] * 12
    groups = {int(r.json()["group"]) for r in responses}
    assert len(groups) == 12
    o = schema.outbox

    def rows() -> list[Any]:
        return db.read_sync(lambda conn: list(conn.execute(
            select(o.c.channel_id, o.c.idempotency_key, o.c.status)
            .where(o.c.site_id == site.id, o.c.event_type == "report.created"))))

    _wait(lambda: len(rows()) == 24 and all(x.status == "delivered" for x in rows()),
          "24 deliveries")
    time.sleep(2)  # a second delivery, if any, would have come by now
    hits = [h for h in cluster.hooks.received("POST") if h.path in ("/a", "/b")]
    keys = Counter((h.path, h.headers["webhook-id"]) for h in hits)
    assert max(keys.values()) == 1
    by_channel = {cid: {x.idempotency_key for x in rows() if x.channel_id == cid}
                  for cid in ids}
    for cid, path in zip(ids, ("/a", "/b"), strict=True):
        assert {k for p, k in keys if p == path} == by_channel[cid]
        delivered = [orjson.loads(h.body) for h in hits if h.path == path]
        assert sorted(int(b["data"]["group"]["id"]) for b in delivered) == sorted(groups)
    senders = Counter(h.client for h in hits)
    assert set(senders) <= set(cluster.network.addresses)


def test_an_article_reported_through_every_node_is_fetched_once(
        cluster: harness.Cluster, db: Database) -> None:
    site = new_site(db, cluster, "fetched")
    path = "/fetched/story"
    # 24 readers at once, through all three nodes; the page answers in 1 s, so a fetch
    # is in flight while the other nodes' trackers schedule and look for due articles.
    with ThreadPoolExecutor(8) as pool:
        responses = list(pool.map(lambda i: send(cluster, site, f"127.70.{i}.1", path,
                                                 f"word {i}"), range(24)))
    assert [r.status_code for r in responses] == [201] * 24
    assert set(harness.served_by(responses)) == {"n1", "n2", "n3"}
    a = schema.articles

    def article() -> Any:
        return db.read_sync(lambda conn: conn.execute(
            select(a.c.id, a.c.fetched_at, a.c.next_fetch_at, a.c.fetch_locked_by)
            .where(a.c.site_id == site.id)).one())

    _wait(lambda: article().fetched_at is not None, "the fetch")
    # Every node's tracker wakes on its reports, and polls every 5 s when idle.
    time.sleep(6)
    fetches = [h for h in cluster.pages.received("GET") if h.path == path]
    assert len(fetches) == 1
    row = article()
    assert row.fetch_locked_by is None
    next_at = row.next_fetch_at if row.next_fetch_at.tzinfo else row.next_fetch_at.replace(
        tzinfo=UTC)
    assert next_at > datetime.now(UTC) + timedelta(minutes=5)  # the schedule's next: 10 min
    v = schema.article_versions
    versions = db.read_sync(lambda conn: conn.execute(
        select(func.count()).select_from(v).where(v.c.article_id == row.id)).scalar())
    assert versions == 1


class Load:
    """Readers sending reports through the front from threads, each request from an
    address of its own /24 (127.T.N.1), until stopped; keeps every answer."""

    def __init__(self, cluster: harness.Cluster, site: Site, threads: int = 4) -> None:
        self.cluster, self.site = cluster, site
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.answers: list[tuple[float, int, str, int | None]] = []  # when, status, node, id
        self.errors: list[str] = []
        self.threads = [threading.Thread(target=self._run, args=(t,)) for t in range(threads)]

    def _run(self, t: int) -> None:
        n = 0
        while not self.stopping.is_set():
            n += 1
            try:
                r = send(self.cluster, self.site, f"127.{100 + t}.{n % 250}.{1 + n // 250}",
                         f"/load/{n % 5}", f"word {t} {n}")
            except httpx.HTTPError as exc:
                with self.lock:
                    self.errors.append(type(exc).__name__)
                continue
            ident = int(r.json()["id"]) if r.status_code == 201 else None
            with self.lock:
                self.answers.append((time.monotonic(), r.status_code,
                                     r.headers.get("x-copydesk-node", "?"), ident))

    def __enter__(self) -> Load:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(60)

    def since(self, when: float) -> list[tuple[float, int, str, int | None]]:
        with self.lock:
            return [a for a in self.answers if a[0] >= when]

    def wait_for(self, count: int, when: float, node: str | None = None) -> None:
        _wait(lambda: sum(1 for a in self.since(when) if a[1] == 201
                          and (node is None or a[2] == node)) >= count,
              f"{count} reports served by {node or 'any node'}")


def test_a_node_killed_mid_load_loses_nothing_and_rejoins(
        cluster: harness.Cluster, db: Database) -> None:
    site = new_site(db, cluster, "killed")
    n2 = cluster.nodes[1]
    with Load(cluster, site) as load:
        start = time.monotonic()
        load.wait_for(60, start)
        assert {a[2] for a in load.since(start) if a[1] == 201} == {"n1", "n2", "n3"}
        killed = time.monotonic()
        n2.kill()
        cluster.front.wait_state({"n2": "DOWN", "n1": "UP", "n3": "UP"})
        down = time.monotonic()
        load.wait_for(60, down)  # the others serve on
        assert {a[2] for a in load.since(down) if a[1] == 201} <= {"n1", "n3"}
        n2.start()
        n2.wait_ready()
        cluster.front.wait_state({"n2": "UP"})
        back = time.monotonic()
        load.wait_for(10, back, node="n2")  # it serves again
    answers = load.since(start)
    acknowledged = [a[3] for a in answers if a[1] == 201 and a[3] is not None]
    assert stored_ids(db, acknowledged) == set(acknowledged)
    # Refusals only while the killed node's connections broke: 502/503 from the front,
    # never a 201 that was not stored; nothing refused before the kill.
    assert {a[1] for a in answers} <= {201, 502, 503, 504}
    assert [a for a in answers if a[0] < killed and a[1] != 201] == []
    print(f"\nkill test: {len(acknowledged)} acknowledged, all stored; "
          f"{sum(1 for a in answers if a[1] != 201)} refused by the front, "
          f"{len(load.errors)} connection errors; served by "
          f"{dict(sorted(Counter(a[2] for a in answers if a[1] == 201).items()))}")
    assert n2.metric("copydesk_reports_accepted_total") >= 10

