"""Readers' subscriptions: kept while their group is open, one mail when it closes.

- :class:`Subscriber` is the ingest hook (:data:`copydesk.ingest.pipeline.ReportHook`):
  after a report with ``notify_email`` is committed and answered, it stores the
  subscription in a small write of its own.  If the process dies in between, the
  report stays and the subscription is lost (the reader is not told; nothing else
  breaks).  Spam and resent reports run no hooks, so they subscribe nobody.
- :func:`closed` runs in :func:`copydesk.triage.change_status`'s transaction: fixed
  queues the mail, rejected with a reason queues the reason's mail, rejected without
  one and spam erase the addresses unsent, a duplicate hands its subscribers to the
  group it duplicates while that one is open (else erases them).
- :func:`published` runs in :func:`copydesk.corrections.store.publish`'s transaction:
  the subscribers of the correction's group get the notice.
- Queuing deletes the group's subscriptions: each distinct address gets one
  ``reader_mail`` row, which the sender (:mod:`copydesk.readers.sender`) deletes once
  sent or given up.

The unsubscribe token is ``HMAC-SHA256(secret key, site id, address)``: unguessable
without the server's secret, the same for every mail to one address of one site, and
stored only as its SHA-256 (``token_hash``).  Unsubscribing erases every subscription
and queued mail of that address at that site.  No function here logs an address.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, delete, func, select, update

from copydesk.corrections import links
from copydesk.ingest.payload import ReportPayload
from copydesk.models import AnchorState, ReportStatus, Site
from copydesk.readers import words
from copydesk.readers.address import key
from copydesk.readers.words import Reason
from copydesk.reports import Stored
from copydesk.storage import schema
from copydesk.storage.database import Database

log = logging.getLogger("copydesk.readers")

#: Statuses in which a group keeps its subscribers.
OPEN = (ReportStatus.NEW, ReportStatus.ACCEPTED)
#: Longest quote or fix put into a mail, in characters.
QUOTE_MAX = 300
#: How long a status change's mail waits before it may leave: the dashboard's undo
#: window (``triage.UNDO_WINDOW``).  Reopening the group, or undoing the change, within
#: it takes the mail back and keeps the subscriptions.  A correction's mail leaves at
#: once (a published correction is withdrawn, never undone).
GRACE = timedelta(minutes=10)


class Kind:
    """What a mail tells (``reader_mail.kind``)."""

    PUBLISHED = "published"
    FIXED = "fixed"
    REJECTED = "rejected"


def token(secret: str, site_id: int, address: str) -> str:
    """The unsubscribe token of ``address`` at a site (43 URL-safe characters)."""
    mac = hmac.new(secret.encode(), f"copydesk unsubscribe\0{site_id}\0{key(address)}"
                   .encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()


def token_hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


# ------------------------------------------------------------------------ subscribing


def subscribe(conn: Connection, *, site_id: int, group_id: int, report_id: int,
              address: str, lang: str, secret: str) -> bool:
    """Keep ``address`` for the report's group; False when the group is no longer open
    or the report already has a subscription (the call is idempotent)."""
    g, s, rs = schema.report_groups, schema.sites, schema.reader_subscriptions
    status = conn.execute(select(g.c.status).where(g.c.id == group_id)).scalar()
    if status not in {st.value for st in OPEN}:
        return False
    if conn.execute(select(rs.c.id).where(rs.c.report_id == report_id)).first() is not None:
        return False
    site_lang = conn.execute(select(s.c.public_lang).where(s.c.id == site_id)).scalar()
    conn.execute(rs.insert().values(
        site_id=site_id, group_id=group_id, report_id=report_id, address=address,
        lang=words.language(lang, str(site_lang or words.DEFAULT)),
        token_hash=token_hash(token(secret, site_id, address)), created_at=_now()))
    return True


class Subscriber:
    """The ingest hook that stores a report's subscription after its commit."""

    def __init__(self, db: Database, secret: Callable[[], str]) -> None:
        self.db = db
        self.secret = secret

    async def hook(self, site: Site, payload: ReportPayload, stored: Stored) -> None:
        address = payload.notify_email
        if not address or stored.replayed:
            return
        secret = self.secret()
        try:
            await self.db.write(lambda conn: subscribe(
                conn, site_id=site.id, group_id=stored.group, report_id=stored.id,
                address=address, lang=payload.lang, secret=secret))
        except Exception as exc:  # the report is stored and answered: it stays so
            log.warning("report %d: the reader's subscription was not stored (%s)",
                        stored.id, type(exc).__name__)


