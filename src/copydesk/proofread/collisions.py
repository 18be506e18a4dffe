"""Colliding function words: adjacent pairs that cannot stand together.

The pairs come from a closed, reviewed list (see docs/proofreading.md for the list
and the pairs deliberately left out, such as "in on" in "weigh in on").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from copydesk.proofread.finding import Finding, Severity
from copydesk.proofread.paragraphs import crosses_break
from copydesk.proofread.rule import Lang
from copydesk.proofread.words import AFTER_WORD, BEFORE_WORD, next_word


@dataclass(frozen=True, slots=True)
class Collision:
    """One forbidden pair and the contexts where it is fine after all."""

    first: str
    second: str
    suggestions: tuple[str, ...] = ()
    # Words after the pair that make it grammatical ("the a priori case").
    unless_followed_by: frozenset[str] = field(default_factory=frozenset)


_ARTICLE_EXCEPTIONS = frozenset({"cappella", "capella", "priori", "posteriori", "fortiori", "la"})
_AFTER_MODAL_OF = frozenset(
    [
        "the",
        "a",
        "an",
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
        "your",
        "this",
        "that",
        "these",
        "those",
        "it",
        "them",
        "what",
        "all",
        "which",
        "whom",
        "whose",
        "some",
        "any",
        "each",
    ]
)


def _pairs(*specs: Collision) -> dict[tuple[str, str], Collision]:
    return {(spec.first, spec.second): spec for spec in specs}


def _both(first: str, second: str) -> Collision:
    return Collision(first, second, (first, second))


def _modal(modal: str) -> Collision:
    return Collision(modal, "of", (f"{modal} have",), _AFTER_MODAL_OF)


COLLISIONS: dict[Lang, dict[tuple[str, str], Collision]] = {
    "en": _pairs(
        _both("into", "to"),
        _both("onto", "to"),
        _both("into", "onto"),
        _both("onto", "into"),
        Collision("a", "the", ("a", "the")),
        Collision("the", "a", ("the", "a"), _ARTICLE_EXCEPTIONS),
        _both("an", "the"),
        _both("the", "an"),
        Collision("a", "an", ("a", "an")),
        Collision("an", "a", ("an", "a"), _ARTICLE_EXCEPTIONS),
        _both("the", "of"),
        _both("an", "of"),
        _both("for", "of"),
        _both("the", "his"),
        _both("the", "their"),
        _both("the", "its"),
        _both("the", "our"),
        _both("the", "my"),
        _both("the", "your"),
        _both("his", "the"),
        _both("their", "the"),
        _both("our", "the"),
        _both("my", "the"),
        _both("your", "the"),
        _both("a", "their"),
        _both("a", "his"),
        _both("the", "is"),
        _both("the", "was"),
        _both("the", "were"),
        _both("the", "are"),
        _modal("could"),
        _modal("should"),
        _modal("would"),
        _modal("must"),
        _modal("might"),
    ),
    "uk": _pairs(
        _both("в", "у"),
        _both("у", "в"),
        _both("на", "в"),
        _both("в", "на"),
        _both("на", "у"),
        _both("у", "на"),
        _both("з", "із"),
        _both("із", "з"),
        _both("з", "зі"),
        _both("зі", "з"),
        _both("і", "й"),
        _both("й", "і"),
        _both("до", "в"),
        _both("до", "у"),
        _both("від", "з"),
    ),
    "ru": _pairs(
        _both("в", "во"),
        _both("во", "в"),
        _both("в", "на"),
        _both("на", "в"),
        _both("с", "со"),
        _both("со", "с"),
        _both("к", "ко"),
        _both("ко", "к"),
        _both("о", "об"),
        _both("об", "о"),
    ),
}


@lru_cache(maxsize=3)
def _pattern(lang: Lang) -> re.Pattern[str]:
    """Any first word of a pair, when some second word follows it (overlaps allowed)."""
    firsts = sorted({first for first, _ in COLLISIONS[lang]}, key=len, reverse=True)
    seconds = sorted({second for _, second in COLLISIONS[lang]}, key=len, reverse=True)
    return re.compile(
        BEFORE_WORD
        + "("
        + "|".join(firsts)
        + r")(?=(\s+)("
        + "|".join(seconds)
        + ")"
        + AFTER_WORD
        + ")",
        re.IGNORECASE,
    )


class CollidingWords:
    """Flags adjacent function words from the reviewed list of impossible pairs."""

    name = "collisions"

    def check(self, text: str, lang: Lang) -> list[Finding]:
        pairs = COLLISIONS[lang]
        findings: list[Finding] = []
        for match in _pattern(lang).finditer(text):
            first_text, gap, second_text = match.group(1, 2, 3)
            spec = pairs.get((first_text.casefold(), second_text.casefold()))
            if spec is None or not second_text.islower() or crosses_break(gap, second_text):
                continue
            start = match.start(1)
            end = match.end(1) + len(gap) + len(second_text)
            following = next_word(text, end)
            if following is not None and following.lower in spec.unless_followed_by:
                continue
            findings.append(
                Finding(
                    rule=self.name,
                    message=f'"{first_text} {second_text}" cannot stand together; '
                    "one of the two words is probably left over from an edit.",
                    start=start,
                    end=end,
                    text=text[start:end],
                    suggestions=self._suggestions(first_text, spec),
                    severity=Severity.ERROR,
                )
            )
        return findings

    @staticmethod
    def _suggestions(written_first: str, spec: Collision) -> tuple[str, ...]:
        if not written_first[:1].isupper():
            return spec.suggestions
        return tuple(s[:1].upper() + s[1:] for s in spec.suggestions)
