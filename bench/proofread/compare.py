"""copydesk beside Harper (harper-py) on the same English text, in the same run.

    .venv/bin/python bench/proofread/compare.py [--passes N]

Clean text, never used to develop the rules (the evaluation sets, read from this
machine, nothing downloaded):

- American: the licences in /usr/share/common-licenses (GPL, LGPL, GFDL, Apache,
  Artistic, MPL; verbatim copying is permitted by each) and the prose of Python's
  tutorial, FAQ, HOWTOs and "Using Python" (Debian's ``python3-doc``, PSF License);
- British: the prose of PuTTY's manual (Debian's ``putty-doc``, by Simon Tatham and
  others, Expat licence), written in British spelling;

    apt-get install -y putty-doc python3-doc

"Prose" is every HTML paragraph (``<p>``) of five or more words with no code markup in
it (``<code>``, ``<pre>``) and not mostly links (tables of contents): what an article
body is. Two further lines, not in the totals: the prose of Python's reference
(``pydoc_data.topics``, indented code and lines the code's removal cut left out: code
names stay in the text, so it is the hardest of the sets) and the shipped development
corpus (13 British news stories the rules were written against).

The evaluation texts have real mistakes of their own, read and listed in
:data:`REAL_ERRORS` ("speciric" in Python's logging cookbook, "the the" and "this this"
in PuTTY's manual): a finding on one is not counted as false, for either checker, and
the line under the table says how many of them each found.

Real misspellings come from codespell's list of misspellings found in real text
(``codespell_lib/data/dictionary.txt``, CC BY-SA 3.0): one in every 40 words of the
clean texts that has an entry is replaced by one of its misspellings (seeded), keeping
only misspellings no English Hunspell dictionary knows. Recall is reported for all of
them and for those not on copydesk's own misspelling list.
"""

from __future__ import annotations

import argparse
import glob
import random
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from copydesk.proofread import Checker
from copydesk.proofread.finding import Severity
from copydesk.proofread.lexicon import ENGLISH_DICTIONARIES, Lexicon
from copydesk.proofread.misspellings import misspellings
from copydesk.proofread.spelling import preload

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "src" / "copydesk" / "proofread" / "data" / "corpus" / "clean" / "en"
LICENCES = ("GPL-3", "LGPL-2.1", "GFDL-1.3", "Apache-2.0", "Artistic", "MPL-2.0")
EVERY = 40
TOKEN = re.compile(r"\w+")
WORD = re.compile(r"(?<![\w'’-])[a-z]{3,}(?![\w'’-])")


# Mistakes in the evaluation texts themselves, found reading each finding: text name to
# the mistaken words and the words around them that find them there.
REAL_ERRORS: dict[str, tuple[tuple[str, str], ...]] = {
    "python/howto/logging-cookbook": (("speciric", "your speciric needs"),),
    "putty/AppendixH": (("this this", "support this this particular"),),
    "putty/Chapter4": (("the the", "however, the the SSH"),),
}


@dataclass
class Text:
    name: str
    dialect: str  # "en-US" or "en-GB"
    text: str


PYTHON_DOCS = ("tutorial", "faq", "howto", "using")


def american_set() -> list[Text]:
    texts = [
        Text(f"licence/{name}", "en-US", path.read_text(encoding="utf-8"))
        for name in LICENCES
        if (path := Path("/usr/share/common-licenses") / name).is_file()
    ]
    roots = sorted(glob.glob("/usr/share/doc/python3.*/html"))
    if not roots:
        raise SystemExit(
            "compare.py: Python's documentation is missing: apt-get install python3-doc"
        )
    for part in PYTHON_DOCS:
        for page in sorted(Path(roots[-1], part).glob("*.html")):
            texts.append(
                Text(f"python/{part}/{page.stem}", "en-US", prose(page, ".//div[@class='body']"))
            )
    return texts


def british_set() -> list[Text]:
    pages = sorted(Path("/usr/share/doc/putty-doc").glob("*.html"))
    if not pages:
        raise SystemExit("compare.py: PuTTY's manual is missing: apt-get install putty-doc")
    return [Text(f"putty/{page.stem}", "en-GB", prose(page, ".")) for page in pages]


