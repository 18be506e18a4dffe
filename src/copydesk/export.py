"""Exports of reports: CSV (RFC 4180, formula injection neutralised) and JSON.

Spreadsheets execute cells that start with ``=``, ``+``, ``-``, ``@``, tab or carriage
return.  Every such text cell is prefixed with an apostrophe (OWASP's advice), which
spreadsheets show as text and hide; numbers are written as numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

import orjson

COLUMNS = (
    "id", "created_at", "site", "group", "status", "reporter_count", "article_url", "url",
    "title", "lang", "exact", "prefix", "suffix", "start", "end", "suggestion", "comment",
    "spam_reason",
)
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def safe_cell(value: Any) -> Any:
    """A CSV cell that no spreadsheet will run as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return value
    text = str(value)
    if text.startswith(_DANGEROUS):
        return "'" + text
    return text


def csv_lines(rows: Iterable[dict[str, Any]], columns: tuple[str, ...] = COLUMNS) -> Iterator[
    str
]:
    """RFC 4180 CSV: CRLF line ends, quotes doubled, a header row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(row.get(c)) for c in columns])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.getvalue():  # header only: no rows at all
        yield buffer.getvalue()


def csv_text(rows: Iterable[dict[str, Any]], columns: tuple[str, ...] = COLUMNS) -> str:
    return "".join(csv_lines(rows, columns))


def json_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """A JSON array, one report per line, streamed."""
    first = True
    yield "["
    for row in rows:
        yield ("\n" if first else ",\n") + orjson.dumps(row).decode()
        first = False
    yield "\n]\n"
