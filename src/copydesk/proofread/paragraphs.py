"""Paragraph boundaries in plain text.

Text with blank lines (hand-written or hard-wrapped) uses them between paragraphs;
text without any (what article extraction produces) has one paragraph per line.
"""

from __future__ import annotations

import re

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


def uses_blank_lines(text: str) -> bool:
    """Whether paragraphs in ``text`` are separated by blank lines."""
    return _BLANK_LINE.search(text) is not None


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of each non-empty paragraph."""
    separator = _BLANK_LINE if uses_blank_lines(text) else re.compile(r"\n")
    spans: list[tuple[int, int]] = []
    start = 0
    for match in separator.finditer(text):
        if text[start : match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def crosses_break(gap: str, next_word: str) -> bool:
    """Whether the whitespace ``gap`` before ``next_word`` ends a paragraph or heading.

    A blank line always does; a single line break does when the next line starts with
    a capital (a new paragraph, or a heading above it), while a lowercase start is a
    sentence wrapped onto the next line.
    """
    newlines = gap.count("\n")
    return newlines >= 2 or (newlines == 1 and next_word[:1].isupper())
