"""Word diffs between two versions of an article's text, computed on demand.

Texts are compared as word tokens (runs of non-space characters; the spaces between
them are kept with the token before, so a rendering shows the text as it was).  A
change is *significant* (an edit) when the versions differ in at least
:data:`MIN_EDIT_WORDS` words once typography is folded: curly and straight quotes,
dashes, no-break and other spaces, soft hyphens and runs of whitespace.  A
typography-only or whitespace-only change is stored as a version all the same, with
``significant`` False.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

#: Words (after folding) that must differ for a change to be called an edit.
MIN_EDIT_WORDS = 1

_TOKEN = re.compile(r"\S+\s*|\s+")
_TYPOGRAPHY = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-",
    "\u2026": "...", "\u00ad": None, "\u200b": None, "\u200c": None, "\u200d": None,
    "\u2060": None, "\ufeff": None,
})

Kind = Literal["equal", "insert", "delete", "replace"]


@dataclass(frozen=True, slots=True)
class Op:
    kind: Kind
    old: str  # the old text of this stretch ("" for an insert)
    new: str  # the new text ("" for a delete)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def fold(text: str) -> str:
    """The text with its typography folded (see the module)."""
    return unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY)


def words(text: str) -> list[str]:
    """The folded text's words, as compared for :func:`significant`."""
    return fold(text).replace(" - ", " ").split()


def changed_words(old: str, new: str) -> int:
    """How many folded words were inserted, deleted or replaced (the larger side)."""
    a, b = words(old), words(new)
    count = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            count += max(i2 - i1, j2 - j1)
    return count


def significant(old: str, new: str) -> bool:
    """Whether ``new`` is an edit of ``old``, not only a typographic one."""
    return changed_words(old, new) >= MIN_EDIT_WORDS


def word_diff(old: str, new: str) -> list[Op]:
    """The word-level changes from ``old`` to ``new`` (tokens keep their spaces)."""
    a, b = tokens(old), tokens(new)
    matcher = difflib.SequenceMatcher(None, [t.strip() or t for t in a],
                                      [t.strip() or t for t in b], autojunk=False)
    return [
        Op(tag, "".join(a[i1:i2]), "".join(b[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    ]


def render(ops: list[Op], *, colour: bool = False) -> str:
    """The diff as text: ``[-deleted-]{+inserted+}``, or red and green on a terminal."""
    out: list[str] = []
    for op in ops:
        if op.kind == "equal":
            out.append(op.old)
            continue
        if op.old:
            out.append(f"\x1b[31m{op.old}\x1b[0m" if colour else f"[-{op.old}-]")
        if op.new:
            out.append(f"\x1b[32m{op.new}\x1b[0m" if colour else f"{{+{op.new}+}}")
    return "".join(out)
