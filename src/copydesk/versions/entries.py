"""The article links in a feed or a sitemap: what a poll of a site's feed found.

RSS (0.9x, 1.0, 2.0) and Atom are read by ``feedparser``; sitemaps (``<urlset>`` and
``<sitemapindex>``, plain or gzip-compressed) by ``defusedxml``'s ElementTree.  Pure:
no I/O.

Safety.  Every body is parsed first by ``defusedxml`` with entity declarations and
external references forbidden, so an XML bomb (billion laughs, quadratic blowup) or an
external entity is refused (:class:`FormatError` with reason ``unsafe``) before
``feedparser``, which expands internal entities, sees it.  XML that is not well formed
is refused (``malformed``): ``feedparser``'s forgiving fallback parser is never used.
A gzip-compressed sitemap is decompressed only up to ``max_bytes`` (``too_large``
beyond), so a small compressed body cannot become a large one.
"""

from __future__ import annotations

import calendar
import enum
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from time import struct_time
from typing import Any
from urllib.parse import urljoin
from xml.etree.ElementTree import Element, ParseError

import feedparser
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

_GZIP = b"\x1f\x8b"


class Kind(enum.StrEnum):
    """What a feed is (``site_feeds.kind``)."""

    RSS = "rss"
    ATOM = "atom"
    SITEMAP = "sitemap"


class FormatError(ValueError):
    """The body is not a feed or sitemap copydesk reads; ``reason`` says why in one word:
    ``malformed``, ``unsafe``, ``too_large`` or ``unknown`` (well-formed XML of another
    kind)."""

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Entry:
    """One link found: an article's URL (absolute, as written), its title and date when
    the feed gives them."""

    url: str
    title: str = ""
    when: datetime | None = None


@dataclass(frozen=True, slots=True)
class Found:
    """What one feed or sitemap document holds."""

    kind: Kind
    entries: tuple[Entry, ...] = ()
    sitemaps: tuple[Entry, ...] = ()  # a sitemap index's sitemaps
    lang: str = ""  # the feed's language (RSS ``<language>``, Atom ``xml:lang``)


def _local(tag: object) -> str:
    name = tag if isinstance(tag, str) else ""
    return name.rsplit("}", 1)[-1]


def _inflate(body: bytes, max_bytes: int) -> bytes:
    if not body.startswith(_GZIP):
        return body
    inflater = zlib.decompressobj(wbits=31)
    try:
        out = inflater.decompress(body, max_bytes + 1)
    except zlib.error as exc:
        raise FormatError(f"not valid gzip: {exc}", reason="malformed") from None
    if len(out) > max_bytes or inflater.unconsumed_tail:
        raise FormatError(f"larger than {max_bytes} bytes once decompressed",
                          reason="too_large")
    return out


def _tree(body: bytes) -> Element:
    try:
        root: Element = fromstring(body, forbid_dtd=False, forbid_entities=True,
                                   forbid_external=True)
    except DefusedXmlException as exc:
        raise FormatError(f"refused unsafe XML ({type(exc).__name__})",
                          reason="unsafe") from None
    except (ParseError, ValueError) as exc:
        raise FormatError(f"not well-formed XML: {exc}", reason="malformed") from None
    return root


def kind_of(root: Element) -> Kind:
    """The kind of document whose root element is ``root``."""
    name = _local(root.tag)
    if name in {"rss", "RDF"}:
        return Kind.RSS
    if name == "feed":
        return Kind.ATOM
    if name in {"urlset", "sitemapindex"}:
        return Kind.SITEMAP
    raise FormatError(f"<{name}> is neither RSS, Atom nor a sitemap", reason="unknown")


def detect(body: bytes, *, max_bytes: int) -> Kind:
    """The kind of a fetched feed or sitemap (see the module for what is refused)."""
    return kind_of(_tree(_inflate(body, max_bytes)))


def parse(body: bytes, *, base: str, max_bytes: int, max_entries: int) -> Found:
    """The links in ``body`` (fetched from ``base``), at most ``max_entries`` of them."""
    root = _tree(_inflate(body, max_bytes))
    kind = kind_of(root)
    if kind is Kind.SITEMAP:
        return _sitemap(root, base, max_entries)
    return _feed(body, kind, base, max_entries)


def _date(value: str) -> datetime | None:
    """A W3C datetime (``2024-05-01``, ``2024-05-01T10:00:00Z``…) as UTC; None if not."""
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _text(element: Element, name: str) -> str:
    for child in element:
        if _local(child.tag) == name:
            return (child.text or "").strip()
    return ""


def _news(element: Element) -> tuple[str, datetime | None]:
    """A Google News sitemap entry's title and publication date."""
    for child in element:
        if _local(child.tag) == "news":
            return _text(child, "title"), _date(_text(child, "publication_date"))
    return "", None


def _sitemap(root: Element, base: str, max_entries: int) -> Found:
    index = _local(root.tag) == "sitemapindex"
    found: list[Entry] = []
    for element in root:
        if len(found) >= max_entries:
            break
        if _local(element.tag) != ("sitemap" if index else "url"):
            continue
        loc = _text(element, "loc")
        if not loc:
            continue
        title, published = ("", None) if index else _news(element)
        when = published or _date(_text(element, "lastmod"))
        found.append(Entry(urljoin(base, loc), title[:500], when))
    if index:
        return Found(Kind.SITEMAP, sitemaps=tuple(found))
    return Found(Kind.SITEMAP, entries=tuple(found))


def _when(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if isinstance(value, struct_time):
            return datetime.fromtimestamp(calendar.timegm(value), UTC)
    return None


def _feed(body: bytes, kind: Kind, base: str, max_entries: int) -> Found:
    parsed = feedparser.parse(
        body, response_headers={"content-location": base},
        sanitize_html=False, resolve_relative_uris=False,
    )
    found: list[Entry] = []
    for entry in parsed.entries:
        if len(found) >= max_entries:
            break
        link = str(entry.get("link") or "").strip()
        if not link:
            continue
        title = str(entry.get("title") or "").strip()
        found.append(Entry(urljoin(base, link), title[:500], _when(entry)))
    lang = str(parsed.feed.get("language") or "").strip()[:35]
    return Found(kind, entries=tuple(found), lang=lang)
