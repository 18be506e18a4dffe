"""Sending: one client_id per report, automatic resends, honest messages (Chromium)."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from typing import Any

import pytest

from tests.widget.conftest import Api, Hosts

pytestmark = pytest.mark.browser

ARTICLE = """<article><h1>Storm closes the northern pass</h1>
<p>Road crews closed the northern pass on Tuesday after a storm.</p>
<p>Her grandfather was drafted into to the army in 1943, the mayor recalled.</p></article>"""

CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": "Retry-After"}
CLIENT_ID = re.compile(r"[A-Za-z0-9_-]{22}")
Select = Callable[..., None]


def error(code: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": code, "field": None}}


class Script:
    """Answers the widget's POSTs from a list, then lets them reach the real API."""

    def __init__(self, page: Any, api: Api, answers: list[Any]) -> None:
        self.answers = list(answers)
        self.bodies: list[dict[str, Any]] = []
        page.route(api.url + "/api/v1/reports", self)

    def __call__(self, route: Any) -> None:
        self.bodies.append(json.loads(route.request.post_data))
        answer = self.answers.pop(0) if self.answers else None
        if answer is None:
            route.continue_()
        elif answer == "abort":
            route.abort("connectionclosed")
        else:
            status, headers, body = answer
            route.fulfill(status=status, headers={**CORS, **headers}, json=body)


def open_and_send(page: Any, select_text: Select, phrase: str = "into to") -> Any:
    select_text(page, phrase)
    page.keyboard.press("Control+Enter")
    dialog = page.get_by_role("dialog", name="Report an error")
    dialog.get_by_role("button", name="Send").click()
    return dialog


def outbox(page: Any) -> list[dict[str, Any]]:
    return json.loads(page.evaluate("localStorage.getItem('copydesk.outbox') || '[]'"))


@pytest.mark.parametrize(
    "failure",
    [(503, {"Retry-After": "1"}, error("store_interrupted")), "abort",
     (500, {}, error("internal"))],
    ids=["503-retry-after", "connection-closed", "500"],
)
def test_widget_resends_by_itself_with_the_same_client_id(
    context: Any, api: Api, hosts: Hosts, select_text: Select, failure: Any
) -> None:
    page = context.new_page()
    page.goto(hosts.add("/resend", api.page(ARTICLE)))
    script = Script(page, api, [failure])
    dialog = open_and_send(page, select_text)
    dialog.get_by_text("The server cannot be reached. The report is kept").wait_for()
    assert dialog.get_by_text("You are offline").count() == 0
    # No button to press: the widget sends it again itself.
    dialog.get_by_text("Thank you").wait_for()
    first, second = script.bodies
    assert CLIENT_ID.fullmatch(first["client_id"])
    assert second == first
    [report] = api.wait_for_reports()
    assert report["exact"] == "into to"
    page.wait_for_function("localStorage.getItem('copydesk.outbox') === null")


def test_every_report_has_its_own_client_id(context: Any, api: Api, hosts: Hosts,
                                            select_text: Select) -> None:
    page = context.new_page()
    page.goto(hosts.add("/ids", api.page(ARTICLE)))
    script = Script(page, api, [])
    ids = []
    for phrase in ("into to", "Tuesday"):
        dialog = open_and_send(page, select_text, phrase)
        dialog.get_by_text("Thank you").wait_for()
        dialog.get_by_role("button", name="Close").click()
        ids.append(script.bodies[-1]["client_id"])
    assert len(set(ids)) == 2
    assert all(CLIENT_ID.fullmatch(i) for i in ids)


def test_resend_continues_on_the_next_page_load(context: Any, api: Api, hosts: Hosts,
                                                select_text: Select) -> None:
    url = hosts.add("/later-5xx", api.page(ARTICLE))
    page = context.new_page()
    page.goto(url)
    # (Should this page resend before it is closed, it gets another 503.)
    script = Script(page, api, [(503, {"Retry-After": "2"}, error("store_interrupted"))] * 5)
    dialog = open_and_send(page, select_text)
    dialog.get_by_text("will be sent automatically").wait_for()
    [kept] = outbox(page)
    page.close()
    assert api.reports() == []

    page = context.new_page()
    with page.expect_request(api.url + "/api/v1/reports") as request:
        page.goto(url)
    assert json.loads(request.value.post_data)["client_id"] == script.bodies[0]["client_id"]
    assert kept["b"]["client_id"] == script.bodies[0]["client_id"]
    [report] = api.wait_for_reports()
    assert report["exact"] == "into to"
    page.wait_for_function("localStorage.getItem('copydesk.outbox') === null")


