"""The tarpit: a rate-limited sender waits for its refusal, a paced one for its admission.

The problem it solves: fair share (:mod:`copydesk.ingest.fairshare`) keeps ordinary
readers' reports *in* during a flood, but a flood that sends its next request as soon as
the last one is answered (a closed loop, the usual shape of a flood tool and of a
botnet's keep-alive connections) keeps the server's cores busy with refusals, and each
reader's request waits behind a round of them at every step (accept, read, commit,
answer): readers get in, late.

The design: a ``429 rate_limited`` answer is held back for ``tarpit_ms`` (at most the
``Retry-After`` it carries) before it is sent.  Holding costs no CPU (a sleeping
coroutine) and a little memory, so a closed-loop flood over ``C`` connections is slowed
to ``C`` refusals per delay, whatever the server's speed, and the cores go back to
readers.  The refusal itself is unchanged (the same JSON, the same ``Retry-After``), and
a reader who is refused (rare: their network over its share of a site under pressure)
waits a second more for an answer that tells them to try again later anyway.

What bounds it: at most ``tarpit_max`` refusals are held at once in each process;
beyond, a refusal is answered at once, so an attacker who opens ever more connections
holds at most that many (each also bounded by the server's own header and body timeouts,
:mod:`copydesk.web.protocol`).  ``tarpit_ms = 0`` turns it off.  Only rate-limit
refusals are held: a malformed or unknown-site request is answered at once (a client
with a bug must learn of it quickly, and those refusals are not what a flood repeats
once it is flagged).

Paced admissions are held here too (:meth:`Tarpit.pace`): a report the fair share
admitted, but from a network sending faster than its share
(:func:`copydesk.ingest.fairshare.paced`), waits its hold (at most ``tarpit_ms``) before
it is stored and answered.  Refusals and paced admissions count against the one bound
of ``tarpit_max`` held requests per process; beyond it, an admitted report is stored at
once (unpaced, as before pacing) and a refusal answered at once.  A paced hold longer
than ``tarpit_ms`` is cut to a random time between half of it and all of it: a closed
loop's connections, all held exactly ``tarpit_ms``, would come back together, and the
reports admitted in each such wave reach the writer at once (``bench/flood`` measured
readers' slowest answers one second apart); jitter spreads them.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable


class Tarpit:
    """Holds refusals and paced admissions for at most ``delay`` seconds, at most
    ``limit`` at a time."""

    def __init__(self, delay: float, limit: int,
                 jitter: Callable[[], float] = random.random) -> None:
        self.delay = max(0.0, delay)
        self.limit = max(0, limit)
        self._jitter = jitter
        #: Requests being held now (refusals and admissions), refusals held since start,
        #: and admissions held since start (this process).
        self.held = 0
        self.total = 0
        self.paced = 0

    async def hold(self, wait: float) -> bool:
        """Wait ``min(delay, wait)`` seconds before a refusal is answered; whether it
        was held (``False``: off, or ``limit`` already held)."""
        if not await self._sleep(wait):
            return False
        self.total += 1
        return True

    async def pace(self, hold: float) -> bool:
        """Wait ``hold`` seconds before an admitted report is stored, or, when that is
        longer than ``delay``, between half of ``delay`` and all of it (jitter); whether
        it was held (``False``: no hold, off, or ``limit`` already held)."""
        if hold > self.delay:
            hold = self.delay * (1 + self._jitter()) / 2
        if not await self._sleep(hold):
            return False
        self.paced += 1
        return True

    async def _sleep(self, wait: float) -> bool:
        seconds = min(self.delay, max(0.0, wait))
        if seconds <= 0 or self.held >= self.limit:
            return False
        self.held += 1
        try:
            await asyncio.sleep(seconds)
        finally:
            self.held -= 1
        return True
