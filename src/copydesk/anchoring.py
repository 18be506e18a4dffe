"""Re-anchoring a report's quote in a new version of its article's text.

A report points at its article with a selector: the quote ``exact``, about 32
characters of ``prefix`` and ``suffix`` around it, and ``start``/``end`` code-point
offsets, all as in the text the reader saw, plus the reader's ``suggestion``.  When a new
version of the text arrives, :func:`reanchor` finds the passage again and labels it:

- ``UNCHANGED``: the quote is still there, in its context;
- ``FIXED``: the quote is gone and the suggestion (or a close variant of it) stands
  between the same context;
- ``CHANGED``: the passage is found but changed otherwise (editors review it);
- ``ORPHANED``: the passage cannot be found.

Strategies, in order (the first that holds wins, except that a fix between an exact
context beats a quote found in a context that agrees less well):

1. ``POSITION``: the text at the old offsets still equals the quote, with its whole
   context (with a context that only agrees, it waits for step 2);
2. ``WINDOW``: ``prefix + exact + suffix`` found as it is (the nearest of several
   occurrences to the old position);
3. ``QUOTE``: the quote found as it is, each occurrence scored by its context, ties
   broken by distance from the old position: never the first blindly;
4. ``CONTEXT``: prefix and suffix found (exactly, else approximately) close together;
   the text between them is the suggestion (``FIXED``) or something else (``CHANGED``);
5. ``FUZZY``: an approximate match of the quote itself, scored with its context.

Every comparison is made on *folded* text (:class:`FoldedText`): curly quotes, dashes,
no-break and other spaces, runs of whitespace and invisible characters are normalised,
so typography-only edits inside a quote leave it ``UNCHANGED``.  Similarities are
rapidfuzz's Indel (longest common subsequence) similarities in 0..1, which tolerate a
few characters inserted or removed near the quote.  Every acceptance has a minimum score
(the thresholds below): a quote that can only be matched weakly is orphaned, never
re-anchored to a lookalike elsewhere.  Pure: no I/O.
"""

from __future__ import annotations

import bisect
import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel, LCSseq

#: Characters of slack beside a candidate when its context is compared: a side's
#: similarity is the share of the old prefix (or suffix) found, in order, within its
#: length plus this many characters next to the candidate, so words inserted beside the
#: quote cost little.  Two unrelated English snippets score about 0.35 (0.55 at the 99th
#: percentile).
SIDE_SLACK = 8

#: Minimum context agreement (the length-weighted similarity of prefix and suffix) for a
#: quote found as it is to be ``UNCHANGED``: a few words edited beside the quote keep it
#: above 0.8.
UNCHANGED_CONTEXT = 0.8

#: Minimum similarity of each side (prefix and suffix) for the ``CONTEXT`` strategy and
#: for a ``FIXED``, which need both: well above what unrelated text reaches.
SIDE_MIN = 0.7

#: Minimum overall score (quote and context similarities weighted by their lengths) for
#: the ``QUOTE`` and ``FUZZY`` strategies to anchor a quote whose context has changed.  A
#: short quote found in unrelated context scores about 0.4 and is refused: this is the
#: minimum that the Hypothesis client's fuzzy anchoring lacks.  A long sentence found
#: verbatim (100 characters or more) passes even where its context is new.
ANCHOR_MIN = 0.7

#: Minimum similarity of an approximate match to the quote (``FUZZY``).
FUZZY_QUOTE_MIN = 0.8

#: Minimum similarity (after folding and case folding) of the text between the context to
#: the reader's suggestion for a ``FIXED``: the editor's fix may differ from the
#: suggestion by about one edit in seven characters ("toward"/"towards"), never in digits.
VARIANT_MIN = 0.85

#: The text between a prefix and suffix found apart may be at most this many characters
#: plus twice the longer of quote and suggestion.
GAP_SLACK = 40

#: Occurrences of a quote or a context side considered at most (nearest to the old
#: position first), so a very common quote ("the") costs bounded time.
MAX_OCCURRENCES = 400


class State(enum.StrEnum):
    FIXED = "fixed"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    ORPHANED = "orphaned"


