"""Typography that readers report: unbalanced quotes and brackets, a space before
punctuation, and doubled punctuation. Each check keeps to the unambiguous cases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from copydesk.proofread.finding import Finding, Severity
from copydesk.proofread.paragraphs import paragraph_spans, uses_blank_lines
from copydesk.proofread.rule import Lang
from copydesk.proofread.slavic import apostrophes

# Not the spaced ellipsis of some styles ("word . . ."). A space before a mark glued to
# the next sentence ("said .The") is a person's slip and is flagged; a mark glued to the
# next sentence without any space ("said.The") is left alone: it is what extraction
# makes where one block element ended and the next began (</p><p>, <br>), and a
# missing space there is not the newsroom's mistake.
_SPACE_BEFORE = re.compile(
    r"(?<=[^\W\d_])[ \t\u00a0]+([,.;:!?])"
    r"(?=[\s\"”»’]|$|[A-ZА-ЯЁІЇЄҐ][a-zа-яёіїєґ'’])(?! \.)"
)
_REPEATED = re.compile(
    r",{2,}|;{2,}|(?<![./\d])\.\.(?![./\d])|(?<![!?])!!(?![!?])|(?<![!?])\?\?(?![!?])"
)
# Ukrainian and Russian: not "?.." and "!..", a question or exclamation trailing off as
# their orthographies write it ("Знову вони?..").
_REPEATED_SLAVIC = re.compile(
    r",{2,}|;{2,}|(?<![./\d?!])\.\.(?![./\d])|(?<![!?])!!(?![!?])|(?<![!?])\?\?(?![!?])"
)
_EMOTICON = re.compile(r"[:;=]-?[()\[\]]")
# "1) first" or "a) first, b) second": a list marker when no bracket is open.
_LIST_MARKER = re.compile(r"(?:^|\s)(?:\d{1,2}|[^\W\d_])\)$")
_BRACKET = re.compile(r"[()\[\]]")
# A closing bracket as a smile, in Ukrainian and Russian writing ("вдалось)",
# "прекрасно?) Далі"): no bracket open, right after a word or a mark, and ending the
# sentence (the end of the line, or a capital or an emoji next).
_SMILE_AFTER = re.compile(r"\)*[ \t]*(?:$|\n|[ \t]+(?:[A-ZА-ЯЁІЇЄҐ]|[^\w\s]))")
_SMILE_LANGS = ("uk", "ru")
# Straight double quotes, leaving out inch marks (6'2").
_STRAIGHT_QUOTE = re.compile(r'(?<!\d)"')
_CURLY_QUOTE = re.compile(r"[«»“”„]")
_OPENERS = {"(": ")", "[": "]"}
# Lines of extracted text one quotation may run over (a paragraph broken by <br>).
MAX_JOINED_LINES = 4
_CLOSERS = {")": "(", "]": "["}


@dataclass(frozen=True, slots=True)
class _Mark:
    char: str
    offset: int


class Typography:
    """Flags unbalanced quotes and brackets, stray spaces and doubled punctuation."""

    name = "typography"

    def check(self, text: str, lang: Lang) -> list[Finding]:
        findings: list[Finding] = []
        if lang == "uk":
            text = apostrophes(text)  # "пам"ятав": an apostrophe, not a quote
        spans = paragraph_spans(text)
        for start, end in spans:
            findings.extend(self._brackets(text, start, end, lang))
        quoted = spans if uses_blank_lines(text) else _joined(text, spans)
        for index, (start, end) in enumerate(quoted):
            following = (
                text[quoted[index + 1][0] : quoted[index + 1][1]] if index + 1 < len(quoted) else ""
            )
            findings.extend(self._quotes(text, start, end, following))
        findings.sort(key=lambda finding: finding.start)
        findings.extend(self._spacing(text, lang))
        return findings

    def _finding(
        self, text: str, start: int, end: int, message: str, suggestions: tuple[str, ...]
    ) -> Finding:
        return Finding(
            rule=self.name,
            message=message,
            start=start,
            end=end,
            text=text[start:end],
            suggestions=suggestions,
            severity=Severity.WARNING,
        )

    def _brackets(self, text: str, start: int, end: int, lang: Lang) -> list[Finding]:
        paragraph = text[start:end]
        if not any(char in paragraph for char in "()[]"):
            return []
        ignored = {m.end() - 1 + start for m in _EMOTICON.finditer(paragraph)}
        ignored |= _smiles(text, start, end, lang)
        stack: list[_Mark] = []
        unmatched: list[_Mark] = []
        for match in _BRACKET.finditer(text, start, end):
            char, offset = match.group(), match.start()
            if offset in ignored:
                continue
            if char in _OPENERS:
                stack.append(_Mark(char, offset))
            elif char in _CLOSERS:
                if stack and stack[-1].char == _CLOSERS[char]:
                    stack.pop()
                elif stack or not _LIST_MARKER.search(text, max(0, offset - 3), offset + 1):
                    unmatched.append(_Mark(char, offset))
        unmatched.extend(mark for mark in stack if not _frown(text, mark.offset, end))
        return [
            self._finding(
                text,
                mark.offset,
                mark.offset + 1,
                f'Unmatched "{mark.char}" in this paragraph.',
                (),
            )
            for mark in sorted(unmatched, key=lambda mark: mark.offset)
        ]

    def _quotes(self, text: str, start: int, end: int, following: str) -> list[Finding]:
        paragraph = text[start:end]
        findings: list[Finding] = []
        continues = following.lstrip()[:1] in {'"', "“", "«", "„"}
        # Straight quotes, leaving out inch marks (6'2").
        straight = [m.start() for m in _STRAIGHT_QUOTE.finditer(text, start, end)]
        if len(straight) % 2 and not continues:
            position = straight[-1]
            findings.append(
                self._finding(text, position, position + 1, 'Unbalanced " in this paragraph.', ())
            )
        for openers, closers in _pairs(paragraph):
            if not any(char in paragraph for char in openers + closers):
                continue
            walk = _walk(text, start, end, openers, closers)
            findings.extend(
                self._finding(text, at, at + 1,
                              f'Closing "{text[at]}" without an opening quote.', ())
                for at in walk.unopened
            )
            if walk.depth > 0 and not continues:
                at = walk.last_open
                message = f'Opening "{text[at]}" is never closed in this paragraph.'
                findings.append(self._finding(text, at, at + 1, message, ()))
        return findings

    def _spacing(self, text: str, lang: Lang) -> list[Finding]:
        findings = [
            self._finding(text, m.start(), m.end(), f'Space before "{m.group(1)}".', (m.group(1),))
            for m in _SPACE_BEFORE.finditer(text)
        ]
        repeated = _REPEATED_SLAVIC if lang in _SMILE_LANGS else _REPEATED
        for m in repeated.finditer(text):
            mark = m.group()[0]
            suggestions = (".", "...") if mark == "." else (mark,)
            findings.append(
                self._finding(text, m.start(), m.end(), f'Repeated "{mark}".', suggestions)
            )
        return findings


def _arrow(text: str, at: int, start: int, end: int) -> bool:
    """A guillemet that is an arrow or a bullet, not a quote: spaced, and first or last
    on its line ("» Читайте також", "Далі »"), or one of two or more spaced ones of its
    direction on the line (a breadcrumb, "Головна » Новини » Політика"). A spaced one
    mid-sentence is a quote typed with spaces ("« катастрофою »") or a stray one."""
    char = text[at]
    if char not in "«»" or not _spaced(text, at, start, end):
        return False
    if text[start:at].strip() == "" or text[at + 1 : end].strip() == "":
        return True
    spaced = sum(_spaced(text, i, start, end) for i in range(start, end) if text[i] == char)
    return spaced >= 2


def _spaced(text: str, at: int, start: int, end: int) -> bool:
    """Spaces or the line's edge on both sides of ``text[at]``."""
    return ((at == start or text[at - 1].isspace())
            and (at + 1 >= end or text[at + 1].isspace()))


