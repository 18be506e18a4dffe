"""The SSRF guard: which addresses are refused, and that a refused one is never reached."""

from __future__ import annotations

import ipaddress
import shutil
import ssl
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from copydesk import net
from tests.network import Wire, answer
from tests.notify.receivers import Receiver

#: IPv6 forms that embed IPv4, each with a global IPv4 (allowed) and a private or
#: loopback one (refused).
EMBEDDED = [
    ("64:ff9b::808:808", True),  # NAT64 of 8.8.8.8
    ("64:ff9b::7f00:1", False),  # NAT64 of 127.0.0.1
    ("64:ff9b::a00:1", False),  # NAT64 of 10.0.0.1
    ("64:ff9b:1::808:808", False),  # local-use NAT64: refused whatever it carries
    ("2002:808:808::1", True),  # 6to4 of 8.8.8.8
    ("2002:7f00:1::", False),  # 6to4 of 127.0.0.1
    ("2002:a9fe:a9fe::1", False),  # 6to4 of 169.254.169.254
    ("::8.8.8.8", True),  # IPv4-compatible
    ("::127.0.0.1", False),
    ("::ffff:0:808:808", True),  # IPv4-translated
    ("::ffff:0:7f00:1", False),
    ("::ffff:8.8.8.8", True),  # IPv4-mapped
    ("::ffff:10.0.0.1", False),
    ("::ffff:127.0.0.1", False),
    ("2001:0:4136:e378:8000:63bf:f7f7:f7f7", True),  # Teredo: client 8.8.8.8
    ("2001:0:4136:e378:8000:63bf:80ff:fffe", False),  # Teredo: client 127.0.0.1
    ("2001:0:7f00:1:8000:63bf:f7f7:f7f7", False),  # Teredo: server 127.0.0.1
]
PLAIN = [
    ("8.8.8.8", True),
    ("93.184.216.34", True),
    ("2606:4700::1111", True),
    ("127.0.0.1", False),
    ("10.1.2.3", False),
    ("172.16.0.1", False),
    ("192.168.1.10", False),
    ("169.254.169.254", False),
    ("100.64.0.1", False),
    ("0.0.0.0", False),
    ("192.0.2.1", False),
    ("224.0.0.1", False),
    ("255.255.255.255", False),
    ("::1", False),
    ("::", False),
    ("fe80::1", False),
    ("fc00::1", False),
    ("fec0::1", False),  # site-local
    ("ff0e::1", False),  # global-scope multicast
    ("2001:db8::1", False),
    ("4000::1", False),  # reserved, outside 2000::/3
]
REFUSED_EMBEDDED = [address for address, public in EMBEDDED if not public]


@pytest.mark.parametrize(("address", "public"), EMBEDDED + PLAIN)
def test_is_public(address: str, public: bool) -> None:
    assert net.is_public(ipaddress.ip_address(address)) is public
    assert net.address_allowed(ipaddress.ip_address(address), allow_private=False) is public
    assert net.address_allowed(ipaddress.ip_address(address), allow_private=True)


@pytest.mark.parametrize("address", REFUSED_EMBEDDED)
def test_check_url_refuses_a_name_answering_an_embedded_private_address(
    monkeypatch: pytest.MonkeyPatch, address: str
) -> None:
    answer(monkeypatch, {"hooks.example.test": [address]})
    with pytest.raises(net.TargetRefused, match="non-public address"):
        net.check_url("https://hooks.example.test/x", allow_private=False)
    net.check_url("https://hooks.example.test/x", allow_private=True)


def test_check_url_checks_every_address(monkeypatch: pytest.MonkeyPatch) -> None:
    answer(monkeypatch, {"mixed.test": ["8.8.8.8", "64:ff9b::808:808", "10.0.0.1"],
                         "public.test": ["8.8.8.8", "64:ff9b::808:808"]})
    with pytest.raises(net.TargetRefused, match=r"non-public address \(10\.0\.0\.1\)"):
        net.check_url("http://mixed.test/", allow_private=False)
    net.check_url("http://public.test/", allow_private=False)


