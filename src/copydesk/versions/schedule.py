"""When an article is fetched next: often while it is fresh, less and less after.

The interval grows with the time since the article's last report (or since it was first
tracked, for an article found in a feed): every :data:`STEPS` entry ``(age, interval)``
applies up to that age, :data:`LATEST` after.  Tracking stops (``None``: not scheduled)
once that age passes ``max_age``; a new report brings the next fetch forward again (see
:func:`copydesk.versions.queue.reported`).  After a failure the interval is at least
:data:`FAILURE_FIRST` doubled for each consecutive failure, up to :data:`FAILURE_MOST`,
so a broken page is never fetched in a hot loop.  Pure: no I/O.
"""

from __future__ import annotations

from datetime import datetime, timedelta

STEPS: tuple[tuple[timedelta, timedelta], ...] = (
    (timedelta(hours=1), timedelta(minutes=10)),
    (timedelta(hours=6), timedelta(minutes=30)),
    (timedelta(days=1), timedelta(hours=2)),
    (timedelta(days=7), timedelta(hours=12)),
)
LATEST = timedelta(days=1)
FAILURE_FIRST = timedelta(minutes=5)
FAILURE_MOST = timedelta(days=1)


def interval(age: timedelta) -> timedelta:
    """The time between fetches of an article whose last report is ``age`` old."""
    for limit, step in STEPS:
        if age < limit:
            return step
    return LATEST


def backoff(failures: int) -> timedelta:
    """The least time before the next try after ``failures`` consecutive failures."""
    if failures <= 0:
        return timedelta(0)
    return min(FAILURE_FIRST * (1 << min(failures - 1, 30)), FAILURE_MOST)


def next_fetch(
    now: datetime, since: datetime, *, max_age: timedelta, failures: int = 0
) -> datetime | None:
    """When to fetch next, after a fetch at ``now``; None once tracking has stopped.

    ``since``: the last report (or when tracking began); ``failures``: consecutive
    failed fetches up to and including this one.
    """
    age = max(now - since, timedelta(0))
    if age >= max_age:
        return None
    return now + max(interval(age), backoff(failures))
