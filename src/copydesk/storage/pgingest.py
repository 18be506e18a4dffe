"""Storing a report on PostgreSQL in one round trip.

:func:`copydesk.reports.store` on PostgreSQL sends two statements together in
psycopg's pipeline mode and waits for the answer once:

1. the article upsert (:data:`copydesk.reports._UPSERT_ARTICLE`), which locks the
   article row until commit;
2. :data:`STORE`, one statement for everything else: the earlier arrival of the
   report's ``client_id``, the overlapping group among the article's recent groups
   (:func:`overlap_sql`), a new group or the join of that group (a reader counted
   once per group, by the day's IP hash), the report row, and, for a new group that is
   not spam, the site's enabled channels and how many groups it announced in the last
   minute (:data:`copydesk.notify.outbox.BURST`).

They are two statements, not one, for the lock: a statement reads the snapshot taken
when it started, so a candidate search in the upsert's own statement could miss a
group committed by a transaction whose lock the upsert waited for.  The second
statement starts after the first has finished, lock held, and sees that group.

The overlap rule is :func:`copydesk.grouping.overlaps` written in SQL.
``tests/storage/test_pg_ingest.py`` checks the two against each other with hypothesis:
a change to the rule in :mod:`copydesk.grouping` must be made here too.
"""

from __future__ import annotations

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

#: Everything a report needs after the article upsert, as one statement.  Its one row:
#: report id, group id, whether it joined a group, whether it is an earlier arrival
#: answered again, whether that earlier arrival is the same report (false: the
#: client id was reused), the channels to tell about a new group (NULL when none is
#: to be told) and the site's ``report.created`` events of the last minute.
#: (Kept under psycopg's 4,096 bytes, beyond which it parses a query on every call.)
#: An article has few groups: ``status || ''`` keeps the planner from also reading the
#: status index, which holds every open group of every site.
STORE = Statement(
    f"""
    WITH p AS (SELECT *, {QUOTE_COLUMNS} FROM (
        SELECT :site_id::bigint AS site_id, :article_url::text AS article_url,
            :url::text AS url, :exact::text AS exact, :prefix::text AS prefix,
            :suffix::text AS suffix, :start::int AS start, :end::int AS "end",
            :suggestion::text AS suggestion, :comment::text AS comment,
            :title::text AS title, :lang::text AS lang, :ip_hash::text AS ip_hash,
            :spam_reason::text AS spam_reason, :client_id::text AS client_id,
            :status::text AS status, :has_suggestion::bool AS has_suggestion,
            :now::timestamptz AS now, :since::timestamptz AS since
    ) q),
    article AS (
        SELECT a.id FROM articles a, p WHERE a.site_id = p.site_id AND a.url = p.article_url
    ),
    earlier AS (
        SELECT r.id, r.group_id,
            (r.article_id, r.exact, r.prefix, r.suffix, r.start, r."end", r.suggestion,
                r.comment) IS NOT DISTINCT FROM (article.id, p.exact, p.prefix, p.suffix,
                p.start, p."end", p.suggestion, p.comment) AS same,
            (SELECT MIN(o.id) FROM reports o WHERE o.group_id = r.group_id) AS head
        FROM reports r, p, article
        WHERE r.site_id = p.site_id AND r.client_id = p.client_id
    ),
    match AS (
        SELECT c.id FROM p, (
            SELECT g.id, g.exact, g.prefix, g.start, g."end", {QUOTE_COLUMNS}
            FROM report_groups g, article
            WHERE g.article_id = article.id AND g.status || '' IN ({_JOINABLE})
            ORDER BY g.id DESC LIMIT :candidates::int
        ) c
        WHERE p.spam_reason IS NULL AND NOT EXISTS (SELECT FROM earlier)
            AND {overlap_sql("p", "c")}
        ORDER BY c.id DESC LIMIT 1
    ),
    created AS (
        INSERT INTO report_groups (site_id, article_id, status, exact, prefix, suffix, start,
            "end", reporter_count, has_suggestion, created_at, updated_at, last_reported_at)
        SELECT p.site_id, article.id, p.status, p.exact, p.prefix, p.suffix, p.start,
            p."end", 1, p.has_suggestion, p.now, p.now, p.now
        FROM p, article
        WHERE NOT EXISTS (SELECT FROM match) AND NOT EXISTS (SELECT FROM earlier)
        RETURNING id
    ),
    joined AS (
        UPDATE report_groups g SET
            reporter_count = g.reporter_count + CASE WHEN p.ip_hash <> '' AND EXISTS (
                SELECT FROM reports r WHERE r.group_id = g.id AND r.ip_hash = p.ip_hash
            ) THEN 0 ELSE 1 END,
            has_suggestion = g.has_suggestion OR p.has_suggestion,
            last_reported_at = p.now
        FROM match, p WHERE g.id = match.id
        RETURNING g.id
    ),
    report AS (
        INSERT INTO reports (site_id, article_id, group_id, url, exact, prefix, suffix, start,
            "end", suggestion, comment, title, lang, ip_hash, spam_reason, client_id,
            created_at)
        SELECT p.site_id, article.id,
            COALESCE((SELECT id FROM created), (SELECT id FROM joined)), p.url, p.exact,
            p.prefix, p.suffix, p.start, p."end", p.suggestion, p.comment, p.title, p.lang,
            p.ip_hash, p.spam_reason, p.client_id, p.now
        FROM p, article WHERE NOT EXISTS (SELECT FROM earlier)
        RETURNING id, group_id
    )
    SELECT report.id, report.group_id, EXISTS (SELECT FROM joined), FALSE, TRUE, n.ids,
        CASE WHEN cardinality(n.ids) > 0 THEN (
            SELECT COUNT(*) FROM outbox o, p WHERE o.site_id = p.site_id
                AND o.created_at >= p.since AND o.event_type = '{_CREATED}'
        ) END
    FROM report LEFT JOIN (
        SELECT ARRAY(SELECT id FROM channels WHERE site_id = p.site_id AND enabled) AS ids
        FROM p, created WHERE p.spam_reason IS NULL
    ) n ON TRUE
    UNION ALL
    SELECT id, group_id, head <> id, TRUE, same, NULL, NULL FROM earlier
    """  # noqa: S608 - constants only
)
