"""``copydesk db``: the schema's revision, and migrating it (an explicit step)."""

from __future__ import annotations

import sys

import click
from sqlalchemy.exc import DBAPIError

from copydesk.cli.common import database_error, load_settings, where
from copydesk.cli.common import upgrade as upgrade_to
from copydesk.storage import migrate


@click.group()
def db() -> None:
    """Database schema: status, current revision, upgrade."""


def _status() -> migrate.Status:
    settings = load_settings()
    try:
        return migrate.status(settings.database_url)
    except DBAPIError as exc:
        raise database_error(exc) from None


@db.command()
@click.option("--revision", default="head", show_default=True, help="Target revision.")
def upgrade(revision: str) -> None:
    """Apply migrations up to REVISION (creating a missing SQLite database)."""
    settings = load_settings()
    upgrade_to(settings.database_url, revision)
    click.echo(f"database at revision {migrate.status(settings.database_url).database}")


@db.command()
def current() -> None:
    """Print the database's revision ("none" when it has no schema yet)."""
    found = _status()
    if found.state is migrate.State.MISSING:
        raise click.ClickException(
            f"no database at {where(load_settings().database_url)} "
            "(create it with `copydesk db upgrade`)")
    click.echo(found.database or "none")


@db.command()
def status() -> None:
    """The code's and the database's revision; exit status 1 unless they are the same."""
    found = _status()
    click.echo(f"database: {where(load_settings().database_url)}")
    click.echo(f"code revision: {found.code}")
    click.echo(f"database revision: {found.database or 'none'}")
    if found.problem is None:
        click.echo("up to date")
        return
    click.echo(found.problem)
    sys.exit(1)
