"""Automated proofreading: the mistake classes readers report, found before they do."""

from __future__ import annotations

from copydesk.proofread.checker import DEFAULT_RULES, NEWS_RULE_NAMES, RULE_NAMES, Checker
from copydesk.proofread.finding import Finding, Severity
from copydesk.proofread.rule import Lang, Rule

__all__ = [
    "DEFAULT_RULES", "NEWS_RULE_NAMES", "RULE_NAMES", "Checker", "Finding", "Lang", "Rule",
    "Severity",
]
