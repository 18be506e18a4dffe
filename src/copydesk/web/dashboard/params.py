"""Dashboard input: the one parser of ids, dates, cursors, choices and text.

Every value a dashboard page reads from its path, its query string or a form goes
through a function here.  The rule, the same on every page:

- an **absent or empty** value means "no filter" or the field's default;
- a **present but bad** value (not ASCII digits, out of range, an unknown choice, a NUL
  character, too long) is refused: :class:`InputError` is raised, and the app answers
  400 with a page naming the field, a machine-readable code and a message (JSON in the
  :mod:`copydesk.errors` shape for ``Accept: application/json``).  A bad value is never
  silently dropped from a filter: a queue that quietly ignored ``until`` would show
  groups the editor asked not to see;
- a bad **id in the path** answers 404, like an id that names nothing;
- where to go **back** to after an action (``back``, ``next``: written by our own pages)
  falls back to the page's default when it is not a local path (:func:`local_path`);
- a form over the size limits (``dashboard_form_bytes``, ``dashboard_form_fields``)
  answers 413 (see :mod:`copydesk.web.dashboard.forms`).

Ranges: ids are 1..2**63-1 written in ASCII digits only (``str.isdigit`` also accepts
``²``, ``①`` and Arabic-Indic digits); dates are ``YYYY-MM-DD`` between
:data:`MIN_DATE` and :data:`MAX_DATE` (so a day can be added to any of them); a keyset
cursor is ``key|id`` as :func:`format_cursor` writes it, its key a count for the "most"
sort and a UTC timestamp for "newest".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from starlette.requests import Request

from copydesk.errors import APIError
from copydesk.i18n import N_, Text

MAX_ID = 2**63 - 1
MIN_DATE = date(1970, 1, 1)
MAX_DATE = date(2999, 12, 31)
#: Longest cursor copydesk writes is about 50 characters.
MAX_CURSOR = 80
#: Longest "back to" path kept after an action.
MAX_PATH = 2000

_DIGITS = re.compile(r"[0-9]{1,19}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIMESTAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]{8,15}(?:Z|[+-][0-9]{2}:[0-9]{2})")


class InputError(APIError):
    """A dashboard parameter copydesk cannot use (answered by :mod:`.errorpage`)."""


def _bad(code: str, field: str | None, message: str, status: int = 400) -> InputError:
    return InputError(status, code, message, field)


def _number(raw: str) -> int | None:
    """``raw`` as a non-negative integer of ASCII digits within BIGINT, else None."""
    if not _DIGITS.fullmatch(raw):
        return None
    value = int(raw)
    return value if value <= MAX_ID else None


def parse_id(raw: str, field: str) -> int:
    """A database id: ASCII digits, 1..2**63-1."""
    value = _number(raw)
    if value is None or value < 1:
        raise _bad("invalid_id", field, Text(N_("%(field)s must be a whole number from 1 to "
                                                 "%(max)s"), field=field, max=MAX_ID))
    return value


def optional_id(raw: str, field: str) -> int | None:
    """An id, or None for an empty value (after trimming spaces and a leading ``#``)."""
    raw = raw.strip().lstrip("#")
    return parse_id(raw, field) if raw else None


def parse_ids(values: Iterable[str], field: str, limit: int) -> list[int]:
    """Every value an id; at most ``limit`` of them."""
    ids = [parse_id(v, field) for v in values]
    if len(ids) > limit:
        raise _bad("too_many", field, Text(N_("at most %(limit)s values of %(field)s"),
                                           limit=limit, field=field))
    return ids


def path_id(request: Request, name: str) -> int:
    """An id in the URL's path; a bad one names nothing, so it answers 404."""
    try:
        return parse_id(str(request.path_params[name]), name)
    except InputError:
        raise _bad("not_found", name, Text(N_("Not found")), status=404) from None


def parse_date(raw: str, field: str) -> date:
    """A calendar day written ``YYYY-MM-DD`` (as ``<input type=date>`` sends it)."""
    try:
        value = date.fromisoformat(raw) if _DATE.fullmatch(raw) else None
    except ValueError:
        value = None
    if value is None or not MIN_DATE <= value <= MAX_DATE:
        raise _bad("invalid_date", field,
                   Text(N_("%(field)s must be a date YYYY-MM-DD from %(min)s to %(max)s"),
                        field=field, min=MIN_DATE, max=MAX_DATE))
    return value


def optional_date(raw: str, field: str) -> date | None:
    return parse_date(raw, field) if raw else None


def format_cursor(key: int | datetime, ident: int) -> str:
    """The cursor of the page after a row with this sort key and id."""
    text = str(key) if isinstance(key, int) else key.astimezone(UTC).isoformat()
    return f"{text}|{ident}"


def parse_cursor(raw: str, sort: str, field: str = "after") -> tuple[Any, int]:
    """A cursor :func:`format_cursor` wrote for ``sort``: (count or UTC time, id)."""
    error = _bad("invalid_cursor", field, Text(N_("the page cursor is not valid; start "
                                                  "from the first page")))
    if len(raw) > MAX_CURSOR or raw.count("|") != 1:
        raise error
    key_text, id_text = raw.split("|")
    ident = _number(id_text)
    if ident is None or ident < 1:
        raise error
    if sort == "most":
        count = _number(key_text)
        if count is None:
            raise error
        return count, ident
    if not _TIMESTAMP.fullmatch(key_text):
        raise error
    try:
        when = datetime.fromisoformat(key_text).astimezone(UTC)
    except (ValueError, OverflowError):
        raise error from None
    if not MIN_DATE <= when.date() <= MAX_DATE:
        raise error
    return when, ident


def choice(raw: str, field: str, choices: Iterable[str], default: str) -> str:
    """One of ``choices``; ``default`` when empty."""
    allowed = tuple(choices)
    if not raw:
        return default
    if raw not in allowed:
        raise _bad("invalid_choice", field, Text(N_("%(field)s must be one of: %(choices)s"),
                                                 field=field, choices=", ".join(allowed)))
    return raw


def text(raw: str, field: str, max_length: int | None = None) -> str:
    """Free text: no NUL character (PostgreSQL refuses it), at most ``max_length``
    characters (None: the domain function that takes it checks its length)."""
    if "\x00" in raw:
        raise _bad("invalid_text", field, Text(N_("%(field)s contains a NUL character"),
                                               field=field))
    if max_length is not None and len(raw) > max_length:
        raise _bad("too_long", field, Text(N_("%(field)s has at most %(max)s characters"),
                                           field=field, max=max_length))
    return raw


def texts(values: Iterable[str], field: str, max_length: int | None = None) -> list[str]:
    return [text(v, field, max_length) for v in values]


def get_text(source: Mapping[str, str], field: str, max_length: int, default: str = ""
             ) -> str:
    """``source[field]`` (a query string or a form) checked by :func:`text`."""
    return text(source.get(field, default), field, max_length)



def local_path(raw: str, fallback: str) -> str:
    """``raw`` when it is a path on this dashboard (no open redirect), else ``fallback``.

    Not an error: it is where to go back to after an action, written by our own pages.
    """
    if (raw.startswith("/") and not raw.startswith("//") and "\\" not in raw
            and raw.isprintable() and len(raw) <= MAX_PATH):
        return raw
    return fallback
