"""Schema migrations with Alembic, configured in code (no alembic.ini to ship).

Migrating is an explicit step (``copydesk db upgrade``, ``serve --migrate``,
``COPYDESK_MIGRATE=auto``): every other command first asks :func:`status` whether the
database's schema is the code's, and refuses when it is older or newer.  So a newer
copydesk installed beside a running older server never migrates the database under it
by accident.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from copydesk.storage.database import make_engine, normalise_url

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", normalise_url(url).replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the database at ``url`` to ``revision`` (creating it if needed)."""
    command.upgrade(alembic_config(url), revision)


def current(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head() -> str | None:
    return _scripts().get_current_head()


def known(revision: str) -> bool:
    """Whether this copydesk has a migration named ``revision``."""
    return revision in {script.revision for script in _scripts().walk_revisions()}


def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config("sqlite://"))


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite database URL (None for PostgreSQL and in-memory SQLite)."""
    parsed = make_url(normalise_url(url))
    name = parsed.database
    if parsed.get_backend_name() != "sqlite" or not name or name == ":memory:":
        return None
    if name.startswith("file:"):
        return None
    return Path(name)


class State(enum.StrEnum):
    """How the database's schema stands against the code's."""

    CURRENT = "current"
    MISSING = "missing"  # no SQLite file there
    EMPTY = "empty"  # no copydesk schema yet
    BEHIND = "behind"  # older than the code: ``copydesk db upgrade``
    AHEAD = "ahead"  # newer than the code (or unknown to it): upgrade copydesk


@dataclass(frozen=True)
class Status:
    state: State
    database: str | None  # the database's revision
    code: str | None  # the newest revision this copydesk has

    @property
    def problem(self) -> str | None:
        """One line for an operator when the schema is not the code's (None when it is)."""
        upgrade_db = "run `copydesk db upgrade`"
        if self.state is State.MISSING:
            return "no database there (create it with `copydesk db upgrade`)"
        if self.state is State.EMPTY:
            return f"the database has no copydesk schema yet: {upgrade_db}"
        if self.state is State.BEHIND:
            return (f"the database schema ({self.database}) is older than this copydesk's "
                    f"({self.code}): {upgrade_db}")
        if self.state is State.AHEAD:
            return (f"this copydesk is older than the database (schema {self.database}, "
                    f"this copydesk knows up to {self.code}): upgrade copydesk")
        return None


def status(url: str) -> Status:
    """The database's schema revision against the code's; never creates a database."""
    code = head()
    path = sqlite_file(url)
    if path is not None and not path.exists():
        return Status(State.MISSING, None, code)
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            revision = MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()
    return of(revision, code)


def of(revision: str | None, code: str | None) -> Status:
    """The state of a database (or a backup) at ``revision``."""
    if revision is None:
        return Status(State.EMPTY, None, code)
    if revision == code:
        return Status(State.CURRENT, revision, code)
    if known(revision):
        return Status(State.BEHIND, revision, code)
    return Status(State.AHEAD, revision, code)
