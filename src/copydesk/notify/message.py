"""What a notification says, independent of where it goes.

:func:`from_event` turns an outbox payload (see :func:`copydesk.reports.event_payload`)
into a :class:`Message`; :mod:`copydesk.notify.render` turns a message into email text
and HTML, Telegram HTML, Slack and Discord.  Most fields are reader text and hostile:
every renderer escapes them for its format.  :func:`fit` shortens reader text (before
escaping, so markup stays valid) until a rendering fits a receiver's length limit.

Reader text cannot start a line of a message: :func:`lines` splits it at every line
or paragraph separator Python knows (``\\n``, ``\\r``, ``\\v``, ``\\f``, ``\\x1c``-``\\x1e``,
``\\x85``, ``\\u2028``, ``\\u2029``) and each renderer marks every line after the first
as a quote (``> ``), so a forged "Open in copydesk: …" never stands where copydesk's
own does; one-line fields (title, site, headline) are :func:`flat`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from copydesk.models import EventType

#: Reader (or editor) text that may be shortened to fit a limit.
SHORTENABLE = ("title", "prefix", "exact", "suffix", "suggestion", "comment", "note")
FRAGMENT_WORDS = 3  # words of prefix and suffix in a Text Fragment
LONG_QUOTE_WORDS = 10  # longer quotes use textStart,textEnd
MAX_FRAGMENT_URL = 1500


@dataclass(frozen=True)
class Message:
    headline: str
    site: str
    title: str
    url: str
    quote_url: str
    prefix: str
    exact: str
    suffix: str
    suggestion: str
    comment: str
    note: str
    reporters: int
    dashboard_url: str


_WHITESPACE = re.compile(r"\s+")  # every Unicode space and line separator


def lines(value: str) -> list[str]:
    """``value`` split at every line and paragraph separator (``str.splitlines``)."""
    return value.splitlines() or [""]


def flat(value: str) -> str:
    """``value`` on one line: each run of whitespace (line breaks too) is one space."""
    return _WHITESPACE.sub(" ", value)


def _s(mapping: dict[str, Any], key: str) -> str:
    value = mapping.get(key)
    return "" if value is None else str(value)


def headline(event_type: str, payload: dict[str, Any]) -> str:
    if event_type == EventType.REPORT_STATUS_CHANGED:
        text = f"Status changed: {_s(payload, 'from')} → {_s(payload, 'to')}"
        actor = _s(payload, "actor")
        return f"{text} (by {actor})" if actor else text
    if event_type == EventType.TEST:
        return "Test notification"
    if event_type == EventType.GROUP_FIX_DETECTED:
        return "Fix detected: the article no longer has the reported text"
    return "New error report"


def from_event(event_type: str, payload: dict[str, Any]) -> Message:
    group: dict[str, Any] = payload.get("group") or {}
    article: dict[str, Any] = payload.get("article") or {}
    site: dict[str, Any] = payload.get("site") or {}
    url = _s(article, "url")
    prefix, exact, suffix = _s(group, "prefix"), _s(group, "exact"), _s(group, "suffix")
    return Message(
        headline=headline(event_type, payload),
        site=_s(site, "name") or _s(site, "key"),
        title=_s(article, "title") or url,
        url=url,
        quote_url=text_fragment_url(url, prefix, exact, suffix),
        prefix=prefix,
        exact=exact,
        suffix=suffix,
        suggestion=_s(group, "suggestion"),
        comment=_s(group, "comment"),
        note=_note(event_type, payload),
        reporters=int(group.get("reporter_count") or 1),
        dashboard_url=_s(group, "dashboard_url"),
    )


def _note(event_type: str, payload: dict[str, Any]) -> str:
    """The editor's note; for a detected fix, what the article says now (page text:
    escaped like reader text)."""
    if event_type == EventType.GROUP_FIX_DETECTED:
        fix: dict[str, Any] = payload.get("fix") or {}
        return f"The article now reads: {_s(fix, 'text')}"
    return _s(payload, "note")


def is_web_url(url: str) -> bool:
    """Only absolute http(s) URLs become links; anything else is shown as text."""
    parts = urlsplit(url)
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


def _directive(text: str) -> str:
    # Text Fragment syntax characters (- , &) and spaces must be percent-encoded.
    return quote(text, safe="").replace("-", "%2D")


def text_fragment_url(url: str, prefix: str, exact: str, suffix: str) -> str:
    """``url#:~:text=prefix-,exact,-suffix``: a link that scrolls to the quote.

    Uses the last words of the prefix and the first words of the suffix; a long
    quote becomes ``textStart,textEnd``.  Falls back to ``url`` when there is no quote
    or the link would be unreasonably long.
    """
    base = url.split("#", 1)[0]
    words = exact.split()
    if not words or not is_web_url(base):
        return base
    parts: list[str] = []
    before = prefix.split()[-FRAGMENT_WORDS:]
    if before:
        parts.append(_directive(" ".join(before)) + "-")
    if len(words) > LONG_QUOTE_WORDS:
        parts.append(_directive(" ".join(words[:5])))
        parts.append(_directive(" ".join(words[-5:])))
    else:
        parts.append(_directive(" ".join(words)))
    after = suffix.split()[:FRAGMENT_WORDS]
    if after:
        parts.append("-" + _directive(" ".join(after)))
    link = f"{base}#:~:text={','.join(parts)}"
    return link if len(link) <= MAX_FRAGMENT_URL else base


def fit(message: Message, render: Callable[[Message], str], limit: int) -> str:
    """``render(message)``, with the longest reader text shortened until it fits."""
    out = render(message)
    while len(out) > limit:
        name = max(SHORTENABLE, key=lambda n: len(getattr(message, n)))
        value: str = getattr(message, name)
        if len(value) <= 1:
            return out[:limit]  # only plain text can get here; markup is short
        keep = max(0, len(value) - (len(out) - limit) - 1)
        changes: dict[str, Any] = {name: value[:keep] + "…"}
        message = dataclasses.replace(message, **changes)
        out = render(message)
    return out
