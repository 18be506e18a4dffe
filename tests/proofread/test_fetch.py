from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from copydesk.proofread.fetch import FetchError, PrivateAddressError, fetch
from tests.network import Wire, answer

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


@pytest.mark.parametrize(
    "address", ["64:ff9b::7f00:1", "2002:7f00:1::", "::127.0.0.1", "::ffff:0:7f00:1",
                "::ffff:10.0.0.1", "64:ff9b:1::a00:1"]
)
def test_refuses_names_answering_embedded_private_addresses(
    monkeypatch: pytest.MonkeyPatch, address: str
) -> None:
    answer(monkeypatch, {"news.test": [address]})
    wire = Wire().install(monkeypatch)
    with pytest.raises(PrivateAddressError, match=r"refusing to fetch news\.test"):
        fetch("https://news.test/article")
    assert wire.sent == []


def _moved_inside(request: httpx.Request) -> httpx.Response:
    return httpx.Response(301, headers={"location": "http://metadata.test/latest"})


def test_refuses_a_redirect_to_an_embedded_private_address(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answer(monkeypatch, {"news.test": ["8.8.8.8"], "metadata.test": ["64:ff9b::a9fe:a9fe"]})
    wire = Wire(_moved_inside).install(monkeypatch)
    with pytest.raises(PrivateAddressError, match=r"metadata\.test"):
        fetch("https://news.test/article")
    [sent] = wire.sent
    assert (sent.url.host, sent.headers["host"]) == ("8.8.8.8", "news.test")
    assert sent.extensions["sni_hostname"] == "news.test"


def test_fetches_a_name_on_loopback_when_allowed(
    monkeypatch: pytest.MonkeyPatch, base_url: str
) -> None:
    answer(monkeypatch, {"desk.test": ["127.0.0.1"]})
    page = fetch(base_url.replace("127.0.0.1", "desk.test") + "/moved", allow_private=True)
    assert page.url.startswith("http://desk.test:")
    assert page.url.endswith("/article.html")
    assert page.text() == ARTICLE_HTML
