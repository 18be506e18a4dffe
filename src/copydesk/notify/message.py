"""What a notification says, independent of where it goes.

:func:`from_event` turns an outbox payload of an event about one group (its model:
:class:`copydesk.events.GroupEvent`) into a :class:`Message`;
:func:`copydesk.notify.format.render` lays a message out in each kind's format (e-mail
text and HTML, Telegram HTML, Slack, Discord).  Most fields are reader text and hostile:
every format escapes them.  :func:`fit` shortens reader text (before
escaping, so markup stays valid) until a rendering fits a receiver's length limit.

Reader text cannot start a line of a message: :func:`lines` splits it at every line
or paragraph separator Python knows (``\\n``, ``\\r``, ``\\v``, ``\\f``, ``\\x1c``-``\\x1e``,
``\\x85``, ``\\u2028``, ``\\u2029``) and each format marks every line after the first
as a quote (``> ``), so a forged "Open in copydesk: …" never stands where copydesk's
own does; one-line fields (title, site, headline) are :func:`flat`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from copydesk import events

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


def from_event(event_type: str, payload: Mapping[str, Any]) -> Message:
    """The message of an outbox payload of an event about one group."""
    data = events.parse(event_type, payload)
    if not isinstance(data, events.GroupEvent):
        raise ValueError(f"a {event_type} event is not about one group")
    return of(data)


def of(data: events.GroupEvent) -> Message:
    """What every channel says about ``data``."""
    group, article, site = data.group, data.article, data.site
    return Message(
        headline=data.headline(),
        site=site.name or site.key,
        title=article.title or article.url,
        url=article.url,
        quote_url=text_fragment_url(article.url, group.prefix, group.exact, group.suffix),
        prefix=group.prefix,
        exact=group.exact,
        suffix=group.suffix,
        suggestion=group.suggestion,
        comment=group.comment,
        note=data.detail(),
        reporters=group.reporter_count or 1,
        dashboard_url=group.dashboard_url,
    )


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
