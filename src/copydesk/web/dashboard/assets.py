"""The dashboard's own static files (one stylesheet, one script), served with headers."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from copydesk.web.dashboard.security import add_headers

STATIC_DIR = Path(__file__).resolve().parents[2] / "static" / "dashboard"
TYPES = {"dashboard.css": "text/css; charset=utf-8",
         "dashboard.js": "text/javascript; charset=utf-8"}


@functools.cache
def _read(name: str) -> tuple[bytes, str]:
    body = (STATIC_DIR / name).read_bytes()
    return body, '"' + hashlib.sha256(body).hexdigest()[:16] + '"'


async def static_file(request: Request) -> Response:
    name = str(request.path_params["name"])
    if name not in TYPES:
        return add_headers(PlainTextResponse("Not found", status_code=404))
    body, etag = _read(name)
    headers = {"ETag": etag, "Cache-Control": "public, max-age=300"}
    if request.headers.get("if-none-match") == etag:
        return add_headers(Response(status_code=304, headers=headers), private=False)
    return add_headers(Response(body, media_type=TYPES[name], headers=headers), private=False)
