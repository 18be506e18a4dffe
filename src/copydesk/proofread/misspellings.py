"""Shipped word lists: common misspellings (each reviewed not to be a real word) and
accepted words that Hunspell lacks (loanwords and phrases used in news)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from copydesk.proofread.rule import Lang


@lru_cache(maxsize=3)
def misspellings(lang: Lang) -> dict[str, str]:
    """Misspelling (lowercase) to its correction, for ``lang``."""
    source = resources.files("copydesk.proofread") / "data" / "misspellings" / f"{lang}.tsv"
    table: dict[str, str] = {}
    for line in source.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        wrong, _, right = line.partition("\t")
        table[wrong.casefold()] = right
    return table


@lru_cache(maxsize=3)
def accepted_words(lang: Lang) -> frozenset[str]:
    """Lowercase words to accept although Hunspell does not know them."""
    source = resources.files("copydesk.proofread") / "data" / "accepted" / f"{lang}.txt"
    lines = source.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines if line and not line.startswith("#"))


def match_case(correction: str, written: str) -> str:
    """Give ``correction`` the capitalisation of the ``written`` word."""
    if written.isupper() and len(written) > 1:
        return correction.upper()
    if written[:1].isupper():
        return correction[:1].upper() + correction[1:]
    return correction
