"""HTTP behaviour of the widget routes (no browser)."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from starlette.testclient import TestClient

from copydesk.web import widget


def test_loader_headers_and_etag(client: TestClient) -> None:
    r = client.get("/widget.js", headers={"Accept-Encoding": "identity"})
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/javascript; charset=utf-8"
    assert r.headers["cache-control"] == "public, max-age=300"
    assert r.headers["access-control-allow-origin"] == "*"
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "content-encoding" not in r.headers
    assert r.content == (widget.STATIC_DIR / "widget.js").read_bytes()
    etag = r.headers["etag"]
    again = client.get("/widget.js", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    other = client.get("/widget.js", headers={"If-None-Match": '"something-else"'})
    assert other.status_code == 200


def test_gzip(client: TestClient) -> None:
    r = client.get("/widget.js", headers={"Accept-Encoding": "gzip, br"})
    assert r.headers["content-encoding"] == "gzip"
    assert r.headers["vary"] == "Accept-Encoding"
    # httpx decodes it transparently
    assert r.content == (widget.STATIC_DIR / "widget.js").read_bytes()
    assert len(gzip.compress(r.content)) < len(r.content)


def test_hashed_urls_are_immutable(client: TestClient) -> None:
    urls = widget.hashed_urls()
    assert set(urls) == {"widget.js", "dialog.js", "en.js", "uk.js", "ru.js", "notices.js",
                         "notices-en.js", "notices-uk.js", "notices-ru.js",
                         "notify-en.js", "notify-uk.js", "notify-ru.js"}
    for name, url in urls.items():
        assert re.fullmatch(rf"/widget/[0-9a-f]{{16}}/{re.escape(name)}", url)
        r = client.get(url)
        assert r.status_code == 200
        assert r.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert r.headers["content-type"] == "text/javascript; charset=utf-8"
        assert r.content == (widget.STATIC_DIR / name).read_bytes()
        assert client.get(url, headers={"If-None-Match": r.headers["etag"]}).status_code == 304
    assert widget.hashed_urls("https://cd.example")["widget.js"].startswith("https://cd.example/")


def test_loader_imports_the_current_chunks() -> None:
    loader = (widget.STATIC_DIR / "widget.js").read_text()
    urls = widget.hashed_urls()
    # One release hash for every chunk, written into the loader by the build.
    digests = {urls[name].split("/")[2] for name in urls if name != "widget.js"}
    assert digests == {widget.release_digest()}
    assert f'"/widget/{widget.release_digest()}/"' in loader
    assert '["en","ru","uk"]' in loader


def test_release_hash_changes_with_any_chunk(tmp_path: Path) -> None:
    for name, body in (("dialog.js", b"d"), ("en.js", b"e"), ("widget.js", b"w")):
        (tmp_path / name).write_bytes(body)
    chunks = {n: widget.read_asset(n, tmp_path) for n in ("dialog.js", "en.js")}
    before = widget.release(chunks)
    (tmp_path / "en.js").write_bytes(b"E")
    chunks["en.js"] = widget.read_asset("en.js", tmp_path)
    assert widget.release(chunks) != before
    assert re.fullmatch(r"[0-9a-f]{16}", before)


def test_outdated_hash_gets_current_file_briefly(client: TestClient) -> None:
    r = client.get("/widget/0000000000000000/dialog.js")
    assert r.status_code == 200
    assert r.headers["cache-control"] == "public, max-age=300"
    assert client.get("/widget/0000000000000000/secret.py").status_code == 404
    assert client.get("/widget/x/..%2Fwidget.py").status_code == 404


def test_content_negotiation_edge_cases(client: TestClient) -> None:
    r = client.get("/widget.js", headers={"Accept-Encoding": "gzip;q=0, identity"})
    assert "content-encoding" not in r.headers
    assert client.get("/widget.js", headers={"If-None-Match": "*"}).status_code == 304
    etag = client.get("/widget.js").headers["etag"]
    bare = etag.removeprefix("W/")
    listed = f'"a", {bare}'
    assert client.get("/widget.js", headers={"If-None-Match": listed}).status_code == 304
    head = client.head("/widget.js")
    assert head.status_code == 200
    assert head.content == b""
