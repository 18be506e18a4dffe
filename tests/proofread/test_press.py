"""The press stories under bench/proofread/press/ are clean: the checker's default rules
raise no warning or error on them, as text and as article pages read through the
extraction (bench/proofread/press.py measures the same)."""

from __future__ import annotations

from pathlib import Path

import pytest

from copydesk.proofread import Checker
from copydesk.proofread.extract import extract_text
from copydesk.proofread.finding import Severity
from copydesk.proofread.rule import Lang
from copydesk.proofread.variants import Variant

PRESS = Path(__file__).resolve().parents[2] / "bench" / "proofread" / "press"
# Slang a copy editor may well query ("lowkey" for "low-key", quoted from a student).
QUERIED = {"lowkey"}


@pytest.mark.parametrize(
    ("folder", "lang", "variant", "count"),
    [("uk", "uk", None, 15), ("en-GB", "en", "en-GB", 10), ("en-US", "en", "en-US", 10),
     ("en-GB", "en", None, 10), ("en-US", "en", None, 10),
     ("html/uk", "uk", None, 5), ("html/en-US", "en", "en-US", 5)],
)
def test_press_stories_raise_no_false_finding(
    folder: str, lang: Lang, variant: Variant | None, count: int
) -> None:
    here = PRESS / folder
    stories = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(here.glob("*.txt"))]
    stories += [(p.name, extract_text(p.read_bytes())) for p in sorted(here.glob("*.html"))]
    assert len(stories) == count
    checker = Checker(suggest=False, variant=variant)
    found = [
        (name, finding.text)
        for name, text in stories
        for finding in checker.check(text, lang)
        if finding.severity is not Severity.INFO and finding.text not in QUERIED
    ]
    assert found == []