def _pairs(paragraph: str) -> tuple[tuple[str, str], tuple[str, str]]:
    """The curly quotes' openers and closers: « », and „ “ (German and Ukrainian inner
    quotes) where the paragraph has „, else “ ”."""
    return ("«", "»"), (("„", "“”") if "„" in paragraph else ("“", "”"))


@dataclass(frozen=True, slots=True)
class _Walk:
    unopened: list[int]  # closers with no opener before them
    depth: int  # openers left open at the end
    last_open: int


def _walk(text: str, start: int, end: int, openers: str, closers: str) -> _Walk:
    """Pair one kind of curly quote through ``text[start:end]``, arrows left out."""
    depth, last_open = 0, -1
    unopened: list[int] = []
    for match in _CURLY_QUOTE.finditer(text, start, end):
        char, at = match.group(), match.start()
        if _arrow(text, at, start, end):
            continue
        if char in openers:
            depth += 1
            last_open = at
        elif char in closers:
            if depth == 0:
                unopened.append(at)
            else:
                depth -= 1
    return _Walk(unopened, depth, last_open)


def _dangling(text: str, start: int, end: int) -> tuple[set[str], set[str]]:
    """The kinds of quote (``"``, ``«``, ``“``) a line leaves open at its end, and those
    it closes before opening them."""
    left_open: set[str] = set()
    closed_first: set[str] = set()
    straight = [m.start() for m in _STRAIGHT_QUOTE.finditer(text, start, end)]
    if len(straight) % 2:
        last, first = straight[-1], straight[0]
        if last + 1 < end and not text[last + 1].isspace():
            left_open.add('"')
        if first > start and not text[first - 1].isspace() and (
                first + 1 >= end or not text[first + 1].isalnum()):
            closed_first.add('"')
    for openers, closers in _pairs(text[start:end]):
        walk = _walk(text, start, end, openers, closers)
        kind = "«" if openers == "«" else "“"
        if walk.unopened:
            closed_first.add(kind)
        if walk.depth:
            left_open.add(kind)
    return left_open, closed_first


