from __future__ import annotations

import pytest

from copydesk.proofread.collisions import COLLISIONS, CollidingWords
from copydesk.proofread.rule import Lang

rule = CollidingWords()


@pytest.mark.parametrize(
    ("text", "lang", "found"),
    [
        ("He was drafted into to the army.", "en", "into to"),
        ("She bought the a house.", "en", "the a"),
        ("It was a the best day.", "en", "a the"),
        ("One for of the best.", "en", "for of"),
        ("The their plan failed.", "en", "The their"),
        ("They should of known.", "en", "should of"),
        ("Він живе в у місті.", "uk", "в у"),
        ("Книжка на в столі.", "uk", "на в"),
        ("Он живет в на юге.", "ru", "в на"),
        ("Пришел с со мной.", "ru", "с со"),
    ],
)
def test_catches(text: str, lang: Lang, found: str) -> None:
    findings = rule.check(text, lang)
    assert [f.text for f in findings] == [found]
    finding = findings[0]
    assert text[finding.start : finding.end] == found


def test_suggestions_keep_capitals() -> None:
    (finding,) = rule.check("The their plan failed.", "en")
    assert finding.suggestions == ("The", "Their")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("They weighed in on the decision.", "en"),
        ("The story goes on in the next chapter.", "en"),
        ("An a cappella group sang.", "en"),
        ("It was the a priori case.", "en"),
        ("He got the A grade.", "en"),
        ("He saved what he could of the crop.", "en"),
        ("He walked into\n\nTo the lighthouse, a novel.", "en"),
        ("Він пішов у ліс і в поле.", "uk"),
        ("Он пошел в лес и на поле.", "ru"),
    ],
)
def test_allows(text: str, lang: Lang) -> None:
    assert rule.check(text, lang) == []


def test_list_is_closed_and_distinct_from_doubles() -> None:
    for pairs in COLLISIONS.values():
        for first, second in pairs:
            assert first != second
            assert first.islower()
            assert second.islower()
