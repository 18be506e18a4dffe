"""A real HTTP server on 127.0.0.1 for the fetch and CLI tests."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARTICLE_HTML = """<!doctype html>
<html><head><title>Heat warning</title></head>
<body>
<nav><a href="/">Home</a> | <a href="/news">News</a> | Subscribe now</nav>
<article>
<h1>Heat warning extended</h1>
<p>Forecasters extended the heat warning on Tuesday, saying nighttime lows of 4 Celsius (4F)
were not expected any time soon.</p>
<p>He was drafted into to the army in 1944 and served for three years in the navy.</p>
<p>The city opened six cooling centers in libraries and community halls across the city.</p>
</article>
<footer>Copyright the the Daily Example</footer>
</body></html>
"""

PLAIN = "All is well in the city today.\n"


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def _send(self, status: int, content_type: str, body: bytes, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path == "/article.html":
            self._send(200, "text/html; charset=utf-8", ARTICLE_HTML.encode())
        elif self.path == "/plain.txt":
            self._send(200, "text/plain; charset=utf-8", PLAIN.encode())
        elif self.path == "/flowbus.txt":
            self._send(200, "text/plain", b"The flowbus runs late.")
        elif self.path == "/image.png":
            self._send(200, "image/png", b"\x89PNG\r\n")
        elif self.path == "/moved":
            self._send(302, "text/plain", b"", Location="/article.html")
        elif self.path == "/elsewhere":
            port = self.server.server_address[1]
            self._send(302, "text/plain", b"", Location=f"http://localhost:{port}/article.html")
        elif self.path == "/loop":
            self._send(302, "text/plain", b"", Location="/loop")
        elif self.path == "/big":
            self._send(200, "text/plain", b"word " * 50_000)
        elif self.path == "/slow":
            time.sleep(2)
            self._send(200, "text/plain", b"late")
        else:
            self._send(404, "text/plain", b"not found")


@contextmanager
def serve() -> Iterator[str]:
    """Serve the test pages; yields the base URL (http://127.0.0.1:PORT)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
