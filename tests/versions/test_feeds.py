"""A site's feeds: adding them, polling them under leases against a local server, the
articles they create, what is refused, silent edits, and the CLI."""

from __future__ import annotations

import gzip
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import Connection, select, update

from copydesk import sites
from copydesk.app import create_app
from copydesk.cli import main
from copydesk.models import Site
from copydesk.settings import Settings, SettingsError
from copydesk.storage import schema
from copydesk.storage.database import Database
from copydesk.versions import edits, entries, feeds, poller
from copydesk.versions.entries import Kind
from copydesk.versions.poller import FeedPoller, Tuning

from .server import Pages, serve

NOW = datetime(2030, 5, 1, 12, 0, tzinfo=UTC)


def rss(base: str, *items: tuple[str, str, str]) -> str:
    """An RSS 2.0 feed of (link, title, pubDate) items."""
    body = "".join(
        f"<item><title>{title}</title><link>{link if '://' in link else base + link}</link>"
        + (f"<pubDate>{when}</pubDate>" if when else "") + "</item>"
        for link, title, when in items
    )
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>'
            f"<language>en-gb</language>{body}</channel></rss>")


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Local news</title><id>urn:local</id><updated>2030-04-30T10:00:00Z</updated>
  <entry><title>Bridge reopens</title><id>urn:1</id>
    <link rel="alternate" href="/news/bridge"/><updated>2030-04-30T10:00:00Z</updated></entry>
  <entry><title>Comments</title><id>urn:2</id>
    <link rel="alternate" href="{base}/news/library?utm_source=feed#top"/>
    <published>2030-04-29T08:00:00Z</published></entry>
</feed>"""

BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>&lol9;</title><link>{base}/news/bomb</link></item></channel></rss>"""


def urlset(base: str, *paths: tuple[str, str]) -> str:
    body = "".join(f"<url><loc>{base}{path}</loc>" + (f"<lastmod>{when}</lastmod>" if when
                                                      else "") + "</url>"
                   for path, when in paths)
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</urlset>')


def index(*locs: tuple[str, str]) -> str:
    body = "".join(f"<sitemap><loc>{loc}</loc><lastmod>{when}</lastmod></sitemap>"
                   for loc, when in locs)
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}'
            "</sitemapindex>")


@dataclass
class Feeds:
    db: Database
    settings: Settings
    site: Site
    pages: Pages

    def add(self, path: str, kind: Kind = Kind.RSS, now: datetime = NOW) -> feeds.Feed:
        url = self.pages.url + path
        return self.db.write_sync(lambda conn: feeds.add(conn, self.site, url, kind, now))

    def poll(self, *, now: datetime = NOW, worker: str = "w1",
             tuning: Tuning | None = None) -> list[poller.Result]:
        """Claim every due feed at ``now`` and poll it, as the poller's step does."""
        tuning = tuning or Tuning()
        claimed = self.db.write_sync(lambda conn: feeds.claim(conn, worker=worker, now=now,
                                                              limit=10))
        results = []
        for feed in claimed:
            fetched = poller.fetch_feed(feed, allow_private=True, tuning=tuning)
            results.append(self.db.write_sync(lambda conn, feed=feed, fetched=fetched:
                poller.store(conn, feed, fetched, worker=worker, now=now,
                             settings=self.settings, tuning=tuning)))
        return results

    def articles(self) -> list[dict[str, Any]]:
        a = schema.articles
        return self.db.read_sync(lambda conn: [
            dict(r) for r in conn.execute(select(a).order_by(a.c.id)).mappings()])

    def feed(self, feed_id: int) -> dict[str, Any]:
        f = schema.site_feeds
        return self.db.read_sync(lambda conn: dict(
            conn.execute(select(f).where(f.c.id == feed_id)).mappings().one()))


@pytest.fixture
def pages() -> Iterator[Pages]:
    with serve() as served:
        yield served


@pytest.fixture
def world(settings: Settings, pages: Pages) -> Iterator[Feeds]:
    settings = settings.replace(allow_private_targets=True)
    db = Database(settings.database_url)
    db.start()
    site = db.write_sync(lambda conn: sites.create(conn, "Local", [pages.url], key="local"))
    yield Feeds(db, settings, site, pages)
    db.close()


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


