"""Trailing-slash redirects with a relative ``Location``.

Starlette's router answers ``/healthz/`` with a redirect to ``/healthz`` (and ``/x`` to
``/x/`` where only that exists), but builds the absolute URL from the request's ``Host``
header and its own idea of the scheme: behind a TLS proxy that is ``http://``, and any
client can name any host.  A relative ``Location`` (RFC 9110, 10.2.2) is resolved by the
client against the URL it asked for, so it keeps both the host and the scheme.
"""

from __future__ import annotations

from starlette.responses import RedirectResponse
from starlette.routing import Match, Mount, Router
from starlette.types import ASGIApp, Receive, Scope, Send


class SlashRedirect:
    """A router's ``default`` (what answers a path no route matched): redirect to the
    path with its trailing slash removed or added when a route matches that, else
    hand over to the router's former default (404)."""

    def __init__(self, router: Router, fallback: ASGIApp) -> None:
        self.router = router
        self.fallback = fallback

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        location = self.location(scope) if scope["type"] == "http" else None
        if location is None:
            await self.fallback(scope, receive, send)
            return
        await RedirectResponse(location)(scope, receive, send)

    def location(self, scope: Scope) -> str | None:
        path: str = scope["path"]
        root: str = scope.get("root_path", "")
        route_path = path[len(root):] if root and path.startswith(root) else path
        if route_path in ("", "/"):
            return None
        other = dict(scope)
        other["path"] = path.rstrip("/") if path.endswith("/") else path + "/"
        if other["path"].startswith("//") or not other["path"].startswith("/"):
            return None  # "//host/…" would be a redirect to another host
        if not any(route.matches(other)[0] is not Match.NONE for route in self.router.routes):
            return None
        query = scope.get("query_string", b"").decode("latin-1")
        # RedirectResponse percent-quotes it; a backslash (which browsers read as "/")
        # is quoted first, so "/\\host" cannot become "//host".
        location = other["path"].replace("\\", "%5C")
        return f"{location}?{query}" if query else location


def install(router: Router) -> None:
    """Relative trailing-slash redirects in ``router`` and every router mounted in it."""
    router.redirect_slashes = False
    router.default = SlashRedirect(router, router.default)
    for route in router.routes:
        if isinstance(route, Mount) and isinstance(route.app, Router):
            install(route.app)
