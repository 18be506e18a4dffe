"""The dashboard in Debian's chromium: keyboard triage, bulk, export, hostile text, CSRF.

One browser for the module; each test gets a fresh app on SQLite under uvicorn.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, select
from starlette.applications import Starlette

from copydesk import accounts, sites
from copydesk.models import Role, Site
from copydesk.storage import schema
from tests.browser import chromium
from tests.conftest import LiveServer
from tests.dashboard.conftest import OTHER, PASSWORD

pytestmark = pytest.mark.browser

EDITOR = "desk@news.example"
PWN = "window.__pwned=1"


@pytest.fixture
def db_url(sqlite_url: str) -> str:
    """Browser tests run on SQLite only; the HTTP tests cover PostgreSQL."""
    return sqlite_url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


@dataclass
class Desk:
    app: Starlette
    server: LiveServer
    site: Site
    other: Site

    def write(self, fn: Any) -> Any:
        return self.app.state.ctx.db.write_sync(fn)

    def read(self, fn: Any) -> Any:
        return self.app.state.ctx.db.read_sync(fn)

    def group(self, *, site: Site | None = None, url: str = "https://news.example/a",
              title: str = "An article", exact: str = "teh", prefix: str = "In ",
              suffix: str = " end.", suggestion: str = "the", comment: str = "",
              age: int = 0) -> int:
        """A group with one report, written straight to the database."""
        site = site or self.site

        def run(conn: Connection) -> int:
            now = datetime.now(UTC) - timedelta(minutes=age)
            a = schema.articles
            article = conn.execute(select(a.c.id).where(a.c.site_id == site.id,
                                                        a.c.url == url)).scalar()
            if article is None:
                article = conn.execute(a.insert().values(
                    site_id=site.id, url=url, title=title, lang="en", created_at=now,
                    updated_at=now).returning(a.c.id)).scalar_one()
            g = schema.report_groups
            gid = conn.execute(g.insert().values(
                site_id=site.id, article_id=article, status="new", exact=exact, prefix=prefix,
                suffix=suffix, reporter_count=1, has_suggestion=bool(suggestion),
                created_at=now, updated_at=now, last_reported_at=now).returning(g.c.id)
            ).scalar_one()
            conn.execute(schema.reports.insert().values(
                site_id=site.id, article_id=article, group_id=gid, url=url, exact=exact,
                prefix=prefix, suffix=suffix, suggestion=suggestion, comment=comment,
                title=title, lang="en", ip_hash="", created_at=now))
            return int(gid)

        return int(self.write(run))

    def status(self, gid: int) -> str:
        g = schema.report_groups
        return str(self.read(lambda c: c.execute(select(g.c.status).where(g.c.id == gid))
                             .scalar_one()))


@pytest.fixture
def desk(app: Starlette) -> Iterator[Desk]:
    with LiveServer(app) as server:
        ctx = app.state.ctx
        site = ctx.db.write_sync(lambda c: sites.create(c, "Daily", ["https://news.example"],
                                                        key="daily"))
        other = ctx.db.write_sync(lambda c: sites.create(c, "Other", ["https://other.example"],
                                                         key="other"))
        accounts.add_user(ctx.db, EDITOR, PASSWORD, Role.EDITOR, ["daily"])
        accounts.add_user(ctx.db, OTHER, PASSWORD, Role.EDITOR, ["other"])
        yield Desk(app, server, site, other)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1100, "height": 900}, accept_downloads=True)
    context.set_default_timeout(10_000)
    tab = context.new_page()
    tab.errors = []
    tab.on("pageerror", lambda exc: tab.errors.append(str(exc)))
    yield tab
    context.close()


def log_in(page: Any, desk: Desk, email: str = EDITOR) -> None:
    page.goto(desk.server.url + "/")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(desk.server.url + "/")


def test_keyboard_triage(page: Any, desk: Desk) -> None:
    first = desk.group(exact="teh", age=1)
    second = desk.group(exact="recieve", suggestion="receive", url="https://news.example/b")
    log_in(page, desk)
    assert page.locator("[data-row]").count() == 2
    page.keyboard.press("?")
    assert page.locator("#help").is_visible()
    assert "mark spam" in page.locator("#help").inner_text()
    page.keyboard.press("Escape")
    assert not page.locator("#help").is_visible()
    page.keyboard.press("j")  # newest first: `second`
    page.keyboard.press("a")
    page.wait_for_selector(f'[data-id="{second}"].done')
    assert desk.status(second) == "accepted"
    page.keyboard.press("r")  # the script moved on to `first`
    page.wait_for_selector(f'[data-id="{first}"].done')
    assert desk.status(first) == "rejected"
    page.goto(f"{desk.server.url}/groups/{second}")
    page.keyboard.press("f")  # a status key on the group page moves on (here: the queue)
    page.wait_for_url(desk.server.url + "/")
    assert desk.status(second) == "fixed"
    page.goto(f"{desk.server.url}/groups/{second}")
    assert "accepted → fixed" in page.locator(".history").inner_text()
    assert page.errors == []


def test_keyboard_flow_next_group_undo_and_back(page: Any, desk: Desk) -> None:
    third = desk.group(exact="thrid", url="https://news.example/c", age=3)
    second = desk.group(exact="secnd", url="https://news.example/b", age=2)
    first = desk.group(exact="frist", url="https://news.example/a", age=1)
    log_in(page, desk)
    queue_url = desk.server.url + "/?status=new&sort=newest"
    page.goto(queue_url)
    page.keyboard.press("j")
    page.keyboard.press("j")  # `second`
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/groups/{second}?back=*")
    assert "secnd" in page.locator("blockquote").inner_text()
    page.keyboard.press("a")  # accepted, and on to the next group of the queue
    page.wait_for_url(f"**/groups/{third}?back=*")
    assert desk.status(second) == "accepted"
    page.keyboard.press("u")  # undo: back to `second`, new again
    page.wait_for_url(f"**/groups/{second}?back=*")
    assert desk.status(second) == "new"
    assert "undo" in page.locator(".history").inner_text()
    page.keyboard.press("Escape")  # the queue at the same place: same URL, same row
    page.wait_for_url(queue_url)
    assert page.locator("[data-row].current").get_attribute("data-id") == str(second)
    assert desk.status(first) == "new"
    assert page.errors == []


def test_help_is_a_modal_that_keeps_focus(page: Any, desk: Desk) -> None:
    desk.group()
    log_in(page, desk)
    page.locator("[data-help]").focus()
    page.keyboard.press("Enter")
    assert page.locator("#help").is_visible()
    assert page.evaluate("document.activeElement.closest('#help') !== null")
    for _ in range(3):  # Tab stays inside the modal
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('#help') !== null || "
                             "document.activeElement === document.body")
    page.keyboard.press("Escape")
    assert not page.locator("#help").is_visible()
    assert page.evaluate("document.activeElement.hasAttribute('data-help')")
    assert page.errors == []


def test_skip_link_is_the_first_tab_stop(page: Any, desk: Desk) -> None:
    desk.group()
    log_in(page, desk)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert page.errors == []


def test_spam_asks_first(page: Any, desk: Desk) -> None:
    gid = desk.group()
    log_in(page, desk)
    page.goto(f"{desk.server.url}/groups/{gid}")
    page.click("button[data-status=spam]")
    assert page.locator("#confirm").is_visible()
    page.click("#confirm button[value=cancel]")
    assert desk.status(gid) == "new"
    page.click("button[data-status=spam]")
    page.click("#confirm [data-confirm-ok]")
    page.wait_for_selector("[data-flash]")
    assert desk.status(gid) == "spam"
    assert page.errors == []


def test_bulk_spam_and_export(page: Any, desk: Desk) -> None:
    ids = [desk.group(exact=f"spam{i}", url=f"https://news.example/s{i}", age=i)
           for i in range(3)]
    log_in(page, desk)
    page.keyboard.press("j")
    page.keyboard.press("x")
    page.keyboard.press("j")
    page.keyboard.press("x")
    page.select_option("#bulk-status", "spam")
    page.click("#bulk button[type=submit]")
    assert page.locator("#confirm").is_visible()  # spam asks first
    page.click("#confirm [data-confirm-ok]")
    page.wait_for_selector("text=2 marked spam")
    assert [desk.status(i) for i in ids] == ["spam", "spam", "new"]
    with page.expect_download() as info:
        page.click("text=CSV")
    text = Path(info.value.path()).read_text(encoding="utf-8")
    assert text.startswith("id,created_at,site")
    # The export is what the queue shows: new groups only, so not the two marked spam.
    assert "spam2" in text
    assert "spam0" not in text and "spam1" not in text


HOSTILE = {
    "title": f'<img src=x onerror="{PWN}" id="injected">',
    "exact": f"<script>{PWN}</script>",
    "prefix": f'"><svg onload="{PWN}" id="injected">',
    "suffix": f"' onmouseover='{PWN}' x='",
    "suggestion": f"</textarea><script>{PWN}</script>",
    "comment": '<iframe id="injected" srcdoc="<script>parent.__pwned=1</script>"></iframe>',
}


def test_hostile_reader_text_renders_inert(page: Any, desk: Desk) -> None:
    evil_url = desk.group(url=f"javascript:{PWN}//", **HOSTILE)
    query_url = desk.group(url=f'https://news.example/x?q="><script>{PWN}</script>',
                           **HOSTILE)
    log_in(page, desk)
    for path in ("/", f"/groups/{evil_url}", f"/groups/{query_url}", "/?q=script&status=all"):
        page.goto(desk.server.url + path)
        page.mouse.move(200, 300)
        for row in page.locator("mark").all():
            row.hover()
        assert page.evaluate("typeof window.__pwned") == "undefined", path
        assert page.locator("#injected").count() == 0, path
        assert page.locator("main script, main iframe, main svg, main img").count() == 0, path
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        assert not [h for h in hrefs if h.lower().startswith("javascript:")], path
    page.goto(f"{desk.server.url}/groups/{evil_url}")
    assert HOSTILE["comment"] in page.locator(".comment").inner_text()
    assert page.locator("h1 a").count() == 0  # a javascript: article is not a link
    page.keyboard.press("o")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.errors == []


def test_cross_site_form_post_is_rejected(page: Any, desk: Desk) -> None:
    gid = desk.group()
    log_in(page, desk)
    evil = (f'<form id="f" method="post" action="{desk.server.url}/groups/{gid}/status">'
            '<input name="status" value="spam"><input name="csrf_token" value="guess"></form>'
            '<script>document.getElementById("f").submit()</script>')
    page.route("http://evil.example/", lambda route: route.fulfill(
        status=200, content_type="text/html", body=evil))
    with page.expect_navigation():
        page.goto("http://evil.example/")
    assert desk.status(gid) == "new"
    # The same post with the right token but from the other origin fails as well.
    page.goto(desk.server.url + "/")
    csrf = page.evaluate("document.body.dataset.csrf")
    page.route("http://evil.example/2", lambda route: route.fulfill(
        status=200, content_type="text/html", body=evil.replace("guess", csrf)))
    with page.expect_navigation():
        page.goto("http://evil.example/2")
    assert desk.status(gid) == "new"


def test_editor_cannot_open_another_sites_group(page: Any, desk: Desk) -> None:
    mine = desk.group(site=desk.other, url="https://other.example/a", exact="mine")
    theirs = desk.group(exact="theirs")
    log_in(page, desk, OTHER)
    assert page.goto(f"{desk.server.url}/groups/{theirs}").status == 404
    assert page.goto(f"{desk.server.url}/groups/{mine}").status == 200
    page.goto(desk.server.url + "/?status=all")
    assert page.locator("[data-row]").count() == 1


def test_phone_layout(browser: Any, desk: Desk) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True)
    phone = context.new_page()
    try:
        desk.group(exact="a rather long quote " * 5)
        log_in(phone, desk)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 390
    finally:
        context.close()
