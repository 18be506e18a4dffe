"""Jinja2 templates of the dashboard, autoescaped everywhere."""

from __future__ import annotations

import functools
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
    env.globals["fragment_url"] = quoting.text_fragment_url
    return env


def _when(value: Any) -> str:
    if value is None:
        return ""
    text = value.isoformat(sep=" ", timespec="minutes") if hasattr(value, "isoformat") else ""
    return str(text).replace("+00:00", "") + (" UTC" if text else "")


def render(name: str, status_code: int = 200, **values: Any) -> HTMLResponse:
    html = environment().get_template(name).render(**values)
    return HTMLResponse(html, status_code=status_code)
