"""Ukrainian proofreading on real annotated text: UA-GEC (CC BY 4.0).

    .venv/bin/pip install 'ua-gec>=2.1,<3'      # the corpus ships inside the package
    .venv/bin/python bench/proofread/ukrainian.py [--zipf 2.5,2.0] [--slips] [--markdown]

UA-GEC has 1,872 real Ukrainian texts (essays, posts, stories, translations) by 492
writers, each with its corrections. Two figures:

- false findings per 1,000 words: every warning and error on the *corrected* texts
  (the annotators' final text) counts as false; the info notes (forms VESUM marks
  non-normative or of the older orthography, reported as notes, not misspellings)
  are counted in a column of their own, and in "all findings";
- recall on spelling errors: a correction marked ``error_type=Spelling`` in a *source*
  text counts as found when a finding of the ``spelling`` rule overlaps it. Reported for
  all of them and for the word-level ones (the corrected span is one word of 3+ letters
  and becomes another word: not the в/у, і/й euphony alternations, which UA-GEC also
  files under Spelling, nor hyphens, apostrophes or capitals).

Each figure is measured with the orthography variants off (the baseline), with the
2019 orthography (default) and with the Kharkiv one, in the same run. ``--zipf`` adds
runs with a lower word-frequency threshold for accepting unknown words (spelling's
``FREQUENT_ZIPF``, 3.0), as data for that choice. One annotator's version per text.

``--slips`` adds a recall figure UA-GEC's own corrections are too few for: one random
slip (plant.py's: two letters swapped, one dropped or doubled, a vowel changed) in
each of up to 25,000 distinct lowercase words of 5+ letters of the corrected texts
that uk_UA knows, when the slip is no word uk_UA knows; the share the spelling rule
flags. Every way of accepting a word built of known parts (prefixes, derivations) is
a way for a slip to pass: this is where it shows.
"""

from __future__ import annotations

import argparse
import os
import random
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from copydesk.proofread import Checker, Finding, orthography, spelling
from copydesk.proofread.finding import Severity

_WORD = re.compile(r"[^\W\d_]{3,}")
_EUPHONY = {"в", "у", "і", "й", "з", "із", "зі", "зо"}


@dataclass(frozen=True, slots=True)
class Text:
    source: str
    target: str
    spelling: tuple[tuple[int, int, bool], ...]  # start, end, word-level


def _word_level(source: str, correction: str) -> bool:
    words = source.strip()
    if not _WORD.fullmatch(words) or words.casefold() in _EUPHONY:
        return False
    fixed = correction.strip()
    return bool(_WORD.fullmatch(fixed)) and fixed.casefold() != words.casefold()


def load() -> tuple[list[Text], int]:
    from ua_gec import Corpus  # type: ignore[import-untyped]

    texts: list[Text] = []
    seen: set[str] = set()
    misaligned = 0
    for doc in Corpus(partition="all"):
        if doc.doc_id in seen:
            continue
        seen.add(doc.doc_id)
        source = doc.source
        spans: list[tuple[int, int, bool]] = []
        for ann in doc.annotated.get_annotations():
            if ann.meta.get("error_type") != "Spelling":
                continue
            if source[ann.start : ann.end] != ann.source_text:
                misaligned += 1
                continue
            fix = ann.suggestions[0] if ann.suggestions else ""
            spans.append((ann.start, ann.end, _word_level(ann.source_text, fix)))
        texts.append(Text(source, doc.target, tuple(spans)))
    return texts, misaligned


@contextmanager
def _variants(mode: str) -> Iterator[None]:
    saved_env = os.environ.get("COPYDESK_UK_ORTHOGRAPHY")
    saved_allowed = orthography.allowed
    if mode == "off":
        orthography.allowed = lambda *args, **kwargs: False  # type: ignore[assignment]
    else:
        os.environ["COPYDESK_UK_ORTHOGRAPHY"] = mode
    try:
        yield
    finally:
        orthography.allowed = saved_allowed  # type: ignore[assignment]
        if saved_env is None:
            os.environ.pop("COPYDESK_UK_ORTHOGRAPHY", None)
        else:
            os.environ["COPYDESK_UK_ORTHOGRAPHY"] = saved_env


def _overlaps(findings: list[Finding], start: int, end: int) -> bool:
    return any(f.start < end and start < f.end for f in findings)


