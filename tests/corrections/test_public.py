"""The public outputs: the corrections page (pages, filters, language, policy link,
ETag and 304), RSS and Atom feeds read by feedparser with stable ids, the JSON-LD
expanded by pyld against a local schema.org context, the notice fragment, the API and
its OpenAPI entry; and hostile text escaped in each."""

from __future__ import annotations

import html
import json
import re
from datetime import timedelta
from typing import Any

import feedparser
import pytest
from pyld import jsonld
from starlette.testclient import TestClient

from copydesk.corrections.model import Kind, Placement
from tests.corrections.conftest import T0, Newsroom

HOSTILE = "</script><script>alert(1)</script> <img src=x onerror=alert(2)> ]]> & <!-- x"
SCHEMA = "https://schema.org/"
#: A minimal local stand-in for schema.org's JSON-LD context: pyld never fetches.
CONTEXT = {"@context": {"@vocab": SCHEMA, "url": {"@id": f"{SCHEMA}url", "@type": "@id"}}}


def _loader(url: str, options: Any = None) -> dict[str, Any]:
    if url.rstrip("/") != SCHEMA.rstrip("/"):
        raise AssertionError(f"pyld asked for {url}")
    return {"contextUrl": None, "documentUrl": url, "document": CONTEXT}


def _expand(doc: Any) -> list[dict[str, Any]]:
    return jsonld.expand(doc, {"documentLoader": _loader})  # type: ignore[no-any-return]


