"""``copydesk db``: schema migrations."""

from __future__ import annotations

import click
from sqlalchemy.exc import OperationalError

from copydesk.cli.common import load_settings
from copydesk.storage import migrate


@click.group()
def db() -> None:
    """Database schema."""


@db.command()
@click.option("--revision", default="head", show_default=True, help="Target revision.")
def upgrade(revision: str) -> None:
    """Apply migrations up to REVISION."""
    settings = load_settings()
    try:
        migrate.upgrade(settings.database_url, revision)
    except OperationalError as exc:
        raise click.ClickException(f"cannot open the database: {exc.orig}") from None
    click.echo(f"database at revision {migrate.head() if revision == 'head' else revision}")
