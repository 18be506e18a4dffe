"""Precision, recall, false alarms and speed of the proofreading rules.

    .venv/bin/python bench/proofread/run.py [--passes N] [--markdown]

Accuracy comes from the labelled corpus shipped in copydesk.proofread (clean texts
and the same texts with planted mistakes, see plant.py). A finding counts as correct
when it overlaps a planted mistake of its own rule; every other finding is false.
Speed is words per second on one core for all rules without spelling suggestions,
measured in the same run as a baseline: a plain regex tokenisation of the same texts.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from collections import Counter
from pathlib import Path

from copydesk.proofread import RULE_NAMES, Checker, Finding
from copydesk.proofread.lexicon import lexicon
from copydesk.proofread.rule import LANGS, Lang
from copydesk.proofread.spelling import clear_caches, preload

CORPUS = Path(__file__).resolve().parents[2] / "src" / "copydesk" / "proofread" / "data" / "corpus"
TOKEN = re.compile(r"\w+")


def load_clean() -> list[tuple[Lang, str, str]]:
    texts: list[tuple[Lang, str, str]] = []
    for lang in LANGS:
        for path in sorted((CORPUS / "clean" / lang).glob("*.txt")):
            texts.append((lang, f"{lang}/{path.stem}", path.read_text(encoding="utf-8")))
    return texts


def load_planted() -> list[dict[str, object]]:
    lines = (CORPUS / "planted.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line]


def words(text: str) -> int:
    return len(text.split())


def overlaps(finding: Finding, label: dict[str, object]) -> bool:
    start, end = int(label["start"]), int(label["end"])  # type: ignore[call-overload]
    return finding.rule == label["rule"] and finding.start < end and start < finding.end


def accuracy(checker: Checker, planted: list[dict[str, object]]) -> dict[str, Counter[str]]:
    stats: dict[str, Counter[str]] = {rule: Counter() for rule in RULE_NAMES}
    for variant in planted:
        text, lang = str(variant["text"]), variant["lang"]
        labels: list[dict[str, object]] = variant["mistakes"]  # type: ignore[assignment]
        findings = checker.check(text, lang)  # type: ignore[arg-type]
        for finding in findings:
            hit = any(overlaps(finding, label) for label in labels)
            stats[finding.rule]["tp" if hit else "fp"] += 1
        for label in labels:
            rule = str(label["rule"])
            stats[rule]["planted"] += 1
            stats[rule][f"planted_{lang}"] += 1
            if any(overlaps(finding, label) for finding in findings):
                stats[rule]["found"] += 1
                stats[rule][f"found_{lang}"] += 1
    return stats


def exhaustive_typos(clean: list[tuple[Lang, str, str]]) -> dict[str, tuple[int, int]]:
    """One random single-letter slip in every distinct lowercase word of 5+ letters."""
    from plant import _typo

    from copydesk.proofread.spelling import Spelling

    results: dict[str, tuple[int, int]] = {}
    for lang in LANGS:
        vocabulary = sorted(
            {
                word
                for text_lang, _, text in clean
                if text_lang == lang
                for word in re.findall(r"[^\W\d_]+", text)
                if word.islower() and len(word) >= 5
            }
        )
        rng = random.Random(f"exhaustive/{lang}")
        spelling = Spelling(suggest=False)
        words = lexicon(lang)
        tried = found = 0
        for word in vocabulary:
            typo = _typo(word, lang, rng)
            if typo == word or words.known(typo):
                continue
            tried += 1
            found += bool(spelling.check(f"{typo}.", lang))
        results[lang] = (found, tried)
    return results


def timed(passes: int, run: object) -> float:
    best = float("inf")
    for _ in range(passes):
        started = time.perf_counter()
        run()  # type: ignore[operator]
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=5, help="timed passes (best is kept)")
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    args = parser.parse_args()

    clean = load_clean()
    planted = load_planted()
    started = time.perf_counter()
    for lang in LANGS:
        preload(lang)
        Checker(suggest=False).check("It is 5 km (3 miles) away.", lang)
    load_seconds = time.perf_counter() - started

    checker = Checker(suggest=False)
    stats = accuracy(checker, planted)

    clean_words = {lang: 0 for lang in LANGS}
    clean_false: list[tuple[str, Finding]] = []
    for lang, name, text in clean:
        clean_words[lang] += words(text)
        clean_false.extend((name, finding) for finding in checker.check(text, lang))
    false_by_lang = Counter(name.split("/")[0] for name, _ in clean_false)

    total_words = sum(words(text) for _, _, text in clean)

    def run_checker() -> None:
        fresh = Checker(suggest=False)
        for lang, _, text in clean:
            fresh.check(text, lang)

    def run_baseline() -> None:
        for _, _, text in clean:
            TOKEN.findall(text)

    clear_caches()
    started = time.perf_counter()
    run_checker()
    cold = time.perf_counter() - started
    warm = timed(args.passes, run_checker)
    baseline = timed(args.passes, run_baseline)

    bar = "|" if args.markdown else " "
    print(
        f"{bar} rule       {bar} planted {bar} found {bar} recall {bar} findings {bar} false "
        f"{bar} precision {bar}"
    )
    if args.markdown:
        print("|---|---:|---:|---:|---:|---:|---:|")
    for rule in RULE_NAMES:
        s = stats[rule]
        recall = s["found"] / s["planted"] if s["planted"] else float("nan")
        findings = s["tp"] + s["fp"]
        precision = s["tp"] / findings if findings else float("nan")
        print(
            f"{bar} {rule:<10} {bar} {s['planted']:>7} {bar} {s['found']:>5} {bar} {recall:>6.3f} "
            f"{bar} {findings:>8} {bar} {s['fp']:>5} {bar} {precision:>9.3f} {bar}"
        )
    print()
    for rule in RULE_NAMES:
        s = stats[rule]
        parts = [f"{lang} {s[f'found_{lang}']}/{s[f'planted_{lang}']}" for lang in LANGS]
        print(f"recall by language, {rule}: {', '.join(parts)}")
    print()
    for lang, (found, tried) in exhaustive_typos(clean).items():
        print(
            f"spelling, one random slip in each distinct lowercase word, {lang}: "
            f"{found}/{tried} found ({found / tried:.3f})"
        )
    print()
    for lang in LANGS:
        per_k = 1000 * false_by_lang[lang] / clean_words[lang]
        print(
            f"clean text, {lang}: {clean_words[lang]} words, {false_by_lang[lang]} findings, "
            f"{per_k:.2f} per 1,000 words"
        )
    all_per_k = 1000 * len(clean_false) / total_words
    print(
        f"clean text, all: {total_words} words, {len(clean_false)} findings, "
        f"{all_per_k:.2f} per 1,000 words"
    )
    for name, finding in clean_false:
        print(f"  false alarm in {name}: {finding.rule} {finding.text!r} ({finding.message})")
    print()
    print(f"speed over {total_words} words (all rules, no suggestions, one core):")
    print(f"  dictionaries and data loaded once in {load_seconds:.2f} s")
    print(f"  first pass, per-word caches empty: {total_words / cold:>12,.0f} words/s")
    print(f"  steady state (best of {args.passes}):        {total_words / warm:>12,.0f} words/s")
    print(f"  baseline regex tokenisation:       {total_words / baseline:>12,.0f} words/s")
    print(
        f"  checker takes {warm / baseline:.0f}x the baseline's time "
        f"(first pass {cold / baseline:.0f}x)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
