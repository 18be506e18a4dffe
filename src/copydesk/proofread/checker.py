"""Runs a set of rules over a text and merges their findings."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from copydesk.proofread.collisions import CollidingWords
from copydesk.proofread.doubled import DoubledWords
from copydesk.proofread.finding import Finding
from copydesk.proofread.names import Names
from copydesk.proofread.numbers import NumberRestatements
from copydesk.proofread.rule import LANGS, Lang, Rule
from copydesk.proofread.spelling import Spelling
from copydesk.proofread.typography import Typography
from copydesk.proofread.units import UnitConversions
from copydesk.proofread.variants import Variant
from copydesk.proofread.weekday import Weekday

#: The text rules (each with planted mistakes in the shipped corpus).
RULE_NAMES: tuple[str, ...] = ("doubled", "collisions", "units", "spelling", "typography")
#: The news checks: a name spelled two ways, a weekday that does not match its date, a
#: number restated differently.  On by default: each measured at precision >= 0.9
#: (``bench/proofread/news.py``, docs/proofreading.md).
NEWS_RULE_NAMES: tuple[str, ...] = ("names", "weekday", "numbers")
#: What a checker runs when no rules are named.
DEFAULT_RULES: tuple[str, ...] = RULE_NAMES + NEWS_RULE_NAMES


def _factories(
    extra_words: frozenset[str],
    suggest: bool,
    variant: Variant | None = None,
    published: date | None = None,
) -> dict[str, Callable[[], Rule]]:
    return {
        "doubled": DoubledWords,
        "collisions": CollidingWords,
        "units": UnitConversions,
        "spelling": lambda: Spelling(extra_words, suggest=suggest, variant=variant),
        "typography": Typography,
        "names": Names,
        "weekday": lambda: Weekday(published),
        "numbers": NumberRestatements,
    }


class Checker:
    """Checks text with the named built-in rules and any extra :class:`Rule` objects.

    ``variant`` is the site's English variant ("en-GB"); ``check(..., variant=...)``
    takes the page's; without either, spelling detects it from the text. ``published``
    is the article's publication date: the weekday rule dates days written without a year.

    >>> Checker(rules=["doubled"]).check("It was the the best.", "en")[0].text
    'the the'
    """

    def __init__(
        self,
        rules: Iterable[str | Rule] | None = None,
        *,
        extra_words: Iterable[str] = (),
        suggest: bool = True,
        variant: Variant | None = None,
        published: date | None = None,
    ) -> None:
        factories = _factories(frozenset(extra_words), suggest, variant, published)
        self.rules: list[Rule] = []
        for rule in DEFAULT_RULES if rules is None else rules:
            if isinstance(rule, str):
                if rule not in factories:
                    known = ", ".join(DEFAULT_RULES)
                    raise ValueError(f"unknown rule {rule!r}; known rules: {known}")
                self.rules.append(factories[rule]())
            else:
                self.rules.append(rule)

    def check(
        self, text: str, lang: Lang = "en", *, variant: Variant | None = None
    ) -> list[Finding]:
        """All findings in ``text``, in order; one finding per span. ``variant`` is the
        page's English variant (its ``lang``, "en-GB"), used when the site has none."""
        if lang not in LANGS:
            raise ValueError(f"unsupported language {lang!r}; supported: {', '.join(LANGS)}")
        seen: set[tuple[int, int]] = set()
        findings: list[Finding] = []
        for rule in self.rules:
            found = (
                rule.check(text, lang, variant=variant)
                if isinstance(rule, Spelling)
                else rule.check(text, lang)
            )
            for finding in found:
                span = (finding.start, finding.end)
                if span not in seen:
                    seen.add(span)
                    findings.append(finding)
        findings.sort(key=lambda finding: (finding.start, finding.end, finding.rule))
        return findings
