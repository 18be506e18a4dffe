from __future__ import annotations

import json
from importlib import resources

import pytest

from copydesk.proofread import (
    DEFAULT_RULES,
    NEWS_RULE_NAMES,
    RULE_NAMES,
    Checker,
    Finding,
    Rule,
    Severity,
)
from copydesk.proofread.rule import Lang

pytestmark = pytest.mark.usefixtures("hunspell")

ARTICLE = (
    "Nighttime lows of 4 Celsius (4F) are expected , he said.\n"
    "He was drafted into to the army and recieved a medal.\n\n"
    "It was the the best of times (or so they say."
)


def test_all_rules_together_with_exact_offsets() -> None:
    findings = Checker().check(ARTICLE, "en")
    assert [(f.rule, f.text) for f in findings] == [
        ("units", "4F"),
        ("typography", " ,"),
        ("collisions", "into to"),
        ("spelling", "recieved"),
        ("doubled", "the the"),
        ("typography", "("),
    ]
    for finding in findings:
        assert ARTICLE[finding.start : finding.end] == finding.text


def test_rules_can_be_chosen() -> None:
    findings = Checker(rules=["doubled", "units"]).check(ARTICLE, "en")
    assert {f.rule for f in findings} == {"doubled", "units"}


def test_unknown_rule_and_language_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown rule 'grammar'"):
        Checker(rules=["grammar"])
    with pytest.raises(ValueError, match="unsupported language"):
        Checker(rules=["doubled"]).check("text", "de")  # type: ignore[arg-type]


def test_rule_names_are_the_built_in_rules() -> None:
    # The text rules, then the news checks, all on by default.
    assert [type(rule).name for rule in Checker().rules] == [*RULE_NAMES, *NEWS_RULE_NAMES]
    assert (*RULE_NAMES, *NEWS_RULE_NAMES) == DEFAULT_RULES


class ShoutRule:
    name = "shout"

    def check(self, text: str, lang: Lang) -> list[Finding]:
        at = text.find("WOW")
        if at < 0:
            return []
        return [Finding(self.name, "Shouting.", at, at + 3, "WOW", ("wow",), Severity.INFO)]


def test_new_rules_plug_in() -> None:
    rule = ShoutRule()
    assert isinstance(rule, Rule)
    findings = Checker(rules=["doubled", rule]).check("WOW, the the end.", "en")
    assert [(f.rule, f.text) for f in findings] == [("shout", "WOW"), ("doubled", "the the")]


def test_one_finding_per_span() -> None:
    class Again(ShoutRule):
        name = "again"

    findings = Checker(rules=[ShoutRule(), Again()]).check("WOW", "en")
    assert [f.rule for f in findings] == ["shout"]


def test_finding_json_shape() -> None:
    (finding,) = Checker(rules=["units"]).check("Lows of 4 Celsius (4F).", "en")
    assert finding.to_dict() == {
        "rule": "units",
        "message": finding.message,
        "start": 19,
        "end": 21,
        "text": "4F",
        "suggestions": ["39F"],
        "severity": "error",
    }


def _planted() -> list[dict[str, object]]:
    corpus = resources.files("copydesk.proofread") / "data" / "corpus" / "planted.jsonl"
    return [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]


def test_shipped_corpus_labels_point_at_their_text() -> None:
    variants = _planted()
    assert {v["lang"] for v in variants} == {"en", "uk", "ru"}
    assert {v["class"] for v in variants} == set(RULE_NAMES)
    for variant in variants:
        text = str(variant["text"])
        for mistake in variant["mistakes"]:  # type: ignore[attr-defined]
            assert text[mistake["start"] : mistake["end"]] == mistake["text"]


def test_clean_corpus_raises_no_findings() -> None:
    root = resources.files("copydesk.proofread") / "data" / "corpus" / "clean"
    checker = Checker(suggest=False)
    for lang in ("en", "uk", "ru"):
        for path in (root / lang).iterdir():
            findings = checker.check(path.read_text(encoding="utf-8"), lang)  # type: ignore[arg-type]
            assert findings == [], path.name


def test_planted_mistakes_are_found() -> None:
    checker = Checker(suggest=False)
    planted = found = 0
    for variant in _planted():
        findings = checker.check(str(variant["text"]), variant["lang"])  # type: ignore[arg-type]
        for mistake in variant["mistakes"]:  # type: ignore[attr-defined]
            planted += 1
            found += any(
                f.rule == mistake["rule"] and f.start < mistake["end"] and mistake["start"] < f.end
                for f in findings
            )
    assert found / planted >= 0.9
