"""Adjectives of the towns uk_UA knows as names."""

from __future__ import annotations

import pytest

from copydesk.proofread.lexicon import lexicon
from copydesk.proofread.spelling import Spelling
from copydesk.proofread.toponyms import of_place


def flagged(text: str) -> list[str]:
    return [f.text for f in Spelling(suggest=False).check(text, "uk")]


@pytest.mark.parametrize(
    "word",
    [
        "торецький", "покровському", "степногірські", "вовчанської",  # Торецьк, Покровськ…
        "мирноградський", "вугледарського",  # Мирноград, Вугледар
        "авдіївський",  # Авдіївка
        "кураховському", "курахівському", "селидівський", "гуляйпільського",  # -ове, -поле
    ],
)
def test_an_adjective_of_a_town_is_accepted(word: str) -> None:
    assert of_place(word, lexicon("uk").known)
    assert flagged(f"Бої тривали на {word} напрямку.") == []


@pytest.mark.parametrize(
    "word",
    [
        "містський",  # for "міський": "Міст" is also a plain word
        "столський", "рукавський",  # no town
        "покровкому", "торецкий", "мирнограський",  # slips of a town's adjective
        "петербуржському", "запоріжський",  # г, ж, з before -ськ make -зьк
        "радінських", "христинської", "шерманських",  # people's names: Радіна, Христина
        "москвоська", "канадіський",  # case forms of names: Москво, Канаді
        "америкаський", "донбасський",  # a vowel or с before -ськ
        "кролівської", "москвська",  # one edit from "королівської", "московська"
        "кивські", "герцький",  # slips of "київські", "грецький" meeting a short name
        "Торецький",  # capitalised words are names, and this rule reads lower case only
    ],
)
def test_no_town_no_adjective(word: str) -> None:
    assert not of_place(word, lexicon("uk").known)


def test_slips_of_town_adjectives_are_flagged() -> None:
    assert flagged("на покровкому і торецкому напрямках") == ["покровкому", "торецкому"]
