"""The dashboard's security headers, added in one place: :class:`SecurityHeaders`.

Every dashboard route (pages, actions, the static files) is wrapped by this ASGI
middleware in :mod:`copydesk.web.dashboard` (``Route(..., middleware=...)``).  It sits
inside Starlette's exception handling of the route, so error pages get the headers too.
A header the endpoint set itself (a static file's ``Cache-Control``) is kept.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
#: Pages and actions are never stored; the static files say how long they keep.
PRIVATE = "no-store"
STATIC = "public, max-age=300"


def add_headers(response: Response, *, private: bool = True) -> Response:
    """The same headers on a response built outside a dashboard route (the login pages
    call it; the public pages' refusals, answered by the dashboard's error page)."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    response.headers.setdefault("Cache-Control", PRIVATE if private else STATIC)
    return response


class SecurityHeaders:
    """ASGI middleware: :data:`HEADERS` and a default ``Cache-Control`` on every answer."""

    def __init__(self, app: ASGIApp, cache_control: str = PRIVATE) -> None:
        self.app = app
        self.cache_control = cache_control

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
                headers.setdefault("Cache-Control", self.cache_control)
            await send(message)

        await self.app(scope, receive, send_with_headers)
