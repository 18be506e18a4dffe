"""Accessibility of the dashboard in Debian's chromium: axe-core on every page in both
colour schemes, dark mode that follows the OS, and the queue on a 375 px phone.

axe-core comes from npm (tests/dashboard/axe/, `npm ci` in `scripts/setup.sh test`) and
is injected into each page; the pages carry a CSP without inline scripts, so the
contexts bypass it for the injection only.  One app with a newsroom's data is served for
the module; to cover a new page, add it to ``PAGES``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection
from starlette.applications import Starlette

from copydesk import accounts, sites, triage
from copydesk.app import create_app
from copydesk.corrections import roles, store
from copydesk.corrections.model import Kind
from copydesk.models import ReportStatus, Role
from copydesk.notify import channels
from copydesk.proofread import dictionary
from copydesk.settings import Settings
from copydesk.storage import migrate, schema
from tests.browser import chromium
from tests.conftest import CI, LiveServer

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
ADMIN = "chief@news.example"
PASSWORD = "correct horse battery"
SCHEMES = ("light", "dark")
BLOCKING = ("serious", "critical")


@dataclass
class Newsroom:
    """One served app with something on every page; ids for the pages' paths."""

    server: LiveServer
    app: Starlette
    ids: dict[str, Any]


def _seed(app: Starlette) -> dict[str, Any]:
    db = app.state.ctx.db
    hashed = accounts.hash_password(PASSWORD)  # outside the write job
    t0 = datetime.now(UTC) - timedelta(days=2)

    def run(conn: Connection) -> dict[str, Any]:
        site = sites.create(conn, "Daily", ["https://news.example"], key="daily")
        admin = accounts.create_user(conn, ADMIN, hashed, Role.ADMIN)
        editor = accounts.create_user(conn, "desk@news.example", hashed, Role.EDITOR,
                                      [site.key])
        roles.set_standards(conn, admin.id, [site.id])
        a = schema.articles
        article = conn.execute(a.insert().values(
            site_id=site.id, url="https://news.example/story", title="Council votes on budget",
            lang="en", created_at=t0, updated_at=t0).returning(a.c.id)).scalar_one()
        v = schema.article_versions
        old = "In teh end the council voted. It was drafted into to law on Monday."
        new = "In the end the council voted. It was drafted into to law on Tuesday."
        versions = [conn.execute(v.insert().values(
            article_id=article, content_hash=str(i), title="", text=text,
            fetched_at=t0 + timedelta(hours=i), headline="Council votes", byline="A. Writer",
            significant=True, extractor="trafilatura").returning(v.c.id)).scalar_one()
            for i, text in enumerate([old, new])]
        conn.execute(schema.findings.insert(), [
            {"version_id": versions[-1], "rule": "doubled", "message": "doubled word",
             "start": 42, "end": 49, "text": "into to", "suggestions": ["into"],
             "severity": "error"},
            {"version_id": versions[-1], "rule": "spelling", "message": "unknown word",
             "start": 0, "end": 2, "text": "Councilr", "suggestions": ["Council"],
             "severity": "warning"},
        ])
        g = schema.report_groups
        groups = []
        for i, (exact, suggestion, comment) in enumerate([
                ("teh", "the", "A typo in the first line."),
                ("into to", "into", ""),
                ("Monday", "Tuesday", "The vote was on Tuesday.")]):
            at = t0 + timedelta(hours=3, minutes=i)
            gid = conn.execute(g.insert().values(
                site_id=site.id, article_id=article, status="new", exact=exact,
                prefix="In ", suffix=" end.", reporter_count=2, has_suggestion=True,
                created_at=at, updated_at=at, last_reported_at=at,
                anchor_state="fixed" if i == 0 else "unchanged",
                anchor_version_id=versions[-1], anchored_at=at).returning(g.c.id)
            ).scalar_one()
            for reader in range(2):
                conn.execute(schema.reports.insert().values(
                    site_id=site.id, article_id=article, group_id=gid,
                    url="https://news.example/story", exact=exact, prefix="In ",
                    suffix=" end.", suggestion=suggestion, comment=comment if reader else "",
                    title="Council votes on budget", lang="en", ip_hash="", created_at=at))
            groups.append(int(gid))
        triage.assign(conn, triage.CLI, groups[2], editor.id)
        triage.change_status(conn, triage.CLI, groups[2], ReportStatus.ACCEPTED,
                             note="checked with the desk")
        dictionary.add_words(conn, site.id, ["Kyiv", "Zelensky"])
        channels.create(conn, site.id, "webhook", {"url": "https://hooks.example/copydesk"})
        draft = store.draft(conn, triage.CLI, article, store.Fields(
            Kind.CORRECTION, "An earlier version misspelt “the”."), group_id=groups[0])
        published = store.draft(conn, triage.CLI, article, store.Fields(
            Kind.CORRECTION, "An earlier version gave the wrong day of the vote."))
        store.publish(conn, triage.CLI, published)
        reset = accounts.create_reset(conn, editor.id, ADMIN)
        return {"site": site.id, "article": int(article), "versions": versions,
                "group": groups[0], "draft": draft, "published": published,
                "reset": reset}

    return db.write_sync(run)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Newsroom]:
    url = f"sqlite:///{tmp_path_factory.mktemp('a11y') / 'copydesk.db'}"
    migrate.upgrade(url)
    app = create_app(Settings(database_url=url, secret_key="test-secret-key",
                              min_time_on_page_ms=0))
    try:
        with LiveServer(app) as server:
            yield Newsroom(server, app, _seed(app))
    finally:
        app.state.ctx.db.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def logged_in(browser: Any, newsroom: Newsroom) -> dict[str, Any]:
    """The admin's cookies, from logging in once through the form."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(newsroom.server.url + "/login")
        page.fill("input[name=email]", ADMIN)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(newsroom.server.url + "/")
        return context.storage_state()  # type: ignore[no-any-return]
    finally:
        context.close()


@pytest.fixture
def open_page(browser: Any, newsroom: Newsroom, logged_in: dict[str, Any]
              ) -> Iterator[Callable[..., Any]]:
    """Opens a path in a fresh context: ``scheme`` light or dark, logged in or not."""
    contexts: list[Any] = []

    def open_(path: str, *, scheme: str = "light", login: bool = True,
              viewport: dict[str, int] | None = None, **options: Any) -> Any:
        context = browser.new_context(
            color_scheme=scheme, bypass_csp=True, storage_state=logged_in if login else None,
            viewport=viewport or {"width": 1100, "height": 900}, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.response = page.goto(newsroom.server.url + path)
        return page

    yield open_
    for context in contexts:
        context.close()


# Every dashboard page, as (name, path template, logged in, HTTP status).  The path's
# fields come from Newsroom.ids.
PAGES: list[tuple[str, str, bool, int]] = [
    ("login", "/login", False, 200),
    ("queue", "/?status=all", True, 200),
    ("queue-empty", "/?status=spam", True, 200),
    ("group", "/groups/{group}", True, 200),
    ("article", "/articles/{article}", True, 200),
    ("diff", "/articles/{article}/diff", True, 200),
    ("silent-edits", "/silent-edits", True, 200),
    ("corrections", "/corrections?site=daily", True, 200),
    ("correction-draft", "/corrections/{draft}", True, 200),
    ("correction-published", "/corrections/{published}", True, 200),
    ("correction-new", "/corrections/new?group={group}", True, 200),
    ("standards", "/standards?site=daily", True, 200),
    ("words", "/sites/{site}/words", True, 200),
    ("sites", "/admin/sites", True, 200),
    ("site", "/admin/sites/{site}", True, 200),
    ("site-remove", "/admin/sites/{site}/remove", True, 200),
    ("channels", "/admin/sites/{site}/channels", True, 200),
    ("users", "/admin/users", True, 200),
    ("audit", "/admin/audit", True, 200),
    ("password", "/account/password", True, 200),
    ("notifications", "/account/notifications", True, 200),
    ("password-reset", "/password-reset/{reset}", False, 200),
    ("error-404", "/groups/999999", True, 404),
    ("error-400", "/?since=not-a-date", True, 400),
]


def _axe(page: Any, within: str = "html", *,
         must_pass: frozenset[str] = frozenset({"color-contrast", "link-name", "html-has-lang"})
         ) -> list[dict[str, Any]]:
    """The serious and critical violations axe finds in ``within``."""
    if not AXE.is_file():
        message = f"{AXE} is missing (cd tests/dashboard/axe && npm ci)"
        if CI:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("within => axe.run(within, {resultTypes: ['violations']})", within)
    # A page that axe could not read (blank, an error) passes no rule at all.
    assert must_pass <= {r["id"] for r in result["passes"]}
    return [v for v in result["violations"] if v["impact"] in BLOCKING]


def _describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['impact']}: {v['id']} — {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:8]:
            lines.append(f"    {json.dumps(node['target'])}: {node['failureSummary']}")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize(("name", "path", "login", "status"), PAGES, ids=[p[0] for p in PAGES])
def test_no_serious_axe_violations(open_page: Callable[..., Any], newsroom: Newsroom,
                                   name: str, path: str, login: bool, status: int,
                                   scheme: str) -> None:
    page = open_page(path.format(**newsroom.ids), scheme=scheme, login=login)
    assert page.response.status == status, page.url
    assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == (
        scheme == "dark")
    violations = _axe(page)
    assert not violations, f"{name} ({scheme}):\n{_describe(violations)}"



@pytest.mark.parametrize("scheme", SCHEMES)
def test_shortcuts_dialog_has_no_serious_axe_violations(open_page: Callable[..., Any],
                                                       scheme: str) -> None:
    page = open_page("/?status=all", scheme=scheme)
    page.keyboard.press("?")
    assert page.locator("#help").is_visible()
    # axe cannot tell the contrast of a modal dialog over its backdrop ("incomplete"); its
    # colours are the page's (--bg, --fg), checked on every page above.
    violations = _axe(page, "#help", must_pass=frozenset({"button-name"}))
    assert not violations, f"shortcuts ({scheme}):\n{_describe(violations)}"

def _colours(page: Any, selector: str) -> tuple[str, str]:
    background, colour = page.eval_on_selector(
        selector, "e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color]")
    return str(background), str(colour)


def _luminance(css: str) -> float:
    """Relative luminance (WCAG) of an `rgb(…)`/`rgba(…)` computed colour."""
    numbers = css[css.index("(") + 1:css.index(")")].replace(",", " ").split()
    channels_ = [float(n) / 255 for n in numbers[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels_]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_dark_mode_follows_the_os(open_page: Callable[..., Any], newsroom: Newsroom) -> None:
    path = f"/groups/{newsroom.ids['group']}"
    light, dark = (open_page(path, scheme=s) for s in SCHEMES)
    for selector in ("html", "main", ".context", "textarea"):
        light_bg, light_fg = _colours(light, selector)
        dark_bg, dark_fg = _colours(dark, selector)
        assert (light_bg, light_fg) != (dark_bg, dark_fg), selector
    light_bg, light_fg = _colours(light, "html")
    dark_bg, dark_fg = _colours(dark, "html")
    assert _luminance(light_bg) > 0.8 and _luminance(light_fg) < 0.1
    assert _luminance(dark_bg) < 0.05 and _luminance(dark_fg) > 0.6
    # Form controls are drawn dark too (color-scheme), not white boxes on a dark page.
    assert _luminance(_colours(dark, "textarea")[0]) < 0.1
    assert dark.evaluate("getComputedStyle(document.documentElement).colorScheme") != "normal"


PHONE = {"width": 375, "height": 667}


def test_queue_on_a_phone(open_page: Callable[..., Any], newsroom: Newsroom) -> None:
    page = open_page("/?status=all", viewport=PHONE, is_mobile=True, has_touch=True)
    assert page.locator("[data-row]").count() == 3
    first = page.locator("[data-row]").first.bounding_box()
    assert first["y"] + min(first["height"], 48) <= PHONE["height"], first
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for row in page.locator("[data-row]").all():
        box = row.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    # The filters are one tap away, and filtering still works from there.
    filters = page.locator("details.filters-toggle")
    assert filters.count() == 1
    assert not page.locator("form[role=search] select[name=status]").is_visible()
    filters.locator("summary").tap()
    assert page.locator("form[role=search] select[name=status]").is_visible()
    page.select_option("form[role=search] select[name=status]", "accepted")
    with page.expect_navigation():
        page.locator("form[role=search] button[type=submit]").tap()
    assert page.locator("[data-row]").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]



def test_filters_stay_open_on_wide_screens(open_page: Callable[..., Any],
                                           newsroom: Newsroom) -> None:
    page = open_page("/?status=all")
    assert not page.locator("details.filters-toggle summary").is_visible()
    page.select_option("form[role=search] select[name=status]", "accepted")
    with page.expect_navigation():
        page.click("form[role=search] button[type=submit]")
    assert page.locator("[data-row]").count() == 1


def _too_small(page: Any, selector: str) -> list[dict[str, Any]]:
    """The visible elements of ``selector`` smaller than 44 × 44 px."""
    small: list[dict[str, Any]] = page.eval_on_selector_all(selector, """els => els
        .filter(e => e.offsetParent !== null)
        .map(e => ({what: e.outerHTML.slice(0, 80), ...e.getBoundingClientRect().toJSON()}))
        .filter(r => r.height < 44 || r.width < 44)""")
    return small


def test_main_actions_are_big_enough_to_tap(open_page: Callable[..., Any],
                                            newsroom: Newsroom) -> None:
    queue = open_page("/?status=all", viewport=PHONE, is_mobile=True, has_touch=True)
    assert _too_small(queue, ".top nav a, .top nav button, [data-row] input[type=checkbox],"
                             " [data-row] a.quote, .bulk-bar button, .bulk-bar select,"
                             " details.filters-toggle summary, nav.tabs a") == []
    group = open_page(f"/groups/{newsroom.ids['group']}", viewport=PHONE, is_mobile=True,
                      has_touch=True)
    assert group.locator(".status-form button").count() >= 3
    assert _too_small(group, ".status-form button, .assign-form button, .assign-form select,"
                             " [data-confirm-fix] button") == []
    assert group.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
