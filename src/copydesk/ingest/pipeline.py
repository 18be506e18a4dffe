"""The ingest pipeline: one request in, one stored report (or one typed refusal) out.

Named stages, each either passing the request on or raising an
:class:`~copydesk.errors.APIError` whose code is counted in the metrics:

1. ``limit_sender`` — the sender's IP block (IPv4 /24, IPv6 /48) and network (IPv4
   /16, IPv6 /32) within their per-minute budgets (429), before the body is read; this
   also tells whether the network is flagged as flooding
2. ``read_body`` — ``application/json`` or ``text/plain`` (415), at most 16 KiB (413),
   valid JSON (400)
3. ``validate`` — fields, limits and cleaning (422), see :mod:`copydesk.ingest.payload`
4. ``find_site`` — a known site key (404)
5. ``check_origin`` — the ``Origin`` header (when sent) and the ``url`` both belong to
   the site's allowed origins (403)
6. ``judge_spam`` — honeypot filled, sent too fast, or from a flagged network
   (``flood``): stored as spam, answered as usual
7. ``share_budget`` — a report takes its network's fair share of the site's per-minute
   budget, spam of the site's spam budget (429 beyond): see
   :mod:`copydesk.ingest.fairshare`; a ``429`` is answered after the tarpit's delay
   (:mod:`copydesk.ingest.tarpit`), and a report from a network sending faster than
   its share is held there (paced) before it is stored
8. ``store`` — through the committer process when ``serve`` runs one (else, or while
   it is unreachable, through this process's writer); 201 only after the commit.  A
   report in flight when the committer's connection breaks is answered 503
   ``store_interrupted``: it was not acknowledged, and the widget sends it again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime
from functools import lru_cache

import orjson
from starlette.background import BackgroundTasks
from starlette.requests import Request
from starlette.responses import Response

from copydesk import errors, faults, logs, reports
from copydesk.errors import APIError
from copydesk.ingest import payload as payload_mod
from copydesk.ingest import privacy
from copydesk.ingest.commit_client import CommitClient
from copydesk.ingest.payload import ReportPayload
from copydesk.ingest.ratelimit import Limiter
from copydesk.ingest.tarpit import Tarpit
from copydesk.metrics import Metrics
from copydesk.models import Site
from copydesk.settings import Settings
from copydesk.sites import SiteCache
from copydesk.storage.database import Database
from copydesk.urls import origin_allowed

log = logging.getLogger("copydesk.ingest")

#: Called after a report is committed and answered (e.g. to proofread the article).
ReportHook = Callable[[Site, ReportPayload, reports.Stored], Awaitable[None]]

_MEDIA_TYPES = {"application/json", "text/plain"}
#: Answer headers a cross-origin page (the widget) may read.
_EXPOSED = "Retry-After, Idempotent-Replayed"


class Ingest:
    def __init__(
        self,
        settings: Settings,
        db: Database,
        sites: SiteCache,
        limiter: Limiter,
        metrics: Metrics,
        secret: Callable[[], str],
    ) -> None:
        self.settings = settings
        self.db = db
        self.sites = sites
        self.limiter = limiter
        self.metrics = metrics
        self.secret = secret
        self.trusted = privacy.parse_networks(settings.trusted_proxies)
        self.hooks: list[ReportHook] = []
        self.committer: CommitClient | None = None
        self.tarpit = Tarpit(settings.tarpit_ms / 1000, settings.tarpit_max)
        #: "report refused" lines: each at once in a quiet second, else one a second
        #: with the count by code (a flood's refusals cost no line each; the metrics
        #: count every one).
        self.refusals = logs.Tally(log, "report refused")

    async def handle(self, request: Request) -> Response:
        started = time.perf_counter()
        site: Site | None = None
        try:
            ip = privacy.client_ip(request, self.trusted)
            today = datetime.now(UTC).date()
            secret = self.secret()
            network = privacy.keyed_hash(secret, privacy.network(ip), today)
            flagged = await self._limit_sender(
                privacy.keyed_hash(secret, privacy.block(ip), today), network)
            data = await self._read_body(request)
            payload = payload_mod.parse(data)
            site = await self._find_site(payload.site)
            cors = self._check_origin(request, site, payload)
            spam = self._judge_spam(payload) or ("flood" if flagged else None)
            hold = await self._share_budget(site, network, spam)
            key = _idempotency_key(request, payload)
            ip_hash = privacy.keyed_hash(secret, ip, today)
            if hold:
                await self.tarpit.pace(hold / 1000)
            stored = await self._store(site, payload, ip_hash, spam, key)
        except APIError as exc:
            self.metrics.rejected.labels(exc.code).inc()
            self.refusals.add(exc.code, field=exc.field)
            if exc.code == "rate_limited":
                await self.tarpit.hold(float(exc.headers["Retry-After"]))
            return _refusal(exc, self._refusal_cors(request, site))
        finally:
            self.metrics.latency.observe(time.perf_counter() - started)
        self.metrics.accepted.labels("spam" if spam else "report").inc()
        log.info(
            "report stored",
            extra={"report": stored.id, "group": stored.group, "site": site.key,
                   "duplicate": stored.duplicate, "spam": spam},
        )
        response = Response(
            orjson.dumps({"id": stored.id, "group": stored.group, "duplicate": stored.duplicate}),
            status_code=201, media_type="application/json", headers=cors,
        )
        if stored.replayed:
            response.headers["Idempotent-Replayed"] = "true"
            return response
        if not spam and self.hooks:
            tasks = BackgroundTasks()
            for hook in self.hooks:
                tasks.add_task(hook, site, payload, stored)
            response.background = tasks
        return response

    async def _store(self, site: Site, payload: ReportPayload, ip_hash: str,
                     spam: str | None, key: str = "") -> reports.Stored:
        """Store and commit; a fault (the committer lost, a full disk, a database that
        cannot commit) is a 503 with its code (:mod:`copydesk.faults`), never a 201.
        A report whose client id names another report is a 422."""
        report = reports.Report.of(payload, client_id=key)
        try:
            if self.committer is not None:
                stored = await self.committer.store(site.id, report, ip_hash=ip_hash,
                                                    spam_reason=spam)
                if stored is not None:
                    return stored
            return await self.db.write(reports.Store(
                site.id, report, ip_hash, spam, self.settings.public_url))
        except reports.KeyReused:
            raise APIError(422, "idempotency_key_reused",
                           "client_id: this id was already sent with a different report.",
                           "client_id") from None
        except Exception as exc:
            code = faults.code_of(exc)
            if code is None:
                raise
            log.warning("report not stored (%s): %s", code, faults.reason(exc))
            raise errors.unavailable(code) from None

    async def _limit_sender(self, block: str, network: str) -> bool:
        """Count the report against its block and network; whether it is flagged."""
        wait, flagged = await self.limiter.caps(
            (("block:" + block, self.settings.rate_limit_block),
             ("net:" + network, self.settings.rate_limit_network)),
            "flag:" + network,
        )
        if wait is not None:
            raise _rate_limited(wait)
        return flagged

    async def _share_budget(self, site: Site, network: str, spam: str | None) -> int:
        """Take the report's share (429 beyond); the ms to hold it first (paced)."""
        if spam:
            pool, budget = f"spam:{site.id}", self.settings.rate_limit_spam
        else:
            pool, budget = f"site:{site.id}", self.settings.rate_limit_site
        admission = await self.limiter.share(pool, network, budget, "flag:" + network,
                                             calm_rate=self.settings.rate_limit_network)
        if admission.refused is not None:
            raise _rate_limited(admission.refused)
        return admission.hold

    async def _read_body(self, request: Request) -> object:
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media not in _MEDIA_TYPES:
            raise APIError(
                415, "unsupported_media_type",
                "Send the report as application/json or text/plain JSON.",
            )
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > payload_mod.MAX_BODY:
            raise APIError(413, "body_too_large", "The report is larger than 16 KiB.")
        body = bytearray()
        async for chunk in request.stream():
            body.extend(chunk)
            if len(body) > payload_mod.MAX_BODY:
                raise APIError(413, "body_too_large", "The report is larger than 16 KiB.")
        try:
            return orjson.loads(bytes(body))
        except orjson.JSONDecodeError:
            raise APIError(400, "invalid_json", "The request body is not valid JSON.") from None

    async def _find_site(self, key: str) -> Site:
        site = await self.sites.get(key)
        if site is None:
            raise APIError(404, "unknown_site", "No site has this key.", "site")
        return site

    def _check_origin(self, request: Request, site: Site, payload: ReportPayload) -> dict[
        str, str
    ]:
        header = request.headers.get("origin")
        if header and header != "null" and not origin_allowed(header, site.origins):
            raise APIError(403, "origin_not_allowed", "This page's origin may not report to "
                           "this site.", "origin")
        if not origin_allowed(payload.url, site.origins):
            raise APIError(403, "url_not_allowed", "url: not on one of the site's origins.",
                           "url")
        return self._cors(request, site)

    def _cors(self, request: Request, site: Site) -> dict[str, str]:
        header = request.headers.get("origin")
        if header and origin_allowed(header, site.origins):
            return {"Access-Control-Allow-Origin": header, "Vary": "Origin",
                    "Access-Control-Expose-Headers": _EXPOSED}
        return {}

    def _refusal_cors(self, request: Request, site: Site | None) -> dict[str, str]:
        """A refusal is readable by the page that sent the report, whatever its origin
        (a refusal says nothing private, and the widget sends no credentials): without
        it a browser reports a network error, and the widget would resend a report that
        can never be taken, and could not read ``Retry-After``."""
        allowed = self._cors(request, site) if site else {}
        if allowed or "origin" not in request.headers:
            return allowed
        return {"Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": _EXPOSED}

    def _judge_spam(self, payload: ReportPayload) -> str | None:
        if payload.website:
            return "honeypot"
        if (
            payload.time_on_page is not None
            and payload.time_on_page < self.settings.min_time_on_page_ms
        ):
            return "too_fast"
        return None


