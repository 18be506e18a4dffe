"""False findings on press copy: 15 Ukrainian and 20 English news stories.

    .venv/bin/python bench/proofread/press.py [--list]

The stories under bench/proofread/press/ were written for copydesk (the project's
licence) the way Ukrainian, British and American outlets write: front-line summaries,
overnight attacks, parliament, anti-corruption cases, the central bank, energy,
diplomacy, a city council, tech, culture, sport, pensions, exams, a court case, a
column. They carry what press copy carries and checkers trip on: names in every case,
front-line towns and their adjectives, abbreviations, numbers with suffixes
("2026-го"), brands, quotes, the vocabulary of the war since 2022 ("шахедів",
"павербанк"), three Ukrainian stories writing "росія" and "путін" in lower case as some
outlets do; British and American spelling, handles, prices, conversions, slang in
quotes. They are free of mistakes, so every warning and error is false. They were read
while the shipped word lists were built (a development set, not held-out text):
UA-GEC (ukrainian.py) and compare.py's texts are the held-out measurements.

Each story is checked with every default rule, the English ones in the variant their
folder names (the site's setting) and, in a second run, in the variant the text
shows. ``press/html/`` holds ten of the stories as article pages in five CMS styles
(WordPress, Drupal, Next.js, AMP, an old table layout: menus, tickers, "Читайте
також" boxes with » bullets, embedded posts, links glued to punctuation, &nbsp;,
&shy;, <br> inside a quotation, a footnote mark), read as ``copydesk check page.html``
reads a page (:func:`copydesk.proofread.extract.extract_text`): what the extraction
leaves must not raise findings either.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from copydesk.proofread import Checker
from copydesk.proofread.extract import extract_text
from copydesk.proofread.finding import Finding, Severity
from copydesk.proofread.rule import Lang
from copydesk.proofread.variants import Variant

PRESS = Path(__file__).resolve().parent / "press"
SETS: tuple[tuple[str, Lang, Variant | None], ...] = (
    ("uk", "uk", None),
    ("en-GB", "en", "en-GB"),
    ("en-US", "en", "en-US"),
    ("html/uk", "uk", None),
    ("html/en-US", "en", "en-US"),
)


def _words(text: str) -> int:
    return sum(any(char.isalnum() for char in token) for token in text.split())


def stories(folder: str) -> list[tuple[str, str]]:
    """The stories of ``folder`` ("uk", "en-GB", "html/uk"...) as copydesk reads them:
    the text files as they are, the pages through the article extraction."""
    here = PRESS / folder
    found = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(here.glob("*.txt"))]
    found += [(p.name, extract_text(p.read_bytes())) for p in sorted(here.glob("*.html"))]
    return found


def measure(folder: str, lang: Lang, variant: Variant | None, *, detected: bool = False
            ) -> tuple[int, list[tuple[str, Finding]], int]:
    """Words, the warnings and errors (with their story), and the info notes."""
    checker = Checker(suggest=False, variant=None if detected else variant)
    words = notes = 0
    false: list[tuple[str, Finding]] = []
    for name, text in stories(folder):
        words += _words(text)
        for finding in checker.check(text, lang):
            if finding.severity is Severity.INFO:
                notes += 1
            else:
                false.append((name, finding))
    return words, false, notes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--list", action="store_true", help="print every false finding")
    args = parser.parse_args()
    print("set                 words   false   per 1,000 words   notes (info)")
    for folder, lang, variant in SETS:
        runs = [(folder, False)] + ([(f"{folder} (detected)", True)] if variant else [])
        for label, detected in runs:
            words, false, notes = measure(folder, lang, variant, detected=detected)
            print(f"{label:<18}  {words:>5,}   {len(false):>5}   "
                  f"{1000 * len(false) / words:>15.2f}   {notes:>12}")
            if args.list:
                for name, finding in false:
                    print(f"    {name}: {finding.rule} {finding.text!r}: {finding.message}")


if __name__ == "__main__":
    main()
