"""English words Hunspell lacks but English builds: derivations, closed compounds and
loanwords in a foreign phrase.

Each test takes a ``known`` function (a Hunspell lookup) so the caller decides which
dictionaries count.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

Known = Callable[[str], bool]

# Suffixes Hunspell's affix rules leave out for some stems ("stranding" → "strandings").
_PLURALISABLE = ("ing", "ment", "ist", "ism", "ance", "ence")
# Shortest part of a closed compound ("ultra" + "low", "movie" + "going").
MIN_PART = 3
# Zipf frequency (wordfreq) a closed compound needs: in use, if rarely.
COMPOUND_ZIPF = 1.0
# Zipf frequency in another language at which a word is common there.
FOREIGN_ZIPF = 3.5
# Languages whose words turn up in English news.
FOREIGN_LANGS = ("fr", "de", "es", "it", "pt", "nl")


@lru_cache(maxsize=65536)
def frequency(word: str, lang: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, lang))


def derived(word: str, known: Known) -> bool:
    """A plural of a noun Hunspell knows but not in the plural ("strandings")."""
    if not word.endswith("s") or word.endswith("ss"):
        return False
    stem = word[:-1]
    return stem.endswith(_PLURALISABLE) and known(stem)


def compound(word: str, known: Known) -> bool:
    """A closed compound of two known words that is in use ("ultralow", "moviegoing")."""
    if len(word) < 2 * MIN_PART + 1 or frequency(word.casefold(), "en") < COMPOUND_ZIPF:
        return False
    if _undoubled(word, known):
        return False
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        head, tail = word[:cut], word[cut:]
        if known(head) and (known(tail) or derived(tail, known)):
            return True
    return False


def _undoubled(word: str, known: Known) -> bool:
    """A doubled letter whose removal makes a known word: a slip ("pasttime", "wellcome")."""
    return any(
        word[i] == word[i + 1] and known(word[:i] + word[i + 1 :]) for i in range(len(word) - 1)
    )


def foreign(word: str) -> str | None:
    """The language in which ``word`` is common and more common than in English."""
    lower = word.casefold()
    english = frequency(lower, "en")
    for lang in FOREIGN_LANGS:
        there = frequency(lower, lang)
        if there >= FOREIGN_ZIPF and there > english + 1:
            return lang
    return None


def foreign_in(word: str, lang: str) -> bool:
    """Whether ``word`` is a common word of ``lang`` more used there than in English."""
    lower = word.casefold()
    there = frequency(lower, lang)
    return there >= FOREIGN_ZIPF and there > frequency(lower, "en")
