"""What every CLI command shares: settings from the environment and an open database.

Commands do not migrate: they refuse, in one line, a database whose schema is older or
newer than the code's, and a SQLite file that is not there (rather than creating an
empty one in whatever directory they were run from).  ``copydesk db upgrade``,
``serve --migrate`` (or ``COPYDESK_MIGRATE=auto``) and ``demo`` migrate.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import Any

import alembic.util
import click
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from copydesk.app import build_context
from copydesk.context import Context
from copydesk.settings import Settings, SettingsError
from copydesk.storage import migrate
from copydesk.storage.database import normalise_url


def load_settings(**overrides: Any) -> Settings:
    try:
        return Settings.from_env(os.environ, **overrides)
    except SettingsError as exc:
        raise click.ClickException(f"bad setting: {exc}") from None


def database_error(exc: DBAPIError) -> click.ClickException:
    """A database that cannot be reached, as one line."""
    detail = str(exc.orig or exc).strip().splitlines()
    return click.ClickException(f"cannot open the database: {detail[0] if detail else exc}")


def where(url: str) -> str:
    """The database for messages: a SQLite file's full path, or PostgreSQL's host/name."""
    path = migrate.sqlite_file(url)
    if path is not None:
        return str(path.resolve())
    parsed = make_url(normalise_url(url))
    return f"{parsed.host or 'localhost'}/{parsed.database or ''}"


def require_schema(url: str) -> migrate.Status:
    """The database's schema status; a :class:`click.ClickException` unless current."""
    try:
        found = migrate.status(url)
    except DBAPIError as exc:
        raise database_error(exc) from None
    problem = found.problem
    if problem is None:
        return found
    if found.state is migrate.State.MISSING:
        problem = f"no database at {where(url)} (create it with `copydesk db upgrade`)"
    raise click.ClickException(problem)


def upgrade(url: str, revision: str = "head") -> None:
    """Migrate, refusing a database newer than the code (one line either way)."""
    try:
        found = migrate.status(url)
        if found.state is migrate.State.AHEAD:
            raise click.ClickException(found.problem or "")
        migrate.upgrade(url, revision)
    except DBAPIError as exc:
        raise database_error(exc) from None
    except alembic.util.CommandError as exc:  # an unknown revision
        raise click.ClickException(f"cannot migrate to {revision!r}: {exc}") from None


@contextlib.contextmanager
def open_context(*, migrating: bool = False, **overrides: Any) -> Iterator[Context]:
    """The app's parts on a database whose schema is the code's.

    ``migrating`` (``copydesk demo``): migrate first, creating a missing SQLite file.
    """
    settings = load_settings(**overrides)
    if migrating:
        upgrade(settings.database_url)
    else:
        require_schema(settings.database_url)
    ctx = build_context(settings)
    try:
        yield ctx
    finally:
        ctx.db.close()
