"""Which language and time zone a dashboard request is answered in (:mod:`copydesk.i18n`).

The user's own setting (the account page) wins; without one, the language is the
browser's ``Accept-Language`` among en/uk/ru (else English) and the zone UTC until the
dashboard's script has stored the browser's zone once.  :class:`Localised` wraps every
dashboard route (so the login page, the reset page and the error pages speak the
browser's language); the session guard (``security.page``) then sets the user's.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from copydesk import accounts, i18n


def locale_of(request: Request, user: accounts.User | None = None) -> i18n.Locale:
    lang = (i18n.language(user.language) if user else None) \
        or i18n.pick(request.headers.get("accept-language"))
    zone = (i18n.zone(user.time_zone) if user else None) or i18n.DEFAULT_ZONE
    return i18n.Locale(lang, zone)


class Localised:
    """ASGI middleware: the browser's language for the whole request, error page included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        token = i18n.use(locale_of(Request(scope)))
        try:
            await self.app(scope, receive, send)
        finally:
            i18n.restore(token)
