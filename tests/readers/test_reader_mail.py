"""Telling the reader: a subscription with a report, one mail through a real SMTP
server (aiosmtpd) when the group is fixed, a correction published or the group
rejected with a reason, one-click unsubscribe, erasure; never an address in logs,
exports, webhooks or outbox payloads.  On SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import Any
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner
from sqlalchemy import select, update
from starlette.applications import Starlette
from starlette.testclient import TestClient

from copydesk import sites, triage
from copydesk.cli import main
from copydesk.corrections import store
from copydesk.corrections.model import Kind
from copydesk.models import ReportStatus, Site
from copydesk.readers import subscriptions, words
from copydesk.readers.sender import ReaderMailSender, Tuning
from copydesk.readers.words import Reason
from copydesk.storage import schema
from tests.dashboard.conftest import ADMIN, EDITOR, login, other_site, users
from tests.notify.test_email import Inbox, parts, smtp

__all__ = ["other_site", "smtp", "users"]

ADDRESS = "Reader.One+news@Example.ORG"
STORED = "Reader.One+news@example.org"  # the domain lower-cased
SECRET = "test-secret-key"
HOSTILE_TITLE = "Budget <script>alert(1)</script> & more"


@pytest.fixture
def app(make_app: Callable[..., Starlette], smtp: tuple[Inbox, str]) -> Starlette:
    _, url = smtp
    return make_app(dispatcher=False, smtp_url=url, mail_from="desk@news.example",
                    public_url="https://desk.example", allow_private_targets=True)


@pytest.fixture
def site(app: Starlette, client: TestClient) -> Site:
    def run(conn: Any) -> Site:
        made = sites.create(conn, "Daily", ["https://news.example"], key="daily-key")
        conn.execute(schema.channels.insert().values(  # a webhook sees every event
            site_id=made.id, kind="webhook", config={"url": "https://hooks.example/x"},
            enabled=True, created_at=datetime.now(UTC)))
        return made

    return app.state.ctx.db.write_sync(run)  # type: ignore[no-any-return]


def _write(app: Starlette, fn: Callable[[Any], Any]) -> Any:
    return app.state.ctx.db.write_sync(fn)


def _read(app: Starlette, fn: Callable[[Any], Any]) -> Any:
    return app.state.ctx.db.read_sync(fn)


def _report(client: TestClient, site: Site, **fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"site": site.key, "url": "https://news.example/budget",
                            "exact": "3%", "prefix": "grew by ", "suffix": " last year",
                            "title": HOSTILE_TITLE, "lang": "en", "suggestion": "4%"}
    body.update(fields)
    response = client.post("/api/v1/reports", json=body,
                           headers={"Origin": "https://news.example"})
    assert response.status_code == 201, response.text
    return dict(response.json())


def _subscribed(client: TestClient, site: Site, address: str = ADDRESS,
                **fields: Any) -> dict[str, Any]:
    return _report(client, site, notify_email=address, notify_consent=True, **fields)


def _rows(app: Starlette, table: Any) -> list[dict[str, Any]]:
    return [dict(r) for r in _read(app, lambda conn: conn.execute(
        select(table).order_by(table.c.id)).mappings().all())]


def _send(app: Starlette, *, waited: bool = True) -> None:
    """Try the due reader mail once; ``waited``: after the grace period."""
    if waited:
        rm = schema.reader_mail
        _write(app, lambda conn: conn.execute(update(rm).where(rm.c.attempts == 0).values(
            next_attempt_at=datetime.now(UTC))))
    sender = ReaderMailSender(app.state.ctx.settings, app.state.ctx.db, lambda: SECRET,
                              Tuning(backoff_base=60, backoff_max=60))
    asyncio.run(sender.drain())


def _status(app: Starlette, group: int, status: ReportStatus, **options: Any) -> None:
    _write(app, lambda conn: triage.change_status(conn, triage.CLI, group, status,
                                                  public_url="https://desk.example",
                                                  **options))


def _nowhere_but_mail(app: Starlette, caplog: pytest.LogCaptureFixture) -> None:
    """The address is in no outbox payload (what channels see), no audit entry and no
    log line."""
    needle = STORED.lower()
    outbox = json.dumps([r["payload"] for r in _rows(app, schema.outbox)]).lower()
    assert "budget" in outbox  # the events are there, without the address
    assert needle not in outbox
    assert needle not in json.dumps([r["note"] for r in _rows(app, schema.audit_log)]).lower()
    assert needle not in _logged(caplog).lower()


def _logged(caplog: pytest.LogCaptureFixture) -> str:
    """Every log line but the test SMTP server's own (``mail.log``)."""
    return "\n".join(f"{r.name} {r.getMessage()} {r.__dict__}" for r in caplog.records
                     if not r.name.startswith("mail.log"))


