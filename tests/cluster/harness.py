"""Several copydesk nodes on one machine, each a host of its own: the cluster test's and
the cluster bench's harness.

Layout (every address is on a bridge this harness creates and removes)::

    test process, HAProxy (127.0.0.1:FRONT, round robin, health checks)
        │
    bridge cdbrXXXX  10.77.S.1 ── PostgreSQL, Redis, page server, webhook receiver
        ├── veth ── netns copydesk-XXXX-n1  10.77.S.11:8000  copydesk serve
        ├── veth ── netns copydesk-XXXX-n2  10.77.S.12:8000  copydesk serve
        └── veth ── netns copydesk-XXXX-n3  10.77.S.13:8000  copydesk serve

The namespaces have no default route: a node reaches the bridge's subnet and nothing
else.  PostgreSQL and Redis are throwaway instances of their own (a temporary data
directory, listening on loopback and the bridge), so the machine's services are not
touched.  HAProxy replaces ``X-Forwarded-For`` with the address it sees, and the nodes
trust it (``COPYDESK_TRUSTED_PROXIES`` = the bridge's address, where HAProxy's
connections to them come from).  A load generator gives readers distinct addresses by
binding to 127.A.B.C (all of 127/8 is loopback).
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

NODE_PORT = 8000
SECRET_KEY = "cluster-secret-key-shared-by-every-node"
CLK_TCK = os.sysconf("SC_CLK_TCK")


def _ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True, text=True, timeout=10)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def missing() -> str | None:
    """Why a cluster cannot run here (None: it can)."""
    if os.geteuid() != 0:
        return "needs root (ip netns, veth, bridge)"
    for tool in ("ip", "haproxy", "redis-server"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    if not glob.glob("/usr/lib/postgresql/*/bin/postgres"):
        return "PostgreSQL's server binaries (/usr/lib/postgresql/*/bin) are not installed"
    probe = f"copydesk-probe-{secrets.token_hex(3)}"
    try:
        _ip("netns", "add", probe)
    except (subprocess.CalledProcessError, OSError) as exc:
        detail = getattr(exc, "stderr", "") or str(exc)
        return f"ip netns is not permitted: {detail.strip()}"
    with contextlib.suppress(subprocess.CalledProcessError):
        _ip("netns", "del", probe)
    return None


def _free_subnet() -> str:
    """A 10.77.S.0/24 that no interface or route of this machine uses yet."""
    used = subprocess.run(["ip", "-o", "addr"], capture_output=True, text=True).stdout
    used += subprocess.run(["ip", "route"], capture_output=True, text=True).stdout
    for s in secrets.SystemRandom().sample(range(1, 255), 254):
        if f"10.77.{s}." not in used:
            return f"10.77.{s}"
    raise RuntimeError("no free 10.77.S.0/24")


class Network:
    """A bridge on this machine and ``count`` namespaces, each with a veth into it."""

    def __init__(self, count: int) -> None:
        self.tag = secrets.token_hex(2)
        self.subnet = _free_subnet()
        self.host = f"{self.subnet}.1"
        self.bridge = f"cdbr{self.tag}"
        self.namespaces = [f"copydesk-{self.tag}-n{i + 1}" for i in range(count)]
        self.addresses = [f"{self.subnet}.{11 + i}" for i in range(count)]
        self._veths = [f"cdv{self.tag}{i + 1}" for i in range(count)]

    def up(self) -> None:
        try:
            _ip("link", "add", self.bridge, "type", "bridge", "forward_delay", "0")
            _ip("addr", "add", f"{self.host}/24", "dev", self.bridge)
            _ip("link", "set", self.bridge, "up")
            for ns, veth, address in zip(self.namespaces, self._veths, self.addresses,
                                         strict=True):
                _ip("netns", "add", ns)
                _ip("link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", ns)
                _ip("link", "set", veth, "master", self.bridge, "up")
                _ip("-n", ns, "addr", "add", f"{address}/24", "dev", "eth0")
                _ip("-n", ns, "link", "set", "eth0", "up")
                _ip("-n", ns, "link", "set", "lo", "up")
        except BaseException:
            self.down()
            raise

    def down(self) -> None:
        """Remove everything :meth:`up` made (whatever of it exists)."""
        for ns in self.namespaces:
            with contextlib.suppress(subprocess.CalledProcessError):
                _ip("netns", "del", ns)  # takes its end of the veth, and so the pair
        for name in [*self._veths, self.bridge]:
            with contextlib.suppress(subprocess.CalledProcessError):
                _ip("link", "del", name)


def _stop(proc: subprocess.Popen[bytes], sig: int = signal.SIGTERM, group: bool = False) -> None:
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, sig) if group else proc.send_signal(sig)
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL) if group else proc.kill()
        proc.wait(5)


def cpu_seconds(pids: Sequence[int]) -> float:
    """User and system CPU of these processes (and of their reaped children)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(x) for x in fields[11:15])  # utime stime cutime cstime
    return total / CLK_TCK


