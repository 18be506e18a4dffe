"""What every CLI command shares: settings from the environment and an open database."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import Any

import click
from sqlalchemy.exc import OperationalError

from copydesk.app import build_context
from copydesk.context import Context
from copydesk.settings import Settings, SettingsError
from copydesk.storage import migrate


def load_settings(**overrides: Any) -> Settings:
    try:
        return Settings.from_env(os.environ, **overrides)
    except SettingsError as exc:
        raise click.ClickException(f"bad setting: {exc}") from None


@contextlib.contextmanager
def open_context(**overrides: Any) -> Iterator[Context]:
    """The app's parts with the database migrated to the current schema.

    Migrating here means every command works on a fresh install; it is a no-op on a
    database that is up to date.
    """
    settings = load_settings(**overrides)
    try:
        migrate.upgrade(settings.database_url)
    except OperationalError as exc:
        raise click.ClickException(f"cannot open the database: {exc.orig}") from None
    ctx = build_context(settings)
    try:
        yield ctx
    finally:
        ctx.db.close()