def measure(texts: list[Text]) -> dict[str, float]:
    checker = Checker(suggest=False)
    words = 0
    false: Counter[str] = Counter()
    found = found_words = total = total_words = 0
    for text in texts:
        words += len(text.target.split())
        for finding in checker.check(text.target, "uk"):
            false["notes" if finding.severity is Severity.INFO else finding.rule] += 1
        if not text.spelling:
            continue
        hits = [f for f in checker.check(text.source, "uk") if f.rule == "spelling"]
        for start, end, word_level in text.spelling:
            hit = _overlaps(hits, start, end)
            total += 1
            found += hit
            if word_level:
                total_words += 1
                found_words += hit
    per_k = 1000 / words
    notes = false["notes"]
    return {
        "words": words,
        "findings_all": sum(false.values()) * per_k,
        "notes": notes * per_k,
        "false_all": (sum(false.values()) - notes) * per_k,
        "false_spelling": false["spelling"] * per_k,
        "false_typography": false["typography"] * per_k,
        "false_other": (
            sum(false.values()) - notes - false["spelling"] - false["typography"]
        ) * per_k,
        "recall": found / total if total else 0.0,
        "recall_words": found_words / total_words if total_words else 0.0,
        "spelling_total": total,
        "spelling_words": total_words,
    }


MAX_SLIPS = 25_000


def slips(texts: list[Text]) -> tuple[int, int]:
    """Slips flagged and slips tried (see ``--slips``), with the 2019 orthography."""
    from plant import _typo

    from copydesk.proofread.lexicon import lexicon

    vocabulary = sorted(
        {w for t in texts for w in _WORD.findall(t.target) if w.islower() and len(w) >= 5}
    )
    random.Random("slips").shuffle(vocabulary)
    known = lexicon("uk").known
    checker = spelling.Spelling(suggest=False)
    found = tried = 0
    for word in vocabulary[:MAX_SLIPS]:
        if not known(word):
            continue
        slip = _typo(word, "uk", random.Random(word))
        if slip == word or known(slip):
            continue
        tried += 1
        found += bool(checker.check(f"{slip}.", "uk"))
    return found, tried


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zipf", default="", help="extra FREQUENT_ZIPF values, e.g. 2.5,2.0")
    parser.add_argument("--slips", action="store_true", help="recall on random slips too")
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    texts, misaligned = load()
    runs: list[tuple[str, dict[str, float]]] = []
    for mode in ("off", "2019", "kharkiv"):
        spelling.clear_caches()
        with _variants(mode):
            runs.append((f"variants {mode}, Zipf {spelling.FREQUENT_ZIPF}", measure(texts)))
    default_zipf = spelling.FREQUENT_ZIPF
    for value in filter(None, args.zipf.split(",")):
        spelling.FREQUENT_ZIPF = float(value)
        spelling.clear_caches()
        with _variants("2019"):
            runs.append((f"variants 2019, Zipf {value}", measure(texts)))
    spelling.FREQUENT_ZIPF = default_zipf
    first = runs[0][1]
    print(
        f"UA-GEC: {len(texts)} texts, {int(first['words']):,} words in the corrected texts; "
        f"{int(first['spelling_total']):,} spelling corrections in the sources "
        f"({int(first['spelling_words']):,} word-level); {misaligned} misaligned skipped."
    )
    head = (
        "| run | false / 1,000 words | spelling | typography | other | notes (info) "
        "| all findings | recall, spelling | recall, word-level |"
    )
    print(head if args.markdown else head.replace("|", " ").strip())
    if args.markdown:
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, r in runs:
        cells = [
            name, f"{r['false_all']:.2f}", f"{r['false_spelling']:.2f}",
            f"{r['false_typography']:.2f}", f"{r['false_other']:.2f}", f"{r['notes']:.2f}",
            f"{r['findings_all']:.2f}", f"{r['recall']:.3f}", f"{r['recall_words']:.3f}",
        ]  # fmt: skip
        print("| " + " | ".join(cells) + " |" if args.markdown else "  ".join(cells))
    if args.slips:
        spelling.clear_caches()
        with _variants("2019"):
            found, tried = slips(texts)
        print(f"random slips flagged: {found:,} of {tried:,} ({found / tried:.4f})")


if __name__ == "__main__":
    main()
