"""Argon2 work for the dashboard: off the event loop, one computation at a time.

A login, a password change, a reset and a new user each cost an Argon2 computation
(about 100 ms of CPU).  They run on this module's own thread, :data:`AT_ONCE` per
process, not on Starlette's shared thread pool: a request waiting for its turn holds
no thread the rest of the app needs (site look-ups for reports go through the shared
pool), and logins from many addresses at once take one core per worker, never every
core while reports wait.  The CLI calls :mod:`copydesk.accounts` directly.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

#: Argon2 computations at once in one process.
AT_ONCE = 1


@functools.cache
def _executor() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(AT_ONCE, thread_name_prefix="copydesk-argon2")


async def run(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """``fn(*args, **kwargs)`` on the hashing thread, in the caller's context."""
    context = contextvars.copy_context()
    return await asyncio.get_running_loop().run_in_executor(
        _executor(), lambda: context.run(fn, *args, **kwargs))
