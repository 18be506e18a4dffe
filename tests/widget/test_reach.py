"""The "Report an error" link, and the dialog following the host page's look (Chromium)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from tests.widget.conftest import Api, Hosts
from tests.widget.test_pages import check_anchor, model

pytestmark = pytest.mark.browser

PARAS = "".join(
    f"<p>Paragraph {i} of the story, about the storm that closed the pass.</p>"
    for i in range(40)
)
LINK = '<a data-copydesk-report href="#">Report an error</a>'
STICKY = (
    "<header style='position:sticky;top:0;height:100px;background:#fff'>"
    f"<nav><a href='/'>Home</a></nav>{LINK}</header>"
)


def dialog_of(page: Any) -> Any:
    dialog = page.get_by_role("dialog", name="Report an error")
    dialog.wait_for()
    return dialog


def send(page: Any, api: Api, dialog: Any) -> dict[str, Any]:
    with page.expect_request(api.url + "/api/v1/reports") as request:
        dialog.get_by_role("button", name="Send").click()
    dialog.get_by_text("Thank you").wait_for()
    return json.loads(request.value.post_data)  # type: ignore[no-any-return]


def test_link_reports_the_paragraph_at_the_top_of_the_viewport(
    context: Any, api: Api, hosts: Hosts
) -> None:
    body = f"{STICKY}<article><h1>Storm closes the pass</h1>{PARAS}</article>"
    page = context.new_page()
    page.goto(hosts.add("/link", api.page(body)))
    # Paragraph 10 is scrolled to the top, under the 100 px sticky header: the first
    # paragraph the reader sees is the first one below the header.
    page.evaluate("document.querySelectorAll('article p')[10].scrollIntoView()")
    phrase = page.evaluate("""[...document.querySelectorAll('article p')]
        .find(p => p.getBoundingClientRect().top >= 100).textContent""")
    assert phrase > "Paragraph 10 "
    page.focus("[data-copydesk-report]")
    page.keyboard.press("Enter")
    dialog = dialog_of(page)
    assert dialog.locator("blockquote mark").inner_text() == phrase
    report = send(page, api, dialog)
    check_anchor(report, model(page, "document.querySelector('article')"), phrase)
    assert page.evaluate("location.hash") == ""
    [stored] = api.wait_for_reports()
    assert stored["exact"] == phrase


def test_link_reports_the_selection_when_there_is_one(context: Any, api: Api,
                                                      hosts: Hosts) -> None:
    body = (f"<article><h1>Storm closes the pass</h1>{PARAS}</article>"
            "<p><button data-copydesk-report>Report an error</button></p>")
    page = context.new_page()
    page.goto(hosts.add("/link-selection", api.page(body)))
    page.evaluate("""() => {
        const t = document.querySelectorAll('article p')[3].firstChild;
        const r = document.createRange(); r.setStart(t, 0); r.setEnd(t, 11);
        getSelection().removeAllRanges(); getSelection().addRange(r);
    }""")
    page.get_by_role("button", name="Report an error").focus()
    page.keyboard.press("Enter")
    dialog = dialog_of(page)
    assert dialog.locator("blockquote mark").inner_text() == "Paragraph 3"
    report = send(page, api, dialog)
    check_anchor(report, model(page, "document.querySelector('article')"), "Paragraph 3")


def test_link_asks_for_a_quote_when_no_paragraph_is_in_view(
    context: Any, api: Api, hosts: Hosts
) -> None:
    body = (f"<div>{LINK}</div><div style='height:3000px'></div>"
            "<article><h1>Storm closes the pass</h1><p>Far below.</p></article>")
    page = context.new_page()
    page.goto(hosts.add("/link-quote", api.page(body)))
    page.get_by_role("link", name="Report an error").click()
    dialog = dialog_of(page)
    assert dialog.locator("blockquote").count() == 0
    quote = dialog.get_by_label("Text with the error")
    assert quote.evaluate("el => el.getRootNode().activeElement === el")
    # Send without a quote: the field is required, nothing is sent.
    dialog.get_by_role("button", name="Send").click()
    assert api.reports() == []
    quote.fill("Far belw")
    dialog.get_by_label("Comment (optional)").fill("typo")
    report = send(page, api, dialog)
    assert report["exact"] == "Far belw"
    assert "start" not in report and "suggestion" not in report
    assert report["comment"] == "typo"
    assert page.evaluate("location.hash") == ""


def luminance(css_colour: str) -> float:
    r, g, b = (int(x) for x in re.findall(r"\d+", css_colour)[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


@pytest.mark.parametrize(
    ("os_scheme", "css", "dark"),
    [
        ("dark", "", False),  # a light page in a dark OS: light dialog
        ("light", "body { background: #111; color: #eee }", True),
        ("light", ":root { color-scheme: dark }", True),
        ("dark", ":root { color-scheme: light dark }", True),
        ("light", ":root { color-scheme: light dark }", False),
        ("dark", ":root { color-scheme: dark } body { background: #fafafa }", False),
        ("light", "article { background: rgb(20, 20, 30); color: #ddd }", True),
    ],
)
def test_dialog_follows_the_page_colours(browser: Any, api: Api, hosts: Hosts, os_scheme: str,
                                         css: str, dark: bool) -> None:
    ctx = browser.new_context(color_scheme=os_scheme)
    try:
        page = ctx.new_page()
        body = "<article><h1>Storm closes the pass</h1><p>Lows of 4 Celsius.</p></article>"
        head = f"<style>{css}</style>"
        page.goto(hosts.add(f"/theme-{os_scheme}-{abs(hash(css))}", api.page(body, head=head)))
        page.evaluate("""() => {
            const t = document.querySelector('p').firstChild;
            const r = document.createRange(); r.setStart(t, 8); r.setEnd(t, 9);
            getSelection().removeAllRanges(); getSelection().addRange(r);
        }""")
        page.keyboard.press("Control+Enter")
        dialog = dialog_of(page)
        background, text = dialog.evaluate(
            "el => { const s = getComputedStyle(el); return [s.backgroundColor, s.color]; }")
        assert (luminance(background) < 0.5) is dark
        assert (luminance(text) > 0.5) is dark
    finally:
        ctx.close()


def test_accent_and_font_from_css_custom_properties(context: Any, api: Api,
                                                    hosts: Hosts) -> None:
    head = ("<style>:root { --copydesk-accent: rgb(0, 110, 60); } copydesk-widget "
            "{ --copydesk-font: 'Courier New', monospace; }</style>")
    body = "<article><h1>Storm</h1><p>Lows of 4 Celsius.</p></article>"
    page = context.new_page()
    page.goto(hosts.add("/accent", api.page(body, head=head)))
    page.evaluate("""() => {
        const t = document.querySelector('p').firstChild;
        const r = document.createRange(); r.setStart(t, 0); r.setEnd(t, 4);
        getSelection().removeAllRanges(); getSelection().addRange(r);
    }""")
    page.keyboard.press("Control+Enter")
    dialog = dialog_of(page)
    send_button = dialog.get_by_role("button", name="Send")
    assert send_button.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(0, 110, 60)"
    assert "Courier New" in dialog.evaluate("el => getComputedStyle(el).fontFamily")


def test_right_to_left_quote_keeps_its_direction(context: Any, api: Api,
                                                 hosts: Hosts) -> None:
    body = "<article><h1>عنوان</h1><p>قال رئيس البلدية إن جده جُند في الجيش عام 1943.</p></article>"
    page = context.new_page()
    page.goto(hosts.add("/rtl", api.page(body, lang="ar", html_attrs=' dir="rtl"')))
    page.evaluate("""() => {
        const t = document.querySelector('p').firstChild;
        const r = document.createRange(); r.setStart(t, 4); r.setEnd(t, 9);
        getSelection().removeAllRanges(); getSelection().addRange(r);
    }""")
    page.keyboard.press("Control+Enter")
    dialog = dialog_of(page)
    assert dialog.locator("blockquote").evaluate("el => el.matches(':dir(rtl)')")
    assert dialog.get_by_label("Suggested correction").evaluate("el => el.matches(':dir(rtl)')")
    # The dialog itself is in its own language (English here), left to right.
    assert dialog.evaluate("el => el.matches(':dir(ltr)')")