@pytest.mark.parametrize(
    "url", ["ftp://example.test/", "file:///etc/passwd", "http://", "http://a.test:99999/"]
)
def test_check_url_needs_http_and_a_host(url: str) -> None:
    with pytest.raises(net.TargetRefused):
        net.check_url(url, allow_private=True)


@pytest.mark.parametrize("address", [*REFUSED_EMBEDDED, "127.0.0.1", "::1", "10.0.0.1"])
async def test_async_client_refuses_before_connecting(
    monkeypatch: pytest.MonkeyPatch, address: str
) -> None:
    answer(monkeypatch, {"evil.test": [address]})
    wire = Wire().install(monkeypatch)
    async with net.http_client(allow_private=False) as client:
        with pytest.raises(net.TargetRefused, match="non-public address"):
            await client.post("https://evil.test/hook", content=b"{}")
    assert wire.sent == []


@pytest.mark.parametrize("address", [*REFUSED_EMBEDDED, "127.0.0.1", "::1", "10.0.0.1"])
def test_sync_client_refuses_before_connecting(
    monkeypatch: pytest.MonkeyPatch, address: str
) -> None:
    answer(monkeypatch, {"evil.test": [address]})
    wire = Wire().install(monkeypatch)
    with net.sync_http_client(allow_private=False) as client, pytest.raises(
        net.TargetRefused, match="non-public address"
    ):
        client.get("http://evil.test/")
    assert wire.sent == []


@pytest.mark.parametrize("address", REFUSED_EMBEDDED)
async def test_literal_embedded_addresses_are_refused(
    monkeypatch: pytest.MonkeyPatch, address: str
) -> None:
    wire = Wire().install(monkeypatch)
    async with net.http_client(allow_private=False) as client:
        with pytest.raises(net.TargetRefused):
            await client.get(f"http://[{address}]/")
    assert wire.sent == []


@pytest.mark.parametrize("address", ["8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"])
async def test_request_goes_to_the_checked_address(
    monkeypatch: pytest.MonkeyPatch, address: str
) -> None:
    asked = answer(monkeypatch, {"news.test": [address]})
    wire = Wire().install(monkeypatch)
    async with net.http_client(allow_private=False) as client:
        response = await client.get("https://news.test:8443/a?b=c")
    assert response.status_code == 200
    assert str(response.url) == "https://news.test:8443/a?b=c"
    assert asked == ["news.test"]  # resolved once: the check and the connection agree
    [sent] = wire.sent
    assert sent.url.host == address
    assert sent.url.port == 8443
    assert sent.url.raw_path == b"/a?b=c"
    assert sent.headers["host"] == "news.test:8443"
    assert sent.extensions["sni_hostname"] == "news.test"


def test_plain_http_is_pinned_without_sni(monkeypatch: pytest.MonkeyPatch) -> None:
    answer(monkeypatch, {"news.test": ["8.8.8.8"]})
    wire = Wire().install(monkeypatch)
    with net.sync_http_client(allow_private=False) as client:
        assert client.get("http://news.test/").status_code == 200
    [sent] = wire.sent
    assert (sent.url.host, sent.headers["host"]) == ("8.8.8.8", "news.test")
    assert "sni_hostname" not in sent.extensions