def test_page_pages_filters_and_caching(client: TestClient, newsroom: Newsroom) -> None:
    aid = newsroom.article()
    for i in range(25):
        kind = Kind.CLARIFICATION if i % 5 == 0 else Kind.CORRECTION
        newsroom.published(aid, f"Notice number {i}.", kind=kind,
                           at=T0 + timedelta(days=i * 2))  # March and April 2026
    newsroom.draft(aid, "Never shown draft")
    first = client.get("/c/daily-key/corrections")
    assert first.status_code == 200
    assert first.headers["cache-control"] == "public, max-age=300"
    html = first.text
    assert len(re.findall(r'class="copydesk-notice', html)) == 20
    assert "Notice number 24." in html and "Notice number 4." not in html
    assert "Never shown draft" not in html
    assert 'rel="next" href="/c/daily-key/corrections?page=2"' in html
    second = client.get("/c/daily-key/corrections?page=2").text
    assert len(re.findall(r'class="copydesk-notice', second)) == 5 and 'rel="next"' not in second
    assert "Notice number 0." in second
    clar = client.get("/c/daily-key/corrections?type=clarification").text
    assert len(re.findall(r'class="copydesk-notice', clar)) == 5
    march = client.get("/c/daily-key/corrections?month=2026-03").text
    assert len(re.findall(r'class="copydesk-notice', march)) == 16  # days 1..31: i = 0..15
    assert client.get("/c/daily-key/corrections?month=2026-13").status_code == 400
    assert client.get("/c/daily-key/corrections?month=9999-12").status_code == 400
    assert client.get("/c/daily-key/corrections?type=nonsense").status_code == 400
    assert client.get("/c/daily-key/corrections?page=0").status_code == 400
    assert client.get("/c/nobody/corrections").status_code == 404

    etag = first.headers["etag"]
    again = client.get("/c/daily-key/corrections", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    newsroom.published(aid, "A new one.")
    changed = client.get("/c/daily-key/corrections", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag


def test_page_speaks_the_site_language_and_links_its_policy(
    client: TestClient, newsroom: Newsroom,
) -> None:
    newsroom.set_site(public_lang="uk", corrections_policy_url="https://news.example/policy")
    newsroom.published(newsroom.article(), "Виправлено дату.", at=T0)
    html = client.get("/c/daily-key/corrections").text
    assert '<html lang="uk">' in html
    assert "Виправлення" in html and "1 березня 2026" in html
    assert '<a href="https://news.example/policy">Наші правила виправлень</a>' in html
    newsroom.set_site(public_lang="en", corrections_policy_url="javascript:alert(1)")
    english = client.get("/c/daily-key/corrections").text
    assert "March 1, 2026" in english and "javascript:" not in english


def test_feeds_parse_with_stable_ids(client: TestClient, newsroom: Newsroom) -> None:
    aid = newsroom.article(title="Budget " + HOSTILE)
    first = newsroom.published(aid, "It said 3%; it is 4%.", at=T0)
    second = newsroom.published(aid, HOSTILE, at=T0 + timedelta(days=1))
    ids: dict[str, list[str]] = {}
    for kind in ("rss", "atom"):
        response = client.get(f"/c/daily-key/corrections.{kind}")
        assert response.status_code == 200 and response.headers["etag"]
        assert response.headers["content-type"].startswith(f"application/{kind}+xml")
        assert "<img" not in response.text and "<script" not in response.text
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo, parsed.bozo_exception
        assert parsed.version == ("rss20" if kind == "rss" else "atom10")
        # The channel's link is the corrections page; the feed's own address is "self".
        assert parsed.feed.link.endswith("/c/daily-key/corrections")
        assert any(link.rel == "self" and link.href.endswith(f"/corrections.{kind}")
                   for link in parsed.feed.links)
        entries = parsed.entries
        assert [e.link.rsplit("/", 1)[1] for e in entries] == [str(second), str(first)]
        # The title carries the article title as text: in RSS (HTML in many readers)
        # escaped as HTML inside the XML; in Atom, a type="text" title.
        [raw_title] = [t for t in re.findall(r"<title[^>]*>([^<]*)</title>", response.text)
                       if "Budget" in t][:1]
        if kind == "rss":
            assert "&amp;lt;img" in raw_title and "&lt;img" not in raw_title
        else:
            assert "&lt;img" in raw_title
        assert HOSTILE in html.unescape(html.unescape(raw_title) if kind == "rss"
                                        else raw_title)
        summary = entries[0].summary  # HTML: the text in it escaped, whole
        assert "<img" not in summary and "<script" not in summary
        assert HOSTILE in html.unescape(re.sub(r"<[^>]+>", "", summary))
        ids[kind] = [e.id for e in entries]
    assert ids["rss"] == ids["atom"]
    assert ids["rss"][1].startswith("tag:news.example,") and ids["rss"][1].endswith(
        f":copydesk/daily-key/corrections/{first}")
    newsroom.edit(first, "It said 3%; it is 4.5%.")
    newsroom.withdraw(second, "Posted by mistake.")
    parsed = feedparser.parse(client.get("/c/daily-key/corrections.atom").content)
    assert [e.id for e in parsed.entries] == ids["atom"]
    assert parsed.entries[0].title.startswith("Withdrawn on")
    assert "Updated on" in parsed.entries[1].summary
    assert client.get("/c/daily-key/corrections.json").status_code == 404


def test_jsonld_expands_to_news_article_with_corrections(
    client: TestClient, newsroom: Newsroom,
) -> None:
    newsroom.set_site(corrections_policy_url="https://news.example/policy")
    aid = newsroom.article(url="https://news.example/budget", title="Budget")
    newsroom.version(aid, "text", minutes=0)
    plain = newsroom.published(aid, "It said 3%; it is 4%.", at=T0 + timedelta(days=1))
    hostile = newsroom.published(aid, HOSTILE, at=T0 + timedelta(days=2))
    newsroom.draft(aid, "draft, never public")
    response = client.get("/c/daily-key/article.jsonld",
                          params={"article": "https://news.example/budget/?utm_source=x"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/ld+json")
    raw = response.text
    assert "</" not in raw and "<!--" not in raw and "<" not in raw
    doc = json.loads(raw)
    expanded = _expand(doc)[0]
    assert expanded["@type"] == [f"{SCHEMA}NewsArticle"]
    comments = expanded[f"{SCHEMA}correction"]
    assert [c["@type"] for c in comments] == [[f"{SCHEMA}CorrectionComment"]] * 2
    texts = [c[f"{SCHEMA}text"][0]["@value"] for c in comments]
    assert texts == ["It said 3%; it is 4%.", HOSTILE]
    dates = [c[f"{SCHEMA}datePublished"][0]["@value"] for c in comments]
    assert dates[0].startswith("2026-03-02") and dates[1].startswith("2026-03-03")
    assert expanded[f"{SCHEMA}dateModified"][0]["@value"].startswith("2026-03-03")
    publisher = expanded[f"{SCHEMA}publisher"][0]
    assert publisher[f"{SCHEMA}correctionsPolicy"][0]["@value"] == "https://news.example/policy"
    assert plain and hostile

    newsroom.withdraw(plain, "Withdrawn: the 3% was right.")
    script = client.get("/c/daily-key/article.jsonld",
                        params={"article": str(aid), "format": "script"}).text
    assert script.startswith('<script type="application/ld+json">')
    assert script.count("</script>") == 1 and script.rstrip().endswith("</script>")
    inner = script.strip()[len('<script type="application/ld+json">'):-len("</script>")]
    withdrawn = _expand(json.loads(inner))[0][f"{SCHEMA}correction"][0]
    assert "Withdrawn: the 3% was right." in withdrawn[f"{SCHEMA}text"][0]["@value"]
    assert f"{SCHEMA}dateModified" in withdrawn
    assert client.get("/c/daily-key/article.jsonld?article=https://news.example/none"
                      ).status_code == 404
    assert client.get("/c/daily-key/article.jsonld").status_code == 400


def test_notice_fragment_at_its_placement(client: TestClient, newsroom: Newsroom) -> None:
    aid = newsroom.article()
    top = newsroom.published(aid, "Top notice.", placement=Placement.TOP, at=T0)
    bottom = newsroom.published(aid, HOSTILE, placement=Placement.BOTTOM,
                                at=T0 + timedelta(hours=1))
    newsroom.edit(top, "Top notice, reworded.")
    newsroom.withdraw(bottom, "Wrong <b>article</b>.")
    html = client.get("/c/daily-key/notice.html", params={"article": str(aid)}).text
    asides = re.findall(r'<aside class="copydesk-corrections" data-placement="(\w+)"', html)
    assert asides == ["top", "bottom"]
    assert "Top notice, reworded." in html and "Updated on" in html
    assert "Withdrawn on" in html and "Wrong &lt;b&gt;article&lt;/b&gt;." in html
    assert "<img" not in html and "<script" not in html and "<!-- x" not in html
    assert "&lt;img src=x onerror=alert(2)&gt; ]]&gt; &amp; &lt;!-- x" in html
    only_top = client.get("/c/daily-key/notice.html",
                          params={"article": str(aid), "placement": "top"}).text
    assert "data-placement=\"bottom\"" not in only_top and "Top notice" in only_top
    other = newsroom.article(url="https://news.example/clean")
    empty = client.get("/c/daily-key/notice.html", params={"article": str(other)})
    assert empty.status_code == 200 and empty.content == b""


def test_hostile_text_on_the_page(client: TestClient, newsroom: Newsroom) -> None:
    aid = newsroom.article(title="<i>title</i>", url="https://news.example/x")
    newsroom.published(aid, HOSTILE)
    html = client.get("/c/daily-key/corrections").text
    assert "<img" not in html and "<script" not in html and "<i>title" not in html
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert client.get("/c/daily-key/corrections").headers["content-security-policy"]


def test_api_and_openapi(client: TestClient, newsroom: Newsroom) -> None:
    aid = newsroom.article(url="https://news.example/budget", title="Budget")
    cid = newsroom.published(aid, "It said 3%; it is 4%.")
    newsroom.edit(cid, "It said 3%; it is 4.5%.")
    newsroom.draft(aid, "draft")
    body = client.get("/api/v1/corrections",
                      params={"site": "daily-key", "article": "https://news.example/budget"})
    assert body.status_code == 200 and body.headers["etag"]
    answer = body.json()
    assert answer["article"] == {"id": aid, "url": "https://news.example/budget",
                                 "title": "Budget"}
    [item] = answer["corrections"]
    assert item["id"] == cid and item["text"] == "It said 3%; it is 4.5%."
    assert item["status"] == "published" and item["type"] == "correction"
    assert [r["text_before"] for r in item["revisions"]] == ["It said 3%; it is 4%."]
    assert item["url"].endswith(f"/c/daily-key/corrections/{cid}")
    assert "severity" not in item and "late_reason" not in item
    every = client.get("/api/v1/corrections", params={"site": "daily-key"}).json()
    assert [c["id"] for c in every["corrections"]] == [cid]
    none = client.get("/api/v1/corrections",
                      params={"site": "daily-key", "article": "https://news.example/no"})
    assert none.json()["article"] is None and none.json()["corrections"] == []
    unknown = client.get("/api/v1/corrections", params={"site": "nope"})
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "unknown_site"
    missing = client.get("/api/v1/corrections")
    assert missing.status_code == 400 and missing.json()["error"]["field"] == "site"
    again = client.get("/api/v1/corrections", params={"site": "daily-key"},
                       headers={"If-None-Match": body.headers["etag"]})
    assert again.status_code == 200  # another body, another tag
    document = client.get("/api/v1/openapi.json").json()
    operation = document["paths"]["/api/v1/corrections"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"site", "article", "page"}
    assert "Corrections" in document["components"]["schemas"]


@pytest.mark.parametrize("path", ["/corrections", "/corrections/new?article=1", "/standards"])
def test_dashboard_pages_need_a_login(client: TestClient, newsroom: Newsroom, path: str) -> None:
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login")
