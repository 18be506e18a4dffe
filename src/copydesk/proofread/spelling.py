"""Spelling: shipped misspelling lists, Hunspell, word frequencies and site words.

Precision comes first. Capitalised words (names, places, sentence starts) are only
flagged when they are on the misspelling list; lowercase words are flagged when
Hunspell does not know them and they are not frequent in real text (wordfreq), so
new coinages that everyone uses pass.

English is checked in the article's variant (:mod:`copydesk.proofread.variants`): a
spelling of another variant is an "info" finding of its own, never a misspelling.
Derivations and closed compounds in use of known words, foreign phrases, quoted titles
and phrases that are mostly not English, and words the article uses as names or terms
(repeated, or capitalised mid-sentence elsewhere) are not flagged. Two common English
words written as one that wordfreq has not seen ("primeminister", "mailserver") are an
"info" finding with the two words as its suggestion: a missing space as often as a
new compound.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import product

from copydesk.proofread import inflection, orthography, toponyms, wordforms
from copydesk.proofread.finding import Finding, Severity
from copydesk.proofread.lexicon import english, lexicon
from copydesk.proofread.misspellings import accepted_words, match_case, misspellings
from copydesk.proofread.morphology import (
    able_slip,
    compound,
    derived,
    foreign,
    foreign_in,
    frequency,
    near,
    run_together,
)
from copydesk.proofread.rule import LANGS, Lang
from copydesk.proofread.slavic import (
    apostrophes,
    compound_head,
    derivation,
    participle,
    prefixed,
    unstressed,
)
from copydesk.proofread.variants import (
    ADJECTIVES,
    Variant,
    counterparts,
    detect,
    installed,
    origin,
    signal,
)
from copydesk.proofread.words import WORD, next_word

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
# The prefix of undoing, and the shortest verb form after it ("de" + "risking").
_REVERSING = "de"
# The other prefix of undoing, which de- is a slip of ("decontinued").
_DISSOLVING = "dis"
MIN_DE_TAIL = 7
_VERB_FORMS = ("ing", "ed", "ise", "ize", "ises", "izes")

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
# Digits and symbols; and a combining mark that composes with no letter (what
# :func:`_visible` leaves of them).
_NEIGHBOUR = re.compile(r"[\d_/\\@#&=\u0300-\u036f]")
# What a page does not show inside a word: soft hyphen, zero-width space, word joiner,
# BOM; and stress marks (grave, acute) over a vowel.
_UNSEEN = frozenset("\u00ad\u200b\u2060\ufeff\u0300\u0301")
_MAYBE_UNSEEN = re.compile("[\u00ad\u200b\u2060\ufeff\u0300-\u036f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Letters one of Ukrainian and Russian has and the other lacks: a word with one of them
# that the other language knows is a word of that language ("бесполезный" quoted in a
# Ukrainian text), not a misspelling.
_NOT_IN: dict[str, re.Pattern[str]] = {
    "uk": re.compile("[ыэъёЫЭЪЁ]"),
    "ru": re.compile("[іїєґІЇЄҐ]"),
}
_OTHER: dict[str, Lang] = {"uk": "ru", "ru": "uk"}
# The letters one keyboard layout has where the other has them: ы is і's key, э is є's,
# ъ is ї's.  A Russian word that is a known word of the text typed with the other
# layout ("рык" for "рік", "вытер" for "вітер") is a slip, not a quotation.
_LAYOUT: dict[str, dict[int, int]] = {
    "uk": str.maketrans("ыэъЫЭЪ", "ієїІЄЇ"),
    "ru": str.maketrans("ієїІЄЇ", "ыэъЫЭЪ"),
}
# A sentence, for finding one mostly in the other language.
_SENTENCE = re.compile(r"[^.!?…\n]+")
# A drawl: any letter written four times or more ("гооооолосно", "soooo"), or in
# Ukrainian a vowel it never doubles written three times ("скііільки", "кууурва").
# Three letters a language doubles are a slip of the double: consonants ("житття"),
# Latin vowels ("seeem", "proceeed": real misspellings, codespell's), Russian и, е, о
# ("полиии" for "полиции"), Ukrainian о, я, ю, ї ("засяяяла", "наповнюююся").
_DRAWL: dict[Lang, re.Pattern[str]] = {
    lang: re.compile(
        r"(\w)\1{3,}" + (r"|([аеиіу])\2{2,}" if lang == "uk" else ""), re.IGNORECASE
    )
    for lang in LANGS
}
# Drawn runs in one word read both ways (2 ** runs readings); more is noise, not speech.
MAX_DRAWL_RUNS = 3
# A Western Ukrainian dialect's reflexive ending ("трудивси" for "трудився").
_DIALECT_REFLEXIVE = "си"
_LATIN = re.compile(r"[A-Za-z]")
_APOSTROPHE = re.compile(r"['’]")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
# Quoted spans: titles, slogans, phrases in another language.
_QUOTED = re.compile(r'"[^"\n]{1,300}"|“[^”\n]{1,300}”|«[^»\n]{1,300}»')
# An unknown word repeated this often in one article is a term or a name.
REPEATED = 3
# Words a quoted span needs in Ukrainian and Russian before it can be a phrase in
# another language (one or two words in «…» are how those languages mark a term).
MIN_QUOTED_SLAVIC = 3
# Name particles: short lowercase words before a name ("ter Stegen", "dos Santos").
MAX_PARTICLE = 3


@lru_cache(maxsize=65536)
def _frequency(word: str, lang: Lang) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, lang))


def preload(lang: Lang) -> None:
    """Load the Hunspell dictionary and word frequencies for ``lang`` now."""
    lexicon(lang).known("a")
    _frequency("a", lang)
    if lang == "uk":
        wordforms.known("а")


def clear_caches() -> None:
    """Forget every remembered per-word answer (for measuring a cold start)."""
    _frequency.cache_clear()
    wordforms.known.cache_clear()
    wordforms.standing.cache_clear()
    wordforms.parts_of_speech.cache_clear()
    inflection.lemmas.cache_clear()
    inflection.forms.cache_clear()
    inflection.inflections.cache_clear()
    for lang in LANGS:
        lexicon(lang).clear_cache()


def _visible(text: str) -> tuple[str, list[int] | None]:
    """``text`` as a reader sees it, for spelling: without the characters in
    :data:`_UNSEEN`, and with a combining mark composed with its letter ("и" + U+0306
    is "й", as text pasted from macOS writes it), and where each of its characters
    starts in ``text`` (one more for the end); ``(text, None)`` when nothing changes."""
    if _MAYBE_UNSEEN.search(text) is None:
        return text, None
    kept: list[str] = []
    starts: list[int] = []
    for index, char in enumerate(text):
        if char in _UNSEEN:
            continue
        if kept and unicodedata.combining(char):
            composed = unicodedata.normalize("NFC", kept[-1] + char)
            if len(composed) == 1:
                kept[-1] = composed
                continue
        kept.append(char)
        starts.append(index)
    starts.append(len(text))
    return "".join(kept), starts


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
    #: For a spelling of another variant: that variant and the article's spelling.
    variant: Variant | None = None
    counterpart: str = ""
    #: For a Ukrainian form VESUM lists as non-normative or of the older orthography.
    standing: wordforms.Standing | None = None
    #: For a dialect form: the standard word ("трудився" for "трудивси").
    standard: str = ""
    #: For two English words run together: the two words ("prime minister").
    split: str = ""

    @property
    def unknown(self) -> bool:
        """Not a known misspelling, nor a note on a real word: merely not known (two
        words run together are not known either, and a term the article repeats or
        capitalises excuses them alike)."""
        return (
            self.correction is None
            and self.variant is None
            and self.standing is None
            and not self.standard
        )


class Spelling:
    """Flags misspelled words; ``extra_words`` are a newsroom's own names and terms.

    ``variant`` is the site's English variant ("en-GB"); it wins over the page's
    (``check(..., variant=...)``), which wins over what the text shows.
    """

    name = "spelling"

    def __init__(
        self,
        extra_words: Iterable[str] = (),
        *,
        suggest: bool = True,
        variant: Variant | None = None,
    ) -> None:
        self.extra_words = frozenset(word.casefold() for word in extra_words)
        self.suggest = suggest
        self.variant = variant
        self._verdicts: dict[tuple[Lang, str], bool] = {}
        self._tokens: dict[str, dict[str, tuple[_Slip, ...]]] = {}
        self._signals: dict[str, Variant | None] = {}
        self._installed: tuple[Variant, ...] | None = None
        self._listed: dict[Lang, inflection.Inflections] = {}

    def article_variant(self, text: str, page: Variant | None = None) -> Variant | None:
        """The variant an English text is checked in: the site's, the page's, else the
        text's own (None: every variant's spelling is accepted)."""
        chosen = self.variant or page
        if chosen is None:
            if len(self._signals) > MAX_REMEMBERED_TOKENS:
                self._signals.clear()
            chosen = detect(self._signal(m.group()) for m in WORD.finditer(text))
        return chosen if chosen in self._variants() else None

    def check(self, text: str, lang: Lang, *, variant: Variant | None = None) -> list[Finding]:
        visible, starts = _visible(text)
        if starts is None:
            return self._check(text, lang, variant)
        # Offsets back into ``text``: a word spans its letters and the marks they carry.
        return [
            replace(f, start=starts[f.start], end=starts[f.end],
                    text=text[starts[f.start] : starts[f.end]])
            for f in self._check(visible, lang, variant)
        ]

    def _check(self, text: str, lang: Lang, variant: Variant | None) -> list[Finding]:
        masked = _mask(text)
        if lang == "uk":
            masked = apostrophes(masked)
        article: Variant | None = None
        if lang == "en":
            article = self.article_variant(masked, variant)
        findings: list[Finding] = []
        judged = self._tokens.setdefault(article or lang, {})
        if len(judged) > MAX_REMEMBERED_TOKENS:
            judged.clear()
        context: _Context | None = None
        for match in WORD.finditer(masked):
            token = match.group()
            slips = judged.get(token)
            if slips is None:
                slips = judged[token] = self._judge(token, lang, article)
            if not slips or self._touches_symbol(
                    masked, *match.span(), listed=not all(slip.unknown for slip in slips)):
                continue
            for slip in slips:
                if slip.unknown:
                    context = context or _Context(masked, self, lang)
                    if context.excuses(match.start() + slip.offset, slip.word):
                        continue
                findings.append(self._finding(text, match.start(), slip, lang, article))
        return findings

    def _variants(self) -> tuple[Variant, ...]:
        if self._installed is None:
            self._installed = ("en-US", *(v for v in installed() if v != "en-US"))
        return self._installed

    def _signal(self, token: str) -> Variant | None:
        if not token.islower():
            return None
        if token not in self._signals:
            self._signals[token] = signal(token)
        return self._signals[token]

    def known_english(self, word: str, article: Variant | None = None) -> bool:
        """Known to the article's variant's dictionary; to any variant's without one."""
        if article is not None:
            return english(article).known(word)
        return any(english(v).known(word) for v in self._variants())

    def _finding(
        self, text: str, token_start: int, slip: _Slip, lang: Lang, article: Variant | None
    ) -> Finding:
        start = token_start + slip.offset
        end = start + len(slip.word)
        message, suggestions, severity = self._verdict(slip, lang, article)
        return Finding(rule=self.name, message=message, start=start, end=end,
                       text=text[start:end], suggestions=suggestions, severity=severity)

    def _verdict(
        self, slip: _Slip, lang: Lang, article: Variant | None
    ) -> tuple[str, tuple[str, ...], Severity]:
        """A finding's message, suggestions and severity."""
        if slip.variant is not None and article is not None:
            article_name = f"{ADJECTIVES[article]} English"
            an = "an" if article_name[0] in "AEIOU" else "a"
            message = (
                f"{ADJECTIVES[slip.variant]} spelling in {an} {article_name} article "
                f'("{slip.counterpart}" in {article_name}).'
            )
            return message, (match_case(slip.counterpart, slip.word),), Severity.INFO
        if slip.correction is not None:
            message = f'"{slip.word}" is a common misspelling of "{slip.correction}".'
            return message, (match_case(slip.correction, slip.word),), Severity.ERROR
        if slip.standard:
            message = f'"{slip.word}" is a dialect form of "{slip.standard}".'
            return message, (match_case(slip.standard, slip.word),), Severity.INFO
        suggested = lexicon(lang).suggest(slip.word) if self.suggest else ()
        if slip.split:
            split = match_case(slip.split, slip.word)
            message = f'"{slip.word}": two words run together ("{split}")?'
            others = tuple(s for s in suggested if s != split)
            return message, (split, *others), Severity.INFO
        if slip.standing is not None:
            kind = (
                "a non-normative form"
                if slip.standing is wordforms.Standing.NON_NORMATIVE
                else "a spelling of the older orthography"
            )
            message = f'"{slip.word}" is {kind} in Ukrainian dictionaries (VESUM).'
            return message, suggested, Severity.INFO
        return f'"{slip.word}" is not in the dictionary.', suggested, Severity.WARNING

    @staticmethod
    def _touches_symbol(text: str, start: int, end: int, *, listed: bool = False) -> bool:
        """Whether the word at ``start:end`` is part of a symbol rather than prose (a
        path, an address, a file name).  ``listed``: a known misspelling of it was found,
        which a missing space after a full stop does not excuse."""
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if _NEIGHBOUR.match(before) or _NEIGHBOUR.match(after):
            return True
        # "e.g", "index.html": a dot glued to letters on the right.
        if after == "." and end + 1 < len(text) and text[end + 1].isalpha():
            return True
        # "hello.py", ".exe": a dot glued on the left and an extension's short, lowercase
        # ASCII letters, but not an ellipsis ("well...maybe"), nor a sentence whose space
        # went missing ("home.The", "the end.recieve", "home.teh": a listed misspelling).
        word = text[start:end]
        return (before == "." and (start < 2 or text[start - 2] != ".") and not listed
                and len(word) <= 4 and word.isascii() and word.islower())

    def _judge(self, token: str, lang: Lang, article: Variant | None) -> tuple[_Slip, ...]:
        if (_CYRILLIC if lang == "en" else _LATIN).search(token):
            return ()
        if "-" not in token or self._ok(token, lang):
            slip = self._judge_word(token, 0, lang, article)
            return (slip,) if slip else ()
        stuttered = _unstuttered(token)
        if stuttered is not None and self._ok(stuttered.casefold(), lang):
            return ()
        slips: list[_Slip] = []
        offset = 0
        parts = token.split("-")
        # In Ukrainian and Russian a capitalised first part that is no plain word makes
        # the word a name ("Вар-равван", "Цирль-манірліх"), and one in capitals an
        # abbreviation with its suffix ("ІТ-шний"): its later parts are judged as a
        # capitalised word is.  A known word capitalised at a sentence's start
        # ("Пішла-прийшла", "Темно-синій") is not a name: its parts stay checked.
        named = lang != "en" and parts[0][:1].isupper() and (
            parts[0].isupper() or not self._ok(parts[0].casefold(), lang))
        for index, part in enumerate(parts):
            head = index < len(parts) - 1 and lang != "en"
            if head and compound_head(part.casefold(), lang, lexicon(lang).known):
                offset += len(part) + 1
                continue
            slip = self._judge_word(part, offset, lang, article, name=named and index > 0)
            if slip is not None:
                slips.append(slip)
            offset += len(part) + 1
        return tuple(slips)

    def _judge_word(
        self,
        word: str,
        offset: int,
        lang: Lang,
        article: Variant | None = None,
        *,
        name: bool = False,
    ) -> _Slip | None:
        if lang == "en":
            word = _POSSESSIVE.sub("", word)
        if len(word) < 2 or word.casefold() in self.extra_words:
            return None
        if word.isupper() or not word[1:].islower():
            return None
        correction = misspellings(lang).get(word.casefold())
        if correction is not None:
            return _Slip(offset, word, correction)
        if word[0].isupper() or name:
            return None
        if lang != "en" and self.other_language(word, lang):
            return None
        if lang == "en":
            if self.known_english(word, article):
                return None
            if article is not None:
                other = self._other_variant(word, article)
                if other is not None:
                    return _Slip(offset, word, None, *other)
                if self.known_english(word):  # valid English with no counterpart ("diehard")
                    return None
        if self._ok(word, lang) or self._drawled(word, lang):
            return None
        if lang == "en":
            split = run_together(word, self.known_english)
            if split is not None:
                return _Slip(offset, word, None, split=split)
        if lang == "uk":
            standard = self._dialect(word)
            if standard is not None:
                return _Slip(offset, word, None, standard=standard)
            standing = wordforms.standing(word)
            if standing is not wordforms.Standing.UNLISTED:
                return _Slip(offset, word, None, standing=standing)
        return _Slip(offset, word, None)

    def _drawled(self, word: str, lang: Lang) -> bool:
        """A known word drawn out (:data:`_DRAWL`), as speech is written: each drawn
        run read as one letter or as two, since the word may double it ("пішшшшов" is
        "пішов", "cofffffee" "coffee", "gooood" "good")."""
        runs = list(_DRAWL[lang].finditer(word))
        if not runs or len(runs) > MAX_DRAWL_RUNS:
            return False
        for widths in product((1, 2), repeat=len(runs)):
            pieces: list[str] = []
            last = 0
            for run, width in zip(runs, widths, strict=True):
                pieces += [word[last : run.start()], run.group()[:width]]
                last = run.end()
            plain = "".join(pieces) + word[last:]
            if len(plain) >= 2 and self._ok(plain, lang):
                return True
        return False

    def other_language(self, word: str, lang: Lang) -> bool:
        """A Russian word in a Ukrainian text, or a Ukrainian one in a Russian text: it
        has a letter ``lang`` lacks and the other language's dictionary knows it, and it
        is not a word of ``lang`` typed with the other keyboard layout."""
        return (_NOT_IN[lang].search(word) is not None
                and lexicon(_OTHER[lang]).known(word)
                and not self._ok(word.translate(_LAYOUT[lang]).casefold(), lang))

    def _dialect(self, word: str) -> str | None:
        """The standard form of a Western Ukrainian dialect's reflexive verb ("трудивси",
        "збиралиси"): the word with -ся for -си, when that is a known word."""
        lower = word.casefold()
        if not lower.endswith(_DIALECT_REFLEXIVE) or len(lower) < MIN_TAIL + 2:
            return None
        standard = lower[: -len(_DIALECT_REFLEXIVE)] + "ся"
        return standard if self._ok(standard, "uk") else None

    def _other_variant(self, word: str, article: Variant) -> tuple[Variant, str] | None:
        """The variant ``word`` is spelt in and the article's spelling, when ``word`` is
        another variant's spelling of a word the article's variant spells otherwise."""
        others = [v for v in self._variants() if v != article]
        spelt_in = origin(word, others)
        if spelt_in is None:
            return None
        known = english(article).known
        for candidate in counterparts(word):
            if known(candidate) or compound(candidate, known):
                return spelt_in, candidate
        return None

    def _prefixed(self, word: str, lang: Lang) -> bool:
        """An English word Hunspell lacks made of a common prefix and a known word or
        a derivation of one ("outsprinted", "midmorning", "relicensing", "unhashable").
        A derivation after a prefix needs no known word one edit away: the prefix and
        a derived tail are more often a slip of a listed word ("undersandable",
        "unvailable", "cofigurable", "unbelieveable")."""
        if lang != "en":
            return False
        known = self.known_english
        if able_slip(word, known):
            return False
        for prefix in _PREFIXES:
            tail = word[len(prefix) :]
            if not word.startswith(prefix) or len(tail) < MIN_TAIL:
                continue
            if known(tail) or (derived(tail, known) and not near(word, known)):
                return True
        return self._reversed(word)

    def _reversed(self, word: str) -> bool:
        """A verb of undoing in de- ("deserializing", "deplatformed", "derisking"): the
        prefix and a known verb form of :data:`MIN_DE_TAIL` letters or more, ending in
        -ing, -ed, -ise or -ize, and no known word one edit away. De- begins many words
        a slip of which is "de" and a short word ("deside", "desided" for "decided",
        "desolve", "desinged" for "designed"), and a slip of dis- is de- and the verb
        ("decontinued", "demantled", "dequalified": "dis" + the tail is a known word)."""
        tail = word[len(_REVERSING) :]
        known = self.known_english
        return (word.startswith(_REVERSING) and len(tail) >= MIN_DE_TAIL
                and tail.endswith(_VERB_FORMS) and known(tail) and not near(word, known)
                and not known(_DISSOLVING + tail))

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
                or (lang == "uk" and wordforms.known(word))
                or _frequency(word, lang) >= FREQUENT_ZIPF
                or self._prefixed(word, lang)
                or self._contracted(word, lang)
                or (lang == "en" and self._built(word))
                or (lang != "en" and self._built_slavic(word, lang))
                or orthography.allowed(word, lang, lexicon(lang).known, self.extra_words)
                or (lang != "en" and self._inflected(word, lang))
            )
            self._verdicts[key] = verdict
        return verdict

    def _inflected(self, word: str, lang: Lang) -> bool:
        """A Ukrainian or Russian form of a site's word or a shipped accepted word
        ("шахедами" of "шахед"): :mod:`copydesk.proofread.inflection`."""
        words = self._listed.get(lang)
        if words is None:
            words = self._listed[lang] = inflection.inflections(
                self.extra_words | accepted_words(lang), lang)
        return word in words

    def _built_slavic(self, word: str, lang: Lang) -> bool:
        """A Ukrainian or Russian word built of known parts, or a known word with a
        stress mark (:mod:`copydesk.proofread.slavic`)."""
        known = _known_uk if lang == "uk" else lexicon(lang).known
        plain = unstressed(word, lang)
        if plain is not None:
            return self._ok(plain, lang)
        if prefixed(word, lang, known):
            return True
        return lang == "uk" and (
            participle(word, known)
            or derivation(word, wordforms.parts_of_speech, wordforms.nominative_parts)
            or toponyms.of_place(word, lexicon("uk").known)
        )

    def _built(self, word: str) -> bool:
        """A derivation or closed compound of known English words."""
        known = self.known_english
        return derived(word, known) or compound(word, known)


