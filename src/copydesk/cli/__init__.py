"""The ``copydesk`` command.  Each command group lives in its own module here."""

from __future__ import annotations

import click

from copydesk import __version__
from copydesk.cli.articles import articles
from copydesk.cli.backup import backup, restore
from copydesk.cli.channel import channel
from copydesk.cli.check import check, words
from copydesk.cli.db import db
from copydesk.cli.demo import demo
from copydesk.cli.events import events
from copydesk.cli.feeds import feeds, silent_edits
from copydesk.cli.outbox import outbox, worker
from copydesk.cli.purge import erase, purge
from copydesk.cli.reports import export, reports
from copydesk.cli.serve import serve
from copydesk.cli.site import site
from copydesk.cli.triage import status as triage_status
from copydesk.cli.user import user


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="copydesk")
def main() -> None:
    """copydesk: reader error reports for news sites.

    Settings come from COPYDESK_* environment variables (see README, "Settings").
    """


main.add_command(serve)
main.add_command(db)
main.add_command(backup)
main.add_command(restore)
main.add_command(purge)
main.add_command(erase)
main.add_command(site)
main.add_command(reports)
main.add_command(export)
main.add_command(check)
main.add_command(words)
main.add_command(demo)
main.add_command(channel)
main.add_command(events)
main.add_command(outbox)
main.add_command(worker)
main.add_command(user)
main.add_command(articles)
main.add_command(feeds)
articles.add_command(silent_edits)
reports.add_command(triage_status)
