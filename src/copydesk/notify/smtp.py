"""The SMTP server e-mail goes through (``COPYDESK_SMTP_URL``), and sending to it.

``smtp://user:pass@host:25``, ``smtps://…`` for TLS from the start (port 465 by
default), ``smtp://…?starttls=1`` to upgrade.  smtplib is blocking: :func:`deliver`
runs in a worker thread.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from urllib.parse import parse_qs, unquote, urlsplit


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


def deliver(server: SmtpServer, mail: EmailMessage, timeout: float = 30.0) -> None:
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