def _joined(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The lines of text without blank lines, a line joined to the next ones when a
    quote it leaves open is closed on one of them and no line between has a quote of
    that kind, :data:`MAX_JOINED_LINES` lines at most after the first: one paragraph
    split by line breaks (``<br>``) in extracted text, where "…Gaza.\nNot in the
    north." is one quotation. Lines that differ in their inner quotes (one with „…“,
    the other with “…”) are not joined: each pairs its curly quotes its own way."""
    if not spans or not any(char in text for char in '"«»“”'):
        return spans
    marks = [_dangling(text, start, end) for start, end in spans]
    joined: list[tuple[int, int]] = []
    index = 0
    while index < len(spans):
        last = index
        open_kinds = marks[index][0]
        while open_kinds and last - index < MAX_JOINED_LINES:
            closing = _closing_line(text, spans, marks, index, last, open_kinds)
            if closing is None:
                break
            last = closing
            open_kinds = _dangling(text, spans[index][0], spans[last][1])[0]
        joined.append((spans[index][0], spans[last][1]))
        index = last + 1
    return joined


def _closing_line(text: str, spans: list[tuple[int, int]],
                  marks: list[tuple[set[str], set[str]]], first: int, last: int,
                  kinds: set[str]) -> int | None:
    """The line after ``last`` that closes one of the open ``kinds`` first, within
    :data:`MAX_JOINED_LINES` of ``first``, when no line between has a quote of those
    kinds."""
    inner = "„" in text[spans[first][0] : spans[last][1]]
    for ahead in range(last + 1, min(first + 1 + MAX_JOINED_LINES, len(spans))):
        line = text[spans[ahead][0] : spans[ahead][1]]
        if any(char in line for char in "“”„") and ("„" in line) != inner:
            return None
        if kinds & marks[ahead][1]:
            return ahead
        if _has_quote(text, *spans[ahead], kinds):
            return None
    return None


def _has_quote(text: str, start: int, end: int, kinds: set[str]) -> bool:
    chars = {'"': '"', "«": "«»", "“": "“”„"}
    line = text[start:end]
    return any(char in line for kind in kinds for char in chars[kind])


def _smiles(text: str, start: int, end: int, lang: Lang) -> set[int]:
    """Offsets of closing brackets that are smiles, not brackets: a run of two or more
    with no opening bracket before it in the paragraph ("в шоці ))", "готовий)))"), and
    in Ukrainian and Russian a single one glued to the word or mark it follows, ending
    the sentence ("нам це вдалось)", "прекрасно?) Залишається")."""
    smiles: set[int] = set()
    depth = 0
    at = start
    while at < end:
        char = text[at]
        if char == "(":
            depth += 1
        elif char == ")":
            run = at
            while run < end and text[run] == ")":
                run += 1
            unopened = run - at - depth
            if unopened > 0:
                glued = at > start and not text[at - 1].isspace()
                alone = (
                    lang in _SMILE_LANGS
                    and glued
                    and _SMILE_AFTER.match(text, run - 1, end) is not None
                )
                if unopened >= 2 or alone:
                    smiles.update(range(run - unopened, run))
            depth = max(0, depth - (run - at))
            at = run
            continue
        at += 1
    return smiles


def _frown(text: str, offset: int, end: int) -> bool:
    """An opening bracket in a run of two or more that nothing closes: a frown ("((")."""
    run = offset
    while run > 0 and text[run - 1] == "(":
        run -= 1
    close = offset
    while close < end and text[close] == "(":
        close += 1
    return close - run >= 2 and (close >= end or text[close].isspace())
