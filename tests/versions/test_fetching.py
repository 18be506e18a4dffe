"""Fetching tracked articles from a local server: versions, 304s, failures and their
reasons, charsets, collapsed extractions; on SQLite and PostgreSQL."""

from __future__ import annotations

import functools
from datetime import UTC, datetime, timedelta

import pytest

from copydesk.proofread.fetch import fetch
from copydesk.storage import schema
from copydesk.versions import store
from copydesk.versions.tracker import COLLAPSE_REPEATS
from tests.network import answer

from .conftest import World
from .server import PARAGRAPHS, article


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def test_versions_are_stored_when_the_text_changes(world: World) -> None:
    straight = [*PARAGRAPHS[:2], PARAGRAPHS[2].replace("six cooling", 'six "cooling'),
                *PARAGRAPHS[3:]]
    world.pages.set("/a", article(straight))
    article_id, _ = world.report("/a")
    tracker = world.tracker()
    first = tracker.fetch_now(article_id)
    assert first is not None and first.result == "new"
    assert tracker.fetch_now(article_id).result == "unchanged"  # type: ignore[union-attr]
    # Typography only: a new version, not an edit.
    curly = [*PARAGRAPHS[:2], PARAGRAPHS[2].replace("six cooling", "six \u201ccooling"),
             *PARAGRAPHS[3:]]
    world.pages.set("/a", article(curly))
    assert tracker.fetch_now(article_id).result == "new"  # type: ignore[union-attr]
    curly[1] = curly[1].replace("into to", "into")
    world.pages.set("/a", article(curly))
    assert tracker.fetch_now(article_id).result == "new"  # type: ignore[union-attr]
    versions = world.rows(schema.article_versions, article_id=article_id)
    assert [v["significant"] for v in versions] == [True, False, True]
    assert versions[0]["headline"] == "Heat warning extended"
    assert versions[0]["byline"] == "Jane Reporter"
    assert "Subscribe now" not in versions[0]["text"]
    (row,) = world.rows(schema.articles, id=article_id)
    assert row["fetch_failures"] == 0 and row["fetch_locked_by"] is None
    assert _aware(row["next_fetch_at"]) > datetime.now(UTC) + timedelta(minutes=5)


def test_a_304_records_not_modified(world: World) -> None:
    world.pages.set("/a", article(), etag='"v1"')
    article_id, _ = world.report("/a")
    tracker = world.tracker()
    assert tracker.fetch_now(article_id).result == "new"  # type: ignore[union-attr]
    outcome = tracker.fetch_now(article_id)
    assert outcome is not None and outcome.result == "not_modified", outcome
    assert world.pages.requests[-1][1].get("If-None-Match") == '"v1"'
    assert len(world.rows(schema.article_versions)) == 1


@pytest.mark.parametrize(
    ("answer_options", "reason", "fetch_options"),
    [
        ({"status": 503}, "http", {}),
        ({"delay": 2.0}, "timeout", {"timeout": 0.5}),
        ({"content_type": "image/png"}, "not_html", {}),
        ({}, "too_large", {"max_bytes": 200}),
        ({"status": 302, "location": "http://elsewhere.example/a"}, "off_origin", {}),
    ],
)
def test_failures_are_recorded_with_their_reason_and_back_off(
    world: World, answer_options: dict[str, object], reason: str,
    fetch_options: dict[str, object],
) -> None:
    world.pages.set("/a", article(), **answer_options)
    article_id, _ = world.report("/a")
    tracker = world.tracker(fetcher=functools.partial(fetch, **fetch_options))
    before = datetime.now(UTC)
    outcome = tracker.fetch_now(article_id)
    assert outcome is not None and outcome.result == "failed" and outcome.reason == reason
    (failure,) = world.rows(schema.fetch_failures, article_id=article_id)
    assert failure["reason"] == reason
    (row,) = world.rows(schema.articles, id=article_id)
    assert row["fetch_failures"] == 1 and row["last_fetch_error"].startswith(reason)
    assert _aware(row["next_fetch_at"]) >= before + timedelta(minutes=5)
    assert world.rows(schema.article_versions) == []
    tracker.fetch_now(article_id)
    (row,) = world.rows(schema.articles, id=article_id)
    assert row["fetch_failures"] == 2
    assert _aware(row["next_fetch_at"]) >= before + timedelta(minutes=10)


def test_private_addresses_are_refused_without_the_setting(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer(monkeypatch, {"intranet.example": ["10.0.0.7"]})
    site_id = world.site.id
    world.db.write_sync(lambda conn: conn.execute(
        schema.sites.update().where(schema.sites.c.id == site_id)
        .values(origins=[world.pages.url, "http://intranet.example"])))
    world.site = type(world.site)(site_id, world.site.key, world.site.name,
                                  (world.pages.url, "http://intranet.example"))
    world.pages.url, base = "http://intranet.example", world.pages.url
    article_id, _ = world.report("/a")
    world.pages.url = base
    tracker = world.tracker()
    tracker.settings = world.settings.replace(allow_private_targets=False)
    outcome = tracker.fetch_now(article_id)
    assert outcome is not None and outcome.reason == "refused"
    assert world.pages.requests == []


@pytest.mark.parametrize(
    ("content_type", "meta"),
    [("text/html", "windows-1251"), ("text/html; charset=x-no-such", "windows-1251"),
     ("text/html", "")],
)
def test_charsets(world: World, content_type: str, meta: str) -> None:
    text = [p + " Сьогодні в місті спекотно, кажуть синоптики." for p in PARAGRAPHS]
    world.pages.set("/a", article(text, charset_meta=meta).encode("cp1251"),
                    content_type=content_type)
    article_id, _ = world.report("/a")
    assert world.tracker().fetch_now(article_id).result == "new"  # type: ignore[union-attr]
    (version,) = world.rows(schema.article_versions)
    assert "Сьогодні в місті спекотно" in version["text"]


def test_a_collapsed_extraction_is_a_failure_until_it_persists(world: World) -> None:
    world.pages.set("/a", article())
    article_id, _ = world.report("/a")
    tracker = world.tracker()
    assert tracker.fetch_now(article_id).result == "new"  # type: ignore[union-attr]
    world.pages.set("/a", article(["Please accept our cookies to read this article today."]))
    for _ in range(COLLAPSE_REPEATS - 1):
        outcome = tracker.fetch_now(article_id)
        assert outcome is not None and outcome.reason == "collapsed"
    assert len(world.rows(schema.article_versions)) == 1
    assert tracker.fetch_now(article_id).result == "new"  # type: ignore[union-attr]


def test_failures_kept_are_bounded(world: World) -> None:
    article_id, _ = world.report("/missing")
    now = datetime.now(UTC)
    for i in range(store.FAILURES_KEPT + 5):
        world.db.write_sync(lambda conn, i=i: store.record_failure(
            conn, article_id, store.Reason.HTTP, f"n{i}", now))
    kept = world.rows(schema.fetch_failures, article_id=article_id)
    assert len(kept) == store.FAILURES_KEPT
    assert kept[-1]["detail"] == f"n{store.FAILURES_KEPT + 4}"
