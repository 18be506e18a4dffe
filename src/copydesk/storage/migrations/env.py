"""Alembic environment: runs migrations against ``sqlalchemy.url`` of the config."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from copydesk.storage.database import make_engine
from copydesk.storage.schema import include_object, metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_object=include_object(connection.dialect.name),
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.config.get_main_option("sqlalchemy.url")
    assert url is not None
    engine = make_engine(url, writer=True)
    try:
        with engine.connect() as conn:
            _run(conn)
    finally:
        engine.dispose()


run_migrations_online()
