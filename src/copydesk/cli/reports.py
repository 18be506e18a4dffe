"""``copydesk reports list`` and ``copydesk export``."""

from __future__ import annotations

import sys
from typing import IO

import click

from copydesk import annotations as anno
from copydesk import export as export_mod
from copydesk import reports as reports_mod
from copydesk import sites
from copydesk.cli.common import open_context
from copydesk.context import Context
from copydesk.models import ReportStatus

_STATUS = click.Choice([s.value for s in ReportStatus])


@click.group()
def reports() -> None:
    """Reports readers sent."""


@reports.command("list")
@click.option("--site", "site_key", default=None, help="Only this site's key.")
@click.option("--status", type=_STATUS, default=None, help="Only groups in this status.")
def list_(site_key: str | None, status: str | None) -> None:
    """One line per report: id, group, status, site, quote and suggestion."""
    where = reports_mod.ReportFilter(site_key, ReportStatus(status) if status else None)
    with open_context() as ctx:
        _require_site(ctx, site_key)

        def run(conn: object) -> None:
            for row in reports_mod.iter_reports(conn, where):  # type: ignore[arg-type]
                quote = row["exact"].replace("\n", " ")[:60]
                fix = row["suggestion"].replace("\n", " ")[:40]
                click.echo(
                    f"{row['id']}\t{row['group']}\t{row['status']}\t{row['site']}\t"
                    f"{quote!r}\t{fix!r}"
                )

        ctx.db.read_sync(run)


@click.command()
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "annotations"]),
              default="json",
              show_default=True)
@click.option("--site", "site_key", default=None, help="Only this site's key.")
@click.option("--status", type=_STATUS, default=None, help="Only groups in this status.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write here instead of standard output.")
def export(fmt: str, site_key: str | None, status: str | None, output: str | None) -> None:
    """Export reports as JSON, CSV (RFC 4180, spreadsheet-safe) or W3C Web Annotations."""
    where = reports_mod.ReportFilter(site_key, ReportStatus(status) if status else None)
    with open_context() as ctx:
        _require_site(ctx, site_key)

        def run(conn: object) -> None:
            rows = reports_mod.iter_reports(conn, where)  # type: ignore[arg-type]
            if fmt == "annotations":
                chunks = anno.jsonld_lines(rows, ctx.settings.public_url)
            elif fmt == "csv":
                chunks = export_mod.csv_lines(rows)
            else:
                chunks = export_mod.json_lines(rows)
            out: IO[str]
            if output:
                with open(output, "w", encoding="utf-8", newline="") as out:
                    out.writelines(chunks)
            else:
                sys.stdout.writelines(chunks)

        ctx.db.read_sync(run)


def _require_site(ctx: Context, site_key: str | None) -> None:
    """A ``--site`` that names no site is an error, not an empty list."""
    if site_key is not None and ctx.db.read_sync(lambda c: sites.by_key(c, site_key)) is None:
        raise click.ClickException(f"no site with key {site_key!r}")
