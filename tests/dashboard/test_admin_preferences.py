"""Each editor's own notifications: saved per site, carried by an e-mail channel to the
editor, and which events each channel takes (preferences.channels_for)."""

from __future__ import annotations

from sqlalchemy import select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from copydesk import accounts, preferences
from copydesk.models import EventType, Site
from copydesk.notify import channels
from copydesk.storage import schema
from tests.dashboard.conftest import ADMIN, EDITOR, login, read, write


def _save(client: TestClient, csrf: str, site: Site, **fields: object) -> str:
    response = client.post("/account/notifications",
                           data={"csrf_token": csrf, "site_id": str(site.id), **fields})
    assert response.status_code == 200
    return response.text


def test_saved_per_site_and_carried_by_an_email_channel(
        app: Starlette, client: TestClient, site: Site, other_site: Site,
        users: dict[str, accounts.User]) -> None:
    csrf = login(client, EDITOR)
    page = client.get("/account/notifications").text
    assert site.name in page and other_site.name not in page
    assert client.post("/account/notifications", data={
        "site_id": str(site.id), "on": "yes"}).status_code == 403
    _save(client, csrf, site, on="yes", mode="immediate",
          event=["report.created", "group.fix_detected"])
    editor = users["editor"]
    saved = read(app, lambda c: preferences.of_user(c, editor.id))[site.id]
    assert saved.events == {"report.created", "group.fix_detected"} and not saved.digest
    kind, config, site_id = read(app, lambda c: channels.load(c, saved.channel_id))
    assert (kind, config, site_id) == ("email", {"to": EDITOR, "digest": False}, site.id)

    _save(client, csrf, site, on="yes", mode="digest")
    again = read(app, lambda c: preferences.of_user(c, editor.id))[site.id]
    assert again.channel_id == saved.channel_id and again.digest
    assert read(app, lambda c: channels.load(c, saved.channel_id))[1]["digest"] is True

    refused = _save(client, csrf, other_site, on="yes", mode="digest")
    assert "No such site" in refused
    assert other_site.id not in read(app, lambda c: preferences.of_user(c, editor.id))

    _save(client, csrf, site)  # "e-mail me" unticked
    assert read(app, lambda c: preferences.of_user(c, editor.id)) == {}
    assert read(app, lambda c: channels.listing(c)) == []


def test_which_events_each_channel_takes(app: Starlette, client: TestClient, site: Site,
                                         users: dict[str, accounts.User]) -> None:
    editor = users["editor"]
    shared = write(app, lambda c: channels.create(c, site.id, "webhook",
                                                  {"url": "https://x.example", "secret": "s"}))
    mine = write(app, lambda c: preferences.save(
        c, editor, site.id, on=True, events=["report.status_changed"], digest=False))
    ids = [shared, mine.channel_id]

    def takes(event: EventType) -> list[int]:
        return read(app, lambda c: preferences.channels_for(c, ids, event.value))  # type: ignore[no-any-return]

    assert takes(EventType.REPORT_STATUS_CHANGED) == ids
    assert takes(EventType.REPORT_CREATED) == [shared]
    assert takes(EventType.DIGEST) == [shared]
    assert takes(EventType.TEST) == ids
    write(app, lambda c: preferences.save(c, editor, site.id, on=True, events=[],
                                          digest=True))
    assert takes(EventType.REPORT_STATUS_CHANGED) == [shared]
    assert takes(EventType.DIGEST) == ids
    # an editor taken off the site, or disabled, gets nothing
    write(app, lambda c: accounts.set_sites(c, editor.id, []))
    assert takes(EventType.DIGEST) == [shared]
    write(app, lambda c: accounts.set_sites(c, editor.id, [site.id]))
    write(app, lambda c: accounts.set_disabled(c, EDITOR))
    assert takes(EventType.DIGEST) == [shared]


def test_admins_see_the_editors_channel_and_text_is_escaped(
        app: Starlette, client: TestClient, site: Site, users: dict[str, accounts.User]
) -> None:
    editor = users["editor"]
    write(app, lambda c: preferences.save(c, editor, site.id, on=True,
                                          events=["report.created"], digest=False))
    csrf = login(client, EDITOR)
    bad = client.post("/account/notifications", data={
        "csrf_token": csrf, "site_id": str(site.id), "on": "yes", "event": "<script>x"})
    assert "Unknown event" in bad.text and "<script>x" not in bad.text
    p = schema.notification_preferences
    events = read(app, lambda c: c.execute(select(p.c.events)).scalar())
    assert events == ["report.created"]
    admin = TestClient(app)
    login(admin, ADMIN)
    assert f"own e-mail of {EDITOR}" in admin.get(f"/admin/sites/{site.id}/channels").text


def test_the_outbox_queues_for_an_editors_channel_only_the_events_they_chose(
        app: Starlette, site: Site, users: dict[str, accounts.User]) -> None:
    from copydesk.notify import outbox

    editor = users["editor"]
    shared = write(app, lambda c: channels.create(c, site.id, "webhook",
                                                  {"url": "https://x.example", "secret": "s"}))
    mine = write(app, lambda c: preferences.save(
        c, editor, site.id, on=True, events=["report.status_changed"], digest=False))
    data = {"group": {"id": 1}}
    created = write(app, lambda c: outbox.enqueue(c, site.id, EventType.REPORT_CREATED, data))
    changed = write(app, lambda c: outbox.enqueue(
        c, site.id, EventType.REPORT_STATUS_CHANGED, data))
    o = schema.outbox

    def queued_for(ids: list[int]) -> list[int]:
        return sorted(read(app, lambda c: list(c.execute(
            select(o.c.channel_id).where(o.c.id.in_(ids))).scalars())))

    assert queued_for(created) == [shared]
    assert queued_for(changed) == sorted([shared, mine.channel_id])
