"""Public corrections: per site, no login, cacheable, in the site's language.

Under ``/c/{site_key}/`` (:mod:`copydesk.corrections.links`): the corrections page
(``corrections``, paged, filtered by ``type`` and ``month``), one correction
(``corrections/{id}``), the feeds (``corrections.rss``, ``corrections.atom``), and per
article (``?article=`` an id or the article's address) its JSON-LD (``article.jsonld``;
``&format=script`` for the ``<script>`` element) and its notices as an HTML fragment
(``notice.html``, ``&placement=top|bottom``).  And ``GET /api/v1/corrections``.

Every answer carries a strong ETag (a hash of the body), ``Cache-Control: public,
max-age=300``, and answers ``If-None-Match`` with 304.  Drafts are never shown.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar
from urllib.parse import urlencode

import orjson
from sqlalchemy import Connection
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from copydesk.context import Context
from copydesk.corrections import feeds, jsonld, links, publicsite, reading
from copydesk.corrections.model import Correction, Kind, Placement, Status
from copydesk.corrections.strings import Strings
from copydesk.errors import APIError
from copydesk.web.dashboard import params
from copydesk.web.dashboard.templates import environment

CACHE = "public, max-age=300"
#: Most pages of the public list (20 each).
MAX_PAGE = 10_000
FEED_SIZE = 50
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
T = TypeVar("T")


def cached(request: Request, body: bytes, media_type: str, *, status: int = 200) -> Response:
    """``body`` with its ETag and public cache lifetime; 304 when the client has it."""
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Cache-Control": CACHE, "Access-Control-Allow-Origin": "*",
               **HEADERS}
    given = request.headers.get("if-none-match", "")
    tags = {t.strip().removeprefix("W/") for t in given.split(",")}
    if status == 200 and (etag in tags or "*" in tags):
        return Response(status_code=304, headers=headers)
    return Response(body, status_code=status, media_type=media_type, headers=headers)


def _not_found(what: str = "Not found") -> Response:
    return PlainTextResponse(what, status_code=404, headers=HEADERS)


def _base(request: Request) -> str:
    return Context.of(request).settings.public_url.rstrip("/") or \
        str(request.base_url).rstrip("/")


async def _read(request: Request, fn: Callable[[Connection], T]) -> T:
    return await Context.of(request).db.read(fn)


def _month(raw: str) -> date | None:
    if not raw:
        return None
    found = _MONTH.fullmatch(raw)
    if found and 1 <= int(found.group(2)) <= 12 and 1970 <= int(found.group(1)) <= 2999:
        return date(int(found.group(1)), int(found.group(2)), 1)
    raise params.InputError(400, "invalid_month", "month must be YYYY-MM", "month")


def _page_number(raw: str) -> int:
    if not raw:
        return 1
    number = params.parse_id(raw, "page")
    if number > MAX_PAGE:
        raise params.InputError(400, "out_of_range", f"page is at most {MAX_PAGE}", "page")
    return number


def _render(name: str, **values: Any) -> bytes:
    return environment().get_template(name).render(**values).encode()


async def corrections_page(request: Request) -> Response:
    key, query = str(request.path_params["site_key"]), request.query_params
    kind = params.choice(query.get("type", ""), "type", [k.value for k in Kind], "")
    month = _month(query.get("month", ""))
    number = _page_number(query.get("page", ""))

    def run(conn: Connection) -> tuple[publicsite.PublicSite, reading.Page] | None:
        site = publicsite.by_key(conn, key)
        if site is None:
            return None
        return site, reading.public_page(conn, site.id, kind=kind, month=month, page=number)

    found = await _read(request, run)
    if found is None:
        return _not_found()
    site, page = found
    path = links.page_path(site.key)
    month_text = month.strftime("%Y-%m") if month else ""

    def query_for(n: int) -> str:
        return urlencode({k: v for k, v in
                          (("type", kind), ("month", month_text), ("page", str(n))) if v})

    body = _render("public/corrections.html", site=site, t=Strings(site.lang), page=page,
                   kinds=[k.value for k in Kind], kind=kind, month=month_text,
                   page_path=path, feed_base=path, query=query_for)
    return cached(request, body, "text/html; charset=utf-8")


async def correction_page(request: Request) -> Response:
    key = str(request.path_params["site_key"])
    ident = params.path_id(request, "correction_id")

    def run(conn: Connection) -> tuple[publicsite.PublicSite, Correction] | None:
        site = publicsite.by_key(conn, key)
        item = reading.get(conn, ident) if site else None
        if site is None or item is None or item.site_id != site.id or not item.is_public:
            return None
        return site, item

    found = await _read(request, run)
    if found is None:
        return _not_found()
    site, item = found
    path = links.page_path(site.key)
    body = _render("public/correction.html", site=site, t=Strings(site.lang), c=item,
                   page_path=path, feed_base=path)
    return cached(request, body, "text/html; charset=utf-8")


async def feed(request: Request) -> Response:
    key, kind = str(request.path_params["site_key"]), str(request.path_params["kind"])
    if kind not in ("rss", "atom"):
        return _not_found()

    def run(conn: Connection) -> tuple[publicsite.PublicSite, list[Correction]] | None:
        site = publicsite.by_key(conn, key)
        if site is None:
            return None
        return site, reading.public_page(conn, site.id, size=FEED_SIZE).corrections

    found = await _read(request, run)
    if found is None:
        return _not_found()
    body = feeds.build(found[0], found[1], _base(request), kind)
    media = "application/atom+xml" if kind == "atom" else "application/rss+xml"
    return cached(request, body, f"{media}; charset=utf-8")


Found = tuple[publicsite.PublicSite, publicsite.Article | None, list[Correction], Any]


def _article_corrections(request: Request, key: str, ref: str) -> Callable[[Connection], Any]:
    def run(conn: Connection) -> Found | None:
        site = publicsite.by_key(conn, key)
        if site is None:
            return None
        article = publicsite.find_article(conn, site.id, ref) if ref else None
        if article is None:
            return site, None, [], None
        return (site, article, reading.of_article(conn, article.id),
                publicsite.last_changed(conn, article.id))

    return run


def _article_ref(request: Request) -> str:
    query = request.query_params
    ref = params.get_text(query, "article", 2048) or params.get_text(query, "url", 2048)
    if not ref:
        raise params.InputError(400, "missing", "say which article: article=ID or URL",
                                "article")
    return ref


async def article_jsonld(request: Request) -> Response:
    key, ref = str(request.path_params["site_key"]), _article_ref(request)
    form = params.choice(request.query_params.get("format", ""), "format",
                         ["json", "script"], "json")
    found = await _read(request, _article_corrections(request, key, ref))
    if found is None or found[1] is None:
        return _not_found()
    site, article, items, modified = found
    doc = jsonld.document(site, article, items, modified)
    if form == "script":
        return cached(request, jsonld.script(doc).encode(), "text/html; charset=utf-8")
    return cached(request, jsonld.dumps(doc).encode(), "application/ld+json")


async def article_notice(request: Request) -> Response:
    key, ref = str(request.path_params["site_key"]), _article_ref(request)
    wanted = params.choice(request.query_params.get("placement", ""), "placement",
                           [p.value for p in Placement], "")
    found = await _read(request, _article_corrections(request, key, ref))
    if found is None:
        return _not_found()
    site, _article, items, _ = found
    groups = [(p.value, [i for i in items if i.placement is p])
              for p in (Placement.TOP, Placement.BOTTOM) if not wanted or p.value == wanted]
    body = _render("public/notice.html", t=Strings(site.lang),
                   groups=[(p, found) for p, found in groups if found])
    return cached(request, body.strip() + b"\n" if body.strip() else b"",
                  "text/html; charset=utf-8")


def _json(item: Correction, base: str, site_key: str) -> dict[str, Any]:
    def iso(value: Any) -> str | None:
        return value.isoformat() if value else None

    return {
        "id": item.id, "type": item.kind.value, "text": item.text,
        "placement": item.placement.value, "status": item.status.value,
        "published_at": iso(item.published_at), "updated_at": iso(item.updated_at),
        "withdrawn_at": iso(item.withdrawn_at),
        "withdrawal_note": item.withdrawal_note if item.status is Status.WITHDRAWN else None,
        "revisions": [{"at": iso(r.at), "text_before": r.text_before,
                       "text_after": r.text_after} for r in item.revisions],
        "article": {"id": item.article_id, "url": item.article_url,
                    "title": item.article_title},
        "url": links.absolute(base, links.correction_path(site_key, item.id)),
    }


async def api_corrections(request: Request) -> Response:
    """``GET /api/v1/corrections?site=KEY[&article=ID or URL][&page=N]``."""
    query = request.query_params
    try:
        key = params.get_text(query, "site", 64)
        if not key:
            raise params.InputError(400, "missing", "site is required", "site")
        ref = params.get_text(query, "article", 2048)
        number = _page_number(query.get("page", ""))
    except params.InputError as exc:
        return APIError(exc.status, exc.code, exc.message, exc.field).response()

    def run(conn: Connection) -> dict[str, Any] | None:
        site = publicsite.by_key(conn, key)
        if site is None:
            return None
        answer: dict[str, Any] = {"site": site.key, "article": None, "page": number,
                                  "has_next": False, "corrections": []}
        if ref:
            article = publicsite.find_article(conn, site.id, ref)
            if article is not None:
                answer["article"] = {"id": article.id, "url": article.url,
                                     "title": article.title}
                items = reading.of_article(conn, article.id) if number == 1 else []
                answer["corrections"] = [_json(i, base, site.key) for i in items]
            return answer
        page = reading.public_page(conn, site.id, page=number)
        answer["has_next"] = page.has_next
        answer["corrections"] = [_json(i, base, site.key) for i in page.corrections]
        return answer

    base = _base(request)
    answer = await _read(request, run)
    if answer is None:
        return APIError(404, "unknown_site", "no site with this key", "site").response()
    return cached(request, orjson.dumps(answer), "application/json")


routes: list[BaseRoute] = [
    Route("/c/{site_key}/corrections", corrections_page, methods=["GET"]),
    Route("/c/{site_key}/corrections.{kind}", feed, methods=["GET"]),
    Route("/c/{site_key}/corrections/{correction_id}", correction_page, methods=["GET"]),
    Route("/c/{site_key}/article.jsonld", article_jsonld, methods=["GET"]),
    Route("/c/{site_key}/notice.html", article_notice, methods=["GET"]),
    Route("/api/v1/corrections", api_corrections, methods=["GET"]),
]
