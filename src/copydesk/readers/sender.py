"""The reader mail sender: sends ``reader_mail`` rows, at least once, from any number
of processes, and deletes each row (and the address in it) once sent or given up.

Like the outbox dispatcher (:mod:`copydesk.notify.dispatcher`): due rows are claimed
under a lease in one write (``FOR UPDATE SKIP LOCKED`` on PostgreSQL, the writer's
``BEGIN IMMEDIATE`` on SQLite), sent over SMTP (``COPYDESK_SMTP_URL``) outside any
transaction, and the outcome recorded.  A failed try is retried with backoff; after
``COPYDESK_OUTBOX_MAX_ATTEMPTS`` tries, or when the server refuses the recipient, the
row is deleted: an address is not kept for a mail that cannot be sent.  Reader mail
never goes through the outbox, so no channel (webhook, chat, editors' e-mail) ever
sees an address.  Every minute or so it also erases subscriptions of groups closed
without :func:`copydesk.readers.subscriptions.closed` (a safety net).  Logs name rows
and groups, never an address.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from sqlalchemy import Connection, and_, delete, or_, select, update

from copydesk.background import LoopTasks
from copydesk.notify import smtp
from copydesk.notify.dispatcher import backoff, worker_id
from copydesk.readers import mail, subscriptions
from copydesk.settings import Settings
from copydesk.storage import schema
from copydesk.storage.database import Database

log = logging.getLogger("copydesk.readers")


@dataclass(frozen=True)
class Tuning:
    lease: float = 120.0
    poll: float = 2.0
    batch: int = 20
    backoff_base: float = 30.0
    backoff_max: float = 3600.0
    sweep_every: float = 60.0
    timeout: float = 30.0  # of one SMTP conversation


class Failed(Exception):
    """A try failed; ``final`` when trying again cannot help."""

    def __init__(self, reason: str, *, final: bool = False) -> None:
        super().__init__(reason)
        self.final = final


def _due(now: datetime) -> Any:
    rm = schema.reader_mail
    return and_(rm.c.next_attempt_at <= now,
                or_(rm.c.locked_until.is_(None), rm.c.locked_until < now))


def claim(conn: Connection, *, worker: str, now: datetime, lease: timedelta,
          limit: int) -> list[Any]:
    """Lease up to ``limit`` due rows to ``worker``."""
    rm = schema.reader_mail
    query = select(rm.c.id).where(_due(now)).order_by(rm.c.next_attempt_at, rm.c.id)
    query = query.limit(limit)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    ids = list(conn.execute(query).scalars())
    if not ids:
        return []
    conn.execute(update(rm).where(rm.c.id.in_(ids))
                 .values(locked_until=now + lease, locked_by=worker))
    return list(conn.execute(select(rm).where(rm.c.id.in_(ids)).order_by(rm.c.id)).all())


def sent(conn: Connection, row_id: int) -> None:
    """Sent: the row goes, with the address."""
    rm = schema.reader_mail
    conn.execute(delete(rm).where(rm.c.id == row_id))


def failed(conn: Connection, *, row_id: int, worker: str, error: str, retry_at: datetime,
           give_up: bool) -> bool:
    """A failed try: retried at ``retry_at``, or deleted when ``give_up``.  True when
    the row was given up."""
    rm = schema.reader_mail
    if give_up:
        conn.execute(delete(rm).where(rm.c.id == row_id))
        return True
    conn.execute(update(rm).where(rm.c.id == row_id, rm.c.locked_by == worker).values(
        attempts=rm.c.attempts + 1, last_error=error[:1000], next_attempt_at=retry_at,
        locked_until=None, locked_by=None))
    return False


class ReaderMailSender:
    """A :class:`~copydesk.context.Service`: ``start()`` runs the loop as a task."""

    def __init__(self, settings: Settings, db: Database, secret: Callable[[], str],
                 tuning: Tuning | None = None) -> None:
        self.settings = settings
        self.db = db
        self.secret = secret
        self.tuning = tuning or Tuning()
        self.id = worker_id()
        self._tasks = LoopTasks("copydesk-reader-mail")

    async def start(self) -> None:
        self._tasks.start(self.run)

    async def stop(self) -> None:
        await self._tasks.stop()

    async def run(self, stop: asyncio.Event) -> None:
        loop = asyncio.get_running_loop()
        swept = 0.0
        while not stop.is_set():
            try:
                if loop.time() - swept >= self.tuning.sweep_every:
                    swept = loop.time()
                    await self.db.write(subscriptions.sweep)
                done = await self.step()
            except Exception:  # e.g. the database restarting: keep going
                log.exception("reader mail step failed; retrying")
                done = 0
            if not done:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), self.tuning.poll)

    async def drain(self) -> None:
        """Try everything that is due now once, then return (for tests and the CLI)."""
        while await self.step():
            pass

    async def step(self) -> int:
        """Claim due rows and try each once; how many were claimed."""
        now = datetime.now(UTC)
        rows = await self.db.write(partial(
            claim, worker=self.id, now=now, lease=timedelta(seconds=self.tuning.lease),
            limit=self.tuning.batch))
        if rows:
            await asyncio.gather(*(self._send(row) for row in rows))
        return len(rows)

    async def _send(self, row: Any) -> None:
        try:
            await self._deliver(row)
        except Failed as exc:
            attempts = int(row.attempts) + 1
            give_up = exc.final or attempts >= self.settings.outbox_max_attempts
            wait = backoff(attempts, self.tuning.backoff_base, self.tuning.backoff_max)
            retry_at = datetime.now(UTC) + timedelta(seconds=wait)
            await self.db.write(partial(failed, row_id=int(row.id), worker=self.id,
                                        error=str(exc), retry_at=retry_at, give_up=give_up))
            if give_up:
                log.warning("reader mail %d (group %s) given up after %d attempts, its "
                            "address erased: %s", row.id, row.group_id, attempts, exc)
            return
        await self.db.write(partial(sent, row_id=int(row.id)))
        log.info("reader mail %d (group %s) sent", row.id, row.group_id)

    async def _deliver(self, row: Any) -> None:
        settings = self.settings
        if not settings.smtp_url:
            raise Failed("e-mail is not configured (COPYDESK_SMTP_URL is empty)")
        try:
            server = smtp.parse_smtp_url(settings.smtp_url)
        except ValueError as exc:
            raise Failed(str(exc)) from None
        link = mail.unsubscribe_url(
            settings.public_url, subscriptions.token(self.secret(), int(row.site_id),
                                                     str(row.address)), str(row.lang))
        message = mail.compose(kind=str(row.kind), lang=str(row.lang), data=row.data,
                               to=str(row.address), sender=settings.mail_from,
                               key=str(row.idempotency_key), unsubscribe=link)
        try:
            await asyncio.to_thread(smtp.deliver, server, message, self.tuning.timeout)
        except smtplib.SMTPRecipientsRefused:
            raise Failed("the SMTP server refused the recipient", final=True) from None
        except smtplib.SMTPResponseException as exc:
            final = 500 <= exc.smtp_code < 600 and exc.smtp_code != 530
            raise Failed(f"SMTP error {exc.smtp_code}", final=final) from None
        except (smtplib.SMTPException, OSError) as exc:
            raise Failed(f"SMTP failure ({type(exc).__name__})") from None
