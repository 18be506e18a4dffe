"""Jinja2 templates of the dashboard, autoescaped everywhere.

Words are marked for translation with Jinja2's i18n extension; the gettext callables
and the date and number filters follow the request's language and time zone
(:mod:`copydesk.i18n`).
"""

from __future__ import annotations

import functools
from datetime import UTC, datetime
from typing import Any

import jinja2
from starlette.responses import HTMLResponse

from copydesk import i18n
from copydesk.web.dashboard import quoting


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("copydesk", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_callables(  # type: ignore[attr-defined]
        i18n.gettext, i18n.ngettext, newstyle=True)
    env.filters["safe_href"] = quoting.safe_href
    env.filters["when"] = i18n.when
    env.filters["ago"] = i18n.ago
    env.filters["day"] = i18n.day
    env.filters["number"] = i18n.number
    env.filters["iso"] = _iso
    env.globals["fragment_url"] = quoting.text_fragment_url
    env.globals["status_label"] = i18n.status_label
    env.globals["role_label"] = i18n.role_label
    env.globals["event_label"] = i18n.event_label
    env.globals["correction_label"] = i18n.correction_label
    env.globals["anchor_label_text"] = i18n.anchor_label
    env.globals["anchor_hint_text"] = i18n.anchor_hint
    env.globals["locale"] = i18n.current
    env.globals["script_words"] = i18n.script_words
    # Text made in Python (a refusal, a page title): its translation, else as it is.
    env.globals["translate"] = i18n.say
    return env


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _iso(value: datetime | None) -> str:
    """The machine-readable time of a ``<time datetime>`` (UTC, whatever the zone shown)."""
    if not isinstance(value, datetime):
        return ""
    return _utc(value).isoformat(timespec="seconds")


def render(name: str, status_code: int = 200, **values: Any) -> HTMLResponse:
    html = environment().get_template(name).render(**values)
    return HTMLResponse(html, status_code=status_code)
