"""What an HTML page says: its article body as plain text (trafilatura), its title and
its language.

:func:`page_names` reads the page's own name for itself: the title from trafilatura's
metadata (``og:title``, else the page's one ``<h1>`` or its ``<title>``) and the language from
``<html lang>``, then ``<meta http-equiv="content-language">``, then ``og:locale``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml.html import HtmlElement

_HTML_START = re.compile(r"^\s*(?:<!doctype\s+html|<html|<head|<body|<article|<p[\s>]|<div)", re.I)
#: A BCP 47-looking tag ("en", "en-GB", "pt_BR"); anything else is not a language.
_LANG_TAG = re.compile(r"[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*")
MAX_TITLE = 500
MAX_LANG = 35


class ExtractionError(ValueError):
    """No article text could be found in the page."""


@dataclass(frozen=True, slots=True)
class PageNames:
    """The page's own title and language tag; empty when the page does not say."""

    title: str = ""
    lang: str = ""


def looks_like_html(data: str) -> bool:
    """Whether ``data`` is an HTML document rather than plain text."""
    return _HTML_START.match(data[:2048]) is not None


def extract_text(html: str | bytes, url: str | None = None) -> str:
    """The main text of the page: paragraphs one per line, boilerplate left out."""
    import trafilatura

    text = trafilatura.extract(
        html,
        url=url,
        output_format="txt",
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        deduplicate=False,
    )
    if not text:
        raise ExtractionError("no article text found in the HTML")
    return str(text)


def page_names(html: str | bytes | HtmlElement, url: str | None = None) -> PageNames:
    """The title and language the page gives itself (see the module's docstring)."""
    from trafilatura.metadata import extract_metadata
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        return PageNames()
    candidates = [
        tree.get("lang"),
        *tree.xpath("//meta[translate(@http-equiv, 'CONTENTLAGU', 'contentlagu')"
                    "='content-language']/@content"),
        *tree.xpath("//meta[@property='og:locale']/@content"),
    ]
    lang = next((tag for tag in map(_lang_tag, candidates) if tag), "")
    title = extract_metadata(tree, default_url=url).title or ""
    return PageNames(" ".join(str(title).split())[:MAX_TITLE], lang)


def _lang_tag(value: object) -> str:
    text = str(value or "").split(",")[0].strip()
    return text[:MAX_LANG] if _LANG_TAG.fullmatch(text) else ""
