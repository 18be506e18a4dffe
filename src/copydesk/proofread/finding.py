"""A single proofreading finding: where, what, and what to write instead."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    """How sure a rule is that the finding is a mistake."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Finding:
    """A suspected mistake at ``text[start:end]`` of the checked text."""

    rule: str
    message: str
    start: int
    end: int
    text: str
    suggestions: tuple[str, ...] = field(default=())
    severity: Severity = Severity.WARNING

    def to_dict(self) -> dict[str, object]:
        """The JSON shape used by the CLI and the API."""
        return {
            "rule": self.rule,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "suggestions": list(self.suggestions),
            "severity": self.severity.value,
        }
