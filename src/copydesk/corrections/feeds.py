"""RSS 2.0 and Atom feeds of a site's public corrections (feedgen, over lxml: every
text is escaped as XML, and characters XML cannot hold are dropped first).

Each entry's id is a ``tag:`` URI (:func:`copydesk.corrections.links.tag_uri`), the
same in both feeds and for ever; an edit or a withdrawal changes the entry's
``updated`` and its text, never its id.
"""

from __future__ import annotations

import re
from html import escape

from feedgen.feed import FeedGenerator

from copydesk.corrections import links
from copydesk.corrections.model import Correction, Status
from copydesk.corrections.publicsite import PublicSite
from copydesk.corrections.strings import Strings
from copydesk.urls import is_http_url

# Characters XML 1.0 cannot hold (lxml refuses them): C0 controls but tab and line
# breaks, lone surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub("", text)


def _title(item: Correction, t: Strings, kind: str) -> str:
    """The entry's title: plain text in Atom (``type="text"``); in RSS, where many
    readers render a title as HTML, escaped as HTML too (then as XML by lxml), so an
    article title a reader sent can never be markup there."""
    label = t[item.kind.value]
    if item.status is Status.WITHDRAWN:
        label = t.say("withdrawn", date=t.date(item.withdrawn_at)) + " — " + label
    title = f"{label}: {item.article_title or item.article_url}"
    return _xml(escape(title, quote=False) if kind == "rss" else title)


def _summary(item: Correction, t: Strings) -> str:
    """The entry's body as HTML (feed readers render RSS descriptions and Atom
    ``type="html"`` summaries as HTML): every text escaped as HTML here, and the whole
    escaped again as XML by lxml."""
    parts = [escape(item.text)]
    parts += [escape(t.say("updated", date=t.date(r.at))) for r in item.revisions]
    if item.status is Status.WITHDRAWN:
        parts.append(escape(t.say("withdrawn", date=t.date(item.withdrawn_at)) + ": "
                            + item.withdrawal_note))
    href = item.article_url if is_http_url(item.article_url) else ""
    name = escape(item.article_title or item.article_url)
    parts.append(f"{escape(t['article'])}: "
                 + (f'<a href="{escape(href)}">{name}</a>' if href else name))
    return _xml("".join(f"<p>{p}</p>" for p in parts))


def build(site: PublicSite, items: list[Correction], base: str, kind: str) -> bytes:
    """The feed (``kind`` "rss" or "atom") of ``items``, newest first."""
    t = Strings(site.lang)
    page = links.absolute(base, links.page_path(site.key))
    feed = FeedGenerator()
    feed.id(links.tag_uri(site.origins[0] if site.origins else "", site.created_at,
                          site.key, 0).removesuffix("/0"))
    feed.title(_xml(f"{t['corrections']} · {site.name}"))
    # feedgen writes RSS's one channel <link> from the last link added: the page's.
    feed.link(href=links.absolute(base, links.page_path(site.key) + f".{kind}"), rel="self")
    feed.link(href=page, rel="alternate")
    feed.description(_xml(f"{t['corrections']} · {site.name}"))
    feed.language(t.lang)
    feed.generator("copydesk")
    latest = max((i.updated_at for i in items), default=site.created_at)
    feed.updated(latest)
    feed.lastBuildDate(latest)
    for item in items:
        entry = feed.add_entry(order="append")
        ident = links.tag_uri(site.origins[0] if site.origins else "", site.created_at,
                              site.key, item.id)
        entry.id(ident)
        entry.guid(ident, permalink=False)
        entry.title(_title(item, t, kind))
        entry.link(href=links.absolute(base, links.correction_path(site.key, item.id)))
        entry.published(item.published_at or item.created_at)
        entry.updated(item.updated_at)
        entry.summary(_summary(item, t), type="html")
    if kind == "atom":
        data: bytes = feed.atom_str(pretty=True)
    else:
        data = feed.rss_str(pretty=True)
    return data
