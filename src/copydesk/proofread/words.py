"""Word tokens with their offsets, and the neighbourhood checks rules share."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Letters, optionally joined by apostrophes or hyphens ("don't", "м'ясо", "well-known").
WORD_PATTERN = r"[^\W\d_]+(?:['’ʼ\-][^\W\d_]+)*"
WORD = re.compile(WORD_PATTERN)
# A word's edges: no letter, digit, apostrophe or hyphen may touch it.
BEFORE_WORD = r"(?<![\w'’ʼ\-])"
AFTER_WORD = r"(?![\w'’ʼ\-])"
_NEXT_WORD = re.compile(r"\s+(" + WORD_PATTERN + ")")
_SENTENCE_END = re.compile(r"[.!?…:;]['\"’”»)\]]*\s*$")


@dataclass(frozen=True, slots=True)
class Word:
    """A word token: its text and ``[start, end)`` offsets."""

    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.casefold()

    @property
    def is_capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def is_all_caps(self) -> bool:
        return len(self.text) > 1 and self.text.isupper()


def iter_words(text: str) -> Iterator[Word]:
    """All word tokens of ``text`` in order."""
    for match in WORD.finditer(text):
        yield Word(match.group(), match.start(), match.end())


def next_word(text: str, position: int) -> Word | None:
    """The word after ``position`` when only whitespace separates them."""
    match = _NEXT_WORD.match(text, position)
    if match is None:
        return None
    return Word(match.group(1), match.start(1), match.end(1))


def is_whitespace_gap(gap: str) -> bool:
    """A gap between two words that holds nothing but whitespace."""
    return gap == " " or (gap != "" and gap.isspace())


def starts_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence or paragraph."""
    before = text[max(0, start - 12) : start]
    stripped = before.rstrip(" \t\"'“‘«„([")
    return stripped == "" or stripped.endswith("\n") or _SENTENCE_END.search(stripped) is not None