class Strategy(enum.StrEnum):
    POSITION = "position"
    WINDOW = "window"
    QUOTE = "quote"
    CONTEXT = "context"
    FUZZY = "fuzzy"
    NONE = "none"


@dataclass(frozen=True)
class Selector:
    """A report's selector as in the old text.  An empty suggestion means none (the
    report payload sends ``""`` when the reader suggested nothing)."""

    exact: str
    prefix: str = ""
    suffix: str = ""
    start: int | None = None
    end: int | None = None
    suggestion: str | None = None


@dataclass(frozen=True)
class Anchor:
    """Where a selector lands in the new text: ``start``/``end`` are code-point offsets
    (``None`` when orphaned), ``score`` the evidence in 0..1."""

    state: State
    start: int | None
    end: int | None
    score: float
    strategy: Strategy


_ORPHAN = Anchor(State.ORPHANED, None, None, 0.0, Strategy.NONE)

_DASHES = r"\-\u2010-\u2015\u2212\ufe58\ufe63\uff0d"
_FOLD = re.compile(
    rf"(?P<dash>[{_DASHES}])"  # hyphens, dashes, minus
    r"|(?P<para>\s*\n\s*)"  # a break between paragraphs
    r"|(?P<space>[^\S\n]{2,}|[^\S \n])"  # a run of spaces, another kind of space
    r"|(?P<single>[\u2018\u2019\u201a\u201b\u2032\u00b4`])"  # single quotes, apostrophes
    r"|(?P<double>[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb])"  # double quotes
    r"|(?P<ellipsis>\u2026)"
    r"|(?P<invisible>[\u00ad\u200b\u200c\u200d\u2060\ufeff])"  # soft hyphen, zero widths
)
_REPLACEMENTS = {
    "dash": "-",
    "para": "\n",
    "space": " ",
    "single": "'",
    "double": '"',
    "ellipsis": "...",
    "invisible": "",
}
_DIGITS = re.compile(r"\d")


class FoldedText:
    """A text with its typography folded, and the map between folded and original
    offsets.  Fold a new version once and re-anchor all its groups against it."""

    def __init__(self, text: str) -> None:
        self.original = text
        pieces: list[str] = []
        # Segments of the folded text: where each starts and ends in the folded and the
        # original text, and whether it is original text as it is (else a replacement).
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._original_starts: list[int] = []
        self._original_ends: list[int] = []
        self._verbatim: list[bool] = []

        def add(piece: str, start: int, end: int, verbatim: bool) -> None:
            if not piece:
                return
            length = self._ends[-1] if self._ends else 0
            pieces.append(piece)
            self._starts.append(length)
            self._ends.append(length + len(piece))
            self._original_starts.append(start)
            self._original_ends.append(end)
            self._verbatim.append(verbatim)

        position = 0
        for match in _FOLD.finditer(text):
            replacement = _REPLACEMENTS[match.lastgroup or "space"]
            if replacement == match.group():
                continue
            add(text[position : match.start()], position, match.start(), True)
            add(replacement, match.start(), match.end(), False)
            position = match.end()
        add(text[position:], position, len(text), True)
        self.text = "".join(pieces)

    def start_of(self, index: int) -> int:
        """The original offset where the folded character at ``index`` starts."""
        if index >= len(self.text):
            return len(self.original)
        i = bisect.bisect_right(self._starts, index) - 1
        if self._verbatim[i]:
            return self._original_starts[i] + index - self._starts[i]
        return self._original_starts[i]

    def end_of(self, index: int) -> int:
        """The original offset just after the folded character at ``index - 1``."""
        if index <= 0:
            return 0
        i = bisect.bisect_right(self._starts, index - 1) - 1
        if self._verbatim[i]:
            return self._original_starts[i] + index - self._starts[i]
        return self._original_ends[i]

    def folded_of(self, offset: int) -> int:
        """The folded offset of the original ``offset`` (a replaced character's offset
        rounds to the replacement's end)."""
        i = bisect.bisect_right(self._original_starts, offset) - 1
        if i < 0:
            return 0
        if self._verbatim[i]:
            return min(self._starts[i] + offset - self._original_starts[i], self._ends[i])
        if offset == self._original_starts[i]:
            return self._starts[i]
        return self._ends[i]


