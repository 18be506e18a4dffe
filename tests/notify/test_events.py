"""The events as typed models: their stored JSON, reading it back, and the published
JSON Schemas (docs/events) being current."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from copydesk import events
from copydesk.cli import main
from copydesk.cli.events import schema_text
from copydesk.models import EventType
from copydesk.notify.channel import Event
from copydesk.notify.kinds import webhook
from tests.notify.conftest import payload

DOCS = Path(__file__).resolve().parents[2] / "docs" / "events"


def test_every_event_type_has_a_model() -> None:
    assert set(events.MODELS) == set(EventType)
    assert all(model.type is event_type for event_type, model in events.MODELS.items())


def test_committed_schemas_are_current() -> None:
    expected = {name: schema_text(schema) for name, schema in events.schemas().items()}
    committed = {path.name: path.read_text(encoding="utf-8") for path in DOCS.glob("*.json")}
    assert set(committed) == set(expected), "regenerate: copydesk events schema docs/events"
    stale = [name for name in expected if committed[name] != expected[name]]
    assert not stale, f"regenerate: copydesk events schema docs/events ({stale})"


def test_events_schema_command_writes_the_files(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["events", "schema", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(events.schemas())


def _status_changed() -> dict[str, Any]:
    return {**payload(), "from": "new", "to": "accepted", "note": "n", "actor": "ed@x.example"}


def _fix_detected() -> dict[str, Any]:
    return {**payload(), "fix": {"text": "into", "version_id": 4}}


def _digest() -> dict[str, Any]:
    now = datetime(2026, 11, 25, 4, 14, 23, 123456, tzinfo=UTC)
    return {
        "site": {"key": "daily-key", "name": "Daily"},
        "since": (now - timedelta(days=1)).isoformat(), "until": now.isoformat(),
        "groups": [{"id": 7, "status": "new", "exact": "into to", "reporter_count": 2,
                    "new_reports": 1, "article": {"url": "https://n.example/a", "title": "A"},
                    "dashboard_url": "https://desk.example/groups/7"}],
    }


STORED = {
    EventType.REPORT_CREATED: payload,
    EventType.TEST: payload,
    EventType.REPORT_STATUS_CHANGED: _status_changed,
    EventType.GROUP_FIX_DETECTED: _fix_detected,
    EventType.DIGEST: _digest,
}


@pytest.mark.parametrize("event_type", list(STORED))
def test_stored_json_reads_back_and_dumps_unchanged(event_type: EventType) -> None:
    """What copydesk stored (and webhooks send) survives a round trip, key order too."""
    stored = STORED[event_type]()
    model = events.parse(event_type.value, stored)
    assert isinstance(model, events.MODELS[event_type])
    dumped = events.dump(model)
    assert dumped == stored
    assert list(dumped) == list(stored)


def _required(schema: dict[str, Any], name: str) -> set[str]:
    return set(schema["$defs"][name]["required"])


@pytest.mark.parametrize("event_type", list(EventType))
def test_schema_requires_exactly_what_is_written(event_type: EventType) -> None:
    model = events.MODELS[event_type]
    schema = events.schema(model)
    assert schema["properties"]["type"] == {"const": event_type.value}
    written = STORED[event_type]() if event_type in STORED else events.dump(model())
    dumped = events.dump(events.parse(event_type.value, written))
    assert _required(schema, model.__name__) == set(dumped)
    if "group" in dumped:
        assert _required(schema, "Group") == set(dumped["group"])
        assert _required(schema, "Article") == set(dumped["article"])
    assert "default" not in schema_text(schema).replace('"description"', "")


def test_webhook_body_is_the_stored_json() -> None:
    stored = _status_changed()
    event = Event(1, EventType.REPORT_STATUS_CHANGED.value, "msg_1", stored,
                  datetime(2026, 11, 25, 4, 14, 23, 123456, tzinfo=UTC))
    assert webhook.body(event) == (
        b'{"type":"report.status_changed","timestamp":"2026-11-25T04:14:23.123456Z",'
        b'"data":{"group":{"id":7,"status":"new","exact":"into to",'
        b'"prefix":"He was drafted ","suffix":" the army in May.","reporter_count":2,'
        b'"suggestion":"into","comment":"typo","dashboard_url":"https://desk.example/groups/7"},'
        b'"article":{"url":"https://news.example/2026/11/army","title":"Drafted"},'
        b'"site":{"key":"daily-key","name":"Daily"},'
        b'"from":"new","to":"accepted","note":"n","actor":"ed@x.example"}}'
    )


def test_a_payload_missing_fields_reads_with_defaults() -> None:
    model = events.parse("group.fix_detected", {"group": {"exact": "x"}})
    assert isinstance(model, events.FixDetected)
    assert (model.group.reporter_count, model.fix.text, model.site.name) == (1, "", "")
    assert model.headline().startswith("Fix detected")


def test_an_unknown_type_or_a_mismatched_model_is_refused() -> None:
    with pytest.raises(ValueError):
        events.parse("report.deleted", {})
    from sqlalchemy import create_engine

    from copydesk.notify import outbox

    with create_engine("sqlite://").connect() as conn, pytest.raises(ValueError):
        outbox.enqueue(conn, 1, EventType.REPORT_CREATED, events.Sample(), channel_id=1)
