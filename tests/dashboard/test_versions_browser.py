"""Article versions in Debian's chromium: confirming a detected fix with `c`, n/p through
a diff's changes, hostile page text in a diff.  SQLite only, like test_browser.py."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Connection, select

from copydesk.storage import schema
from tests.browser import chromium
from tests.dashboard.test_browser import PWN, Desk, desk, log_in, page  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser


@pytest.fixture
def db_url(sqlite_url: str) -> str:
    return sqlite_url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


def _versions(on: Desk, gid: int, texts: list[str]) -> tuple[int, list[int]]:
    """Versions of the group's article; the group re-anchored as fixed in the last."""
    t0 = datetime.now(UTC) - timedelta(hours=1)

    def run(conn: Connection) -> tuple[int, list[int]]:
        g, v = schema.report_groups, schema.article_versions
        article = int(conn.execute(select(g.c.article_id).where(g.c.id == gid)).scalar_one())
        ids = [int(conn.execute(v.insert().values(
            article_id=article, content_hash=str(i), title="", text=text,
            fetched_at=t0 + timedelta(minutes=i), headline="Headline", byline="",
            significant=True, extractor="trafilatura").returning(v.c.id)).scalar_one())
            for i, text in enumerate(texts)]
        conn.execute(g.update().where(g.c.id == gid).values(
            anchor_state="fixed", anchor_version_id=ids[-1], anchored_at=t0))
        return article, ids

    return on.write(run)  # type: ignore[no-any-return]


def test_confirm_fix_shortcut(page: Any, desk: Desk) -> None:  # noqa: F811
    gid = desk.group(exact="teh", prefix="In ", suffix=" end.")
    _versions(desk, gid, ["In teh end.", "In the end."])
    log_in(page, desk)
    page.goto(f"{desk.server.url}/groups/{gid}")
    assert page.locator("text=fixed (detected)").count() >= 1
    page.keyboard.press("?")
    assert "confirm a detected fix" in page.locator("#help").inner_text()
    page.keyboard.press("Escape")
    with page.expect_navigation():
        page.keyboard.press("c")
    page.wait_for_selector("text=new → fixed")
    assert desk.status(gid) == "fixed"
    assert page.locator("form[data-confirm-fix]").count() == 0
    assert page.errors == []


def test_next_and_previous_change_in_a_diff(page: Any, desk: Desk) -> None:  # noqa: F811
    gid = desk.group()
    hostile = f"<script>{PWN}</script><img src=x onerror=\"{PWN}\" id=injected>"
    old = f"{hostile} One two three.\nFour five six.\nSeven eight nine."
    new = f"{hostile} One 2 three.\nFour five six.\nSeven eight 9 ten."
    article, (first, second) = _versions(desk, gid, [old, new])
    log_in(page, desk)
    page.goto(f"{desk.server.url}/articles/{article}/diff")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("#injected").count() == 0
    assert hostile in page.locator(".vdiff-body").inner_text()
    changes = page.locator("[data-change]")
    assert changes.count() == 2
    page.keyboard.press("n")
    assert page.evaluate("document.activeElement.id") == "change-1"
    assert "two" in page.locator("#change-1 del").inner_text()
    assert "removed" in page.locator("#change-1").inner_text()  # hidden label, read aloud
    page.keyboard.press("n")
    assert page.evaluate("document.activeElement.id") == "change-2"
    assert page.locator("#change-position").inner_text() == "Change 2 of 2"
    page.keyboard.press("n")  # stays on the last
    assert page.evaluate("document.activeElement.id") == "change-2"
    page.keyboard.press("p")
    assert page.evaluate("document.activeElement.id") == "change-1"
    # The pickers are a plain GET form.
    page.select_option("select[name=from]", str(second))
    page.select_option("select[name=to]", str(first))
    with page.expect_navigation():
        page.click("text=Compare")
    assert f"from={second}" in page.url and f"to={first}" in page.url
    assert "2" in page.locator("#change-1 del").inner_text()
    assert page.errors == []
