"""Form bodies (``application/x-www-form-urlencoded``), parsed without extra packages."""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.requests import Request

MAX_BODY = 256 * 1024


def as_id(raw: str) -> int | None:
    """A database id written in a URL or a form: digits only, within BIGINT; else None."""
    return int(raw) if raw.isdigit() and len(raw) < 19 else None


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

    def ints(self, name: str) -> list[int]:
        return [i for i in map(as_id, self.getlist(name)) if i is not None]


async def read_form(request: Request) -> Form:
    """The request's urlencoded body (empty for other types or oversized bodies)."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        return Form([])
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            return Form([])
    return Form(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True,
                          max_num_fields=2000))
