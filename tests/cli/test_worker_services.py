"""``copydesk worker`` runs what serve runs beside its dispatcher: readers' e-mail and
retention, so COPYDESK_DISPATCHER=false on serve loses neither."""

from __future__ import annotations

import asyncio
import importlib
from typing import Any

import pytest

from copydesk.notify.dispatcher import Dispatcher, Tuning
from copydesk.readers.sender import ReaderMailSender
from copydesk.retention import Retention
from copydesk.settings import Settings

# The module, not the click group of the same name that copydesk.cli exports.
worker_cli = importlib.import_module("copydesk.cli.outbox")


def test_the_worker_starts_and_stops_every_service(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[str, str]] = []

    def recorder(cls: type) -> None:
        async def start(self: Any) -> None:
            seen.append(("start", cls.__name__))

        async def stop(self: Any) -> None:
            seen.append(("stop", cls.__name__))

        monkeypatch.setattr(cls, "start", start)
        monkeypatch.setattr(cls, "stop", stop)

    for cls in (Dispatcher, ReaderMailSender, Retention):
        recorder(cls)

    class Ctx:
        settings = Settings(database_url="sqlite:///unused.db")
        db = None
        secret = "k"

    async def run() -> None:
        task = asyncio.ensure_future(worker_cli._run(Ctx(), Tuning()))  # type: ignore[arg-type]
        while len(seen) < 3:
            await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(run())
    assert seen[:3] == [("start", "Dispatcher"), ("start", "ReaderMailSender"),
                        ("start", "Retention")]
