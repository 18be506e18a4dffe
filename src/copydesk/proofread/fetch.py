"""Fetching an article over HTTP(S) without becoming a way into private networks.

Every request goes through the guarded client of :mod:`copydesk.net`: every address
the host resolves to must be public unless ``allow_private`` is set, and the
connection goes to the address that was checked.  Redirects are followed here, hop by
hop (each hop is a new request through the guard, and must pass ``allow_url``), without
reading a redirect's body; the page's body is capped in size and in total time.

Conditional requests: given ``etag``/``last_modified`` (the validators of the last
answer), the request carries ``If-None-Match``/``If-Modified-Since`` and a ``304`` comes
back as a :class:`Page` with ``not_modified`` set and no body.  Every failure is a
:class:`FetchError` whose ``reason`` is a short code (``timeout``, ``http``, ``too_large``,
``refused``, ``redirects``, ``network``, ``invalid_url``, ``off_origin``) and ``status``
the HTTP status when there was one.

:meth:`Page.text` decodes the body with the declared charset, else the page's own
``<meta charset>`` (or ``http-equiv``), else what ``charset-normalizer`` detects, else
UTF-8.
"""

from __future__ import annotations

import codecs
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message

import httpx

from copydesk import __version__, net

DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
USER_AGENT = f"copydesk/{__version__} (proofreading)"

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I
)


class FetchError(RuntimeError):
    """The page could not (or may not) be fetched; ``reason`` says why in one word."""

    def __init__(self, message: str, *, reason: str = "network", status: int | None = None):
        super().__init__(message)
        self.reason = reason
        self.status = status


class PrivateAddressError(FetchError):
    """The host resolves to an address that is not public."""

    def __init__(self, message: str) -> None:
        super().__init__(message, reason="refused")


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched response body and what the server said it is."""

    url: str
    content_type: str
    body: bytes
    status: int = 200
    etag: str = ""
    last_modified: str = ""

    @property
    def not_modified(self) -> bool:
        """The server answered ``304``: the page is as it was at the given validators."""
        return self.status == 304

    @property
    def media_type(self) -> str:
        return self.content_type.split(";")[0].strip().lower()

    @property
    def is_html(self) -> bool:
        return self.media_type in {"text/html", "application/xhtml+xml"}

    @property
    def is_text(self) -> bool:
        """HTML or any ``text/*`` type (a missing type is taken to be text)."""
        return self.is_html or self.media_type.startswith("text/") or not self.media_type

    @property
    def charset(self) -> str:
        """The body's encoding: declared, else ``<meta>``, else detected, else UTF-8."""
        message = Message()
        message["content-type"] = self.content_type or "text/plain"
        declared = message.get_param("charset")
        if isinstance(declared, str) and _known(declared):
            return _known(declared)
        head = self.body[:4096]
        found = _META_CHARSET.search(head) if self.is_html or b"<" in head else None
        if found and _known(found.group(1).decode("ascii")):
            return _known(found.group(1).decode("ascii"))
        try:
            self.body.decode("utf-8")
            return "utf-8"
        except UnicodeDecodeError:
            pass
        from charset_normalizer import from_bytes

        best = from_bytes(self.body[:65536]).best()
        return _known(best.encoding) if best is not None and _known(best.encoding) else "utf-8"

    def text(self) -> str:
        """The body decoded with :attr:`charset`."""
        return self.body.decode(self.charset, errors="replace")


def _known(name: str) -> str:
    """Python's name for the encoding ``name``, or "" when Python has none."""
    try:
        return codecs.lookup(name.strip()).name
    except LookupError:
        return ""


def fetch(
    url: str,
    *,
    allow_private: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    allow_url: Callable[[str], bool] | None = None,
    etag: str = "",
    last_modified: str = "",
) -> Page:
    """GET ``url`` under the guards described in this module.

    ``allow_url``, when given, must accept the URL and every redirect target.
    ``etag``/``last_modified`` make the request conditional (see the module).
    """
    deadline = time.monotonic() + timeout
    try:
        current = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise FetchError(f"not a valid URL: {exc}", reason="invalid_url") from None
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html, text/plain;q=0.9"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    with net.sync_http_client(allow_private, timeout=timeout) as client:
        for _ in range(MAX_REDIRECTS + 1):
            if current.scheme not in {"http", "https"}:
                raise FetchError(
                    f"only http and https URLs can be fetched, not {current.scheme!r}",
                    reason="invalid_url",
                )
            if not current.host:
                raise FetchError(f"no host in {current}", reason="invalid_url")
            if allow_url is not None and not allow_url(str(current)):
                raise FetchError(f"{current} is not on an allowed origin", reason="off_origin")
            request = client.build_request("GET", current, headers=headers)
            try:
                response = client.send(request, stream=True)
            except net.TargetRefused as exc:
                raise PrivateAddressError(f"refusing to fetch {current.host}: {exc}") from None
            except httpx.TimeoutException as exc:
                raise FetchError(f"cannot fetch {current}: timed out ({exc})",
                                 reason="timeout") from None
            except httpx.HTTPError as exc:
                raise FetchError(f"cannot fetch {current}: {exc}") from None
            try:
                if response.is_redirect and response.status_code != 304:
                    location = response.headers.get("location", "")
                    current = current.join(location)
                    continue
                status = response.status_code
                if status >= 400:
                    raise FetchError(f"{current} answered HTTP {status}", reason="http",
                                     status=status)
                validators = {
                    "etag": response.headers.get("etag", "")[:512],
                    "last_modified": response.headers.get("last-modified", "")[:64],
                }
                content_type = response.headers.get("content-type", "")
                if status == 304:
                    return Page(str(current), content_type, b"", 304, **validators)
                body = _read_capped(response, max_bytes, deadline)
                return Page(str(current), content_type, body, status, **validators)
            finally:
                response.close()
    raise FetchError(f"more than {MAX_REDIRECTS} redirects from {url}", reason="redirects")


def _read_capped(response: httpx.Response, max_bytes: int, deadline: float) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"the page is larger than {max_bytes} bytes", reason="too_large")
    body = bytearray()
    try:
        for chunk in response.iter_bytes():
            body.extend(chunk)
            if len(body) > max_bytes:
                raise FetchError(f"the page is larger than {max_bytes} bytes",
                                 reason="too_large")
            if time.monotonic() > deadline:
                raise FetchError("the page took too long to download", reason="timeout")
    except httpx.TimeoutException as exc:
        raise FetchError(f"cannot read {response.url}: timed out ({exc})",
                         reason="timeout") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"cannot read {response.url}: {exc}") from None
    return bytes(body)
