"""Ukrainian word forms beyond Hunspell's: VESUM, through pymorphy3.

uk_UA (Debian's hunspell-uk) lacks many words of today's Ukrainian press and posts:
loans ("дедлайн", "коворкінгу", "акаунту"), slang ("хайп", "фідбек"), new coinages.
VESUM, the large morphological dictionary of Ukrainian (brown-uk/dict_uk, compiled for
pymorphy3 as ``pymorphy3-dicts-uk``), knows most of them. A word form counts as known
when the dictionary itself has it, spelt as written (not a guess from the analyser's
suffix rules, nor its г → ґ substitution), with a reading that is none of:

- ``Dist``: VESUM's mark for non-normative forms (Russianisms such as "слідуючий",
  "получати"; "ганок", "грунт" for "ґанок", "ґрунт"), which stay flagged;
- ``alt``: the older orthography's spellings ("плян", "матеріяли", "реґіональні"),
  which :mod:`copydesk.proofread.orthography` accepts when a site chooses it;
- a proper name's (``Name``, ``Surn``, ``Patr``, ``Geox``, ``Orgn``, ``Trad``): the
  surname Грунт does not make the lowercase "грунт" a word.

Measured on UA-GEC (bench/proofread/ukrainian.py, docs/proofreading.md): 1.05 fewer
false findings per 1,000 words for 0.013 of spelling recall. The dictionary loads on
first use (about 0.05 s, memory-mapped DAWG files).
"""

from __future__ import annotations

from enum import Enum
from functools import lru_cache
from typing import Any

from copydesk.proofread import inflection
from copydesk.proofread.inflection import folded

# Readings that do not make a lowercase word known (see above).
NON_NORMATIVE = "Dist"
OLDER = "alt"
NAMES = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})
EXCLUDED = frozenset({NON_NORMATIVE, OLDER}) | NAMES


class Standing(Enum):
    """What VESUM says of a word form that is not known."""

    NON_NORMATIVE = "non-normative"  # "слідуючий", "получати", "достовірну"
    OLDER = "older orthography"  # "плян", "матеріяли"
    UNLISTED = "unlisted"


def _analyzer() -> Any:
    return inflection.analyzer("uk")


@lru_cache(maxsize=65536)
def known(word: str) -> bool:
    """Whether VESUM has ``word`` (any case, any apostrophe) as a normative form."""
    from pymorphy3.units import DictionaryAnalyzer

    lower = folded(word)
    analyzer = _analyzer()
    if not analyzer.word_is_known(lower):
        return False
    return any(
        isinstance(parse.methods_stack[0][0], DictionaryAnalyzer)
        and parse.word == lower
        and not EXCLUDED & parse.tag.grammemes
        for parse in analyzer.parse(lower)
    )


def _readings(word: str) -> list[Any]:
    """The readings that make ``word`` :func:`known`: from the dictionary itself, spelt
    as written, none of the :data:`EXCLUDED` ones."""
    from pymorphy3.units import DictionaryAnalyzer

    lower = folded(word)
    analyzer = _analyzer()
    if not analyzer.word_is_known(lower):
        return []
    return [
        parse for parse in analyzer.parse(lower)
        if isinstance(parse.methods_stack[0][0], DictionaryAnalyzer)
        and parse.word == lower
        and not EXCLUDED & parse.tag.grammemes
        and parse.tag.POS is not None
    ]


@lru_cache(maxsize=65536)
def parts_of_speech(word: str) -> frozenset[str]:
    """The parts of speech (VESUM's tags through pymorphy3: "NOUN", "ADJF", "VERB"...)
    of the readings that make ``word`` :func:`known`; empty when it is not known."""
    return frozenset(str(parse.tag.POS) for parse in _readings(word))


@lru_cache(maxsize=65536)
def nominative_parts(word: str) -> frozenset[str]:
    """The parts of speech of those readings of ``word`` that are in the nominative
    (what a diminutive is made from: "мама" for "мамочка", not "стола" for
    "столочка")."""
    return frozenset(
        str(parse.tag.POS) for parse in _readings(word) if "nomn" in parse.tag.grammemes
    )


@lru_cache(maxsize=65536)
def standing(word: str) -> Standing:
    """For a word :func:`known` refuses: whether VESUM lists it, spelt as written, as a
    non-normative form or one of the older orthography. Both are real Ukrainian that
    editors weigh (a Russianism, or a word purists replace: "достовірний",
    "переписка"), reported as a note rather than a misspelling."""
    from pymorphy3.units import DictionaryAnalyzer

    lower = folded(word)
    analyzer = _analyzer()
    if not analyzer.word_is_known(lower):
        return Standing.UNLISTED
    marks: set[str] = set()
    for parse in analyzer.parse(lower):
        if not isinstance(parse.methods_stack[0][0], DictionaryAnalyzer):
            continue
        grammemes = parse.tag.grammemes
        if parse.word != lower and not EXCLUDED & grammemes:
            return Standing.UNLISTED  # г for ґ ("ганок" of "ґанок"): a misspelling
        if parse.word == lower and not NAMES & grammemes:
            marks |= grammemes & {NON_NORMATIVE, OLDER}
    if NON_NORMATIVE in marks:
        return Standing.NON_NORMATIVE
    if OLDER in marks:
        return Standing.OLDER
    return Standing.UNLISTED
