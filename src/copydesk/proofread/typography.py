"""Typography that readers report: unbalanced quotes and brackets, a space before
punctuation, and doubled punctuation. Each check keeps to the unambiguous cases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from copydesk.proofread.finding import Finding, Severity
from copydesk.proofread.paragraphs import paragraph_spans
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
        for index, (start, end) in enumerate(spans):
            following = (
                text[spans[index + 1][0] : spans[index + 1][1]] if index + 1 < len(spans) else ""
            )
            findings.extend(self._brackets(text, start, end, lang))
            findings.extend(self._quotes(text, start, end, following))
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
        pairs = [("«", "»")]
        pairs.append(("„", "“”") if "„" in paragraph else ("“", "”"))
        for openers, closers in pairs:
            depth = 0
            last_open = -1
            if not any(char in paragraph for char in openers + closers):
                continue
            for match in _CURLY_QUOTE.finditer(text, start, end):
                char, at = match.group(), match.start()
                if char in openers:
                    depth += 1
                    last_open = at
                elif char in closers:
                    if depth == 0:
                        findings.append(
                            self._finding(
                                text,
                                at,
                                at + 1,
                                f'Closing "{char}" without an opening quote.',
                                (),
                            )
                        )
                    else:
                        depth -= 1
            if depth > 0 and not continues:
                findings.append(
                    self._finding(
                        text,
                        last_open,
                        last_open + 1,
                        f'Opening "{text[last_open]}" is never closed in this paragraph.',
                        (),
                    )
                )
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