class _Prebuilt(Response):
    """A response whose body and raw headers were rendered before."""

    def __init__(self, status: int, body: bytes, raw_headers: list[tuple[bytes, bytes]]
                 ) -> None:
        self.status_code = status
        self.background = None
        self.body = body
        self.raw_headers = raw_headers


def _refusal(exc: APIError, cors: Mapping[str, str]) -> Response:
    """The refusal's response.  Refusals repeat (a flood's 429s differ only in
    ``Retry-After`` and the CORS headers), so each distinct one is rendered once."""
    body, raw = _rendered(exc.status, exc.code, exc.message, exc.field,
                          tuple(exc.headers.items()), tuple(cors.items()))
    return _Prebuilt(exc.status, body, list(raw))


@lru_cache(maxsize=512)
def _rendered(status: int, code: str, message: str, field: str | None,
              headers: tuple[tuple[str, str], ...], cors: tuple[tuple[str, str], ...]
              ) -> tuple[bytes, tuple[tuple[bytes, bytes], ...]]:
    response = APIError(status, code, message, field, dict(headers)).response(dict(cors))
    return bytes(response.body), tuple(response.raw_headers)


def _rate_limited(wait: int) -> APIError:
    return APIError(429, "rate_limited", f"Too many reports; try again in {wait} s.",
                    headers={"Retry-After": str(wait)})


def _idempotency_key(request: Request, payload: ReportPayload) -> str:
    """The report's client id: the body's ``client_id`` or the ``Idempotency-Key``
    header (an RFC 8941 string, quoted or bare; the IETF httpapi draft), the same rules
    for both; both given must agree.  ``""`` when there is none."""
    header = request.headers.get("idempotency-key")
    if header is None:
        return payload.client_id or ""
    key = header.strip()
    if len(key) >= 2 and key[0] == key[-1] == '"':
        key = key[1:-1]
    if not payload_mod.CLIENT_ID.fullmatch(key):
        raise APIError(400, "invalid_idempotency_key",
                       "Idempotency-Key: 16 to 64 characters of A-Z, a-z, 0-9, _ and -.",
                       "Idempotency-Key")
    if payload.client_id is not None and payload.client_id != key:
        raise APIError(400, "idempotency_key_mismatch",
                       "client_id and the Idempotency-Key header name different ids.",
                       "client_id")
    return key
