"""``copydesk outbox`` (inspect and re-queue notifications) and ``copydesk worker``."""

from __future__ import annotations

import asyncio
import signal
from datetime import UTC, datetime

import click
from sqlalchemy import Connection, select

from copydesk import logs
from copydesk.cli.common import open_context
from copydesk.context import Context, Service
from copydesk.models import OutboxStatus
from copydesk.notify.claims import retry as retry_row
from copydesk.notify.dispatcher import Dispatcher, Tuning
from copydesk.readers.sender import ReaderMailSender
from copydesk.retention import Retention
from copydesk.storage import schema


@click.group()
def outbox() -> None:
    """Notifications waiting, delivered or dead-lettered."""


def _rows(conn: Connection, status: str | None, limit: int) -> list[dict[str, object]]:
    o = schema.outbox
    query = select(o.c.id, o.c.event_type, o.c.channel_id, o.c.status, o.c.attempts,
                   o.c.next_attempt_at, o.c.idempotency_key, o.c.last_error)
    if status:
        query = query.where(o.c.status == status)
    return [dict(r) for r in conn.execute(query.order_by(o.c.id.desc()).limit(limit)).mappings()]


@outbox.command("list")
@click.option("--status", type=click.Choice([s.value for s in OutboxStatus]), default=None)
@click.option("--limit", type=int, default=100, show_default=True)
def list_(status: str | None, limit: int) -> None:
    """Newest first: id, event, channel, status, attempts, next try, key, last error."""
    with open_context() as ctx:
        rows = ctx.db.read_sync(lambda conn: _rows(conn, status, limit))
    for r in rows:
        when = r["next_attempt_at"]
        stamp = when.strftime("%Y-%m-%d %H:%M:%S") if isinstance(when, datetime) else ""
        error = str(r["last_error"] or "").replace("\n", " ")
        click.echo(f"{r['id']}\t{r['event_type']}\tchannel {r['channel_id']}\t{r['status']}\t"
                   f"{r['attempts']}\t{stamp}\t{r['idempotency_key']}\t{error}")


@outbox.command("retry")
@click.argument("outbox_id", type=int)
def retry(outbox_id: int) -> None:
    """Re-queue a dead (or waiting) notification for delivery now."""
    with open_context() as ctx:
        done = ctx.db.write_sync(lambda conn: retry_row(conn, outbox_id, datetime.now(UTC)))
    if not done:
        raise click.ClickException(f"no undelivered outbox entry {outbox_id}")
    click.echo(f"outbox {outbox_id} re-queued")


async def _run(ctx: Context, tuning: Tuning) -> None:
    # What serve runs beside the dispatcher when COPYDESK_DISPATCHER is on: readers'
    # e-mail and retention (both claim their work, so serve's own copies are harmless).
    services: list[Service] = [
        Dispatcher(ctx.settings, ctx.db, tuning),
        ReaderMailSender(ctx.settings, ctx.db, lambda: ctx.secret),
        Retention(ctx.settings, ctx.db),
    ]
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    for service in services:
        await service.start()
    await stop.wait()
    for service in reversed(services):
        await service.stop()


@click.command()
@click.option("--lease", type=float, default=Tuning.lease, show_default=True,
              help="Seconds a claimed notification stays reserved for this worker.")
@click.option("--poll", type=float, default=Tuning.poll, show_default=True,
              help="Seconds between looks at the outbox when idle.")
@click.option("--backoff", type=float, default=Tuning.backoff_base, show_default=True,
              help="Seconds before the first retry (doubling after each failure).")
@click.option("--concurrency", type=int, default=Tuning.concurrency, show_default=True,
              help="Deliveries in flight at once.")
def worker(lease: float, poll: float, backoff: float, concurrency: int) -> None:
    """Run the notification dispatcher, readers' e-mail and retention alone (set
    COPYDESK_DISPATCHER=false for serve)."""
    tuning = Tuning(lease=lease, poll=poll, backoff_base=backoff,
                    concurrency=max(1, concurrency), batch=max(1, min(concurrency, 50)))
    with open_context() as ctx:
        logs.configure(ctx.settings.log_level, ctx.settings.log_format)
        ctx.db.start()
        asyncio.run(_run(ctx, tuning))
