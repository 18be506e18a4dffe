"""``copydesk serve``: migrate, then run the app under uvicorn."""

from __future__ import annotations

import os

import click
import uvicorn

from copydesk import logs
from copydesk.app import build_context
from copydesk.cli.common import load_settings
from copydesk.ingest.committer import SOCKET_ENV, CommitterProcess
from copydesk.settings import FIELDS, PREFIX, Settings
from copydesk.storage import migrate
from copydesk.storage.database import is_sqlite


def export_settings(settings: Settings) -> None:
    """Put resolved settings in the environment, so worker processes build the same."""
    for f in FIELDS:
        value = getattr(settings, f.name)
        if isinstance(value, tuple):
            value = ",".join(value)
        elif isinstance(value, bool):
            value = "true" if value else "false"
        os.environ[PREFIX + f.name.upper()] = str(value)


def run_server(settings: Settings) -> None:
    migrate.upgrade(settings.database_url)
    if not settings.secret_key:
        # Create the stored key once, before workers start, so they all read the same.
        ctx = build_context(settings)
        settings = settings.replace(secret_key=ctx.secret)
        ctx.db.close()
    logs.configure(settings.log_level, settings.log_format)
    export_settings(settings)
    # SQLite takes one writer at a time: one process does all ingest writes.  PostgreSQL
    # takes concurrent transactions, and measured faster with each worker writing.
    committer = CommitterProcess() if is_sqlite(settings.database_url) else None
    if committer is not None:
        os.environ[SOCKET_ENV] = committer.path
        committer.start()
    try:
        uvicorn.run(
            "copydesk.app:factory",
            factory=True,
            host=settings.host,
            port=settings.port,
            workers=settings.process_count,
            proxy_headers=False,  # copydesk applies COPYDESK_TRUSTED_PROXIES itself
            server_header=False,
            log_level=settings.log_level.lower(),
            access_log=False,
        )
    finally:
        if committer is not None:
            committer.stop()  # after the workers: they may have been answering until now


@click.command()
@click.option("--host", default=None, help="Bind address [COPYDESK_HOST, 127.0.0.1].")
@click.option("--port", type=int, default=None, help="Port [COPYDESK_PORT, 8000].")
@click.option("--workers", type=int, default=None,
              help="Processes [COPYDESK_WORKERS; 0 = one per core].")
def serve(host: str | None, port: int | None, workers: int | None) -> None:
    """Migrate the database and serve copydesk."""
    run_server(load_settings(host=host, port=port, workers=workers))
