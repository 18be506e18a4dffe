"""Errors that reach API clients.

::

    APIError                  {"error": {"code", "message", "field"}} with a status
    ├── (400) invalid_json, not_an_object
    ├── (403) origin_not_allowed, url_not_allowed
    ├── (404) unknown_site, not_found
    ├── (413) body_too_large
    ├── (415) unsupported_media_type
    ├── (422) missing, too_short, too_long, invalid_type, invalid_url, invalid_range…
    ├── (429) rate_limited (with Retry-After)
    └── (503) a part copydesk stands on failed (with Retry-After; see copydesk.faults)
        ├── store_interrupted     the committer was lost mid-report: it may be stored
        ├── storage_full          the database's disk (or PostgreSQL's) is full
        ├── storage_unavailable   the database cannot be reached or cannot commit
        └── limits_unavailable    the shared rate limits (Redis) cannot be reached
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson
from starlette.responses import Response


class APIError(Exception):
    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        field: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message, "field": self.field}}

    def response(self, headers: Mapping[str, str] | None = None) -> Response:
        return Response(
            orjson.dumps(self.body()),
            status_code=self.status,
            media_type="application/json",
            headers={**self.headers, **(headers or {})},
        )


#: The 503 codes: what the client is told, and how many seconds until it may try again.
UNAVAILABLE: dict[str, tuple[str, int]] = {
    "store_interrupted": ("The report may not have been stored; please send it again.", 1),
    "storage_full": ("The report could not be stored: the server's storage is full; "
                     "please send it again later.", 30),
    "storage_unavailable": ("The report could not be stored: the database is not "
                            "available; please send it again later.", 5),
    "limits_unavailable": ("Reports cannot be taken: the rate limits cannot be checked; "
                           "please send it again later.", 5),
}


def unavailable(code: str) -> APIError:
    """The 503 answer for one of :data:`UNAVAILABLE`'s codes, with ``Retry-After``."""
    message, retry_after = UNAVAILABLE[code]
    return APIError(503, code, message, headers={"Retry-After": str(retry_after)})
