"""Spellings an orthography allows side by side, so the spelling rule accepts both.

The 2019 Ukrainian orthography keeps some doublets ("ефір"/"етер", "кафедра"/
"катедра", "радості"/"радости", "ірій"/"ирій"; "проект" beside the preferred
"проєкт") and lets ґ stand for a foreign g in names ("Ґете"/"Гете": capitalised words
pass the spelling rule anyway). It does not allow г for ґ in "ґанок", "ґрунт", nor ґ
for g in "реґіон", "ґарантія": UA-GEC's annotators correct both, so they stay flagged.
A few outlets keep the 1928 Kharkiv orthography ("правопис Скрипника": "Ґреція",
"матеріял", "плян", "европейський", "павза", "ґеоґрафія"), ґ for g included.

A word Hunspell does not know is accepted when one of the orthography's variant
spellings of it is a word Hunspell knows. Russian: "ё" may be written "е" and back.

The orthography is chosen per site through the newsroom dictionary (the entry
``orthography:kharkiv`` or ``orthography:2019``), else by ``COPYDESK_UK_ORTHOGRAPHY``
(``2019``, the default, or ``kharkiv``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Literal

from copydesk.proofread.rule import Lang

Orthography = Literal["2019", "kharkiv"]
ORTHOGRAPHIES: tuple[Orthography, ...] = ("2019", "kharkiv")
DEFAULT: Orthography = "2019"
#: The newsroom dictionary entry that chooses a site's orthography.
MARKER = "orthography:"

# Doublets of the 2019 orthography, written form to a form Hunspell's uk_UA knows
# (stems: the ending is kept). Most of them uk_UA knows both ways already; the table
# keeps them passing with older dictionaries.
_DOUBLETS_2019: tuple[tuple[str, str], ...] = (
    ("ірій", "ирій"), ("ирис", "ірис"), ("матерей", "матерів"),
    ("проект", "проєкт"), ("проєкт", "проект"),
    ("етер", "ефір"), ("катедр", "кафедр"), ("міт", "міф"), ("мітолог", "міфолог"),
    ("логаритм", "логарифм"), ("маратон", "марафон"), ("анатем", "анафем"),
    ("дитирамб", "дифірамб"), ("ортограф", "орфограф"), ("ортоепі", "орфоепі"),
    ("радости", "радості"), ("любови", "любові"), ("крови", "крові"),
    ("осени", "осені"), ("соли", "солі"),
)  # fmt: skip
# Letters the Kharkiv orthography writes differently, anywhere in a word.
_KHARKIV_INFIXES: tuple[tuple[str, str], ...] = (
    ("ія", "іа"), ("ію", "іу"), ("ля", "ла"), ("льо", "ло"), ("ав", "ау"), ("ев", "еу"),
)  # fmt: skip
# ... and at the start of a word ("европейський", "Евклід").
_KHARKIV_INITIALS: tuple[tuple[str, str], ...] = (("е", "є"), ("и", "і"))
# The genitive in -и of third-declension nouns ("радости", "ночи"), which Kharkiv keeps.
_KHARKIV_ENDINGS: tuple[tuple[str, str], ...] = (("ости", "ості"), ("и", "і"))


def choice(extra_words: frozenset[str] = frozenset()) -> Orthography:
    """The orthography a site writes in: its dictionary's entry, else the setting."""
    for entry in extra_words:
        if entry.startswith(MARKER):
            chosen = entry[len(MARKER) :]
            if chosen in ORTHOGRAPHIES:
                return chosen
    configured = os.environ.get("COPYDESK_UK_ORTHOGRAPHY", DEFAULT).strip().lower()
    if configured not in ORTHOGRAPHIES:
        known = ", ".join(ORTHOGRAPHIES)
        raise ValueError(f"COPYDESK_UK_ORTHOGRAPHY={configured!r}; known: {known}")
    return configured


def _swapped(word: str, old: str, new: str) -> Iterator[str]:
    """``word`` with every ``old`` replaced, and with each one replaced alone."""
    if old not in word:
        return
    yield word.replace(old, new)
    start = word.find(old)
    while start != -1:
        yield word[:start] + new + word[start + len(old) :]
        start = word.find(old, start + 1)


def variants(word: str, lang: Lang, orthography: Orthography = DEFAULT) -> Iterator[str]:
    """Other spellings of ``word`` that ``orthography`` treats as the same word."""
    lower = word.casefold()
    if lang == "ru":
        yield from _swapped(lower, "ё", "е")
        yield from _swapped(lower, "е", "ё")
        return
    if lang != "uk":
        return
    for written, known in _DOUBLETS_2019:
        if lower.startswith(written):
            yield known + lower[len(written) :]
    if orthography != "kharkiv":
        return
    yield from _swapped(lower, "ґ", "г")
    for old, new in _KHARKIV_INFIXES:
        yield from _swapped(lower, old, new)
    for old, new in _KHARKIV_INITIALS:
        if lower.startswith(old):
            yield new + lower[len(old) :]
    for old, new in _KHARKIV_ENDINGS:
        if lower.endswith(old):
            yield lower[: -len(old)] + new
    # Both at once: "ґеоґрафія", "Ґреція" are ґ for g and ія in one word.
    plain = lower.replace("ґ", "г")
    if plain != lower:
        for old, new in _KHARKIV_INFIXES:
            yield from _swapped(plain, old, new)


def allowed(
    word: str,
    lang: Lang,
    known: Callable[[str], bool],
    extra_words: frozenset[str] = frozenset(),
) -> bool:
    """Whether ``word`` is another spelling of a ``known`` word in the site's orthography."""
    if lang == "en":
        return False
    orthography = choice(extra_words) if lang == "uk" else DEFAULT
    return any(known(variant) for variant in variants(word, lang, orthography) if variant != word)