def fold(text: str) -> str:
    """``text`` with its typography folded, as every comparison sees it."""
    return FoldedText(text).text


def reanchor(selector: Selector, text: str | FoldedText) -> Anchor:
    """Find ``selector``'s passage in ``text`` (the new version) and label it."""
    folded = text if isinstance(text, FoldedText) else FoldedText(text)
    return _Search(selector, folded).run()


def reanchor_all(selectors: Iterable[Selector], text: str) -> list[Anchor]:
    """:func:`reanchor` for each selector, folding ``text`` once."""
    folded = FoldedText(text)
    return [reanchor(selector, folded) for selector in selectors]


def similarity(a: str, b: str) -> float:
    """Indel similarity of two strings in 0..1 (1 when equal)."""
    return float(Indel.normalized_similarity(a, b))


def is_variant(text: str, suggestion: str) -> bool:
    """Whether ``text`` is the suggestion or a close variant: equal once folded and
    case-folded, or within :data:`VARIANT_MIN` similarity with the same digits."""
    a = fold(text).casefold().strip()
    b = fold(suggestion).casefold().strip()
    if a == b:
        return True
    if _DIGITS.findall(a) != _DIGITS.findall(b):
        return False
    return similarity(a, b) >= VARIANT_MIN


@dataclass(frozen=True)
class _Candidate:
    start: int  # folded offsets
    end: int
    context: float
    score: float
    distance: int


