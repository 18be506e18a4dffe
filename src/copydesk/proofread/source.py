"""Turning what the user points at (file, URL, stdin) into the text to check."""

from __future__ import annotations

import sys
from pathlib import Path

from copydesk.proofread.extract import extract_text, looks_like_html
from copydesk.proofread.fetch import fetch

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


class SourceError(RuntimeError):
    """The source cannot be read."""


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def load_text(source: str, *, allow_private: bool = False) -> str:
    """Plain text from ``-`` (stdin), an http(s) URL, or a text or HTML file.

    HTML (by suffix, content type or content) is reduced to the article body.
    """
    if is_url(source):
        page = fetch(source, allow_private=allow_private)
        if not page.is_text:
            raise SourceError(f"{page.url} is {page.media_type}, not text or HTML")
        if page.is_html or looks_like_html(page.text()):
            return extract_text(page.body, url=page.url)
        return page.text()
    if source == "-":
        data = sys.stdin.read()
        suffix = ""
    else:
        path = Path(source)
        try:
            data = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise SourceError(f"no such file: {source}") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise SourceError(f"cannot read {source}: {exc}") from None
        suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES or looks_like_html(data):
        return extract_text(data)
    return data
