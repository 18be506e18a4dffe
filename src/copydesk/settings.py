"""Every setting copydesk reads, its default, and its environment variable.

Settings come from ``COPYDESK_*`` environment variables; CLI flags override them
(``Settings.from_env(os.environ, port=8080)``).  The table in README's
"Settings" section is checked against :data:`FIELDS` by a test, so a setting
cannot exist without its documentation.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

PREFIX = "COPYDESK_"


class SettingsError(ValueError):
    """A setting has a value copydesk cannot use."""


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.replace(",", " ").split() if part.strip())


def _bool(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off", ""}:
        return False
    raise SettingsError(f"expected a boolean (true/false), got {value!r}")


@dataclass(frozen=True)
class Settings:
    """Configuration of one copydesk deployment.

    Parameters (environment variable in brackets):

    - ``database_url`` [COPYDESK_DATABASE_URL]: SQLAlchemy URL; ``sqlite:///copydesk.db``
      (a file in the working directory) by default, or ``postgresql://user@host/db``.
    - ``redis_url`` [COPYDESK_REDIS_URL]: when set, rate limits are shared through Redis.
    - ``host`` / ``port`` [COPYDESK_HOST, COPYDESK_PORT]: where ``serve`` listens.
    - ``workers`` [COPYDESK_WORKERS]: server processes for ``serve``; 0 (the default)
      means one per CPU core.  In-process rate limits count per process: set
      ``redis_url`` for one limit across them.
    - ``secret_key`` [COPYDESK_SECRET_KEY]: keys IP hashes, sessions and signatures; when
      empty one is generated on first start and stored in the database.
    - ``trusted_proxies`` [COPYDESK_TRUSTED_PROXIES]: IPs/CIDRs whose
      ``X-Forwarded-For``/``X-Forwarded-Proto`` headers are believed.
    - ``public_url`` [COPYDESK_PUBLIC_URL]: the externally visible base URL, used in links
      sent by notifications.
    - ``rate_limit_block`` [COPYDESK_RATE_LIMIT_BLOCK]: reports per minute from one IPv4 /24
      or IPv6 /48 block.
    - ``rate_limit_network`` [COPYDESK_RATE_LIMIT_NETWORK]: reports per minute from one
      IPv4 /16 or IPv6 /32 network (so one /32's many /48s are one sender).
    - ``rate_limit_site`` [COPYDESK_RATE_LIMIT_SITE]: reports per minute for one site;
      under a flood, shared fairly among the sending networks, each network's first
      report still admitted, up to twice this (see ``ingest/fairshare.py``).
    - ``rate_limit_spam`` [COPYDESK_RATE_LIMIT_SPAM]: spam reports (honeypot, too fast,
      from a flooding network) per minute for one site, shared the same way; beyond,
      they are refused like any other report.
    - ``tarpit_ms`` [COPYDESK_TARPIT_MS]: a ``429 rate_limited`` answer is held back this
      long (at most its ``Retry-After``), so a flood that sends as fast as it is answered
      slows to its connections' count per delay; also the longest a report admitted
      beyond its network's paced share is held before it is stored; 0 turns both off
      (``ingest/tarpit.py``, ``ingest/fairshare.py``).
    - ``tarpit_max`` [COPYDESK_TARPIT_MAX]: requests held at once per process (refusals
      and paced admissions); beyond, they are answered (or stored) at once.
    - ``min_time_on_page_ms`` [COPYDESK_MIN_TIME_ON_PAGE_MS]: a widget report sent sooner
      after page load than this is stored as spam.
    - ``sqlite_synchronous`` [COPYDESK_SQLITE_SYNCHRONOUS]: ``FULL`` (survives power loss)
      or ``NORMAL`` (survives process crashes only).
    - ``min_free_disk_mb`` [COPYDESK_MIN_FREE_DISK_MB]: on SQLite, ``/healthz`` counts the
      database as full (503) when its filesystem has less free space than this, in MiB.
    - ``log_level`` [COPYDESK_LOG_LEVEL], ``log_format`` [COPYDESK_LOG_FORMAT]: ``json``
      or ``text``.
    - ``session_days`` [COPYDESK_SESSION_DAYS]: how long a dashboard login lasts.
    - ``dashboard_form_bytes`` [COPYDESK_DASHBOARD_FORM_BYTES], ``dashboard_form_fields``
      [COPYDESK_DASHBOARD_FORM_FIELDS]: the largest form body a dashboard page reads, in
      bytes and in fields; a larger one is refused with 413.
    - ``smtp_url`` [COPYDESK_SMTP_URL]: ``smtp://user:pass@host:port`` (``smtps://`` for
      TLS, ``?starttls=1``) for email notifications; empty disables email.
    - ``mail_from`` [COPYDESK_MAIL_FROM]: sender address of notification email.
    - ``outbox_max_attempts`` [COPYDESK_OUTBOX_MAX_ATTEMPTS]: delivery tries before an
      outbox entry is dead-lettered.
    - ``dispatcher`` [COPYDESK_DISPATCHER]: run the notification dispatcher inside
      ``serve`` (set false when running ``copydesk worker`` separately).
    - ``allow_private_targets`` [COPYDESK_ALLOW_PRIVATE_TARGETS]: allow webhooks and
      fetches to private, loopback and link-local addresses.
    - ``proofread_fetch`` [COPYDESK_PROOFREAD_FETCH]: fetch and proofread reported articles.
    - ``proofread_interval`` [COPYDESK_PROOFREAD_INTERVAL]: seconds at least between two
      fetches of one article that new reports bring forward.
    - ``versions_max_age_days`` [COPYDESK_VERSIONS_MAX_AGE_DAYS]: days after its last
      report (or after it was found in a feed) that an article stops being fetched.
    - ``versions_workers`` [COPYDESK_VERSIONS_WORKERS]: article fetch threads per process.
    - ``versions_per_host`` [COPYDESK_VERSIONS_PER_HOST]: fetches to one host at a time,
      per process.
    - ``versions_host_delay_ms`` [COPYDESK_VERSIONS_HOST_DELAY_MS]: milliseconds at least
      between the starts of two fetches to one host, per process.
    - ``feeds_interval`` [COPYDESK_FEEDS_INTERVAL]: seconds between two polls of a site's
      feed (at least 60); 0 turns the poller off inside ``serve`` (``copydesk feeds poll``
      still polls).
    - ``max_header_line`` [COPYDESK_MAX_HEADER_LINE]: bytes of the request line or of one
      header line (414 or 431 beyond).
    - ``max_header_bytes`` [COPYDESK_MAX_HEADER_BYTES]: bytes of a request's line and
      headers together (431 beyond).
    - ``max_headers`` [COPYDESK_MAX_HEADERS]: headers in one request (431 beyond).
    - ``header_timeout`` [COPYDESK_HEADER_TIMEOUT]: seconds from a connection's opening or
      a request's first byte to the end of its headers (408, or closed when nothing came).
    - ``body_timeout`` [COPYDESK_BODY_TIMEOUT]: seconds from the end of a request's headers
      to the end of its body (408, or closed once the response started).
    - ``migrate`` [COPYDESK_MIGRATE]: ``manual`` (``serve`` refuses a schema other than
      the code's: migrate with ``copydesk db upgrade``) or ``auto`` (``serve`` migrates
      on start, creating a missing SQLite file; for single-box installs).
    - ``retention_spam_days`` [COPYDESK_RETENTION_SPAM_DAYS]: spam groups are purged this
      many days after their last report or status change; 0 keeps them for ever.
    - ``retention_closed_days`` [COPYDESK_RETENTION_CLOSED_DAYS]: the same for closed
      groups (fixed, rejected, duplicate); 0 (the default) keeps them for ever.
    - ``retention_outbox_days`` [COPYDESK_RETENTION_OUTBOX_DAYS]: delivered and
      dead-lettered notifications (which quote readers' text) are deleted this many days
      after they were queued; 0 keeps them for ever.
    """

    database_url: str = "sqlite:///copydesk.db"
    redis_url: str = ""
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 0
    secret_key: str = ""
    trusted_proxies: tuple[str, ...] = ()
    public_url: str = ""
    rate_limit_block: int = 30
    rate_limit_network: int = 120
    rate_limit_site: int = 600
    rate_limit_spam: int = 60
    tarpit_ms: int = 1000
    tarpit_max: int = 512
    min_time_on_page_ms: int = 2000
    sqlite_synchronous: str = "FULL"
    min_free_disk_mb: int = 16
    log_level: str = "INFO"
    log_format: str = "json"
    session_days: int = 14
    dashboard_form_bytes: int = 256 * 1024
    dashboard_form_fields: int = 1000
    smtp_url: str = ""
    mail_from: str = "copydesk@localhost"
    outbox_max_attempts: int = 10
    dispatcher: bool = True
    allow_private_targets: bool = False
    proofread_fetch: bool = True
    proofread_interval: int = 3600
    versions_max_age_days: int = 30
    versions_workers: int = 2
    versions_per_host: int = 2
    versions_host_delay_ms: int = 1000
    feeds_interval: int = 900
    max_header_line: int = 8 * 1024
    max_header_bytes: int = 16 * 1024
    max_headers: int = 100
    header_timeout: int = 10
    body_timeout: int = 30
    migrate: str = "manual"
    retention_spam_days: int = 30
    retention_closed_days: int = 0
    retention_outbox_days: int = 30

    @classmethod
    def from_env(cls, environ: Mapping[str, str], **overrides: Any) -> Settings:
        """Build settings from ``COPYDESK_*`` variables, then apply non-None overrides."""
        values: dict[str, Any] = {}
        known = {f.name: f for f in FIELDS}
        for key, raw in environ.items():
            if not key.startswith(PREFIX):
                continue
            name = key[len(PREFIX) :].lower()
            if name not in known:
                continue
            values[name] = _coerce(known[name], raw, key)
        for name, value in overrides.items():
            if value is not None:
                values[name] = value
        settings = cls(**values)
        settings.validate()
        return settings

    def validate(self) -> None:
        if self.port <= 0 or self.port > 65535:
            raise SettingsError(f"port must be 1-65535, got {self.port}")
        if self.workers < 0:
            raise SettingsError(f"workers must be 0 (one per core) or more, got {self.workers}")
        if self.sqlite_synchronous.upper() not in {"FULL", "NORMAL", "EXTRA"}:
            raise SettingsError("sqlite_synchronous must be FULL, NORMAL or EXTRA")
        if self.log_format not in {"json", "text"}:
            raise SettingsError("log_format must be json or text")
        for name in ("max_header_line", "max_header_bytes", "max_headers", "header_timeout",
                     "body_timeout"):
            if getattr(self, name) <= 0:
                raise SettingsError(f"{name} must be positive, got {getattr(self, name)}")
        if self.migrate not in {"manual", "auto"}:
            raise SettingsError(f"migrate must be manual or auto, got {self.migrate!r}")
        for name in ("tarpit_ms", "tarpit_max"):
            if getattr(self, name) < 0:
                raise SettingsError(f"{name} must be 0 (off) or more, got {getattr(self, name)}")
        for name in ("retention_spam_days", "retention_closed_days", "retention_outbox_days"):
            if getattr(self, name) < 0:
                raise SettingsError(f"{name} must be 0 (keep) or more, got {getattr(self, name)}")
        if self.feeds_interval != 0 and self.feeds_interval < 60:
            raise SettingsError(f"feeds_interval must be 0 (off) or 60 or more, "
                                f"got {self.feeds_interval}")
        for name in ("versions_max_age_days", "versions_workers", "versions_per_host"):
            if getattr(self, name) <= 0:
                raise SettingsError(f"{name} must be positive, got {getattr(self, name)}")
        for item in self.trusted_proxies:
            try:
                ipaddress.ip_network(item, strict=False)
            except ValueError as exc:
                raise SettingsError(f"trusted_proxies: {item!r} is not an IP or CIDR") from exc
        if not (
            self.database_url.startswith("sqlite")
            or self.database_url.startswith("postgresql")
            or self.database_url.startswith("postgres://")
        ):
            raise SettingsError("database_url must be a sqlite:// or postgresql:// URL")

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)

    @property
    def process_count(self) -> int:
        """How many server processes ``serve`` starts."""
        return self.workers or os.cpu_count() or 1


def _coerce(f: dataclasses.Field[Any], raw: str, key: str) -> Any:
    kind = f.type
    try:
        if kind == "int":
            return int(raw)
        if kind == "bool":
            return _bool(raw)
        if kind == "tuple[str, ...]":
            return _split(raw)
    except ValueError as exc:
        raise SettingsError(f"{key}: {exc}") from exc
    return raw


FIELDS: tuple[dataclasses.Field[Any], ...] = tuple(dataclasses.fields(Settings))