def _known_uk(word: str) -> bool:
    """Known to uk_UA or to VESUM: a part of a Ukrainian word built of known parts."""
    return lexicon("uk").known(word) or wordforms.known(word)


def _unstuttered(token: str) -> str | None:
    """A stammer or a drawl written with hyphens, as the word itself ("бач-чили",
    "Н-ні", "s-sorry"): the parts joined, one letter dropped where the letters on both
    sides of a hyphen are the same. None when no hyphen has the same letter on both
    sides."""
    parts = token.split("-")
    if any(not part for part in parts):
        return None
    joined = parts[0]
    repeated = False
    for part in parts[1:]:
        if joined[-1].casefold() == part[0].casefold():
            repeated = True
            part = part[1:]
        joined += part
    return joined if repeated and joined else None


class _Context:
    """What the article around an unknown word shows: quoted spans, repeated words,
    names and foreign phrases (English); quoted spans mostly in another language
    (Ukrainian and Russian: Russian quoted in a Ukrainian story, and the reverse).
    Built only when a word is flagged. A sentence mostly of words of the other
    language (Russian in a Ukrainian text, :meth:`Spelling.other_language`) is quoted
    speech too, quotation marks or not.

    In Ukrainian, repetition was measured and left out: a stem written three times
    excused 0.37 false findings per 1,000 words of UA-GEC but cost 0.007 of recall
    (writers repeat their own misspellings)."""

    def __init__(self, text: str, spelling: Spelling, lang: Lang = "en") -> None:
        self.text = text
        self.spelling = spelling
        self.lang = lang
        self._counts: Counter[str] | None = None
        self._foreign_spans: list[tuple[int, int]] | None = None
        self._other_sentences: list[tuple[int, int]] | None = None

    def excuses(self, start: int, word: str) -> bool:
        if self.lang != "en":
            return self._in_foreign_quote(start) or self._in_other_sentence(start)
        return (
            self._repeated(word)
            or self._named(word)
            or self._particle(start, word)
            or self._foreign_phrase(start, word)
            or self._in_foreign_quote(start)
        )

    def _repeated(self, word: str) -> bool:
        """The article uses the word :data:`REPEATED` times, its singular and plural
        counted together when neither is a known word, a listed misspelling or a known
        word mistyped ("docstring" twice and "docstrings" once is a term; "apply" three
        times does not make "applys" one, nor "comittee" twice "comittees")."""
        if self._counts is None:
            self._counts = Counter(m.group().casefold() for m in WORD.finditer(self.text))
        lower = word.casefold()
        count = self._counts[lower]
        if count >= REPEATED:
            return True
        singular = lower[:-1] if lower.endswith("s") and not lower.endswith("ss") else lower
        other = singular + "s" if singular == lower else singular
        if not self._counts[other] or self.spelling.known_english(other):
            return False
        if count + self._counts[other] < REPEATED:
            return False
        listed = misspellings("en")
        known = self.spelling.known_english
        return (lower not in listed and other not in listed
                and not near(lower, known) and not near(other, known))

    def _named(self, word: str) -> bool:
        """The article writes the word capitalised mid-sentence: a name."""
        name = re.escape(word[:1].upper() + word[1:])
        return re.search(r"[\w,;] +" + name + r"\b", self.text) is not None

    def _particle(self, start: int, word: str) -> bool:
        following = next_word(self.text, start + len(word))
        return len(word) <= MAX_PARTICLE and following is not None and following.is_capitalised

    def _foreign_phrase(self, start: int, word: str) -> bool:
        lang = foreign(word)
        if lang is None:
            return False
        before = re.search(r"([^\W\d_]+)\W{1,3}$", self.text[max(0, start - 40) : start])
        after = next_word(self.text, start + len(word))
        neighbours = [m.group(1) for m in (before,) if m] + ([after.text] if after else [])
        return any(foreign_in(n, lang) for n in neighbours)

    def _in_foreign_quote(self, start: int) -> bool:
        if self._foreign_spans is None:
            self._foreign_spans = [
                m.span() for m in _QUOTED.finditer(self.text) if self._mostly_foreign(m.group())
            ]
        return any(a <= start < b for a, b in self._foreign_spans)

    def _in_other_sentence(self, start: int) -> bool:
        if self._other_sentences is None:
            self._other_sentences = [
                m.span() for m in _SENTENCE.finditer(self.text) if self._mostly_other(m.group())
            ]
        return any(a <= start < b for a, b in self._other_sentences)

    def _mostly_other(self, sentence: str) -> bool:
        """At least half the words of a sentence of :data:`MIN_QUOTED_SLAVIC` or more
        are not known here and are words of the other language."""
        words = [m.group() for m in WORD.finditer(sentence)]
        if len(words) < MIN_QUOTED_SLAVIC:
            return False
        other = _OTHER[self.lang]
        strange = sum(
            self.spelling.other_language(w, self.lang)
            or (not self._known(w) and lexicon(other).known(w))
            for w in words
        )
        return 2 * strange >= len(words)

    def _mostly_foreign(self, quoted: str) -> bool:
        words = [m.group() for m in WORD.finditer(quoted)]
        if self.lang != "en" and len(words) < MIN_QUOTED_SLAVIC:
            return False  # «прівєт»: a word in quotes, not a phrase in another language
        strange = sum(not self._known(w) for w in words)
        return bool(words) and 2 * strange >= len(words)

    def _known(self, word: str) -> bool:
        if self.lang == "en":
            return self.spelling.known_english(word) or frequency(word.casefold(), "en") >= 3
        return (
            lexicon(self.lang).known(word)
            or (self.lang == "uk" and wordforms.known(word))
            or _frequency(word.casefold(), self.lang) >= FREQUENT_ZIPF
        )
