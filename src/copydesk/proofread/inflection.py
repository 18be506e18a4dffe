"""Ukrainian and Russian words in all their forms: the dictionary form (lemma) of a
word as pymorphy3 reads it.

A newsroom writes a word it adds to its dictionary once ("шахед", "дроновий"), and
the text declines it ("шахедів", "дроновими"). Hunspell's dictionaries carry their
words' endings as affix flags; a site's words and the shipped accepted words
(:func:`copydesk.proofread.misspellings.accepted_words`) carry none. So
:class:`Inflections` accepts an unknown Ukrainian or Russian word that is a form of
such a word, two ways, through pymorphy3 (VESUM for Ukrainian, OpenCorpora for
Russian) and its suffix predictor, which reads a word its dictionary lacks by analogy
with known paradigms of the same ending:

- :func:`forms`: the listed word's paradigm ("дроновий" declines as "готовий":
  "дронової", "дроновими"), for the listed words that begin as the word does;
- :func:`lemmas`: the dictionary forms the word's readings give ("релокувалися" is a
  form of "релокуватися", of "релокувати"), for a form the paradigm left out.

A misspelling keeps its slip in the stem ("рнлокації" is no form of "релокація"), and
a slip in the ending is another form only where that ending exists ("шахедом" and
"шахедами" are forms of "шахед", "шахедмв" is not).

The analysers load on first use (memory-mapped DAWG files, about 0.05 s each).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from copydesk.proofread.rule import Lang

# Letters a form shares with its dictionary form, for finding the listed words a word
# may be a form of ("шахедами" and "шахед" begin "шах").
STEM_START = 3


@lru_cache(maxsize=2)
def analyzer(lang: Lang) -> Any:
    """pymorphy3's analyser for Ukrainian or Russian, loaded once."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)


def folded(word: str) -> str:
    """``word`` as the dictionaries spell it: lowercase, with the typographic
    apostrophes (’, ʼ) as the plain one."""
    return word.casefold().replace("’", "'").replace("ʼ", "'")


@lru_cache(maxsize=65536)
def lemmas(word: str, lang: Lang) -> frozenset[str]:
    """The dictionary forms (lowercase) of ``word``'s readings in ``lang`` ("uk" or
    "ru"), from the dictionary or, for a word it lacks, from the ending; the word
    itself among them."""
    lower = folded(word)
    found = {lower}
    found.update(folded(parse.normal_form) for parse in analyzer(lang).parse(lower))
    return frozenset(found)


@lru_cache(maxsize=8192)
def forms(lemma: str, lang: Lang) -> frozenset[str]:
    """Every form (lowercase) of the dictionary form ``lemma``: the paradigms of those
    of its readings whose dictionary form it is."""
    lower = folded(lemma)
    found = {lower}
    for parse in analyzer(lang).parse(lower):
        if folded(parse.normal_form) == lower:
            found.update(folded(form.word) for form in parse.lexeme)
    return frozenset(found)


class Inflections:
    """Words (dictionary forms) and all their forms, in Ukrainian or Russian.

    The forms of the listed words that begin with the same :data:`STEM_START` letters
    are made together, the first time a word beginning so is looked up, and kept: a
    site's dictionary of thousands of words costs only the groups its articles meet.
    :func:`inflections` keeps the last few sets of words, for the next check."""

    def __init__(self, words: Iterable[str], lang: Lang) -> None:
        self.lang = lang
        self.words = frozenset(folded(word) for word in words)
        self._by_start: defaultdict[str, list[str]] = defaultdict(list)
        for word in self.words:
            self._by_start[word[:STEM_START]].append(word)
        self._forms: dict[str, frozenset[str]] = {}

    def __contains__(self, word: str) -> bool:
        if not self.words:
            return False
        lower = folded(word)
        start = lower[:STEM_START]
        group = self._forms.get(start)
        if group is None:
            group = self._forms[start] = frozenset().union(
                *(forms(lemma, self.lang) for lemma in self._by_start.get(start, ())))
        return lower in group or not lemmas(lower, self.lang).isdisjoint(self.words)


@lru_cache(maxsize=32)
def inflections(words: frozenset[str], lang: Lang) -> Inflections:
    """The :class:`Inflections` of ``words``, kept for the next checks with them."""
    return Inflections(words, lang)