# --- adding, listing, removing ---------------------------------------------------------

def test_a_feed_must_be_on_the_sites_origins_and_is_stored_once(world: Feeds) -> None:
    feed = world.add("/feed.xml?b=2&a=1&utm_source=x")
    assert feed.url == world.pages.url + "/feed.xml?a=1&b=2"
    assert feed.kind == "rss" and _aware(feed.next_fetch_at or NOW) == NOW
    with pytest.raises(feeds.FeedError, match="already"):
        world.add("/feed.xml?a=1&b=2")
    with pytest.raises(feeds.FeedError, match="not on the site's origins"):
        world.db.write_sync(lambda conn: feeds.add(
            conn, world.site, "http://localhost:1/feed.xml", Kind.RSS, NOW))
    with pytest.raises(feeds.FeedError, match="not an http"):
        world.db.write_sync(lambda conn: feeds.add(conn, world.site, "file:///etc/passwd",
                                                   Kind.RSS, NOW))
    other = world.db.write_sync(lambda conn: sites.create(conn, "Other", ["https://o.example"]))
    world.db.write_sync(lambda conn: feeds.add(conn, other, "https://o.example/rss",
                                               Kind.RSS, NOW))
    assert [f.url for f in world.db.read_sync(
        lambda conn: feeds.list_feeds(conn, world.site.id))] == [feed.url]
    assert len(world.db.read_sync(feeds.list_feeds)) == 2
    assert world.db.write_sync(lambda conn: feeds.remove(conn, feed.id))
    assert not world.db.write_sync(lambda conn: feeds.remove(conn, feed.id))


# --- polling -----------------------------------------------------------------------------

def test_rss_entries_become_articles_due_for_fetching(world: Feeds) -> None:
    base = world.pages.url
    world.pages.set("/feed.xml", rss(base, ("/news/heat", "Heat warning",
                                            "Tue, 30 Apr 2030 09:00:00 GMT"),
                                     ("/news/heat/", "Heat warning again", ""),
                                     ("http://localhost:9/news/elsewhere", "Off", "")),
                    content_type="application/rss+xml", etag='"v1"')
    feed = world.add("/feed.xml")
    [result] = world.poll()
    assert result.error is None and result.off_origin == 1 and result.found == 1
    assert result.created == (base + "/news/heat",)
    [article] = world.articles()
    assert article["url"] == base + "/news/heat"
    assert article["tracked_from"] == "feed"
    assert _aware(article["next_fetch_at"]) == NOW
    assert article["site_id"] == world.site.id
    assert (article["title"], article["lang"]) == ("Heat warning", "en-gb")
    row = world.feed(feed.id)
    assert row["etag"] == '"v1"' and row["locked_by"] is None and row["failures"] == 0
    assert _aware(row["next_fetch_at"]) == NOW + timedelta(seconds=world.settings.feeds_interval)


def test_unchanged_feed_answers_304_and_a_changed_one_adds_only_new_links(
        world: Feeds) -> None:
    base = world.pages.url
    world.pages.set("/feed.xml", rss(base, ("/news/one", "One", "")), etag='"v1"')
    world.add("/feed.xml")
    world.poll()
    later = NOW + timedelta(hours=1)
    [unchanged] = world.poll(now=later)
    assert unchanged.not_modified and unchanged.created == ()
    assert world.pages.requests[-1][1].get("If-None-Match") == '"v1"'
    world.pages.set("/feed.xml", rss(base, ("/news/two", "Two", ""), ("/news/one", "One", "")),
                    etag='"v2"')
    [changed] = world.poll(now=later + timedelta(hours=1))
    assert changed.created == (base + "/news/two",) and changed.found == 2
    assert [a["url"] for a in world.articles()] == [base + "/news/one", base + "/news/two"]


def test_an_existing_reported_article_is_left_as_it_is(world: Feeds) -> None:
    base = world.pages.url
    a = schema.articles
    world.db.write_sync(lambda conn: conn.execute(a.insert().values(
        site_id=world.site.id, url=base + "/news/one", title="Reported", created_at=NOW,
        updated_at=NOW)))
    world.pages.set("/feed.xml", rss(base, ("/news/one", "One", "")))
    world.add("/feed.xml")
    [result] = world.poll()
    assert result.created == () and result.found == 1
    [article] = world.articles()
    assert (article["tracked_from"], article["title"], article["next_fetch_at"]) == (
        "report", "Reported", None)


