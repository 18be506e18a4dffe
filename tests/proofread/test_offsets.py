"""Whatever the text, findings point at their own text and checking never fails."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copydesk.proofread import Checker
from copydesk.proofread.rule import Lang

pytestmark = pytest.mark.usefixtures("hunspell")

PIECES = [
    "the", "The", "a", "into", "to", "of", "could", "в", "у", "на", "и", "що", "recieve",
    "wantd", "Kyiv", "4", "-40", "1,500", "10-15", "0.6", "42,2", "C", "°C", "F", "(", ")",
    "[", "]", '"', "“", "”", "«", "»", "„", ",", ".", "..", "...", "!", "?", ":", ";", "'",
    "km", "miles", "mph", "km/h", "degrees", "minus", "by", "-", "—", " ", " ", " ", "\n",
    "\n\n", "https://x.example/a", "a@b.example", "#tag", "1)", "ó", "\u0301", "😀",
]  # fmt: skip

checker = Checker(suggest=False)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    pieces=st.lists(st.sampled_from(PIECES), max_size=60),
    lang=st.sampled_from(["en", "uk", "ru"]),
)
def test_offsets_always_index_the_text(pieces: list[str], lang: Lang) -> None:
    text = "".join(pieces)
    for finding in checker.check(text, lang):
        assert 0 <= finding.start < finding.end <= len(text)
        assert text[finding.start : finding.end] == finding.text