# ------------------------------------------------------------------------ closing


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_MAX else text[: QUOTE_MAX - 1] + "…"


def _about(conn: Connection, group_id: int) -> dict[str, Any] | None:
    """What every mail of a group says: the site, the article, the quote, and the
    article's new wording when a fix was detected (article text only: never another
    reader's suggestion or comment)."""
    g, a, s, v = (schema.report_groups, schema.articles, schema.sites,
                  schema.article_versions)
    row = conn.execute(
        select(g.c.exact, g.c.anchor_state, g.c.anchor_start, g.c.anchor_end,
               g.c.anchor_version_id, a.c.url, a.c.title, s.c.name, s.c.key)
        .join(a, a.c.id == g.c.article_id).join(s, s.c.id == g.c.site_id)
        .where(g.c.id == group_id)).first()
    if row is None:
        return None
    fix = ""
    if (row.anchor_state == AnchorState.FIXED.value and row.anchor_version_id is not None
            and row.anchor_start is not None and row.anchor_end is not None):
        text = conn.execute(select(v.c.text).where(v.c.id == row.anchor_version_id)).scalar()
        fix = str(text or "")[int(row.anchor_start):int(row.anchor_end)]
    return {"site": str(row.name), "site_key": str(row.key), "url": str(row.url),
            "title": str(row.title or ""), "quote": _clip(str(row.exact)), "fix": _clip(fix)}


def _erase_group(conn: Connection, group_id: int) -> int:
    rs = schema.reader_subscriptions
    return int(conn.execute(delete(rs).where(rs.c.group_id == group_id)).rowcount)


def _queue(conn: Connection, group_id: int, kind: str, extra: dict[str, Any],
           delay: timedelta = GRACE) -> int:
    """One mail per distinct address of the group; the subscriptions go.  The number
    of mails queued."""
    rs = schema.reader_subscriptions
    subs = conn.execute(select(rs).where(rs.c.group_id == group_id).order_by(rs.c.id)).all()
    if not subs:
        return 0
    about = _about(conn, group_id)
    _erase_group(conn, group_id)
    if about is None:
        return 0
    first: dict[str, Any] = {}
    for sub in subs:
        first.setdefault(key(sub.address), sub)
    now = _now()
    conn.execute(schema.reader_mail.insert(), [
        {"site_id": sub.site_id, "group_id": group_id, "report_id": sub.report_id,
         "address": sub.address, "lang": sub.lang, "token_hash": sub.token_hash,
         "idempotency_key": f"reader_{uuid.uuid4().hex}", "kind": kind,
         "data": {**about, **extra}, "attempts": 0, "next_attempt_at": now + delay,
         "created_at": now}
        for sub in first.values()
    ])
    return len(first)


def closed(conn: Connection, group_id: int, status: ReportStatus, *,
           reason: Reason | None = None, duplicate_of: int | None = None) -> int:
    """A group's status changed to ``status``: queue, hand over or erase its
    subscribers' addresses (an open status takes back mail not sent yet).  The number
    of mails queued."""
    if status in OPEN:
        _take_back(conn, group_id)
        return 0
    if status is ReportStatus.FIXED:
        return _queue(conn, group_id, Kind.FIXED, {})
    if status is ReportStatus.REJECTED and reason is not None:
        return _queue(conn, group_id, Kind.REJECTED, {"reason": reason.value})
    if status is ReportStatus.DUPLICATE and duplicate_of is not None:
        g, rs = schema.report_groups, schema.reader_subscriptions
        target = conn.execute(select(g.c.status).where(g.c.id == duplicate_of)).scalar()
        if target in {st.value for st in OPEN}:
            conn.execute(update(rs).where(rs.c.group_id == group_id)
                         .values(group_id=duplicate_of))
            return 0
    _erase_group(conn, group_id)
    return 0


