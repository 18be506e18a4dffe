""""Tell me when this is fixed": the dialog's optional e-mail field, only on pages whose
script tag has data-notify="on", in its own chunk; what the report body carries; the
server's refusal of an address (Chromium)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.widget.conftest import Api, Hosts
from tests.widget.test_browser import HOSTILE_CSS
from tests.widget.test_sending import ARTICLE, CLIENT_ID, Script, Select, error

pytestmark = pytest.mark.browser

LABEL = "Your e-mail (optional)"
CONSENT = "E-mail me once when this is fixed. We keep the address only until then."
INVALID = "This e-mail address cannot be used. Correct it or leave the field empty."
NOTIFY_CHUNK = re.compile(r"/widget/[0-9a-f]{16}/notify-\w+\.js$")


def _chunks(page: Any, api: Api) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url) if r.url.startswith(api.url + "/widget")
            else None)
    return seen


def _open(page: Any, select_text: Select, name: str = "Report an error") -> Any:
    select_text(page, "into to")
    page.keyboard.press("Control+Enter")
    dialog = page.get_by_role("dialog", name=name)
    dialog.get_by_role("textbox").first.wait_for()
    return dialog


@pytest.mark.parametrize("attrs", ["", 'data-notify="off"', "data-notify"],
                         ids=["absent", "off", "empty"])
def test_no_field_and_no_chunk_without_the_opt_in(
    context: Any, api: Api, hosts: Hosts, select_text: Select, attrs: str
) -> None:
    page = context.new_page()
    seen = _chunks(page, api)
    page.goto(hosts.add("/no-notify", api.page(ARTICLE, attrs=attrs)))
    script = Script(page, api, [])
    dialog = _open(page, select_text)
    assert dialog.get_by_label(LABEL).count() == 0
    assert dialog.locator("input[type=email]").count() == 0
    assert dialog.get_by_text(CONSENT).count() == 0
    dialog.get_by_role("button", name="Send").click()
    dialog.get_by_text("Thank you").wait_for()
    [body] = script.bodies
    assert "notify_email" not in body and "notify_consent" not in body
    # The dialog and its strings were fetched, nothing for the field.
    assert any(u.endswith("/dialog.js") for u in seen)
    assert any(u.endswith("/en.js") for u in seen)
    assert not [u for u in seen if "notify" in u]


def test_field_with_the_opt_in_sends_nothing_when_empty(
    context: Any, api: Api, hosts: Hosts, select_text: Select
) -> None:
    page = context.new_page()
    seen = _chunks(page, api)
    page.goto(hosts.add("/notify-empty", api.page(ARTICLE, attrs='data-notify="on"')))
    script = Script(page, api, [])
    dialog = _open(page, select_text)
    field = dialog.get_by_label(LABEL)
    assert field.is_visible()
    assert field.get_attribute("type") == "email"
    assert field.get_attribute("autocomplete") == "email"
    assert field.get_attribute("maxlength") == "254"
    # The consent text is visible and is the field's description.
    assert dialog.get_by_text(CONSENT).is_visible()
    described = field.evaluate(
        "el => el.getRootNode().getElementById(el.getAttribute('aria-describedby')).textContent")
    assert described == CONSENT
    # Under the comment, before the buttons, in the tab order.
    dialog.get_by_label("Comment (optional)").focus()
    page.keyboard.press("Tab")
    assert field.evaluate("el => el.getRootNode().activeElement === el")
    # Typed and cleared again: nothing is sent about it.
    field.fill("reader@example.org")
    field.fill("")
    dialog.get_by_role("button", name="Send").click()
    dialog.get_by_text("Thank you").wait_for()
    [body] = script.bodies
    assert "notify_email" not in body and "notify_consent" not in body
    assert [u for u in seen if NOTIFY_CHUNK.search(u)] == [
        u for u in seen if u.endswith("/notify-en.js")]
    assert len([u for u in seen if u.endswith("/notify-en.js")]) == 1
    [report] = api.wait_for_reports()
    assert report["exact"] == "into to"


def test_filled_field_sends_the_address_and_the_consent(
    context: Any, api: Api, hosts: Hosts, select_text: Select
) -> None:
    page = context.new_page()
    page.goto(hosts.add("/notify-filled", api.page(ARTICLE, attrs='data-notify="on"')))
    script = Script(page, api, [])
    dialog = _open(page, select_text)
    dialog.get_by_label(LABEL).fill("Reader.One@Example.ORG")
    page.keyboard.press("Control+Enter")
    dialog.get_by_text("Thank you").wait_for()
    [body] = script.bodies
    assert body["notify_email"] == "Reader.One@Example.ORG"
    assert body["notify_consent"] is True
    assert body["exact"] == "into to"
    # The real server took it (201): the report is stored.
    assert len(api.wait_for_reports()) == 1


def test_an_address_the_server_refuses_is_not_sent(
    context: Any, api: Api, hosts: Hosts, select_text: Select
) -> None:
    page = context.new_page()
    page.goto(hosts.add("/notify-local", api.page(ARTICLE, attrs='data-notify="on"')))
    script = Script(page, api, [])
    dialog = _open(page, select_text)
    field = dialog.get_by_label(LABEL)
    # A type=email input takes these; copydesk's rule (copydesk.readers.address) does not.
    for bad in ("reader@example", "reader..one@example.org", "reader@example.123"):
        field.fill(bad)
        dialog.get_by_role("button", name="Send").click()
        assert field.evaluate("el => el.validationMessage") == INVALID
        assert field.evaluate("el => el.getRootNode().activeElement === el")
    assert script.bodies == []
    field.fill("reader@example.org")
    assert field.evaluate("el => el.validity.valid")
    dialog.get_by_role("button", name="Send").click()
    dialog.get_by_text("Thank you").wait_for()
    [body] = script.bodies
    assert body["notify_email"] == "reader@example.org"


def test_refused_address_is_said_and_can_be_corrected(
    context: Any, api: Api, hosts: Hosts, select_text: Select
) -> None:
    page = context.new_page()
    page.goto(hosts.add("/notify-422", api.page(ARTICLE, attrs='data-notify="on"')))
    script = Script(page, api, [(422, {}, error("invalid_email"))])
    dialog = _open(page, select_text)
    field = dialog.get_by_label(LABEL)
    field.fill("reader@example.org")
    dialog.get_by_label("Comment (optional)").fill("Doubled word")
    dialog.get_by_role("button", name="Send").click()
    dialog.get_by_role("status").get_by_text(INVALID).wait_for()
    # Not the generic refusal: the report and what was typed stay, the field has focus.
    assert dialog.get_by_text("The report was not accepted").count() == 0
    assert field.evaluate("el => el.getRootNode().activeElement === el")
    assert field.get_attribute("aria-invalid") == "true"
    assert dialog.get_by_label("Comment (optional)").input_value() == "Doubled word"
    # Unchanged, it is not sent again.
    dialog.get_by_role("button", name="Try again").click()
    assert len(script.bodies) == 1
    field.fill("reader@example.net")
    assert field.get_attribute("aria-invalid") is None
    dialog.get_by_role("button", name="Try again").click()
    dialog.get_by_text("Thank you").wait_for()
    first, second = script.bodies
    assert second["notify_email"] == "reader@example.net" and second["notify_consent"] is True
    assert second["comment"] == "Doubled word"
    # Another address is another report.
    assert CLIENT_ID.fullmatch(second["client_id"])
    assert second["client_id"] != first["client_id"]
    assert len(api.wait_for_reports()) == 1


def test_other_refusals_keep_their_messages(
    context: Any, api: Api, hosts: Hosts, select_text: Select
) -> None:
    page = context.new_page()
    page.goto(hosts.add("/notify-other", api.page(ARTICLE, attrs='data-notify="on"')))
    Script(page, api, [(422, {}, error("consent_required"))])
    dialog = _open(page, select_text)
    dialog.get_by_label(LABEL).fill("reader@example.org")
    dialog.get_by_role("button", name="Send").click()
    dialog.get_by_text("The report was not accepted: it is not valid.").wait_for()
    assert dialog.get_by_role("button", name="Try again").count() == 0


def test_ukrainian(context: Any, api: Api, hosts: Hosts, select_text: Select) -> None:
    page = context.new_page()
    seen = _chunks(page, api)
    page.goto(hosts.add("/notify-uk", api.page(ARTICLE, lang="uk", attrs='data-notify="on"')))
    script = Script(page, api, [(422, {}, error("invalid_email"))])
    dialog = _open(page, select_text, "Повідомити про помилку")
    field = dialog.get_by_label("Ваш e-mail (необов'язково)")
    dialog.get_by_text("Напишіть мені один раз, коли це виправлять. "
                       "Адресу зберігаємо лише до того часу.").wait_for()
    field.fill("reader@example")
    dialog.get_by_role("button", name="Надіслати").click()
    uk_invalid = ("Цю адресу e-mail не можна використати. "
                  "Виправте її або залиште поле порожнім.")
    assert field.evaluate("el => el.validationMessage") == uk_invalid
    field.fill("reader@example.org")
    dialog.get_by_role("button", name="Надіслати").click()
    dialog.get_by_role("status").get_by_text(uk_invalid).wait_for()
    assert dialog.get_by_role("button", name="Спробувати ще раз").is_visible()
    assert [u.rsplit("/", 1)[1] for u in seen if "notify" in u] == ["notify-uk.js"]
    assert script.bodies[0]["lang"] == "uk"


def test_field_under_strict_csp_and_hostile_css(
    context: Any, api: Api, hosts: Hosts, select_text: Select
) -> None:
    css_url = hosts.add("/hostile-notify.css", HOSTILE_CSS, {"Content-Type": "text/css"})
    csp = (f"default-src 'self'; script-src {api.url}; connect-src {api.url}; "
           "require-trusted-types-for 'script'; trusted-types 'none'")
    page_html = api.page(ARTICLE, head=f'<link rel="stylesheet" href="{css_url}">',
                         attrs='data-notify="on"')
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(hosts.add("/hostile-notify", page_html, {"Content-Security-Policy": csp}))
    page.evaluate("addEventListener('securitypolicyviolation', e => "
                  "(window.violations ||= []).push(e.violatedDirective))")
    dialog = _open(page, select_text)
    field = dialog.get_by_label(LABEL)
    comment = dialog.get_by_label("Comment (optional)")
    # As wide as the comment, in the dialog's font.
    widths = [x.evaluate("el => el.getBoundingClientRect().width") for x in (field, comment)]
    assert widths[0] == pytest.approx(widths[1], abs=1)
    fonts = [x.evaluate("el => getComputedStyle(el).fontFamily") for x in (field, comment)]
    assert fonts[0] == fonts[1]
    field.fill("reader@example.org")
    dialog.get_by_role("button", name="Send").click()
    dialog.get_by_text("Thank you").wait_for()
    assert len(api.wait_for_reports()) == 1
    assert page.evaluate("window.violations || []") == []
    assert errors == []
