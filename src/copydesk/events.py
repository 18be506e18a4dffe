"""The events copydesk sends, one typed model each: the contract webhook receivers code
against.

The domain code that causes an event builds its model (``report.created``:
:func:`copydesk.reports.report_created`; ``report.status_changed``: :mod:`copydesk.triage`;
``group.fix_detected``: :mod:`copydesk.versions.detection`; ``digest``:
:mod:`copydesk.notify.digest`; ``test``: :func:`copydesk.notify.channels.sample_event`).
The outbox stores the model's JSON (:func:`dump`), a webhook sends that JSON unchanged
as its body's ``data``, and the other channels read it back with :func:`parse`.

``docs/events/<type>.json`` is the JSON Schema of each event's webhook body, generated
from these models by :func:`schemas` (``copydesk events schema docs/events``); a test
fails when the committed files differ from the models.

copydesk always writes every field, so the schemas mark every field required.  Reading
a payload back fills in a field it lacks with the field's default, as the message
builder always did for payloads written by hand or by an older copydesk.

Adding an event: its value in :class:`copydesk.models.EventType`; a model here with
``type``, a docstring and (for an event about a group) ``headline()`` and ``detail()``,
listed in :data:`MODELS`; then regenerate the schemas.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from datetime import datetime
from typing import Annotated, Any, ClassVar

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
)

from copydesk.models import EventType, ReportStatus


def _isoformat(value: datetime) -> str:
    return value.isoformat()


#: A moment with its zone, written as :meth:`datetime.isoformat` writes it
#: (``2026-11-25T04:14:23.123456+00:00``).
Timestamp = Annotated[
    AwareDatetime,
    PlainSerializer(_isoformat, return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]


class _Model(BaseModel):
    model_config = ConfigDict(
        frozen=True, populate_by_name=True, use_attribute_docstrings=True,
        json_schema_serialization_defaults_required=True,
    )


class Site(_Model):
    """The site the event belongs to."""

    key: str = ""
    """The site's key (the widget's ``data-site``)."""
    name: str = ""


class Article(_Model):
    """The reported article."""

    url: str = ""
    """The article's normalised URL."""
    title: str = ""
    """The article's title (the page's own once copydesk has read the page, else the
    first report's hint; may be empty). Reader text: escape it."""


class Group(_Model):
    """A group: the reports of one passage of one article."""

    id: int = 0
    status: ReportStatus = ReportStatus.NEW
    """The group's status when the event was written."""
    exact: str = ""
    """The quote as readers selected it. Reader text: escape it."""
    prefix: str = ""
    """The text just before the quote. Reader text."""
    suffix: str = ""
    """The text just after the quote. Reader text."""
    reporter_count: int = 1
    """How many readers reported this passage (one per reader and day)."""
    suggestion: str = ""
    """The latest report's suggested correction (may be empty). Reader text."""
    comment: str = ""
    """The latest report's comment (may be empty). Reader text."""
    dashboard_url: str = ""
    """The group in copydesk's dashboard (relative when COPYDESK_PUBLIC_URL is unset)."""


class Payload(_Model):
    """What every event model is: the ``data`` of a webhook body."""

    type: ClassVar[EventType]


class GroupEvent(Payload):
    """An event about one group: what every channel shows as one message."""

    group: Group = Field(default_factory=Group)
    article: Article = Field(default_factory=Article)
    site: Site = Field(default_factory=Site)

    def headline(self) -> str:
        """The message's first line."""
        raise NotImplementedError

    def detail(self) -> str:
        """A further line of the message (``Note: …``), or nothing."""
        return ""


class ReportCreated(GroupEvent):
    """A report started a new group (later reports of the same passage only raise its
    ``reporter_count``)."""

    type: ClassVar[EventType] = EventType.REPORT_CREATED

    def headline(self) -> str:
        return "New error report"


class StatusChanged(GroupEvent):
    """An editor changed a group's status."""

    type: ClassVar[EventType] = EventType.REPORT_STATUS_CHANGED

    from_: ReportStatus = Field(ReportStatus.NEW, alias="from")
    """The status before."""
    to: ReportStatus = ReportStatus.NEW
    """The status after (also ``group.status``)."""
    note: str = ""
    """The editor's note (may be empty)."""
    actor: str = ""
    """Who changed it: an editor's e-mail address, or ``cli``."""

    def headline(self) -> str:
        text = f"Status changed: {self.from_.value} → {self.to.value}"
        return f"{text} (by {self.actor})" if self.actor else text

    def detail(self) -> str:
        return self.note


