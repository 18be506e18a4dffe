"""Correction notices shown by the widget: where the page placed them, as text, in the
page's language, under a strict CSP and hostile CSS, without moving what is above."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from tests.widget.conftest import Api, Hosts
from tests.widget.test_browser import HOSTILE_CSS

pytestmark = pytest.mark.browser

ARTICLE = """
<header><h1 id="headline">Storm closes the northern pass</h1></header>
<div data-copydesk-notices="top"></div>
<article>
  <p id="first">Road crews closed the northern pass on Tuesday.</p>
  <p id="last">Her grandfather was drafted into the army in 1943.</p>
</article>
<div data-copydesk-notices="bottom"></div>
<footer id="below">Page footer</footer>
"""

HOSTILE_TEXT = '<img src=x onerror="window.pwned=1"><b>bold</b> & “quoted”'

# Positions of the elements above each placeholder, when the document is parsed
# (before any notice can be there), kept for the test to compare.
RECORD_POSITIONS = """
document.addEventListener('DOMContentLoaded', () => {
  window.before = Object.fromEntries(['headline', 'first', 'last'].map(
    id => [id, document.getElementById(id).getBoundingClientRect().top + scrollY]));
});
"""

# What each <copydesk-notices> in the elements matching a selector reads, line by
# line joined with spaces.
SHADOW_TEXT = """sel => [...document.querySelectorAll(sel + ' copydesk-notices')]
  .map(h => [...h.shadowRoot.children].map(a => a.innerText).join(' ')
    .replace(/\\s+/g, ' ').trim())"""


def _api_requests(page: Any, api: Api) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url) if r.url.startswith(api.url) else None)
    return seen


def test_no_request_without_the_attribute(context: Any, api: Api, hosts: Hosts) -> None:
    url = hosts.add("/plain", api.page(ARTICLE))
    api.notice(api.article(url), "The pass was closed on Tuesday, not Monday.")
    page = context.new_page()
    seen = _api_requests(page, api)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    # The page has the elements but did not ask for notices: nothing else is fetched.
    assert seen == [api.url + "/widget.js"]
    assert page.locator("copydesk-notices").count() == 0


def test_no_notices_downloads_no_renderer_strings(context: Any, api: Api,
                                                   hosts: Hosts) -> None:
    url = hosts.add("/none", api.page(ARTICLE, attrs="data-notices"))
    page = context.new_page()
    seen = _api_requests(page, api)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    names = [u.rsplit("/", 1)[-1].split("?")[0] for u in seen]
    assert names == ["widget.js", "notices.js", "corrections"]
    assert page.locator("copydesk-notices").count() == 0


def test_notices_at_top_and_bottom(context: Any, api: Api, hosts: Hosts) -> None:
    url = hosts.add("/2026/storm", api.page(ARTICLE, attrs="data-notices"))
    article = api.article(url)
    api.notice(article, HOSTILE_TEXT, kind="clarification", placement="top")
    edited = api.notice(article, "It was 1943.", at=datetime(2026, 3, 3, 9, tzinfo=UTC))
    api.edit_notice(edited, "It was 1942, not 1943.", datetime(2026, 3, 4, 9, tzinfo=UTC))
    gone = api.notice(article, "The mayor was misquoted.", kind="retraction",
                      at=datetime(2026, 3, 5, 9, tzinfo=UTC))
    api.withdraw_notice(gone, "The quote was right.", datetime(2026, 3, 6, 9, tzinfo=UTC))

    page = context.new_page()
    page.add_init_script(RECORD_POSITIONS)
    seen = _api_requests(page, api)
    page.goto(url)
    bottom = page.locator("[data-copydesk-notices=bottom] copydesk-notices")
    bottom.wait_for()

    # Each notice is a complementary region named by its heading, the type.
    clarification = page.get_by_role("complementary", name="Clarification")
    assert clarification.locator("h2").inner_text() == "Clarification"
    [text] = page.evaluate(SHADOW_TEXT, "[data-copydesk-notices=top]")
    assert text == f"Clarification {HOSTILE_TEXT} Published March 2, 2026"
    # Hostile text stays text: no element made of it, no script run.
    assert clarification.locator("img, b").count() == 0
    assert page.evaluate("window.pwned") is None

    [text] = page.evaluate(SHADOW_TEXT, "[data-copydesk-notices=bottom]")
    assert text == (
        "Correction It was 1942, not 1943. Published March 3, 2026 · Updated on March 4, 2026 "
        "Retraction The mayor was misquoted. Published March 5, 2026 "
        "Withdrawn on March 6, 2026: The quote was right."
    )
    assert page.get_by_role("complementary").count() == 3
    assert page.get_by_role("complementary", name="Retraction").locator(
        "time").nth(1).get_attribute("datetime") == "2026-03-06T09:00:00+00:00"

    # Inserted once, each into its own element; nothing above an element moved.
    after = page.evaluate("""() => Object.fromEntries(['headline', 'first', 'last'].map(
        id => [id, document.getElementById(id).getBoundingClientRect().top + scrollY]))""")
    before = page.evaluate("window.before")
    assert before["headline"] == after["headline"]
    assert after["first"] > before["first"]  # below the top notice: pushed down once
    assert after["last"] - after["first"] == before["last"] - before["first"]
    assert page.locator("copydesk-notices").count() == 2
    # One question to the API, one renderer, one language's strings.
    names = sorted(u.rsplit("/", 1)[-1].split("?")[0] for u in seen)
    assert names == ["corrections", "notices-en.js", "notices.js", "widget.js"]


def test_a_placeholder_without_value_takes_every_notice(context: Any, api: Api,
                                                        hosts: Hosts) -> None:
    body = "<article><p>Text.</p></article><section data-copydesk-notices></section>"
    url = hosts.add("/all", api.page(body, attrs="data-notices"))
    article = api.article(url)
    api.notice(article, "First.", placement="top")
    api.notice(article, "Second.", kind="editors_note")
    page = context.new_page()
    page.goto(url)
    page.locator("copydesk-notices").wait_for()
    [text] = page.evaluate(SHADOW_TEXT, "section")
    assert text.startswith("Correction First.")
    assert "Editor's note Second." in text


def test_notices_in_the_page_language(context: Any, api: Api, hosts: Hosts) -> None:
    url = hosts.add("/uk", api.page(ARTICLE, lang="uk-UA", attrs="data-notices"))
    api.notice(api.article(url), "Перевал закрили у вівторок.", kind="update")
    page = context.new_page()
    page.goto(url)
    page.locator("copydesk-notices").wait_for()
    [text] = page.evaluate(SHADOW_TEXT, "[data-copydesk-notices=bottom]")
    assert text == "Оновлення Перевал закрили у вівторок. Опубліковано 2 березня 2026 р."
    assert page.get_by_role("complementary", name="Оновлення").get_attribute("lang") == "uk"


def test_notices_under_strict_csp_and_hostile_css(context: Any, api: Api,
                                                  hosts: Hosts) -> None:
    # The page's own element is the page's to style (a hidden <div> hides what is in
    # it); the hostile sheet hides divs, so the notices go in a <section>.
    body = ("<main><article><p>Lows of 4 Celsius were recorded.</p></article>"
            "<section data-copydesk-notices></section></main>")
    css_url = hosts.add("/hostile.css", HOSTILE_CSS + "copydesk-notices { display: none "
                        "!important; } aside, h2, time { display: none !important; }",
                        {"Content-Type": "text/css"})
    csp = (f"default-src 'self'; script-src {api.url}; connect-src {api.url}; "
           "require-trusted-types-for 'script'; trusted-types 'none'")
    page_html = api.page(body, head=f'<link rel="stylesheet" href="{css_url}">',
                         attrs="data-notices")
    url = hosts.add("/hostile-notices", page_html, {"Content-Security-Policy": csp})
    api.notice(api.article(url), "The low was 4 Celsius, not 4F.")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.add_init_script("addEventListener('securitypolicyviolation', e => "
                         "(window.violations ||= []).push(e.violatedDirective))")
    page.goto(url)
    notice = page.get_by_role("complementary", name="Correction")
    notice.wait_for()
    box = notice.bounding_box()
    assert box is not None
    assert box["width"] > 100
    assert box["height"] > 20
    heading = notice.locator("h2")
    assert heading.evaluate("el => getComputedStyle(el).display") == "block"
    assert heading.evaluate("el => getComputedStyle(el).fontWeight") == "700"
    # The bar is the page's accent, through the custom property the page sets.
    assert notice.evaluate("el => getComputedStyle(el).borderLeftColor") == "rgb(138, 21, 56)"
    assert "4 Celsius, not 4F" in notice.inner_text()
    assert page.evaluate("window.violations || []") == []
    assert errors == []


def test_an_unknown_article_shows_nothing(context: Any, api: Api, hosts: Hosts) -> None:
    page = context.new_page()
    page.goto(hosts.add("/unknown", api.page(ARTICLE, attrs="data-notices")))
    page.wait_for_load_state("networkidle")
    assert page.locator("copydesk-notices").count() == 0
