"""The widget on real page structures (tests/widget/pages.py), in Chromium.

For every page: selections in navigation, the site's forms and dialogs stay
unreportable; every reported phrase is anchored in the expected article root, and the
sent and the stored report satisfy docs/widget.md's text model exactly:
``text[start:end] == exact`` with ``prefix``/``suffix`` the text around it.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from tests.widget.conftest import Api, Hosts
from tests.widget.pages import PAGES, Page

pytestmark = pytest.mark.browser

# The text model, written independently of the widget: Text nodes in document order,
# skipping <script>, <style>, <noscript> and <template>.
MODEL_JS = """(root) => {
  let s = "";
  const walk = (n) => {
    for (const c of n.childNodes) {
      if (c.nodeType === 3) s += c.data;
      else if (c.nodeType === 1 && !/^(script|style|noscript|template)$/i.test(c.nodeName))
        walk(c);
    }
  };
  walk(root);
  return s;
}"""

# Select the nth occurrence of a phrase (inside one Text node, outside script and
# style), looking into open shadow roots too.
SELECT_JS = """([text, nth]) => {
  let seen = 0;
  const find = (root) => {
    for (const c of root.childNodes) {
      if (c.nodeType === 3) {
        let from = 0, i;
        while ((i = c.data.indexOf(text, from)) >= 0) {
          if (seen++ === nth) return [c, i];
          from = i + 1;
        }
      } else if (c.nodeType === 1 && !/^(script|style|noscript|template)$/i.test(c.nodeName)) {
        const hit = (c.shadowRoot && find(c.shadowRoot)) || find(c);
        if (hit) return hit;
      }
    }
  };
  const hit = find(document.body);
  if (!hit) return false;
  const r = document.createRange();
  r.setStart(hit[0], hit[1]);
  r.setEnd(hit[0], hit[1] + text.length);
  getSelection().removeAllRanges();
  getSelection().addRange(r);
  return true;
}"""


def select(page: Any, text: str, nth: int = 0) -> None:
    assert page.evaluate(SELECT_JS, [text, nth]), f"{text!r} #{nth} not on the page"


def model(page: Any, root: str) -> str:
    return page.evaluate(f"({MODEL_JS})({root})")  # type: ignore[no-any-return]


def check_anchor(report: dict[str, Any], text: str, phrase: str) -> None:
    start, end = report["start"], report["end"]
    assert report["exact"] == phrase
    assert text[start:end] == phrase
    assert report["prefix"] == text[max(0, start - 32) : start]
    assert report["suffix"] == text[end : end + 32]


def capture(page: Any, api: Api) -> list[dict[str, Any]]:
    bodies: list[dict[str, Any]] = []

    def on_request(request: Any) -> None:
        if request.method == "POST" and request.url == api.url + "/api/v1/reports":
            bodies.append(json.loads(request.post_data))

    page.on("request", on_request)
    return bodies


@pytest.mark.parametrize("spec", PAGES, ids=lambda p: p.name)
def test_page_structure(context: Any, api: Api, hosts: Hosts, spec: Page) -> None:
    assert len(PAGES) >= 20
    page = context.new_page()
    bodies = capture(page, api)
    html = api.page(spec.body, head=spec.head, attrs=spec.attrs, lang=spec.lang,
                    html_attrs=spec.html_attrs)
    page.goto(hosts.add(f"/pages/{spec.name}", html))
    dialog = page.get_by_role("dialog", name="Report an error")
    for n, (phrase, nth, *own_root) in enumerate(spec.report):
        if n == 0:
            # Unreportable selections do nothing: had one opened the dialog, it would
            # show that phrase instead of the reportable one selected after it.
            for ignored in spec.ignored:
                select(page, ignored)
                page.keyboard.press("Control+Enter")
            # (A reader then clicks into the article: focus leaves any editable region.)
            page.evaluate("document.activeElement && document.activeElement.blur()")
        select(page, phrase, nth)
        page.keyboard.press("Control+Enter")
        assert dialog.locator("blockquote mark").inner_text() == re.sub(r"\s+", " ", phrase)
        dialog.get_by_role("button", name="Send").click()
        dialog.get_by_text("Thank you").wait_for()
        dialog.get_by_role("button", name="Close").click()
        assert page.get_by_role("dialog", name="Report an error").count() == 0
        text = model(page, own_root[0] if own_root else spec.root)
        check_anchor(bodies[-1], text, phrase)
    assert len(bodies) == len(spec.report)
    stored = api.wait_for_reports(len(spec.report))
    assert len(stored) == len(spec.report)
    for row, body in zip(stored, bodies, strict=True):
        assert {k: row[k] for k in ("exact", "prefix", "suffix", "start", "end")} == {
            k: body[k] for k in ("exact", "prefix", "suffix", "start", "end")
        }


def test_two_readers_get_the_same_root(browser: Any, api: Api, hosts: Hosts) -> None:
    """The root depends on the page, not on where in the story each reader selects."""
    spec = next(p for p in PAGES if p.name == "headline_outside_the_body")
    url = hosts.add("/pages/two-readers", api.page(spec.body))
    sent = []
    for phrase in ("Storm closes", "into to"):
        ctx = browser.new_context()
        page = ctx.new_page()
        bodies = capture(page, api)
        page.goto(url)
        select(page, phrase)
        page.keyboard.press("Control+Enter")
        dialog = page.get_by_role("dialog", name="Report an error")
        dialog.get_by_role("button", name="Send").click()
        dialog.get_by_text("Thank you").wait_for()
        text = model(page, "document.body")
        sent.append((bodies[0], text))
        ctx.close()
    (headline, text1), (body, text2) = sent
    assert text1 == text2
    # Both offsets are in main's text, which starts with the headline.
    main_start = text1.index("Storm closes")
    assert headline["start"] == 0
    assert body["start"] == text1.index("into to") - main_start


def test_story_in_an_iframe_with_its_own_script(context: Any, api: Api, hosts: Hosts) -> None:
    frame_url = hosts.add("/pages/frame-story", api.page(
        "<article><h1>Framed story</h1><p>The framed story has a mistaek in it.</p></article>"))
    page = context.new_page()
    page.goto(hosts.add("/pages/frame-host", api.page(
        f"<p>Host page text.</p><iframe src='{frame_url}' width=600 height=300></iframe>")))
    frame = page.frame_locator("iframe")
    frame.get_by_text("mistaek").wait_for()
    inner = next(f for f in page.frames if f.url == frame_url)
    select(inner, "mistaek")
    inner.evaluate("document.body.tabIndex = -1; document.body.focus()")
    page.keyboard.press("Control+Enter")
    dialog = frame.get_by_role("dialog", name="Report an error")
    dialog.get_by_role("button", name="Send").click()
    dialog.get_by_text("Thank you").wait_for()
    [report] = api.wait_for_reports()
    assert report["url"] == frame_url
    check_anchor(report, model(inner, "document.querySelector('article')"), "mistaek")
