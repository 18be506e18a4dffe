"""The tarpit: a rate-limited sender waits for its refusal.

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
"""

from __future__ import annotations

import asyncio


class Tarpit:
    """Holds refusals for ``delay`` seconds, at most ``limit`` at a time."""

    def __init__(self, delay: float, limit: int) -> None:
        self.delay = max(0.0, delay)
        self.limit = max(0, limit)
        #: Refusals being held now, and held since start (this process).
        self.held = 0
        self.total = 0

    async def hold(self, wait: float) -> bool:
        """Wait ``min(delay, wait)`` seconds before a refusal is answered; whether it
        was held (``False``: off, or ``limit`` already held)."""
        seconds = min(self.delay, max(0.0, wait))
        if seconds <= 0 or self.held >= self.limit:
            return False
        self.held += 1
        self.total += 1
        try:
            await asyncio.sleep(seconds)
        finally:
            self.held -= 1
        return True
