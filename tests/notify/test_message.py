"""Rendering: Text Fragment links, escaping for every format, length limits."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import unquote

import orjson

from copydesk.models import EventType
from copydesk.notify import render
from copydesk.notify.channel import Event
from copydesk.notify.kinds.discord import discord_body
from copydesk.notify.kinds.slack import slack_body
from copydesk.notify.kinds.telegram import MAX_LENGTH
from copydesk.notify.message import fit, from_event, text_fragment_url
from tests.notify.conftest import payload

HOSTILE = ['<b>bold</b>', '</a>', 'Tom & Jerry', '<script>alert("x")</script>',
           "<a href='javascript:alert(1)'>x</a>", '"quoted"']
TELEGRAM_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code",
                 "pre", "blockquote", "span", "tg-spoiler"}


def test_text_fragment_encodes_syntax_characters() -> None:
    url = text_fragment_url("https://n.example/a#top", "one two three four-five, ",
                            "well-known, A&B co", " said & done - later")
    assert url.startswith("https://n.example/a#:~:text=")
    directive = url.split("#:~:text=", 1)[1]
    parts = directive.split(",")
    assert parts == ["two%20three%20four%2Dfive%2C-", "well%2Dknown%2C%20A%26B%20co",
                     "-said%20%26%20done"]
    assert unquote(parts[1]) == "well-known, A&B co"


def test_text_fragment_long_quote_uses_start_and_end() -> None:
    exact = " ".join(f"w{i}" for i in range(30))
    directive = text_fragment_url("https://n.example/a", "", exact, "").split("=", 1)[1]
    assert directive == "w0%20w1%20w2%20w3%20w4,w25%20w26%20w27%20w28%20w29"


def test_text_fragment_without_quote_or_web_url() -> None:
    assert text_fragment_url("https://n.example/a#x", "", "  ", "") == "https://n.example/a"
    assert text_fragment_url("javascript:alert(1)", "", "x", "") == "javascript:alert(1)"


class TelegramHTML(HTMLParser):
    """Checks Telegram's HTML rules: known tags only, balanced, only its entities."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TELEGRAM_TAGS:
            self.errors.append(f"tag {tag}")
        if tag == "a" and [k for k, _ in attrs] != ["href"]:
            self.errors.append(f"a attrs {attrs}")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(f"unbalanced </{tag}>")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check_telegram(html: str) -> str:
    assert len(html) <= MAX_LENGTH
    bad = re.findall(r"&(?!(?:lt|gt|amp|quot);|#\d+;|#x[0-9a-fA-F]+;)", html)
    assert not bad, "bare & or unknown entity"
    parser = TelegramHTML()
    parser.feed(html)
    parser.close()
    assert not parser.errors
    assert not parser.stack
    return "".join(parser.text)


def hostile_payload() -> dict[str, object]:
    data = payload(exact=HOSTILE[0], prefix=HOSTILE[1], suffix=HOSTILE[2],
                   suggestion=HOSTILE[3], comment=HOSTILE[4] + HOSTILE[5])
    data["article"] = {"url": 'https://news.example/a?x=1&y="2"', "title": HOSTILE[3]}
    data["site"] = {"key": "k", "name": "Daily <News> & Co"}
    return data


def test_telegram_html_is_valid_and_escapes_reader_text() -> None:
    html = render.telegram(from_event(EventType.REPORT_CREATED, hostile_payload()))
    text = check_telegram(html)
    for hostile in HOSTILE:
        assert hostile in text  # shown literally, as text
    assert "&lt;script&gt;" in html
    assert 'href="https://news.example/a?x=1&amp;y=&quot;2&quot;#:~:text=' in html


def test_telegram_long_text_is_cut_before_escaping() -> None:
    data = payload(exact="<b>&" * 3000, comment="&<>" * 2000, suggestion="x" * 5000)
    html = fit(from_event(EventType.REPORT_CREATED, data), render.telegram, MAX_LENGTH)
    text = check_telegram(html)
    assert "…" in text
    assert "https://desk.example/groups/7" in html


def test_email_html_escapes_everything() -> None:
    html = render.email_html(from_event(EventType.REPORT_CREATED, hostile_payload()))
    assert "<script>" not in html
    assert "<b>bold" not in html
    assert "&lt;script&gt;" in html
    assert "javascript:" not in html.replace("&#x27;javascript:", "")


def test_status_change_headline_and_note() -> None:
    data = {**payload(), "from": "new", "to": "accepted", "note": "<i>fixed</i>",
            "actor": "ed@example.com"}
    message = from_event(EventType.REPORT_STATUS_CHANGED, data)
    assert message.headline == "Status changed: new → accepted (by ed@example.com)"
    assert "Note: &lt;i&gt;fixed&lt;/i&gt;" in render.telegram(message)


def _event(data: dict[str, object]) -> Event:
    from datetime import UTC, datetime

    return Event(1, "report.created", "msg_1", data, datetime.now(UTC))


def test_slack_cannot_ping() -> None:
    data = payload(exact="<!channel> <@U123> <!here|here>", comment="&lt; <https://x|y>")
    body = orjson.loads(slack_body(_event(data)))
    section = body["blocks"][0]["text"]["text"]
    assert "<!channel>" not in section
    assert "<@U123>" not in section
    assert "&lt;!channel&gt; &lt;@U123&gt;" in section
    assert "&amp;lt;" in section
    assert "<!channel>" not in body["text"]
    assert len(section) <= 3000


def test_discord_cannot_ping_and_fits() -> None:
    data = payload(exact="@everyone look", comment="@here <@123> <@&456> " + "x" * 3000)
    body = orjson.loads(discord_body(_event(data)))
    assert body["allowed_mentions"] == {"parse": []}
    content = body["content"]
    assert len(content) <= 2000
    assert "@everyone" not in content
    assert "@here" not in content
    assert "<@123>" not in content
    assert "<https://desk.example/groups/7>" in content
