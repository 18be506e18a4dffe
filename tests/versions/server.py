"""A local HTTP server (127.0.0.1) whose pages the tests change between fetches."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Answer:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    etag: str = ""
    location: str = ""
    delay: float = 0.0


@dataclass
class Pages:
    answers: dict[str, Answer] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    url: str = ""

    def set(self, path: str, html: str | bytes = b"", **options: object) -> None:
        body = html.encode() if isinstance(html, str) else html
        self.answers[path] = Answer(body, **options)  # type: ignore[arg-type]


@contextmanager
def serve() -> Iterator[Pages]:
    pages = Pages()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            pages.requests.append((self.path, dict(self.headers.items())))
            answer = pages.answers.get(self.path, Answer(b"not found", "text/plain", 404))
            if answer.delay:
                time.sleep(answer.delay)
            if answer.etag and self.headers.get("If-None-Match") == answer.etag:
                self.send_response(304)
                self.send_header("ETag", answer.etag)
                self.end_headers()
                return
            self.send_response(answer.status)
            self.send_header("Content-Type", answer.content_type)
            self.send_header("Content-Length", str(len(answer.body)))
            if answer.etag:
                self.send_header("ETag", answer.etag)
            if answer.location:
                self.send_header("Location", answer.location)
            self.end_headers()
            with suppress(OSError):
                self.wfile.write(answer.body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    pages.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield pages
    finally:
        server.shutdown()
        server.server_close()


PARAGRAPHS = [
    "Forecasters extended the heat warning on Tuesday, saying nighttime lows would stay "
    "high for the rest of the week across the whole region.",
    "He was drafted into to the army in 1944 and served for three years in the navy "
    "before he came home to the farm.",
    "The city opened six cooling centers in libraries and community halls, and said "
    "buses to them would run every twenty minutes.",
    "Officials asked residents to check on elderly neighbours and to keep pets indoors "
    "during the hottest hours of the afternoon.",
]


def article(paragraphs: list[str] | None = None, *, headline: str = "Heat warning extended",
            extra: str = "", charset_meta: str = "") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in (PARAGRAPHS if paragraphs is None else paragraphs))
    meta = f'<meta charset="{charset_meta}">' if charset_meta else ""
    return (f"<!doctype html><html lang=\"en\"><head>{meta}<title>{headline}</title>"
            f'<meta name="author" content="Jane Reporter"></head><body>'
            f"<nav>Home | News | Subscribe now</nav>{extra}"
            f"<article><h1>{headline}</h1>\n{body}\n</article>"
            "<footer>Copyright the Daily Example</footer></body></html>")
