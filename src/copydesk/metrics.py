"""Prometheus metrics of one app instance (its own registry: importing registers nothing)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.accepted = Counter(
            "copydesk_reports_accepted", "Reports stored (including spam-marked).",
            ["outcome"], registry=self.registry,
        )
        self.rejected = Counter(
            "copydesk_reports_rejected", "Reports refused, by error code.",
            ["reason"], registry=self.registry,
        )
        self.latency = Histogram(
            "copydesk_ingest_seconds", "Time to answer POST /api/v1/reports.",
            buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5),
            registry=self.registry,
        )
        self.limiter_fallbacks = Counter(
            "copydesk_ratelimit_fallbacks", "Times Redis stopped answering and rate limits "
            "fell back to this process's counters.", registry=self.registry,
        )
        self.limiter_shared = Gauge(
            "copydesk_ratelimit_shared", "1 while rate limits are shared through Redis, 0 "
            "while this process counts alone (no Redis configured, or it does not answer).",
            registry=self.registry,
        )

        self.outbox = Gauge(
            "copydesk_outbox_messages", "Notifications in the outbox, by status (read from "
            "the database at scrape time, so every worker reports the same).",
            ["status"], registry=self.registry,
        )

    def render(self) -> bytes:
        return bytes(generate_latest(self.registry))
