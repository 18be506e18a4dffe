"""Spellings the Ukrainian orthographies allow side by side, and real misspellings."""

from __future__ import annotations

import pytest

from copydesk.proofread import orthography
from copydesk.proofread.lexicon import lexicon
from copydesk.proofread.spelling import Spelling

pytestmark = pytest.mark.usefixtures("hunspell")


def _flagged(text: str, lang: str = "uk", words: frozenset[str] = frozenset()) -> list[str]:
    return [f.text for f in Spelling(words, suggest=False).check(text, lang)]  # type: ignore[arg-type]


def test_doublets_of_2019_pass() -> None:
    text = "проект і проєкт, ефір і етер, кафедра і катедра, радості й радости, ирій"
    assert _flagged(text) == []


def test_a_doublet_form_uk_ua_lacks_passes_through_the_table() -> None:
    assert not lexicon("uk").known("ірій")
    assert orthography.allowed("ірій", "uk", lexicon("uk").known)
    assert _flagged("полетіли в ірій") == []


def test_real_misspellings_are_still_caught() -> None:
    assert _flagged("Він прийшов додму і сів за стіл.") == ["додму"]
    assert _flagged("катедрра") == ["катедрра"]


def test_g_for_ge_is_flagged_in_2019_as_ua_gec_corrects_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COPYDESK_UK_ORTHOGRAPHY", raising=False)
    assert _flagged("вийшов на ганок, мокрий") == ["ганок"]
    assert _flagged("реґіональні новини") == ["реґіональні"]


def test_kharkiv_orthography_by_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "реґіональні матеріяли, европейський плян"
    monkeypatch.setenv("COPYDESK_UK_ORTHOGRAPHY", "2019")
    assert _flagged(text) == ["реґіональні", "матеріяли", "европейський", "плян"]
    monkeypatch.setenv("COPYDESK_UK_ORTHOGRAPHY", "kharkiv")
    assert _flagged(text) == []
    assert _flagged("матеріялли") == ["матеріялли"]


def test_kharkiv_orthography_by_the_newsroom_dictionary(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COPYDESK_UK_ORTHOGRAPHY", raising=False)
    words = frozenset({"orthography:kharkiv"})
    assert orthography.choice(words) == "kharkiv"
    assert _flagged("нові матеріяли", words=words) == []
    assert _flagged("нові матеріяли") == ["матеріяли"]


def test_an_unknown_setting_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COPYDESK_UK_ORTHOGRAPHY", "1933")
    with pytest.raises(ValueError, match="COPYDESK_UK_ORTHOGRAPHY"):
        orthography.choice()


def test_russian_yo_variants() -> None:
    assert "еще" in set(orthography.variants("ещё", "ru"))
    assert "ёлка" in set(orthography.variants("елка", "ru"))


def test_english_has_no_variants_here() -> None:
    assert not orthography.allowed("colour", "en", lambda word: True)
