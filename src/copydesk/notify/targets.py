"""Where notifications may be sent: the guard against server-side request forgery.

A webhook URL is an instruction, from whoever configures a channel, to make copydesk's
server send requests somewhere.  Unless ``settings.allow_private_targets`` is set,
copydesk refuses targets that are not on the public internet: loopback, private,
link-local, shared, reserved and multicast addresses, IPv4-mapped IPv6 included.

The check runs twice: when a channel is added (:func:`check_url`) and at every
delivery, inside the HTTP client's connection code (:class:`GuardedBackend`): the
host is resolved, every address is checked, and the connection goes to a checked
address, so a DNS answer that changes between check and connect cannot slip through.
Redirects are never followed (:func:`http_client`).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from urllib.parse import urlsplit

import anyio
import httpcore
import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class TargetRefused(ValueError):
    """The URL points somewhere copydesk does not send notifications."""


def address_allowed(address: IPAddress, allow_private: bool) -> bool:
    if allow_private:
        return True
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def _check_addresses(host: str, addresses: Iterable[str], allow_private: bool) -> list[str]:
    found = list(dict.fromkeys(addresses))
    if not found:
        raise TargetRefused(f"{host} has no address")
    for raw in found:
        address = ipaddress.ip_address(raw.split("%", 1)[0])
        if not address_allowed(address, allow_private):
            raise TargetRefused(f"{host} resolves to a non-public address ({address})")
    return found


def check_url(url: str, allow_private: bool) -> None:
    """Refuse a channel URL that is not http(s) or resolves to a non-public address."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise TargetRefused("the URL must be http:// or https:// with a host")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise TargetRefused(f"bad port in URL: {exc}") from None
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise TargetRefused(f"cannot resolve {parts.hostname}: {exc.strerror}") from None
    _check_addresses(parts.hostname, (str(info[4][0]) for info in infos), allow_private)


async def resolve(host: str, port: int, allow_private: bool) -> list[str]:
    """The checked addresses of ``host``, without blocking the event loop."""
    try:
        infos = await anyio.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise httpcore.ConnectError(f"cannot resolve {host}: {exc.strerror}") from None
    return _check_addresses(host, (str(info[4][0]) for info in infos), allow_private)


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network backend, connecting only to checked addresses."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        error: Exception | None = None
        for address in await resolve(host, port, self.allow_private):
            try:
                return await self._inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except httpcore.ConnectError as exc:
                error = exc
        assert error is not None
        raise error

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise TargetRefused("unix sockets are not notification targets")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def http_client(allow_private: bool, timeout: float = 15.0) -> httpx.AsyncClient:
    """An HTTP client for notifications: guarded, no redirects, no proxies from the env."""
    transport = httpx.AsyncHTTPTransport(trust_env=False)
    # httpx offers no public way to pass a network backend; replace its pool with one
    # built the same way (certificates from httpx's default context) plus the guard.
    transport._pool = httpcore.AsyncConnectionPool(
        ssl_context=httpx.create_ssl_context(trust_env=False),
        network_backend=GuardedBackend(allow_private),
    )
    return httpx.AsyncClient(
        transport=transport, timeout=timeout, follow_redirects=False, trust_env=False
    )
