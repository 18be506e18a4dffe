"""Spelling: shipped misspelling lists, Hunspell, word frequencies and site words.

Precision comes first. Capitalised words (names, places, sentence starts) are only
flagged when they are on the misspelling list; lowercase words are flagged when
Hunspell does not know them and they are not frequent in real text (wordfreq), so
British spellings and new coinages that everyone uses pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from copydesk.proofread.finding import Finding, Severity
from copydesk.proofread.lexicon import lexicon
from copydesk.proofread.misspellings import accepted_words, match_case, misspellings
from copydesk.proofread.rule import LANGS, Lang
from copydesk.proofread.words import WORD

# Distinct tokens remembered per language before the memory is cleared.
MAX_REMEMBERED_TOKENS = 200_000
# Zipf frequency (log10 per billion words) at which an unknown word counts as in use.
FREQUENT_ZIPF = 3.0
# Prefixes that make words Hunspell lacks ("relicensing", "unredacted", "co-founded").
_PREFIXES = (
    "re", "un", "non", "pre", "co", "mis", "over", "under", "out", "mid", "anti", "multi",
    "sub", "super", "inter", "post", "semi", "counter",
)  # fmt: skip
# Shortest known word after a prefix.
MIN_TAIL = 4

_MASK = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|[@#]\w+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|info|io|gov|edu|ua|ru|uk|eu|de|fr)\b",
    re.IGNORECASE,
)
_MASK_HINT = re.compile(
    r"[@#]|://|www\.|\.(?:com|org|net|info|io|gov|edu|ua|ru|uk|eu|de|fr)\b", re.IGNORECASE
)
_NEIGHBOUR = re.compile(r"[\d_/\\@#&=]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")
_APOSTROPHE = re.compile(r"['’]")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)


@lru_cache(maxsize=65536)
def _frequency(word: str, lang: Lang) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, lang))


def preload(lang: Lang) -> None:
    """Load the Hunspell dictionary and word frequencies for ``lang`` now."""
    lexicon(lang).known("a")
    _frequency("a", lang)


def clear_caches() -> None:
    """Forget every remembered per-word answer (for measuring a cold start)."""
    _frequency.cache_clear()
    for lang in LANGS:
        lexicon(lang).clear_cache()


def _mask(text: str) -> str:
    """Blank out URLs, e-mail addresses, handles and domains, keeping offsets."""
    if _MASK_HINT.search(text) is None:
        return text
    return _MASK.sub(lambda m: " " * len(m.group()), text)


@dataclass(frozen=True, slots=True)
class _Slip:
    """A misspelling inside a token, found once per distinct token and reused."""

    offset: int
    word: str
    correction: str | None


class Spelling:
    """Flags misspelled words; ``extra_words`` are a newsroom's own names and terms."""

    name = "spelling"

    def __init__(self, extra_words: Iterable[str] = (), *, suggest: bool = True) -> None:
        self.extra_words = frozenset(word.casefold() for word in extra_words)
        self.suggest = suggest
        self._verdicts: dict[tuple[Lang, str], bool] = {}
        self._tokens: dict[Lang, dict[str, tuple[_Slip, ...]]] = {}

    def check(self, text: str, lang: Lang) -> list[Finding]:
        masked = _mask(text)
        findings: list[Finding] = []
        judged = self._tokens.setdefault(lang, {})
        if len(judged) > MAX_REMEMBERED_TOKENS:
            judged.clear()
        for match in WORD.finditer(masked):
            token = match.group()
            slips = judged.get(token)
            if slips is None:
                slips = judged[token] = self._judge(token, lang)
            if not slips or self._touches_symbol(masked, *match.span()):
                continue
            findings.extend(self._finding(text, match.start(), slip, lang) for slip in slips)
        return findings

    def _finding(self, text: str, token_start: int, slip: _Slip, lang: Lang) -> Finding:
        start = token_start + slip.offset
        end = start + len(slip.word)
        if slip.correction is not None:
            return Finding(
                rule=self.name,
                message=f'"{slip.word}" is a common misspelling of "{slip.correction}".',
                start=start,
                end=end,
                text=text[start:end],
                suggestions=(match_case(slip.correction, slip.word),),
                severity=Severity.ERROR,
            )
        return Finding(
            rule=self.name,
            message=f'"{slip.word}" is not in the dictionary.',
            start=start,
            end=end,
            text=text[start:end],
            suggestions=lexicon(lang).suggest(slip.word) if self.suggest else (),
            severity=Severity.WARNING,
        )

    @staticmethod
    def _touches_symbol(text: str, start: int, end: int) -> bool:
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if _NEIGHBOUR.match(before) or _NEIGHBOUR.match(after):
            return True
        # "e.g", "index.html": a dot glued to letters on the right.
        return after == "." and end + 1 < len(text) and text[end + 1].isalpha()

    def _judge(self, token: str, lang: Lang) -> tuple[_Slip, ...]:
        if (_CYRILLIC if lang == "en" else _LATIN).search(token):
            return ()
        if "-" not in token or self._ok(token, lang):
            slip = self._judge_word(token, 0, lang)
            return (slip,) if slip else ()
        slips: list[_Slip] = []
        offset = 0
        for part in token.split("-"):
            slip = self._judge_word(part, offset, lang)
            if slip is not None:
                slips.append(slip)
            offset += len(part) + 1
        return tuple(slips)

    def _judge_word(self, word: str, offset: int, lang: Lang) -> _Slip | None:
        if lang == "en":
            word = _POSSESSIVE.sub("", word)
        if len(word) < 2 or word.casefold() in self.extra_words:
            return None
        if word.isupper() or not word[1:].islower():
            return None
        correction = misspellings(lang).get(word.casefold())
        if correction is not None:
            return _Slip(offset, word, correction)
        if word[0].isupper() or self._ok(word, lang):
            return None
        return _Slip(offset, word, None)

    @staticmethod
    def _prefixed(word: str, lang: Lang) -> bool:
        """An English word Hunspell lacks made of a common prefix and a known word
        ("outsprinted", "midmorning", "relicensing")."""
        if lang != "en":
            return False
        words = lexicon(lang)
        for prefix in _PREFIXES:
            tail = word[len(prefix) :]
            if word.startswith(prefix) and len(tail) >= MIN_TAIL and words.known(tail):
                return True
        return False

    def _contracted(self, word: str, lang: Lang) -> bool:
        """An English contraction of a known word ("ok'd", "rock'n'roll")."""
        if lang != "en":
            return False
        stem = _APOSTROPHE.split(word)[0]
        return stem != word and len(stem) >= 2 and self._ok(stem, lang)

    def _ok(self, word: str, lang: Lang) -> bool:
        key = (lang, word)
        verdict = self._verdicts.get(key)
        if verdict is None:
            verdict = (
                word.casefold() in self.extra_words
                or word.casefold() in accepted_words(lang)
                or lexicon(lang).known(word)
                or _frequency(word, lang) >= FREQUENT_ZIPF
                or self._prefixed(word, lang)
                or self._contracted(word, lang)
            )
            self._verdicts[key] = verdict
        return verdict
