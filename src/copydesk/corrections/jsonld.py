"""The JSON-LD of an article's corrections, for a CMS to put in the article's page:
a schema.org ``NewsArticle`` with one ``CorrectionComment`` per public notice (``text``,
``datePublished``, ``dateModified`` when edited or withdrawn), the article's
``dateModified``, and the publisher's ``correctionsPolicy`` when the site has one.

The JSON is written so that it can stand inside ``<script type="application/ld+json">``
as it is: ``<``, ``>`` and ``&`` are written ``\\u003c``, ``\\u003e``, ``\\u0026`` (so no
``</script>`` or ``<!--`` can appear), as are U+2028 and U+2029.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from copydesk.corrections.model import Correction, Status
from copydesk.corrections.publicsite import Article, PublicSite
from copydesk.corrections.strings import Strings

CONTEXT = "https://schema.org"

_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028",
            "\u2029": "\\u2029"}


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _comment(item: Correction, t: Strings) -> dict[str, Any]:
    text = item.text
    if item.status is Status.WITHDRAWN:
        text += f" — {t.say('withdrawn', date=t.date(item.withdrawn_at))}: " \
                f"{item.withdrawal_note}"
    comment: dict[str, Any] = {"@type": "CorrectionComment", "text": text,
                               "datePublished": _iso(item.published_at)}
    changed = item.withdrawn_at or (item.revisions[-1].at if item.revisions else None)
    if changed:
        comment["dateModified"] = _iso(changed)
    return comment


def document(site: PublicSite, article: Article, items: list[Correction],
             modified: datetime | None = None) -> dict[str, Any]:
    """The ``NewsArticle`` of ``article`` with its public ``items`` (oldest first);
    ``modified`` is when the article's text last changed, as far as copydesk knows."""
    t = Strings(site.lang)
    times = [d for i in items for d in (i.published_at, i.withdrawn_at,
                                        *(r.at for r in i.revisions)) if d]
    if modified:
        times.append(modified)
    publisher: dict[str, Any] = {"@type": "NewsMediaOrganization", "name": site.name}
    if site.policy_url:
        publisher["correctionsPolicy"] = site.policy_url
    doc: dict[str, Any] = {
        "@context": CONTEXT, "@type": "NewsArticle", "@id": article.url, "url": article.url,
        "publisher": publisher, "correction": [_comment(i, t) for i in items],
    }
    if article.title:
        doc["headline"] = article.title
    if times:
        doc["dateModified"] = _iso(max(times))
    return doc


def dumps(doc: dict[str, Any]) -> str:
    """``doc`` as JSON safe inside a ``<script>`` element (see the module)."""
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _ESCAPES.items():
        text = text.replace(char, escaped)
    return text


def script(doc: dict[str, Any]) -> str:
    """The ``<script type="application/ld+json">`` element to paste into a page."""
    return f'<script type="application/ld+json">{dumps(doc)}</script>\n'