class Postgres:
    """A throwaway PostgreSQL server (initdb in a temporary directory, fsync off)."""

    def __init__(self, listen: Sequence[str], trust: str, fsync: bool = False) -> None:
        bindir = Path(sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1])
        self.dir = Path(tempfile.mkdtemp(prefix="copydesk-cluster-pg-"))
        shutil.chown(self.dir, "postgres", "postgres")
        data = self.dir / "data"
        as_pg: dict[str, str] = {"user": "postgres", "group": "postgres"}
        subprocess.run([str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U",
                        "postgres", "-E", "UTF8", "--no-sync"], check=True,
                       capture_output=True, cwd=self.dir, **as_pg)  # type: ignore[call-overload]
        with (data / "pg_hba.conf").open("a") as hba:
            hba.write(f"host all all {trust} trust\n")
        self.port = free_port()
        self.log = (self.dir / "postgres.log").open("wb")
        self.proc = subprocess.Popen(  # type: ignore[call-overload]
            [str(bindir / "postgres"), "-D", str(data), "-p", str(self.port),
             "-c", f"listen_addresses={','.join(listen)}",
             "-c", f"unix_socket_directories={self.dir}", "-c", "max_connections=300",
             "-c", f"fsync={'on' if fsync else 'off'}", "-c", "shared_buffers=64MB"],
            stdout=self.log, stderr=subprocess.STDOUT, cwd=self.dir, **as_pg)
        self._wait()
        self.pid = self.proc.pid

    def _wait(self) -> None:
        import psycopg

        deadline = time.monotonic() + 30
        while True:
            try:
                with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres "
                                     "dbname=postgres", autocommit=True) as conn:
                    conn.execute("CREATE DATABASE copydesk")
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    raise RuntimeError("PostgreSQL did not start: " +
                                       (self.dir / "postgres.log").read_text()[-2000:]) from None
                time.sleep(0.2)

    def url(self, host: str) -> str:
        return f"postgresql://postgres@{host}:{self.port}/copydesk"

    def pids(self) -> list[int]:
        return descendants(self.pid)

    def stop(self) -> None:
        _stop(self.proc, signal.SIGINT)  # fast shutdown
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


