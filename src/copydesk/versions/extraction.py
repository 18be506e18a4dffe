"""An article page's parts: body text, headline, byline and dates, kept apart.

1. The site's exclude selectors (CSS, ``sites.exclude_selectors``) are removed from the
   parsed page first, so a "related stories" box or a live ticker never reaches the text.
2. The body is trafilatura's text (``favor_precision``); when that finds nothing or
   less than :data:`MIN_TEXT` characters, trafilatura again with ``favor_recall``; then
   the text of the page's ``<article>`` (or ``<main>``) paragraphs.  ``extractor`` says
   which one produced it.
3. Headline (``og:title``, the one ``<h1>`` or ``<title>``) and byline (the author) come
   from trafilatura's metadata; the published and modified dates from htmldate
   (original and latest date of the page); the page's own title and language as
   :func:`copydesk.proofread.extract.page_names` reads them.

:func:`collapse` is the sanity check against the previous version's text: an
extraction that suddenly lost most of the article (a redesign, a consent wall, a
selector that now matches the body) is a failed extraction, not a new version.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from lxml import etree
from lxml.html import HtmlElement

from copydesk.proofread.extract import ExtractionError, page_names

#: Below this many characters, trafilatura's precise extraction is retried for recall.
MIN_TEXT = 200
#: A text shorter than this share of the previous version's has collapsed ...
COLLAPSE_LENGTH = 0.5
#: ... and so has one that keeps less than this share of its sentences.
COLLAPSE_SENTENCES = 1 / 3
#: The check applies once the previous text has this many characters, and sentences.
COLLAPSE_MIN_TEXT = 400
COLLAPSE_MIN_SENTENCES = 3
MAX_META = 500

_SENTENCE_END = re.compile(r"(?<=[.!?\u2026])\s+|\n+")
_BLOCKS = ("p", "h1", "h2", "h3", "h4", "li", "blockquote", "figcaption")


@dataclass(frozen=True, slots=True)
class Extracted:
    text: str
    headline: str = ""
    byline: str = ""
    published_at: datetime | None = None
    modified_at: datetime | None = None
    title: str = ""  # the page's own title and language (copydesk.proofread.extract)
    lang: str = ""
    extractor: str = "trafilatura"


def parse(html: str | bytes) -> HtmlElement:
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        raise ExtractionError("the page is not HTML that can be parsed")
    return tree


def remove_selected(tree: HtmlElement, selectors: Sequence[str]) -> int:
    """Remove every element matching one of the CSS ``selectors``; how many were."""
    from lxml.cssselect import CSSSelector

    removed = 0
    for selector in selectors:
        try:
            matches = CSSSelector(selector)(tree)
        except Exception:  # cssselect's SelectorError, ExpressionError: a bad selector
            matches = []
        for element in matches:
            parent = element.getparent()
            if parent is not None:
                # Keep the text that follows the element (its tail) in the document.
                previous = element.getprevious()
                if element.tail:
                    if previous is not None:
                        previous.tail = (previous.tail or "") + element.tail
                    else:
                        parent.text = (parent.text or "") + element.tail
                parent.remove(element)
                removed += 1
    return removed


def extract(html: str | bytes, url: str | None = None,
            exclude: Sequence[str] = ()) -> Extracted:
    """The page's parts (see the module); :class:`ExtractionError` when it has no text."""
    tree = parse(html)
    if exclude:
        remove_selected(tree, exclude)
    names = page_names(copy.deepcopy(tree), url=url)
    headline, byline = _metadata(tree, url)
    published, modified = _dates(tree)
    text, extractor = _body(tree, url)
    return Extracted(text, headline, byline, published, modified, names.title, names.lang,
                     extractor)


def _body(tree: HtmlElement, url: str | None) -> tuple[str, str]:
    import trafilatura

    best = ""
    for recall in (False, True):
        text = trafilatura.extract(
            copy.deepcopy(tree), url=url, output_format="txt", include_comments=False,
            include_tables=False, favor_precision=not recall, favor_recall=recall,
            deduplicate=False,
        )
        if text and len(text) >= MIN_TEXT:
            return str(text), "trafilatura"
        if text and len(text) > len(best):
            best = str(text)
    fallback = _article_text(tree)
    if len(fallback) > len(best):
        return fallback, "fallback"
    if best:
        return best, "trafilatura"
    raise ExtractionError("no article text found in the HTML")


def _article_text(tree: HtmlElement) -> str:
    """The paragraphs of the page's ``<article>``, else ``<main>``, one per line."""
    for tag in ("article", "main"):
        found = tree.xpath(f"//{tag}")
        if found:
            blocks = [" ".join(e.text_content().split()) for e in found[0].iter(*_BLOCKS)]
            return "\n".join(b for b in blocks if b)
    return ""


def _metadata(tree: HtmlElement, url: str | None) -> tuple[str, str]:
    from trafilatura.metadata import extract_metadata

    meta = extract_metadata(copy.deepcopy(tree), default_url=url)
    return _one_line(meta.title), _one_line(meta.author)


def _dates(tree: HtmlElement) -> tuple[datetime | None, datetime | None]:
    from htmldate import find_date

    found: list[datetime | None] = []
    for original in (True, False):
        try:
            value = find_date(copy.deepcopy(tree), original_date=original,
                              extensive_search=False, outputformat="%Y-%m-%d")
        except (ValueError, etree.LxmlError):
            value = None
        found.append(datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=UTC)
                     if value else None)
    return found[0], found[1]


def _one_line(value: object) -> str:
    return " ".join(str(value or "").split())[:MAX_META]


def sentences(text: str) -> list[str]:
    """The text's sentences of 20 characters or more, whitespace and case folded."""
    parts = (" ".join(s.split()).casefold() for s in _SENTENCE_END.split(text))
    return [s for s in parts if len(s) >= 20]


def collapse(previous: str, text: str) -> str | None:
    """Why ``text`` looks like a failed extraction of the page ``previous`` came from
    (None: it does not).  A sentence counts as kept when the new text has it, or its
    first or second half: an edit inside a sentence keeps it."""
    if len(previous) < COLLAPSE_MIN_TEXT:
        return None
    if len(text) < COLLAPSE_LENGTH * len(previous):
        return f"{len(text)} characters where the last version had {len(previous)}"
    old = sentences(previous)
    if len(old) < COLLAPSE_MIN_SENTENCES:
        return None
    folded = " ".join(text.split()).casefold()
    kept = sum(
        1 for s in old
        if s in folded or s[: len(s) // 2] in folded or s[len(s) // 2 :] in folded
    )
    if kept < COLLAPSE_SENTENCES * len(old):
        return f"{kept} of the last version's {len(old)} sentences left"
    return None
