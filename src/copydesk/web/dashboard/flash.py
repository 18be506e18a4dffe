"""Flash messages: what an action says on the next page, never in a URL.

Decision (docs/dashboard.md, "Messages after an action"): a flash lives in a signed
cookie, not in a column of ``sessions`` (no migration, no write per message).  The
cookie ``copydesk_flash`` holds the message and an HMAC (the install's secret key) over
the message *and the SHA-256 of the session's token*, so a flash made for one session
cannot be planted in another, and nobody can put text there with a link.  It is read
once: the next dashboard page shown in the browser (a GET that does not ask for JSON)
takes it and clears the cookie in the same answer; a reload shows nothing.  It lasts at
most :data:`MAX_AGE` seconds, HttpOnly, SameSite=Lax.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass

import orjson
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from copydesk.context import Context

COOKIE = "copydesk_flash"
MAX_AGE = 120
#: Longest message kept (longer ones are cut at a word).
MAX_TEXT = 300
KINDS = ("ok", "error")


@dataclass(frozen=True)
class Flash:
    """One message: ``kind`` "ok" or "error"; ``undo`` offers the undo button."""

    text: str
    kind: str = "ok"
    undo: bool = False


def _mac(request: Request, payload: str) -> str:
    session = request.cookies.get("copydesk_session", "")
    bound = hashlib.sha256(session.encode()).hexdigest()
    key = Context.of(request).secret.encode()
    return hmac.new(key, f"flash|{bound}|{payload}".encode(), hashlib.sha256).hexdigest()


def _cut(text: str) -> str:
    if len(text) <= MAX_TEXT:
        return text
    return text[:MAX_TEXT].rsplit(" ", 1)[0] + "…"


def put(response: Response, request: Request, flash: Flash, *, secure: bool) -> Response:
    """Keep ``flash`` for the next page of this session (``secure``: over HTTPS)."""
    body = orjson.dumps({"t": _cut(flash.text), "k": flash.kind, "u": flash.undo})
    payload = base64.urlsafe_b64encode(body).decode().rstrip("=")
    response.set_cookie(COOKIE, f"{payload}.{_mac(request, payload)}", max_age=MAX_AGE,
                        path="/", httponly=True, samesite="lax", secure=secure)
    return response


def redirect(request: Request, target: str, text: str, kind: str = "ok", *,
             undo: bool = False, secure: bool = False) -> Response:
    """A 303 to ``target`` that shows ``text`` there."""
    return put(RedirectResponse(target, status_code=303), request, Flash(text, kind, undo),
               secure=secure)


def read(request: Request) -> Flash | None:
    """The flash the request carries, when its signature holds for this session."""
    raw = request.cookies.get(COOKIE, "")
    payload, _, mac = raw.partition(".")
    if not payload or not hmac.compare_digest(mac.encode(), _mac(request, payload).encode()):
        return None
    try:
        data = orjson.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        text, kind, undo = str(data["t"]), str(data["k"]), bool(data["u"])
    except (ValueError, KeyError, TypeError):
        return None
    return Flash(text, kind if kind in KINDS else "ok", undo)


def takes(request: Request) -> bool:
    """Whether this request shows a page (and so takes the flash)."""
    return (request.method == "GET" and COOKIE in request.cookies
            and "application/json" not in request.headers.get("accept", ""))


def clear(response: Response) -> Response:
    response.delete_cookie(COOKIE, path="/")
    return response
