"""Plant mistakes of every class into the clean corpus, deterministically.

Reads ``src/copydesk/proofread/data/corpus/clean/<lang>/*.txt`` and writes
``src/copydesk/proofread/data/corpus/planted.jsonl``: one JSON object a line with the
text, its language and the planted mistakes (rule, start, end, text). Run it again
after changing a clean text:

    .venv/bin/python bench/proofread/plant.py
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from copydesk.proofread.lexicon import lexicon
from copydesk.proofread.misspellings import misspellings

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "src" / "copydesk" / "proofread" / "data" / "corpus"
VARIANTS = {"en": 2, "uk": 3, "ru": 3}
PER_VARIANT = 3
MIN_DISTANCE = 60
CLASSES = ("doubled", "collisions", "units", "spelling", "typography")

WORD = re.compile(r"(?<![\w'’-])[^\W\d_]+(?![\w'’-])")
LEGIT_DOUBLES = {"that", "had", "do", "is", "so", "no", "very", "really", "many", "well"}
COLLIDE: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("into", "to"),
        ("onto", "to"),
        ("the", "a"),
        ("a", "the"),
        ("an", "the"),
        ("the", "an"),
        ("for", "of"),
        ("the", "their"),
        ("their", "the"),
        ("the", "his"),
        ("his", "the"),
        ("the", "of"),
        ("the", "its"),
        ("the", "our"),
    ],
    "uk": [("в", "у"), ("у", "в"), ("на", "в"), ("з", "із"), ("і", "й"), ("до", "у")],
    "ru": [("в", "на"), ("на", "в"), ("с", "со"), ("к", "ко"), ("о", "об"), ("в", "во")],
}
MODAL_HAVE = re.compile(r"\b(could|should|would|must|might) have\b")
VOWELS = {"en": "aeiou", "uk": "аеиіоуяюєї", "ru": "аеиоуыэюя"}
CONVERSION = re.compile(
    r"(?P<before>[−-]?\d[\d,.]*)[^()\d]{0,30}\((?:about |близько |около )?"
    r"(?P<num>[−-]?\d[\d,.]*)(?P<rest>[^()]{0,30})\)"
)


@dataclass
class Mistake:
    rule: str
    start: int
    end: int

    def moved(self, at: int, delta: int) -> Mistake:
        if self.start >= at:
            return Mistake(self.rule, self.start + delta, self.end + delta)
        if self.end > at:
            return Mistake(self.rule, self.start, self.end + delta)
        return self


@dataclass
class Edit:
    start: int
    end: int
    replacement: str
    label: tuple[int, int]  # in the edited text


Planter = Callable[[str, str, random.Random], list[Edit]]


def _words(text: str) -> list[re.Match[str]]:
    return list(WORD.finditer(text))


def doubled(text: str, lang: str, rng: random.Random) -> list[Edit]:
    edits = []
    for match in _words(text):
        word = match.group()
        if not word.islower() or word in LEGIT_DOUBLES:
            continue
        gap = "\n" if rng.random() < 0.2 else " "
        edits.append(
            Edit(match.end(), match.end(), gap + word, (match.start(), match.end() + 1 + len(word)))
        )
    return edits


def collisions(text: str, lang: str, rng: random.Random) -> list[Edit]:
    edits = []
    words = _words(text)
    for index, match in enumerate(words[:-1]):
        following = words[index + 1]
        if text[match.end() : following.start()] != " ":
            continue
        for first, second in COLLIDE[lang]:
            if match.group() == first:
                edits.append(
                    Edit(
                        match.end(),
                        match.end(),
                        " " + second,
                        (match.start(), match.end() + 1 + len(second)),
                    )
                )
    if lang == "en":
        for match in MODAL_HAVE.finditer(text):
            start = match.end() - len("have")
            edits.append(Edit(start, match.end(), "of", (match.start(), start + 2)))
    return edits


def _reformat(value: float, like: str) -> str:
    decimal_comma = re.search(r",\d{1,2}$", like) is not None
    decimals = len(re.split(r"[.,]", like)[-1]) if re.search(r"[.,]\d{1,2}$", like) else 0
    body = f"{abs(value):.{decimals}f}"
    if decimal_comma:
        body = body.replace(".", ",")
    elif "," in like:
        body = f"{abs(value):,.{decimals}f}"
    return ("-" if value < 0 else "") + body


def _number(raw: str) -> float:
    raw = raw.replace("−", "-")
    if re.search(r",\d{1,2}$", raw):
        raw = raw.replace(".", "").replace(",", ".")
    return float(raw.replace(",", ""))


def units(text: str, lang: str, rng: random.Random) -> list[Edit]:
    edits = []
    for match in CONVERSION.finditer(text):
        before, written = match.group("before"), match.group("num")
        given, value = _number(before), _number(written)
        if abs(given - value) > 0.25 * max(abs(value), 1.0) and rng.random() < 0.5:
            new = before  # the classic slip: the figure copied, not converted
        else:
            new = _reformat(value * 2 if value else 5.0, written)
        start, end = match.span("num")
        label_end = match.end("rest") - len(written) + len(new)
        edits.append(Edit(start, end, new, (start, label_end)))
    return edits


def _typo(word: str, lang: str, rng: random.Random) -> str:
    chars = list(word)
    operation = rng.choice(["swap", "drop", "double", "vowel"])
    i = rng.randrange(1, len(chars) - 2)
    if operation == "swap":
        chars[i], chars[i + 1] = chars[i + 1], chars[i]
    elif operation == "drop":
        del chars[i]
    elif operation == "double":
        chars.insert(i, chars[i])
    else:
        spots = [j for j, c in enumerate(chars) if c in VOWELS[lang] and j > 0]
        if not spots:
            return word
        j = rng.choice(spots)
        chars[j] = rng.choice([v for v in VOWELS[lang] if v != chars[j]])
    return "".join(chars)


def spelling(text: str, lang: str, rng: random.Random) -> list[Edit]:
    edits = []
    wrong_for = {}
    for wrong, right in misspellings(lang).items():
        wrong_for.setdefault(right, wrong)
    words = lexicon(lang)
    for match in _words(text):
        word = match.group()
        if not word.islower():
            continue
        if word in wrong_for and rng.random() < 0.5:
            new = wrong_for[word]
        elif len(word) >= 5:
            new = _typo(word, lang, rng)
        else:
            continue
        if new == word or words.known(new):
            continue
        edits.append(
            Edit(match.start(), match.end(), new, (match.start(), match.start() + len(new)))
        )
    return edits


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in re.finditer(r"\n\s*\n", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def typography(text: str, lang: str, rng: random.Random) -> list[Edit]:
    """One kind of slip per call, chosen at random among those the text allows."""
    spacing: list[Edit] = []
    repeated: list[Edit] = []
    for match in re.finditer(r"(?<=[^\W\d_])([,.])(?= [^\W\d_])", text):
        mark = match.group(1)
        spacing.append(Edit(match.start(), match.start(), " ", (match.start(), match.end() + 1)))
        repeated.append(Edit(match.end(), match.end(), mark, (match.start(), match.end() + 1)))
    brackets: list[Edit] = []
    quotes: list[Edit] = []
    spans = _paragraphs(text)
    for index, (start, end) in enumerate(spans):
        following = text[spans[index + 1][0] :].lstrip()[:1] if index + 1 < len(spans) else ""
        if following in {'"', "«", "“", "„"}:
            continue
        paragraph = text[start:end]
        for match in re.finditer(r"\(([^()]*)\)", paragraph):
            close = start + match.end() - 1
            brackets.append(Edit(close, close + 1, "", (start + match.start(), close)))
        for opener, closer in (('"', '"'), ("«", "»"), ("“", "”")):
            pattern = re.escape(opener) + r"[^\"«»“”]*" + re.escape(closer)
            for match in re.finditer(pattern, paragraph):
                close = start + match.end() - 1
                quotes.append(Edit(close, close + 1, "", (start + match.start(), end)))
    kinds = [kind for kind in (spacing, repeated, brackets, quotes) if kind]
    return rng.choice(kinds) if kinds else []


PLANTERS: dict[str, Planter] = {
    "doubled": doubled,
    "collisions": collisions,
    "units": units,
    "spelling": spelling,
    "typography": typography,
}


def plant(text: str, lang: str, rule: str, rng: random.Random) -> tuple[str, list[Mistake]]:
    mistakes: list[Mistake] = []
    for _ in range(PER_VARIANT):
        candidates = [
            edit
            for edit in PLANTERS[rule](text, lang, rng)
            if all(
                not m.start - MIN_DISTANCE <= edit.start <= m.end + MIN_DISTANCE for m in mistakes
            )
        ]
        if not candidates:
            break
        edit = rng.choice(candidates)
        delta = len(edit.replacement) - (edit.end - edit.start)
        text = text[: edit.start] + edit.replacement + text[edit.end :]
        mistakes = [m.moved(edit.end, delta) for m in mistakes]
        mistakes.append(Mistake(rule, *edit.label))
    return text, sorted(mistakes, key=lambda m: m.start)


def main() -> int:
    out = CORPUS / "planted.jsonl"
    lines = []
    for lang in ("en", "uk", "ru"):
        for path in sorted((CORPUS / "clean" / lang).glob("*.txt")):
            clean = path.read_text(encoding="utf-8")
            for rule in CLASSES:
                for variant in range(VARIANTS[lang]):
                    rng = random.Random(f"{lang}/{path.stem}/{rule}/{variant}")
                    text, mistakes = plant(clean, lang, rule, rng)
                    if not mistakes:
                        continue
                    lines.append(
                        json.dumps(
                            {
                                "id": f"{lang}/{path.stem}/{rule}/{variant}",
                                "lang": lang,
                                "class": rule,
                                "text": text,
                                "mistakes": [
                                    {
                                        "rule": m.rule,
                                        "start": m.start,
                                        "end": m.end,
                                        "text": text[m.start : m.end],
                                    }
                                    for m in mistakes
                                ],
                            },
                            ensure_ascii=False,
                        )
                    )
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} variants to {out.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
