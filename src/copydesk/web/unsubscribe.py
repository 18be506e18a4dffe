"""One-click unsubscribe from reader mail (RFC 8058): ``/api/v1/unsubscribe/{token}``.

``POST`` (what a mail client sends for ``List-Unsubscribe-Post:
List-Unsubscribe=One-Click``, and the button of the page) erases every subscription and
queued mail of the token's address at its site
(:func:`copydesk.readers.subscriptions.unsubscribe`) and answers 200, also for a token
that names nothing (already erased, or never valid): the answer tells nobody whether
an address was kept.  ``GET`` (a person following the link) only shows the button, so
a link scanner that fetches every URL of a mail changes nothing.  The token travels in
the path; the pages send no referrer, are not stored and not indexed.
"""

from __future__ import annotations

import html
import re

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Route

from copydesk.context import Context
from copydesk.readers import subscriptions, words

_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")
_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Robots-Tag": "noindex",
    "X-Content-Type-Options": "nosniff",
}


def _lang(request: Request) -> str:
    return words.language(request.query_params.get("lang", "")[:8])


def _page(lang: str, body: str) -> HTMLResponse:
    title = html.escape(words.say(lang, "page_title"))
    return HTMLResponse(
        f"<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">"
        f"<meta name=\"viewport\" content=\"width=device-width\"><title>{title}</title>"
        "</head>\n<body style=\"font-family:sans-serif;max-width:36em;margin:3em auto\">\n"
        f"{body}\n</body></html>\n", headers=_HEADERS)


async def ask(request: Request) -> Response:
    lang = _lang(request)
    e = html.escape
    return _page(lang, f"<p>{e(words.say(lang, 'page_ask'))}</p>\n<form method=\"post\">"
                       f"<button type=\"submit\">{e(words.say(lang, 'page_button'))}</button>"
                       "</form>")


async def unsubscribe(request: Request) -> Response:
    token = request.path_params["token"]
    if _TOKEN.fullmatch(token):
        await Context.of(request).db.write(lambda conn: subscriptions.unsubscribe(conn, token))
    lang = _lang(request)
    return _page(lang, f"<p>{html.escape(words.say(lang, 'page_done'))}</p>")


routes: list[BaseRoute] = [
    Route("/api/v1/unsubscribe/{token}", ask, methods=["GET"]),
    Route("/api/v1/unsubscribe/{token}", unsubscribe, methods=["POST"]),
]
