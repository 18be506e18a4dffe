"""Article URL normalisation and origin matching.

Two reports are about the same article when their normalised URLs are equal:
scheme and host lowercased, default port, user info and fragment dropped, the path's
trailing slash removed (except the root), tracking parameters (``utm_*``, ``fbclid``,
``gclid``…) removed and the remaining query parameters sorted.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING = re.compile(
    r"^(utm_\w*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|yclid|_ga|_gl|"
    r"igshid|ref_src|ocid|cmpid|_hsenc|_hsmi|mkt_tok|oly_enc_id|oly_anon_id|vero_id|"
    r"__twitter_impression|s_cid|at_medium|at_campaign)$",
    re.IGNORECASE,
)
_DEFAULT_PORTS = {"http": 80, "https": 443}
_SPACE = re.compile(r"\s")


@lru_cache(maxsize=4096)
def is_http_url(url: str) -> bool:
    """An absolute http(s) URL with a host and no whitespace (which ``urlsplit`` would
    silently drop, making the stored URL differ from the one checked)."""
    if _SPACE.search(url):
        return False
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        return False
    return parts.scheme.lower() in _DEFAULT_PORTS and bool(parts.hostname)


def _host_port(scheme: str, url: str) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    port = parts.port
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        return f"{host}:{port}"
    return host


@lru_cache(maxsize=4096)
def normalise(url: str) -> str:
    """The canonical form of an article URL (see the module docstring).  Cached: reports
    come in runs on the same few articles."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    path = re.sub(r"/{2,}", "/", parts.path or "/")
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not _TRACKING.match(k)
    )
    return urlunsplit((scheme, _host_port(scheme, url), path, urlencode(query), ""))


@lru_cache(maxsize=4096)
def origin(url: str) -> str:
    """``scheme://host[:port]`` of a URL, lowercased, default port dropped.  Cached: ingest
    asks for the same few origins (the page's ``Origin`` header) on every report."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    return f"{scheme}://{_host_port(scheme, url)}"


def normalise_origin(value: str) -> str:
    """Normalise an allowed-origin entry; ``https://*.example.com`` allows subdomains."""
    value = value.strip().rstrip("/")
    if "://*." in value:
        scheme, rest = value.split("://*.", 1)
        return f"{scheme.lower()}://*.{origin(f'{scheme}://{rest}').split('://', 1)[1]}"
    return origin(value)


def origin_allowed(candidate: str, allowed: tuple[str, ...]) -> bool:
    """Whether an origin (``scheme://host[:port]``) matches one of the allowed entries."""
    cand = origin(candidate)
    for entry in allowed:
        if entry == cand:
            return True
        if "://*." in entry:
            scheme, suffix = entry.split("://*.", 1)
            cand_scheme, cand_host = cand.split("://", 1)
            if cand_scheme == scheme and cand_host.endswith("." + suffix):
                return True
    return False
