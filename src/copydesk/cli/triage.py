"""``copydesk reports status``: triage from the command line (same rules as the dashboard)."""

from __future__ import annotations

import click

from copydesk import triage
from copydesk.cli.common import open_context
from copydesk.models import ReportStatus


@click.command("status")
@click.argument("group_id", type=int)
@click.argument("status", type=click.Choice([s.value for s in ReportStatus]))
@click.option("--note", default="", help="Why (kept in the group's history).")
@click.option("--duplicate-of", type=int, default=None,
              help="With status duplicate: the group this one duplicates.")
def status(group_id: int, status: str, note: str, duplicate_of: int | None) -> None:
    """Change a report group's status (reopen with status "new")."""
    with open_context() as ctx:
        public_url = ctx.settings.public_url
        try:
            changed = ctx.db.write_sync(lambda conn: triage.change_status(
                conn, triage.CLI, group_id, ReportStatus(status), note=note,
                duplicate_of=duplicate_of, public_url=public_url,
            ))
        except (triage.NotFound, triage.TriageError) as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"group {changed.id}: {changed.status.value}")
