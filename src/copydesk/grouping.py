"""Deciding whether two reports point at the same place in an article.

Each report carries a W3C TextQuoteSelector (``exact`` with ``prefix``/``suffix``
context) and, from the widget, a TextPositionSelector (``start``/``end`` offsets in the
article root's text).  Two quotes *overlap* when:

1. both carry positions: their ``[start, end)`` ranges intersect (position is the most
   precise evidence, and different quotes of the same spot — "into to" and "into to the"
   — still intersect);
2. otherwise, by quote plus context: one report's quote, with up to ``CONTEXT`` characters
   of its own prefix and suffix, is found inside the other's ``prefix + exact + suffix``,
   and there it intersects the other's quote.  Context keeps "the" in one sentence apart
   from "the" in another.  The search is tried both ways round, since either quote may
   be the longer.
"""

from __future__ import annotations

from copydesk.models import Quote

CONTEXT = 12


def overlaps(a: Quote, b: Quote) -> bool:
    if None not in (a.start, a.end, b.start, b.end):
        assert a.start is not None and a.end is not None
        assert b.start is not None and b.end is not None
        return a.start < b.end and b.start < a.end
    return _contained(a, b) or _contained(b, a)


def near(a: Quote, b: Quote) -> bool:
    """A looser test for quotes taken from two different renderings of one article (the
    page as the reader's browser laid it out, the text copydesk extracted): positions are
    ignored, and context must agree on one side of the quote, not both."""
    return any(
        _contained(inner, outer, left=left, right=not left)
        for inner, outer in ((a, b), (b, a))
        for left in (True, False)
    )


def _contained(inner: Quote, outer: Quote, *, left: bool = True, right: bool = True) -> bool:
    """Whether ``inner`` (with its near context) lies on ``outer``'s quote in its text."""
    if not inner.exact:
        return False
    full = outer.prefix + outer.exact + outer.suffix
    outer_start = len(outer.prefix)
    outer_end = outer_start + len(outer.exact)
    left_text = inner.prefix[-CONTEXT:] if left else ""
    right_text = inner.suffix[:CONTEXT] if right else ""
    needle = left_text + inner.exact + right_text
    pos = full.find(needle)
    while pos != -1:
        start = pos + len(left_text)
        end = start + len(inner.exact)
        if start < outer_end and outer_start < end:
            return True
        pos = full.find(needle, pos + 1)
    return False
