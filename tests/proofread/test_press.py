"""The press stories under bench/proofread/press/ are clean: the checker's default rules
raise no warning or error on them (bench/proofread/press.py measures the same)."""

from __future__ import annotations

from pathlib import Path

import pytest

from copydesk.proofread import Checker
from copydesk.proofread.finding import Severity
from copydesk.proofread.rule import Lang
from copydesk.proofread.variants import Variant

PRESS = Path(__file__).resolve().parents[2] / "bench" / "proofread" / "press"
# Slang a copy editor may well query ("lowkey" for "low-key", quoted from a student).
QUERIED = {"lowkey"}


@pytest.mark.parametrize(
    ("folder", "lang", "variant"),
    [("uk", "uk", None), ("en-GB", "en", "en-GB"), ("en-US", "en", "en-US"),
     ("en-GB", "en", None), ("en-US", "en", None)],
)
def test_press_stories_raise_no_false_finding(
    folder: str, lang: Lang, variant: Variant | None
) -> None:
    stories = sorted((PRESS / folder).glob("*.txt"))
    assert len(stories) >= 10
    checker = Checker(suggest=False, variant=variant)
    found = [
        (story.name, finding.text)
        for story in stories
        for finding in checker.check(story.read_text(encoding="utf-8"), lang)
        if finding.severity is not Severity.INFO and finding.text not in QUERIED
    ]
    assert found == []
