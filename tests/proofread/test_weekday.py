"""A weekday that does not match its date."""

from __future__ import annotations

from datetime import date

import pytest

from copydesk.proofread.checker import Checker
from copydesk.proofread.weekday import Weekday

PUBLISHED = date(2026, 11, 20)


def _found(text: str, lang: str = "en", published: date | None = PUBLISHED) -> list[str]:
    findings = Weekday(published).check(text, lang)  # type: ignore[arg-type]
    return [f"{f.text}->{f.suggestions[0]}" for f in findings]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("The vote is on Tuesday, December 3, 2026.", "en", "Tuesday->Thursday"),
        ("The vote is on Tuesday (3 December).", "en", "Tuesday->Thursday"),
        ("It opens Tue., Dec. 3.", "en", "Tue->Thu"),
        ("Засідання у вівторок, 3 грудня 2026 року.", "uk", "вівторок->четвер"),
        ("Засідання у середу (3 грудня).", "uk", "середу->четвер"),
        ("Заседание во вторник, 3 декабря.", "ru", "вторник->четверг"),
        ("Заседание в пятницу, 03.12.2026.", "ru", "пятницу->четверг"),
    ],
)
def test_wrong_weekday(text: str, lang: str, expected: str) -> None:
    assert _found(text, lang) == [expected]


def test_offsets_and_message() -> None:
    text = "On Tuesday, December 3, 2026, it rained."
    [finding] = Weekday().check(text, "en")
    assert text[finding.start : finding.end] == "Tuesday"
    assert "2026-12-03 is a Thursday" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "The vote is on Thursday, December 3, 2026.",
        "On Tuesday, January 5 the year turns.",  # 2027: within six months of publication
        '"Tuesday," she said. "December 3 is the deadline."',
        "He spoke on Tuesday. December 3 is the deadline.",
        "Monday, February 30 never comes.",
        "Friday, December 3–5, the fair runs.",
        "On Friday may 5 people come.",
    ],
)
def test_traps(text: str) -> None:
    assert _found(text) == []


def test_a_yearless_date_without_publication_date_is_not_checked() -> None:
    assert _found("on Tuesday, December 3", published=None) == []
    assert _found("on Tuesday, December 3, 2026", published=None) == ["Tuesday->Thursday"]


def test_the_checker_passes_the_publication_date() -> None:
    checker = Checker(rules=["weekday"], published=PUBLISHED)
    assert [f.text for f in checker.check("on Tuesday, December 3", "en")] == ["Tuesday"]
