"""Line breaks in reader text cannot forge lines of a message, in any channel."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage
from typing import Any

import orjson
import pytest

from copydesk.models import EventType
from copydesk.notify.channel import Event
from copydesk.notify.kinds import webhook
from copydesk.notify.kinds.discord import discord_body
from copydesk.notify.kinds.email import compose
from copydesk.notify.kinds.slack import slack_body
from copydesk.notify.kinds.telegram import TelegramChannel
from tests.notify.conftest import payload
from tests.notify.test_message import check_telegram

#: Every separator some client may show as a new line.
SEPARATORS = ["\n", "\r", "\r\n", "\v", "\f", "\x1c", "\x85", "\u2028", "\u2029"]
FORGED = "Open in copydesk: https://evil.example/phish"
OURS = "https://desk.example/groups/7"


def _event(sep: str) -> Event:
    data = payload(
        comment=f"typo{sep}{FORGED}", suggestion=f"into{sep}{FORGED}",
        exact=f"into{sep}{FORGED}", prefix=f"He was{sep}{FORGED}{sep}drafted ",
    )
    data["article"]["title"] = f"Drafted{sep}{FORGED}"
    data["note"] = f"seen{sep}{FORGED}"
    return Event(1, EventType.REPORT_STATUS_CHANGED.value, "msg_1", data, datetime.now(UTC))


def _starts(out: str) -> list[str]:
    """Every line of ``out`` as any client may split it."""
    return out.splitlines()


def _no_forged_line(out: str, own: str) -> None:
    starting = [line for line in _starts(out) if line.startswith("Open in copydesk")]
    assert starting == [own]
    _all_shown(out)


def _all_shown(out: str) -> None:
    """Six forged fields and copydesk's own link: nothing dropped."""
    assert out.count("Open in copydesk") == 7


def _mail_parts(sep: str) -> tuple[str, str]:
    mail = compose(_event(sep), "desk@news.example", "ed@news.example")
    assert isinstance(mail, EmailMessage)
    plain, html = mail.get_body(("plain",)), mail.get_body(("html",))
    assert plain is not None and html is not None
    return plain.get_content(), html.get_content()


@pytest.mark.parametrize("sep", SEPARATORS)
def test_email_text_quotes_continuation_lines(sep: str) -> None:
    text, _ = _mail_parts(sep)
    _no_forged_line(text, f"Open in copydesk: {OURS}")
    assert f"Comment: typo\n  > {FORGED}\n" in text
    assert f"Article: Drafted {FORGED}\n" in text


@pytest.mark.parametrize("sep", SEPARATORS)
def test_email_html_has_no_reader_line_breaks(sep: str) -> None:
    _, html = _mail_parts(sep)
    for line in _starts(html):
        assert line.startswith("<"), line  # each line is copydesk's own markup
    assert f"Comment: <em>typo<br>&gt; {FORGED}</em>" in html
    _all_shown(html)


@pytest.mark.parametrize("sep", SEPARATORS)
def test_telegram_quotes_continuation_lines(sep: str) -> None:
    channel = TelegramChannel({"token": "1:x", "chat": "42"}, runtime=None)  # type: ignore[arg-type]
    html = orjson.loads(channel.body(_event(sep)))["text"]
    check_telegram(html)
    for line in _starts(html)[2:]:  # after the headline and the title link
        assert not line.startswith("Open in copydesk"), line
    assert f"Comment: <i>typo\n&gt; {FORGED}</i>" in html
    assert html.endswith(f'<a href="{OURS}">Open in copydesk</a>')
    _all_shown(html)


@pytest.mark.parametrize("sep", SEPARATORS)
def test_slack_quotes_continuation_lines(sep: str) -> None:
    body: dict[str, Any] = orjson.loads(slack_body(_event(sep)))
    section = body["blocks"][0]["text"]["text"]
    assert not [line for line in _starts(section) if line.startswith("Open in copydesk")]
    assert section.endswith(f"\n<{OURS}|Open in copydesk>")
    assert f"Comment: typo\n> {FORGED}" in section
    _all_shown(section)
    assert len(_starts(body["text"])) == 1


@pytest.mark.parametrize("sep", SEPARATORS)
def test_discord_quotes_continuation_lines(sep: str) -> None:
    content = orjson.loads(discord_body(_event(sep)))["content"]
    starting = [line for line in _starts(content) if line.startswith("Open in copydesk")]
    assert starting == [f"Open in copydesk: <{OURS}>"]
    assert "Comment: typo\n> Open in copydesk\\: https\\://evil.example/phish" in content
    _all_shown(content)


def test_webhook_payload_carries_reader_text_unchanged() -> None:
    event = _event("\u2028")
    data = orjson.loads(webhook.body(event))["data"]
    assert data == event.payload
    assert data["group"]["comment"] == f"typo\u2028{FORGED}"
