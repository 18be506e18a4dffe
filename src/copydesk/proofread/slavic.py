"""Ukrainian and Russian words Hunspell lacks but the language builds.

- a common prefix, a first part written together ("аудіохвилі", "велоколона") or a
  numeral in the genitive ("п'ятдесятидоларових"), up to two of them, before a known
  word: "метапошуковців", "суперзапалення", "мультиплеєрних" (not "не" and "ні":
  whether they are written together with the next word is a real and frequent spelling
  question, which Hunspell answers; nor "екс"/"экс" and "віце", written with a hyphen:
  "екс-президент"; nor "двох"/"трьох", whose compounds are a mistake);
- in Ukrainian, active participles in -учий/-ючий of a known verb ("палаючими" from
  "палати", "танцюючі" from "танцювати"): the 2019 orthography prefers other
  constructions and uk_UA leaves most of them out, but writers and editors keep them.
  Not -ачий/-ячий, where a Russian form ("горячий" for "гарячий") is a real mistake;
- a stress mark typed as a Latin accented vowel inside a Cyrillic word ("рóбота"):
  :func:`unstressed` gives the word without it;
- an apostrophe typed as a quote or a backtick ("пам"ятав", "під`їзд"):
  :func:`apostrophes` turns it back into an apostrophe, keeping every offset;
- the first part of a compound adjective ("хрестово-купольна", "асирійсько-вавилонські"):
  :func:`compound_head`.
- in Ukrainian, the regular derivations of a word VESUM knows (:func:`derivation`):
  an adverb of an adjective ("обчислювально", "по-суфлерськи"), a diminutive of a noun
  ("пледики", "ютубчик", "копійочка") and an expressive form of an adjective
  ("красивезна", "ніжнісінькими").

Each test takes a ``known`` function (a Hunspell lookup) so the caller decides which
dictionary counts. UA-GEC figures for each are in docs/proofreading.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from copydesk.proofread.inflection import folded

Known = Callable[[str], bool]

PREFIXES: dict[str, tuple[str, ...]] = {
    "uk": (
        "мета", "над", "супер", "мульти", "анти", "пост", "контр", "напів", "поза", "спів",
        "ультра", "міні", "мікро", "макро", "псевдо", "квазі", "гіпер", "інтер",
        "авто", "радіо", "відео", "фото", "теле", "еко", "кібер", "нано", "біо", "медіа",
        "нео", "прото", "транс", "гіпо", "дво", "три", "само", "все", "високо", "низько",
        # Not "пере", "перед", "без": a slip leaves them before another word too often
        # ("переньому" for "передньому", "безмена" for "безмежна").
        "проти", "взаємо", "гетеро",
        # First parts the 2019 orthography writes together (§ 35): "аудіохвилі",
        # "велоколона", "інфошум", "вебсторінка".
        "аудіо", "вело", "термо", "промо", "інфо", "аеро", "агро", "гідро", "електро",
        "енерго", "мото", "нейро", "онко", "кардіо", "фіто", "етно", "євро", "веб",
        # Numerals in the genitive ("п'ятдесятидоларових", "сорокап'ятикаліберний");
        # not "двох"/"трьох", whose compounds ("трьохповерховий") are a real mistake.
        "чотири", "п'яти", "шести", "семи", "восьми", "дев'яти", "десяти",
        "одинадцяти", "дванадцяти", "п'ятнадцяти", "двадцяти", "тридцяти", "сорока",
        "п'ятдесяти", "шістдесяти", "сімдесяти", "вісімдесяти", "дев'яноста",
    ),
    "ru": (
        "мета", "над", "супер", "мульти", "анти", "пост", "контр", "полу", "сверх",
        "ультра", "мини", "микро", "макро", "псевдо", "квази", "гипер", "интер",
        "авто", "радио", "видео", "фото", "теле", "эко", "кибер", "нано", "био", "медиа",
        "нео", "прото", "транс", "гипо", "двух", "трех", "трёх", "само", "все", "высоко",
        "низко",
        "аудио", "вело", "термо", "промо", "инфо", "аэро", "агро", "гидро", "электро",
        "энерго", "мото", "нейро", "онко", "кардио", "фито", "этно", "евро", "веб",
        "четырех", "пяти", "шести", "семи", "восьми", "девяти", "десяти", "двадцати",
        "тридцати", "сорока", "пятидесяти", "шестидесяти", "семидесяти", "восьмидесяти",
        "девяноста",
    ),
}  # fmt: skip
# Shortest known word after a prefix.
MIN_TAIL = 4
# Prefixes one word may stack ("сорока" + "п'яти" + "каліберний").
MAX_PREFIXES = 2

_PARTICIPLE = re.compile(r"(?<=[а-яіїєґ'’ʼ])[ую]ч(?:ий|а|е|і|ого|ому|ої|ій|ім|им|ими|их|ою|у|ую)$")
# Infinitive endings tried after a participle's stem: "пала|ти", "танцю|вати",
# "взаємоді|яти", "нес|ти", "вед|ути".
_INFINITIVES = ("ти", "вати", "яти", "ати", "іти", "ити", "ути")

# Latin vowels with an acute, typed as a stress mark, and the Cyrillic letter under it.
_STRESSED = str.maketrans("áéíóúýÁÉÍÓÚÝ", "аеіоууАЕІОУУ")
_STRESSED_RU = str.maketrans("áéíóúýÁÉÍÓÚÝ", "аеиоуыАЕИОУЫ")
_HAS_STRESS = re.compile(r"[áéíóúýÁÉÍÓÚÝ]")


def prefixed(word: str, lang: str, known: Known, depth: int = MAX_PREFIXES) -> bool:
    """Up to :data:`MAX_PREFIXES` common prefixes before a known word of at least
    :data:`MIN_TAIL` letters."""
    lower = folded(word)
    for prefix in PREFIXES.get(lang, ()):
        tail = lower[len(prefix) :]
        if not lower.startswith(prefix) or len(tail) < MIN_TAIL:
            continue
        if known(tail) or (depth > 1 and prefixed(tail, lang, known, depth - 1)):
            return True
    return False


def participle(word: str, known: Known) -> bool:
    """A Ukrainian active participle in -учий/-ючий of a verb Hunspell knows."""
    match = _PARTICIPLE.search(word.casefold())
    if match is None:
        return False
    stem = word.casefold()[: match.start()]
    return len(stem) >= 2 and any(known(stem + ending) for ending in _INFINITIVES)


def unstressed(word: str, lang: str) -> str | None:
    """``word`` without stress marks typed as Latin accented vowels, or None when it
    has none or no Cyrillic letter."""
    if _HAS_STRESS.search(word) is None or not any("\u0400" <= c <= "\u04ff" for c in word):
        return None
    return word.translate(_STRESSED_RU if lang == "ru" else _STRESSED)


# The parts of speech of a known word (VESUM's: ``wordforms.parts_of_speech``).
Tags = Callable[[str], frozenset[str]]

_NOUN_ENDINGS = ("", "а", "и", "у", "ом", "ові", "ів", "ам", "ами", "ах", "і", "ою", "о")
_ADJECTIVE_ENDINGS = (
    "ий", "а", "е", "і", "ого", "ому", "ої", "ій", "им", "их", "ими", "ою", "у", "ую", "ім", "о",
)  # fmt: skip
# Suffixes of a diminutive noun ("ютуб-чик", "копій-очк-а") and of an expressive
# adjective ("красив-езн-а", "ніжн-ісіньк-ими", "солод-ющ-і"). Not -ик: a letter lost
# before it leaves another noun's stem ("майданику" for "майданчику", "лисику").
_DIMINUTIVE = ("чик", "очк", "ечк", "ячк")
# Hushing consonants, after which the diminutive is written -ечк-, never -очк-
# ("ручечка", "книжечка"; "ручочку", "сумочочка" are slips).
_HUSHING = ("ж", "ч", "ш", "щ")
_EXPRESSIVE = ("еньк", "есеньк", "ісіньк", "юсіньк", "усіньк", "езн", "елезн", "ющ", "ущ")
# What a noun's stem is written with as a word ("ютуб", "мам-а", "копій-ка": the
# diminutive's -очк- takes the place of the noun's -к-).
_NOUN_FORMS = ("", "а", "о", "я", "ь", "е", "ка", "ко")
# Endings of words in -о that are no adverb of an adjective: a case ending ("-ого"), and
# adjectives of relation in -ський/-цький (their adverb is "-ськи") and -овий/-евий
# ("рабсько", "піково": a slip in the ending).
_NO_ADVERB = ("ого", "сько", "цько", "ово", "ево", "єво")
# Shortest stem left of a derivation, and shortest adverb: VESUM has the adverbs of
# short, common adjectives, so a short unknown one is more often a slip in an ending
# ("травно", "офісно") than an adverb ("обчислювально", "прецизійно").
MIN_STEM = 3
MIN_ADVERB = 9


def derivation(word: str, tags: Tags, headword: Tags | None = None) -> bool:
    """A Ukrainian adverb, diminutive or expressive form of a word VESUM knows: an
    adverb in -о of an adjective in -ий or in -ьо of one in -ій, or in -ськи/-цьки of
    one in -ський/-цький; a noun with a diminutive suffix of a known noun; an adjective
    with an expressive suffix of a known adjective.

    ``headword``: the parts of speech of a word's nominative readings (``tags`` when
    None). A diminutive is made from the noun's nominative ("мам-очк-а" of "мама",
    "копій-очк-а" of "копійка", "ютуб-чик" of "ютуб"), so a stem that is only some
    other case ("стола", genitive of "стіл", whose diminutive is "столик") leaves
    "столочка" a slip."""
    lower = word.casefold()
    if lower.endswith(("ськи", "цьки")) and "ADJF" in tags(lower[:-1] + "ий"):
        return True
    adverb = len(lower) >= MIN_ADVERB and lower.endswith("о") and not lower.endswith(_NO_ADVERB)
    # -ий gives -о ("обчислювальний", "обчислювально"), -ій gives -ьо ("внутрішній",
    # "внутрішньо"; "внутрішно" is a slip).
    bases = [lower[:-2] + "ій"] if lower.endswith("ьо") else [lower[:-1] + "ий"]
    if adverb and any("ADJF" in tags(base) for base in bases):
        return True
    nouns = headword if headword is not None else tags
    return _suffixed(lower, _DIMINUTIVE, _NOUN_ENDINGS, _NOUN_FORMS, "NOUN", nouns) or (
        _suffixed(lower, _EXPRESSIVE, _ADJECTIVE_ENDINGS, ("ий", "ій"), "ADJF", tags)
    )


def _suffixed(
    lower: str,
    suffixes: tuple[str, ...],
    endings: tuple[str, ...],
    forms: tuple[str, ...],
    part: str,
    tags: Tags,
) -> bool:
    for ending in endings:
        if not lower.endswith(ending):
            continue
        core = lower[: len(lower) - len(ending)]
        for suffix in suffixes:
            stem = core[: len(core) - len(suffix)]
            if not core.endswith(suffix) or len(stem) < MIN_STEM:
                continue
            if suffix == "очк" and stem.endswith(_HUSHING):
                continue
            if any(part in tags(stem + form) for form in forms):
                return True
    return False


# A quote or backtick between a consonant and я/ю/є/ї: an apostrophe ("пам"ятав").
# Lowercase on the right: a closing quote glued to a capital ("Стоп"Я сказав") stays one.
_APOSTROPHE_TYPED = re.compile(
    r"(?<=[бвгґджзклмнпрстфхцчшщБВГҐДЖЗКЛМНПРСТФХЦЧШЩ])[\"`‘](?=[яюєї])"
)
_HEAD_ENDINGS = {"uk": ("ий", "ій"), "ru": ("ий", "ый", "ой")}


def apostrophes(text: str) -> str:
    """``text`` with apostrophes typed as quotes or backticks in Ukrainian words
    written as apostrophes (same length)."""
    if '"' not in text and "`" not in text and "‘" not in text:
        return text
    return _APOSTROPHE_TYPED.sub("'", text)


def compound_head(part: str, lang: str, known: Known) -> bool:
    """The first part of a hyphenated compound adjective: a known adjective's stem and
    -о ("хрестово" of "хрестовий", "асирійсько" of "асирійський")."""
    if not part.endswith("о") or len(part) < 4:
        return False
    return any(known(part[:-1] + ending) for ending in _HEAD_ENDINGS.get(lang, ()))
