"""Knowing when a reported mistake is fixed: re-anchoring an article's groups in each
new version of its text.

Every group on the article that is open (new, accepted, rejected) or fixed is
re-anchored with :func:`copydesk.anchoring.reanchor_all`: its selector is the group's
quote, context and offsets, with the most common non-empty suggestion of its reports.
The group's ``anchor_*`` columns then say where the passage stands in the version.

- An open group that becomes ``fixed`` (it was not before) queues
  ``group.fix_detected`` for every channel of the site, in the same transaction; an
  editor confirms it with :func:`copydesk.triage.confirm_fix`.
- A group marked fixed by hand whose quote is still there (``unchanged``) gets
  ``fix_flag``; the flag clears when a later version no longer has the quote.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, select, update

from copydesk.anchoring import Selector, State, reanchor_all
from copydesk.events import Fix, FixDetected
from copydesk.models import EventType, ReportStatus
from copydesk.notify import outbox
from copydesk.reports import report_created
from copydesk.storage import schema

#: The statuses whose groups are re-anchored.
TRACKED = (ReportStatus.NEW, ReportStatus.ACCEPTED, ReportStatus.REJECTED, ReportStatus.FIXED)
#: Characters of the new text around a detected fix quoted in its notification.
FIX_QUOTE_MAX = 300


@dataclass(frozen=True, slots=True)
class Reanchored:
    group_id: int
    status: ReportStatus
    state: State
    start: int | None
    end: int | None
    fix_detected: bool  # newly fixed: group.fix_detected was queued
    fix_flag: bool


def suggestions(conn: Connection, group_ids: list[int]) -> dict[int, str]:
    """Each group's most common non-empty suggestion (the latest among equals)."""
    r = schema.reports
    counts: dict[int, Counter[str]] = {}
    latest: dict[tuple[int, str], int] = {}
    rows = conn.execute(
        select(r.c.group_id, r.c.suggestion, r.c.id)
        .where(r.c.group_id.in_(group_ids), r.c.suggestion != "")
    )
    for group_id, suggestion, report_id in rows:
        counts.setdefault(group_id, Counter())[suggestion] += 1
        latest[(group_id, suggestion)] = max(report_id, latest.get((group_id, suggestion), 0))
    return {
        gid: max((n, latest[(gid, s)], s) for s, n in c.items())[2]
        for gid, c in counts.items()
    }


def reanchor_article(
    conn: Connection, article_id: int, version_id: int, text: str, now: datetime,
    *, public_url: str = "",
) -> list[Reanchored]:
    """Re-anchor the article's groups in ``text`` (version ``version_id``); see the module."""
    g = schema.report_groups
    groups = list(conn.execute(
        select(g.c.id, g.c.site_id, g.c.status, g.c.exact, g.c.prefix, g.c.suffix,
               g.c.start, g.c.end, g.c.anchor_state)
        .where(g.c.article_id == article_id, g.c.status.in_([s.value for s in TRACKED]))
        .order_by(g.c.id)
    ))
    if not groups:
        return []
    suggested = suggestions(conn, [int(row.id) for row in groups])
    selectors = [
        Selector(row.exact, row.prefix, row.suffix, row.start, row.end,
                 suggested.get(int(row.id)))
        for row in groups
    ]
    results: list[Reanchored] = []
    for row, anchor in zip(groups, reanchor_all(selectors, text), strict=True):
        status = ReportStatus(row.status)
        flag = status is ReportStatus.FIXED and anchor.state is State.UNCHANGED
        detected = (status is not ReportStatus.FIXED and anchor.state is State.FIXED
                    and row.anchor_state != State.FIXED.value)
        conn.execute(update(g).where(g.c.id == row.id).values(
            anchor_state=anchor.state.value, anchor_start=anchor.start, anchor_end=anchor.end,
            anchor_version_id=version_id, anchored_at=now, fix_flag=flag,
        ))
        if detected:
            fixed_text = text[anchor.start:anchor.end] if anchor.start is not None else ""
            about = report_created(conn, int(row.id), public_url)
            event = FixDetected(
                group=about.group, article=about.article, site=about.site,
                fix=Fix(text=fixed_text[:FIX_QUOTE_MAX], version_id=version_id),
            )
            outbox.enqueue(conn, int(row.site_id), EventType.GROUP_FIX_DETECTED, event)
        results.append(Reanchored(int(row.id), status, anchor.state, anchor.start, anchor.end,
                                  detected, flag))
    return results
