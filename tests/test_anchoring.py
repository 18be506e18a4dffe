"""Re-anchoring a selector in a new version of an article's text."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk.anchoring import (
    Anchor,
    FoldedText,
    Selector,
    State,
    Strategy,
    fold,
    is_variant,
    reanchor,
    reanchor_all,
)

STORY = (
    "Council backs new budget after late-night session\n"
    "The city council approved a $4.2 milion budget for the coming year early on "
    "Wednesday, after a debate that ran for almost seven hours.\n"
    'Mayor Helen Okafor said the plan would "protect the services residents rely on" '
    "while keeping the property tax rise below 3 percent.\n"
    "Under the plan, the parks department recieves an extra $300,000 for tree planting. "
    "A separate $3 milion grant from the province will pay for road repairs.\n"
    "The budget now goes to the finance committee, which meets again on Febuary 12. "
    "Residents can read the full document online."
)


def select(text: str, exact: str, occurrence: int = 0, suggestion: str = "") -> Selector:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(exact, start + 1)
    end = start + len(exact)
    return Selector(exact, text[max(0, start - 32) : start], text[end : end + 32], start, end,
                    suggestion)


def at(text: str, anchor: Anchor) -> str:
    assert anchor.start is not None and anchor.end is not None
    return text[anchor.start : anchor.end]


def test_unchanged_text_by_position() -> None:
    selector = select(STORY, "recieves")
    anchor = reanchor(selector, STORY)
    assert anchor.state is State.UNCHANGED
    assert anchor.strategy is Strategy.POSITION
    assert (anchor.start, anchor.end) == (selector.start, selector.end)


def test_paragraph_inserted_at_top_shifts_offsets() -> None:
    line = "Update: this article has been corrected.\n"
    new = line + STORY
    selector = select(STORY, "recieves")
    anchor = reanchor(selector, new)
    assert anchor.state is State.UNCHANGED
    assert selector.start is not None
    assert anchor.start == selector.start + len(line)
    assert at(new, anchor) == "recieves"


def test_typo_fixed_as_suggested_despite_a_lookalike() -> None:
    new = STORY.replace("$4.2 milion", "$4.2 million")
    anchor = reanchor(select(STORY, "milion", suggestion="million"), new)
    assert anchor.state is State.FIXED
    assert at(new, anchor) == "million"
    assert anchor.start == new.index("million")


def test_typo_fixed_without_suggestion_is_changed_at_its_place() -> None:
    new = STORY.replace("$4.2 milion", "$4.2 million")
    anchor = reanchor(select(STORY, "milion"), new)
    assert anchor.state is State.CHANGED
    assert at(new, anchor) == "million"


def test_fixed_quote_never_lands_on_a_lookalike() -> None:
    """The Hypothesis trap: the quote's sentence is gone, its lookalike remains."""
    new = STORY.replace(
        "The city council approved a $4.2 milion budget for the coming year early on "
        "Wednesday, after a debate that ran for almost seven hours.",
        "Councillors passed next year's spending plan on Wednesday morning.",
    )
    anchor = reanchor(select(STORY, "milion", suggestion="million"), new)
    assert anchor.state is State.ORPHANED
    assert anchor.start is None


def test_the_lookalike_itself_stays_unchanged() -> None:
    new = STORY.replace("$4.2 milion", "$4.2 million")
    anchor = reanchor(select(STORY, "milion", occurrence=1, suggestion="million"), new)
    assert anchor.state is State.UNCHANGED
    assert anchor.start == new.index("$3 milion") + 3


def test_suggestion_differing_in_case_and_typography_is_fixed() -> None:
    new = STORY.replace("Febuary", "February")
    anchor = reanchor(select(STORY, "Febuary", suggestion="february"), new)
    assert anchor.state is State.FIXED
    assert at(new, anchor) == "February"
    old = STORY.replace("department", "departments")
    new = old.replace("departments", "department\u2019s")
    anchor = reanchor(select(old, "departments", suggestion="department's"), new)
    assert anchor.state is State.FIXED
    assert at(new, anchor) == "department\u2019s"


def test_fixed_otherwise_than_suggested_is_changed() -> None:
    new = STORY.replace("Febuary 12", "Feb. 12")
    anchor = reanchor(select(STORY, "Febuary 12", suggestion="February 12"), new)
    assert anchor.state is State.CHANGED
    assert at(new, anchor) == "Feb. 12"


def test_another_figure_than_suggested_is_not_fixed() -> None:
    new = STORY.replace("3 percent", "4 percent")
    anchor = reanchor(select(STORY, "3 percent", suggestion="5 percent"), new)
    assert anchor.state is State.CHANGED
    assert at(new, anchor) == "4 percent"


def test_sentence_deleted_is_orphaned() -> None:
    new = STORY.replace(
        "Mayor Helen Okafor said the plan would \"protect the services residents rely on\" "
        "while keeping the property tax rise below 3 percent.\n",
        "",
    )
    assert reanchor(select(STORY, "Helen Okafor"), new).state is State.ORPHANED


def test_paragraph_moved_is_unchanged() -> None:
    lines = STORY.split("\n")
    lines.insert(1, lines.pop(3))
    new = "\n".join(lines)
    anchor = reanchor(select(STORY, "tree planting"), new)
    assert anchor.state is State.UNCHANGED
    assert anchor.start == new.index("tree planting")


def test_typography_and_whitespace_inside_the_quote_are_unchanged() -> None:
    new = (
        STORY.replace('"protect', "\u201cprotect")
        .replace('on" ', "on\u201d ")
        .replace("rely on", "rely\u00a0 on")
        .replace("late-night", "late\u2013night")
    )
    anchor = reanchor(select(STORY, '"protect the services residents rely on"'), new)
    assert anchor.state is State.UNCHANGED
    assert at(new, anchor) == "\u201cprotect the services residents rely\u00a0 on\u201d"
    anchor = reanchor(select(STORY, "late-night session"), new)
    assert anchor.state is State.UNCHANGED
    assert at(new, anchor) == "late\u2013night session"


