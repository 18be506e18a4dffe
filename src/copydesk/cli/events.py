"""``copydesk events``: the events copydesk sends, and their JSON Schemas."""

from __future__ import annotations

import json
from pathlib import Path

import click

from copydesk import events as models


def schema_text(schema: dict[str, object]) -> str:
    """One schema file's text, as committed in docs/events."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


@click.group()
def events() -> None:
    """The events copydesk sends (docs/events has their JSON Schemas)."""


@events.command("list")
def list_() -> None:
    """One line per event: its type and what it means."""
    for event_type, model in models.MODELS.items():
        summary = " ".join((model.__doc__ or "").replace("``", "").split())
        click.echo(f"{event_type.value}\t{summary}")


@events.command("schema")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def schema(directory: Path) -> None:
    """Write each event's JSON Schema (its webhook body) to DIRECTORY/<type>.json."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, content in models.schemas().items():
        (directory / name).write_text(schema_text(content), encoding="utf-8")
        click.echo(str(directory / name))
