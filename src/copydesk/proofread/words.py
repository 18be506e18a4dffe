"""Words as the rules see them: the token pattern, its edges, and the next word."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A letter: a word character that is no digit, including the superscript and subscript
# digits of a footnote mark ("поліграфію¹"), which Python counts as word characters.
LETTER = r"[^\W\d_\u00b2\u00b3\u00b9\u2070-\u209f]"
# Letters, optionally joined by apostrophes or hyphens ("don't", "м'ясо", "well-known").
WORD_PATTERN = LETTER + r"+(?:['’ʼ\-]" + LETTER + r"+)*"
WORD = re.compile(WORD_PATTERN)
# A word's edges: no letter, digit, apostrophe or hyphen may touch it.
BEFORE_WORD = r"(?<![\w'’ʼ\-])"
AFTER_WORD = r"(?![\w'’ʼ\-])"
_NEXT_WORD = re.compile(r"\s+(" + WORD_PATTERN + ")")


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


def next_word(text: str, position: int) -> Word | None:
    """The word after ``position`` when only whitespace separates them."""
    match = _NEXT_WORD.match(text, position)
    if match is None:
        return None
    return Word(match.group(1), match.start(1), match.end(1))
