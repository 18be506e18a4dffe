"""``copydesk serve``: check (and with ``--migrate`` migrate), then run the app under uvicorn.

``serve`` migrates only when asked (``--migrate``, or ``COPYDESK_MIGRATE=auto``);
otherwise it refuses a database whose schema is not the code's, like every command.
What stops ``serve`` before it serves (a port in use, a database it cannot open or
write) is one line on stderr and exit status 1, not a traceback.
"""

from __future__ import annotations

import asyncio
import functools
import os
import socket
from pathlib import Path
from typing import cast

import click
import uvicorn
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from copydesk import logs
from copydesk.app import build_context
from copydesk.cli.common import database_error, load_settings, require_schema, upgrade
from copydesk.ingest.committer import SOCKET_ENV, CommitterProcess
from copydesk.settings import FIELDS, PREFIX, Settings
from copydesk.storage.database import is_sqlite
from copydesk.web.protocol import BoundedHttpProtocol, Limits


def export_settings(settings: Settings) -> None:
    """Put resolved settings in the environment, so worker processes build the same."""
    for f in FIELDS:
        value = getattr(settings, f.name)
        if isinstance(value, tuple):
            value = ",".join(value)
        elif isinstance(value, bool):
            value = "true" if value else "false"
        os.environ[PREFIX + f.name.upper()] = str(value)


def limits(settings: Settings) -> Limits:
    """The bounds on request heads and bodies (:mod:`copydesk.web.protocol`)."""
    return Limits(
        line_bytes=settings.max_header_line,
        head_bytes=settings.max_header_bytes,
        headers=settings.max_headers,
        head_seconds=settings.header_timeout,
        body_seconds=settings.body_timeout,
    )


def check_port(host: str, port: int) -> None:
    """Fail now, in one line, when ``host:port`` cannot be listened on."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            sock.bind((host, port))
        except OSError as exc:
            raise click.ClickException(
                f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def check_sqlite_writable(url: str) -> None:
    """Fail now, in one line, when a SQLite database cannot be written: SQLite writes
    the file and creates ``-wal``/``-shm`` files beside it, copydesk its writer lock."""
    name = make_url(url).database
    if not name or name == ":memory:" or name.startswith("file:"):
        return
    path = Path(name).resolve()
    if not path.parent.is_dir():
        raise click.ClickException(f"cannot open the database: {path.parent} does not exist")
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise click.ClickException(f"cannot open the database: {path} is not writable")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise click.ClickException(
            f"cannot open the database: its directory {path.parent} is not writable "
            "(SQLite keeps its -wal and -shm files there)")


def run_server(settings: Settings, *, migrating: bool = False) -> None:
    """Serve; ``migrating`` (or ``COPYDESK_MIGRATE=auto``) migrates first."""
    check_port(settings.host, settings.port)
    if is_sqlite(settings.database_url):
        check_sqlite_writable(settings.database_url)
    if migrating or settings.migrate == "auto":
        upgrade(settings.database_url)
    else:
        require_schema(settings.database_url)
    try:
        if not settings.secret_key:
            # Create the stored key once, before workers start, so they all read the same.
            ctx = build_context(settings)
            try:
                settings = settings.replace(secret_key=ctx.secret)
            finally:
                ctx.db.close()
    except DBAPIError as exc:
        raise database_error(exc) from None
    log_config = logs.config(settings.log_level, settings.log_format)
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
            # uvicorn's httptools protocol, bounded (a class: uvicorn takes one).
            http=cast("type[asyncio.Protocol]",
                      functools.partial(BoundedHttpProtocol, limits=limits(settings))),
            ws="none",  # copydesk serves no WebSocket: no upgrade around the bounds
            proxy_headers=False,  # copydesk applies COPYDESK_TRUSTED_PROXIES itself
            server_header=False,
            log_config=log_config,  # applied by uvicorn in each worker it starts
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
@click.option("--migrate", "migrating", is_flag=True,
              help="Apply migrations first (creating a missing SQLite database); "
              "COPYDESK_MIGRATE=auto does this on every start.")
def serve(host: str | None, port: int | None, workers: int | None, migrating: bool) -> None:
    """Serve copydesk (the database's schema must be the code's, or pass --migrate)."""
    run_server(load_settings(host=host, port=port, workers=workers), migrating=migrating)
