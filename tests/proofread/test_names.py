"""One name spelled two ways in one text."""

from __future__ import annotations

import pytest

from copydesk.proofread.checker import NEWS_RULE_NAMES, Checker
from copydesk.proofread.names import Names

pytestmark = pytest.mark.usefixtures("hunspell")


def _found(text: str, lang: str = "en") -> list[tuple[str, tuple[str, ...]]]:
    return [(f.text, f.suggestions) for f in Names().check(text, lang)]  # type: ignore[arg-type]


def test_the_rarer_spelling_is_flagged_with_the_other() -> None:
    text = "Rudy Giuliani spoke. Giuliani said later that Guiliani had not."
    assert _found(text) == [("Guiliani", ("Giuliani",))]


def test_a_tie_goes_to_the_spelling_more_frequent_on_the_web() -> None:
    assert _found("Zelensky spoke. Zelenskyy left.") == [("Zelenskyy", ("Zelensky",))]


def test_offsets_point_at_the_word() -> None:
    text = "Giuliani and Giuliani met Guiliani."
    [finding] = Names().check(text, "en")
    assert text[finding.start : finding.end] == "Guiliani"


@pytest.mark.parametrize(
    "text",
    [
        "Boris Johnson met fans of Ben Jonson. Johnson said so. Johnson left.",
        "Slovakia and Slovenia signed. Slovakia left first.",
        "Anna Ivanova and Pavel Ivanov. Ivanov spoke.",
        "Colombia beat Columbia University. Colombia won.",
        "Then the Than family spoke.",
        "Grids by Lambros Lambrou. Thanks to Lambros Lambrou and to Lambros.",
        "Also sold as Mosaico, Mosaik, Mozaiek or Mosaico Puzzle. Mosaico is a hit.",
        "Using CPython's counting. CPython's lists. The Cython library.",
    ],
)
def test_real_different_names_pass(text: str) -> None:
    assert _found(text) == []


def test_ukrainian_case_endings_are_one_spelling() -> None:
    text = "Прийшла Нюта. Без Нюти. Дали Нюту. Пашка сказав Пашці. Берліозом і Берліозами."
    assert _found(text, "uk") == []


def test_ukrainian_misspelled_name() -> None:
    text = "Генерал Шумихін прийшов. Шумихіна чекали. Про генерала Шуміхіна забули."
    assert _found(text, "uk") == [("Шуміхіна", ("Шумихіна",))]


def test_selectable_by_name() -> None:
    assert "names" in NEWS_RULE_NAMES
    findings = Checker(rules=["names"]).check("Giuliani spoke. Giuliani left. Guiliani won.", "en")
    assert [f.rule for f in findings] == ["names"]
