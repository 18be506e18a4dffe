"""Triage domain functions: transitions, audit log, outbox, access rules, bulk."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select
from starlette.applications import Starlette

from copydesk import accounts, triage
from copydesk.models import EventType, ReportStatus, Site
from copydesk.storage import schema
from tests.dashboard.conftest import read, write


@pytest.fixture
def channel(app: Starlette, site: Site) -> int:
    return write(app, lambda c: c.execute(schema.channels.insert().values(  # type: ignore[no-any-return]
        site_id=site.id, kind="webhook", config={"url": "https://hooks.example/x"},
        enabled=True, created_at=datetime.now(UTC),
    ).returning(schema.channels.c.id)).scalar_one())


def _outbox(app: Starlette) -> list[dict[str, Any]]:
    return read(app, lambda c: [dict(r) for r in c.execute(
        select(schema.outbox).where(
            schema.outbox.c.event_type == EventType.REPORT_STATUS_CHANGED.value)
    ).mappings()])


def _audit(app: Starlette, group_id: int) -> list[dict[str, Any]]:
    return read(app, lambda c: [dict(r) for r in c.execute(
        select(schema.audit_log).where(schema.audit_log.c.group_id == group_id)
        .order_by(schema.audit_log.c.id)).mappings()])


def test_status_change_audits_and_notifies(
    app: Starlette, users: dict[str, accounts.User], report: Callable[..., int], channel: int
) -> None:
    gid = report(suggestion="into")
    actor = triage.Actor.of(users["editor"])
    write(app, lambda c: triage.change_status(c, actor, gid, ReportStatus.ACCEPTED,
                                              note="good catch", public_url="https://cd.example"))
    [event] = _outbox(app)
    payload = event["payload"]
    assert payload["from"] == "new"
    assert payload["to"] == "accepted"
    assert payload["note"] == "good catch"
    assert payload["actor"] == users["editor"].email
    assert payload["group"]["id"] == gid
    assert payload["group"]["dashboard_url"] == f"https://cd.example/groups/{gid}"
    [entry] = _audit(app, gid)
    assert (entry["action"], entry["from_value"], entry["to_value"], entry["note"]) == (
        "status", "new", "accepted", "good catch")
    assert entry["user_id"] == users["editor"].id
    write(app, lambda c: triage.change_status(c, actor, gid, ReportStatus.FIXED))
    write(app, lambda c: triage.reopen(c, actor, gid, note="still wrong"))
    actions = [(e["action"], e["to_value"]) for e in _audit(app, gid)]
    assert actions == [("status", "accepted"), ("status", "fixed"), ("reopen", "new")]
    assert len(_outbox(app)) == 3


def test_bad_transition_changes_nothing(
    app: Starlette, users: dict[str, accounts.User], report: Callable[..., int], channel: int
) -> None:
    gid = report()
    actor = triage.Actor.of(users["admin"])
    write(app, lambda c: triage.change_status(c, actor, gid, ReportStatus.REJECTED))
    with pytest.raises(triage.TriageError):
        write(app, lambda c: triage.change_status(c, actor, gid, ReportStatus.FIXED))
    assert len(_audit(app, gid)) == 1
    assert len(_outbox(app)) == 1


def test_editor_cannot_touch_another_sites_group(
    app: Starlette, users: dict[str, accounts.User], report: Callable[..., int]
) -> None:
    gid = report()
    other = triage.Actor.of(users["other"])
    with pytest.raises(triage.NotFound):
        write(app, lambda c: triage.change_status(c, other, gid, ReportStatus.SPAM))
    with pytest.raises(triage.NotFound):
        write(app, lambda c: triage.assign(c, other, gid, users["other"].id))
    assert read(app, lambda c: triage.get_group(c, triage.CLI, gid)).status is ReportStatus.NEW


def test_duplicate_of_another_group(
    app: Starlette, users: dict[str, accounts.User], report: Callable[..., int]
) -> None:
    first = report()
    second = report(exact="army", prefix="drafted into to the ", suffix=" in May.",
                    url="https://news.example/2026/11/other")
    actor = triage.Actor.of(users["editor"])
    with pytest.raises(triage.TriageError):
        write(app, lambda c: triage.change_status(c, actor, second, ReportStatus.DUPLICATE))
    with pytest.raises(triage.TriageError):
        write(app, lambda c: triage.change_status(c, actor, second, ReportStatus.DUPLICATE,
                                                  duplicate_of=second))
    write(app, lambda c: triage.change_status(c, actor, second, ReportStatus.DUPLICATE,
                                              duplicate_of=first))
    dup = read(app, lambda c: c.execute(select(schema.report_groups.c.duplicate_of_id).where(
        schema.report_groups.c.id == second)).scalar_one())
    assert dup == first


def test_assign_only_to_editors_of_the_site(
    app: Starlette, users: dict[str, accounts.User], report: Callable[..., int]
) -> None:
    gid = report()
    actor = triage.Actor.of(users["admin"])
    with pytest.raises(triage.TriageError):
        write(app, lambda c: triage.assign(c, actor, gid, users["other"].id))
    write(app, lambda c: triage.assign(c, actor, gid, users["editor"].id))
    assert read(app, lambda c: triage.get_group(c, actor, gid)).assignee_id == users["editor"].id
    assert _audit(app, gid)[-1]["to_value"] == users["editor"].email


def test_bulk_changes_what_it_may(
    app: Starlette, users: dict[str, accounts.User], report: Callable[..., int],
    other_site: Site, channel: int,
) -> None:
    a = report()
    b = report(exact="army", prefix="into to the ", suffix=" in May.",
               url="https://news.example/b")
    result = write(app, lambda c: triage.bulk_status(
        c, triage.Actor.of(users["editor"]), [a, b, 99999, a], ReportStatus.SPAM))
    assert result.changed == [a, b]
    assert result.failed == {99999: "not found"}
    assert len(_outbox(app)) == 2
