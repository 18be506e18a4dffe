"""A site's words and the shipped accepted words stand for all their Ukrainian and
Russian forms; a slip in them is still flagged."""

from __future__ import annotations

import pytest

from copydesk.proofread.inflection import Inflections, forms, inflections, lemmas
from copydesk.proofread.rule import Lang
from copydesk.proofread.spelling import Spelling


def flagged(text: str, lang: Lang, words: tuple[str, ...] = ()) -> list[str]:
    return [f.text for f in Spelling(words, suggest=False).check(text, lang)]


@pytest.mark.parametrize(
    ("lang", "word", "forms"),
    [
        ("uk", "скамер", "скамери скамерів скамерами скамером скамерах"),
        ("uk", "Тіктокерський", "тіктокерська тіктокерської тіктокерськими"),
        ("uk", "скамерство", "скамерства скамерством"),
        ("ru", "скамер", "скамеры скамеров скамерами скамером"),
        ("ru", "тиктокерша", "тиктокерши тиктокершей тиктокершами"),
    ],
)
def test_a_site_word_is_accepted_in_its_forms(lang: Lang, word: str, forms: str) -> None:
    assert flagged(forms, lang) == forms.split()  # unknown without the site's word
    assert flagged(forms, lang, (word,)) == []


@pytest.mark.parametrize(
    ("lang", "word", "slips"),
    [
        ("uk", "скамер", "скамерм скаменрів скаерами"),
        ("uk", "скамерство", "скамерсва скпмерством"),
        ("ru", "скамер", "скамерв скамеровв скамкрами"),
    ],
)
def test_a_slip_of_a_site_word_is_flagged(lang: Lang, word: str, slips: str) -> None:
    assert flagged(slips, lang, (word,)) == slips.split()


def test_lemmas_read_a_word_the_dictionary_lacks_by_its_ending() -> None:
    assert "релокація" in lemmas("релокаціями", "uk")
    assert "скамер" in lemmas("Скамерів", "uk")
    assert "скамер" not in lemmas("скамерм", "uk")



def test_forms_decline_a_word_the_dictionary_lacks_by_its_ending() -> None:
    # "дронова", "дроновим" are also a surname's forms, which do not read as "дроновий"
    assert {"дронова", "дроновим", "дроновими", "дроновій"} <= forms("дроновий", "uk")
    assert "дроновими" in Inflections(["дроновий"], "uk")
    assert "дронами" not in Inflections(["дроновий"], "uk")
    assert "anything" not in Inflections([], "uk")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "шахедів і дронових атак, павербанки, бусифікація, релокованих"),
        ("ru", "шахедов, дроновых атак, павербанки, релокации"),
    ],
)
def test_shipped_press_words_are_accepted_in_their_forms(lang: Lang, text: str) -> None:
    assert flagged(text, lang) == []


def test_a_slip_of_a_shipped_word_is_flagged() -> None:
    assert flagged("шахкдів, дронвими атаками, павербанкм", "uk") == [
        "шахкдів", "дронвими", "павербанкм"]


def test_a_set_of_site_words_is_inflected_once_for_every_check() -> None:
    words = frozenset({"скамер", "скамерство"})
    first = inflections(words, "uk")
    assert inflections(frozenset(words), "uk") is first
    assert "скамерами" in first and "скамерством" in first and "скамерм" not in first
    assert inflections(words, "ru") is not first
