"""A service's background task: one per event loop, each with the event that stops it.

The services beside the web app (the dispatcher, readers' e-mail, retention, the feed
poller) each run one loop, ``run(stop)``, until ``stop`` is set.  A process normally has
one event loop; the tests start and stop apps on several, so a task is kept per loop and
``stop`` stops the one of the calling loop.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Coroutine
from typing import Any


class LoopTasks:
    def __init__(self, name: str) -> None:
        self.name = name
        self._runs: dict[asyncio.AbstractEventLoop, tuple[asyncio.Event, asyncio.Task[None]]]
        self._runs = {}

    def start(self, run: Callable[[asyncio.Event], Coroutine[Any, Any, None]]) -> None:
        """Start ``run(stop)`` on the running loop."""
        loop = asyncio.get_running_loop()
        stop = asyncio.Event()
        self._runs[loop] = (stop, loop.create_task(run(stop), name=self.name))

    async def stop(self) -> None:
        """Set the running loop's task's stop event and wait for the task to end."""
        stop, task = self._runs.pop(asyncio.get_running_loop(), (None, None))
        if stop is not None and task is not None:
            stop.set()
            with contextlib.suppress(asyncio.CancelledError):
                await task
