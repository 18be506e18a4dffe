"""The public addresses of a site's corrections (under ``/c/{site_key}/``) and the
stable ids of feed entries."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote, urlsplit

PREFIX = "/c"


def site_path(site_key: str) -> str:
    return f"{PREFIX}/{quote(site_key, safe='')}"


def page_path(site_key: str) -> str:
    return f"{site_path(site_key)}/corrections"


def correction_path(site_key: str, correction_id: int) -> str:
    return f"{page_path(site_key)}/{correction_id}"


def absolute(base: str, path: str) -> str:
    """``path`` under ``base`` (``COPYDESK_PUBLIC_URL``, or the request's own)."""
    return base.rstrip("/") + path


def tag_uri(origin: str, created: datetime, site_key: str, correction_id: int) -> str:
    """A ``tag:`` URI (RFC 4151) naming a correction for ever: the site's first origin's
    host and the day the site was created, then the site's key and the correction's id.
    It does not change when copydesk moves to another address."""
    host = urlsplit(origin).hostname or "copydesk.invalid"
    host = host.removeprefix("*.")
    return f"tag:{host},{created.date().isoformat()}:copydesk/{quote(site_key, safe='')}" \
           f"/corrections/{correction_id}"
