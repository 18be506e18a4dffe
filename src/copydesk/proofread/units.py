"""Unit conversions in parentheses must agree: "4 Celsius (4F)" is wrong, 4 °C is 39 °F.

A conversion is accepted when it is within the precision the writer used: one step
of the last digit written ("12 inches" for 11.8) plus the uncertainty of the
original figure, and for everything but temperatures also within 4 per cent.
Temperature changes ("rose by 5C (9F)") are converted as differences; after "a rise
of" or before "warmer" either reading is accepted.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Any

from copydesk.proofread.finding import Finding, Severity
from copydesk.proofread.quantity import Number, format_number, range_pattern, split_range
from copydesk.proofread.rule import Lang
from copydesk.proofread.unitnames import CELSIUS, FAHRENHEIT, unit_table

_QUALIFIER = (
    r"(?:(?:about|around|roughly|some|nearly|almost|approximately|approx\.|over|under|"
    r"more than|less than|up to|just over|just under|c\.|ca\.|~|близько|майже|понад|"
    r"приблизно|около|почти|более|примерно|свыше|менее|до)\s?)?"
)
_QUALIFIER_WORDS = (
    r"(?:\s+(?:about|around|roughly|some|nearly|almost|more than|less than|up to|as much as|"
    r"близько|майже|приблизно|около|почти|примерно))?"
)
# "rose by 5C (9F)": certainly a difference.
_BY = re.compile(r"\b(?:by|на)" + _QUALIFIER_WORDS + r"\s+$", re.IGNORECASE)
# "a rise of 2C", "warming to 1.5C", "5C warmer": a difference, or a reading.
_CHANGE_BEFORE = re.compile(
    r"\b(?:rise|rises|rose|risen|rising|warm\w*|cool\w*|increase\w*|drop\w*|fell|fall\w*|"
    r"jump\w*|climb\w*|swing\w*|difference|change\w*|anomal\w*)(?:\s+(?:of|to))?"
    + _QUALIFIER_WORDS
    + r"\s+$",
    re.IGNORECASE,
)
_CHANGE_AFTER = re.compile(
    r"^\s+(?:warmer|cooler|colder|hotter|higher|lower|above|below|rise|increase|drop|fall|"
    r"jump|swing|difference|change|warming|cooling|of warming|of cooling|target|limit|"
    r"threshold|goal|ceiling|тепліше|холодніше|вище|нижче|теплее|холоднее|выше|ниже)\b",
    re.IGNORECASE,
)
_MINUS_WORD = re.compile(r"\b(?:minus|мінус|минус)\s$", re.IGNORECASE)
_TEMPERATURES = (CELSIUS, FAHRENHEIT)


@lru_cache(maxsize=1)
def _registry() -> Any:
    import pint

    return pint.UnitRegistry()


@lru_cache(maxsize=4096)
def _convert(value: float, source: str, target: str, delta: bool) -> float:
    registry = _registry()
    if delta:
        source, target = f"delta_{source}", f"delta_{target}"
    return float(registry.Quantity(value, source).to(target).magnitude)


@lru_cache(maxsize=256)
def _compatible(source: str, target: str) -> bool:
    registry = _registry()
    return bool(
        registry.Quantity(1, source).dimensionality == registry.Quantity(1, target).dimensionality
    )


@lru_cache(maxsize=3)
def _pattern(lang: Lang) -> re.Pattern[str]:
    forms = sorted(unit_table(), key=len, reverse=True)
    unit = "(?:" + "|".join(re.escape(form) for form in forms) + r")(?![^\W\d_])"
    quantity = r"(?<![$€£¥₴₽])" + range_pattern(lang)
    return re.compile(
        rf"(?P<q1>{quantity})[ \u00a0\-]?(?P<u1>{unit})\s?\(\s?{_QUALIFIER}"
        rf"(?P<q2>{quantity})[ \u00a0\-]?(?P<u2>{unit})\s?\)"
    )


@lru_cache(maxsize=3)
def _compound_start(lang: Lang) -> re.Pattern[str]:
    """A quantity just before another: "5ft 9in (1.75m)", "11st 4lb (72kg)"."""
    forms = sorted(unit_table(), key=len, reverse=True)
    unit = "(?:" + "|".join(re.escape(form) for form in forms) + ")"
    return re.compile(rf"\d\s?{unit}[\s,]+(?:and\s+)?$")


def _agrees(given: Number, written: Number, source: str, target: str, delta: bool) -> bool:
    """Whether ``written`` is ``given`` converted and rounded the way the writer rounds.

    Temperatures may be off by one step of the last digit written; other quantities by
    half a step (rounding), or 4 per cent; both plus the uncertainty of ``given``.
    """
    expected = _convert(given.value, source, target, delta)
    slope = abs(_convert(given.value + 1.0, source, target, delta) - expected)
    step = max(written.unit_in_last_place, min(written.rounding_step, 0.1 * abs(expected)))
    uncertainty = 0.5 * given.unit_in_last_place * slope
    if source in _TEMPERATURES:
        tolerance = step + uncertainty
    else:
        tolerance = max(0.5 * step + uncertainty, 0.04 * abs(expected))
    return abs(written.value - expected) <= tolerance + 1e-9


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


class UnitConversions:
    """Flags parenthesised conversions that disagree with the figure they convert."""

    name = "units"

    def check(self, text: str, lang: Lang) -> list[Finding]:
        if "(" not in text:
            return []
        table = unit_table()
        findings: list[Finding] = []
        for match in _pattern(lang).finditer(text):
            finding = self._assess(text, match, lang, table)
            if finding is not None:
                findings.append(finding)
        return findings

    def _assess(
        self,
        text: str,
        match: re.Match[str],
        lang: Lang,
        table: dict[str, tuple[str, ...] | None],
    ) -> Finding | None:
        if _compound_start(lang).search(text, max(0, match.start() - 24), match.start()):
            return None
        sources, targets = table[match["u1"]], table[match["u2"]]
        if sources is None and targets is not None and targets[0] in _TEMPERATURES:
            sources = tuple(t for t in _TEMPERATURES if t != targets[0])
        if targets is None and sources is not None and sources[0] in _TEMPERATURES:
            targets = tuple(t for t in _TEMPERATURES if t != sources[0])
        if sources is None or targets is None:
            return None
        pairs = [(s, t) for s in sources for t in targets if s != t and _compatible(s, t)]
        if not pairs:
            return None
        given, _ = split_range(match["q1"], lang)
        if _MINUS_WORD.search(text[max(0, match.start() - 8) : match.start()]):
            given = [replace(number, value=-number.value) for number in given]
        written, joiner = split_range(match["q2"], lang)
        if len(given) != len(written):
            return None
        temperature = pairs[0][0] in _TEMPERATURES
        readings = self._readings(text, match) if temperature else (False,)
        for source, target in pairs:
            for delta in readings:
                if all(
                    _agrees(g, w, source, target, delta)
                    for g, w in zip(given, written, strict=True)
                ):
                    return None
        source, target = pairs[0]
        delta = readings == (True,)
        expected = [_convert(g.value, source, target, delta) for g in given]
        numbers = joiner.join(
            format_number(v, w, lang) for v, w in zip(expected, written, strict=True)
        )
        suggestion = numbers + text[match.end("q2") : match.end("u2")]
        start, end = match.start("q2"), match.end("u2")
        shown = "–".join(_fmt(v) for v in expected)
        return Finding(
            rule=self.name,
            message=(
                f"{match['q1']} {match['u1']} is {shown} {match['u2']}"
                f"{' as a difference' if delta else ''}, not {text[start:end]}."
            ),
            start=start,
            end=end,
            text=text[start:end],
            suggestions=(suggestion,),
            severity=Severity.ERROR,
        )

    @staticmethod
    def _readings(text: str, match: re.Match[str]) -> tuple[bool, ...]:
        """How a temperature may be read: as a difference (True), a reading (False)."""
        before = text[max(0, match.start() - 40) : match.start()]
        if _BY.search(before):
            return (True,)
        after = text[match.end() : match.end() + 30]
        if _CHANGE_BEFORE.search(before) or _CHANGE_AFTER.search(after):
            return (False, True)
        return (False,)
