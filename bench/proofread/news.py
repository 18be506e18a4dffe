"""Precision and recall of the news checks: ``names``, ``weekday``, ``numbers``.

    .venv/bin/python bench/proofread/news.py [--no-uagec]

Clean text: the shipped clean corpus (en, uk, ru), the licences in
/usr/share/common-licenses (en) and, when ua-gec is installed, UA-GEC's corrected
texts (uk). Every finding there is false. Planted cases, derived deterministically
from the clean texts:

- names: in each text, the last occurrence of a capitalised word written 2+ times
  that is not a dictionary word gets two inner letters swapped;
- weekday: a sentence with a date and a wrong weekday, and one with the right
  weekday (a trap), added to each text; half the dates with a year, half taking the
  publication date's;
- numbers: a restatement that disagrees ("$5m ($6 million)") and one that agrees
  ("£3bn (£3 billion)", a trap), added to each text.

A finding is correct when it overlaps a planted mistake of its own rule.
"""

from __future__ import annotations

import argparse
import random
import re
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from copydesk.proofread.finding import Finding
from copydesk.proofread.lexicon import lexicon
from copydesk.proofread.names import Names
from copydesk.proofread.numbers import NumberRestatements
from copydesk.proofread.rule import LANGS, Lang, Rule
from copydesk.proofread.weekday import Weekday

CORPUS = Path(__file__).resolve().parents[2] / "src" / "copydesk" / "proofread" / "data" / "corpus"
LICENCES = Path("/usr/share/common-licenses")
PUBLISHED = date(2026, 11, 20)
_CAPITALISED = re.compile(r"\b[A-ZА-ЯІЇЄҐ][a-zа-яіїєґ']{4,}\b")

_WEEKDAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "uk": ["понеділок", "вівторок", "середу", "четвер", "п'ятницю", "суботу", "неділю"],
    "ru": ["понедельник", "вторник", "среду", "четверг", "пятницу", "субботу", "воскресенье"],
}
_MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "uk": [
        "січня",
        "лютого",
        "березня",
        "квітня",
        "травня",
        "червня",
        "липня",
        "серпня",
        "вересня",
        "жовтня",
        "листопада",
        "грудня",
    ],
    "ru": [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ],
}
_NUMBERS = {
    "en": ("The plan cost $5m ($6 million) in all.", "It raised £3bn (£3 billion)."),
    "uk": ("Проєкт коштував 5 млн (6 мільйонів) гривень.", "Зібрали 3 млрд (3 мільярди)."),
    "ru": ("Проект стоил 5 млн (6 миллионов) рублей.", "Собрали 3 млрд (3 миллиарда)."),
}

Label = tuple[str, int, int]


def clean_texts(uagec: bool) -> list[tuple[Lang, str]]:
    texts: list[tuple[Lang, str]] = []
    for lang in LANGS:
        for path in sorted((CORPUS / "clean" / lang).glob("*.txt")):
            texts.append((lang, path.read_text(encoding="utf-8")))
    for name in ("GPL-3", "Apache-2.0", "GFDL-1.3", "Artistic"):
        if (LICENCES / name).is_file():
            texts.append(("en", (LICENCES / name).read_text(encoding="utf-8")))
    if uagec:
        from ua_gec import Corpus  # type: ignore[import-untyped]

        seen: set[str] = set()
        for doc in Corpus(partition="all"):
            if doc.doc_id not in seen:
                seen.add(doc.doc_id)
                texts.append(("uk", doc.target))
    return texts