class Fix(_Model):
    """Where a group's quote was, in the new version of the article."""

    text: str = ""
    """What the new version says there (at most 300 characters). Page text: escape it."""
    version_id: int = 0
    """The article version the fix was found in."""


class FixDetected(GroupEvent):
    """A new version of the article no longer has a group's quote, and has its
    suggestion: the mistake looks fixed (an editor confirms it in the dashboard)."""

    type: ClassVar[EventType] = EventType.GROUP_FIX_DETECTED

    fix: Fix = Field(default_factory=Fix)

    def headline(self) -> str:
        return "Fix detected: the article no longer has the reported text"

    def detail(self) -> str:
        return f"The article now reads: {self.fix.text}"


class Sample(GroupEvent):
    """A sample report sent by ``copydesk channel test`` (group id 0, directly, not
    through the outbox)."""

    type: ClassVar[EventType] = EventType.TEST

    def headline(self) -> str:
        return "Test notification"


class Notice(_Model):
    """A published correction (copydesk.corrections)."""

    id: int = 0
    kind: str = "correction"
    """correction, clarification, update, editors_note or retraction."""
    text: str = ""
    """The notice: what was wrong and what is right. Editor text: escape it."""
    url: str = ""
    """The correction's public page (relative when COPYDESK_PUBLIC_URL is unset)."""
    published_at: Timestamp | None = None


class CorrectionPublished(GroupEvent):
    """A correction of an article was published (sent only when the site announces
    corrections). ``group`` is the readers' group it was written from (id 0 when it was
    written for the article directly); its ``dashboard_url`` is the correction's page in
    the dashboard."""

    type: ClassVar[EventType] = EventType.CORRECTION_PUBLISHED

    correction: Notice = Field(default_factory=Notice)

    def headline(self) -> str:
        return f"Correction published ({self.correction.kind.replace('_', ' ')})"

    def detail(self) -> str:
        return f"{self.correction.text}\n{self.correction.url}"


class DigestGroup(_Model):
    """A group in a digest."""

    id: int = 0
    status: ReportStatus = ReportStatus.NEW
    exact: str = ""
    """The quote. Reader text."""
    reporter_count: int = 0
    new_reports: int = 0
    """Reports of the group since the previous digest."""
    article: Article = Field(default_factory=Article)
    dashboard_url: str = ""


class Digest(Payload):
    """The daily digest of the groups reported since the previous one (e-mail channels
    added with ``--digest`` only; a day without reports sends none)."""

    type: ClassVar[EventType] = EventType.DIGEST

    site: Site = Field(default_factory=Site)
    since: Timestamp
    until: Timestamp
    groups: list[DigestGroup] = Field(default_factory=list)
    """At most 100, most reported first."""


#: Every event's model, by its type.
MODELS: dict[EventType, type[Payload]] = {
    model.type: model for model in (ReportCreated, StatusChanged, FixDetected, Digest, Sample,
                                    CorrectionPublished)
}


def dump(event: Payload) -> dict[str, Any]:
    """The JSON the outbox stores and a webhook sends as ``data``."""
    return event.model_dump(mode="json", by_alias=True)


def parse(event_type: str, payload: Mapping[str, Any]) -> Payload:
    """An outbox payload as its event's model (:class:`ValueError` for an unknown type,
    :class:`pydantic.ValidationError` for an unreadable payload)."""
    return MODELS[EventType(event_type)].model_validate(payload)


def _no_defaults(schema: Any) -> Any:
    """``schema`` without ``default`` keys: defaults are for reading, not the contract."""
    if isinstance(schema, dict):
        return {k: _no_defaults(v) for k, v in schema.items() if k != "default"}
    if isinstance(schema, list):
        return [_no_defaults(v) for v in schema]
    return schema


def schema(model: type[Payload]) -> dict[str, Any]:
    """The JSON Schema of a webhook body carrying ``model``."""
    data = _no_defaults(model.model_json_schema(mode="serialization", by_alias=True))
    defs = data.pop("$defs", {})
    defs[model.__name__] = data
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"copydesk {model.type.value} event",
        "description": inspect.cleandoc(model.__doc__ or ""),
        "type": "object",
        "properties": {
            "type": {"const": model.type.value},
            "timestamp": {
                "type": "string", "format": "date-time",
                "description": "When the event was written (UTC, ending in Z).",
            },
            "data": {"$ref": f"#/$defs/{model.__name__}"},
        },
        "required": ["type", "timestamp", "data"],
        "$defs": dict(sorted(defs.items())),
    }


def schemas() -> dict[str, dict[str, Any]]:
    """Each event's schema by its file name in ``docs/events``."""
    return {f"{event_type.value}.json": schema(model) for event_type, model in MODELS.items()}
