"""Serving the reader widget built into ``copydesk/static/widget/``.

- ``GET /widget.js``: the loader pages embed.  Short ``Cache-Control`` and an ETag, so a
  new release reaches readers within minutes and revalidation is a cheap 304.
- ``GET /widget/<hash>/<file>``: content-addressed copies, cached for a year as
  ``immutable``.  ``<hash>`` is the first 16 hex digits of the file's SHA-256 or, for the
  lazy chunks (``dialog.js``, ``notices.js``, and one ``<lang>.js``, one
  ``notices-<lang>.js`` and one ``notify-<lang>.js`` per language), of the release: every
  chunk's name and content (:func:`release`).  The loader imports the dialog chunk and
  the strings of the page's language from the release's URLs (the build writes the
  release hash into the loader, so it holds one hash, not one per chunk).  A request
  with an outdated hash gets the current file with the short cache lifetime, so a page
  holding an old loader keeps working during a release.

Files are read on first request, not at import.  Responses are gzip-compressed when the
client accepts it, and carry ``Access-Control-Allow-Origin: *``: the chunks are loaded
as module scripts, which browsers fetch with CORS.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
from dataclasses import dataclass
from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

STATIC_DIR = Path(__file__).resolve().parent.parent / "static" / "widget"
LOADER = "widget.js"
SHORT_CACHE = "public, max-age=300"
IMMUTABLE_CACHE = "public, max-age=31536000, immutable"
CONTENT_TYPE = "text/javascript; charset=utf-8"


@dataclass(frozen=True)
class Asset:
    """One built widget file, with its hash and a gzip-compressed copy."""

    name: str
    body: bytes
    gzipped: bytes
    digest: str

    @property
    def etag(self) -> str:
        # Weak: the gzip and identity encodings share it.
        return f'W/"{self.digest}"'


def digest(data: bytes) -> str:
    """The content hash used in immutable URLs (same as the widget's build script)."""
    return hashlib.sha256(data).hexdigest()[:16]


def release(chunks: dict[str, Asset]) -> str:
    """The hash of a set of chunks, as widget/build.mjs computes it: SHA-256 over every
    chunk's name, NUL, content and NUL, in name order; first 16 hex digits."""
    sha = hashlib.sha256()
    for name in sorted(chunks):
        sha.update(name.encode() + b"\0" + chunks[name].body + b"\0")
    return sha.hexdigest()[:16]


def read_asset(name: str, directory: Path = STATIC_DIR) -> Asset:
    body = (directory / name).read_bytes()
    return Asset(
        name=name,
        body=body,
        gzipped=gzip.compress(body, compresslevel=9, mtime=0),
        digest=digest(body),
    )


@functools.cache
def release_digest() -> str:
    """The current release hash of the lazy chunks (everything but the loader)."""
    return release({n: a for n, a in assets().items() if n != LOADER})


@functools.cache
def assets() -> dict[str, Asset]:
    """The built files (the loader, the dialog and notices chunks, their strings per
    language, the e-mail field's chunk per language), read once per process."""
    return {p.name: read_asset(p.name) for p in sorted(STATIC_DIR.glob("*.js"))}


def hashed_urls(prefix: str = "") -> dict[str, str]:
    """``{"widget.js": "<prefix>/widget/<hash>/widget.js", "dialog.js": ...}``.

    ``prefix`` is an origin or base URL such as ``https://copydesk.example`` (no trailing
    slash); by default the URLs are root-relative.
    """
    rel = release_digest()
    return {name: f"{prefix}/widget/{a.digest if name == LOADER else rel}/{name}"
            for name, a in assets().items()}


def _etag_matches(header: str, etag: str) -> bool:
    if header.strip() == "*":
        return True
    tags = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    return etag.removeprefix("W/") in tags


def _accepts_gzip(request: Request) -> bool:
    for part in request.headers.get("accept-encoding", "").split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip().lower() in {"gzip", "*"}:
            q = params.strip().removeprefix("q=").strip()
            return q not in {"0", "0.0", "0.00", "0.000"}
    return False


def _respond(request: Request, asset: Asset, cache_control: str) -> Response:
    headers = {
        "Cache-Control": cache_control,
        "ETag": asset.etag,
        "Vary": "Accept-Encoding",
        "Access-Control-Allow-Origin": "*",
        "Cross-Origin-Resource-Policy": "cross-origin",
        "X-Content-Type-Options": "nosniff",
    }
    if _etag_matches(request.headers.get("if-none-match", ""), asset.etag):
        return Response(status_code=304, headers=headers)
    body = asset.body
    if _accepts_gzip(request):
        body = asset.gzipped
        headers["Content-Encoding"] = "gzip"
    return Response(body, headers=headers, media_type=CONTENT_TYPE)


async def loader(request: Request) -> Response:
    return _respond(request, assets()[LOADER], SHORT_CACHE)


async def hashed(request: Request) -> Response:
    name = request.path_params["name"]
    asset = assets().get(name)
    if asset is None:
        return Response("not found\n", status_code=404, media_type="text/plain")
    fresh = request.path_params["digest"] in (asset.digest, release_digest())
    return _respond(request, asset, IMMUTABLE_CACHE if fresh else SHORT_CACHE)


routes: list[BaseRoute] = [
    Route("/widget.js", loader, methods=["GET"]),
    Route("/widget/{digest:str}/{name:str}", hashed, methods=["GET"]),
]