class Redis:
    """A throwaway Redis server: no persistence."""

    def __init__(self, listen: Sequence[str]) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="copydesk-cluster-redis-"))
        self.port = free_port()
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", " ".join(listen),
             "--save", "", "--appendonly", "no", "--protected-mode", "no",
             "--dir", str(self.dir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 15
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    s.sendall(b"PING\r\n")
                    if s.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                pass
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise RuntimeError("Redis did not start")
            time.sleep(0.1)

    def url(self, host: str) -> str:
        return f"redis://{host}:{self.port}/0"

    def stop(self) -> None:
        _stop(self.proc)
        shutil.rmtree(self.dir, ignore_errors=True)


class _Quiet(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128


@dataclass
class Hit:
    path: str
    client: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Recorder:
    """An HTTP server on ``host`` that records every request.  GET answers an article
    page after ``delay`` seconds (the page server); POST answers 200 (the webhook
    receiver)."""

    host: str
    delay: float = 0.0
    hits: list[Hit] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.lock = threading.Lock()
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _record(self, body: bytes) -> None:
                with recorder.lock:
                    recorder.hits.append(Hit(self.path, self.client_address[0],
                                             {k.lower(): v for k, v in self.headers.items()},
                                             body))

            def do_GET(self) -> None:
                self._record(b"")
                time.sleep(recorder.delay)
                page = ARTICLE.format(path=self.path).encode()
                self.send_response(200)
                self.send_header("content-type", "text/html; charset=utf-8")
                self.send_header("content-length", str(len(page)))
                self.end_headers()
                self.wfile.write(page)

            def do_POST(self) -> None:
                self._record(self.rfile.read(int(self.headers.get("content-length") or 0)))
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args: object) -> None:
                pass

        self.port = free_port(self.host)
        self.origin = f"http://{self.host}:{self.port}"
        self.server = _Quiet((self.host, self.port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def received(self, method: str = "") -> list[Hit]:
        with self.lock:
            return [h for h in self.hits if not method or (h.body == b"") == (method == "GET")]

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


ARTICLE = """<!doctype html><html lang="en"><head><title>Council backs harbour plan</title>
</head><body><article><h1>Council backs harbour plan</h1><p class="byline">By A. Writer</p>
<p>He was drafted into to the army in May. The regional council said on Tuesday that the
new harbour plan would be put to a vote before the end of the year, officials said.</p>
<p>The plan, first drawn up two years ago, would widen the quay and dredge the channel so
that larger ferries can dock; critics say the cost has doubled since then.</p>
<p>Page {path}.</p></article></body></html>"""


def descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except OSError:
            continue
        children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


class Node:
    """``copydesk serve`` inside a network namespace, on ``address:8000``."""

    def __init__(self, name: str, namespace: str, address: str, env: dict[str, str],
                 logdir: Path) -> None:
        self.name = name
        self.namespace = namespace
        self.address = address
        self.url = f"http://{address}:{NODE_PORT}"
        self.env = {**os.environ, **env, "COPYDESK_HOST": address,
                    "COPYDESK_PORT": str(NODE_PORT)}
        self.log = logdir / f"{name}.log"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as err:
            self.proc = subprocess.Popen(
                ["ip", "netns", "exec", self.namespace, sys.executable, "-m", "copydesk",
                 "serve"], env=self.env, start_new_session=True,
                stdout=subprocess.DEVNULL, stderr=err)

    def wait_ready(self, timeout: float = 60) -> None:
        assert self.proc is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.proc.poll() is None:
            try:
                if httpx.get(self.url + "/healthz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not start: " + self.log.read_text()[-3000:])

    def kill(self) -> None:
        """SIGKILL, the whole node at once (no shutdown of any kind)."""
        assert self.proc is not None
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> None:
        if self.proc is not None:
            _stop(self.proc, group=True)

    def pids(self) -> list[int]:
        return descendants(self.proc.pid) if self.proc and self.proc.poll() is None else []

    def metric(self, name: str) -> float:
        """The sum of a metric's samples on this node (its /metrics, read directly)."""
        text = httpx.get(self.url + "/metrics", timeout=5).text
        total = 0.0
        for line in text.splitlines():
            if line.startswith(name) and line[len(name)] in " {":
                total += float(line.rsplit(" ", 1)[1])
        return total


HAPROXY = """global
    maxconn 2048
    stats socket {dir}/haproxy.sock mode 600 level admin

defaults
    mode http
    timeout connect 1s
    timeout client 30s
    timeout server 30s
    timeout check 1s
    retries 2
    option redispatch 1
    option httpchk
    http-check send meth GET uri /healthz
    default-server check inter 500ms fall 2 rise 2

frontend front
    bind 127.0.0.1:{port}
    http-request set-header X-Forwarded-For %[src]
    http-request set-header X-Forwarded-Proto http
    default_backend nodes

backend nodes
    balance roundrobin
    http-response set-header X-Copydesk-Node %s
{servers}
"""


class Front:
    """HAProxy: round robin over the nodes, health checks on /healthz, a failed connect
    retried on another node; each answer names the node in ``X-Copydesk-Node``."""

    def __init__(self, nodes: Sequence[Node], directory: Path) -> None:
        self.dir = directory
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        servers = "\n".join(f"    server {n.name} {n.address}:{NODE_PORT}" for n in nodes)
        config = directory / "haproxy.cfg"
        config.write_text(HAPROXY.format(dir=directory, port=self.port, servers=servers))
        self.log = (directory / "haproxy.log").open("wb")
        self.proc = subprocess.Popen(["haproxy", "-db", "-f", str(config)],
                                     stdout=self.log, stderr=subprocess.STDOUT)

    def state(self) -> dict[str, str]:
        """Each server's status as HAProxy sees it (UP, DOWN, ...)."""
        with socket.socket(socket.AF_UNIX) as sock:
            sock.settimeout(5)
            sock.connect(str(self.dir / "haproxy.sock"))
            sock.sendall(b"show stat\n")
            data = b""
            while chunk := sock.recv(65536):
                data += chunk
        found = {}
        for line in data.decode().splitlines():
            cells = line.split(",")
            if len(cells) > 17 and cells[0] == "nodes" and cells[1] not in ("BACKEND",):
                found[cells[1]] = cells[17].split()[0]
        return found

    def wait_state(self, wanted: dict[str, str], timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                state = self.state()
            except OSError:
                state = {}
            if all(state.get(k) == v for k, v in wanted.items()):
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"HAProxy sees {state}, not {wanted}")
            time.sleep(0.1)

    def stop(self) -> None:
        _stop(self.proc)
        self.log.close()


def node_env(network: Network, pg: Postgres, redis: Redis, **extra: str) -> dict[str, str]:
    """The environment every node gets: the same file on every machine."""
    env = {
        "COPYDESK_DATABASE_URL": pg.url(network.host),
        "COPYDESK_REDIS_URL": redis.url(network.host),
        "COPYDESK_SECRET_KEY": SECRET_KEY,
        "COPYDESK_TRUSTED_PROXIES": network.host,
        "COPYDESK_ALLOW_PRIVATE_TARGETS": "true",
        "COPYDESK_WORKERS": "1",
        "COPYDESK_MIN_TIME_ON_PAGE_MS": "0",
        "COPYDESK_FEEDS_INTERVAL": "0",
        "COPYDESK_TARPIT_MS": "0",  # the limit test's refusals answered at once
        "COPYDESK_LOG_LEVEL": "WARNING",
    }
    env.update({f"COPYDESK_{k.upper()}": v for k, v in extra.items()})
    return env


@contextlib.contextmanager
def cluster(count: int, workdir: Path, *, fsync: bool = False, page_delay: float = 0.0,
            **settings: str) -> Iterator[Cluster]:
    """Bring everything up (migrating once, before the nodes start) and down again,
    however the body ends."""
    with contextlib.ExitStack() as stack:
        network = Network(count)
        stack.callback(network.down)
        network.up()
        listen = ["127.0.0.1", network.host]
        pg = Postgres(listen, f"{network.subnet}.0/24", fsync=fsync)
        stack.callback(pg.stop)
        redis = Redis(listen)
        stack.callback(redis.stop)
        pages = Recorder(network.host, delay=page_delay)
        stack.callback(pages.stop)
        hooks = Recorder(network.host)
        stack.callback(hooks.stop)
        subprocess.run([sys.executable, "-m", "copydesk", "db", "upgrade"], check=True,
                       capture_output=True, timeout=120,
                       env={**os.environ, "COPYDESK_DATABASE_URL": pg.url("127.0.0.1")})
        env = node_env(network, pg, redis, public_url="http://cluster.invalid", **settings)
        nodes = [Node(f"n{i + 1}", ns, address, env, workdir)
                 for i, (ns, address) in enumerate(zip(network.namespaces,
                                                       network.addresses, strict=True))]
        for node in nodes:
            stack.callback(node.stop)
            node.start()
        for node in nodes:
            node.wait_ready()
        front = Front(nodes, workdir)
        stack.callback(front.stop)
        front.wait_state({n.name: "UP" for n in nodes})
        yield Cluster(network, pg, redis, pages, hooks, nodes, front)


@dataclass
class Cluster:
    network: Network
    pg: Postgres
    redis: Redis
    pages: Recorder
    hooks: Recorder
    nodes: list[Node]
    front: Front

    @property
    def db_url(self) -> str:
        return self.pg.url("127.0.0.1")


def reader(address: str) -> httpx.Client:
    """A client whose connections come from ``address`` (127.x.y.z)."""
    return httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=30)


def report(site: str, origin: str, path: str, exact: str, **more: object) -> dict[str, object]:
    body: dict[str, object] = {
        "site": site, "url": origin + path, "exact": exact,
        "prefix": "The regional council said on Tuesday that ",
        "suffix": " would be put to a vote before the end of the year.",
        "title": "Council backs harbour plan", "lang": "en",
    }
    body.update(more)
    return body


def post(client: httpx.Client, front: Front, origin: str, body: dict[str, object]
         ) -> httpx.Response:
    return client.post(front.url + "/api/v1/reports", content=json.dumps(body),
                       headers={"content-type": "text/plain", "origin": origin})


def served_by(responses: Sequence[httpx.Response]) -> Counter[str]:
    return Counter(r.headers.get("x-copydesk-node", "?") for r in responses)
