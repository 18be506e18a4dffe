"""Fetching an article over HTTP(S) without becoming a way into private networks.

Every request goes through the guarded client of :mod:`copydesk.net`: every address
the host resolves to must be public unless ``allow_private`` is set, and the
connection goes to the address that was checked.  Redirects are followed here, hop by
hop (each hop is a new request through the guard, and must pass ``allow_url``), without
reading a redirect's body; the page's body is capped in size and in total time.
"""

from __future__ import annotations

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

class FetchError(RuntimeError):
    """The page could not (or may not) be fetched."""


class PrivateAddressError(FetchError):
    """The host resolves to an address that is not public."""


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched response body and what the server said it is."""

    url: str
    content_type: str
    body: bytes

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

    def text(self) -> str:
        """The body decoded with the declared charset (UTF-8 when none is given)."""
        message = Message()
        message["content-type"] = self.content_type or "text/plain"
        charset = message.get_param("charset")
        encoding = charset if isinstance(charset, str) else "utf-8"
        try:
            return self.body.decode(encoding, errors="replace")
        except LookupError:
            return self.body.decode("utf-8", errors="replace")


def fetch(
    url: str,
    *,
    allow_private: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    allow_url: Callable[[str], bool] | None = None,
) -> Page:
    """GET ``url`` under the guards described in this module.

    ``allow_url``, when given, must accept the URL and every redirect target.
    """
    deadline = time.monotonic() + timeout
    try:
        current = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise FetchError(f"not a valid URL: {exc}") from None
    with net.sync_http_client(allow_private, timeout=timeout) as client:
        for _ in range(MAX_REDIRECTS + 1):
            if current.scheme not in {"http", "https"}:
                raise FetchError(f"only http and https URLs can be fetched, not {current.scheme!r}")
            if not current.host:
                raise FetchError(f"no host in {current}")
            if allow_url is not None and not allow_url(str(current)):
                raise FetchError(f"{current} is not on an allowed origin")
            request = client.build_request(
                "GET",
                current,
                headers={"User-Agent": USER_AGENT, "Accept": "text/html, text/plain;q=0.9"},
            )
            try:
                response = client.send(request, stream=True)
            except net.TargetRefused as exc:
                raise PrivateAddressError(f"refusing to fetch {current.host}: {exc}") from None
            except httpx.HTTPError as exc:
                raise FetchError(f"cannot fetch {current}: {exc}") from None
            try:
                if response.is_redirect:
                    location = response.headers.get("location", "")
                    current = current.join(location)
                    continue
                if response.status_code >= 400:
                    raise FetchError(f"{current} answered HTTP {response.status_code}")
                body = _read_capped(response, max_bytes, deadline)
                return Page(str(current), response.headers.get("content-type", ""), body)
            finally:
                response.close()
    raise FetchError(f"more than {MAX_REDIRECTS} redirects from {url}")


def _read_capped(response: httpx.Response, max_bytes: int, deadline: float) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"the page is larger than {max_bytes} bytes")
    body = bytearray()
    try:
        for chunk in response.iter_bytes():
            body.extend(chunk)
            if len(body) > max_bytes:
                raise FetchError(f"the page is larger than {max_bytes} bytes")
            if time.monotonic() > deadline:
                raise FetchError("the page took too long to download")
    except httpx.HTTPError as exc:
        raise FetchError(f"cannot read {response.url}: {exc}") from None
    return bytes(body)
