"""Jinja2 templates of the dashboard, autoescaped everywhere."""

from __future__ import annotations

import functools
from datetime import UTC, datetime
from typing import Any

import jinja2
from starlette.responses import HTMLResponse

from copydesk.web.dashboard import quoting


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("copydesk", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_href"] = quoting.safe_href
    env.filters["when"] = _when
    env.filters["ago"] = _ago
    env.filters["iso"] = _iso
    env.globals["fragment_url"] = quoting.text_fragment_url
    return env


def _when(value: Any) -> str:
    if value is None:
        return ""
    text = value.isoformat(sep=" ", timespec="minutes") if hasattr(value, "isoformat") else ""
    return str(text).replace("+00:00", "") + (" UTC" if text else "")


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _iso(value: datetime | None) -> str:
    """The machine-readable time of a ``<time datetime>``."""
    return _utc(value).isoformat(timespec="seconds") if value else ""


def _ago(value: datetime | None, now: datetime | None = None) -> str:
    """How long ago, in the largest unit: "just now", "5 min ago", "3 h ago", "2 days
    ago", then the date."""
    if value is None:
        return ""
    seconds = ((now or datetime.now(UTC)) - _utc(value)).total_seconds()
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 86400:
        return f"{int(seconds // 3600)} h ago"
    days = int(seconds // 86400)
    if days < 30:
        return "1 day ago" if days == 1 else f"{days} days ago"
    return _utc(value).date().isoformat()


def render(name: str, status_code: int = 200, **values: Any) -> HTMLResponse:
    html = environment().get_template(name).render(**values)
    return HTMLResponse(html, status_code=status_code)