def _body(message: EmailMessage) -> tuple[str, str]:
    return parts(message)


def test_subscription_then_one_mail_when_fixed(
    app: Starlette, client: TestClient, site: Site, smtp: tuple[Inbox, str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    inbox, _ = smtp
    created = _subscribed(client, site)
    [sub] = _rows(app, schema.reader_subscriptions)
    assert (sub["address"], sub["lang"], sub["report_id"], sub["group_id"]) == (
        STORED, "en", created["id"], created["group"])
    token = subscriptions.token(SECRET, site.id, STORED)
    assert sub["token_hash"] == subscriptions.token_hash(token) != token
    # The same reader again, the address spelt differently: still one mail.
    _subscribed(client, site, ADDRESS.upper(), exact="3%", prefix="grew by ")
    assert len(_rows(app, schema.reader_subscriptions)) == 2

    _status(app, created["group"], ReportStatus.FIXED)
    assert _rows(app, schema.reader_subscriptions) == []
    [queued] = _rows(app, schema.reader_mail)
    assert queued["kind"] == "fixed"
    _send(app)
    assert _rows(app, schema.reader_mail) == []  # sent: the address went with the row

    [message] = inbox.messages
    assert inbox.envelopes == [("desk@news.example", [STORED])]
    link = f"https://desk.example/api/v1/unsubscribe/{token}?lang=en"
    assert message["List-Unsubscribe"] == f"<{link}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["Subject"] == "[Daily] The error you reported has been corrected"
    text, html = _body(message)
    assert HOSTILE_TITLE in text and "“3%”" in text
    assert "https://news.example/budget" in text and link in text
    assert "<script>" not in html and "Budget &lt;script&gt;alert(1)&lt;/script&gt; &amp;" in html
    assert '<a href="https://news.example/budget">' in html
    _nowhere_but_mail(app, caplog)

    _send(app)
    assert len(inbox.messages) == 1  # once


def test_publishing_a_correction_sends_the_notice_once(
    app: Starlette, client: TestClient, site: Site, smtp: tuple[Inbox, str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    inbox, _ = smtp
    group = _subscribed(client, site)["group"]
    article = _read(app, lambda conn: conn.execute(select(schema.report_groups.c.article_id)
                                                  .where(schema.report_groups.c.id == group))
                    .scalar_one())
    notice = "An earlier version said <3%>. It is 4%."

    def publish(conn: Any) -> int:
        cid = store.draft(conn, triage.CLI, article, store.Fields(Kind.CORRECTION, notice),
                          group_id=group)
        store.publish(conn, triage.CLI, cid, public_url="https://desk.example")
        return cid

    cid = _write(app, publish)
    assert _rows(app, schema.reader_subscriptions) == []
    _send(app)
    [message] = inbox.messages
    text, html = _body(message)
    assert notice in text
    assert f"https://desk.example/c/daily-key/corrections/{cid}" in text
    assert "said &lt;3%&gt;. It is 4%." in html and "<3%>" not in html
    # Fixed afterwards: nothing more to send, nobody left to tell.
    _status(app, group, ReportStatus.FIXED)
    _send(app)
    assert len(inbox.messages) == 1
    _nowhere_but_mail(app, caplog)


@pytest.mark.parametrize(("lang", "expected"), [
    ("uk-UA", words.reason_text("uk", Reason.STYLE_CHOICE)),
    ("ru", words.reason_text("ru", Reason.STYLE_CHOICE)),
    ("de", words.reason_text("en", Reason.STYLE_CHOICE)),
])
def test_rejection_tells_the_reason_in_the_readers_language(
    app: Starlette, client: TestClient, site: Site, smtp: tuple[Inbox, str], lang: str,
    expected: str,
) -> None:
    inbox, _ = smtp
    group = _subscribed(client, site, lang=lang)["group"]
    _status(app, group, ReportStatus.REJECTED, reason=Reason.STYLE_CHOICE)
    _send(app)
    [message] = inbox.messages
    text, _ = _body(message)
    assert expected in text
    mail_lang = "en" if lang == "de" else lang[:2]
    assert str(message["Content-Language"]) == mail_lang
    assert str(message["Subject"]) == f"[Daily] {words.say(mail_lang, 'subject_rejected')}"
    notes = [r["note"] for r in _rows(app, schema.audit_log) if r["to_value"] == "rejected"]
    assert notes == ["reason: style_choice."]


def test_a_change_taken_back_in_the_grace_period_sends_nothing(
    app: Starlette, client: TestClient, site: Site, smtp: tuple[Inbox, str],
) -> None:
    inbox, _ = smtp
    created = _subscribed(client, site)
    _status(app, created["group"], ReportStatus.FIXED)
    [queued] = _rows(app, schema.reader_mail)
    waits = queued["next_attempt_at"].replace(tzinfo=UTC) - datetime.now(UTC)
    assert subscriptions.GRACE - timedelta(minutes=1) < waits <= subscriptions.GRACE
    _send(app, waited=False)
    assert inbox.messages == []  # not yet
    _status(app, created["group"], ReportStatus.NEW)  # reopened (or undone) in time
    assert _rows(app, schema.reader_mail) == []
    [sub] = _rows(app, schema.reader_subscriptions)
    assert (sub["address"], sub["report_id"]) == (STORED, created["id"])
    _status(app, created["group"], ReportStatus.REJECTED, reason=Reason.NOT_AN_ERROR)
    _send(app)
    [message] = inbox.messages
    assert words.reason_text("en", Reason.NOT_AN_ERROR) in _body(message)[0]


def test_closing_without_a_mail_erases(
    app: Starlette, client: TestClient, site: Site, smtp: tuple[Inbox, str],
) -> None:
    inbox, _ = smtp
    rejected = _subscribed(client, site)["group"]
    spam = _subscribed(client, site, exact="other words", prefix="", suffix="")["group"]
    assert rejected != spam
    _status(app, rejected, ReportStatus.REJECTED)  # no reason: nothing to tell
    _status(app, spam, ReportStatus.SPAM)
    assert _rows(app, schema.reader_subscriptions) == []
    assert _rows(app, schema.reader_mail) == []
    _send(app)
    assert inbox.messages == []
    with pytest.raises(triage.TriageError):
        _status(app, _subscribed(client, site)["group"], ReportStatus.FIXED,
                reason=Reason.NOT_AN_ERROR)


def test_a_duplicates_subscribers_follow_the_group_it_duplicates(
    app: Starlette, client: TestClient, site: Site, smtp: tuple[Inbox, str],
) -> None:
    inbox, _ = smtp
    first = _report(client, site)["group"]
    second = _subscribed(client, site, exact="other words", prefix="", suffix="")["group"]
    _status(app, second, ReportStatus.DUPLICATE, duplicate_of=first)
    assert [s["group_id"] for s in _rows(app, schema.reader_subscriptions)] == [first]
    _status(app, first, ReportStatus.FIXED)
    _send(app)
    assert len(inbox.messages) == 1


def test_one_click_unsubscribe(
    app: Starlette, client: TestClient, site: Site, smtp: tuple[Inbox, str],
) -> None:
    inbox, _ = smtp
    fixed = _subscribed(client, site)["group"]
    still_open = _subscribed(client, site, exact="other words", prefix="", suffix="")["group"]
    _status(app, fixed, ReportStatus.FIXED)
    _send(app)
    [message] = inbox.messages
    link = urlsplit(str(message["List-Unsubscribe"]).strip("<>"))
    path = f"{link.path}?{link.query}"

    page = client.get(path)  # a person, or a link scanner: nothing changes
    assert page.status_code == 200 and '<form method="post">' in page.text
    assert page.headers["referrer-policy"] == "no-referrer"
    assert [s["group_id"] for s in _rows(app, schema.reader_subscriptions)] == [still_open]

    # What a mail client sends (RFC 8058): erases the address's other subscription.
    done = client.post(path, content="List-Unsubscribe=One-Click",
                       headers={"content-type": "application/x-www-form-urlencoded"})
    assert done.status_code == 200 and "erased" in done.text
    assert _rows(app, schema.reader_subscriptions) == []
    audit = [r for r in _rows(app, schema.audit_log) if r["action"] == "reader.unsubscribe"]
    assert [(a["site_id"], a["note"]) for a in audit] == [
        (site.id, "1 subscriptions, 0 queued mails")]
    # Again, or an unknown or malformed token: 200, the same answer.
    for again in (path, "/api/v1/unsubscribe/" + "A" * 43, "/api/v1/unsubscribe/x"):
        assert client.post(again).text == done.text


def test_a_queued_mail_is_erased_by_unsubscribing(
    app: Starlette, client: TestClient, site: Site, smtp: tuple[Inbox, str],
) -> None:
    inbox, _ = smtp
    group = _subscribed(client, site, lang="ru")["group"]
    _status(app, group, ReportStatus.FIXED)
    token = subscriptions.token(SECRET, site.id, STORED.upper())  # case does not matter
    response = client.post(f"/api/v1/unsubscribe/{token}?lang=ru")
    assert "Готово" in response.text
    assert _rows(app, schema.reader_mail) == []
    _send(app)
    assert inbox.messages == []


@pytest.mark.parametrize(("fields", "code", "field"), [
    ({"notify_email": "not an address", "notify_consent": True}, "invalid_email",
     "notify_email"),
    ({"notify_email": "a@b.example\r\nBcc: x@y.example", "notify_consent": True},
     "invalid_email", "notify_email"),
    ({"notify_email": "a@localhost", "notify_consent": True}, "invalid_email",
     "notify_email"),
    ({"notify_email": "é@b.example", "notify_consent": True}, "invalid_email",
     "notify_email"),
    ({"notify_email": "a" * 250 + "@b.example", "notify_consent": True}, "too_long",
     "notify_email"),
    ({"notify_email": "a@b.example"}, "consent_required", "notify_consent"),
    ({"notify_email": "a@b.example", "notify_consent": False}, "consent_required",
     "notify_consent"),
    ({"notify_email": "a@b.example", "notify_consent": "yes"}, "invalid_type",
     "notify_consent"),
    ({"notify_email": 42, "notify_consent": True}, "invalid_type", "notify_email"),
])
def test_refused_addresses(
    app: Starlette, client: TestClient, site: Site, fields: dict[str, Any], code: str,
    field: str, caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    body = {"site": site.key, "url": "https://news.example/a", "exact": "teh", **fields}
    response = client.post("/api/v1/reports", json=body)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert (error["code"], error["field"]) == (code, field)
    assert "b.example" not in response.text and "b.example" not in _logged(caplog)
    assert _rows(app, schema.reports) == []


def test_no_address_and_spam_subscribe_nobody(
    app: Starlette, client: TestClient, site: Site,
) -> None:
    _report(client, site, notify_email="  ")  # an empty field is no address
    _report(client, site, website="http://spam.example", notify_email=ADDRESS,
            notify_consent=True)  # the honeypot: stored as spam
    assert _rows(app, schema.reader_subscriptions) == []
    assert len(_rows(app, schema.reports)) == 2


def test_mail_that_cannot_be_sent_is_given_up_and_erased(
    make_app: Callable[..., Starlette], caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    app = make_app(dispatcher=False, smtp_url="", outbox_max_attempts=2)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        made = _write(app, lambda c: sites.create(c, "D", ["https://news.example"], key="k"))
        group = _subscribed(client, made)["group"]
        _status(app, group, ReportStatus.FIXED)
        _send(app)
        [row] = _rows(app, schema.reader_mail)
        assert row["attempts"] == 1 and "COPYDESK_SMTP_URL" in row["last_error"]
        _write(app, lambda c: c.execute(update(schema.reader_mail).values(
            next_attempt_at=datetime.now(UTC))))
        _send(app, waited=False)
        assert _rows(app, schema.reader_mail) == []
    assert "given up" in caplog.text and STORED.lower() not in _logged(caplog).lower()


def test_erase_by_address_from_the_command_line(
    app: Starlette, client: TestClient, site: Site, settings: Any,
) -> None:
    _subscribed(client, site)
    group = _subscribed(client, site, exact="other words", prefix="", suffix="")["group"]
    _subscribed(client, site, "someone.else@example.org", exact="again", prefix="")
    _status(app, group, ReportStatus.FIXED)  # one of them queued as mail
    result = CliRunner(env={"COPYDESK_DATABASE_URL": settings.database_url,
                            "COPYDESK_SECRET_KEY": SECRET}).invoke(
        main, ["erase", "--email", ADDRESS.lower(), "--by", "dpo@news.example"])
    assert result.exit_code == 0, result.output
    assert "1 subscriptions and 1 queued mails" in result.output
    assert [s["address"] for s in _rows(app, schema.reader_subscriptions)] == [
        "someone.else@example.org"]
    assert _rows(app, schema.reader_mail) == []
    [entry] = [r for r in _rows(app, schema.audit_log) if r["action"] == "erase"]
    assert entry["actor"] == "dpo@news.example" and "example.org" not in entry["note"]
    refused = CliRunner(env={"COPYDESK_DATABASE_URL": settings.database_url}).invoke(
        main, ["erase", "--email", "a@b.example", "--group", "1"])
    assert refused.exit_code == 2


def test_exports_and_dashboard_never_show_the_address(
    app: Starlette, client: TestClient, site: Site, users: Any,
) -> None:
    group = _subscribed(client, site, comment="see attached")["group"]
    login(client, ADMIN)
    for fmt in ("csv", "json", "annotations"):
        body = client.get(f"/export.{fmt}").text
        assert "3%" in body and "example.org" not in body.lower()
    page = client.get(f"/groups/{group}").text
    assert "example.org" not in page.lower()
    assert '<option value="style_choice">' in page


def test_the_dashboard_rejects_with_a_reason(
    app: Starlette, client: TestClient, site: Site, users: Any, smtp: tuple[Inbox, str],
) -> None:
    inbox, _ = smtp
    group = _subscribed(client, site)["group"]
    token = login(client, EDITOR)
    response = client.post(f"/groups/{group}/status", data={
        "csrf_token": token, "status": "rejected", "reason": "already_fixed", "note": ""},
        follow_redirects=False)
    assert response.status_code == 303, response.text
    _send(app)
    [message] = inbox.messages
    assert words.reason_text("en", Reason.ALREADY_FIXED) in _body(message)[0]
    bad = client.post(f"/groups/{group}/status", data={
        "csrf_token": token, "status": "new", "reason": "because"}, follow_redirects=False)
    assert bad.status_code == 400


def test_the_dashboards_reasons_are_the_reason_codes() -> None:
    from pathlib import Path

    import copydesk

    template = (Path(copydesk.__file__).parent / "templates/dashboard/group.html").read_text()
    for reason, label in words.LABELS.items():
        # The label is translated in the dashboard's language: {{ _("...") }}.
        assert f'<option value="{reason.value}">{{{{ _("{label}") }}}}</option>' in template
    assert set(words.LABELS) == set(Reason)