class _Search:
    """One selector against one folded text."""

    def __init__(self, selector: Selector, text: FoldedText) -> None:
        self.selector = selector
        self.text = text
        self.haystack = text.text
        whole = FoldedText(selector.prefix + selector.exact + selector.suffix)
        quote_start = whole.folded_of(len(selector.prefix))
        quote_end = whole.folded_of(len(selector.prefix) + len(selector.exact))
        prefix = whole.text[:quote_start]
        suffix = whole.text[quote_end:]
        self.quote = whole.text[quote_start:quote_end]
        # Context is the quote's own paragraph: a moved paragraph keeps its quotes.
        self.prefix = prefix[prefix.rfind("\n") :] if "\n" in prefix else prefix
        self.suffix = suffix[: suffix.find("\n") + 1] if "\n" in suffix else suffix
        self.suggestion = fold(selector.suggestion) if selector.suggestion else None
        self.hint = text.folded_of(selector.start) if selector.start is not None else None

    def run(self) -> Anchor:
        if not self.selector.exact.strip() or not self.quote.strip():
            return _ORPHAN
        at = self._position()
        if at is not None and at.context == 1.0:
            return self._anchor(State.UNCHANGED, at, Strategy.POSITION)
        window = self._window()  # the whole context, elsewhere, beats a partial one here
        if window is not None:
            return self._anchor(State.UNCHANGED, window, Strategy.WINDOW)
        if at is not None:
            return self._anchor(State.UNCHANGED, at, Strategy.POSITION)
        quoted = self._quoted()
        between = self._between()
        fixed = max(
            (c for c in (between, self._suggested()) if c is not None and self._is_fix(c)),
            key=_rank,
            default=None,
        )
        if fixed is not None and (quoted is None or fixed.context >= quoted.context):
            return self._anchor(State.FIXED, fixed, Strategy.CONTEXT)
        if quoted is not None and quoted.context >= UNCHANGED_CONTEXT:
            return self._anchor(State.UNCHANGED, quoted, Strategy.QUOTE)
        if between is not None and (quoted is None or between.context >= quoted.context):
            middle = self.haystack[between.start : between.end]
            state = State.UNCHANGED if middle == self.quote else State.CHANGED
            return self._anchor(state, between, Strategy.CONTEXT)
        if quoted is not None and quoted.score >= ANCHOR_MIN:
            return self._anchor(State.CHANGED, quoted, Strategy.QUOTE)
        fuzzy = self._fuzzy()
        if fuzzy is not None:
            return self._anchor(State.CHANGED, fuzzy, Strategy.FUZZY)
        return _ORPHAN

    # -- strategies --------------------------------------------------------------

    def _position(self) -> _Candidate | None:
        start, end = self.selector.start, self.selector.end
        if start is None or end is None or not 0 <= start <= end <= len(self.text.original):
            return None
        a, b = self.text.folded_of(start), self.text.folded_of(end)
        if self.haystack[a:b] != self.quote:
            return None
        found = self._candidate(a, b)
        return found if found.context >= UNCHANGED_CONTEXT else None

    def _window(self) -> _Candidate | None:
        needle = self.prefix + self.quote + self.suffix
        starts = _occurrences(self.haystack, needle)
        if not starts:
            return None
        a = min(starts, key=self._distance) + len(self.prefix)
        return self._candidate(a, a + len(self.quote))

    def _quoted(self) -> _Candidate | None:
        starts = sorted(_occurrences(self.haystack, self.quote), key=self._distance)
        found = [self._candidate(a, a + len(self.quote)) for a in starts[:MAX_OCCURRENCES]]
        return max(found, key=_rank, default=None)

    def _between(self) -> _Candidate | None:
        """Prefix and suffix found close together, whatever lies between them."""
        if not self.prefix and not self.suffix:
            return None
        gap = 2 * max(len(self.quote), len(self.suggestion or "")) + GAP_SLACK
        pairs: list[tuple[int, int]] = []
        if len(self.prefix) >= len(self.suffix):
            for a in self._side_ends(self.prefix, 0, len(self.haystack)):
                b = self._side_start(self.suffix, a, a + gap + len(self.suffix))
                if b is not None:
                    pairs.append((a, b))
        else:
            for start in self._side_starts(self.suffix, 0, len(self.haystack)):
                end = self._side_end(self.prefix, max(0, start - gap - len(self.prefix)), start)
                if end is not None:
                    pairs.append((end, start))
        found = [
            candidate
            for candidate in (self._candidate(a, b) for a, b in pairs)
            if self._sides_agree(candidate)
        ]
        return max(found, key=_rank, default=None)

    def _suggested(self) -> _Candidate | None:
        """The suggestion found (ignoring case) where both sides of the context agree."""
        if not self.suggestion or not self.suggestion.strip():
            return None
        pattern = re.compile(re.escape(self.suggestion.strip()), re.IGNORECASE)
        starts = [(m.start(), m.end()) for m in pattern.finditer(self.haystack)]
        starts.sort(key=lambda span: self._distance(span[0]))
        found = [
            candidate
            for candidate in (self._candidate(a, b) for a, b in starts[:MAX_OCCURRENCES])
            if self._sides_agree(candidate)
        ]
        return max(found, key=_rank, default=None)

    def _is_fix(self, candidate: _Candidate) -> bool:
        """Whether the text of ``candidate`` is the suggestion, and not the old quote."""
        if self.suggestion is None:
            return False
        middle = self.haystack[candidate.start : candidate.end]
        if middle == self.quote or not is_variant(middle, self.suggestion):
            return False
        # Nearer the suggestion than the old quote, as written or ignoring case.
        return any(
            similarity(fold_case(middle), fold_case(self.suggestion))
            > similarity(fold_case(middle), fold_case(self.quote))
            for fold_case in (str, str.casefold)
        )

    def _fuzzy(self) -> _Candidate | None:
        hit = fuzz.partial_ratio_alignment(
            self.quote, self.haystack, score_cutoff=FUZZY_QUOTE_MIN * 100
        )
        if hit is None:
            return None
        found = self._candidate(hit.dest_start, hit.dest_end)
        return found if found.score >= ANCHOR_MIN else None

    # -- finding context sides ---------------------------------------------------

    def _side_ends(self, side: str, lo: int, hi: int) -> list[int]:
        """Where ``side`` (a prefix) ends in ``haystack[lo:hi]``: exact occurrences, else
        the best approximate one."""
        starts = _occurrences(self.haystack, side, lo, hi)
        if starts:
            ends = sorted((a + len(side) for a in starts), key=self._distance)
            return ends[:MAX_OCCURRENCES]
        end = self._side_end(side, lo, hi)
        return [] if end is None else [end]

    def _side_starts(self, side: str, lo: int, hi: int) -> list[int]:
        starts = sorted(_occurrences(self.haystack, side, lo, hi), key=self._distance)
        if starts:
            return starts[:MAX_OCCURRENCES]
        start = self._side_start(side, lo, hi)
        return [] if start is None else [start]

    def _side_end(self, side: str, lo: int, hi: int) -> int | None:
        """Where ``side`` (a prefix) ends in ``haystack[lo:hi]``, nearest to ``hi``."""
        if not side:
            return lo if lo == 0 else None
        found = self.haystack.rfind(side, lo, hi)
        if found != -1:
            return found + len(side)
        hit = fuzz.partial_ratio_alignment(
            side, self.haystack[lo:hi], score_cutoff=SIDE_MIN * 100
        )
        if hit is None:
            return None
        start, end = lo + hit.dest_start, lo + hit.dest_end
        for k in range(len(side), 3, -1):  # refine: the longest tail of side found there
            at = self.haystack.rfind(side[-k:], max(lo, start - 4), min(hi, end + len(side)))
            if at != -1:
                return at + k
        return end

    def _side_start(self, side: str, lo: int, hi: int) -> int | None:
        """Where ``side`` (a suffix) starts in ``haystack[lo:hi]``, nearest to ``lo``."""
        if not side:
            return len(self.haystack) if hi >= len(self.haystack) else None
        found = self.haystack.find(side, lo, hi)
        if found != -1:
            return found
        hit = fuzz.partial_ratio_alignment(
            side, self.haystack[lo:hi], score_cutoff=SIDE_MIN * 100
        )
        if hit is None:
            return None
        start, end = lo + hit.dest_start, lo + hit.dest_end
        for k in range(len(side), 3, -1):  # refine: the longest head of side found there
            at = self.haystack.find(side[:k], max(lo, start - len(side)), min(hi, end + 4))
            if at != -1:
                return at
        return start

    # -- scoring -----------------------------------------------------------------

    def _sides(self, a: int, b: int) -> tuple[float, float]:
        before = self.haystack[max(0, a - len(self.prefix) - SIDE_SLACK) : a]
        after = self.haystack[b : b + len(self.suffix) + SIDE_SLACK]
        return _kept(self.prefix, before), _kept(self.suffix, after)

    def _sides_agree(self, candidate: _Candidate) -> bool:
        before, after = self._sides(candidate.start, candidate.end)
        return (not self.prefix or before >= SIDE_MIN) and (not self.suffix or after >= SIDE_MIN)

    def _candidate(self, a: int, b: int) -> _Candidate:
        before, after = self._sides(a, b)
        lp, ls, lq = len(self.prefix), len(self.suffix), len(self.quote)
        context = (before * lp + after * ls) / (lp + ls) if lp + ls else 1.0
        quote = similarity(self.quote, self.haystack[a:b])
        score = (quote * lq + before * lp + after * ls) / (lq + lp + ls)
        return _Candidate(a, b, context, score, self._distance(a))

    def _distance(self, folded: int) -> int:
        return 0 if self.hint is None else abs(folded - self.hint)

    def _anchor(self, state: State, found: _Candidate, strategy: Strategy) -> Anchor:
        start = self.text.start_of(found.start)
        end = max(start, self.text.end_of(found.end))
        # Spaces folded into a dash or a break belong to the quote only if it had them.
        original, exact = self.text.original, self.selector.exact
        while start < end and original[start].isspace() and not exact[:1].isspace():
            start += 1
        while start < end and original[end - 1].isspace() and not exact[-1:].isspace():
            end -= 1
        return Anchor(state, start, end, round(found.score, 3), strategy)


def _kept(side: str, window: str) -> float:
    """How much of ``side`` survives, in order, in ``window``: 0..1."""
    return LCSseq.similarity(side, window) / len(side) if side else 1.0


def _rank(candidate: _Candidate) -> tuple[float, int]:
    return (round(candidate.context, 3), -candidate.distance)


def _occurrences(haystack: str, needle: str, lo: int = 0, hi: int | None = None) -> list[int]:
    """Every start of ``needle`` in ``haystack[lo:hi]`` (bounded)."""
    if hi is None:
        hi = len(haystack)
    found: list[int] = []
    at = haystack.find(needle, lo, hi)
    while at != -1 and len(found) < 50 * MAX_OCCURRENCES:
        found.append(at)
        at = haystack.find(needle, at + 1, hi)
    return found
