"""The widget in a real browser against the real copydesk app."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest

from tests.widget.conftest import Api, Hosts

pytestmark = pytest.mark.browser

ARTICLE = """
<header><h1>Storm closes the northern pass</h1><nav><p>Menu text outside the article</p></nav>
</header>
<article>
  <p>Road crews closed the northern pass on Tuesday after a storm brought
  lows of 4 Celsius (4F) to the valley.</p>
  <p>Her grandfather was drafted into to the army in 1943, the mayor recalled.</p>
  <p><a id="more" href="#more">Read more</a></p>
</article>
"""

Select = Callable[..., None]


def open_dialog(page: Any, select_text: Select, phrase: str, nth: int = 0,
                key: str = "Control+Enter") -> Any:
    select_text(page, phrase, nth)
    page.keyboard.press(key)
    dialog = page.get_by_role("dialog", name="Report an error")
    dialog.wait_for()
    return dialog


def test_nothing_is_added_before_use(context: Any, api: Api, hosts: Hosts) -> None:
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(hosts.add("/quiet", api.page(ARTICLE)))
    page.wait_for_load_state("networkidle")
    assert page.locator("copydesk-widget").count() == 0
    assert [u for u in requests if u.startswith(api.url)] == [api.url + "/widget.js"]


def test_desktop_flow(context: Any, api: Api, hosts: Hosts, select_text: Select) -> None:
    page = context.new_page()
    url = hosts.add("/2026/storm", api.page(ARTICLE))
    page.goto(url)
    dialog = open_dialog(page, select_text, "into to")
    quote = dialog.locator("blockquote")
    assert quote.locator("mark").inner_text() == "into to"
    assert "was drafted" in quote.inner_text()
    suggestion = dialog.get_by_label("Suggested correction")
    assert suggestion.input_value() == "into to"
    assert suggestion.evaluate("el => el.getRootNode().activeElement === el")
    suggestion.fill("into")
    dialog.get_by_label("Comment").fill("Doubled word")
    with page.expect_response(api.url + "/api/v1/reports") as response:
        dialog.get_by_role("button", name="Send").click()
    assert response.value.status == 201
    dialog.get_by_text("Thank you").wait_for()

    [report] = api.wait_for_reports()
    # The headline sits outside <article>: the root is their common ancestor, <body>.
    text = page.evaluate("document.body.textContent")
    start = text.index("into to")
    assert report["exact"] == "into to"
    assert (report["start"], report["end"]) == (start, start + len("into to"))
    assert report["prefix"] == text[start - 32 : start]
    assert report["suffix"] == text[start + 7 : start + 7 + 32]
    assert report["suggestion"] == "into"
    assert report["comment"] == "Doubled word"
    assert report["url"] == url
    assert report["title"] == "Storm closes the northern pass"
    assert report["lang"] == "en"

    dialog.get_by_role("button", name="Close").click()
    assert page.get_by_role("dialog").count() == 0


def test_meta_enter_and_canonical_url(context: Any, api: Api, hosts: Hosts,
                                      select_text: Select) -> None:
    page = context.new_page()
    head = '<link rel="canonical" href="/2026/storm-canonical">'
    page.goto(hosts.add("/2026/storm?utm_source=x#top", api.page(ARTICLE, head=head)))
    dialog = open_dialog(page, select_text, "4F", key="Meta+Enter")
    dialog.get_by_label("Suggested correction").fill("39F")
    dialog.get_by_role("button", name="Send").click()
    dialog.get_by_text("Thank you").wait_for()
    [report] = api.wait_for_reports()
    assert report["url"] == hosts.url + "/2026/storm-canonical"
    assert report["exact"] == "4F"


def test_ignored_in_form_fields_and_outside_the_article(
    context: Any, api: Api, hosts: Hosts, select_text: Select
) -> None:
    body = ARTICLE + '<form><input id="q" value="into to"><textarea id="t">x</textarea></form>'
    body += '<div id="ed" contenteditable="true">editable into to</div>'
    page = context.new_page()
    page.goto(hosts.add("/fields", api.page(body)))
    for field_id in ("q", "t", "ed"):
        select_text(page, "into to")
        page.focus(f"#{field_id}")
        page.keyboard.press("Control+Enter")
    # A selection in the navigation is ignored too.
    page.evaluate("document.activeElement.blur()")
    select_text(page, "Menu text")
    page.keyboard.press("Control+Enter")
    page.wait_for_timeout(300)
    assert page.locator("copydesk-widget").count() == 0
    # Nothing selected: ignored.
    page.evaluate("getSelection().removeAllRanges()")
    page.keyboard.press("Control+Enter")
    page.wait_for_timeout(300)
    assert page.get_by_role("dialog").count() == 0
    # And the shortcut still works once focus has left the fields.
    open_dialog(page, select_text, "into to")


def test_mobile_button(mobile_context: Any, api: Api, hosts: Hosts, select_text: Select) -> None:
    page = mobile_context.new_page()
    page.goto(hosts.add("/m/storm", api.page(ARTICLE)))
    select_text(page, "Celsius")
    button = page.get_by_role("button", name="Report an error")
    button.tap()
    dialog = page.get_by_role("dialog", name="Report an error")
    dialog.wait_for()
    assert dialog.get_by_label("Suggested correction").input_value() == "Celsius"
    dialog.get_by_label("Comment").fill("4 C is 39 F")
    dialog.get_by_role("button", name="Send").tap()
    dialog.get_by_text("Thank you").wait_for()
    [report] = api.wait_for_reports()
    assert report["exact"] == "Celsius"
    assert report["comment"] == "4 C is 39 F"
    assert report["suggestion"] == ""


def test_keyboard_only(context: Any, api: Api, hosts: Hosts, select_text: Select) -> None:
    page = context.new_page()
    page.goto(hosts.add("/kb", api.page(ARTICLE)))
    page.focus("#more")
    dialog = open_dialog(page, select_text, "army")
    suggestion = dialog.get_by_label("Suggested correction")
    comment = dialog.get_by_label("Comment")
    cancel = dialog.get_by_role("button", name="Cancel")
    send = dialog.get_by_role("button", name="Send")
    focused = "el => el.getRootNode().activeElement === el"
    assert suggestion.evaluate(focused)
    # Typing in the dialog does not reach the page's own keyboard shortcuts.
    page.evaluate("window.keys = 0; document.addEventListener('keydown', () => keys++)")
    page.keyboard.type("ab")
    assert suggestion.input_value() == "armyab"
    assert page.evaluate("window.keys") == 0
    for item in (comment, cancel, send):
        page.keyboard.press("Tab")
        assert item.evaluate(focused)
    # The modal dialog makes the page inert: Tab never reaches the page behind it.
    for _ in range(3):
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") != "more"
    suggestion.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    assert comment.evaluate(focused)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert send.evaluate(focused)
    # Esc with typed text asks first; Esc again keeps editing; Discard closes.
    page.keyboard.press("Escape")
    dialog.get_by_text("Discard what you typed?").wait_for()
    discard = dialog.get_by_role("button", name="Discard")
    assert discard.evaluate(focused)
    page.keyboard.press("Escape")
    assert dialog.get_by_text("Discard what you typed?").count() == 0
    assert suggestion.input_value() == "armyab"
    page.keyboard.press("Escape")
    page.keyboard.press("Enter")
    assert page.get_by_role("dialog").count() == 0
    assert page.evaluate("document.activeElement.id") == "more"

    # Nothing typed: Esc closes at once.
    open_dialog(page, select_text, "army")
    page.keyboard.press("Escape")
    assert page.get_by_role("dialog").count() == 0
    assert page.evaluate("document.activeElement.id") == "more"

    # Cancel closes it as well, and focus comes back again.
    dialog = open_dialog(page, select_text, "army")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert page.get_by_role("dialog").count() == 0
    assert page.evaluate("document.activeElement.id") == "more"
    assert api.reports() == []


@pytest.mark.parametrize(
    ("lang", "attrs", "strings"),
    [
        ("uk", "", ["Повідомити про помилку", "Пропоноване виправлення",
                    "Коментар (необов'язково)",
                    "Надіслати", "Скасувати", "Дякуємо"]),
        ("ru", "", ["Сообщить об ошибке", "Предлагаемое исправление",
                    "Комментарий (необязательно)",
                    "Отправить", "Отмена", "Спасибо"]),
        ("en", 'data-lang="ru-RU"', ["Сообщить об ошибке", "Предлагаемое исправление",
                                     "Комментарий (необязательно)", "Отправить", "Отмена",
                                     "Спасибо"]),
    ],
)
def test_translations(context: Any, api: Api, hosts: Hosts, select_text: Select, lang: str,
                      attrs: str, strings: list[str]) -> None:
    title, suggestion, comment, send, cancel, thanks = strings
    page = context.new_page()
    page.goto(hosts.add(f"/{lang}", api.page(ARTICLE, lang=lang, attrs=attrs)))
    select_text(page, "drafted")
    page.keyboard.press("Control+Enter")
    dialog = page.get_by_role("dialog", name=title)
    dialog.get_by_label(suggestion).fill("called up")
    dialog.get_by_label(comment).fill("…")
    dialog.get_by_role("button", name=cancel).wait_for()
    dialog.get_by_role("button", name=send).click()
    dialog.get_by_text(thanks).wait_for()
    [report] = api.wait_for_reports()
    assert report["lang"] == (attrs.split('"')[1] if attrs else lang)


def test_unknown_language_falls_back_to_english(context: Any, api: Api, hosts: Hosts,
                                                select_text: Select) -> None:
    page = context.new_page()
    page.goto(hosts.add("/nolang", api.page(ARTICLE, lang=None)))
    # open_dialog waits for the dialog by its English name; the fields are English too.
    dialog = open_dialog(page, select_text, "drafted")
    assert dialog.get_by_label("Suggested correction").is_visible()
    assert dialog.get_by_role("button", name="Send").is_visible()


def test_offline_report_is_sent_after_reconnecting(
    context: Any, api: Api, hosts: Hosts, select_text: Select
) -> None:
    page = context.new_page()
    page.goto(hosts.add("/offline", api.page(ARTICLE)))
    # Selecting text fetches the dialog chunk; then the connection drops.
    with page.expect_response(re.compile(r"/dialog\.js$")):
        select_text(page, "Tuesday")
    context.set_offline(True)
    page.keyboard.press("Control+Enter")
    dialog = page.get_by_role("dialog", name="Report an error")
    dialog.get_by_label("Comment").fill("It was Wednesday")
    dialog.get_by_role("button", name="Send").click()
    dialog.get_by_text("You are offline").wait_for()
    assert dialog.get_by_role("button", name="Try again").count() == 0
    outbox = json.loads(page.evaluate("localStorage.getItem('copydesk.outbox')"))
    assert [item["b"]["exact"] for item in outbox] == ["Tuesday"]
    assert api.reports() == []

    with page.expect_response(api.url + "/api/v1/reports"):
        context.set_offline(False)
    [report] = api.wait_for_reports()
    assert report["exact"] == "Tuesday"
    assert report["comment"] == "It was Wednesday"
    page.wait_for_function("localStorage.getItem('copydesk.outbox') === null")


def test_outbox_is_sent_on_next_page_load(
    context: Any, api: Api, hosts: Hosts, select_text: Select
) -> None:
    url = hosts.add("/later", api.page(ARTICLE))
    page = context.new_page()
    page.goto(url)
    with page.expect_response(re.compile(r"/dialog\.js$")):
        select_text(page, "valley")
    page.evaluate("Object.defineProperty(navigator, 'onLine', {get: () => false})")
    page.keyboard.press("Control+Enter")
    dialog = page.get_by_role("dialog", name="Report an error")
    dialog.get_by_role("button", name="Send").click()
    dialog.get_by_text("You are offline").wait_for()
    page.close()
    assert api.reports() == []

    page = context.new_page()
    with page.expect_response(api.url + "/api/v1/reports") as response:
        page.goto(url)
    assert response.value.status == 201
    [report] = api.wait_for_reports()
    assert report["exact"] == "valley"


def test_selected_markup_is_inert(context: Any, api: Api, hosts: Hosts,
                                  select_text: Select) -> None:
    payload = "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script><b>bold</b>"
    body = f"<article><p>Before {_escape(payload)} after.</p></article>"
    page = context.new_page()
    page.goto(hosts.add("/xss", api.page(body)))
    dialog = open_dialog(page, select_text, payload)
    mark = dialog.locator("blockquote mark")
    assert mark.inner_text() == payload
    assert mark.evaluate("el => el.children.length") == 0
    shadow_tags = page.evaluate(
        "[...document.querySelector('copydesk-widget').shadowRoot.querySelectorAll('*')]"
        ".map(e => e.tagName.toLowerCase())"
    )
    assert not {"img", "script", "b"} & set(shadow_tags)
    assert dialog.get_by_label("Suggested correction").input_value() == payload
    dialog.get_by_role("button", name="Send").click()
    dialog.get_by_text("Thank you").wait_for()
    assert page.evaluate("window.pwned") is None
    assert api.wait_for_reports()[0]["exact"] == payload


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


HOSTILE_CSS = """
* { all: unset !important; }
div, p, span, form, dialog, button, textarea, label, mark, h2 { display: none !important; }
copydesk-widget { display: none !important; opacity: 0 !important;
  position: fixed !important; transform: scale(0) !important; visibility: hidden !important; }
