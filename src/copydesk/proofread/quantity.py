"""Numbers as writers print them: signs, thousands separators, decimals, ranges."""

from __future__ import annotations

import re
from dataclasses import dataclass

from copydesk.proofread.rule import Lang

_MINUSES = "-−–"
# English: "1,500.5"; Ukrainian and Russian: "1 500,5" (comma or point as decimal mark).
_NUMBER_EN = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_NUMBER_CYR = r"(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,]\d+)?"
_SIGN = r"[-−–]\s?"
_RANGE_JOIN = r"\s?(?:-|–|—|\s(?:to|and|до|по|і|и)\s)\s?"


def number_pattern(lang: Lang) -> str:
    """A regex for one signed number in ``lang``'s notation."""
    body = _NUMBER_EN if lang == "en" else _NUMBER_CYR
    return rf"(?:{_SIGN})?{body}"


def range_pattern(lang: Lang) -> str:
    """A regex for a number or a range of two numbers ("10-15", "-5 to 3")."""
    number = number_pattern(lang)
    return rf"(?<![\w.,]){number}(?:{_RANGE_JOIN}{number})?"


@dataclass(frozen=True, slots=True)
class Number:
    """A parsed number and the precision it was written with."""

    value: float
    decimals: int
    trailing_zeros: int
    grouped: bool
    minus: str

    @property
    def unit_in_last_place(self) -> float:
        return float(10**-self.decimals)

    @property
    def rounding_step(self) -> float:
        """The step a writer rounded to: "600" suggests hundreds, "12.5" tenths."""
        if self.decimals:
            return self.unit_in_last_place
        return float(10**self.trailing_zeros)


def parse_number(raw: str, lang: Lang) -> Number:
    """Parse one number matched by :func:`number_pattern`."""
    text = raw.strip()
    minus = ""
    if text[:1] in _MINUSES:
        minus = text[0] if text[0] != "–" else "-"
        text = text[1:].strip()
    grouped = False
    if lang == "en":
        grouped = "," in text
        text = text.replace(",", "")
    else:
        compact = re.sub(r"[ \u00a0\u202f]", "", text)
        grouped = compact != text
        text = compact.replace(",", ".")
    integer, _, fraction = text.partition(".")
    stripped = integer.rstrip("0")
    trailing = len(integer) - len(stripped) if stripped else 0
    value = float(text) * (-1 if minus else 1)
    return Number(value, len(fraction), trailing, grouped, minus)


def split_range(raw: str, lang: Lang) -> tuple[list[Number], str]:
    """Parse a number or a range matched by :func:`range_pattern`.

    Returns the one or two numbers and the text joining them ("-", " to ").
    """
    number = number_pattern(lang)
    match = re.fullmatch(rf"({number})(?:{_RANGE_JOIN}({number}))?", raw.strip())
    if match is None:
        return [parse_number(raw, lang)], ""
    if match.group(2) is None:
        return [parse_number(match.group(1), lang)], ""
    joiner = raw.strip()[match.end(1) : match.start(2)]
    return [parse_number(match.group(1), lang), parse_number(match.group(2), lang)], joiner


def format_number(value: float, like: Number, lang: Lang) -> str:
    """Write ``value`` with the precision and notation of the number ``like``."""
    decimals = like.decimals
    rounded = round(value, decimals) if decimals else float(round(value))
    if rounded == 0:
        rounded = 0.0
    sign = (like.minus or "-") if rounded < 0 else ""
    magnitude = abs(rounded)
    body = f"{magnitude:,.{decimals}f}" if like.grouped else f"{magnitude:.{decimals}f}"
    if lang != "en":
        body = body.replace(",", "\u00a0").replace(".", ",")
    return sign + body
