"""The one mail a reader gets: a plain-text and an HTML part, in the reader's language,
with one-click unsubscribe (RFC 8058).

Headers: ``List-Unsubscribe: <https://…/api/v1/unsubscribe/TOKEN?lang=xx>`` and
``List-Unsubscribe-Post: List-Unsubscribe=One-Click`` (only with an https
``COPYDESK_PUBLIC_URL``: RFC 8058 wants an HTTPS URI; the DKIM signature that must
cover both headers is the outgoing mail server's), ``Auto-Submitted: auto-generated``
(RFC 3834: no vacation replies), ``Message-ID`` from the row's idempotency key.  The
subject has no reader text; the body's reader text (the quote, the article's title as
a report named it) is HTML-escaped in the HTML part and kept on one line in both.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from email import policy
from email.message import EmailMessage
from typing import Any
from urllib.parse import urlsplit

from copydesk.readers import words
from copydesk.readers.words import Reason

UNSUBSCRIBE_PATH = "/api/v1/unsubscribe/"
#: Headers are not folded (RFC 5322 allows 998 characters): Python 3.11 drops the space
#: between two encoded words when it folds a non-ASCII subject.
_POLICY = policy.default.clone(max_line_length=998)


def unsubscribe_url(public_url: str, token: str, lang: str) -> str:
    """The one-click address, or ``""`` when copydesk has no https public URL."""
    base = public_url.rstrip("/")
    if urlsplit(base).scheme != "https":
        return ""
    return f"{base}{UNSUBSCRIBE_PATH}{token}?lang={lang}"


def _flat(value: object) -> str:
    return " ".join(str(value).split())


def paragraphs(kind: str, lang: str, data: Mapping[str, Any], unsubscribe: str
               ) -> list[tuple[str, str]]:
    """The mail's paragraphs as (text, link) pairs; ``link`` is a URL or ``""``."""
    def say(name: str, **values: str) -> str:
        return words.say(lang, name, **{k: _flat(v) for k, v in values.items()})

    title = str(data.get("title") or data.get("url") or "")
    out = [(say("thanks", title=title), "")]
    if kind == "published":
        out += [(say("published"), ""), (_flat(data.get("notice", "")), "")]
        if data.get("notice_url"):
            out.append((say("notice_page", url=str(data["notice_url"])),
                        str(data["notice_url"])))
    elif kind == "fixed":
        out += [(say("fixed"), ""), (say("you_reported", quote=str(data.get("quote", ""))), "")]
        if data.get("fix"):
            out.append((say("now_reads", fix=str(data["fix"])), ""))
    else:
        out += [(say("rejected", quote=str(data.get("quote", ""))), ""),
                (words.reason_text(lang, Reason(str(data["reason"]))), "")]
    out.append((say("article", url=str(data.get("url", ""))), str(data.get("url", ""))))
    out.append((say("why"), ""))
    if unsubscribe:
        out.append((say("unsubscribe", url=unsubscribe), unsubscribe))
    return out


def _html(lang: str, parts: list[tuple[str, str]]) -> str:
    e = html.escape
    body = []
    for text, link in parts:
        if link and link.startswith(("https://", "http://")):
            label, _, _ = text.rpartition(link)
            body.append(f"<p>{e(label)}<a href=\"{e(link)}\">{e(link)}</a></p>")
        else:
            body.append(f"<p>{e(text)}</p>")
    return (f"<!doctype html>\n<html lang=\"{e(lang)}\"><body>\n" + "\n".join(body)
            + "\n</body></html>\n")


def compose(*, kind: str, lang: str, data: Mapping[str, Any], to: str, sender: str,
            key: str, unsubscribe: str) -> EmailMessage:
    """The mail of one ``reader_mail`` row."""
    parts = paragraphs(kind, lang, data, unsubscribe)
    subject = words.say(lang, "subject_rejected" if kind == "rejected" else "subject_fixed")
    message = EmailMessage(policy=_POLICY)
    message["Subject"] = f"[{_flat(data.get('site', ''))}] {subject}"
    message["From"] = sender
    message["To"] = to
    message["Message-ID"] = f"<{key}@copydesk>"
    message["Auto-Submitted"] = "auto-generated"
    if unsubscribe:
        message["List-Unsubscribe"] = f"<{unsubscribe}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content("\n\n".join(text for text, _ in parts) + "\n")
    message.add_alternative(_html(lang, parts), subtype="html")
    message["Content-Language"] = lang  # after the parts: set_content drops Content-*
    return message
