"""Re-anchoring: accuracy on the labelled cases, and speed on a long article.

    .venv/bin/python bench/anchoring/run.py [--repeat N]

Accuracy: per state, precision and recall over ``cases.py`` (a result counts as right
when its state is the label's and, unless orphaned, its range meets the expected one);
"wrong place" counts results that point somewhere the passage is not (must be 0).

Speed: 200 open groups re-anchored in a new version of a 10,000-word article (a line
added at the top, 20 quotes fixed, 5 paragraphs deleted, 3 moved), against a baseline
measured in the same run: plain ``str.find`` of each quote in the same new text.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cases import CASES, CONTEXT, Case, doc, paragraphs

from copydesk.anchoring import Anchor, Selector, State, reanchor, reanchor_all


def selector(case: Case) -> Selector:
    start, end = case.span()
    return Selector(
        exact=case.exact,
        prefix=case.old[max(0, start - CONTEXT) : start],
        suffix=case.old[end : end + CONTEXT],
        start=start,
        end=end,
        suggestion=case.suggestion,
    )


def right_place(case: Case, anchor: Anchor) -> bool:
    expected = case.expected_span()
    if anchor.start is None or anchor.end is None:
        return expected is None
    if expected is None:
        return False
    return anchor.start <= expected[1] and expected[0] <= anchor.end


def accuracy() -> int:
    predicted: Counter[str] = Counter()
    labelled: Counter[str] = Counter()
    right: Counter[str] = Counter()
    wrong_place = 0
    misses: list[str] = []
    for case in CASES:
        anchor = reanchor(selector(case), case.new)
        labelled[case.expected] += 1
        predicted[anchor.state] += 1
        placed = right_place(case, anchor)
        if anchor.start is not None and not placed:
            wrong_place += 1
        if anchor.state == case.expected and placed:
            right[case.expected] += 1
        else:
            where = "" if anchor.start is None else f" at {case.new[anchor.start:anchor.end]!r}"
            misses.append(
                f"  {case.name}: expected {case.expected}, got {anchor.state}"
                f" ({anchor.strategy}, {anchor.score}){where}"
            )
    print(f"labelled cases: {len(CASES)}")
    print(f"{'state':<12}{'cases':>7}{'predicted':>11}{'precision':>11}{'recall':>8}")
    for state in State:
        n, p, r = labelled[state], predicted[state], right[state]
        precision = f"{r / p:.2f}" if p else "-"
        recall = f"{r / n:.2f}" if n else "-"
        print(f"{state.value:<12}{n:>7}{p:>11}{precision:>11}{recall:>8}")
    total = sum(right.values())
    print(f"correct: {total}/{len(CASES)}   wrong-place anchors: {wrong_place}")
    if misses:
        print("not as labelled:")
        print("\n".join(misses))
    return wrong_place


def long_article(words: int = 10_000, seed: int = 7) -> str:
    rng = random.Random(seed)
    vocabulary = sorted({w for case in CASES for w in case.old.split()})
    parts: list[str] = []
    count = 0
    while count < words:
        n = rng.randint(40, 120)
        sentence = " ".join(rng.choice(vocabulary) for _ in range(n))
        parts.append(sentence)
        count += n
    return doc("A long article about the city", *parts)


def workload(groups: int = 200, seed: int = 11) -> tuple[str, list[Selector]]:
    rng = random.Random(seed)
    old = long_article()
    selectors: list[Selector] = []
    fixes: list[tuple[str, str]] = []
    for i in range(groups):
        start = rng.randrange(100, len(old) - 200)
        start = old.rfind(" ", 0, start) + 1
        end = start
        for _ in range(rng.randint(1, 4)):
            end = old.index(" ", end + 1)
        exact = old[start:end]
        suggestion = exact.upper() if i % 10 == 0 else ""
        if suggestion:
            before = old[max(0, start - 5) : start]
            fixes.append((before + exact, before + suggestion))
        selectors.append(
            Selector(exact, old[max(0, start - CONTEXT) : start], old[end : end + CONTEXT],
                     start, end, suggestion)
        )
    new = old
    for before, after in fixes:
        new = new.replace(before, after, 1)
    parts = paragraphs(new)
    for _ in range(5):
        del parts[rng.randrange(2, len(parts))]
    for _ in range(3):
        parts.insert(rng.randrange(2, len(parts)), parts.pop(rng.randrange(2, len(parts))))
    parts.insert(1, "Update: this article has been corrected. " * 3)
    return doc(*parts), selectors


def best_ms(run: object, repeat: int) -> float:
    assert callable(run)
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        times.append(time.perf_counter() - began)
    return min(times) * 1000


def speed(repeat: int) -> None:
    new, selectors = workload()
    words = len(new.split())
    anchors = reanchor_all(selectors, new)
    states = Counter(a.state.value for a in anchors)
    baseline = best_ms(lambda: [new.find(s.exact) for s in selectors], repeat)
    measured = best_ms(lambda: reanchor_all(selectors, new), repeat)
    same_old = long_article()
    unchanged = best_ms(lambda: reanchor_all(selectors, same_old), repeat)
    find_old = best_ms(lambda: [same_old.find(s.exact) for s in selectors], repeat)
    print(f"\nspeed: {len(selectors)} groups, {words:,}-word article, best of {repeat}")
    print(f"{'run':<36}{'ms':>10}{'x baseline':>12}")
    print(f"{'baseline: str.find of each quote':<36}{baseline:>10.2f}{1:>12.1f}")
    print(f"{'reanchor_all, edited version':<36}{measured:>10.2f}{measured / baseline:>12.1f}")
    print(f"{'baseline, same text':<36}{find_old:>10.2f}{1:>12.1f}")
    print(f"{'reanchor_all, same text':<36}{unchanged:>10.2f}{unchanged / find_old:>12.1f}")
    found = ", ".join(f"{k} {v}" for k, v in sorted(states.items()))
    print(f"states in the edited version: {found}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    wrong = accuracy()
    speed(args.repeat)
    sys.exit(1 if wrong else 0)


if __name__ == "__main__":
    main()
