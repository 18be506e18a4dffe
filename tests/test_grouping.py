from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from copydesk.grouping import near, overlaps
from copydesk.models import Quote

TEXT = (
    "The minister said the the budget would grow. He was drafted into to the army in May. "
    "Nighttime lows of 4 Celsius (4F) are expected, the the forecast said."
)


def quote_at(start: int, end: int, context: int = 32, positions: bool = True) -> Quote:
    return Quote(
        exact=TEXT[start:end],
        prefix=TEXT[max(0, start - context):start],
        suffix=TEXT[end:end + context],
        start=start if positions else None,
        end=end if positions else None,
    )


def find(needle: str, nth: int = 0) -> tuple[int, int]:
    pos = -1
    for _ in range(nth + 1):
        pos = TEXT.index(needle, pos + 1)
    return pos, pos + len(needle)


def test_positions_decide_when_both_have_them() -> None:
    a = quote_at(*find("into to"))
    b = quote_at(*find("into to the army"))
    c = quote_at(*find("in May"))
    assert overlaps(a, b)
    assert not overlaps(a, c)


def test_same_words_elsewhere_do_not_group_by_context() -> None:
    first = quote_at(*find("the the", 0), positions=False)
    second = quote_at(*find("the the", 1), positions=False)
    assert not overlaps(first, second)
    assert overlaps(first, quote_at(*find("the the", 0), positions=False))


def test_longer_and_shorter_quote_of_one_place_group_by_context() -> None:
    short = quote_at(*find("into to"), positions=False)
    long = quote_at(*find("drafted into to the"), positions=False)
    assert overlaps(short, long)
    assert overlaps(long, short)


def test_mixed_evidence_falls_back_to_context() -> None:
    with_pos = quote_at(*find("4 Celsius (4F)"))
    without = quote_at(*find("(4F)"), positions=False)
    assert overlaps(with_pos, without)


def test_disjoint_quotes_without_context() -> None:
    assert not overlaps(Quote("budget"), Quote("army"))


spans = st.tuples(st.integers(0, len(TEXT) - 1), st.integers(1, 40)).map(
    lambda t: (t[0], min(len(TEXT), t[0] + t[1]))
)


@given(spans, spans)
def test_context_agrees_with_positions(a: tuple[int, int], b: tuple[int, int]) -> None:
    """On real text, quote-plus-context grouping never joins quotes that do not intersect."""
    qa, qb = quote_at(*a, positions=False), quote_at(*b, positions=False)
    intersect = a[0] < b[1] and b[0] < a[1]
    if overlaps(qa, qb):
        assert intersect
    assert overlaps(quote_at(*a), quote_at(*b)) == intersect


@given(spans)
def test_a_quote_overlaps_itself(a: tuple[int, int]) -> None:
    assert overlaps(quote_at(*a, positions=False), quote_at(*a, positions=False))


def test_near_needs_context_on_one_side_only_and_ignores_positions() -> None:
    page = Quote("into to", "He was drafted ", " the army in May.", start=400, end=407)
    extracted_same = Quote("into to", "He was drafted ", " the army. Teh end.", 15, 22)
    extracted_other = Quote("into to", "Later he went ", " town.", 15, 22)
    assert near(page, extracted_same)
    assert not near(page, extracted_other)
    assert not overlaps(page, extracted_same)  # positions disagree: grouping says no
