"""Outbound HTTP that cannot be turned against private networks (the SSRF guard).

Webhooks, chat deliveries and article fetches make copydesk's server send requests to
URLs that someone else chose.  Unless ``allow_private`` is set (the setting
``allow_private_targets``), every such request goes through this module, which refuses
any address that is not globally routable:

- IPv4: loopback, private, link-local (169.254/16: cloud metadata), shared (100.64/10),
  documentation, benchmarking, reserved, "this network" (0/8), broadcast, multicast;
- IPv6: loopback, unspecified, unique-local, link-local, site-local, documentation,
  discard, reserved and multicast addresses;
- IPv6 addresses that embed an IPv4 address are judged by the IPv4 address they carry,
  since that is where the packets end up: IPv4-mapped ``::ffff:a.b.c.d``,
  IPv4-translated ``::ffff:0:a.b.c.d``, IPv4-compatible ``::a.b.c.d``, NAT64
  ``64:ff9b::/96``, 6to4 ``2002::/16`` and Teredo ``2001::/32`` (its server and its
  client).  ``64:ff9b::7f00:1`` is 127.0.0.1 through a NAT64 gateway, so it is refused;
  ``64:ff9b::808:808`` is 8.8.8.8 and allowed.  The local-use NAT64 prefix
  ``64:ff9b:1::/48`` is refused outright: it is not routed globally, and where it
  carries the IPv4 address depends on the local network.

The rules are written out here rather than taken from :mod:`ipaddress` alone, whose
answers for these prefixes differ between Python versions.

Where the check runs:

- :func:`check_url`, when a URL is configured (a channel is added);
- :class:`AsyncGuardedTransport` / :class:`GuardedTransport`, at every request the
  clients of :func:`http_client` / :func:`sync_http_client` send, redirect hops
  included: the host is resolved once, every address is checked, and the request is
  sent to a checked address (the URL's host is replaced by the address; the ``Host``
  header keeps the name, and for HTTPS the name is sent as SNI and the certificate is
  verified against it).  A DNS answer that changes between the check and the
  connection therefore cannot slip through.

Both transports wrap httpx's own transport through httpx's public API only (the
``sni_hostname`` request extension).  They keep one inner transport (one connection
pool) per origin, so a TLS connection verified for one name is never reused for
another name on the same address; those pools live as long as the client, so a client
is meant for a bounded set of hosts (the configured channels, one fetch) or a bounded
time (one run of a scheduled job).  Proxy settings from the environment are ignored.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl
import threading
from collections.abc import Iterable
from urllib.parse import urlsplit

import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_DEFAULT_PORTS = {"http": 80, "https": 443}
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.IPv6Network("64:ff9b:1::/48")
_COMPATIBLE = ipaddress.IPv6Network("::/96")
_TRANSLATED = ipaddress.IPv6Network("::ffff:0:0:0/96")

#: Each origin's connection pool: a few connections kept open for reuse.
_LIMITS = httpx.Limits(max_keepalive_connections=4)

#: An origin: scheme, host (as sent on the wire) and port.
Origin = tuple[str, str, int]


class TargetRefused(ValueError):
    """The URL or the address it resolves to is not one copydesk sends requests to."""


def _embedded_ipv4(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries (none for a plain IPv6 address)."""
    if address.ipv4_mapped is not None:
        return [address.ipv4_mapped]
    if address.sixtofour is not None:
        return [address.sixtofour]
    if address.teredo is not None:
        return list(address.teredo)
    if address in _NAT64 or address in _TRANSLATED or address in _COMPATIBLE:
        return [ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)]
    return []


def is_public(address: IPAddress) -> bool:
    """Whether ``address`` is a globally routable unicast address (see the module)."""
    if isinstance(address, ipaddress.IPv4Address):
        return address.is_global and not address.is_multicast
    if address in _NAT64_LOCAL:
        return False
    embedded = _embedded_ipv4(address)
    if embedded:
        return all(is_public(inner) for inner in embedded)
    return (
        address.is_global
        and not address.is_multicast
        and not address.is_site_local
        and not address.is_reserved
    )


