"""Reader privacy: which address a request came from, and how it is (never) stored.

Raw IP addresses are never stored or logged.  What is kept is a keyed hash
(HMAC-SHA256 under the deployment's secret key) of the address and the current UTC
date, so the same reader is recognisable within a day (to count reporters once per
group) and not across days.  Rate limits key on the address's block (IPv4 /24,
IPv6 /48) and its network (IPv4 /16, IPv6 /32), hashed the same way.

``X-Forwarded-For`` is read strictly, and only from a trusted proxy.  An entry is an
address, written as proxies write it: ``203.0.113.5``, ``203.0.113.5:4711``,
``2001:db8::1``, ``[2001:db8::1]`` or ``[2001:db8::1]:4711``.  It is returned in its
canonical text (so ``2001:DB8:0::1`` and ``[2001:db8::1]:443`` are one reader and one
rate-limit bucket, never two).  When the entry the
walk ends on is anything else (``unknown``, an obfuscated ``_node``, garbage), the
client's address is unknown and the proxy's own address (the peer) is used: every such
request then shares the proxy's bucket, which an attacker cannot split.  Several
``X-Forwarded-For`` headers are read as one list, in order.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
from datetime import date
from functools import lru_cache

from starlette.requests import HTTPConnection

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(items: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(item, strict=False) for item in items)


def client_ip(conn: HTTPConnection, trusted: tuple[Network, ...]) -> str:
    """The client's address, believing ``X-Forwarded-For`` only from trusted proxies.

    Walks the forwarded chain from the right and returns the first address that is not a
    trusted proxy, as proxies append the address they saw.  An entry that is not an
    address (see the module docstring) ends the walk with the peer's address.
    """
    peer = conn.client.host if conn.client else ""
    if not trusted or not _is_trusted(peer, trusted):
        return peer
    values = ",".join(conn.headers.getlist("x-forwarded-for"))
    chain = [p.strip() for p in values.split(",") if p.strip()]
    if not chain:
        return peer
    for hop in reversed(chain):
        addr = forwarded_address(hop)
        if addr is None:
            return peer
        if not _is_trusted(addr, trusted):
            return addr
    return forwarded_address(chain[0]) or peer


_PORT = re.compile(
    r"(?P<v4>[0-9.]+):[0-9]{1,5}|\[(?P<v6>[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*)\](?::[0-9]{1,5})?"
)
#: Longer than any address with its port (``[`` 45 characters ``]:65535``).
_MAX_ENTRY = 60


def forwarded_address(entry: str) -> str | None:
    """One ``X-Forwarded-For`` entry as a canonical address, or None if it is not one.

    ``ip``, ``ipv4:port``, ``[ipv6]`` and ``[ipv6]:port``; a bare IPv6 address has no
    port (its last group would be ambiguous).  Zone ids (``%eth0``) are not accepted.
    """
    if len(entry) > _MAX_ENTRY:
        return None  # never cached: the cache holds short strings only
    return _address(entry)


@lru_cache(maxsize=16_384)
def _address(entry: str) -> str | None:
    text = entry
    if match := _PORT.fullmatch(entry):
        text = match.group("v4") or match.group("v6")
    if "%" in text:
        return None
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


def _is_trusted(addr: str, trusted: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(addr)
    except ValueError:
        return False
    return any(ip in net for net in trusted)


@lru_cache(maxsize=16_384)
def block(addr: str) -> str:
    """The /24 (IPv4) or /48 (IPv6) network an address belongs to, as text.  Cached (a
    pure function; readers send several reports, proxies many)."""
    return _prefix(addr, 24, 48)


@lru_cache(maxsize=16_384)
def network(addr: str) -> str:
    """The /16 (IPv4) or /32 (IPv6) network an address belongs to, as text: the unit
    that shares a site's budget fairly (:mod:`copydesk.ingest.fairshare`).  An IPv6 /32
    is what one provider or one hosting customer is commonly given, so its 65,536 /48s
    count as one sender."""
    return _prefix(addr, 16, 32)


def _prefix(addr: str, v4: int, v6: int) -> str:
    try:
        ip = ipaddress.ip_address(addr)
    except ValueError:
        return addr
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    prefix = v4 if ip.version == 4 else v6
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


@lru_cache(maxsize=16_384)
def keyed_hash(secret: str, value: str, day: date) -> str:
    """HMAC-SHA256 of ``value`` salted with ``day``; 32 hex characters.  Cached in memory
    only (a pure function; the cache holds no more than the process already saw)."""
    msg = f"{day.isoformat()}|{value}".encode()
    return hmac.new(secret.encode(), msg, hashlib.sha256).hexdigest()[:32]