def test_atom_links_are_resolved_and_normalised(world: Feeds) -> None:
    base = world.pages.url
    world.pages.set("/atom.xml", ATOM.replace("{base}", base),
                    content_type="application/atom+xml")
    feed = world.add("/atom.xml", Kind.RSS)  # the content says what it is
    [result] = world.poll()
    assert set(result.created) == {base + "/news/bridge", base + "/news/library"}
    assert world.feed(feed.id)["kind"] == "atom"
    assert {a["title"] for a in world.articles()} == {"Bridge reopens", "Comments"}


def test_sitemap_urls_newest_first_within_the_cap_and_age(world: Feeds) -> None:
    world.pages.set("/sitemap.xml", urlset(world.pages.url, ("/a", "2030-04-10"),
                                           ("/b", "2030-04-30T10:00:00+02:00"),
                                           ("/c", "2030-04-29"), ("/old", "2029-01-01"),
                                           ("/undated", "")),
                    content_type="application/xml")
    world.add("/sitemap.xml", Kind.SITEMAP)
    [result] = world.poll(tuning=Tuning(max_links=3))
    base = world.pages.url
    assert result.created == (base + "/b", base + "/c", base + "/a")


def test_gzipped_sitemap_is_read_and_a_gzip_bomb_is_refused(world: Feeds) -> None:
    world.pages.set("/sitemap.xml.gz", gzip.compress(urlset(world.pages.url,
                                                            ("/z", "")).encode()),
                    content_type="application/gzip")
    world.add("/sitemap.xml.gz", Kind.SITEMAP)
    [result] = world.poll()
    assert result.created == (world.pages.url + "/z",)
    with pytest.raises(entries.FormatError) as caught:
        entries.parse(gzip.compress(b"<urlset>" + b" " * 200_000 + b"</urlset>"),
                      base="http://x/", max_bytes=100_000, max_entries=10)
    assert caught.value.reason == "too_large"


def test_sitemap_index_is_followed_one_level_with_a_cap(world: Feeds) -> None:
    base = world.pages.url
    world.pages.set("/index.xml", index(
        (base + "/s-old.xml", "2030-01-01"), (base + "/s-new.xml", "2030-04-30"),
        (base + "/s-mid.xml", "2030-03-01"), ("http://localhost:9/s.xml", "2030-05-01"),
        (base + "/s-nested.xml", "2030-04-15")))
    world.pages.set("/s-new.xml", urlset(base, ("/new", "")))
    world.pages.set("/s-mid.xml", urlset(base, ("/mid", "")))
    world.pages.set("/s-old.xml", urlset(base, ("/old", "")))
    world.pages.set("/s-nested.xml", index((base + "/s-old.xml", "2030-01-01")))
    feed = world.add("/index.xml", Kind.SITEMAP)
    [result] = world.poll(tuning=Tuning(max_sitemaps=4))
    assert set(result.created) == {base + "/new", base + "/mid"}
    assert any("localhost:9" in p and "origins" in p for p in result.problems)
    fetched = [path for path, _ in world.pages.requests]
    assert "/s-old.xml" not in fetched  # beyond the cap, and not reached through the nest
    assert world.feed(feed.id)["etag"] is None


@pytest.mark.parametrize(("answer", "reason"), [
    ({"html": "oops", "status": 500}, "http"),
    ({"html": "<rss><channel><item><link>x</link></channel></rss>"}, "malformed"),
    ({"html": "<html><body>not a feed</body></html>"}, "unknown"),
    ({"html": "x" * 5000}, "too_large"),
])
def test_failures_are_recorded_and_backed_off(world: Feeds, answer: dict[str, Any],
                                              reason: str) -> None:
    world.pages.set("/feed.xml", **answer)
    feed = world.add("/feed.xml")
    tuning = Tuning(max_bytes=4000)
    [first] = world.poll(tuning=tuning)
    assert first.error is not None and first.error.startswith(reason + ":")
    row = world.feed(feed.id)
    interval = timedelta(seconds=world.settings.feeds_interval)
    assert row["last_error"] == first.error and row["failures"] == 1
    assert _aware(row["next_fetch_at"]) == NOW + 2 * interval
    assert world.poll(now=NOW + interval, tuning=tuning) == []  # not due yet
    world.poll(now=NOW + 2 * interval, tuning=tuning)
    assert world.feed(feed.id)["failures"] == 2
    assert _aware(world.feed(feed.id)["next_fetch_at"]) == NOW + 6 * interval
    world.pages.set("/feed.xml", rss(world.pages.url, ("/news/ok", "Ok", "")))
    [fixed] = world.poll(now=NOW + 6 * interval, tuning=tuning)
    assert fixed.error is None and fixed.created
    row = world.feed(feed.id)
    assert row["failures"] == 0 and row["last_error"] is None
    assert world.articles()[0]["url"] == world.pages.url + "/news/ok"