def _describe(address: IPAddress) -> str:
    """``address``, and the IPv4 it carries: "64:ff9b::a00:1, carrying 10.0.0.1"."""
    embedded = _embedded_ipv4(address) if isinstance(address, ipaddress.IPv6Address) else []
    if not embedded:
        return str(address)
    return f"{address}, carrying {' and '.join(str(inner) for inner in embedded)}"


def address_allowed(address: IPAddress, allow_private: bool) -> bool:
    """Whether requests may go to ``address``: public, or anything with ``allow_private``."""
    return allow_private or is_public(address)


def check_addresses(host: str, addresses: Iterable[str], allow_private: bool) -> list[str]:
    """``addresses`` (resolved from ``host``) without repeats, if every one is allowed.

    Raises :class:`TargetRefused` when there is none or any of them is not allowed.
    """
    found = list(dict.fromkeys(raw.split("%", 1)[0] for raw in addresses))
    if not found:
        raise TargetRefused(f"{host} has no address")
    for raw in found:
        address = ipaddress.ip_address(raw)
        if not address_allowed(address, allow_private):
            raise TargetRefused(
                f"{host} resolves to a non-public address ({_describe(address)})"
            )
    return found


def resolve(host: str, port: int, allow_private: bool) -> list[str]:
    """The checked addresses of ``host`` (blocking).

    Raises :class:`TargetRefused` for a refused address, :class:`httpx.ConnectError`
    when the name does not resolve.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise httpx.ConnectError(f"cannot resolve {host}: {exc.strerror}") from None
    return check_addresses(host, (str(info[4][0]) for info in infos), allow_private)


async def resolve_async(
    host: str, port: int, allow_private: bool, timeout: float | None = None
) -> list[str]:
    """:func:`resolve` without blocking the event loop, within ``timeout`` seconds."""
    loop = asyncio.get_running_loop()
    lookup = loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    try:
        infos = await asyncio.wait_for(lookup, timeout)
    except socket.gaierror as exc:
        raise httpx.ConnectError(f"cannot resolve {host}: {exc.strerror}") from None
    except TimeoutError:
        raise httpx.ConnectTimeout(f"resolving {host} timed out") from None
    return check_addresses(host, (str(info[4][0]) for info in infos), allow_private)


def check_url(url: str, allow_private: bool) -> None:
    """Refuse a configured URL that is not http(s) or resolves to a refused address."""
    parts = urlsplit(url)
    if parts.scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise TargetRefused("the URL must be http:// or https:// with a host")
    try:
        port = parts.port or _DEFAULT_PORTS[parts.scheme]
    except ValueError as exc:
        raise TargetRefused(f"bad port in URL: {exc}") from None
    try:
        resolve(parts.hostname, port, allow_private)
    except httpx.ConnectError as exc:
        raise TargetRefused(str(exc)) from None


def _origin(request: httpx.Request) -> Origin:
    url = request.url
    if url.scheme not in _DEFAULT_PORTS or not url.raw_host:
        raise TargetRefused("only http:// and https:// URLs with a host are allowed")
    return url.scheme, url.raw_host.decode("ascii"), url.port or _DEFAULT_PORTS[url.scheme]


def _pinned(request: httpx.Request, host: str, address: str) -> httpx.Request:
    """``request`` sent to ``address``, still naming ``host`` (Host header, SNI)."""
    extensions = dict(request.extensions)
    if request.url.scheme == "https" and host != address:
        extensions["sni_hostname"] = host
    return httpx.Request(
        request.method,
        request.url.copy_with(host=address),
        headers=request.headers,  # keeps Host: the name, not the address
        stream=request.stream,
        extensions=extensions,
    )


def _connect_timeout(request: httpx.Request) -> float | None:
    timeouts = request.extensions.get("timeout")
    connect = timeouts.get("connect") if isinstance(timeouts, dict) else None
    return float(connect) if connect is not None else None


class AsyncGuardedTransport(httpx.AsyncBaseTransport):
    """httpx's async transport, sending only to checked addresses.

    ``allow_private`` lifts the refusal of non-public addresses (never the scheme
    check); ``verify`` is the TLS context (httpx's default when None); ``limits`` are
    each origin's pool limits.
    """

    def __init__(
        self,
        allow_private: bool,
        *,
        verify: ssl.SSLContext | None = None,
        limits: httpx.Limits = _LIMITS,
    ) -> None:
        self.allow_private = allow_private
        self._verify = verify or httpx.create_ssl_context(trust_env=False)
        self._limits = limits
        self._origins: dict[Origin, httpx.AsyncHTTPTransport] = {}

    def _inner(self, origin: Origin) -> httpx.AsyncHTTPTransport:
        inner = self._origins.get(origin)
        if inner is None:
            inner = httpx.AsyncHTTPTransport(
                verify=self._verify, limits=self._limits, trust_env=False
            )
            self._origins[origin] = inner
        return inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        origin = _origin(request)
        _, host, port = origin
        addresses = await resolve_async(
            host, port, self.allow_private, _connect_timeout(request)
        )
        inner = self._inner(origin)
        for address in addresses[:-1]:
            try:
                return await inner.handle_async_request(_pinned(request, host, address))
            except httpx.ConnectError:
                continue
        return await inner.handle_async_request(_pinned(request, host, addresses[-1]))

    async def aclose(self) -> None:
        origins, self._origins = self._origins, {}
        for inner in origins.values():
            await inner.aclose()


class GuardedTransport(httpx.BaseTransport):
    """The blocking twin of :class:`AsyncGuardedTransport` (same parameters)."""

    def __init__(
        self,
        allow_private: bool,
        *,
        verify: ssl.SSLContext | None = None,
        limits: httpx.Limits = _LIMITS,
    ) -> None:
        self.allow_private = allow_private
        self._verify = verify or httpx.create_ssl_context(trust_env=False)
        self._limits = limits
        self._origins: dict[Origin, httpx.HTTPTransport] = {}
        self._lock = threading.Lock()

    def _inner(self, origin: Origin) -> httpx.HTTPTransport:
        with self._lock:
            inner = self._origins.get(origin)
            if inner is None:
                inner = httpx.HTTPTransport(
                    verify=self._verify, limits=self._limits, trust_env=False
                )
                self._origins[origin] = inner
            return inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        origin = _origin(request)
        _, host, port = origin
        addresses = resolve(host, port, self.allow_private)
        inner = self._inner(origin)
        for address in addresses[:-1]:
            try:
                return inner.handle_request(_pinned(request, host, address))
            except httpx.ConnectError:
                continue
        return inner.handle_request(_pinned(request, host, addresses[-1]))

    def close(self) -> None:
        with self._lock:
            origins, self._origins = self._origins, {}
        for inner in origins.values():
            inner.close()


def http_client(
    allow_private: bool,
    *,
    timeout: float = 15.0,
    follow_redirects: bool = False,
    verify: ssl.SSLContext | None = None,
) -> httpx.AsyncClient:
    """A guarded async client: no proxies or netrc from the environment.

    With ``follow_redirects`` every hop goes through the guard; without it (the
    default, for notifications) a redirect is an answer like any other.
    """
    return httpx.AsyncClient(
        transport=AsyncGuardedTransport(allow_private, verify=verify),
        timeout=timeout,
        follow_redirects=follow_redirects,
        trust_env=False,
    )


def sync_http_client(
    allow_private: bool,
    *,
    timeout: float = 15.0,
    follow_redirects: bool = False,
    verify: ssl.SSLContext | None = None,
) -> httpx.Client:
    """The blocking twin of :func:`http_client` (same parameters)."""
    return httpx.Client(
        transport=GuardedTransport(allow_private, verify=verify),
        timeout=timeout,
        follow_redirects=follow_redirects,
        trust_env=False,
    )
