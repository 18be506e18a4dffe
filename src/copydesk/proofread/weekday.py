"""Weekdays: a weekday that does not match the date beside it.

"Tuesday, December 3, 2026" (a Thursday), "on Tuesday (3 December)", "у вівторок,
3 грудня 2026 року", "во вторник, 3 декабря". The weekday must stand right before the
date (after a comma, a space or an opening parenthesis); a date without a year takes
the year that puts it within six months of the article's publication date
(``published``), and without either it is not checked. Ranges ("Friday, December
3–5") and impossible dates are left alone.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from copydesk.proofread.finding import Finding, Severity
from copydesk.proofread.rule import Lang

# Per language: weekday forms (Monday first), each in its written forms.
_WEEKDAYS: dict[Lang, tuple[tuple[str, ...], ...]] = {
    "en": (("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"),
           ("thursday", "thu", "thur", "thurs"), ("friday", "fri"), ("saturday", "sat"),
           ("sunday", "sun")),
    "uk": (("понеділок",), ("вівторок",), ("середа", "середу"), ("четвер",),
           ("п'ятниця", "п'ятницю", "п’ятниця", "п’ятницю", "пʼятниця", "пʼятницю"),
           ("субота", "суботу"), ("неділя", "неділю")),
    "ru": (("понедельник",), ("вторник",), ("среда", "среду"), ("четверг",),
           ("пятница", "пятницу"), ("суббота", "субботу"), ("воскресенье",)),
}  # fmt: skip
_MONTHS: dict[Lang, tuple[tuple[str, ...], ...]] = {
    "en": (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
           ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
           ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
           ("december", "dec")),
    "uk": (("січня",), ("лютого",), ("березня",), ("квітня",), ("травня",), ("червня",),
           ("липня",), ("серпня",), ("вересня",), ("жовтня",), ("листопада",),
           ("грудня",)),
    "ru": (("января",), ("февраля",), ("марта",), ("апреля",), ("мая",), ("июня",),
           ("июля",), ("августа",), ("сентября",), ("октября",), ("ноября",),
           ("декабря",)),
}  # fmt: skip
#: A date this far from the publication date takes the neighbouring year.
HALF_YEAR = timedelta(days=183)


def _alternation(forms: tuple[tuple[str, ...], ...]) -> str:
    words = sorted((word for group in forms for word in group), key=len, reverse=True)
    return "|".join(re.escape(word) for word in words)


def _pattern(lang: Lang) -> re.Pattern[str]:
    months = _alternation(_MONTHS[lang])

    def parts(n: int) -> tuple[str, str, str]:
        month = rf"(?P<month{n}>{months})\.?"
        day = rf"(?P<day{n}>\d{{1,2}})(?:st|nd|rd|th)?"
        year = rf"(?:,?\s+(?P<year{n}>\d{{4}})(?!\d))?"
        return day, month, year

    day, month, year = parts(1)
    day_month = rf"{day}\s+(?:of\s+)?{month}{year}"
    day, month, year = parts(2)
    month_day = rf"{month}\s+{day}{year}"
    numeric = r"(?P<day3>\d{1,2})\.(?P<month3>\d{1,2})\.(?P<year3>\d{4})"
    dates = f"{day_month}|{month_day}" if lang == "en" else f"{day_month}|{numeric}"
    weekday = rf"(?P<weekday>{_alternation(_WEEKDAYS[lang])})\.?"
    after = r"(?![\w\-–—]|\s*[\-–—]\s*\d)"
    return re.compile(
        rf"(?<![\w'’])(?:{weekday})(?:,\s*|\s+|\s*\(\s*)(?:{dates}){after}", re.IGNORECASE
    )


_PATTERNS: dict[Lang, re.Pattern[str]] = {}


def _compiled(lang: Lang) -> re.Pattern[str]:
    pattern = _PATTERNS.get(lang)
    if pattern is None:
        pattern = _PATTERNS[lang] = _pattern(lang)
    return pattern


def _index(word: str, table: tuple[tuple[str, ...], ...]) -> int:
    lower = word.casefold()
    return next(i for i, forms in enumerate(table) if lower in forms)


def _resolve(month: int, day: int, year: int | None, published: date | None) -> date | None:
    try:
        if year is not None:
            return date(year, month, day)
        if published is None:
            return None
        candidates = [date(published.year + shift, month, day) for shift in (-1, 0, 1)]
    except ValueError:
        return None
    return min(candidates, key=lambda candidate: abs(candidate - published))


def _suggestion(written: str, right: int, lang: Lang) -> str:
    table = _WEEKDAYS[lang]
    wrong = table[_index(written, table)]
    form = wrong.index(written.casefold())
    forms = table[right]
    if lang == "en":
        chosen = forms[0] if form == 0 else forms[min(1, len(forms) - 1)]
    else:
        # Same grammatical case where the weekday has one (середу, п'ятницю).
        accusative = len(wrong) > 1 and form % 2 == 1
        chosen = forms[1] if accusative and len(forms) > 1 else forms[0]
    if written.isupper() and len(written) > 1:
        return chosen.upper()
    return chosen.capitalize() if written[:1].isupper() else chosen


class Weekday:
    """Flags a weekday that does not match its date; ``published`` dates yearless ones."""

    name = "weekday"

    def __init__(self, published: date | None = None) -> None:
        self.published = published

    @staticmethod
    def _capitalised(groups: dict[str, str | None]) -> bool:
        """English weekdays and months are capitalised ("Friday may 5" is no date)."""
        return all(
            not value or value[0].isupper()
            for key, value in groups.items()
            if key == "weekday" or key in ("month1", "month2")
        )

    def check(self, text: str, lang: Lang) -> list[Finding]:
        findings: list[Finding] = []
        for match in _compiled(lang).finditer(text):
            groups = match.groupdict()
            if lang == "en" and not self._capitalised(groups):
                continue
            weekday_end = match.end("weekday")
            if text[weekday_end : weekday_end + 1] == "." and len(groups["weekday"] or "") > 4:
                continue  # "on Tuesday. December 3 is …": a sentence ends, no date follows
            n = next(n for n in "123" if groups.get(f"day{n}"))
            day = int(groups[f"day{n}"] or 0)
            written_month = groups.get(f"month{n}") or ""
            numeric = n == "3"
            month = int(written_month) if numeric else _index(written_month, _MONTHS[lang]) + 1
            year_text = groups.get(f"year{n}")
            year = int(year_text) if year_text else None
            when = _resolve(month, day, year, self.published)
            if when is None:
                continue
            written = _index(groups["weekday"], _WEEKDAYS[lang])
            if written == when.weekday():
                continue
            right = _suggestion(groups["weekday"], when.weekday(), lang)
            start, end = match.span("weekday")
            findings.append(
                Finding(
                    rule=self.name,
                    message=f"{when.isoformat()} is a "
                    f"{_WEEKDAYS['en'][when.weekday()][0].capitalize()}: "
                    f'"{right}", not "{match.group("weekday")}".',
                    start=start,
                    end=end,
                    text=text[start:end],
                    suggestions=(right,),
                    severity=Severity.ERROR,
                )
            )
        return findings