def test_backoff_is_capped() -> None:
    interval = timedelta(minutes=15)
    assert feeds.next_poll(NOW, interval, 30) == NOW + feeds.BACKOFF_MOST


def test_an_xml_bomb_is_refused_without_expanding_it(world: Feeds) -> None:
    world.pages.set("/feed.xml", BOMB.replace("{base}", world.pages.url))
    feed = world.add("/feed.xml")
    [result] = world.poll()
    assert result.error is not None and result.error.startswith("unsafe:")
    assert world.articles() == []
    assert world.feed(feed.id)["failures"] == 1


def test_external_entities_are_refused() -> None:
    body = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b"<rss><channel><title>&x;</title></channel></rss>")
    with pytest.raises(entries.FormatError) as caught:
        entries.detect(body, max_bytes=10_000)
    assert caught.value.reason == "unsafe"


def test_redirect_off_the_sites_origins_is_refused(world: Feeds) -> None:
    port = world.pages.url.rsplit(":", 1)[1]
    world.pages.set("/feed.xml", status=302, location=f"http://localhost:{port}/feed2.xml")
    world.add("/feed.xml")
    [result] = world.poll()
    assert result.error is not None and result.error.startswith("off_origin:")


def test_private_addresses_are_refused_without_allow_private(world: Feeds) -> None:
    world.pages.set("/feed.xml", rss(world.pages.url, ("/news/one", "One", "")))
    world.add("/feed.xml")
    [feed] = world.db.write_sync(lambda conn: feeds.claim(conn, worker="w", now=NOW))
    fetched = poller.fetch_feed(feed, allow_private=False, tuning=Tuning())
    assert fetched.error is not None and fetched.error.startswith("refused:")


# --- leases ------------------------------------------------------------------------------

def test_two_pollers_never_hold_one_feed_and_an_expired_lease_is_claimed_again(
        world: Feeds) -> None:
    world.pages.set("/feed.xml", rss(world.pages.url, ("/news/one", "One", "")))
    world.add("/feed.xml")

    def claim(worker: str, now: datetime) -> list[feeds.Claimed]:
        return world.db.write_sync(lambda conn: feeds.claim(conn, worker=worker, now=now))

    [held] = claim("a", NOW)
    assert claim("b", NOW + timedelta(minutes=1)) == []
    assert world.db.read_sync(lambda conn: feeds.any_due(conn, NOW + timedelta(minutes=1))) \
        is False
    late = NOW + feeds.LEASE + timedelta(seconds=1)
    [again] = claim("b", late)
    assert again.id == held.id
    fetched = poller.fetch_feed(held, allow_private=True, tuning=Tuning())
    lost = world.db.write_sync(lambda conn: poller.store(
        conn, held, fetched, worker="a", now=late, settings=world.settings, tuning=Tuning()))
    assert lost.lost and world.articles() == []
    kept = world.db.write_sync(lambda conn: poller.store(
        conn, again, fetched, worker="b", now=late, settings=world.settings, tuning=Tuning()))
    assert not kept.lost and len(kept.created) == 1
    assert world.feed(held.id)["locked_by"] is None


