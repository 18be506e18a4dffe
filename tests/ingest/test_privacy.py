from __future__ import annotations

from datetime import date

import pytest
from starlette.requests import Request

from copydesk.ingest import privacy


def request(peer: str, forwarded: str | None = None) -> Request:
    headers = [(b"x-forwarded-for", forwarded.encode())] if forwarded else []
    return Request({"type": "http", "client": (peer, 1234), "headers": headers})


@pytest.mark.parametrize(
    ("addr", "expected"),
    [
        ("203.0.113.77", "203.0.113.0/24"),
        ("2001:db8:abcd:12::1", "2001:db8:abcd::/48"),
        ("::ffff:198.51.100.9", "198.51.100.0/24"),
    ],
)
def test_block(addr: str, expected: str) -> None:
    assert privacy.block(addr) == expected


def test_forwarded_for_ignored_from_untrusted_peer() -> None:
    trusted = privacy.parse_networks(("10.0.0.0/8",))
    assert privacy.client_ip(request("198.51.100.1", "1.2.3.4"), trusted) == "198.51.100.1"


def test_forwarded_for_from_trusted_proxy_takes_first_untrusted_from_right() -> None:
    trusted = privacy.parse_networks(("10.0.0.0/8",))
    req = request("10.0.0.2", "6.6.6.6, 203.0.113.5, 10.0.0.9")
    assert privacy.client_ip(req, trusted) == "203.0.113.5"


def test_keyed_hash_rotates_daily_and_hides_the_address() -> None:
    one = privacy.keyed_hash("k", "203.0.113.5", date(2026, 1, 1))
    assert one == privacy.keyed_hash("k", "203.0.113.5", date(2026, 1, 1))
    assert one != privacy.keyed_hash("k", "203.0.113.5", date(2026, 1, 2))
    assert one != privacy.keyed_hash("other", "203.0.113.5", date(2026, 1, 1))
    assert "203.0.113.5" not in one and len(one) == 32
    assert all(c in "0123456789abcdef" for c in one)
