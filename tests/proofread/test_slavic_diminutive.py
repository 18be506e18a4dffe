"""Ukrainian diminutives: -очк- of a known noun, and -ечк- after a hushing consonant."""

from __future__ import annotations

import pytest

from copydesk.proofread import wordforms
from copydesk.proofread.slavic import derivation
from copydesk.proofread.spelling import Spelling

pytestmark = pytest.mark.usefixtures("hunspell")


@pytest.mark.parametrize("word", ["ручочку", "книжочку", "сумочочка"])
def test_ochk_after_a_hushing_consonant_is_a_slip(word: str) -> None:
    found = Spelling(suggest=False).check(f"Вона взяла {word} додому.", "uk")
    assert [f.text for f in found] == [word]


@pytest.mark.parametrize("word", ["мамочка", "копійочка"])
def test_ochk_of_a_known_noun_passes(word: str) -> None:
    assert derivation(word, wordforms.parts_of_speech, wordforms.nominative_parts)

