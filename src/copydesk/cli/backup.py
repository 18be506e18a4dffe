"""``copydesk backup FILE`` and ``copydesk restore FILE`` (see :mod:`copydesk.storage.backup`).

Both work on a database of any schema revision this copydesk knows: the upgrade
procedure backs up before ``db upgrade``, and a restored older backup is then upgraded.
"""

from __future__ import annotations

from pathlib import Path

import click
from sqlalchemy.exc import DBAPIError

from copydesk.cli.common import database_error, load_settings, where
from copydesk.storage import backup as backups
from copydesk.storage import migrate

_FILE = click.Path(dir_okay=False, path_type=Path)


@click.command()
@click.argument("file", type=_FILE)
def backup(file: Path) -> None:
    """Write a consistent backup of the database to FILE, while copydesk runs.

    SQLite: SQLite's online backup, checked and renamed into place (an existing FILE
    is replaced only by a complete backup).  PostgreSQL: pg_dump --format=custom.
    """
    settings = load_settings()
    if not file.parent.is_dir():
        raise click.ClickException(f"the folder {file.parent} does not exist")
    try:
        backups.backup(settings.database_url, file)
    except backups.BackupError as exc:
        raise click.ClickException(str(exc)) from None
    except DBAPIError as exc:
        raise database_error(exc) from None
    click.echo(f"backup of {where(settings.database_url)} written to {file}")


@click.command()
@click.argument("file", type=_FILE)
@click.option("--force", is_flag=True,
              help="Replace an existing database (SQLite keeps it as <db>.before-restore).")
def restore(file: Path, force: bool) -> None:
    """Replace the database by the backup FILE, with copydesk stopped.

    The backup is checked first (SQLite's integrity check, a schema revision this
    copydesk knows); a database open in another process is refused.
    """
    settings = load_settings()
    try:
        revision = backups.restore(settings.database_url, file, force=force)
    except backups.BackupError as exc:
        raise click.ClickException(str(exc)) from None
    except DBAPIError as exc:
        raise database_error(exc) from None
    click.echo(f"restored {file} (schema {revision}) into {where(settings.database_url)}")
    problem = migrate.of(revision, migrate.head()).problem
    if problem is not None:
        click.echo(problem)
