"""Doubled words: "the the", including across a line break.

Legitimate doubles are allowed: grammatical ones ("had had", "that that", "what it
is is"), reduplications ("bye bye", "так так"), and names ("Duran Duran").
"""

from __future__ import annotations

import re

from copydesk.proofread.finding import Finding, Severity
from copydesk.proofread.paragraphs import crosses_break
from copydesk.proofread.rule import Lang
from copydesk.proofread.words import AFTER_WORD, BEFORE_WORD, WORD_PATTERN, Word, next_word


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Doubles that are grammatical or idiomatic wherever they stand.
_ALLOWED: dict[Lang, frozenset[str]] = {
    "en": _words(
        "that had do bye no yes ha ho hee so knock tut tsk chop night there well now hear "
        "boo cha pom tom choo dum hush goody very really many blah bla la hip bang tick din "
        "pooh"
    ),
    "uk": _words("так ні ну ой ага ха ля ого леле"),
    "ru": _words("так да нет ну ой ага ха ля ого"),
}
# Function words: doubled, these are mistakes even when capitalised ("The The").
_FUNCTION: dict[Lang, frozenset[str]] = {
    "en": _words(
        "the a an of to in on at for with by from and or but is are was were be been it its "
        "this that these those as if than then i he she we they you his her their our my "
        "your not into onto"
    ),
    "uk": _words("в у на з із зі до і й та що не як для про за від по а але чи це"),
    "ru": _words("в во на с со и что не как для о об от из за у к по а но ли это"),
}

# "що що б не сталося": a conjunction followed by "whatever".
_ALLOWED_BEFORE: dict[Lang, dict[str, frozenset[str]]] = {
    "en": {},
    "uk": {"що": frozenset({"б", "би"}), "хто": frozenset({"б", "би"})},
    "ru": {"что": frozenset({"бы", "б"}), "кто": frozenset({"бы", "б"})},
}

# "They had had enough" is past perfect; "it has had had" is a slip.
_PERFECT_AUXILIARY = re.compile(r"\b(?:has|have|having|'ve|’ve)\s+$", re.IGNORECASE)
# "What it is is a scam": allowed when "what"/"all" opens the clause.
_IS_IS_OPENER = re.compile(r"\b(?:what|whatever|all)\b[^.!?;:\n]*$", re.IGNORECASE)


_DOUBLED = re.compile(BEFORE_WORD + "(" + WORD_PATTERN + r")(\s+)(\1)" + AFTER_WORD, re.IGNORECASE)


class DoubledWords:
    """Flags the same word written twice in a row."""

    name = "doubled"

    def check(self, text: str, lang: Lang) -> list[Finding]:
        findings: list[Finding] = []
        for match in _DOUBLED.finditer(text):
            first = Word(match.group(1), match.start(1), match.end(1))
            second = Word(match.group(3), match.start(3), match.end(3))
            if crosses_break(match.group(2), second.text):
                continue
            following = next_word(text, second.end)
            if self._allowed(text, lang, first, second, following):
                continue
            findings.append(
                Finding(
                    rule=self.name,
                    message=f'Doubled word "{second.text}".',
                    start=first.start,
                    end=second.end,
                    text=text[first.start : second.end],
                    suggestions=(first.text,),
                    severity=Severity.ERROR,
                )
            )
        return findings

    @staticmethod
    def _allowed(text: str, lang: Lang, first: Word, second: Word, following: Word | None) -> bool:
        word = first.lower
        if lang == "en" and word == "had":
            return not _PERFECT_AUXILIARY.search(text[max(0, first.start - 12) : first.start])
        if word in _ALLOWED[lang]:
            return True
        after = _ALLOWED_BEFORE[lang].get(word)
        if after and following is not None and following.lower in after:
            return True
        if lang == "en" and word == "is":
            clause = text[max(0, first.start - 80) : first.start]
            if _IS_IS_OPENER.search(clause):
                return True
        is_name = first.is_capitalised and second.is_capitalised
        return is_name and word not in _FUNCTION[lang]
