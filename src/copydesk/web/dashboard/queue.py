"""The triage queue's query: filters, full-text search and keyset pagination.

Pages are cut by keyset (the last row's sort key and id), never by OFFSET, so page
1,000 costs what page 1 costs.  Every sort has an index that starts with the filter
columns (migration 0002).  Search runs on SQLite's FTS5 table ``reports_fts`` or on
PostgreSQL's GIN index of the same ``to_tsvector`` expression.  A filter reaches here
checked (:mod:`.params`): dates in range, a parsed cursor, search text without NUL.

A queue page costs the same statements for one row as for fifty
(``tests/dashboard/test_statements.py``): the rows in one (:func:`fetch`: each row's
first suggestion, only when the group has one, is a correlated subquery on
``ix_reports_group``; its first comment one on the partial index of the reports with a
comment, ``ix_reports_group_comment``, so a group without one costs no scan; the
article text around the quote a primary-key join on ``article_versions``), the status
counts in another (:func:`counts`).

Decision, the status counts: each status is counted up to :data:`COUNT_CAP` (a
``LIMIT`` subquery per status in one statement), and a tab that reached it says
"10,000+".  Counting every matching group grew with the queue (the ``new`` tab of a
million reports is some 280,000 groups: every entry of the status index read on every
page view, 17–54 ms on SQLite); the capped count reads at most 10,001 index entries
per status (3.5–14 ms).  With a
text filter the counts are exact, one ``GROUP BY`` over the search's groups: a capped
subquery per status would run the search six times (36 ms against 7 ms for a common
word on one site at a million reports, SQLite), and the search's own size bounds the
count.  Not chosen: counts from the covering indexes alone (still one entry per group),
and a per-filter cache invalidated by writes (several processes write, so it needs a
shared invalidation, for numbers nobody reads exactly past a few thousand).  The badge
of new reports (:func:`new_since`) is capped the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    Select,
    case,
    column,
    func,
    literal_column,
    select,
    table,
    text,
    tuple_,
)

from copydesk.models import ReportStatus
from copydesk.storage import schema
from copydesk.web.dashboard import params, quoting

PAGE_SIZE = 50
SORTS = ("newest", "most")
STATUS_CHOICES = ("new", "accepted", "fixed", "rejected", "duplicate", "spam", "all")
#: Where a group's quote stands in the article's latest version (copydesk.anchoring);
#: "unanchored": no version arrived since the report; "any": no filter.
ANCHOR_CHOICES = ("any", "fixed", "changed", "unchanged", "orphaned", "unanchored")


@dataclass(frozen=True)
class QueueFilter:
    """What the editor asked for; ``site_ids`` None means every site (admins)."""

    site_ids: frozenset[int] | None = None
    status: str = "new"
    since: date | None = None
    until: date | None = None
    has_suggestion: bool = False
    q: str = ""
    sort: str = "newest"
    #: The keyset cursor (sort key, id) of the page's start, parsed by :mod:`.params`.
    after: tuple[Any, int] | None = None
    #: Or of the page's end: the page before the row with this key (previous page).
    before: tuple[Any, int] | None = None
    assignee_id: int | None = None
    anchor: str = "any"


@dataclass(frozen=True)
class Row:
    id: int
    site_id: int
    site_key: str
    article_id: int
    article_url: str
    article_title: str
    status: str
    exact: str
    prefix: str
    suffix: str
    reporter_count: int
    has_suggestion: bool
    last_reported_at: datetime
    assignee: str
    anchor_state: str | None = None
    fix_flag: bool = False
    #: The first reader's suggestion and the first comment of the group ("" if none).
    suggestion: str = ""
    comment: str = ""
    #: The article text around the quote in the version it was last anchored in (a
    #: window of :data:`WINDOW` characters each side), and where the quote starts in it;
    #: ``window_at`` -1 when there is none.
    window: str = ""
    window_at: int = -1

    def sentence(self) -> quoting.Around:
        """The quote in its sentence: from the article text when the anchor still holds
        the quote, else from the reader's context."""
        if self.window_at >= 0:
            end = self.window_at + len(self.exact)
            if self.window[self.window_at:end] == self.exact:
                return quoting.sentence_around(self.window[:self.window_at], self.exact,
                                               self.window[end:])
        return quoting.sentence_around(self.prefix, self.exact, self.suffix)

    def suggestion_diff(self) -> list[quoting.Piece]:
        return quoting.word_diff(self.exact, self.suggestion) if self.suggestion else []


