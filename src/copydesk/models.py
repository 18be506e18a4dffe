"""Domain types and enums shared by every part of copydesk.  No I/O here."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from copydesk.anchoring import State


class ReportStatus(enum.StrEnum):
    """Status of a report group.  Stored as these strings, never as numbers."""

    NEW = "new"
    ACCEPTED = "accepted"
    FIXED = "fixed"
    REJECTED = "rejected"
    DUPLICATE = "duplicate"
    SPAM = "spam"


#: Groups in these statuses take in new reports on the same quote.  A fixed group does
#: not: the text was changed, so a new report there is about the new text.
JOINABLE_STATUSES = frozenset(
    {ReportStatus.NEW, ReportStatus.ACCEPTED, ReportStatus.REJECTED}
)


class Role(enum.StrEnum):
    ADMIN = "admin"
    EDITOR = "editor"


class OutboxStatus(enum.StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    DEAD = "dead"


class EventType(enum.StrEnum):
    REPORT_CREATED = "report.created"
    REPORT_STATUS_CHANGED = "report.status_changed"
    #: A new version of the article no longer has a group's quote, and has its suggestion.
    GROUP_FIX_DETECTED = "group.fix_detected"
    #: A correction was published (copydesk.corrections.announce), on sites that opt in.
    CORRECTION_PUBLISHED = "correction.published"
    DIGEST = "digest"
    TEST = "test"


#: Where a group's quote stands in its article's latest version (``report_groups.
#: anchor_state``): fixed, changed, unchanged or orphaned.
AnchorState = State


class TrackedFrom(enum.StrEnum):
    """Why an article's versions are fetched (``articles.tracked_from``)."""

    REPORT = "report"
    FEED = "feed"


@dataclass(frozen=True)
class Site:
    id: int
    key: str
    name: str
    origins: tuple[str, ...]


@dataclass(frozen=True)
class Quote:
    """Where a report points in an article: W3C TextQuoteSelector plus optional positions."""

    exact: str
    prefix: str = ""
    suffix: str = ""
    start: int | None = None
    end: int | None = None