def test_outbox_gives_up_after_seven_days(context: Any, api: Api, hosts: Hosts) -> None:
    url = hosts.add("/old", api.page(ARTICLE))
    # The outbox is written from a page of the same origin without the widget, so no
    # widget but the one under test can flush it (to the real API) meanwhile.
    page = context.new_page()
    page.goto(hosts.add("/blank", "<!doctype html><title>blank</title>"))
    now = int(time.time() * 1000)
    old = {"client_id": "A" * 22, "site": api.site.key, "url": url, "exact": "old"}
    new = {"client_id": "B" * 22, "site": api.site.key, "url": url, "exact": "new"}
    # Ten attempts already: the next one, if kept, is minutes away (no race with the test).
    items = [{"e": api.url, "b": old, "n": 10, "t": now - 8 * 86_400_000, "a": 0},
             {"e": api.url, "b": new, "n": 10, "t": now - 86_400_000, "a": 0}]
    page.evaluate("items => localStorage.setItem('copydesk.outbox', JSON.stringify(items))",
                  items)
    page.close()
    page = context.new_page()
    script = Script(page, api, [(503, {}, error("x")), (503, {}, error("x"))])
    page.goto(url)
    # The old report is dropped before the new one's attempt is counted: wait for both.
    page.wait_for_function(
        "(o => o.length === 1 && o[0].n === 11)"
        "(JSON.parse(localStorage.getItem('copydesk.outbox')) || [])"
    )
    [left] = outbox(page)
    assert left["b"]["client_id"] == "B" * 22
    assert left["n"] == 11
    assert left["a"] - now > 60_000
    assert {b["client_id"] for b in script.bodies} == {"A" * 22, "B" * 22}


def test_rate_limited_says_when_to_try_again(context: Any, api: Api, hosts: Hosts,
                                             select_text: Select) -> None:
    page = context.new_page()
    page.goto(hosts.add("/limited", api.page(ARTICLE)))
    script = Script(page, api, [(429, {"Retry-After": "120"}, error("rate_limited"))])
    dialog = open_and_send(page, select_text)
    dialog.get_by_text("Too many reports right now. Please try again in 2 min.").wait_for()
    assert outbox(page) == []
    retry = dialog.get_by_role("button", name="Try again")
    assert retry.evaluate("el => el.getRootNode().activeElement === el")
    retry.click()
    dialog.get_by_text("Thank you").wait_for()
    # Trying again is the same report: the same client_id (time_on_page is re-measured).
    first, second = ({k: v for k, v in b.items() if k != "time_on_page"} for b in script.bodies)
    assert first == second
    assert CLIENT_ID.fullmatch(first["client_id"])
    assert len(api.wait_for_reports()) == 1


def test_a_changed_report_gets_a_new_client_id(context: Any, api: Api, hosts: Hosts,
                                               select_text: Select) -> None:
    page = context.new_page()
    page.goto(hosts.add("/changed", api.page(ARTICLE)))
    script = Script(page, api, [(429, {"Retry-After": "5"}, error("rate_limited"))])
    dialog = open_and_send(page, select_text)
    dialog.get_by_text("Too many reports right now").wait_for()
    dialog.get_by_label("Comment (optional)").fill("Doubled word")
    dialog.get_by_role("button", name="Try again").click()
    dialog.get_by_text("Thank you").wait_for()
    first, second = script.bodies
    assert second["comment"] == "Doubled word" and "comment" not in first
    assert CLIENT_ID.fullmatch(second["client_id"])
    assert second["client_id"] != first["client_id"]


