"""Fetching an article over HTTP(S) without becoming a way into private networks.

Every address the host resolves to must be public unless ``allow_private`` is set;
the connection then goes to the address that was checked (the name is not resolved
a second time), redirects are checked hop by hop, and the body is capped in size
and in total time.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message

import httpx

from copydesk import __version__

DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
USER_AGENT = f"copydesk/{__version__} (proofreading)"

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


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


def is_public(address: IPAddress) -> bool:
    """Whether ``address`` is a global unicast address (not private, loopback, …)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address ``host`` resolves to."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve {host}: {exc.strerror}") from None
    found: list[IPAddress] = []
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if address not in found:
            found.append(address)
    if not found:
        raise FetchError(f"{host} has no addresses")
    return found


def _checked_address(url: httpx.URL, allow_private: bool) -> IPAddress:
    if url.scheme not in {"http", "https"}:
        raise FetchError(f"only http and https URLs can be fetched, not {url.scheme!r}")
    if not url.host:
        raise FetchError(f"no host in {url}")
    port = url.port or (443 if url.scheme == "https" else 80)
    addresses = resolve(url.host, port)
    if not allow_private:
        for address in addresses:
            if not is_public(address):
                raise PrivateAddressError(
                    f"refusing to fetch {url.host}: it resolves to {address}, which is a "
                    "private, loopback, link-local or otherwise non-public address"
                )
    return addresses[0]


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
    with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False) as client:
        for _ in range(MAX_REDIRECTS + 1):
            if allow_url is not None and not allow_url(str(current)):
                raise FetchError(f"{current} is not on an allowed origin")
            address = _checked_address(current, allow_private)
            host_header = current.netloc.decode("ascii")
            pinned = current.copy_with(host=str(address))
            extensions = {"sni_hostname": current.host} if current.scheme == "https" else {}
            request = client.build_request(
                "GET",
                pinned,
                headers={
                    "Host": host_header,
                    "User-Agent": USER_AGENT,
                    "Accept": "text/html, text/plain;q=0.9",
                },
                extensions=extensions,
            )
            try:
                response = client.send(request, stream=True)
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