#: Characters of article text read on each side of an anchored quote.
WINDOW = 240


@dataclass
class Page:
    rows: list[Row]
    next_cursor: str = ""
    prev_cursor: str = ""
    articles: list[tuple[int, str, str, list[Row]]] = field(default_factory=list)


def fts_query(q: str) -> str:
    """A user's words as an FTS5 query: each word a quoted phrase, all required."""
    words = [w for w in q.split() if w.strip('"')]
    return " ".join('"' + w.replace('"', '""') + '"' for w in words[:20])


def search_condition(conn: Connection, q: str) -> ColumnElement[bool]:
    """``report_groups.id`` is the group of a report matching the words ``q``.

    The subquery never correlates, so it keeps its meaning inside queries that select
    from ``reports`` themselves (exports).
    """
    g, r = schema.report_groups, schema.reports
    if conn.dialect.name == "sqlite":
        if not fts_query(q):
            return g.c.id < 0  # nothing searchable: no match
        fts = table("reports_fts", column("rowid", Integer))
        matching = select(fts.c.rowid).where(
            literal_column("reports_fts").op("MATCH")(fts_query(q))
        )
        reports = select(r.c.group_id).where(r.c.id.in_(matching)).correlate(None)
    else:
        match = text(
            f"{schema.REPORTS_SEARCH_VECTOR} @@ plainto_tsquery('simple'::regconfig, :q)"
        ).bindparams(q=q)
        reports = select(r.c.group_id).where(match).correlate(None)
    return g.c.id.in_(reports)


def _as_utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _cursor(row: Row, sort: str) -> str:
    key = row.reporter_count if sort == "most" else _as_utc(row.last_reported_at)
    return params.format_cursor(key, row.id)


def conditions(conn: Connection, f: QueueFilter) -> list[ColumnElement[bool]]:
    g = schema.report_groups
    where: list[ColumnElement[bool]] = []
    if f.site_ids is not None:
        where.append(g.c.site_id.in_(sorted(f.site_ids)) if f.site_ids else g.c.id < 0)
    if f.status != "all":
        where.append(g.c.status == ReportStatus(f.status).value)
    if f.since:
        where.append(g.c.last_reported_at >= datetime.combine(f.since, time(), UTC))
    if f.until:
        end = datetime.combine(f.until + timedelta(days=1), time(), UTC)
        where.append(g.c.last_reported_at < end)
    if f.has_suggestion:
        where.append(g.c.has_suggestion.is_(True))
    if f.assignee_id is not None:
        where.append(g.c.assignee_id == f.assignee_id)
    if f.anchor == "unanchored":
        where.append(g.c.anchor_state.is_(None))
    elif f.anchor != "any":
        where.append(g.c.anchor_state == f.anchor)
    if f.q.strip():
        where.append(search_condition(conn, f.q))
    return where


def _first(column: Any) -> Any:
    """The group's first non-empty ``column`` of its reports (a correlated subquery on
    ``ix_reports_group``; the suggestion's runs only for a group that has one)."""
    r, g = schema.reports, schema.report_groups
    return (select(column).where(r.c.group_id == g.c.id, column != "")
            .order_by(r.c.id).limit(1).scalar_subquery())


#: The predicate of ``ix_reports_group_comment``, written as the index writes it: a
#: planner uses a partial index only when the query states its condition, and a bound
#: parameter (``comment != ?``) would not.
_HAS_COMMENT = text("reports.comment <> ''")


