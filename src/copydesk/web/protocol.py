"""The HTTP/1.1 protocol ``serve`` runs: uvicorn's httptools protocol with bounds.

uvicorn bounds neither the size of a request's head nor the time a client may take to
send it: httptools gathers an endless header value in memory, and a client that sends a
header line every few seconds (or a body a byte at a time) holds its connection, and a
file descriptor, for ever.  :class:`BoundedHttpProtocol` adds what nginx and h11 have:

- the request line and each header line at most ``line_bytes`` (``414`` / ``431``), the
  head as a whole at most ``head_bytes`` (``431``), at most ``headers`` headers (``431``);
- the head complete within ``head_seconds`` of the connection's opening or of the
  request's first byte (``408``; a connection that sent nothing is closed);
- the body complete within ``body_seconds`` of the end of the head (``408`` while no
  response has started; otherwise the connection is closed).  Time during which
  copydesk itself stopped reading (flow control, the app not reading yet) is not the
  client's: the clock starts again.

The head is fed to the parser at most ``head_bytes`` at a time, so the parser never
holds more than that of a head; sizes are checked in the parser's callbacks, which
stop the parse by raising.  Every refusal closes the connection.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

import httptools
import orjson
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

log = logging.getLogger("copydesk.server")


@dataclass(frozen=True)
class Limits:
    """How large a request head may be, and how long a client may take to send one."""

    line_bytes: int = 8 * 1024
    head_bytes: int = 16 * 1024
    headers: int = 100
    head_seconds: float = 10.0
    body_seconds: float = 30.0


class Refused(Exception):
    """Raised in a parser callback to stop the parse; carries the answer."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def _answer(status: int, code: str, message: str,
            default_headers: list[tuple[bytes, bytes]]) -> bytes:
    body = orjson.dumps({"error": {"code": code, "message": message, "field": None}})
    lines = [STATUS_LINE[status]]
    for name, value in default_headers:
        lines += [name, b": ", value, b"\r\n"]
    lines += [
        b"content-type: application/json\r\n",
        b"content-length: ", str(len(body)).encode("ascii"), b"\r\n",
        b"connection: close\r\n\r\n",
        body,
    ]
    return b"".join(lines)


class BoundedHttpProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with :class:`Limits` on request heads and bodies.

    Pass ``functools.partial(BoundedHttpProtocol, limits=...)`` as uvicorn's ``http``.
    """

    def __init__(self, *args: Any, limits: Limits = Limits(), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limits = limits
        self._in_head = True  # between a message's end (or the opening) and its head's end
        self._head_begun = False  # a byte of the current head has arrived
        self._head_size = 0  # bytes of the current head fed so far
        self._heads = 0  # heads completed on this connection
        self._header_count = 0
        self._head_timer: asyncio.TimerHandle | None = None
        self._body_timer: asyncio.TimerHandle | None = None

    # Connection events

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._head_timer = self.loop.call_later(self.limits.head_seconds, self._head_late)

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_timers()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        self._unset_keepalive_if_required()
        while data and self.parser is not None and not self.transport.is_closing():
            if not self._in_head:
                piece, data = data, b""
                if not self._feed(piece):
                    return
                continue
            # At most one byte past the limit at a time: the parser never holds more.
            room = self.limits.head_bytes - self._head_size + 1
            piece, data = data[:room], data[room:]
            heads = self._heads
            if not self._feed(piece):
                return
            if self._in_head and self._head_begun and heads == self._heads:
                # (A head that began after another ended in this piece counts from 0:
                # at most one piece too little, never too much for a pipelined client.)
                self._head_size += len(piece)
                if self._head_size > self.limits.head_bytes:
                    self._refuse(431, "headers_too_large",
                                 "The request's headers are too large.")
                    return
        if self.transport.is_closing():
            return
        if self._in_head:
            if self._head_begun and self._head_timer is None:
                self._head_timer = self.loop.call_later(self.limits.head_seconds,
                                                        self._head_late)
        elif self._body_timer is None:
            self._body_timer = self.loop.call_later(self.limits.body_seconds, self._body_late)

    def _feed(self, piece: bytes) -> bool:
        """Feed the parser; False when the connection is done with."""
        try:
            self.parser.feed_data(piece)
        except httptools.HttpParserCallbackError as exc:
            refused = exc.__context__
            if isinstance(refused, Refused):
                self._refuse(refused.status, refused.code, refused.message)
            else:  # pragma: no cover - an error of uvicorn's own callbacks
                self.logger.warning("Invalid HTTP request received.")
                self.send_400_response("Invalid HTTP request received.")
            return False
        except httptools.HttpParserError:
            self.logger.warning("Invalid HTTP request received.")
            self.send_400_response("Invalid HTTP request received.")
            return False
        except httptools.HttpParserUpgrade:
            if self._should_upgrade():
                self.handle_websocket_upgrade()
            else:
                self._unsupported_upgrade_warning()
            return False
        return True

    # Parser callbacks

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._in_head = True
        self._head_begun = True
        self._header_count = 0

    def on_url(self, url: bytes) -> None:
        super().on_url(url)
        if len(self.url) > self.limits.line_bytes:
            raise Refused(414, "uri_too_long", "The request's URL is too long.")

    def on_header(self, name: bytes, value: bytes) -> None:
        self._header_count += 1
        if self._header_count > self.limits.headers:
            raise Refused(431, "too_many_headers", "The request has too many headers.")
        if len(name) + len(value) + 2 > self.limits.line_bytes:
            raise Refused(431, "headers_too_large", "A request header is too large.")
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self._heads += 1
        self._in_head = False
        self._head_begun = False
        self._head_size = 0
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        self._in_head = True
        if self._body_timer is not None:
            self._body_timer.cancel()
            self._body_timer = None
        super().on_message_complete()

    # Refusals

    def _refuse(self, status: int, code: str, message: str) -> None:
        log.info("request refused", extra={"status": status, "code": code})
        self._cancel_timers()
        cycle = self.cycle
        if cycle is not None and not cycle.response_complete:
            if cycle.response_started or self._in_head:
                # A response is on the wire, or the refused head is a pipelined one
                # behind a request still being answered: an answer now would be
                # mistaken for that request's.  Close instead.
                self.transport.close()
                return
            cycle.disconnected = True  # the app reads no more; what it sends is dropped
            cycle.message_event.set()
        self.transport.write(_answer(status, code, message, self.server_state.default_headers))
        self.transport.close()

    def _head_late(self) -> None:
        self._head_timer = None
        if self.transport.is_closing():
            return
        cycle = self.cycle
        if cycle is not None and not cycle.response_complete:
            # A pipelined head is late while the previous request is still answered:
            # finish that answer, then close.
            cycle.keep_alive = False
            self.flow.pause_reading()
            return
        if not self._head_begun:
            log.debug("idle connection closed")
            self.transport.close()
            return
        self._refuse(408, "request_timeout", "The request's headers came too slowly.")

    def _body_late(self) -> None:
        self._body_timer = None
        if self.transport.is_closing():
            return
        if self.flow.read_paused:
            # copydesk stopped reading, not the client: give it the time again.
            self._body_timer = self.loop.call_later(self.limits.body_seconds, self._body_late)
            return
        if self.cycle is not None and self.cycle.response_started:
            # Answered already (the app did not need the body): no second answer.
            log.info("request refused", extra={"status": 408, "code": "request_timeout"})
            self._cancel_timers()
            self.transport.close()
            return
        self._refuse(408, "request_timeout", "The request's body came too slowly.")

    def _cancel_timers(self) -> None:
        for timer in (self._head_timer, self._body_timer):
            if timer is not None:
                timer.cancel()
        self._head_timer = self._body_timer = None
