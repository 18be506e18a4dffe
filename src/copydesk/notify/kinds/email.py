"""E-mail: one message per event over SMTP, with a plain-text and an HTML part.

Options: ``--to`` (the recipient) and ``--digest`` (also the daily digest).  The server
is ``COPYDESK_SMTP_URL`` (:mod:`copydesk.notify.smtp`), the sender
``COPYDESK_MAIL_FROM``.  The ``Message-ID`` is derived from the outbox row's
idempotency key, so a retried message has the same id as the first.

What a mail says depends on its event's model: :func:`mail` is a
:func:`functools.singledispatch` function with one implementation per model —
:class:`~copydesk.events.GroupEvent` (the common lines of
:mod:`copydesk.notify.format`, as text and as HTML) and
:class:`~copydesk.events.Digest`; an event of its own shape registers its own.
"""

from __future__ import annotations

import asyncio
import html
import re
import smtplib
from collections.abc import Mapping
from email.message import EmailMessage
from functools import singledispatch
from typing import Any, ClassVar, NamedTuple

from copydesk import events
from copydesk.notify import smtp
from copydesk.notify.channel import Channel, DeliveryError, Event, Permanent, Runtime
from copydesk.notify.format import Format, Markup, render
from copydesk.notify.kind import ChannelError, Kind, Option
from copydesk.notify.message import Message, flat, of

ADDRESS = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$")


class Mail(NamedTuple):
    subject: str
    text: str
    html: str


# ------------------------------------------------------------------------ formats


class Text(Format):
    """Plain text: nothing to escape; further lines of reader text start ``  > ``."""

    joint = "\n  > "

    def headline(self, m: Message) -> str:
        return f"[{flat(m.site)}] {flat(m.headline)}"

    def article(self, m: Message) -> list[str]:
        return [f"Article: {flat(m.title)}", flat(m.quote_url or m.url), ""]

    def quote(self, m: Message) -> str:
        return f"Quote: {self.many(f'…{m.prefix}[{m.exact}]{m.suffix}…')}"

    def dashboard(self, m: Message) -> list[str]:
        return ["", f"Open in copydesk: {flat(m.dashboard_url)}"]

    def document(self, out: list[str]) -> str:
        return "\n".join(out) + "\n"


class Html(Markup):
    """HTML: :func:`html.escape` on every field and attribute."""

    joint = "<br>&gt; "
    bold = strong = ("<strong>", "</strong>")
    highlight = ("<mark>", "</mark>")
    emphasis = ("<em>", "</em>")

    def escape(self, value: str) -> str:
        return html.escape(value, quote=True)

    def block(self, text: str) -> str:
        return f"<p>{text}</p>"

    def document(self, out: list[str]) -> str:
        return "<!doctype html>\n<html><body>\n" + "\n".join(out) + "\n</body></html>\n"


TEXT, HTML = Text(), Html()


def subject(m: Message) -> str:
    title = " ".join(m.title.split())
    if len(title) > 80:
        title = title[:79] + "…"
    return f"[{m.site}] {m.headline}: {title}"


@singledispatch
def mail(data: events.Payload) -> Mail:
    """Subject, text and HTML of the mail for one event."""
    raise Permanent(f"e-mail cannot show a {data.type} event")


@mail.register
def _group_mail(data: events.GroupEvent) -> Mail:
    message = of(data)
    return Mail(subject(message), render(message, TEXT), render(message, HTML))


@mail.register
def _digest_mail(data: events.Digest) -> Mail:
    site = data.site.name
    subject = f"[{site}] Daily digest: {len(data.groups)} reported passage(s)"
    lines = [f"{site}: reports since {data.since.isoformat()[:16]} UTC", ""]
    items = []
    e = html.escape
    for group in data.groups:
        quote = " ".join(group.exact.split())[:200]
        counts = f"{group.reporter_count} reader(s), {group.new_reports} new"
        title = group.article.title or group.article.url
        lines += [f"- \"{quote}\" ({counts}; {group.status.value})", f"  {title}",
                  f"  {group.dashboard_url}"]
        items.append(
            f"<li><mark>{e(quote)}</mark> ({e(counts)}; {e(group.status.value)})"
            f"<br>{e(title)}"
            f"<br><a href=\"{e(group.dashboard_url)}\">Open in copydesk</a></li>"
        )
    text = "\n".join(lines) + "\n"
    body = (f"<!doctype html>\n<html><body>\n<p>{e(lines[0])}</p>\n<ul>\n"
            + "\n".join(items) + "\n</ul>\n</body></html>\n")
    return Mail(subject, text, body)


def compose(event: Event, sender: str, to: str) -> EmailMessage:
    """The e-mail for ``event``: subject, text part and HTML alternative."""
    content = mail(event.data())
    message = EmailMessage()
    message["Subject"] = " ".join(content.subject.split())  # one line, whatever it holds
    message["From"] = sender
    message["To"] = to
    message["Message-ID"] = f"<{event.key}@copydesk>"
    message["X-Copydesk-Event"] = event.type
    message.set_content(content.text)
    message.add_alternative(content.html, subtype="html")
    return message


# ------------------------------------------------------------------------ the channel


class EmailChannel:
    def __init__(self, config: Mapping[str, Any], runtime: Runtime) -> None:
        self.to = str(config["to"])
        self.runtime = runtime

    async def send(self, event: Event) -> None:
        settings = self.runtime.settings
        if not settings.smtp_url:
            raise DeliveryError("email is not configured (COPYDESK_SMTP_URL is empty)")
        try:
            server = smtp.parse_smtp_url(settings.smtp_url)
        except ValueError as exc:
            raise DeliveryError(str(exc)) from None
        message = compose(event, settings.mail_from, self.to)
        try:
            await asyncio.to_thread(smtp.deliver, server, message)
        except smtplib.SMTPRecipientsRefused:
            raise Permanent("the SMTP server refused the recipient") from None
        except smtplib.SMTPResponseException as exc:
            if 500 <= exc.smtp_code < 600 and exc.smtp_code != 530:
                raise Permanent(f"SMTP error {exc.smtp_code}") from None
            raise DeliveryError(f"SMTP error {exc.smtp_code}") from None
        except (smtplib.SMTPException, OSError) as exc:
            raise DeliveryError(f"SMTP failure ({type(exc).__name__})") from None


def _address(value: str, allow_private: bool) -> str:
    if not ADDRESS.match(value):
        raise ChannelError(f"not an email address: {value!r}")
    return value


class EmailKind(Kind):
    name = "email"
    summary = "e-mail through COPYDESK_SMTP_URL, text and HTML; optionally a daily digest"
    options: ClassVar[tuple[Option, ...]] = (
        Option("to", "recipient address.", required=True, check=_address),
        Option("digest", "also send a daily digest.", switch=True),
    )

    def digest(self, config: Mapping[str, Any]) -> bool:
        return bool(config.get("digest"))

    def describe(self, config: Mapping[str, Any]) -> str:
        return f"to {config.get('to', '?')}" + (" (+daily digest)" if self.digest(config) else "")

    def channel(self, config: Mapping[str, Any], runtime: Runtime) -> Channel:
        return EmailChannel(config, runtime)


KIND = EmailKind()
