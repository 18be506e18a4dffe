"""The dashboard's own static files (one stylesheet, one script): Starlette's
``StaticFiles`` (ETag, Last-Modified, conditional requests, HEAD), mounted under
``/static/dashboard`` with the dashboard's headers and five minutes of caching."""

from __future__ import annotations

from pathlib import Path

from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from copydesk.web.dashboard.headers import STATIC, SecurityHeaders

STATIC_DIR = Path(__file__).resolve().parents[2] / "static" / "dashboard"


def mount() -> Mount:
    files = StaticFiles(directory=STATIC_DIR, check_dir=False)
    return Mount("/static/dashboard", app=SecurityHeaders(files, cache_control=STATIC))
