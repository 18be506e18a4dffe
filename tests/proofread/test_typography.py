from __future__ import annotations

import pytest

from copydesk.proofread.rule import Lang
from copydesk.proofread.typography import Typography

rule = Typography()


@pytest.mark.parametrize(
    ("text", "lang", "found"),
    [
        ('He said "yes and left.', "en", '"'),
        ("She said “yes and left.", "en", "“"),
        ("She said yes” and left.", "en", "”"),
        ("The plan (approved on Monday was dropped.", "en", "("),
        ("The plan approved on Monday) was dropped.", "en", ")"),
        ("Values [1, 2 are here.", "en", "["),
        ("It rained , then it stopped.", "en", " ,"),
        ("It rained all day .", "en", " ."),
        ("What happened ?", "en", " ?"),
        ("It rained,, then stopped.", "en", ",,"),
        ("It rained.. Then it stopped.", "en", ".."),
        ("Stop!! he shouted.", "en", "!!"),
        ("Він сказав: «так і пішов.", "uk", "«"),
        ("Він сказав: „так і пішов.", "uk", "„"),
        ("Он сказал: «да и ушел.", "ru", "«"),
        ("The plan was approved on Monday).", "en", ")"),
        ("План ухвалили) і все.", "uk", ")"),
        ("План ухвалили ) І все.", "uk", ")"),
        ("Це було (майже)).", "en", ")"),
        ("Він пішов.. Потім повернувся.", "uk", ".."),
        ("Fine?.. he asked.", "en", ".."),
    ],
)
def test_catches(text: str, lang: Lang, found: str) -> None:
    findings = rule.check(text, lang)
    assert [f.text for f in findings] == [found]
    finding = findings[0]
    assert text[finding.start : finding.end] == found


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ('He said "yes" and left.', "en"),
        ("She said “yes” and left.", "en"),
        ("He is 6'2\" tall.", "en"),
        ("Rules:\n1) no cups;\n2) free water.", "en"),
        ("a) first, b) second", "en"),
        ("Nice :) see you", "en"),
        ("And so on... Really.... Fine.", "en"),
        ("He wrote . . . and then stopped.", "en"),
        ("Visit ../docs or run 1..5 now.", "en"),
        ("Really?! Yes!?", "en"),
        ("It costs $5 (about £4).", "en"),
        ("The .NET team and .45 calibre.", "en"),
        ('"First paragraph of a quote.\n\n"Second paragraph, closed."', "en"),
        ("Він сказав: «Так» і пішов.", "uk"),
        ("Він сказав: „Так“ і пішов.", "uk"),
        ("Он сказал: «Да» и ушел.", "ru"),
        ("Всі батьки в шоці ))\n\nОтож, я не впевнена.", "uk"),
        ("Нам це вдалось)\nДанія — унікальна країна.", "uk"),
        ("Хіба не прекрасно?) Залишається поїсти.", "uk"),
        ("Фільтр готовий)))", "uk"),
        ("Все пропало (((", "ru"),
        ("Great news))) See you", "en"),
        ("The plan (see (a)) was dropped.", "en"),
        ("Знову вони?.. – сумно запитав хлопець.", "uk"),
        ("Неужели?.. Да!..", "ru"),
        ('Він пам"ятав це.', "uk"),
        ('Він крикнув "Стоп"Я сказав.', "uk"),  # a closing quote, not an apostrophe
    ],
)
def test_allows(text: str, lang: Lang) -> None:
    assert rule.check(text, lang) == []


def test_each_paragraph_is_balanced_on_its_own() -> None:
    text = "First (open.\n\nSecond close) here."
    assert [f.text for f in rule.check(text, "en")] == ["(", ")"]


def test_a_sentence_glued_by_extraction_is_not_a_finding() -> None:
    # "said.The": what extraction makes of "said.</p><p>The"; no space was typed.
    assert rule.check("The mayor said.The council agreed.", "en") == []


def test_a_space_typed_before_the_full_stop_still_is() -> None:
    text = "The mayor said .The council agreed."
    assert [f.text for f in rule.check(text, "en")] == [" ."]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Читайте також:\n» Волонтери передали апарати\n» Лікарі розповіли про грип", "uk"),
        ("Новини регіону. Далі »\nІнша новина.", "uk"),
        ("Read more:\n» Council approves budget\n« Back to the front page", "en"),
    ],
)
def test_a_guillemet_standing_alone_is_an_arrow(text: str, lang: Lang) -> None:
    assert rule.check(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # One paragraph that a <br> split into two lines of extracted text.
        ('"There is no safe place in Gaza.\nNot in the north, not anywhere," he said.', "en"),
        ("«Ми бачимо стійку тенденцію.\nІ вона триватиме», — сказав він.", "uk"),
        ("He wrote: “We came here.\nWe stayed.” Then he left.", "en"),
    ],
)
def test_a_quote_continued_on_the_next_line_is_balanced(text: str, lang: Lang) -> None:
    assert rule.check(text, lang) == []


def test_quotes_on_neighbouring_lines_that_do_not_pair_are_still_found() -> None:
    # An opening quote never closed, then a line with a quote of its own.
    text = 'He said "yes and left.\nShe said "no" and stayed.'
    assert [f.text for f in rule.check(text, "en")] == ['"']
    # A closing guillemet glued to its word is a quote, arrow-like lines aside.
    assert [f.text for f in rule.check("» Новина\nВін пішов» і все.", "uk")] == ["»"]
    text = "«Він пішов.\nВона прийшла.\nВсе» — кінець."  # three lines: still one quote
    assert rule.check(text, "uk") == []


@pytest.mark.parametrize(
    ("text", "lang", "found"),
    [
        # Paragraphs separated by blank lines are each balanced on their own.
        ("«Він пішов.\n\nВона прийшла» — кінець.", "uk", ["«", "»"]),
        ("He wrote: “We came here.\n\nWe stayed.” Then he left.", "en", ["“", "”"]),
        # Lines with different inner quotes („…“ and “…”) are not read together.
        ("«A „B“ C.\nD» — і “E” далі.", "uk", ["«", "»"]),
        # A spaced guillemet mid-sentence is a quote: paired, or a stray one.
        ("Компанія «Газпром » заявила.", "ru", []),
        ("Він назвав це « катастрофою ».", "uk", []),
        ("Він сказав « так і пішов.", "uk", ["«"]),
        ("Він сказав так » і пішов.", "uk", ["»"]),
        # A breadcrumb's arrows.
        ("Головна » Новини » Політика\nУряд ухвалив рішення.", "uk", []),
    ],
)
def test_lines_are_joined_only_where_one_quotation_was_split(
    text: str, lang: Lang, found: list[str]
) -> None:
    assert [f.text for f in rule.check(text, lang)] == found


def test_a_quotation_runs_over_five_lines_at_most() -> None:
    # Each line closes the quote the line before opened and opens another: read
    # together five lines at a time, so the quotes left open at each fifth line show.
    text = "«Початок.\n" + "Далі» і «ще.\n" * 9 + "Кінець»."
    findings = rule.check(text, "uk")
    assert findings and all(f.text in "«»" for f in findings)
    assert len(findings) < 10
