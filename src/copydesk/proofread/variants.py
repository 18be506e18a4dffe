"""English variants: American, British, Australian and Canadian spelling.

An article's variant is the site's choice, else the page's ``lang`` ("en-GB"), else
what the text shows (:func:`detect`); without any of them every variant's spelling is
accepted. A spelling valid only in another variant than the article's is a variant
inconsistency, not a misspelling, when the article's variant has a counterpart for it
(:func:`counterparts`: "colour" / "color", "organised" / "organized").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from copydesk.proofread.lexicon import ENGLISH_DICTIONARIES, dictionaries_installed, english

Variant = Literal["en-US", "en-GB", "en-AU", "en-CA"]
VARIANTS: tuple[Variant, ...] = ("en-US", "en-GB", "en-AU", "en-CA")
#: Adjectives for messages ("American spelling in a British English article").
ADJECTIVES: dict[Variant, str] = {
    "en-US": "American", "en-GB": "British", "en-AU": "Australian", "en-CA": "Canadian",
}  # fmt: skip
_REGIONS: dict[str, Variant] = {"us": "en-US", "gb": "en-GB", "uk": "en-GB", "au": "en-AU",
                                "ca": "en-CA"}  # fmt: skip
# Spelling differences, each way: a pattern and its replacement.  Only what Hunspell
# then confirms counts, so a wrong rewrite ("courage" → "corage") does no harm.
_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"our(?=s?$|ed$|ing$|ful|ite|less|able|hood|side|ly$|er|ism|ist)", "or"),
        (r"(?<![aeou])or(?=s?$|ed$|ing$|ful|ite|less|able|hood|side|ly$|er|ism|ist)", "our"),
        (r"is(?=e[sd]?$|ing$|ation|er$|ers$|able$)", "iz"),
        (r"iz(?=e[sd]?$|ing$|ation|er$|ers$|able$)", "is"),
        (r"ys(?=e[sd]?$|ing$)", "yz"),
        (r"yz(?=e[sd]?$|ing$)", "ys"),
        (r"(?<=[^aeiou])re(?=s?$|d$)", "er"),
        (r"(?<=[^aeiou])er(?=s?$|ed$)", "re"),
        (r"(?<=[aeiou])ll(?=ed$|ing$|er$|ers$|ation|ments?$|s?$)", "l"),
        (r"(?<=[aeiou])l(?=ed$|ing$|er$|ers$|ation|ments?$|s?$)", "ll"),
        (r"ogue(?=s?$)", "og"),
        (r"og(?=s?$)", "ogue"),
        (r"ogued$", "oged"),
        (r"oged$", "ogued"),
        (r"oguing$", "oging"),
        (r"oging$", "oguing"),
        (r"ence(?=s?$)", "ense"),
        (r"ense(?=s?$)", "ence"),
        (r"ae", "e"),
        (r"oe", "e"),
        (r"mme(?=s?$)", "m"),
        (r"(?<=gr)e(?=y)", "a"),
        (r"(?<=gr)a(?=y)", "e"),
        (r"ium$", "um"),
        (r"(?<=[^i])um$", "ium"),
        (r"dgement", "dgment"),
        (r"dgment", "dgement"),
        (r"^sc(?=ept)", "sk"),
        (r"^sk(?=ept)", "sc"),
    )
)


def variant_of(tag: str | None) -> Variant | None:
    """The English variant a BCP 47 tag names ("en-GB", "en_gb" → "en-GB"); else None."""
    parts = (tag or "").strip().lower().replace("_", "-").split("-")
    if len(parts) < 2 or parts[0] != "en":
        return None
    return _REGIONS.get(parts[1])


def parse_variant(value: str) -> Variant:
    """A variant as a user writes it ("en-GB", "en_gb", "GB"); raises ValueError."""
    text = value.strip()
    found = variant_of(text if "-" in text or "_" in text else f"en-{text}")
    if found is None:
        raise ValueError(f"unknown English variant {value!r}; known: {', '.join(VARIANTS)}")
    return found


def installed() -> tuple[Variant, ...]:
    """The variants whose Hunspell dictionaries are installed."""
    return tuple(
        variant
        for variant in VARIANTS
        if dictionaries_installed("en", ENGLISH_DICTIONARIES[variant])
    )


def counterparts(word: str) -> tuple[str, ...]:
    """Spellings of ``word`` in the other variants' ways, unchecked ("colour" → "color")."""
    lower = word.casefold()
    found: list[str] = []
    for source in (lower, *_rewritten(lower)):  # two differences ("manoeuvre")
        for rewritten in (source, *_rewritten(source)):
            if rewritten != lower and rewritten not in found:
                found.append(rewritten)
    if word[:1].isupper():
        return tuple(candidate[:1].upper() + candidate[1:] for candidate in found)
    return tuple(found)


def _rewritten(word: str) -> list[str]:
    return [
        word[: match.start()] + replacement + word[match.end() :]
        for pattern, replacement in _REWRITES
        for match in pattern.finditer(word)
    ]


def knows(variant: Variant, word: str) -> bool:
    return english(variant).known(word)


def origin(word: str, variants: Iterable[Variant]) -> Variant | None:
    """The variant a spelling belongs to, American first, then British, then the others."""
    allowed = set(variants)
    return next((v for v in VARIANTS if v in allowed and knows(v, word)), None)


def signal(word: str) -> Variant | None:
    """Which of American and British spelling ``word`` shows, if it is a marked one:
    valid in one of the two and not the other, with a counterpart valid in the other."""
    american, british = knows("en-US", word), knows("en-GB", word)
    if american == british:
        return None
    other: Variant = "en-GB" if american else "en-US"
    if any(knows(other, candidate) for candidate in counterparts(word)):
        return "en-US" if american else "en-GB"
    return None


def detect(signals: Iterable[Variant | None]) -> Variant | None:
    """American or British, when one of them has more than twice the other's marked
    spellings (one is enough against none); None when the text does not say."""
    american = british = 0
    for found in signals:
        if found == "en-US":
            american += 1
        elif found == "en-GB":
            british += 1
    if british > 2 * american:
        return "en-GB"
    if american > 2 * british:
        return "en-US"
    return None