def published(conn: Connection, correction_id: int, public_url: str = "") -> int:
    """A correction was published: its group's subscribers get the notice.  The
    number of mails queued (none for a correction written without a group)."""
    c, s = schema.corrections, schema.sites
    row = conn.execute(select(c.c.id, c.c.group_id, c.c.text, s.c.key)
                       .join(s, s.c.id == c.c.site_id).where(c.c.id == correction_id)).first()
    if row is None or row.group_id is None:
        return 0
    page = links.correction_path(str(row.key), int(row.id))
    base = public_url.rstrip("/")
    return _queue(conn, int(row.group_id), Kind.PUBLISHED, {
        "notice": str(row.text), "notice_url": links.absolute(base, page) if base else ""},
        delay=timedelta(0))


def _take_back(conn: Connection, group_id: int) -> None:
    """The group is open again: its mails not tried yet become subscriptions again."""
    rm, rs = schema.reader_mail, schema.reader_subscriptions
    waiting = conn.execute(select(rm).where(
        rm.c.group_id == group_id, rm.c.attempts == 0, rm.c.locked_by.is_(None),
        rm.c.report_id.is_not(None), rm.c.kind != Kind.PUBLISHED)).all()
    if not waiting:
        return
    conn.execute(delete(rm).where(rm.c.id.in_([w.id for w in waiting])))
    conn.execute(rs.insert(), [
        {"site_id": w.site_id, "group_id": group_id, "report_id": w.report_id,
         "address": w.address, "lang": w.lang, "token_hash": w.token_hash,
         "created_at": w.created_at} for w in waiting])


# ------------------------------------------------------------------------ erasure


@dataclass(frozen=True)
class Erased:
    subscriptions: int = 0
    mails: int = 0

    def __bool__(self) -> bool:
        return bool(self.subscriptions or self.mails)


def _audit(conn: Connection, actor: str, action: str, site_id: int | None,
           erased: Erased) -> None:
    conn.execute(schema.audit_log.insert().values(
        user_id=None, actor=actor, action=action, site_id=site_id, group_id=None,
        from_value="reader address", to_value=None,
        note=f"{erased.subscriptions} subscriptions, {erased.mails} queued mails",
        created_at=_now()))


def unsubscribe(conn: Connection, value: str) -> Erased:
    """Erase every subscription and queued mail of the token's address and site
    (nothing for an unknown token); audited without the address."""
    hashed = token_hash(value)
    rs, rm = schema.reader_subscriptions, schema.reader_mail
    site_id = conn.execute(select(rs.c.site_id).where(rs.c.token_hash == hashed)
                           .union(select(rm.c.site_id).where(rm.c.token_hash == hashed))
                           .limit(1)).scalar()
    erased = Erased(
        int(conn.execute(delete(rs).where(rs.c.token_hash == hashed)).rowcount),
        int(conn.execute(delete(rm).where(rm.c.token_hash == hashed)).rowcount))
    if erased:
        _audit(conn, "reader", "reader.unsubscribe", None if site_id is None else int(site_id),
               erased)
    return erased


def erase_address(conn: Connection, address: str, actor: str = "cli") -> Erased:
    """Erase an address everywhere it is kept (a reader's request); audited without
    it."""
    rs, rm = schema.reader_subscriptions, schema.reader_mail
    wanted = key(address.strip())
    erased = Erased(
        int(conn.execute(delete(rs).where(func.lower(rs.c.address) == wanted)).rowcount),
        int(conn.execute(delete(rm).where(func.lower(rm.c.address) == wanted)).rowcount))
    _audit(conn, actor, "erase", None, erased)
    return erased


def sweep(conn: Connection) -> int:
    """Erase subscriptions whose group is no longer open (closed by a way that did not
    go through :func:`closed`); how many went."""
    rs, g = schema.reader_subscriptions, schema.report_groups
    still_open = select(g.c.id).where(g.c.status.in_([st.value for st in OPEN]))
    return int(conn.execute(delete(rs).where(rs.c.group_id.not_in(still_open))).rowcount)