def test_concurrent_claims_share_out_the_feeds(world: Feeds) -> None:
    f = schema.site_feeds
    world.db.write_sync(lambda conn: conn.execute(f.insert(), [
        {"site_id": world.site.id, "url": f"{world.pages.url}/f{i}", "kind": "rss",
         "next_fetch_at": NOW, "created_at": NOW} for i in range(40)]))
    others = [Database(world.settings.database_url) for _ in range(3)]
    got: dict[str, list[int]] = {}
    barrier = threading.Barrier(len(others))

    def run(name: str, db: Database) -> None:
        barrier.wait()
        mine: list[int] = []
        while True:
            batch = db.write_sync(lambda conn: feeds.claim(conn, worker=name, now=NOW,
                                                           limit=3))
            if not batch:
                break
            mine.extend(c.id for c in batch)
        got[name] = mine

    threads = [threading.Thread(target=run, args=(f"p{i}", db)) for i, db in enumerate(others)]
    for db in others:
        db.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for db in others:
        db.close()
    claimed = [feed_id for ids in got.values() for feed_id in ids]
    assert len(claimed) == len(set(claimed)) == 40


async def test_the_service_polls_due_feeds(world: Feeds) -> None:
    world.pages.set("/feed.xml", rss(world.pages.url, ("/news/one", "One", "")))
    now = datetime.now(UTC)
    world.add("/feed.xml", now=now)
    service = FeedPoller(world.settings, world.db)
    [result] = await service.step()
    assert result.created == (world.pages.url + "/news/one",)
    assert await service.step() == []


def test_the_app_runs_the_poller_unless_the_interval_is_zero(settings: Settings) -> None:
    def kinds(app: Any) -> list[str]:
        names = [type(s).__name__ for s in app.state.ctx.services]
        app.state.ctx.db.close()
        return names

    assert "FeedPoller" in kinds(create_app(settings))
    assert "FeedPoller" not in kinds(create_app(settings.replace(feeds_interval=0)))
    with pytest.raises(SettingsError, match="feeds_interval"):
        Settings(feeds_interval=30).validate()


# --- silent edits ------------------------------------------------------------------------

def _version(conn: Connection, article_id: int, text: str, at: datetime, *,
             significant: bool = True, headline: str = "Heat") -> int:
    v = schema.article_versions
    return int(conn.execute(v.insert().values(
        article_id=article_id, content_hash=str(hash(text)), text=text, fetched_at=at,
        headline=headline, significant=significant).returning(v.c.id)).scalar_one())


def _article(conn: Connection, site_id: int, url: str) -> int:
    a = schema.articles
    return int(conn.execute(a.insert().values(
        site_id=site_id, url=url, title="Heat", created_at=NOW, updated_at=NOW,
        tracked_from="feed").returning(a.c.id)).scalar_one())


def test_silent_edits_are_significant_changes_after_a_first_version(world: Feeds) -> None:
    other = world.db.write_sync(lambda conn: sites.create(conn, "Other", ["https://o.example"]))

    def setup(conn: Connection) -> dict[str, int]:
        one = _article(conn, world.site.id, "https://x/one")
        two = _article(conn, world.site.id, "https://x/two")
        elsewhere = _article(conn, other.id, "https://o.example/three")
        ids = {
            "first": _version(conn, one, "The mayor said nine people died.", NOW),
            "edit": _version(conn, one, "The mayor said eleven people died on Monday.",
                             NOW + timedelta(hours=1)),
            "typo": _version(conn, one, "The mayor said eleven people died on Monday. ",
                             NOW + timedelta(hours=2), significant=False),
            "alone": _version(conn, two, "Only one version.", NOW),
            "other1": _version(conn, elsewhere, "A.", NOW),
            "other2": _version(conn, elsewhere, "B.", NOW + timedelta(hours=1)),
            "headline": _version(conn, two, "Only one version.", NOW + timedelta(hours=3),
                                 headline="Heat: a correction"),
        }
        conn.execute(update(schema.article_versions)
                     .where(schema.article_versions.c.id == ids["first"])
                     .values(significant=True))
        return ids

    ids = world.db.write_sync(setup)
    found = world.db.read_sync(lambda conn: edits.silent_edits(conn, world.site.id))
    assert [(e.version_id, e.previous_id) for e in found] == [
        (ids["headline"], ids["alone"]), (ids["edit"], ids["first"])]
    headline, edit = found
    assert headline.headline_changed and (headline.added, headline.removed) == (0, 0)
    assert edit.url == "https://x/one" and edit.title == "Heat"
    assert (edit.added, edit.removed) == (4, 2)  # "died." became "died on Monday."
    assert edit.summary == "+4 -2 words"
    assert edit.excerpt.startswith("[-nine-]{+eleven+}")
    assert _aware(edit.at) == NOW + timedelta(hours=1)
    since = world.db.read_sync(lambda conn: edits.silent_edits(
        conn, world.site.id, since=NOW + timedelta(hours=2)))
    assert [e.version_id for e in since] == [ids["headline"]]
    assert len(world.db.read_sync(lambda conn: edits.silent_edits(
        conn, world.site.id, limit=1))) == 1


