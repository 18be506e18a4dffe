"""Reports as W3C Web Annotations (JSON-LD), for annotation tools and archives.

Each report becomes one ``Annotation`` with ``motivation: "editing"``: its target is
the article (``source``) narrowed by a ``TextQuoteSelector`` (exact, prefix, suffix)
and, when the widget sent positions, a ``TextPositionSelector``; its body is the
reader's suggestion (purpose ``editing``) and comment (purpose ``commenting``).  An
export is one ``AnnotationCollection`` whose first page holds every annotation.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import orjson

CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def annotation(row: dict[str, Any], base_url: str = "") -> dict[str, Any]:
    """One report row (as :func:`copydesk.reports.iter_reports` yields) as an Annotation."""
    selectors: list[dict[str, Any]] = [{
        "type": "TextQuoteSelector",
        "exact": row["exact"],
        "prefix": row.get("prefix") or "",
        "suffix": row.get("suffix") or "",
    }]
    if row.get("start") is not None and row.get("end") is not None:
        selectors.append(
            {"type": "TextPositionSelector", "start": row["start"], "end": row["end"]}
        )
    body: list[dict[str, Any]] = []
    if row.get("suggestion"):
        body.append({"type": "TextualBody", "purpose": "editing", "value": row["suggestion"],
                     "format": "text/plain"})
    if row.get("comment"):
        body.append({"type": "TextualBody", "purpose": "commenting", "value": row["comment"],
                     "format": "text/plain"})
    if row.get("lang"):
        for part in body:
            part["language"] = row["lang"]
    item: dict[str, Any] = {
        "@context": CONTEXT,
        "id": f"{base_url.rstrip('/')}/annotations/reports/{row['id']}"
        if base_url else f"urn:copydesk:report:{row['id']}",
        "type": "Annotation",
        "motivation": "editing",
        "created": row.get("created_at"),
        "target": {
            "source": row.get("article_url") or row.get("url"),
            "selector": selectors if len(selectors) > 1 else selectors[0],
        },
    }
    if body:
        item["body"] = body if len(body) > 1 else body[0]
    return item


def jsonld_lines(rows: Iterable[dict[str, Any]], base_url: str = "") -> Iterator[str]:
    """An ``AnnotationCollection`` of every row, streamed one annotation per line."""
    yield ('{"@context": "' + CONTEXT + '", "type": "AnnotationCollection", '
           '"label": "copydesk reader reports", "first": {"type": "AnnotationPage", '
           '"items": [')
    first = True
    for row in rows:
        item = annotation(row, base_url)
        del item["@context"]
        yield ("\n" if first else ",\n") + orjson.dumps(item).decode()
        first = False
    yield "\n]}}\n"
