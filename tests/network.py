"""Stand-ins for DNS and for the network, for tests of the SSRF guard.

``answer`` makes chosen names resolve to chosen addresses (through the real
``socket.getaddrinfo``, which the guard calls); ``Wire`` replaces httpx's own
transports, recording every request that would have left and answering it, so a test
can show that a refused request never reached the network, and which address an
allowed one was sent to.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

Lookup = Callable[..., list[tuple[Any, ...]]]


def answer(monkeypatch: pytest.MonkeyPatch, names: dict[str, list[str]]) -> list[str]:
    """Make each name resolve to its addresses (none: the name does not exist).

    Returns the names looked up, in order.
    """
    real: Lookup = socket.getaddrinfo
    asked: list[str] = []

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> list[tuple[Any, ...]]:
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name not in names:
            return real(host, port, *args, **kwargs)
        asked.append(name)
        if not names[name]:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        infos: list[tuple[Any, ...]] = []
        for address in names[name]:
            if ":" in address:
                infos.append((socket.AF_INET6, socket.SOCK_STREAM, 6, "",
                              (address, int(port), 0, 0)))
            else:
                infos.append((socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, int(port))))
        return infos

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return asked


Reply = Callable[[httpx.Request], httpx.Response]


@dataclass
class Wire:
    """What would have gone out: httpx's transports replaced by ``reply``."""

    reply: Reply = lambda request: httpx.Response(200, text="ok")
    sent: list[httpx.Request] = field(default_factory=list)

    def install(self, monkeypatch: pytest.MonkeyPatch) -> Wire:
        def handle(_: object, request: httpx.Request) -> httpx.Response:
            self.sent.append(request)
            return self.reply(request)

        async def handle_async(_: object, request: httpx.Request) -> httpx.Response:
            return handle(_, request)

        monkeypatch.setattr(httpx.HTTPTransport, "handle_request", handle)
        monkeypatch.setattr(httpx.AsyncHTTPTransport, "handle_async_request", handle_async)
        return self