def prose(page: Path, body: str) -> str:
    """The paragraphs of an HTML page with no code markup, not mostly links."""
    import lxml.html

    root = lxml.html.fromstring(page.read_bytes())
    paragraphs = []
    for container in root.findall(body) if body != "." else [root]:
        for element in container.iter("p"):
            if element.find(".//code") is not None or element.find(".//pre") is not None:
                continue
            text = " ".join(element.text_content().split())
            links = sum(len(a.text_content()) for a in element.iter("a"))
            if len(text.split()) >= 5 and links * 2 <= len(text):
                paragraphs.append(text)
    return "\n\n".join(paragraphs)


def reference_set() -> list[Text]:
    """Python's reference: technical American prose with code names left in it."""
    texts = []
    from pydoc_data.topics import topics

    for key in sorted(topics):
        prose = [
            line
            for line in topics[key].splitlines()
            if line.strip()
            and not line.startswith(("   ", "\t"))
            and not re.search(r"[=*]{3}", line)
            and _whole(line)
        ]
        if prose:
            texts.append(Text(f"python/{key}", "en-US", "\n".join(prose)))
    return texts


def _whole(line: str) -> bool:
    """A line that removing the code around it did not cut: brackets and quotes pair."""
    return (
        line.count("(") == line.count(")")
        and line.count("[") == line.count("]")
        and line.count('"') % 2 == 0
        and line.count("“") == line.count("”")
    )


def development_set() -> list[Text]:
    return [
        Text(f"dev/{p.stem}", "en-GB", p.read_text(encoding="utf-8"))
        for p in sorted(DEV.glob("*.txt"))
    ]


def real_misspellings() -> dict[str, list[str]]:
    """Correct word → its real misspellings (codespell), single lowercase words only."""
    source = resources.files("codespell_lib") / "data" / "dictionary.txt"
    known = [Lexicon("en", name).known for name in ENGLISH_DICTIONARIES.values()]
    table: dict[str, list[str]] = {}
    for line in source.read_text(encoding="utf-8").splitlines():
        wrong, _, rights = line.partition("->")
        right = rights.split(",")[0].strip()
        if "," in rights or not (wrong.isalpha() and wrong.islower() and right.isalpha()):
            continue
        if any(k(wrong) for k in known):
            continue
        table.setdefault(right, []).append(wrong)
    return table


def plant(
    texts: list[Text], table: dict[str, list[str]]
) -> list[tuple[Text, list[tuple[int, int, str]]]]:
    rng = random.Random("real-misspellings")
    planted = []
    for item in texts:
        pieces: list[str] = []
        labels: list[tuple[int, int, str]] = []
        last = 0
        length = 0
        count = 0
        for match in WORD.finditer(item.text):
            if match.group() not in table:
                continue
            count += 1
            if count % EVERY:
                continue
            wrong = rng.choice(table[match.group()])
            pieces.append(item.text[last : match.start()])
            length += match.start() - last
            labels.append((length, length + len(wrong), wrong))
            pieces.append(wrong)
            length += len(wrong)
            last = match.end()
        pieces.append(item.text[last:])
        planted.append((Text(item.name, item.dialect, "".join(pieces)), labels))
    return planted


def harper_linter(dialect: str) -> object:
    import harper

    kind = harper.Dialect.BRITISH if dialect == "en-GB" else harper.Dialect.AMERICAN
    return harper.Linter(dialect=kind)


Spans = list[tuple[int, int]]


def real_errors(item: Text) -> Spans:
    """The spans of :data:`REAL_ERRORS` in ``item`` (each must be found)."""
    spans: Spans = []
    for mistake, phrase in REAL_ERRORS.get(item.name, ()):
        at = item.text.find(phrase)
        if at < 0:
            raise SystemExit(f"{item.name}: {phrase!r} is no longer in the text")
        at += phrase.index(mistake)
        spans.append((at, at + len(mistake)))
    return spans


def false_spans(found: Spans, item: Text) -> Spans:
    errors = real_errors(item)
    return [(a, b) for a, b in found if not any(a < end and start < b for start, end in errors)]


def copydesk_spans(checker: Checker, item: Text, spelling_only: bool) -> Spans:
    found = checker.check(item.text, "en")
    return [
        (f.start, f.end)
        for f in found
        if f.severity is not Severity.INFO and (not spelling_only or f.rule == "spelling")
    ]


