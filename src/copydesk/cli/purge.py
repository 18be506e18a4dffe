"""``copydesk purge`` (retention) and ``copydesk erase`` (on request); see
:mod:`copydesk.retention`."""

from __future__ import annotations

from datetime import UTC, datetime

import click

from copydesk import retention
from copydesk.cli.common import open_context
from copydesk.readers import subscriptions as reader_subscriptions


@click.command()
@click.option("--dry-run", is_flag=True, help="Print what would be purged; delete nothing.")
def purge(dry_run: bool) -> None:
    """Delete spam and closed groups past their retention (COPYDESK_RETENTION_*_DAYS).

    The server's background worker does the same about once an hour.
    """
    with open_context() as ctx:
        policy = retention.Policy.of(ctx.settings)
        now = datetime.now(UTC)
        if policy.keeps_everything:
            click.echo("retention keeps everything (COPYDESK_RETENTION_SPAM_DAYS and "
                       "COPYDESK_RETENTION_CLOSED_DAYS are 0)")
            return
        if dry_run:
            counts = ctx.db.read_sync(lambda conn: retention.due(conn, policy, now))
            click.echo(f"would purge {counts.groups} groups, {counts.reports} reports, "
                       f"{counts.messages} notifications")
            return
        counts = retention.purge(ctx.db, policy, now)
    click.echo(f"purged {counts.groups} groups, {counts.reports} reports, "
               f"{counts.messages} notifications")


@click.command()
@click.option("--report", "report_id", type=int, default=None, help="The report to erase.")
@click.option("--group", "group_id", type=int, default=None,
              help="The group to erase, with all its reports.")
@click.option("--email", "address", default=None,
              help="A reader's address: erased from every subscription and queued mail.")
@click.option("--by", "actor", default="cli", show_default=True,
              help="Who asks (kept in the audit log).")
def erase(report_id: int | None, group_id: int | None, address: str | None,
          actor: str) -> None:
    """Erase a reader's report (or a group, or a reader's address) on request: it is
    deleted, the audit log keeps who erased which id and when (never the address)."""
    if [report_id, group_id, address].count(None) != 2:
        raise click.UsageError("give one of --report ID or --group ID (or --email ADDRESS)")
    if address is not None:
        given = address
        with open_context() as ctx:
            erased = ctx.db.write_sync(
                lambda c: reader_subscriptions.erase_address(c, given, actor))
        click.echo(f"erased the address from {erased.subscriptions} subscriptions and "
                   f"{erased.mails} queued mails")
        return
    with open_context() as ctx:
        try:
            if report_id is not None:
                rid = report_id
                counts = ctx.db.write_sync(lambda c: retention.erase_report(c, rid, actor))
            else:
                gid = group_id
                assert gid is not None
                counts = ctx.db.write_sync(lambda c: retention.erase_group(c, gid, actor))
        except retention.NotFound as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"erased {counts.reports} reports"
               + (f", {counts.groups} group" if counts.groups else ""))
