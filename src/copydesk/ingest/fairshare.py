"""Fair share: how a site's per-minute budget is divided when a flood wants all of it.

The problem it solves: limits per sender network alone do not protect a site's
budget.  Dozens of networks, each under its own limit, together use up the site's
budget within seconds, and every ordinary reader is refused until the flood stops.  One
IPv6 /32 holds 65,536 /48s, so one attacker is enough.

The design (implemented twice, with the same arithmetic: in process by
:class:`~copydesk.ingest.ratelimit.MemoryLimiter`, and in one Lua script, one round
trip, by :class:`~copydesk.ingest.ratelimit.RedisLimiter`, so every worker and machine
sees one state):

1. **Limits at two prefix lengths, before anything else.**  Every report counts
   against its *block* (IPv4 /24, IPv6 /48: ``rate_limit_block``) and its *network*
   (IPv4 /16, IPv6 /32: ``rate_limit_network``), all or nothing (a refused report
   counts nowhere).  So one /32 spread over thousands of /48s is one sender.  This
   check runs before the body is read: a refusal costs a hash and a dictionary look-up
   (or one Redis round trip).
2. **Max-min fair share of the site budget**, among the *networks* (the unit of step 1)
   that got a report in during the site's current one-minute window.  With ``B`` the
   budget, ``T`` the reports the site took in this window, ``N`` the networks among
   them (this one included) and ``c`` this network's count (:func:`admits`):

   - calm, ``T < B/2``: admitted;
   - under pressure: admitted while ``c < B/N``.  A network's first report always gets
     in (``0 < B/N``); the heaviest networks are refused first, and a network that
     sends less than its share is never refused at all;
   - a hard ceiling, ``T < 2B``: a minute never stores more than twice the budget,
     whatever the number of networks (the storage bound).  The room between ``B`` and
     ``2B`` is what readers arriving after the flood took its shares get in with; an
     attacker would need about e times as many networks (/16s, /32s) as were already
     active, all within one minute, to use it up.
3. **A flood is marked.**  A network refused anywhere (step 1 or 2) is *flagged* for
   two windows (renewed by each refusal).  Reports from a flagged network that still
   get in are stored as spam with reason ``flood``: kept and visible in the dashboard,
   but never grouped with readers' reports (no inflated reader counts), never notified,
   and counted against the spam budget instead of the site's.  So a flood stops
   reaching editors' notifications once its networks are first refused, and readers
   get the site budget back.
4. **Admission is paced.**  Fairness decides *whether* a report gets in, not *when*:
   without pacing a flood spends the calm half of the budget, and then each network's
   share, in its first second, and readers' reports wait behind that burst in the
   writer.  So every admitted report also gets a *hold* (:func:`paced`), from a GCRA
   (the generic cell rate algorithm, as in Redis-cell and Stripe's limiters) per
   network and pool: the network's share spread evenly over the window, one report
   every ``window × N / B``, with a burst of ``BURST`` reports at once.  A network
   that sends faster is admitted all the same, but its report is held before it is
   stored and answered (a sleeping coroutine in :mod:`copydesk.ingest.tarpit`, at
   most ``tarpit_max`` at once; never longer than ``tarpit_ms``, a longer hold
   jittered between half of it and all of it).  So a flood that sends its next
   request when the last is answered slows to about its connections' count per
   ``tarpit_ms`` from its first reports on, not only once it is refused, and the
   writer takes its admissions at that pace instead of in one burst.  Holding
   changes no decision (the counts, refusals and flags are those of step 2): a
   network's first report is never held, nor is a reader on a calm site (while the
   pool has taken less than half its budget the interval is the network's own
   limit's, one report every 0.5 s by default), nor a network sending within its
   share in bursts of at most ``BURST``.  The pace lives with the pool's window and
   ends with it.
5. **Spam has its own budget** (``rate_limit_spam``, shared by the same rule, its own
   ceiling): honeypot, too fast and flood reports are answered like any other report
   while they fit and then 429 like any other refusal.  They never take the budget
   readers need, and storage grows by at most ``2 × rate_limit_spam`` spam reports a
   minute per site.

What bounds storage and notifications per site and minute (per process when limits
count in process: no Redis, or while it does not answer): at most
``2 × rate_limit_site`` reports and ``2 × rate_limit_spam`` spam reports are stored;
notifications come only from unflagged reports that start a new group, so a flood
notifies at most its networks' shares before their first refusal (under the budget
``B`` in all in its first minute) and a network that keeps flooding notifies nothing
more.  An attacker who sends each network just under its share, never refused, is
bounded by the budget like everyone else: lowering ``rate_limit_site`` (or an email
digest) is the editor's lever there.

Why no proof of work: fairness alone keeps ordinary readers' reports in (measured by
``bench/flood``), it needs no change to the widget (a
proof-of-work round trip would delay every reader's report), and a per-report puzzle
costs real readers on slow phones more than a botnet.  It remains the next step if
floods from hundreds of networks at once appear.
"""

from __future__ import annotations

#: The hard ceiling, as a multiple of the budget.
CEILING = 2


#: A network's reports at once that pacing never holds (its burst within its share).
BURST = 3


def paced(due: int, now: int, members: int, budget: int, window: int, *,
          pressure: bool = True, calm_rate: int = 0) -> tuple[int, int]:
    """GCRA: how long to hold an admitted report, and the network's next due time.

    All in integer milliseconds from the start of the pool's window: ``due`` is when the
    network's next report is due (its theoretical arrival time; ``now`` for a network
    new in the window), ``members`` the networks in the pool with this one, ``window``
    the window's length.  Each report moves ``due`` one interval on; a report earlier
    than ``due`` less ``BURST - 1`` intervals is held until then.  The interval is the
    fair share's, ``window × members / budget``, while the pool is under ``pressure``
    (as :func:`admits` says: it took half its budget); while it is calm, the network's
    own limit's, ``window / calm_rate`` (``rate_limit_network``: one report every 0.5 s
    by default, which no reader reaches; 0: no hold while calm).  So a busy but calm
    site never holds a reader, and a flood is paced from its first seconds.  Integer
    arithmetic only, as :func:`admits`.
    """
    if pressure:
        step = window * members // budget
    elif calm_rate > 0:
        step = window // calm_rate
    else:
        step = 0
    due = max(due, now)
    return max(0, due - (BURST - 1) * step - now), due + step


def admits(total: int, count: int, members: int, budget: int) -> bool:
    """Whether a pool that took ``total`` reports this window, from ``members``
    networks, admits one more from a network that sent ``count`` of them.

    Integer arithmetic only, so the Lua script in
    :mod:`copydesk.ingest.ratelimit` decides exactly the same.
    """
    if 2 * total < budget:
        return True
    if total >= CEILING * budget:
        return False
    active = members if count else members + 1
    return count * active < budget
