"""Numbers: an amount written twice, in two notations, that disagrees.

"$5m ($6 million)", "5 million (6m)", "£3bn (£3.5 billion)", "5 млн (6 мільйонів)".
The amount in parentheses must be the whole content of the parentheses (optionally
after "about", "around", "близько", "около") and at least one side must carry a scale
("million", "bn", "тис.", "млн"); both sides must have the same currency, or one none.
Two amounts agree when the more precise one, rounded half up to the other's last
digit, is the other ("$3.45m ($3.5 million)", not "£3bn (£3.5 billion)"); after
"about" within 10 %.
Ranges are compared end to end ("5–6 million (5m–6m)"); a range against a single
figure, other currencies ("$5m (£4m)": a conversion) and percentages are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from copydesk.proofread.finding import Finding, Severity
from copydesk.proofread.rule import Lang

APPROXIMATE_TOLERANCE = Decimal("0.10")

_SCALES: dict[str, int] = {
    "k": 3, "thousand": 3, "m": 6, "mn": 6, "mln": 6, "million": 6, "millions": 6,
    "bn": 9, "b": 9, "billion": 9, "billions": 9, "tn": 12, "trillion": 12,
    "тис": 3, "тисяч": 3, "тисячі": 3, "тисяча": 3, "тыс": 3, "тысяч": 3, "тысячи": 3,
    "тысяча": 3, "млн": 6, "мільйон": 6, "мільйона": 6, "мільйони": 6, "мільйонів": 6,
    "миллион": 6, "миллиона": 6, "миллионов": 6, "млрд": 9, "мільярд": 9, "мільярда": 9,
    "мільярди": 9, "мільярдів": 9, "миллиард": 9, "миллиарда": 9, "миллиардов": 9,
    "трлн": 12, "трильйон": 12, "трильйона": 12, "трильйонів": 12, "триллион": 12,
    "триллиона": 12, "триллионов": 12,
}  # fmt: skip
# Scales glued to the figure ("$5m", "3bn") or standing alone after a space.
_GLUED = ("k", "m", "mn", "bn", "b", "tn")
_CURRENCIES = "$£€₴₽¥"
_APPROXIMATE = (
    r"(?:about|around|roughly|some|nearly|almost|близько|майже|приблизно|около|почти|примерно)"
)

_SCALE_WORDS = "|".join(sorted((w for w in _SCALES if w not in _GLUED), key=len, reverse=True))
_NUMBER = r"\d+(?:[.,\u00a0\u202f ]\d+)*"
_AMOUNT = (
    rf"(?P<cur{{n}}>[{_CURRENCIES}])?\s?(?P<num{{n}}>{_NUMBER})"
    rf"(?:\s?[-–—]\s?[{_CURRENCIES}]?(?P<to{{n}}>{_NUMBER}))?"
    rf"(?:(?P<glued{{n}}>{'|'.join(sorted(_GLUED, key=len, reverse=True))})(?![\w])"
    rf"|\s?(?P<word{{n}}>{_SCALE_WORDS})\.?(?![\w]))?"
    rf"(?:\s?(?P<after{{n}}>[{_CURRENCIES}]))?"
)
_PAIR = re.compile(
    r"(?<![\w.,])" + _AMOUNT.format(n=1)
    + r"\s*\(\s*(?P<approx>" + _APPROXIMATE + r"\s+)?"
    + _AMOUNT.format(n=2) + r"\s*\)",
    re.IGNORECASE,
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Amount:
    low: Decimal
    high: Decimal | None
    scale: int | None
    currency: str | None
    step: Decimal  # half a unit of the last digit written, at scale

    def value(self, figure: Decimal) -> Decimal:
        return figure.scaleb(self.scale or 0)


def _figure(text: str, lang: Lang) -> tuple[Decimal, int] | None:
    """The figure and the exponent of its last digit ("3.45" → 3.45, -2)."""
    cleaned = re.sub(r"[\u00a0\u202f ]", "", text)
    if lang == "en":
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", cleaned):
            cleaned = cleaned.replace(",", "")
        elif "," in cleaned:
            return None
    else:
        cleaned = cleaned.replace(",", ".")
    if cleaned.count(".") > 1:
        return None
    try:
        figure = Decimal(cleaned)
    except InvalidOperation:
        return None
    exponent = figure.as_tuple().exponent
    return figure, int(exponent) if isinstance(exponent, int) else 0


def _amount(match: re.Match[str], n: int, lang: Lang) -> _Amount | None:
    low = _figure(match.group(f"num{n}"), lang)
    if low is None:
        return None
    high = None
    if match.group(f"to{n}"):
        upper = _figure(match.group(f"to{n}"), lang)
        if upper is None:
            return None
        high = upper[0]
    word = match.group(f"glued{n}") or match.group(f"word{n}")
    scale = _SCALES[word.casefold()] if word else None
    currency = match.group(f"cur{n}") or match.group(f"after{n}")
    step = Decimal(5).scaleb(low[1] - 1 + (scale or 0))
    return _Amount(low[0], high, scale, currency, step)


def _bare_letter(match: re.Match[str], n: int) -> bool:
    """A one-letter scale with no currency, or no scale at all."""
    glued = match.group(f"glued{n}")
    currency = match.group(f"cur{n}") or match.group(f"after{n}")
    if currency:
        return False
    return not match.group(f"word{n}") and (not glued or glued.casefold() in ("m", "b", "k"))


def _agree(a: _Amount, b: _Amount, approximate: bool) -> bool:
    pairs = [(a.low, b.low)]
    if a.high is not None and b.high is not None:
        pairs.append((a.high, b.high))
    fine, coarse = (a, b) if a.step <= b.step else (b, a)
    unit = 2 * coarse.step
    for x, y in pairs:
        first, second = a.value(x), b.value(y)
        if approximate:
            if abs(first - second) > APPROXIMATE_TOLERANCE * max(abs(first), abs(second)):
                return False
            continue
        precise, rounded = (first, second) if fine is a else (second, first)
        # The more precise figure, rounded (half up) to the other's last digit.
        if (precise / unit).quantize(Decimal(1), rounding=ROUND_HALF_UP) * unit != rounded:
            return False
    return True


class NumberRestatements:
    """Flags an amount whose restatement in parentheses gives another figure."""

    name = "numbers"

    def check(self, text: str, lang: Lang) -> list[Finding]:
        findings: list[Finding] = []
        for match in _PAIR.finditer(text):
            first, second = _amount(match, 1, lang), _amount(match, 2, lang)
            if first is None or second is None:
                continue
            if first.scale is None and second.scale is None:
                continue
            if _bare_letter(match, 1) and _bare_letter(match, 2):
                continue  # "5m (6m)": metres as likely as millions
            if (first.high is None) != (second.high is None):
                continue
            if first.currency and second.currency and first.currency != second.currency:
                continue
            if _agree(first, second, bool(match.group("approx"))):
                continue
            start, end = match.span("cur2") if match.group("cur2") else match.span("num2")
            end = max([end, *(match.end(g) for g in ("to2", "glued2", "word2")
                               if match.group(g))])
            findings.append(
                Finding(
                    rule=self.name,
                    message=(
                        f'"{match.group().split("(")[0].strip()}" and '
                        f'"{text[start:end]}" give different figures.'
                    ),
                    start=start,
                    end=end,
                    text=text[start:end],
                    severity=Severity.ERROR,
                )
            )
        return findings
