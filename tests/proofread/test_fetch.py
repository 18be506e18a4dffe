from __future__ import annotations

from collections.abc import Iterator

import pytest

from copydesk.proofread.fetch import FetchError, PrivateAddressError, fetch

from .pages import ARTICLE_HTML, serve


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with serve() as url:
        yield url


def test_fetches_from_loopback_when_allowed(base_url: str) -> None:
    page = fetch(f"{base_url}/article.html", allow_private=True)
    assert page.is_html
    assert page.text() == ARTICLE_HTML


def test_follows_redirects(base_url: str) -> None:
    page = fetch(f"{base_url}/moved", allow_private=True)
    assert page.url.endswith("/article.html")
    assert page.is_html


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://10.0.0.1/",
        "http://192.168.1.10/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://localhost/",
        "http://0.0.0.0/",
    ],
)
def test_refuses_private_addresses(url: str) -> None:
    with pytest.raises(PrivateAddressError, match="refusing to fetch"):
        fetch(url)


def test_refuses_the_test_server_without_permission(base_url: str) -> None:
    with pytest.raises(PrivateAddressError):
        fetch(f"{base_url}/article.html")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "HTTP 404"),
        ("/loop", "redirects"),
    ],
)
def test_http_failures(base_url: str, path: str, message: str) -> None:
    with pytest.raises(FetchError, match=message):
        fetch(base_url + path, allow_private=True)


def test_size_cap(base_url: str) -> None:
    with pytest.raises(FetchError, match="larger than 1000 bytes"):
        fetch(f"{base_url}/big", allow_private=True, max_bytes=1000)


def test_timeout(base_url: str) -> None:
    with pytest.raises(FetchError):
        fetch(f"{base_url}/slow", allow_private=True, timeout=0.3)


@pytest.mark.parametrize("url", ["ftp://example.com/a", "file:///etc/passwd", "http://"])
def test_only_http_urls(url: str) -> None:
    with pytest.raises(FetchError):
        fetch(url)
