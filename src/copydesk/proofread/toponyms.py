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

A town's name has :data:`MIN_TOWN` letters or more: uk_UA's capitalised words are
first names and surnames too, and a slip of a common adjective met a short one
("кивські" of "київські" and "Кива", "герцький" of "грецький" and "Герц"). A slip of
an adjective keeps a town only by chance, and then it is that town's adjective:
"містський" (for "міський") is no town's, since "Міст" is also a plain word, known in
lower case. Residents' names ("бахмутці", "покровчани") were tried the same way and
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
# Consonants that change before -ськ (г, ж, з make -зьк, к, ч, ц -цьк: "Петербург",
# "петербурзький"), so -ський after them is a misspelling.
_ALTERNATING = tuple("гжзкчц")
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
        return _proper(stem, known)  # "Торецьк"; "-цький" of other names alternates
    root = stem[:-3]
    if root.endswith(_ALTERNATING):
        return False  # "петербуржському": the orthography writes "петербурзькому"
    towns = [stem] + [root + ending for ending in _ENDINGS]
    opened = _CLOSED.sub("о", root).removesuffix("ь")
    if opened != root.removesuffix("ь"):
        towns += [opened + ending for ending in ("е", "о")]
    return any(_proper(town, known) for town in towns)


def _proper(name: str, known: Known) -> bool:
    """A name the dictionary has capitalised and not in lower case."""
    return len(name) >= MIN_TOWN and known(name[:1].upper() + name[1:]) and not known(name)

