"""Storing reports on PostgreSQL, a writer batch at a time, in one round trip.

The writer hands a batch's :class:`copydesk.reports.Store` jobs over together; their
reports go to :data:`FUNCTION` as one JSON parameter.  The function is created in each
writer session as it connects (``pg_temp``: no migration, and each node runs the
version of its own code).  It upserts the batch's articles in one order (each row stays
locked until commit, and two batches lock shared articles in the same order, so they
wait rather than deadlock), then for each report, in its own statements started after
the locks are held (each sees what the lock's previous holder committed): the earlier
arrival of its ``client_id``, the overlapping group among the article's recent groups
(:func:`overlap_sql`), a new group or the join of that group (a reader counted once per
group), the report row, and for a new group that is not spam the site's channels (read
again only when the site differs from the previous report's) and how many groups it
announced in the last minute. A reused client id stores nothing and is answered as such.
Each report's article id comes with it from the loop's own query (a subquery on the
``(site_id, url)`` index after the upsert: a join was planned as a hash of the whole
``articles`` table for every batch), and its answer row is a ``RETURN NEXT`` of the
output columns: fewer statements a report than a lookup and a ``RETURN QUERY`` each
(``bench/ingest/pgstore.py`` measures the backend's share).  Joining a group and storing
the report in one statement (data-modifying CTEs) was measured and not kept: no change
in the backend's CPU a report.

The overlap rule is :func:`copydesk.grouping.overlaps` written in SQL.
``tests/storage/test_pg_ingest.py`` checks the two against each other with hypothesis:
a change to the rule in :mod:`copydesk.grouping` must be made here too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, event

from copydesk.grouping import CONTEXT
from copydesk.models import JOINABLE_STATUSES, EventType
from copydesk.storage.statement import Statement

#: Columns derived from a quote's ``exact``, ``prefix`` and ``suffix`` that
#: :func:`overlap_sql` reads: the quote's near context (``l``), the text searched for
#: (``needle``: the quote with up to CONTEXT characters of its context on each side) and
#: the text searched (``whole``: context, quote, context).
QUOTE_COLUMNS = (
    f"right(prefix, {CONTEXT}) AS l,"
    f" right(prefix, {CONTEXT}) || exact || left(suffix, {CONTEXT}) AS needle,"
    " prefix || exact || suffix AS whole"
)


def _contained(i: str, o: str) -> str:
    """SQL for ``grouping._contained(i, o)`` on two rows with ``exact``, ``prefix`` and
    the :data:`QUOTE_COLUMNS`.

    Python finds every occurrence of ``i``'s needle in ``o``'s whole text and asks
    whether ``i``'s quote there intersects ``o``'s quote.  Only occurrences starting in
    a window as wide as the two quotes together can, so SQL compares the needle at each
    position of that window (0-based ``pos``, in characters like Python's ``str.find``).
    """
    return (
        f"({i}.exact <> '' AND EXISTS (SELECT FROM generate_series("
        f"GREATEST(0, length({o}.prefix) - length({i}.l) - length({i}.exact) + 1),"
        f" length({o}.prefix) + length({o}.exact) - length({i}.l) - 1) pos"
        f" WHERE substr({o}.whole, pos + 1, length({i}.needle)) = {i}.needle))"
    )


def overlap_sql(a: str, b: str) -> str:
    """SQL for ``grouping.overlaps(a, b)`` on two rows (aliases ``a`` and ``b``) with
    ``exact``, ``prefix``, ``start`` and ``"end"`` columns and the :data:`QUOTE_COLUMNS`."""
    return (
        f"(CASE WHEN {a}.start IS NOT NULL AND {a}.\"end\" IS NOT NULL"
        f" AND {b}.start IS NOT NULL AND {b}.\"end\" IS NOT NULL"
        f" THEN {a}.start < {b}.\"end\" AND {b}.start < {a}.\"end\""
        f" ELSE {_contained(a, b)} OR {_contained(b, a)} END)"
    )


_JOINABLE = ", ".join(f"'{s.value}'" for s in sorted(JOINABLE_STATUSES))
_CREATED = EventType.REPORT_CREATED.value

#: The fields of one report in the batch's JSON array, with their SQL types (``n``: its
#: place in the batch, from 0).
FIELDS = (
    ("n", "bigint"), ("site_id", "bigint"), ("article_url", "text"), ("url", "text"),
    ("exact", "text"), ("prefix", "text"), ("suffix", "text"), ("start", "int"),
    ("end", "int"),
    ("suggestion", "text"), ("comment", "text"), ("title", "text"), ("lang", "text"),
    ("ip_hash", "text"), ("spam_reason", "text"), ("client_id", "text"), ("status", "text"),
    ("has_suggestion", "bool"),
)
_RECORD = ", ".join(f'"{name}" {kind}' for name, kind in FIELDS)

#: The session's function that stores a batch of reports (see the module's docstring).
#: Its rows, one per report of the batch (``n``: the report's place in it):
#: report id, group id, whether it joined a group, whether it is an earlier arrival
#: answered again, whether that earlier arrival is the same report (false: the client
#: id was reused, and nothing was stored), the channels to tell about a new group (NULL
#: when none is to be told) and the site's ``report.created`` events of the last minute.
#: An article has few groups: ``status || ''`` keeps the planner from also reading the
#: status index, which holds every open group of every site.
FUNCTION = f"""
CREATE OR REPLACE FUNCTION pg_temp.copydesk_store(
    batch jsonb, now timestamptz, since timestamptz, candidates int)
RETURNS TABLE (n bigint, report_id bigint, group_id bigint, joined bool, replayed bool,
    same bool, channels bigint[], recent bigint)
LANGUAGE plpgsql AS $fn$
#variable_conflict use_column
DECLARE
    p record;
    article bigint;
    found_group bigint;
    earlier record;
    site_channels bigint[];
    channels_of bigint;
BEGIN
    -- Every article of the batch, in one order: each row stays locked until commit, and
    -- two batches lock the articles they share in the same order.  A hint fills an empty
    -- title or language of an article still named by readers, and nothing else (the
    -- batch's first hint of each, as one report after another would).
    INSERT INTO articles AS a (site_id, url, title, lang, created_at, updated_at)
    SELECT x.site_id, x.article_url,
        COALESCE((array_agg(x.title ORDER BY x.n) FILTER (WHERE x.title <> ''))[1], ''),
        COALESCE((array_agg(x.lang ORDER BY x.n) FILTER (WHERE x.lang <> ''))[1], ''),
        now, now
    FROM jsonb_to_recordset(batch) AS x({_RECORD})
    GROUP BY x.site_id, x.article_url ORDER BY x.site_id, x.article_url
    -- The WHERE leaves a row that the hint does not fill as it is (no new row version),
    -- and locks it all the same: ON CONFLICT DO UPDATE locks every conflicting row.
    ON CONFLICT (site_id, url) DO UPDATE SET
        title = CASE WHEN a.title = '' THEN excluded.title ELSE a.title END,
        lang = CASE WHEN a.lang = '' THEN excluded.lang ELSE a.lang END,
        updated_at = excluded.updated_at
    WHERE a.named_by = 'reader' AND (
        (a.title = '' AND excluded.title <> '') OR (a.lang = '' AND excluded.lang <> ''));
    -- Each statement below starts after the locks are held, with a snapshot of its own:
    -- it sees the groups and reports that the lock's previous holder committed.
    FOR p IN
        SELECT x.*, (SELECT a.id FROM articles a
                     WHERE a.site_id = x.site_id AND a.url = x.article_url) AS article_id,
            {QUOTE_COLUMNS}
        FROM jsonb_to_recordset(batch) AS x({_RECORD})
        ORDER BY x.n
    LOOP
        article := p.article_id;
        IF p.client_id IS NOT NULL THEN
            SELECT r.id, r.group_id,
                (r.article_id, r.exact, r.prefix, r.suffix, r.start, r."end", r.suggestion,
                    r.comment) IS NOT DISTINCT FROM (article, p.exact, p.prefix, p.suffix,
                    p.start, p."end", p.suggestion, p.comment) AS same,
                (SELECT MIN(o.id) FROM reports o WHERE o.group_id = r.group_id) AS head
            INTO earlier
            FROM reports r WHERE r.site_id = p.site_id AND r.client_id = p.client_id;
            IF FOUND THEN
                n := p.n; report_id := earlier.id; group_id := earlier.group_id;
                joined := earlier.head <> earlier.id; replayed := TRUE;
                same := earlier.same; channels := NULL; recent := NULL;
                RETURN NEXT;
                CONTINUE;
            END IF;
        END IF;
        found_group := NULL;
        IF p.spam_reason IS NULL THEN
            SELECT c.id INTO found_group FROM (
                SELECT g.id, g.exact, g.prefix, g.start, g."end", {QUOTE_COLUMNS}
                FROM report_groups g
                WHERE g.article_id = article AND g.status || '' IN ({_JOINABLE})
                ORDER BY g.id DESC LIMIT candidates
            ) c
            WHERE {overlap_sql("p", "c")}
            ORDER BY c.id DESC LIMIT 1;
        END IF;
        IF found_group IS NULL THEN
            INSERT INTO report_groups (site_id, article_id, status, exact, prefix, suffix,
                start, "end", reporter_count, has_suggestion, created_at, updated_at,
                last_reported_at)
            VALUES (p.site_id, article, p.status, p.exact, p.prefix, p.suffix, p.start,
                p."end", 1, p.has_suggestion, now, now, now)
            RETURNING id INTO found_group;
            joined := FALSE;
        ELSE
            UPDATE report_groups g SET
                reporter_count = g.reporter_count + CASE WHEN p.ip_hash <> '' AND EXISTS (
                    SELECT FROM reports r WHERE r.group_id = g.id AND r.ip_hash = p.ip_hash
                ) THEN 0 ELSE 1 END,
                has_suggestion = g.has_suggestion OR p.has_suggestion,
                last_reported_at = now
            WHERE g.id = found_group;
            joined := TRUE;
        END IF;
        INSERT INTO reports (site_id, article_id, group_id, url, exact, prefix, suffix,
            start, "end", suggestion, comment, title, lang, ip_hash, spam_reason,
            client_id, created_at)
        VALUES (p.site_id, article, found_group, p.url, p.exact, p.prefix, p.suffix,
            p.start, p."end", p.suggestion, p.comment, p.title, p.lang, p.ip_hash,
            p.spam_reason, p.client_id, now)
        RETURNING id INTO report_id;
        channels := NULL;
        recent := NULL;
        IF NOT joined AND p.spam_reason IS NULL THEN
            IF channels_of IS DISTINCT FROM p.site_id THEN  -- the previous report's site?
                site_channels := ARRAY(SELECT ch.id FROM channels ch
                                       WHERE ch.site_id = p.site_id AND ch.enabled);
                channels_of := p.site_id;
            END IF;
            channels := site_channels;
            IF cardinality(channels) > 0 THEN
                SELECT COUNT(*) INTO recent FROM outbox o WHERE o.site_id = p.site_id
                    AND o.created_at >= since AND o.event_type = '{_CREATED}';
            ELSE
                channels := NULL;
            END IF;
        END IF;
        n := p.n; group_id := found_group; replayed := FALSE; same := TRUE;
        RETURN NEXT;
    END LOOP;
END
$fn$
"""  # noqa: S608 - constants only

#: The call: the batch as one JSON parameter.
CALL = Statement(
    "SELECT n, report_id, group_id, joined, replayed, same, channels, recent"
    " FROM pg_temp.copydesk_store(:batch::jsonb, :now::timestamptz, :since::timestamptz,"
    " :candidates::int)"
)


def install(engine: Engine) -> None:
    """Create the function in every session of ``engine`` as it connects (a writer's:
    only writers store reports)."""

    @event.listens_for(engine, "connect")
    def _create(dbapi_connection: Any, _record: Any) -> None:
        with dbapi_connection.cursor() as cursor:
            cursor.execute(FUNCTION)
        dbapi_connection.commit()


def store_batch(conn: Connection, rows: Sequence[Mapping[str, Any]], now: datetime,
                since: datetime, candidates: int) -> list[tuple[Any, ...]]:
    """Store these reports (each a mapping of :data:`FIELDS`) in one call: one row per
    report, in their order (see :data:`FUNCTION`)."""
    batch = [{**row, "n": n} for n, row in enumerate(rows)]
    answers = CALL.rows(conn, {"batch": orjson.dumps(batch).decode(), "now": now,
                               "since": since, "candidates": candidates})
    answers.sort(key=lambda row: row[0])
    return [row[1:] for row in answers]
