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
    └── (503) store_interrupted (with Retry-After; the committer was lost mid-report)
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
