"""Names: the same name spelled two ways in one article ("Giuliani" … "Guiliani").

Capitalised words of 4+ letters are compared with each other; two spellings one or two
edits apart (one for names of up to 5 letters, Levenshtein) with the same first letter
are taken for one name when all of these hold, and the rarer spelling is flagged with
the other as the suggestion:

- the flagged spelling is unknown to Hunspell (the dictionary's names, "Slovakia" and
  "Slovenia", "Johnson" and "Jonson", are real and different) and rare on the web
  (wordfreq Zipf < 3), and neither spelling's lowercase form is a word;
- the other spelling is not common (Zipf < 4: "Johnson" is, so its lookalikes pass);
- the other spelling is written more often in the article, or as often and it is at
  least 0.5 Zipf more frequent on the web.

Ukrainian and Russian names are compared without their case ending ("Зеленського",
"Зеленському" are one spelling), and two spellings that differ only in their last two
letters after that are taken for inflection ("Пашці"/"Пашка"); in English "'s" is
dropped. Pairs that differ only by
a last letter a, e, s or by -es ("Ivanov"/"Ivanova", "Brown"/"Browne") are taken for
different names, and so are two spellings written side by side (nothing but a space, a
comma, "and"/"or" or a bracket between them): a first name and a surname ("Lambros
Lambrou"), a list of titles ("Mosaico, Mosaik, Mozaiek"), a spelling given in brackets
("Zelensky (Zelenskyy)"). Mixed-case words ("CPython's") are not names.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache
from itertools import pairwise

from copydesk.proofread.finding import Finding, Severity
from copydesk.proofread.lexicon import lexicon
from copydesk.proofread.rule import Lang
from copydesk.proofread.words import WORD

MIN_LENGTH = 4
#: Names up to this length may differ by one edit, longer ones by two.
SHORT = 5
RARE_ZIPF = 3.0
COMMON_ZIPF = 4.0
TIE_GAP = 0.5

_ENDINGS: dict[Lang, tuple[str, ...]] = {
    "en": ("'s", "’s"),
    "uk": (
        "ого", "ому", "ими", "ій", "ий", "ої", "ою", "ею", "ям", "ях", "ам", "ах", "ом",
        "ем", "ів", "ей", "им", "их", "ою", "а", "я", "у", "ю", "і", "и", "е", "о", "ь", "й",
    ),
    "ru": (
        "ого", "ому", "ыми", "ими", "ой", "ый", "ий", "ая", "ое", "ую", "ую", "ей", "ям",
        "ях", "ам", "ах", "ом", "ем", "ов", "ым", "им", "ых", "их", "а", "я", "у", "ю", "ы",
        "и", "е", "о", "ь", "й",
    ),
}  # fmt: skip
_DIFFERENT_TAILS = ("a", "e", "s", "es", "а", "е")
_APOSTROPHES = re.compile(r"['’ʼ]")
_POSSESSIVE = re.compile(r"['’ʼ]s$")
# What may stand between two names side by side.
_BESIDE = re.compile(r"[ \t]*(?:[,()][ \t]*|[ \t](?:and|or|і|й|та|або|и|или)[ \t]+)?")


@lru_cache(maxsize=65536)
def _zipf(word: str, lang: Lang) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, lang))


def _stem(token: str, lang: Lang) -> str:
    lower = token.casefold()
    for ending in _ENDINGS[lang]:
        if lower.endswith(ending) and len(lower) - len(ending) >= MIN_LENGTH:
            return lower[: -len(ending)]
    return lower


def _distance(a: str, b: str) -> int:
    from rapidfuzz.distance import Levenshtein

    return int(Levenshtein.distance(a, b, score_cutoff=3))


def _close(a: str, b: str, lang: Lang) -> bool:
    if a[0] != b[0]:
        return False
    if lang != "en":
        # A difference in the last two letters is inflection or a stem alternation
        # ("Нюти"/"Нюту", "Пашці"/"Пашка", "Берліозами"/"Берліозом").
        prefix = next(
            (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
        )
        if prefix >= min(len(a), len(b)) - 2:
            return False
    longer, shorter = (a, b) if len(a) >= len(b) else (b, a)
    if longer.startswith(shorter) and longer[len(shorter) :] in _DIFFERENT_TAILS:
        return False
    limit = 1 if len(shorter) <= SHORT else 2
    return 1 <= _distance(a, b) <= limit


class Names:
    """Flags the rarer of two spellings of one name in the same text."""

    name = "names"

    def check(self, text: str, lang: Lang) -> list[Finding]:
        forms: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for match in WORD.finditer(text):
            token = match.group()
            if len(token) < MIN_LENGTH or not token[0].isupper() or token.isupper():
                continue
            base = _POSSESSIVE.sub("", token)
            if not base[1:].islower() and not _APOSTROPHES.search(base):
                continue
            forms[_stem(token, lang)].append((match.start(), match.end(), token))
        counts = Counter({stem: len(places) for stem, places in forms.items()})

        findings: list[Finding] = []
        stems = sorted(counts)
        for i, a in enumerate(stems):
            for b in stems[i + 1 :]:
                if len(a) < MIN_LENGTH or len(b) < MIN_LENGTH or not _close(a, b, lang):
                    continue
                rare, other = self._rarer(a, b, counts, forms, lang)
                if rare is None or other is None:
                    continue
                if _side_by_side(text, forms[rare], forms[other]):
                    continue
                for start, end, token in forms[rare]:
                    suggestion = self._suggestion(token, rare, forms[other])
                    findings.append(
                        Finding(
                            rule=self.name,
                            message=(
                                f'"{token}" is written "{suggestion}" elsewhere in this text.'
                            ),
                            start=start,
                            end=end,
                            text=text[start:end],
                            suggestions=(suggestion,),
                            severity=Severity.WARNING,
                        )
                    )
        findings.sort(key=lambda finding: finding.start)
        return findings

    @staticmethod
    def _suggestion(token: str, stem: str, others: list[tuple[int, int, str]]) -> str:
        """The other spelling with the flagged word's ending, if written so."""
        ending = token.casefold()[len(stem) :]
        for _, _, other in others:
            if other.casefold().endswith(ending):
                return other
        return others[0][2]

    @staticmethod
    def _rarer(
        a: str,
        b: str,
        counts: Counter[str],
        forms: dict[str, list[tuple[int, int, str]]],
        lang: Lang,
    ) -> tuple[str | None, str | None]:
        words = lexicon(lang)
        za = max(_zipf(token.casefold(), lang) for _, _, token in forms[a])
        zb = max(_zipf(token.casefold(), lang) for _, _, token in forms[b])
        if counts[a] != counts[b]:
            rare, other = (a, b) if counts[a] < counts[b] else (b, a)
        elif abs(za - zb) >= TIE_GAP:
            rare, other = (a, b) if za < zb else (b, a)
        else:
            return None, None
        z_rare, z_other = (za, zb) if rare == a else (zb, za)
        if z_rare >= RARE_ZIPF or z_other >= COMMON_ZIPF:
            return None, None
        for _, _, token in forms[rare] + forms[other]:
            if words.known(token.casefold()):
                return None, None
        if any(words.known(token) for _, _, token in forms[rare]):
            return None, None
        return rare, other


def _side_by_side(
    text: str, these: list[tuple[int, int, str]], those: list[tuple[int, int, str]]
) -> bool:
    """Whether a place in ``these`` and one in ``those`` stand side by side: neighbours
    in the text's order (one pass over both, sorted), with only :data:`_BESIDE` between."""
    places = sorted([(start, end, 0) for start, end, _ in these]
                    + [(start, end, 1) for start, end, _ in those])
    for (_, end, side), (start, _, other) in pairwise(places):
        if side != other and start - end <= 6 and _BESIDE.fullmatch(text, end, start):
            return True
    return False
