"""Showing a reader's quote: Text Fragment links, word diffs, safe links, findings.

Everything here is pure: it turns reader text into values that templates render with
autoescape on.  Nothing returns markup.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from copydesk import grouping
from copydesk.models import Quote

#: Words of context a Text Fragment carries on each side of the quote.
CONTEXT_WORDS = 3

_WORDS = re.compile(r"\s+|[^\s]+")


def safe_href(url: str) -> str:
    """``url`` if it is an absolute http(s) URL with a host, else "" (not a link)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return ""
    if any(c in url for c in "\r\n\t\x00"):
        return ""
    return url.strip()


def fragment_part(value: str) -> str:
    """Percent-encode one part of a Text Fragment directive (``-``, ``,``, ``&`` too)."""
    return quote(value, safe="").replace("-", "%2D")


def text_fragment_url(url: str, exact: str, prefix: str = "", suffix: str = "") -> str:
    """``url#:~:text=prefix-,exact,-suffix``; "" when ``url`` is not a http(s) link.

    Only the last words of the prefix and the first words of the suffix are used:
    browsers match context next to the quote, across whitespace only.
    """
    href = safe_href(url)
    exact = " ".join(exact.split())
    if not href or not exact:
        return href
    base = href.split("#", 1)[0]
    before = " ".join(prefix.split()[-CONTEXT_WORDS:])
    after = " ".join(suffix.split()[:CONTEXT_WORDS])
    directive = fragment_part(exact)
    if before:
        directive = fragment_part(before) + "-," + directive
    if after:
        directive = directive + ",-" + fragment_part(after)
    return f"{base}#:~:text={directive}"


@dataclass(frozen=True)
class Piece:
    """A run of a word diff: ``kind`` is "same", "del" or "ins"."""

    kind: str
    text: str


def word_diff(old: str, new: str) -> list[Piece]:
    """The change from ``old`` (the quote) to ``new`` (a suggestion), word by word."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(Piece("same", "".join(a[i1:i2])))
            continue
        if op in {"delete", "replace"}:
            pieces.append(Piece("del", "".join(a[i1:i2])))
        if op in {"insert", "replace"}:
            pieces.append(Piece("ins", "".join(b[j1:j2])))
    return pieces


def overlaps(finding: dict[str, Any], groups: list[dict[str, Any]], article_text: str) -> bool:
    """Whether a proofreading finding covers text a reader also reported.

    A finding's offsets point into the article text copydesk extracted; a reader's
    offsets point into the page as the browser laid it out.  The two never share
    coordinates, and the extraction may differ from the page near a quote, so the
    decision is by quote plus context on one side (:func:`copydesk.grouping.near`), with
    runs of whitespace folded since the two texts lay it out differently.
    """
    start, end = int(finding["start"]), int(finding["end"])
    mine = Quote(
        _fold(str(finding["text"])),
        _fold(article_text[max(0, start - _CONTEXT):start]),
        _fold(article_text[end:end + _CONTEXT]),
    )
    for group in groups:
        theirs = Quote(
            _fold(str(group["exact"])),
            _fold(str(group.get("prefix") or "")),
            _fold(str(group.get("suffix") or "")),
        )
        if grouping.near(mine, theirs):
            return True
    return False


_CONTEXT = 32


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@dataclass(frozen=True)
class Around:
    """A quote in its sentence: ``lead`` + ``exact`` + ``tail``, each side cut at a
    word; ``cut_lead``/``cut_tail`` say text was left out there (shown as "…")."""

    lead: str
    exact: str
    tail: str
    cut_lead: bool = False
    cut_tail: bool = False


#: Most characters of a sentence shown on each side of a quote.
SENTENCE_SIDE = 160
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)]*\s+|\n")


def sentence_around(before: str, exact: str, after: str, side: int = SENTENCE_SIDE) -> Around:
    """The sentence around ``exact``: ``before`` from its last sentence end, ``after``
    up to its next one (the stop kept); at most ``side`` characters a side, and a side
    that does not reach a sentence end is cut at a word boundary, never inside a word."""
    ends = list(_SENTENCE_END.finditer(before))
    if ends:
        lead, cut_lead = before[ends[-1].end():], False
    else:  # context that does not start a sentence may start inside a word
        lead, cut_lead = before, bool(before) and not before[:1].isupper()
        if cut_lead:
            lead = _drop_first_word(lead)
    if len(lead) > side:
        lead, cut_lead = _drop_first_word(lead[-side:]), True
    found = _SENTENCE_END.search(after)
    if found:
        tail, cut_tail = after[:found.start() + 1].rstrip(), False
    else:
        tail, cut_tail = after, bool(after) and not after[-1:].isspace()
        if cut_tail:
            tail = _drop_last_word(tail)
    if len(tail) > side:
        tail, cut_tail = _drop_last_word(tail[:side]), True
    return Around(lead, exact, tail, cut_lead, cut_tail)


def _drop_first_word(text: str) -> str:
    """``text`` from its second word (its first may be the end of a word)."""
    found = re.match(r"\S*\s+", text)
    return text[found.end():] if found else ""


def _drop_last_word(text: str) -> str:
    found = re.search(r"\s+\S*$", text)
    return text[:found.start()] if found else ""


_PARAGRAPH = re.compile(r"\n\s*\n|\n")


def paragraph_around(text: str, start: int, end: int, side: int = 600) -> Around:
    """The paragraph of ``text`` holding ``text[start:end]`` (at most ``side``
    characters a side, cut at a word)."""
    before, exact, after = text[:start], text[start:end], text[end:]
    breaks = list(_PARAGRAPH.finditer(before))
    lead = before[breaks[-1].end():] if breaks else before
    found = _PARAGRAPH.search(after)
    tail = after[:found.start()] if found else after
    cut_lead = cut_tail = False
    if len(lead) > side:
        lead, cut_lead = lead[-side:].split(" ", 1)[-1], True
    if len(tail) > side:
        tail, cut_tail = tail[:side].rsplit(" ", 1)[0], True
    return Around(lead, exact, tail, cut_lead, cut_tail)
