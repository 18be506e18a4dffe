"""Ukrainian adjectives of place names: "на покровському напрямку", "торецькі позиції".

War and regional reports name front-line directions and towns by their adjectives,
many of which no dictionary has: uk_UA knows the towns (capitalised: "Покровськ",
"Мирноград", "Курахове", "Авдіївка") and VESUM knows the adjectives of the large ones
only. :func:`of_place` accepts a lowercase adjective in -ський/-цький (any case,
gender, number) when the town it comes from is a proper name the dictionary has,
written with a capital only, made the regular ways:

- a town in -ськ/-цьк is the adjective's stem itself ("Торецьк": "торецький",
  "Покровськ": "покровському"); -цький is accepted of those towns only;
- else the stem without -ськ: as it is ("Мирноград": "мирноградський"), with -а, -ка,
  -е, -о ("Авдіївка": "авдіївський", "Курахове": "кураховський"), and with і back to
  о in the last syllable ("Курахове": "курахівський", "Селидове": "селидівський",
  "Гуляйполе": "гуляйпільський").

uk_UA's capitalised words are first names, surnames and their case forms too, and a
slip of a common adjective meets them ("радінських" of "радянських" and "Радіна",
"христинської" of "християнської", "москвоська" of "московська" and the vocative
"Москво"). So the town must be a place's name as VESUM reads it — a noun in the
nominative, inanimate, not a first name, surname or patronymic (:func:`_place`) —
of :data:`MIN_TOWN` letters or more; the adjective must not be one edit from a
known word in common use (Zipf :data:`NEAR_ZIPF`: "кролівської" of "королівської" met
the village Кролівка), since town adjectives are often one edit from each other
("покровському", "покрівському"), except for a town in -цьк ("торецький" is one edit
from "турецький"); and -ський comes after a
consonant that keeps it: not г, ж, з, к, ч, ц, whose -зьк, -цьк the orthography
writes ("петербурзький"), nor с, ш, х, which merge with it ("донбаський"), nor a
vowel ("америкаський" for "американський"). A slip of an adjective keeps a town
only by chance, and then it is that town's adjective: "містський" (for "міський")
is no town's, since "Міст" is also a plain word, known in lower case. Residents'
names ("бахмутці", "покровчани") were tried the same way and
left out: the endings -ці and -ани after a name let 10 of UA-GEC's 22,960 planted
slips through ("ділянці" as "діланці", "палаців" as "пілаців").
"""

from __future__ import annotations

import re
from collections.abc import Callable

Known = Callable[[str], bool]

_ADJECTIVE = re.compile(
    r"(?P<stem>\w{3,}(?:ськ|цьк))(?:ий|а|е|і|ого|ому|ім|ій|ої|у|ою|им|ими|их)", re.IGNORECASE
)
MIN_TOWN = 6
# Letters -ський never follows: consonants that change before it (г, ж, з make -зьк,
# к, ч, ц -цьк: "Петербург", "петербурзький"), those that merge with it (с, ш, х:
# "Донбас", "донбаський") and vowels (a town's final vowel is dropped: "Авдіївка").
_REFUSED = tuple("гжзкчцсшх" "аеєиіїоуюяй'")
# Readings that make a capitalised word a person's name, not a place's.
_PERSON = frozenset({"Name", "Surn", "Patr"})
_ALPHABET = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'"
# How common a known word one edit away must be to make the adjective its slip.
NEAR_ZIPF = 2.5
# The town's ending before -ський: none ("Мирноград"), -а, -ка ("Авдіївка"), -е, -о.
_ENDINGS = ("", "а", "ка", "е", "о")
# і in the adjective's last syllable that is о in the town's name ("курахівський" of
# "Курахове", "гуляйпільський" of "Гуляйполе").
_CLOSED = re.compile(r"і(?=[^аеєиіїоуюя]+$)")


def of_place(word: str, known: Known) -> bool:
    """Whether the lowercase ``word`` is the adjective of a town ``known`` (a
    Hunspell lookup) has as a proper name only."""
    match = _ADJECTIVE.fullmatch(word)
    if match is None or not word.islower():
        return False
    stem = match.group("stem")
    if stem.endswith("цьк"):
        return _place(stem, known)  # "Торецьк"; "-цький" of other names alternates
    root = stem[:-3]
    if root.endswith(_REFUSED):
        return False  # "петербуржському": the orthography writes "петербурзькому"
    towns = [stem] + [root + ending for ending in _ENDINGS]
    opened = _CLOSED.sub("о", root).removesuffix("ь")
    if opened != root.removesuffix("ь"):
        towns += [opened + ending for ending in ("е", "о")]
    return any(_place(town, known) for town in towns) and not _near(word, known)


def _place(name: str, known: Known) -> bool:
    """A place's name: capitalised in the dictionary and not in lower case, and read by
    VESUM as a noun in the nominative, inanimate, and no person's name."""
    if len(name) < MIN_TOWN or not known(name[:1].upper() + name[1:]) or known(name):
        return False
    from copydesk.proofread.inflection import analyzer

    return any(
        parse.normal_form == name and {"NOUN", "nomn", "inan"} <= parse.tag.grammemes
        and not _PERSON & parse.tag.grammemes
        for parse in analyzer("uk").parse(name)
    )


def _near(word: str, known: Known) -> bool:
    """One letter dropped, added, changed or two swapped from a known word in common
    use (Zipf :data:`NEAR_ZIPF` or more)."""
    from wordfreq import zipf_frequency

    from copydesk.proofread.morphology import edits

    def common(candidate: str) -> bool:
        return known(candidate) and zipf_frequency(candidate, "uk") >= NEAR_ZIPF

    return any(common(other) for other in edits(word, _ALPHABET))