# --- the command line --------------------------------------------------------------------

@pytest.fixture
def runner(world: Feeds, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("COPYDESK_DATABASE_URL", world.settings.database_url)
    monkeypatch.setenv("COPYDESK_SECRET_KEY", "cli-secret")
    monkeypatch.setenv("COPYDESK_ALLOW_PRIVATE_TARGETS", "true")
    return CliRunner()


def test_cli_feeds_add_list_poll_remove(world: Feeds, runner: CliRunner) -> None:
    base = world.pages.url
    world.pages.set("/feed.xml", rss(base, ("/news/one", "One", "")))
    world.pages.set("/sitemap.xml", urlset(base, ("/news/two", "")))
    added = runner.invoke(main, ["feeds", "add", "local", base + "/feed.xml"])
    assert added.exit_code == 0, added.output
    assert added.output.startswith("feed 1 added: rss ")
    sitemap = runner.invoke(main, ["feeds", "add", "local", base + "/sitemap.xml"])
    assert "sitemap" in sitemap.output, sitemap.output
    given = runner.invoke(main, ["feeds", "add", "local", base + "/later.xml", "--kind",
                                 "atom"])
    assert given.exit_code == 0 and "atom" in given.output
    missing = runner.invoke(main, ["feeds", "add", "local", base + "/missing.xml"])
    assert missing.exit_code == 1 and "give --kind" in missing.output
    off = runner.invoke(main, ["feeds", "add", "local", "https://elsewhere.example/rss"])
    assert off.exit_code == 1 and "not on the site's origins" in off.output
    nosite = runner.invoke(main, ["feeds", "list", "nope"])
    assert nosite.exit_code == 1 and "no site" in nosite.output
    polled = runner.invoke(main, ["feeds", "poll"])
    assert polled.exit_code == 0, polled.output
    assert f"  new: {base}/news/one" in polled.output
    assert f"  new: {base}/news/two" in polled.output
    assert "failed: http:" in polled.output  # later.xml is not there yet
    assert runner.invoke(main, ["feeds", "poll"]).output.strip() == "no feed is due"
    listed = runner.invoke(main, ["feeds", "list", "local"]).output.splitlines()
    assert len(listed) == 3 and listed[0].split("\t")[4] == "ok"
    assert "failing (1)" in listed[2]
    assert runner.invoke(main, ["feeds", "remove", "1"]).output.strip() == "feed 1 removed"
    assert runner.invoke(main, ["feeds", "remove", "1"]).exit_code == 1
    assert len(runner.invoke(main, ["feeds", "list"]).output.splitlines()) == 2


def test_cli_articles_silent_edits(world: Feeds, runner: CliRunner) -> None:
    def setup(conn: Connection) -> None:
        one = _article(conn, world.site.id, "https://x/one")
        _version(conn, one, "Nine people died.", NOW)
        _version(conn, one, "Eleven people died.", NOW + timedelta(hours=1))

    world.db.write_sync(setup)
    result = runner.invoke(main, ["articles", "silent-edits", "local"])
    assert result.exit_code == 0, result.output
    first, excerpt = result.output.splitlines()
    assert first.split("\t")[2:] == ["1->2", "+1 -1 words", "https://x/one"]
    assert excerpt.strip() == "[-Nine-]{+Eleven+}"
    as_json = json.loads(runner.invoke(main, ["articles", "silent-edits", "local",
                                              "--json"]).output)
    assert as_json[0]["version_id"] == 2 and as_json[0]["added"] == 1
    later = runner.invoke(main, ["articles", "silent-edits", "local", "--since",
                                 "2030-05-01 14:00:00"])
    assert later.exit_code == 0 and later.output == ""