def _first_comment() -> Any:
    """The group's first comment, on the partial index ``ix_reports_group_comment``
    (migration 0015): one entry read when the group has a comment, none when it has
    not (``ix_reports_group`` would read every report of such a group)."""
    r, g = schema.reports, schema.report_groups
    return (select(r.c.comment).where(r.c.group_id == g.c.id, _HAS_COMMENT)
            .order_by(r.c.id).limit(1).scalar_subquery())


def _select() -> Select[Any]:
    """The page's rows in one statement: the group, its article, site and assignee, the
    first suggestion and comment, and the article text around the anchored quote."""
    g, a, s, u = schema.report_groups, schema.articles, schema.sites, schema.users
    r, v = schema.reports, schema.article_versions
    # substr is 1-based on both databases: the window starts WINDOW characters before
    # the anchor (or at the text's start) and the quote sits at ``window_at`` in it.
    begin = case((g.c.anchor_start > WINDOW, g.c.anchor_start - WINDOW), else_=0)
    length = g.c.anchor_end - begin + WINDOW
    return (
        select(
            g.c.id, g.c.site_id, s.c.key, g.c.article_id, a.c.url, a.c.title, g.c.status,
            g.c.exact, g.c.prefix, g.c.suffix, g.c.reporter_count, g.c.has_suggestion,
            g.c.last_reported_at, func.coalesce(u.c.email, ""), g.c.anchor_state,
            g.c.fix_flag,
            # A group without a suggestion (its flag) skips the subquery: it would read
            # every report of the group to find none.
            case((g.c.has_suggestion.is_(True), func.coalesce(_first(r.c.suggestion), "")),
                 else_=""),
            func.coalesce(_first_comment(), ""),
            func.coalesce(func.substr(v.c.text, begin + 1, length), ""),
            case((v.c.id.is_not(None) & g.c.anchor_start.is_not(None),
                  g.c.anchor_start - begin), else_=-1),
        )
        .join(a, a.c.id == g.c.article_id)
        .join(s, s.c.id == g.c.site_id)
        .outerjoin(u, u.c.id == g.c.assignee_id)
        .outerjoin(v, (v.c.id == g.c.anchor_version_id) & g.c.anchor_start.is_not(None)
                   & g.c.anchor_state.in_(("unchanged", "changed")))
    )


def fetch(conn: Connection, f: QueueFilter, limit: int | None = None) -> Page:
    """One page of groups, and the cursors of the next and previous pages ("" when
    there is none), in one statement.  Going back (``before``) reads the index the
    other way and turns the rows round."""
    limit = limit or PAGE_SIZE
    g = schema.report_groups
    sort_col = g.c.reporter_count if f.sort == "most" else g.c.last_reported_at
    where = conditions(conn, f)
    backwards = f.before is not None and f.after is None
    if f.after is not None:
        where.append(tuple_(sort_col, g.c.id) < tuple_(*f.after))
    elif f.before is not None:
        where.append(tuple_(sort_col, g.c.id) > tuple_(*f.before))
    order = (sort_col.asc(), g.c.id.asc()) if backwards else (sort_col.desc(), g.c.id.desc())
    query = _select().where(*where).order_by(*order).limit(limit + 1)
    rows = [Row(*r) for r in conn.execute(query)]
    more = len(rows) > limit
    rows = rows[:limit]
    if backwards:
        rows.reverse()
    page = Page(rows)
    if rows:
        has_next = backwards or more
        has_prev = more if backwards else f.after is not None
        if has_next:
            page.next_cursor = _cursor(rows[-1], f.sort)
        if has_prev:
            page.prev_cursor = _cursor(rows[0], f.sort)
    page.articles = by_article(page.rows)
    return page


