"""Reader privacy: which address a request came from, and how it is (never) stored.

Raw IP addresses are never stored or logged.  What is kept is a keyed hash
(HMAC-SHA256 under the deployment's secret key) of the address and the current UTC
date, so the same reader is recognisable within a day (to count reporters once per
group) and not across days.  Rate limits key on the address's block (IPv4 /24,
IPv6 /48), hashed the same way.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from datetime import date
from functools import lru_cache

from starlette.requests import HTTPConnection

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(items: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(item, strict=False) for item in items)


def client_ip(conn: HTTPConnection, trusted: tuple[Network, ...]) -> str:
    """The client's address, believing ``X-Forwarded-For`` only from trusted proxies.

    Walks the forwarded chain from the right and returns the first address that is not a
    trusted proxy, as proxies append the address they saw.
    """
    peer = conn.client.host if conn.client else ""
    if not trusted or not _is_trusted(peer, trusted):
        return peer
    chain = [p.strip() for p in conn.headers.get("x-forwarded-for", "").split(",") if p.strip()]
    for hop in reversed(chain):
        if not _is_trusted(hop, trusted):
            return hop
    return chain[0] if chain else peer


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
    try:
        ip = ipaddress.ip_address(addr)
    except ValueError:
        return addr
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


@lru_cache(maxsize=16_384)
def keyed_hash(secret: str, value: str, day: date) -> str:
    """HMAC-SHA256 of ``value`` salted with ``day``; 32 hex characters.  Cached in memory
    only (a pure function; the cache holds no more than the process already saw)."""
    msg = f"{day.isoformat()}|{value}".encode()
    return hmac.new(secret.encode(), msg, hashlib.sha256).hexdigest()[:32]
