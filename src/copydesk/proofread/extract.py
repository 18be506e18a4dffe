"""The article body of an HTML page as plain text (trafilatura)."""

from __future__ import annotations

import re

_HTML_START = re.compile(r"^\s*(?:<!doctype\s+html|<html|<head|<body|<article|<p[\s>]|<div)", re.I)


class ExtractionError(ValueError):
    """No article text could be found in the page."""


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
