from __future__ import annotations

import pytest

from copydesk.proofread.doubled import DoubledWords
from copydesk.proofread.rule import Lang

rule = DoubledWords()


@pytest.mark.parametrize(
    ("text", "lang", "found"),
    [
        ("He saw the the film.", "en", "the the"),
        ("It was in the\nthe garden.", "en", "the\nthe"),
        ("The The first thing to say", "en", "The The"),
        ("They said it is is over.", "en", "is is"),
        ("The company has had had a bad year.", "en", "had had"),
        ("We went to to the shop.", "en", "to to"),
        ("Він сказав що що він прийде.", "uk", "що що"),
        ("Міст через через річку.", "uk", "через через"),
        ("Он сказал, что и и она придет.", "ru", "и и"),
        ("Мост через через реку.", "ru", "через через"),
    ],
)
def test_catches(text: str, lang: Lang, found: str) -> None:
    findings = rule.check(text, lang)
    assert [f.text for f in findings] == [found]
    assert text[findings[0].start : findings[0].end] == found
    assert findings[0].suggestions == (found.split()[0],)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("He said that that was wrong.", "en"),
        ("By then they had had enough.", "en"),
        ("What it is is a scam.", "en"),
        ("Duran Duran played last night.", "en"),
        ("Bye bye, said the crowd.", "en"),
        ("The end.\n\nThe next paragraph.", "en"),
        ("A headline about a vote\nVote counting began at noon.", "en"),
        ("the word, the word again", "en"),
        ("Я знаю, що що б не сталося, він прийде.", "uk"),
        ("Так так, звісно.", "uk"),
        ("Он знает, что что бы ни случилось, он придет.", "ru"),
        ("Да да, конечно.", "ru"),
    ],
)
def test_allows(text: str, lang: Lang) -> None:
    assert rule.check(text, lang) == []
