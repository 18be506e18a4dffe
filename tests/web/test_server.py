"""``copydesk serve`` against hostile clients: a real server, raw sockets.

Each attack is bounded in bytes and time.  The server runs with a 2 s header and body
timeout, so a slow client is dropped within 3x that.  Every attack ends with an
ordinary request, which must still be answered.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import orjson
import pytest
from starlette.testclient import TestClient

from copydesk import sites
from copydesk.storage.database import Database
from tests.conftest import free_port

pytestmark = pytest.mark.slow

TIMEOUT = 2  # COPYDESK_HEADER_TIMEOUT and COPYDESK_BODY_TIMEOUT of the servers below
BOUND = 3 * TIMEOUT  # a slow client is dropped within this much time
SITE_KEY = "server-test-key"


class Server:
    """A ``copydesk serve`` subprocess on a free loopback port, its stderr in a file."""

    def __init__(self, directory: Path, template: Path, workers: int) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        shutil.copy(template, directory / "copydesk.db")
        url = f"sqlite:///{directory / 'copydesk.db'}"
        db = Database(url)
        db.write_sync(lambda c: sites.create(c, "D", ["https://news.example"], key=SITE_KEY))
        db.close()
        self.port = free_port()
        self.log = directory / "stderr.log"
        env = {
            **os.environ,
            "COPYDESK_DATABASE_URL": url,
            "COPYDESK_PORT": str(self.port),
            "COPYDESK_WORKERS": str(workers),
            "COPYDESK_SECRET_KEY": "server-test",
            "COPYDESK_MIN_TIME_ON_PAGE_MS": "0",
            "COPYDESK_PROOFREAD_FETCH": "false",
            "COPYDESK_HEADER_TIMEOUT": str(TIMEOUT),
            "COPYDESK_BODY_TIMEOUT": str(TIMEOUT),
        }
        with self.log.open("wb") as err:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "copydesk", "serve"], env=env, start_new_session=True,
                stdout=subprocess.DEVNULL, stderr=err,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                if httpx.get(self.url("/healthz"), timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("server did not start: " + self.log.read_text())

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)

    def pids(self) -> list[int]:
        """The serve process and its descendants (workers, committer)."""
        children: dict[int, list[int]] = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
        found, todo = [], [self.proc.pid]
        while todo:
            pid = todo.pop()
            found.append(pid)
            todo.extend(children.get(pid, []))
        return found

    def rss_kib(self) -> int:
        total = 0
        for pid in self.pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        return total

    def still_answers(self) -> None:
        assert httpx.get(self.url("/healthz"), timeout=10).status_code == 200

    def log_lines(self) -> list[str]:
        return [line for line in self.log.read_text().splitlines() if line.strip()]


def _start(tmp_path_factory: pytest.TempPathFactory, template: Path,
           workers: int) -> Iterator[Server]:
    server = Server(tmp_path_factory.mktemp(f"serve{workers}"), template, workers)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def one_worker(tmp_path_factory: pytest.TempPathFactory,
               sqlite_template: Path) -> Iterator[Server]:
    yield from _start(tmp_path_factory, sqlite_template, workers=1)


@pytest.fixture(scope="module")
def default_workers(tmp_path_factory: pytest.TempPathFactory,
                    sqlite_template: Path) -> Iterator[Server]:
    """``serve`` with its default worker count (one per core)."""
    yield from _start(tmp_path_factory, sqlite_template, workers=0)


@pytest.fixture(params=["one_worker", "default_workers"])
def server(request: pytest.FixtureRequest) -> Server:
    found: Server = request.getfixturevalue(request.param)
    return found


def _connect(server: Server) -> socket.socket:
    return socket.create_connection(("127.0.0.1", server.port), timeout=5)


def _read_to_close(sock: socket.socket, within: float) -> tuple[bytes, float | None]:
    """What the server sends until it closes, and after how many seconds it closed
    (``None`` when it still had not after ``within``)."""
    start = time.monotonic()
    got = b""
    while time.monotonic() - start < within:
        sock.settimeout(max(0.05, within - (time.monotonic() - start)))
        try:
            data = sock.recv(65536)
        except TimeoutError:
            break
        except ConnectionResetError:
            return got, time.monotonic() - start
        if not data:
            return got, time.monotonic() - start
        got += data
    return got, None


def _status(response: bytes) -> int | None:
    if not response.startswith(b"HTTP/1.1 "):
        return None
    return int(response[9:12])


def _answer(server: Server, request: bytes) -> tuple[int | None, bytes]:
    with _connect(server) as sock:
        sock.sendall(request)
        response, _ = _read_to_close(sock, 10)
    return _status(response), response


# Sizes


def test_an_endless_header_value_is_refused_and_memory_stays_flat(server: Server) -> None:
    before = server.rss_kib()
    sockets = [_connect(server) for _ in range(4)]
    chunk = b"a" * 65536
    sent = [0] * len(sockets)
    open_ = [True] * len(sockets)
    for sock in sockets:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Endless: ")
        sock.settimeout(0.5)
    deadline = time.monotonic() + 6
    # Up to 16 MiB each, or until the server stops taking it.
    while any(open_) and time.monotonic() < deadline:
        for i, sock in enumerate(sockets):
            if not open_[i]:
                continue
            try:
                sock.sendall(chunk)
                sent[i] += len(chunk)
            except (TimeoutError, OSError):
                open_[i] = False
            if sent[i] >= 16 * 1024 * 1024:
                open_[i] = False
    grown = server.rss_kib() - before  # the connections are still open on the client side
    answers = []
    for sock in sockets:
        response, _ = _read_to_close(sock, BOUND)
        answers.append(_status(response))
        sock.close()
    assert grown < 24 * 1024, f"the server grew by {grown} KiB"
    assert all(a in (431, None) for a in answers), answers
    assert max(sent) < 4 * 1024 * 1024  # refused early, not read to the end
    server.still_answers()


def test_too_many_headers_are_refused(one_worker: Server) -> None:
    headers = b"".join(b"X-H%d: 1\r\n" % i for i in range(101))
    status, body = _answer(one_worker, b"GET /healthz HTTP/1.1\r\nHost: x\r\n" + headers + b"\r\n")
    assert status == 431
    assert orjson.loads(body.split(b"\r\n\r\n", 1)[1])["error"]["code"] == "too_many_headers"
    one_worker.still_answers()


def test_one_header_line_too_long_is_refused(one_worker: Server) -> None:
    status, _ = _answer(one_worker, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: "
                        + b"b" * 9000 + b"\r\n\r\n")
    assert status == 431
    status, _ = _answer(one_worker, b"GET /healthz?" + b"q" * 9000 + b" HTTP/1.1\r\n\r\n")
    assert status == 414
    one_worker.still_answers()


def test_heads_within_the_limits_are_served(one_worker: Server) -> None:
    # 14 headers of 1 KiB (14 KiB in all), 96 headers in all: under every limit.
    big = b"".join(b"X-B%d: %s\r\n" % (i, b"v" * 1000) for i in range(14))
    many = b"".join(b"X-M%d: 1\r\n" % i for i in range(80))
    status, _ = _answer(one_worker, b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                        + big + many + b"\r\n")
    assert status == 200


def test_pipelined_requests_longer_than_one_head_limit_are_served(one_worker: Server) -> None:
    # 300 small requests in one write (about 27 KiB): their heads together exceed
    # the head limit, none alone does.
    one = b"GET /nowhere HTTP/1.1\r\nHost: x\r\nX-Pad: " + b"p" * 40 + b"\r\n\r\n"
    last = b"GET /nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    with _connect(one_worker) as sock:
        sock.sendall(one * 299 + last)
        response, closed = _read_to_close(sock, 20)
    assert response.count(b"HTTP/1.1 404 ") == 300
    assert closed is not None


# Time


def test_a_slowloris_is_dropped_after_the_header_timeout(server: Server) -> None:
    with _connect(server) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        start = time.monotonic()
        response, closed_after = b"", None
        while time.monotonic() - start < BOUND + 2:
            try:
                sock.sendall(b"X-Slow: 1\r\n")
            except OSError:
                closed_after = time.monotonic() - start
                break
            got, closed = _read_to_close(sock, 1.0)  # one header line a second
            response += got
            if closed is not None:
                closed_after = time.monotonic() - start
                break
    assert closed_after is not None and closed_after < BOUND, closed_after
    assert _status(response) in (408, None)
    server.still_answers()


def test_a_slowloris_gets_408(one_worker: Server) -> None:
    with _connect(one_worker) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        response, closed = _read_to_close(sock, BOUND)
    assert closed is not None
    assert _status(response) == 408
    assert orjson.loads(response.split(b"\r\n\r\n", 1)[1])["error"]["code"] == "request_timeout"


def test_an_idle_connection_is_closed(one_worker: Server) -> None:
    with _connect(one_worker) as sock:
        response, closed = _read_to_close(sock, BOUND)
    assert closed is not None and response == b""
    one_worker.still_answers()


def test_a_slow_body_is_dropped_after_the_body_timeout(server: Server) -> None:
    with _connect(server) as sock:
        sock.sendall(b"POST /api/v1/reports HTTP/1.1\r\nHost: x\r\n"
                     b"Content-Type: application/json\r\nOrigin: https://news.example\r\n"
                     b"Content-Length: 1000\r\n\r\n{")
        start = time.monotonic()
        response, closed_after = b"", None
        while time.monotonic() - start < BOUND + 2:
            try:
                sock.sendall(b" ")
            except OSError:
                closed_after = time.monotonic() - start
                break
            got, closed = _read_to_close(sock, 0.5)  # a byte every half second
            response += got
            if closed is not None:
                closed_after = time.monotonic() - start
                break
    assert closed_after is not None and closed_after < BOUND, closed_after
    assert _status(response) in (408, None)
    server.still_answers()


def test_a_body_sent_in_time_is_read(one_worker: Server) -> None:
    body = orjson.dumps({"site": SITE_KEY, "url": "https://news.example/slow",
                         "exact": "into to", "prefix": "drafted ", "suffix": " the army"})
    with _connect(one_worker) as sock:
        sock.sendall(b"POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                     b"Content-Type: application/json\r\nOrigin: https://news.example\r\n"
                     b"Content-Length: %d\r\n\r\n" % len(body))
        for part in (body[:10], body[10:]):
            time.sleep(TIMEOUT / 4)
            sock.sendall(part)
        response, _ = _read_to_close(sock, 10)
    assert _status(response) == 201


# Logs


def test_workers_log_json_and_a_disconnect_prints_no_traceback(
        default_workers: Server) -> None:
    server = default_workers
    resp = httpx.post(server.url("/api/v1/reports"), timeout=10,
                      headers={"Origin": "https://news.example"},
                      json={"site": SITE_KEY, "url": "https://news.example/logs",
                            "exact": "into to", "prefix": "drafted ", "suffix": " the army"})
    assert resp.status_code == 201
    report = resp.json()["id"]
    deadline = time.monotonic() + 10
    stored: list[dict[str, object]] = []
    while not stored and time.monotonic() < deadline:
        stored = [r for r in map(orjson.loads, server.log_lines())
                  if r.get("message") == "report stored" and r.get("report") == report]
        time.sleep(0.1)
    assert stored and stored[0]["logger"] == "copydesk.ingest"

    lines = len(server.log_lines())
    for _ in range(4):  # over both workers, likely
        with _connect(server) as sock:
            sock.sendall(b"POST /api/v1/reports HTTP/1.1\r\nHost: x\r\n"
                         b"Content-Type: application/json\r\nContent-Length: 500\r\n\r\n{")
            time.sleep(0.2)
    deadline = time.monotonic() + 3
    while len(server.log_lines()) < lines + 4 and time.monotonic() < deadline:
        time.sleep(0.1)
    server.still_answers()
    text = server.log.read_text()
    assert "Traceback" not in text
    for line in server.log_lines():
        orjson.loads(line)  # every line is one JSON object, uvicorn's own included


# Redirects


@pytest.mark.parametrize(("path", "location"), [
    ("/healthz/", "/healthz"),
    ("/healthz/?a=1&b=%2F", "/healthz?a=1&b=%2F"),
    ("/healthz///", "/healthz"),
])
def test_trailing_slash_redirects_are_relative(client: TestClient, path: str,
                                               location: str) -> None:
    resp = client.get(path, headers={"Host": "evil.example"}, follow_redirects=False)
    assert resp.status_code == 307
    assert resp.headers["location"] == location


def test_no_redirect_to_another_host(client: TestClient) -> None:
    for path in ("//evil.example/", "/\\evil.example/", "//evil.example/healthz/"):
        resp = client.get("http://127.0.0.1" + path, follow_redirects=False)
        assert resp.status_code == 404, path
        assert "location" not in resp.headers
