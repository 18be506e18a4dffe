"""English word formation: what a derivation, prefix or compound lets pass, and the
slips that look like one."""

from __future__ import annotations

import pytest

from copydesk.proofread.finding import Severity
from copydesk.proofread.spelling import Spelling

pytestmark = pytest.mark.usefixtures("hunspell")


def _found(word: str) -> list[str]:
    return [f.text for f in Spelling(suggest=False).check(f"The {word} here.", "en")]


@pytest.mark.parametrize("suggest", [False, True])
@pytest.mark.parametrize(
    ("word", "split"),
    [("primeminister", "prime minister"), ("citycouncil", "city council"),
     ("chairsaid", "chair said"), ("eightyears", "eight years"),
     ("firmwear", "firm wear"), ("mailserver", "mail server"),
     ("bytestream", "byte stream")],
)
def test_two_common_words_written_as_one_are_a_question(
    word: str, split: str, suggest: bool
) -> None:
    found = Spelling(suggest=suggest).check(f"The {word} would be reviewed.", "en")
    assert [(f.text, f.severity) for f in found] == [(word, Severity.INFO)]
    assert "run together" in found[0].message
    assert found[0].suggestions[0] == split


def test_a_run_together_term_the_article_repeats_passes() -> None:
    text = "The mailserver fell. A mailserver restart; the mailserver is up."
    assert Spelling(suggest=False).check(text, "en") == []


@pytest.mark.parametrize("word", ["bluetoot", "severless"])
def test_a_slip_of_a_name_or_a_suffixed_word_is_no_compound(word: str) -> None:
    found = Spelling(suggest=False).check(f"The {word} here.", "en")
    assert [(f.text, f.severity) for f in found] == [(word, Severity.WARNING)]


@pytest.mark.parametrize(
    "word",
    ["achieveable", "argueable", "createable", "deleteable", "receiveable",
     "updateable"],  # "updatable" is the dictionary's spelling
)
def test_an_e_kept_where_the_dictionary_drops_it_before_able_is_flagged(word: str) -> None:
    assert _found(word) == [word]


@pytest.mark.parametrize(
    "word", ["undersandable", "unvailable", "cofigurable", "unbelieveable"]
)
def test_a_prefix_and_a_derivation_near_a_known_word_are_a_slip(word: str) -> None:
    assert _found(word) == [word]


@pytest.mark.parametrize("word", ["unhashable", "unpicklable"])
def test_a_prefix_and_a_derivation_of_a_known_word_pass(word: str) -> None:
    assert _found(word) == []


@pytest.mark.parametrize("word", ["decontinued", "demantled", "dequalified"])
def test_de_for_dis_is_a_slip(word: str) -> None:
    assert _found(word) == [word]


@pytest.mark.parametrize(
    "singular",
    ["comittee",  # on the shipped misspelling list
     "comitee"],  # not listed: one edit from "committee"
)
def test_a_misspelling_repeated_in_its_singular_does_not_excuse_its_plural(
    singular: str,
) -> None:
    text = f"The {singular} met. A {singular} vote. Two {singular}s agreed."
    found = Spelling(suggest=False).check(text, "en")
    assert f"{singular}s" in [f.text for f in found]


def test_the_less_adjective_of_a_common_word_passes() -> None:
    assert _found("passwordless") == []
