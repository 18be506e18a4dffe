"""Email against a real SMTP server (aiosmtpd) on 127.0.0.1; the daily digest."""

from __future__ import annotations

import email
import email.policy
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from starlette.testclient import TestClient

from copydesk import sites
from copydesk.app import create_app
from copydesk.context import Context
from copydesk.models import Site
from copydesk.notify import digest
from copydesk.settings import Settings
from tests.conftest import free_port
from tests.notify.conftest import add_channel, dispatcher, enqueue, outbox_rows, payload
from tests.notify.test_message import HOSTILE


class Inbox:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, str]]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, f"smtp://127.0.0.1:{port}"
    controller.stop()


def parts(message: EmailMessage) -> tuple[str, str]:
    plain = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert plain is not None
    assert html is not None
    return plain.get_content(), html.get_content()


async def test_email_has_both_parts_and_escapes_html(
    ctx: Context, news: Site, smtp: tuple[Inbox, str]
) -> None:
    inbox, url = smtp
    ctx.settings = ctx.settings.replace(smtp_url=url, mail_from="desk@news.example")
    add_channel(ctx, news, "email", {"to": "editors@news.example", "digest": False})
    data = payload(exact=HOSTILE[0], suggestion=HOSTILE[3], comment=HOSTILE[4])
    enqueue(ctx, news, data)
    await dispatcher(ctx).drain()
    [message] = inbox.messages
    assert inbox.envelopes == [("desk@news.example", ["editors@news.example"])]
    [row] = outbox_rows(ctx)
    assert row["status"] == "delivered"
    assert message["Message-ID"] == f"<{row['idempotency_key']}@copydesk>"
    text, html = parts(message)
    assert HOSTILE[3] in text  # plain text shows reader text as it is
    assert "<script>" not in html
    assert "<b>bold" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "https://desk.example/groups/7" in text
    assert "#:~:text=He%20was%20drafted-,%3Cb%3Ebold%3C%2Fb%3E,-the%20army%20in" in text


def test_ingest_to_email_end_to_end(settings: Settings, smtp: tuple[Inbox, str]) -> None:
    """A report through the public API reaches the editors' inbox via the app's dispatcher."""
    inbox, url = smtp
    app = create_app(settings.replace(smtp_url=url, dispatcher=True,
                                      public_url="https://desk.example"))
    with TestClient(app, base_url="http://127.0.0.1") as client:
        ctx: Context = app.state.ctx
        site = ctx.db.write_sync(lambda c: sites.create(c, "Daily", ["https://news.example"]))
        add_channel(ctx, site, "email", {"to": "desk@news.example"})
        response = client.post("/api/v1/reports", headers={"origin": "https://news.example"},
                               json={"site": site.key, "url": "https://news.example/a",
                                     "exact": "teh", "prefix": "in ", "suffix": " end",
                                     "title": "Story <1>", "lang": "en"})
        assert response.status_code == 201, response.text
        for _ in range(200):
            if inbox.messages:
                break
            time.sleep(0.05)
    [message] = inbox.messages
    assert "Story <1>" in message["Subject"]
    text, html = parts(message)
    assert "Story &lt;1&gt;" in html
    assert "https://desk.example/groups/" in text


async def test_digest_lists_groups_since_last_digest(
    ctx: Context, news: Site, smtp: tuple[Inbox, str], make_group: Any
) -> None:
    inbox, url = smtp
    ctx.settings = ctx.settings.replace(smtp_url=url)
    channel_id = add_channel(ctx, news, "email", {"to": "desk@news.example", "digest": True})
    make_group("first <quote>", 3)
    make_group("second", 1)
    later = datetime.now(UTC) + timedelta(days=1, minutes=1)
    every = timedelta(days=1)
    ids = ctx.db.write_sync(lambda c: digest.enqueue_due(c, later, every, "https://d.example"))
    assert len(ids) == 1
    # Not due again until another day has passed, even for a second dispatcher.
    assert ctx.db.write_sync(lambda c: digest.enqueue_due(c, later, every)) == []
    await dispatcher(ctx).drain()
    [message] = [m for m in inbox.messages if "digest" in m["Subject"].lower()]
    text, html = parts(message)
    assert '"first <quote>" (3 reader(s), 1 new' in text
    assert "first &lt;quote&gt;" in html
    assert "second" in text
    rows = [r for r in outbox_rows(ctx) if r["event_type"] == "digest"]
    assert [r["channel_id"] for r in rows] == [channel_id]
