"""Real HTTP receivers on 127.0.0.1 for notification tests (a thread each)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.conftest import free_port


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


Reply = tuple[int, dict[str, str], bytes]
Handler = Callable[[Request], Reply]


def ok(_: Request) -> Reply:
    return 200, {"content-type": "application/json"}, b"{}"


class _Server(ThreadingHTTPServer):
    request_queue_size = 128  # many concurrent deliveries: no dropped SYNs, no 1 s stalls


@dataclass
class Receiver:
    """Records every request; ``handler`` decides the answer."""

    handler: Handler = ok
    requests: list[Request] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        receiver = self

        class _Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                request = Request("POST", self.path, {k.lower(): v for k, v in
                                                      self.headers.items()},
                                  self.rfile.read(length))
                with receiver.lock:
                    receiver.requests.append(request)
                status, headers, body = receiver.handler(request)
                try:
                    self.send_response(status)
                    for key, value in headers.items():
                        self.send_header(key, value)
                    self.send_header("content-length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:  # the sender went away (a killed worker)
                    self.close_connection = True

            def log_message(self, *args: object) -> None:
                pass

        self.server = _Server(("127.0.0.1", self.port), _Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Receiver:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def received(self) -> list[Request]:
        with self.lock:
            return list(self.requests)