def neighbours(conn: Connection, f: QueueFilter, row_key: tuple[Any, int]) -> tuple[int | None,
                                                                                 int | None]:
    """The groups just after and just before the one with sort key ``row_key`` in the
    queue ``f`` (its status filter and all), as (next id, previous id): two index
    seeks, one each way, in one statement."""
    g = schema.report_groups
    sort_col = g.c.reporter_count if f.sort == "most" else g.c.last_reported_at
    where = conditions(conn, f)
    key = tuple_(sort_col, g.c.id)
    after_q = (select(g.c.id).where(*where, key < tuple_(*row_key))
               .order_by(sort_col.desc(), g.c.id.desc()).limit(1).scalar_subquery())
    before_q = (select(g.c.id).where(*where, key > tuple_(*row_key))
                .order_by(sort_col.asc(), g.c.id.asc()).limit(1).scalar_subquery())
    after, before = conn.execute(select(after_q, before_q)).one()
    return (int(after) if after is not None else None,
            int(before) if before is not None else None)


class Count(int):
    """A number on a status tab; ``at_least``: counting stopped at :data:`COUNT_CAP`, so
    the group count is this or more (the queue page shows "10,000+")."""

    at_least: bool

    def __new__(cls, value: int, at_least: bool = False) -> Count:
        count = super().__new__(cls, value)
        count.at_least = at_least
        return count


#: Most groups counted per status for the tabs.
COUNT_CAP = 10_000


def counts(conn: Connection, f: QueueFilter, cap: int | None = None) -> dict[str, Count]:
    """How many groups of each status match the filter's other fields (one statement),
    and ``all`` (their sum): the numbers on the tabs.  Without a text filter each status
    is counted up to ``cap`` (:data:`COUNT_CAP`); with one, exactly (see the module's
    docstring)."""
    cap = COUNT_CAP if cap is None else cap
    g = schema.report_groups
    where = conditions(conn, replace(f, status="all"))
    statuses = [s for s in STATUS_CHOICES if s != "all"]
    result = {s: Count(0) for s in statuses}
    if f.q.strip():
        # The search is run once and its groups counted by status: as many as the
        # search finds, which the page's rows query reads too.
        for status, n in conn.execute(
            select(g.c.status, func.count()).where(*where).group_by(g.c.status)
        ):
            result[str(status)] = Count(int(n))
    else:
        # One capped subquery per status: each reads at most cap + 1 entries of the
        # index that starts with (site_id,) status, whatever the size of the queue.
        capped = [
            select(func.count()).select_from(
                select(g.c.id).where(*where, g.c.status == status).limit(cap + 1).subquery()
            ).scalar_subquery()
            for status in statuses
        ]
        found = conn.execute(select(*capped)).one()
        result = {s: Count(min(int(n), cap), int(n) > cap)
                  for s, n in zip(statuses, found, strict=True)}
    result["all"] = Count(sum(result.values()), any(c.at_least for c in result.values()))
    return result


def new_since(conn: Connection, f: QueueFilter, since: datetime, cap: int | None = None
              ) -> Count:
    """Groups of the filter's sites reported again after ``since`` (the badge of new
    reports while the page is open), counted up to ``cap`` like the tabs."""
    cap = COUNT_CAP if cap is None else cap
    g = schema.report_groups
    where = conditions(conn, replace(f, q="", after=None, before=None))
    found = int(conn.execute(select(func.count()).select_from(
        select(g.c.id).where(*where, g.c.last_reported_at > since).limit(cap + 1).subquery()
    )).scalar_one())
    return Count(min(found, cap), found > cap)


def by_article(rows: Sequence[Row]) -> list[tuple[int, str, str, list[Row]]]:
    """Rows gathered under their article, articles in order of first appearance."""
    seen: dict[int, tuple[int, str, str, list[Row]]] = {}
    for row in rows:
        entry = seen.setdefault(row.article_id,
                                (row.article_id, row.article_url, row.article_title, []))
        entry[3].append(row)
    return list(seen.values())