def test_headline_rewritten_leaves_body_quotes_unchanged() -> None:
    new = STORY.replace("Council backs new budget after late-night session",
                        "Council passes $4.2 million budget")
    anchor = reanchor(select(STORY, "property tax"), new)
    assert anchor.state is State.UNCHANGED
    assert anchor.start == new.index("property tax")


def test_repeated_phrase_chooses_by_context_not_first() -> None:
    text = (
        "Trains between Millbrook and Harwell ran late.\n"
        "Buses between Millbrook and Harwell were cancelled on Sunday evening."
    )
    new = "Latest news.\n" + text.replace("ran late", "ran very late")
    anchor = reanchor(select(text, "between Millbrook and Harwell", occurrence=1), new)
    assert anchor.state is State.UNCHANGED
    assert anchor.start == new.rindex("between Millbrook and Harwell")


def test_repeated_phrase_whose_paragraph_is_deleted_is_orphaned() -> None:
    text = (
        "Trains between Millbrook and Harwell ran late on Saturday.\n"
        "Buses between Millbrook and Harwell were cancelled on Sunday evening."
    )
    new = text.split("\n")[0]
    anchor = reanchor(select(text, "between Millbrook and Harwell", occurrence=1), new)
    assert anchor.state is State.ORPHANED


def test_empty_quote_is_orphaned() -> None:
    assert reanchor(Selector("  ", "a", "b", 0, 2), STORY).state is State.ORPHANED


def test_reanchor_all_matches_reanchor() -> None:
    new = "Update.\n" + STORY.replace("recieves", "receives")
    selectors = [select(STORY, q, suggestion=s) for q, s in
                 (("recieves", "receives"), ("tree planting", ""), ("Febuary", ""))]
    assert reanchor_all(selectors, new) == [reanchor(s, new) for s in selectors]
    assert [a.state for a in reanchor_all(selectors, new)] == [
        State.FIXED, State.UNCHANGED, State.UNCHANGED
    ]


def test_fold_and_offsets_map_back() -> None:
    text = "He said \u201chello\u201d  to the\u00a0mayor \u2014 late\u2026\n\n Next."
    folded = FoldedText(text)
    assert folded.text == 'He said "hello" to the mayor - late...\nNext.'
    start = folded.text.index('"hello"')
    assert text[folded.start_of(start) : folded.end_of(start + 7)] == "\u201chello\u201d"
    assert fold("a\u00adb\u200bc") == "abc"


def test_is_variant() -> None:
    assert is_variant("Cole\u2019s", "cole's")
    assert is_variant("towards", "toward")
    assert not is_variant("1,300", "1,200")
    assert not is_variant("there", "their")


# -- properties ------------------------------------------------------------------

_words = st.lists(
    st.sampled_from(["the", "council", "said", "budget", "rose", "mayor", "on", "Tuesday",
                     "\u201cquote\u201d", "3,000", "-", "late"]),
    min_size=8,
    max_size=60,
)


def _quote_of(words: list[str], data: st.DataObject) -> tuple[str, int, int]:
    text = " ".join(words)
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, min(len(text), start + 20)))
    return text, start, end


@settings(max_examples=150, deadline=None)
@given(_words, st.data())
def test_same_text_is_unchanged_in_place(words: list[str], data: st.DataObject) -> None:
    text, start, end = _quote_of(words, data)
    selector = Selector(text[start:end], text[max(0, start - 32) : start],
                        text[end : end + 32], start, end)
    anchor = reanchor(selector, text)
    if text[start:end].strip():
        assert anchor.state is State.UNCHANGED
        assert (anchor.start, anchor.end) == (start, end)
    else:
        assert anchor.state is State.ORPHANED


@settings(max_examples=150, deadline=None)
@given(_words, st.data(), st.text(min_size=1, max_size=80))
def test_text_inserted_before_shifts_offsets_exactly(
    words: list[str], data: st.DataObject, head: str
) -> None:
    text, start, end = _quote_of(words, data)
    if not text[start:end].strip():
        return
    head = head + "\n"
    selector = Selector(text[start:end], text[max(0, start - 32) : start],
                        text[end : end + 32], start, end)
    anchor = reanchor(selector, head + text)
    assert anchor.state is State.UNCHANGED
    assert anchor.start is not None and anchor.end is not None
    new = head + text
    assert fold(new[anchor.start : anchor.end]) == fold(text[start:end])
    if fold(head + text[:start]) == fold(head) + fold(text[:start]):
        assert (anchor.start, anchor.end) == (start + len(head), end + len(head))


# -- the evaluation set ------------------------------------------------------------

def _bench() -> ModuleType:
    folder = Path(__file__).resolve().parents[1] / "bench" / "anchoring"
    sys.path.insert(0, str(folder))
    try:
        spec = importlib.util.spec_from_file_location("anchoring_run", folder / "run.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(folder))


def test_evaluation_set_has_no_wrong_place_and_no_false_fix() -> None:
    bench = _bench()
    assert len(bench.CASES) >= 60
    for case in bench.CASES:
        anchor = reanchor(bench.selector(case), case.new)
        if anchor.start is not None:
            assert bench.right_place(case, anchor), case.name
        if anchor.state is State.FIXED:
            assert case.expected == "fixed", case.name


@pytest.mark.parametrize("state", list(State))
def test_states_are_strings(state: State) -> None:
    assert State(state.value) is state