def _swap(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def plant_name(lang: Lang, text: str, rng: random.Random) -> tuple[str, list[Label]] | None:
    counts = Counter(_CAPITALISED.findall(text))
    words = lexicon(lang)
    names = sorted(w for w, n in counts.items() if n >= 2 and not words.known(w.casefold()))
    if not names:
        return None
    name = rng.choice(names)
    wrong = _swap(name, rng)
    if wrong == name or words.known(wrong):
        return None
    start = text.rindex(name)
    return text[:start] + wrong + text[start + len(name) :], [("names", start, start + len(wrong))]


def _sentence(lang: Lang, when: date, weekday: int, year: bool) -> tuple[str, int, int]:
    day = _WEEKDAYS[lang][weekday]
    month = _MONTHS[lang][when.month - 1]
    if lang == "en":
        tail = f", {when.year}" if year else ""
        head = "The hearing is on "
        body = f"{day}, {month} {when.day}{tail}."
    else:
        tail = f" {when.year} року" if lang == "uk" and year else f" {when.year} года" * year
        head = "Засідання призначили на " if lang == "uk" else "Заседание назначили на "
        body = f"{day}, {when.day} {month}{tail}."
    return head + body, len(head), len(head) + len(day)


def plant_weekday(lang: Lang, text: str, rng: random.Random) -> tuple[str, list[Label]]:
    when = PUBLISHED + timedelta(days=rng.randrange(-150, 150))
    year = rng.random() < 0.5
    wrong = (when.weekday() + rng.randrange(1, 7)) % 7
    bad, start, end = _sentence(lang, when, wrong, year)
    good, _, _ = _sentence(lang, when, when.weekday(), not year)
    offset = len(text) + 2
    return f"{text}\n\n{bad} {good}", [("weekday", offset + start, offset + end)]


def plant_numbers(lang: Lang, text: str) -> tuple[str, list[Label]]:
    bad, good = _NUMBERS[lang]
    offset = len(text) + 2
    start = bad.index("(") + 1
    end = bad.index(")")
    return f"{text}\n\n{bad} {good}", [("numbers", offset + start, offset + end)]


def _overlaps(finding: Finding, label: Label) -> bool:
    return finding.rule == label[0] and finding.start < label[2] and label[1] < finding.end


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-uagec", action="store_true", help="without UA-GEC's texts")
    args = parser.parse_args()
    rules: list[Rule] = [Names(), Weekday(published=PUBLISHED), NumberRestatements()]
    clean = clean_texts(not args.no_uagec)
    stats: dict[str, Counter[str]] = {rule.name: Counter() for rule in rules}
    words = Counter[str]()
    for index, (lang, text) in enumerate(clean):
        words[lang] += len(text.split())
        rng = random.Random(index)
        for rule in rules:
            stats[rule.name]["clean_false"] += len(rule.check(text, lang))
        planted: list[tuple[str, tuple[str, list[Label]] | None]] = [
            ("names", plant_name(lang, text, rng)),
            ("weekday", plant_weekday(lang, text, rng)),
            ("numbers", plant_numbers(lang, text)),
        ]
        for rule in rules:
            variant = dict(planted)[rule.name]
            if variant is None:
                continue
            changed, labels = variant
            found = rule.check(changed, lang)
            stats[rule.name]["planted"] += len(labels)
            stats[rule.name]["found"] += sum(
                any(_overlaps(f, label) for f in found) for label in labels
            )
            for finding in found:
                hit = any(_overlaps(finding, label) for label in labels)
                stats[rule.name]["tp" if hit else "fp"] += 1
    total = sum(words.values())
    print(f"Clean text: {len(clean)} texts, {total:,} words ({dict(words)}).")
    print("rule      planted found recall  findings false precision  clean false/1,000 words")
    for name, s in stats.items():
        # Each variant holds its whole clean text: its false findings are counted once.
        findings = s["tp"] + s["fp"]
        false = s["fp"]
        precision = s["tp"] / findings if findings else 1.0
        recall = s["found"] / s["planted"] if s["planted"] else 0.0
        print(
            f"{name:9} {s['planted']:7} {s['found']:5} {recall:6.3f}  {findings:8} {false:5} "
            f"{precision:9.3f}  {s['clean_false']:5} {1000 * s['clean_false'] / total:.3f}"
        )


if __name__ == "__main__":
    main()