async def test_a_name_that_changes_its_answer_cannot_rebind(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answers = {"rebind.test": ["8.8.8.8"]}
    asked = answer(monkeypatch, answers)
    wire = Wire().install(monkeypatch)
    async with net.http_client(allow_private=False) as client:
        await client.get("http://rebind.test/")
        answers["rebind.test"] = ["127.0.0.1"]
        with pytest.raises(net.TargetRefused):
            await client.get("http://rebind.test/")
    assert asked == ["rebind.test", "rebind.test"]
    assert [sent.url.host for sent in wire.sent] == ["8.8.8.8"]


def _redirect_inside(request: httpx.Request) -> httpx.Response:
    return httpx.Response(302, headers={"location": "http://inside.test/admin"})


@pytest.mark.parametrize("inside", ["10.0.0.1", "64:ff9b::a9fe:a9fe"])
async def test_a_redirect_to_a_private_address_is_refused(
    monkeypatch: pytest.MonkeyPatch, inside: str
) -> None:
    answer(monkeypatch, {"public.test": ["8.8.8.8"], "inside.test": [inside]})
    wire = Wire(_redirect_inside).install(monkeypatch)
    async with net.http_client(allow_private=False, follow_redirects=True) as client:
        with pytest.raises(net.TargetRefused, match="non-public address"):
            await client.get("http://public.test/")
    assert [sent.url.host for sent in wire.sent] == ["8.8.8.8"]


async def test_unknown_names_are_connect_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    answer(monkeypatch, {"nowhere.test": []})
    wire = Wire().install(monkeypatch)
    async with net.http_client(allow_private=True) as client:
        with pytest.raises(httpx.ConnectError, match=r"cannot resolve nowhere\.test"):
            await client.get("http://nowhere.test/")
    with pytest.raises(net.TargetRefused, match=r"cannot resolve nowhere\.test"):
        net.check_url("http://nowhere.test/", allow_private=True)
    assert wire.sent == []


@pytest.mark.parametrize("url", ["ftp://a.test/", "ws://a.test/"])
async def test_other_schemes_are_refused(url: str) -> None:
    async with net.http_client(allow_private=True) as client:
        with pytest.raises((net.TargetRefused, httpx.UnsupportedProtocol)):
            await client.get(url)


async def test_allow_private_reaches_a_loopback_server(monkeypatch: pytest.MonkeyPatch) -> None:
    answer(monkeypatch, {"desk.test": ["127.0.0.1"]})
    with Receiver() as receiver:
        named = receiver.url.replace("127.0.0.1", "desk.test")
        async with net.http_client(allow_private=True) as client:
            assert (await client.post(receiver.url + "/a", content=b"1")).status_code == 200
            assert (await client.post(named + "/b", content=b"2")).status_code == 200
        with net.sync_http_client(allow_private=True) as sync:
            assert sync.post(named + "/c", content=b"3").status_code == 200
        async with net.http_client(allow_private=False) as strict:
            with pytest.raises(net.TargetRefused):
                await strict.post(named + "/d", content=b"4")
        requests = receiver.received()
    assert [(r.path, r.body) for r in requests] == [("/a", b"1"), ("/b", b"2"), ("/c", b"3")]
    assert requests[1].headers["host"] == f"desk.test:{receiver.port}"


# HTTPS through the pin: SNI and certificate checks use the name, and a connection
# verified for one name is not reused for another name on the same address.


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("needs the openssl command")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "1",
         "-subj", "/CN=secure.test", "-addext", "subjectAltName=DNS:secure.test"],
        check=True, capture_output=True,
    )
    return cert, key


class _Hello(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keeps connections open for reuse

    def do_GET(self) -> None:
        body = self.headers.get("host", "").encode()
        self.send_response(200)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


class _TLSServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the refused handshake of the second name


@pytest.fixture
def tls_port(certificate: tuple[Path, Path]) -> Iterator[int]:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certificate)
    server = _TLSServer(("127.0.0.1", 0), _Hello)
    server.socket = context.wrap_socket(
        server.socket, server_side=True, do_handshake_on_connect=False
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield int(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()


async def test_https_verifies_the_name_through_the_pinned_address(
    monkeypatch: pytest.MonkeyPatch, certificate: tuple[Path, Path], tls_port: int
) -> None:
    answer(monkeypatch, {"secure.test": ["127.0.0.1"], "other.test": ["127.0.0.1"]})
    trusted = ssl.create_default_context(cafile=str(certificate[0]))
    async with net.http_client(allow_private=True, verify=trusted) as client:
        response = await client.get(f"https://secure.test:{tls_port}/")
        assert response.status_code == 200
        assert response.text == f"secure.test:{tls_port}"
        # The same address under a name the certificate does not carry: refused,
        # although a verified connection to that address is open in the client.
        with pytest.raises(httpx.ConnectError, match="certificate"):
            await client.get(f"https://other.test:{tls_port}/")
        again = await client.get(f"https://secure.test:{tls_port}/again")
        assert again.status_code == 200