html, body { font-size: 40px !important; color: red !important; text-transform: uppercase; }
body { transform: translateX(10px); overflow: hidden; }
:root { --copydesk-accent: #8a1538; --copydesk-font: Georgia, serif; }
"""


def test_hostile_css_and_strict_csp(context: Any, api: Api, hosts: Hosts,
                                    select_text: Select) -> None:
    body = "<main><article><div><p>Lows of 4 Celsius (4F) were recorded.</p></div></article></main>"
    css_url = hosts.add("/hostile.css", HOSTILE_CSS, {"Content-Type": "text/css"})
    csp = (f"default-src 'self'; script-src {api.url}; connect-src {api.url}; "
           "require-trusted-types-for 'script'; trusted-types 'none'")
    page_html = api.page(body, head=f'<link rel="stylesheet" href="{css_url}">')
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(hosts.add("/hostile", page_html, {"Content-Security-Policy": csp}))
    page.evaluate(
        "addEventListener('securitypolicyviolation', e => "
        "(window.violations ||= []).push(e.violatedDirective))"
    )
    page.evaluate("""() => {
        const t = document.querySelector('p').firstChild;
        const r = document.createRange();
        r.setStart(t, t.data.indexOf('4F')); r.setEnd(t, t.data.indexOf('4F') + 2);
        getSelection().removeAllRanges(); getSelection().addRange(r);
    }""")
    page.keyboard.press("Control+Enter")
    dialog = page.get_by_role("dialog", name="Report an error")
    dialog.wait_for()
    box = dialog.bounding_box()
    assert box is not None
    assert box["width"] > 200
    assert box["height"] > 150
    styles = dialog.evaluate(
        "el => { const s = getComputedStyle(el); return [s.fontSize, s.color, s.display]; }"
    )
    assert styles == ["16px", "rgb(0, 0, 0)", "block"]
    # The page's accent and font apply, under hostile CSS and without any style attribute.
    send = dialog.get_by_role("button", name="Send")
    assert send.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(138, 21, 56)"
    assert "Georgia" in dialog.evaluate("el => getComputedStyle(el).fontFamily")
    dialog.get_by_label("Suggested correction").fill("39F")
    dialog.get_by_role("button", name="Send").click()
    dialog.get_by_text("Thank you").wait_for()
    assert api.wait_for_reports()[0]["exact"] == "4F"
    assert page.evaluate("window.violations || []") == []
    assert errors == []


def test_repeated_phrase_records_the_right_occurrence(
    context: Any, api: Api, hosts: Hosts, select_text: Select
) -> None:
    paragraphs = [
        "On Monday the council met.",
        "Critics said the council ignored the report.",
        "<style>.x { color: red }</style><script>var theCouncil = 1;</script>"
        "By Friday, the council had voted twice.",
        "Residents wrote to the council again.",
    ]
    body = "<article>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article>"
    page = context.new_page()
    page.goto(hosts.add("/council", api.page(body)))
    dialog = open_dialog(page, select_text, "the council", nth=2)
    dialog.get_by_role("button", name="Send").click()
    dialog.get_by_text("Thank you").wait_for()
    [report] = api.wait_for_reports()
    text = "".join(re.sub(r"<(style|script)>.*?</\1>", "", p) for p in paragraphs)
    start = text.index("By Friday, the council") + len("By Friday, ")
    assert (report["start"], report["end"]) == (start, start + len("the council"))
    assert report["exact"] == "the council"
    assert report["prefix"] == text[start - 32 : start]
    assert report["prefix"].endswith("the report.By Friday, ")
    assert report["suffix"] == text[start + 11 : start + 11 + 32]


def test_request_is_plain_text_without_credentials(
    context: Any, api: Api, hosts: Hosts, select_text: Select
) -> None:
    context.add_cookies([{"name": "session", "value": "s3cret", "url": api.url}])
    page = context.new_page()
    page.goto(hosts.add("/plain", api.page(ARTICLE)))
    dialog = open_dialog(page, select_text, "valley")
    with page.expect_request(api.url + "/api/v1/reports") as request:
        dialog.get_by_role("button", name="Send").click()
    headers = request.value.all_headers()
    assert headers["content-type"] == "text/plain"
    assert "cookie" not in headers
    assert headers["origin"] == hosts.url
    dialog.get_by_text("Thank you").wait_for()


def test_data_root_and_data_endpoint(context: Any, api: Api, hosts: Hosts,
                                     select_text: Select) -> None:
    body = (
        "<article><p>Standfirst: the pass is closed.</p>"
        '<div id="story"><p>The pass is closed until Friday.</p></div></article>'
    )
    other = "http://127.0.0.1:9/elsewhere"
    attrs = f'data-root="#story" data-endpoint="{other}/"'
    page = context.new_page()
    sent: list[dict[str, Any]] = []

    def fake_api(route: Any) -> None:
        sent.append(json.loads(route.request.post_data))
        route.fulfill(status=201, headers={"Access-Control-Allow-Origin": "*"},
                      json={"id": 1, "group": 1, "duplicate": False})

    page.route(other + "/api/v1/reports", fake_api)
    page.goto(hosts.add("/root", api.page(body, attrs=attrs)))
    # Outside the configured root (though inside <article>): ignored.
    select_text(page, "the pass is closed")
    page.keyboard.press("Control+Enter")
    page.wait_for_timeout(300)
    assert page.get_by_role("dialog").count() == 0
    dialog = open_dialog(page, select_text, "pass is closed", nth=1)
    dialog.get_by_role("button", name="Send").click()
    dialog.get_by_text("Thank you").wait_for()
    [report] = sent
    assert (report["exact"], report["start"], report["end"]) == ("pass is closed", 4, 18)
    assert report["prefix"] == "The "
    assert report["suffix"] == " until Friday."
    assert api.reports() == []


def test_offsets_count_code_points(context: Any, api: Api, hosts: Hosts,
                                   select_text: Select) -> None:
    text = "Fans 🎉🎉 cheered as the teem scored 𝟛 goals in extra time at the stadium."
    page = context.new_page()
    page.goto(hosts.add("/emoji", api.page(f"<article><p>{text}</p></article>")))
    dialog = open_dialog(page, select_text, "teem")
    dialog.get_by_role("button", name="Send").click()
    dialog.get_by_text("Thank you").wait_for()
    [report] = api.wait_for_reports()
    start = text.index("teem")
    assert (report["start"], report["end"]) == (start, start + 4)
    assert report["prefix"] == text[max(0, start - 32) : start]
    assert report["suffix"] == text[start + 4 : start + 4 + 32]
