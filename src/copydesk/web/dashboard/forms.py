"""Form bodies (``application/x-www-form-urlencoded``), read within limits.

A body is read up to ``dashboard_form_bytes`` (256 KiB) and may hold up to
``dashboard_form_fields`` (1,000) fields; beyond either the request is refused with 413
(:class:`~copydesk.web.dashboard.params.InputError`, codes ``body_too_large`` and
``too_many_fields``) before any field is parsed.  A non-empty body of another type is
refused with 415.  The fields are plain text: each page checks the ones it reads through
:mod:`copydesk.web.dashboard.params`.

Starlette's own ``request.form(max_fields=…)`` counts urlencoded fields too, but needs
python-multipart and bounds each field's size, not the body's; this reader stops at the
byte limit.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.requests import Request

from copydesk.context import Context
from copydesk.i18n import N_, Text
from copydesk.web.dashboard.params import InputError

FORM_TYPE = "application/x-www-form-urlencoded"


class Form:
    """The fields of one submitted form; missing fields read as ""."""

    def __init__(self, items: list[tuple[str, str]]) -> None:
        self.items = items

    def get(self, name: str, default: str = "") -> str:
        for key, value in self.items:
            if key == name:
                return value
        return default

    def getlist(self, name: str) -> list[str]:
        return [value for key, value in self.items if key == name]


def _too_large(limit: int) -> InputError:
    return InputError(413, "body_too_large",
                      Text(N_("a form has at most %(limit)s bytes"), limit=limit))


def _too_many(limit: int) -> InputError:
    return InputError(413, "too_many_fields",
                      Text(N_("a form has at most %(limit)s fields"), limit=limit))


async def read_form(request: Request) -> Form:
    """The request's urlencoded fields; :class:`InputError` when over the limits."""
    settings = Context.of(request).settings
    max_bytes, max_fields = settings.dashboard_form_bytes, settings.dashboard_form_fields
    declared = request.headers.get("content-length", "")
    if declared.isascii() and declared.isdigit() and int(declared) > max_bytes:
        raise _too_large(max_bytes)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            raise _too_large(max_bytes)
        chunks.append(chunk)
    body = b"".join(chunks)
    if not body:
        return Form([])
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != FORM_TYPE:
        raise InputError(415, "unsupported_media_type",
                         Text(N_("a form is sent as %(type)s"), type=FORM_TYPE))
    if body.count(b"&") + 1 > max_fields:
        raise _too_many(max_fields)
    try:
        items = parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True,
                          max_num_fields=max_fields)
    except ValueError:
        raise _too_many(max_fields) from None
    return Form(items)
