"""Email over SMTP: one message per event, with plain-text and HTML parts.

The server comes from ``COPYDESK_SMTP_URL``: ``smtp://user:pass@host:25``,
``smtps://…`` for TLS from the start, ``smtp://…?starttls=1`` to upgrade.  smtplib is
blocking, so sending runs in a worker thread.  The ``Message-ID`` is derived from the
outbox row's idempotency key, so a retried message has the same id as the first.
"""

from __future__ import annotations

import asyncio
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from copydesk.models import EventType
from copydesk.notify import digest, render
from copydesk.notify.channel import DeliveryError, Event, Permanent, Runtime
from copydesk.notify.message import from_event


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    tls: bool  # smtps: TLS from the first byte
    starttls: bool
    username: str
    password: str


def parse_smtp_url(url: str) -> SmtpServer:
    parts = urlsplit(url)
    if parts.scheme not in {"smtp", "smtps"} or not parts.hostname:
        raise ValueError("COPYDESK_SMTP_URL must be smtp://host[:port] or smtps://host[:port]")
    tls = parts.scheme == "smtps"
    flag = parse_qs(parts.query).get("starttls", ["0"])[0].lower()
    return SmtpServer(
        host=parts.hostname,
        port=parts.port or (465 if tls else 25),
        tls=tls,
        starttls=flag in {"1", "true", "yes"},
        username=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
    )


def compose(event: Event, sender: str, to: str) -> EmailMessage:
    """The email for ``event``: subject, text part and HTML alternative."""
    if event.type == EventType.DIGEST:
        subject, text, html = digest.render_email(event.payload)
    else:
        message = from_event(event.type, event.payload)
        subject = render.subject(message)
        text, html = render.text(message), render.email_html(message)
    mail = EmailMessage()
    mail["Subject"] = " ".join(subject.split())  # one line, whatever the parts contain
    mail["From"] = sender
    mail["To"] = to
    mail["Message-ID"] = f"<{event.key}@copydesk>"
    mail["X-Copydesk-Event"] = event.type
    mail.set_content(text)
    mail.add_alternative(html, subtype="html")
    return mail


def _deliver(server: SmtpServer, mail: EmailMessage, timeout: float = 30.0) -> None:
    client: smtplib.SMTP
    if server.tls:
        client = smtplib.SMTP_SSL(server.host, server.port, timeout=timeout,
                                  context=ssl.create_default_context())
    else:
        client = smtplib.SMTP(server.host, server.port, timeout=timeout)
    with client:
        if server.starttls:
            client.starttls(context=ssl.create_default_context())
        if server.username:
            client.login(server.username, server.password)
        client.send_message(mail)


class EmailChannel:
    def __init__(self, config: dict[str, Any], runtime: Runtime) -> None:
        self.to = str(config["to"])
        self.runtime = runtime

    async def send(self, event: Event) -> None:
        settings = self.runtime.settings
        if not settings.smtp_url:
            raise DeliveryError("email is not configured (COPYDESK_SMTP_URL is empty)")
        try:
            server = parse_smtp_url(settings.smtp_url)
        except ValueError as exc:
            raise DeliveryError(str(exc)) from None
        mail = compose(event, settings.mail_from, self.to)
        try:
            await asyncio.to_thread(_deliver, server, mail)
        except smtplib.SMTPRecipientsRefused:
            raise Permanent("the SMTP server refused the recipient") from None
        except smtplib.SMTPResponseException as exc:
            if 500 <= exc.smtp_code < 600 and exc.smtp_code != 530:
                raise Permanent(f"SMTP error {exc.smtp_code}") from None
            raise DeliveryError(f"SMTP error {exc.smtp_code}") from None
        except (smtplib.SMTPException, OSError) as exc:
            raise DeliveryError(f"SMTP failure ({type(exc).__name__})") from None