def harper_spans(linters: dict[str, object], item: Text, spelling_only: bool) -> Spans:
    lints = linters[item.dialect].lint(item.text)  # type: ignore[attr-defined]
    return [
        (lint.span.start, lint.span.end)
        for lint in lints
        if not spelling_only or lint.lint_kind in ("Spelling", "Typo")
    ]


def words(texts: list[Text]) -> int:
    return sum(len(t.text.split()) for t in texts)


def timed(passes: int, run: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(passes):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    preload("en")
    checker = Checker(suggest=False)
    linters = {d: harper_linter(d) for d in ("en-US", "en-GB")}
    american, british = american_set(), british_set()
    evaluation = american + british
    reference, development = reference_set(), development_set()

    print(
        "| text | words | copydesk findings | per 1,000 | Harper findings (spelling) | per 1,000 |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for label, texts in (
        ("evaluation, American", american),
        ("evaluation, British", british),
        ("evaluation, both", evaluation),
        ("Python reference (code names left in)", reference),
        ("development corpus (British news)", development),
    ):
        n = words(texts)
        ours = sum(len(false_spans(copydesk_spans(checker, t, False), t)) for t in texts)
        theirs_all = sum(len(false_spans(harper_spans(linters, t, False), t)) for t in texts)
        theirs = sum(len(false_spans(harper_spans(linters, t, True), t)) for t in texts)
        print(
            f"| {label} | {n} | {ours} | {1000 * ours / n:.2f} | {theirs_all} ({theirs}) "
            f"| {1000 * theirs_all / n:.2f} ({1000 * theirs / n:.2f}) |"
        )

    errors = sum(len(real_errors(t)) for t in evaluation)
    tools: dict[str, Callable[[Text], Spans]] = {
        "copydesk": lambda t: copydesk_spans(checker, t, False),
        "Harper": lambda t: harper_spans(linters, t, False),
    }
    found_by = {
        name: sum(
            any(a < end and start < b for a, b in spans(t))
            for t in evaluation
            for start, end in real_errors(t)
        )
        for name, spans in tools.items()
    }
    print()
    print(f"real mistakes in the evaluation texts (not counted as false): {errors}; "
          f"found by copydesk {found_by['copydesk']}, by Harper {found_by['Harper']}")

    table = real_misspellings()
    ours_list = set(misspellings("en"))
    planted = plant(evaluation, table)
    hits = {"copydesk": [0, 0], "Harper": [0, 0]}
    total = [0, 0]
    for item, labels in planted:
        spans = {
            "copydesk": copydesk_spans(checker, item, True),
            "Harper": harper_spans(linters, item, True),
        }
        for start, end, wrong in labels:
            unlisted = wrong not in ours_list
            total[0] += 1
            total[1] += unlisted
            for name, found in spans.items():
                hit = any(a < end and start < b for a, b in found)
                hits[name][0] += hit
                hits[name][1] += hit and unlisted
    print()
    print(
        f"real misspellings planted (codespell's list): {total[0]}, of them {total[1]} "
        "not on copydesk's own list"
    )
    for name, (found, unlisted) in hits.items():
        print(
            f"  {name:<9} recall {found / total[0]:.3f} ({found}/{total[0]}); "
            f"not on copydesk's list {unlisted / max(total[1], 1):.3f} ({unlisted}/{total[1]})"
        )

    texts = evaluation
    n = words(texts)
    ours_time = timed(
        args.passes, lambda: [Checker(suggest=False).check(t.text, "en") for t in texts]
    )
    theirs_time = timed(args.passes, lambda: [harper_spans(linters, t, False) for t in texts])
    base = timed(args.passes, lambda: [TOKEN.findall(t.text) for t in texts])
    print()
    print(f"speed over {n} words, one core (best of {args.passes}):")
    print(f"  copydesk, all rules, no suggestions: {n / ours_time:>12,.0f} words/s")
    print(f"  Harper, all lints:                   {n / theirs_time:>12,.0f} words/s")
    print(f"  baseline regex tokenisation:         {n / base:>12,.0f} words/s")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    raise SystemExit(main())
