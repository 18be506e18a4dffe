from __future__ import annotations

import pytest

from copydesk import urls


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HTTPS://News.Example:443/a/b/?utm_source=x&utm_medium=y#frag",
         "https://news.example/a/b"),
        ("http://news.example:80/", "http://news.example/"),
        ("https://news.example:8443/x", "https://news.example:8443/x"),
        ("https://news.example/x?b=2&a=1&fbclid=zz", "https://news.example/x?a=1&b=2"),
        ("https://news.example", "https://news.example/"),
        ("https://user:pw@news.example/p", "https://news.example/p"),
        ("https://news.example//a//b/", "https://news.example/a/b"),
        ("https://[::1]:8000/a", "https://[::1]:8000/a"),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert urls.normalise(raw) == expected


def test_normalise_keeps_meaningful_query() -> None:
    assert urls.normalise("https://n.example/story?id=5") != urls.normalise(
        "https://n.example/story?id=6"
    )


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://n.example/a", True),
        ("http://n.example", True),
        ("ftp://n.example/a", False),
        ("javascript:alert(1)", False),
        ("https://", False),
        ("https://n.example:99999/", False),
        ("not a url", False),
        ("https://n.example/a\nb", False),
        ("https://n.example/a b", False),
        ("https://n.example/\tx", False),
    ],
)
def test_is_http_url(url: str, ok: bool) -> None:
    assert urls.is_http_url(url) is ok


def test_origin_matching() -> None:
    allowed = (urls.normalise_origin("https://News.Example/"),
               urls.normalise_origin("https://*.Daily.Example"))
    assert urls.origin_allowed("https://news.example", allowed)
    assert urls.origin_allowed("https://news.example:443", allowed)
    assert urls.origin_allowed("https://www.daily.example", allowed)
    assert urls.origin_allowed("https://a.b.daily.example/path", allowed)
    assert not urls.origin_allowed("https://daily.example.evil.test", allowed)
    assert not urls.origin_allowed("http://news.example", allowed)
    assert not urls.origin_allowed("https://evilnews.example", allowed)
    assert not urls.origin_allowed("https://news.example:8443", allowed)
