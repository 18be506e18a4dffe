"""An amount written twice, in two notations, that disagrees."""

from __future__ import annotations

import pytest

from copydesk.proofread.numbers import NumberRestatements


def _found(text: str, lang: str = "en") -> list[str]:
    return [f.text for f in NumberRestatements().check(text, lang)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("The plan cost $5m ($6 million).", "en", "$6 million"),
        ("Some 5 million (6m) people voted.", "en", "6m"),
        ("It raised £3bn (£3.5 billion).", "en", "£3.5 billion"),
        ("A $1.2bn ($1,300 million) deal.", "en", "$1,300 million"),
        ("Проєкт коштував 5 млн (6 мільйонів) гривень.", "uk", "6 мільйонів"),
        ("Собрали 3 млрд (4 миллиарда) рублей.", "ru", "4 миллиарда"),
    ],
)
def test_disagreeing_restatements(text: str, lang: str, expected: str) -> None:
    assert _found(text, lang) == [expected]


def test_a_bare_restated_figure_is_found_not_a_crash() -> None:
    text = "It cost five million (5,000,000) dollars, or 3 million (4,000,000)."
    assert _found(text) == ["4,000,000"]


def test_offsets() -> None:
    text = "The plan cost $5m ($6 million)."
    [finding] = NumberRestatements().check(text, "en")
    assert text[finding.start : finding.end] == finding.text


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("It raised £3bn (£3 billion).", "en"),
        ("It cost $3.45m ($3.5 million).", "en"),
        ("It cost $5 million ($5,000,000).", "en"),
        ("Between 5–6 million (5m–6m) people.", "en"),
        ("Between 5–6 million (6m) people.", "en"),
        ("It cost $5m (£4m).", "en"),
        ("It cost $5m (about $5.3 million).", "en"),
        ("A 5m (16ft) wall.", "en"),
        ("It fell 5m (6m in places).", "en"),
        ("In 2020 (2021 in Kyiv).", "en"),
        ("Зібрали 1,5 млн (1 500 тис.) гривень.", "uk"),
    ],
)
def test_agreeing_and_out_of_scope(text: str, lang: str) -> None:
    assert _found(text, lang) == []
