from __future__ import annotations

import pytest

from copydesk.proofread.misspellings import misspellings
from copydesk.proofread.rule import LANGS, Lang
from copydesk.proofread.spelling import Spelling

pytestmark = pytest.mark.usefixtures("hunspell")


@pytest.mark.parametrize(
    ("text", "lang", "found", "suggestion"),
    [
        ("We did not recieve the letter.", "en", "recieve", "receive"),
        ("The goverment said no.", "en", "goverment", "government"),
        ("Goverment officials said no.", "en", "Goverment", "Government"),
        ("They wantd to leave.", "en", "wantd", None),
        ("A well-knwn figure.", "en", "knwn", None),
        ("The bookking office.", "en", "bookking", None),
        ("She was leanring fast.", "en", "leanring", None),
        ("Ми отримали прубрали листи.", "uk", "прубрали", None),
        ("Это агенство новостей.", "ru", "агенство", "агентство"),
        ("Мы получили превет.", "ru", "превет", None),
    ],
)
def test_catches(text: str, lang: Lang, found: str, suggestion: str | None) -> None:
    findings = Spelling(suggest=True).check(text, lang)
    assert [f.text for f in findings] == [found]
    finding = findings[0]
    assert text[finding.start : finding.end] == found
    if suggestion is not None:
        assert finding.suggestions[0] == suggestion
    else:
        assert finding.suggestions


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The colour of the organised march.", "en"),
        ("Kovalenko and Zelensky met in Kyiv.", "en"),
        ("NATO and the EU met; the UNHCR too.", "en"),
        ("Visit https://news.example/recieve-it or mail wantd@example.com today.", "en"),
        ("Follow #recieveday and @wantd for updates.", "en"),
        ("The 5km race had 3rd place at 10am.", "en"),
        ("She outsprinted them by midmorning.", "en"),
        ("It permits relicensing of the code.", "en"),
        ("The board ok'd it; y'all know rock'n'roll.", "en"),
        ("The a cappella group's iPhone app.", "en"),
        ("Він поїхав до Києва з Кракова, а potim назад.", "uk"),
        ("Москва и Санкт-Петербург.", "ru"),
    ],
)
def test_allows(text: str, lang: Lang) -> None:
    assert Spelling(suggest=False).check(text, lang) == []


def test_newsroom_words_are_accepted() -> None:
    text = "Councillor Obasanjo-Whyte met the flowbus team."
    assert [f.text for f in Spelling(suggest=False).check(text, "en")] == ["flowbus"]
    assert Spelling(["Flowbus"], suggest=False).check(text, "en") == []


def test_suggestions_can_be_switched_off() -> None:
    (finding,) = Spelling(suggest=False).check("They wantd it.", "en")
    assert finding.suggestions == ()


@pytest.mark.parametrize("lang", LANGS)
def test_no_shipped_misspelling_is_a_word(lang: Lang) -> None:
    from copydesk.proofread.lexicon import lexicon

    words = lexicon(lang)
    table = misspellings(lang)
    assert table
    assert [wrong for wrong in table if words.known(wrong)] == []


def test_english_list_has_a_few_hundred_entries() -> None:
    assert len(misspellings("en")) >= 300
