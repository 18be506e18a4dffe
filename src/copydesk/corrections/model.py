"""Corrections' types: kinds, placements, severities, statuses and the stored row."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime


class Kind(enum.StrEnum):
    """What a notice is (``corrections.type``)."""

    CORRECTION = "correction"
    CLARIFICATION = "clarification"
    UPDATE = "update"
    EDITORS_NOTE = "editors_note"
    RETRACTION = "retraction"


class Placement(enum.StrEnum):
    """Where the notice stands in the article."""

    TOP = "top"
    BOTTOM = "bottom"


class Severity(enum.StrEnum):
    """How much the mistake mattered (for the newsroom; not shown to readers)."""

    MINOR = "minor"
    MAJOR = "major"


class Status(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"


#: Statuses readers see: a withdrawn correction stays, marked withdrawn.
PUBLIC = (Status.PUBLISHED.value, Status.WITHDRAWN.value)

#: Longest notice text, withdrawal note and late reason.
TEXT_MAX = 4000
NOTE_MAX = 2000


@dataclass(frozen=True)
class Revision:
    at: datetime
    actor: str
    text_before: str
    text_after: str


@dataclass(frozen=True)
class Correction:
    id: int
    site_id: int
    article_id: int
    group_id: int | None
    kind: Kind
    text: str
    placement: Placement
    severity: Severity
    corrects_version_id: int | None
    late_reason: str
    status: Status
    created_by: str
    created_at: datetime
    published_at: datetime | None
    updated_at: datetime
    withdrawn_at: datetime | None
    withdrawal_note: str
    article_url: str = ""
    article_title: str = ""
    revisions: tuple[Revision, ...] = field(default=())

    @property
    def is_public(self) -> bool:
        return self.status is not Status.DRAFT