@pytest.mark.parametrize(
    ("status", "code", "message"),
    [
        (403, "origin_not_allowed", "This site is not set up to send reports."),
        (404, "unknown_site", "This site is not set up to send reports."),
        (422, "too_long", "The report is too long"),
        (413, "body_too_large", "The report is too long"),
        (422, "invalid_url", "The report was not accepted: it is not valid."),
        (400, "something_new", "The report was not accepted"),
    ],
)
def test_rejected_says_why_and_offers_no_retry(
    context: Any, api: Api, hosts: Hosts, select_text: Select, status: int, code: str,
    message: str,
) -> None:
    page = context.new_page()
    page.goto(hosts.add(f"/rejected-{code}", api.page(ARTICLE)))
    script = Script(page, api, [(status, {}, error(code))])
    dialog = open_and_send(page, select_text)
    dialog.get_by_text(message).wait_for()
    assert dialog.get_by_role("button", name="Try again").count() == 0
    assert dialog.get_by_role("button", name="Send").is_hidden()
    assert outbox(page) == []
    close = dialog.get_by_role("button", name="Close")
    assert close.evaluate("el => el.getRootNode().activeElement === el")
    close.click()
    assert len(script.bodies) == 1


def test_uk_messages_are_translated(context: Any, api: Api, hosts: Hosts,
                                    select_text: Select) -> None:
    page = context.new_page()
    page.goto(hosts.add("/uk-limited", api.page(ARTICLE, lang="uk")))
    Script(page, api, [(429, {"Retry-After": "30"}, error("rate_limited")),
                       (403, {}, error("url_not_allowed"))])
    select_text(page, "into to")
    page.keyboard.press("Control+Enter")
    dialog = page.get_by_role("dialog", name="Повідомити про помилку")
    dialog.get_by_text("Ctrl+Enter надсилає повідомлення.").wait_for()
    dialog.get_by_role("button", name="Надіслати").click()
    dialog.get_by_text("Забагато повідомлень. Спробуйте ще раз через 1 хв.").wait_for()
    dialog.get_by_role("button", name="Спробувати ще раз").click()
    dialog.get_by_text("Сайт не налаштовано для надсилання повідомлень.").wait_for()


def test_discard_asks_only_when_something_was_typed(
    context: Any, api: Api, hosts: Hosts, select_text: Select
) -> None:
    page = context.new_page()
    page.goto(hosts.add("/discard", api.page(ARTICLE)))
    select_text(page, "into to")
    page.keyboard.press("Control+Enter")
    dialog = page.get_by_role("dialog", name="Report an error")
    dialog.get_by_text("Ctrl+Enter sends the report.").wait_for()
    dialog.get_by_label("Comment (optional)").fill("Doubled word")
    dialog.get_by_role("button", name="Cancel").click()
    dialog.get_by_text("Discard what you typed?").wait_for()
    dialog.get_by_role("button", name="Keep editing").click()
    assert dialog.get_by_label("Comment (optional)").input_value() == "Doubled word"
    assert dialog.get_by_text("Discard what you typed?").count() == 0
    dialog.get_by_role("button", name="Cancel").click()
    dialog.get_by_role("button", name="Discard").click()
    assert page.get_by_role("dialog").count() == 0
    # Untouched: Cancel closes at once.
    select_text(page, "into to")
    page.keyboard.press("Control+Enter")
    dialog.get_by_role("button", name="Cancel").click()
    assert page.get_by_role("dialog").count() == 0
    assert api.reports() == []


def test_report_stored_once_when_the_answer_is_lost(context: Any, api: Api, hosts: Hosts,
                                                    select_text: Select) -> None:
    """The server stores the first send but the answer never reaches the reader: the
    widget sends it again with the same client_id, and the server keeps one report."""
    page = context.new_page()
    page.goto(hosts.add("/lost-answer", api.page(ARTICLE)))
    bodies: list[dict[str, Any]] = []

    def lose_first_answer(route: Any) -> None:
        bodies.append(json.loads(route.request.post_data))
        if len(bodies) == 1:
            assert route.fetch().status == 201  # stored on the real server
            route.abort("connectionclosed")
        else:
            route.continue_()

    page.route(api.url + "/api/v1/reports", lose_first_answer)
    dialog = open_and_send(page, select_text)
    dialog.get_by_text("Thank you").wait_for()
    first, second = bodies
    assert second == first
    [report] = api.reports()
    assert report["exact"] == "into to"
