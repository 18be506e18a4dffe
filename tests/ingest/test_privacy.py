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


TRUSTED = privacy.parse_networks(("10.0.0.0/8",))


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("203.0.113.5:4711", "203.0.113.5"),
        ("[2001:db8::7]:443", "2001:db8::7"),
        ("[2001:db8::7]", "2001:db8::7"),
        ("2001:DB8:0:0::7", "2001:db8::7"),  # canonical text: one reader, one bucket
        ("203.0.113.5:4711, 10.0.0.9:80", "203.0.113.5"),  # a proxy with its port
    ],
)
def test_forwarded_for_entries_with_ports_and_ipv6(forwarded: str, expected: str) -> None:
    assert privacy.client_ip(request("10.0.0.2", forwarded), TRUSTED) == expected


@pytest.mark.parametrize(
    "forwarded",
    ["unknown", "_hidden", "203.0.113.5:", "203.0.113.5:99999999", "2001:db8::7:443:x",
     "fe80::1%eth0", "[203.0.113.5]", "<script>", "1.2.3.4.5", "x" * 5000,
     "6.6.6.6, garbage"],
)
def test_forwarded_for_garbage_falls_back_to_the_peer(forwarded: str) -> None:
    assert privacy.client_ip(request("10.0.0.2", forwarded), TRUSTED) == "10.0.0.2"


def test_several_forwarded_for_headers_are_one_chain() -> None:
    req = Request({"type": "http", "client": ("10.0.0.2", 1234), "headers": [
        (b"x-forwarded-for", b"203.0.113.5"), (b"x-forwarded-for", b"10.0.0.7")]})
    assert privacy.client_ip(req, TRUSTED) == "203.0.113.5"


@pytest.mark.parametrize(
    ("addr", "expected"),
    [
        ("203.0.113.77", "203.0.0.0/16"),
        ("2001:db8:abcd:12::1", "2001:db8::/32"),
        ("::ffff:198.51.100.9", "198.51.0.0/16"),
    ],
)
def test_network(addr: str, expected: str) -> None:
    assert privacy.network(addr) == expected
