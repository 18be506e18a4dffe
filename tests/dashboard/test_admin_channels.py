"""Admin, channels: add from the kind's options (errors by field, form kept), secrets
shown once, test message, enable/disable, webhook secret rotation, removal."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from copydesk import accounts, webhook_secrets
from copydesk.models import Site
from copydesk.notify import channels
from copydesk.settings import Settings
from copydesk.storage import schema
from tests.dashboard.conftest import ADMIN, EDITOR, login, read
from tests.notify.receivers import Receiver


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.replace(allow_private_targets=True)  # the receivers are on 127.0.0.1


def _add(client: TestClient, site: Site, csrf: str, **fields: str) -> str:
    response = client.post(f"/admin/sites/{site.id}/channels",
                           data={"csrf_token": csrf, **fields})
    return response.text


def _only_channel(app: Starlette) -> tuple[int, dict[str, object]]:
    c = schema.channels
    rows = read(app, lambda conn: conn.execute(select(c.c.id, c.c.config)).all())
    assert len(rows) == 1
    return int(rows[0].id), dict(rows[0].config)


def _verifies(secret: str, header: str, msg_id: str, stamp: str, body: bytes) -> bool:
    key = base64.b64decode(secret.removeprefix("whsec_"))
    expected = base64.b64encode(hmac.new(key, f"{msg_id}.{stamp}.".encode() + body,
                                         hashlib.sha256).digest()).decode()
    return any(part == "v1," + expected for part in header.split())


def test_form_fields_come_from_the_kind_and_errors_keep_the_form(
        app: Starlette, client: TestClient, site: Site, users: dict[str, accounts.User]
) -> None:
    csrf = login(client, ADMIN)
    page = client.get(f"/admin/sites/{site.id}/channels?kind=telegram").text
    assert 'name="token"' in page and 'name="chat"' in page and 'name="api_url"' in page
    assert 'type="password" name="token"' in page
    text = _add(client, site, csrf, kind="telegram", token="not-a-token",
                chat="<b>@chan</b>")
    assert 'id="error-token"' in text and 'id="error-chat"' in text
    assert 'value="&lt;b&gt;@chan&lt;/b&gt;"' in text and "<b>@chan" not in text
    assert read(app, lambda c: channels.listing(c)) == []
    assert client.post(f"/admin/sites/{site.id}/channels",
                       data={"kind": "email", "to": "ed@news.example"}).status_code == 403


def test_webhook_secret_is_shown_once_and_a_test_is_signed(
        app: Starlette, client: TestClient, site: Site, users: dict[str, accounts.User]
) -> None:
    csrf = login(client, ADMIN)
    with Receiver() as receiver:
        text = _add(client, site, csrf, kind="webhook", url=receiver.url + "/hook")
        channel_id, config = _only_channel(app)
        secret = str(config["secret"])
        assert secret in text
        listing = client.get(f"/admin/sites/{site.id}/channels").text
        assert secret not in listing and "/hook" not in listing
        sent = client.post(f"/admin/channels/{channel_id}",
                           data={"csrf_token": csrf, "action": "test"})
        assert "Test message sent" in sent.text
        request = receiver.received()[0]
        assert _verifies(secret, request.headers["webhook-signature"],
                         request.headers["webhook-id"], request.headers["webhook-timestamp"],
                         request.body)
    al = schema.audit_log
    actions = read(app, lambda c: c.execute(select(al.c.action)).scalars().all())
    assert actions == ["channel.add", "channel.test"]


def test_a_failed_test_says_so(app: Starlette, client: TestClient, site: Site,
                               users: dict[str, accounts.User]) -> None:
    csrf = login(client, ADMIN)
    with Receiver(handler=lambda r: (500, {}, b"no")) as receiver:
        _add(client, site, csrf, kind="webhook", url=receiver.url)
        channel_id, _ = _only_channel(app)
        sent = client.post(f"/admin/channels/{channel_id}",
                           data={"csrf_token": csrf, "action": "test"})
    assert "not delivered" in sent.text


def test_enable_disable_and_remove_with_confirmation(
        app: Starlette, client: TestClient, site: Site, users: dict[str, accounts.User]
) -> None:
    csrf = login(client, ADMIN)
    _add(client, site, csrf, kind="email", to="desk@news.example", digest="on")
    channel_id, config = _only_channel(app)
    assert config == {"to": "desk@news.example", "digest": True}
    client.post(f"/admin/channels/{channel_id}", data={"csrf_token": csrf, "action": "disable"})
    assert read(app, lambda c: channels.listing(c))[0]["enabled"] is False
    client.post(f"/admin/channels/{channel_id}", data={"csrf_token": csrf, "action": "enable"})
    assert read(app, lambda c: channels.listing(c))[0]["enabled"] is True
    client.post(f"/admin/channels/{channel_id}", data={"csrf_token": csrf, "action": "remove"})
    assert len(read(app, lambda c: channels.listing(c))) == 1  # not confirmed
    client.post(f"/admin/channels/{channel_id}",
                data={"csrf_token": csrf, "action": "remove", "confirm": "yes"})
    assert read(app, lambda c: channels.listing(c)) == []


def test_editors_cannot_touch_channels(app: Starlette, client: TestClient, site: Site,
                                       users: dict[str, accounts.User]) -> None:
    channel_id = app.state.ctx.db.write_sync(lambda c: channels.create(
        c, site.id, "email", {"to": "desk@news.example"}))
    csrf = login(client, EDITOR)
    response = client.post(f"/admin/channels/{channel_id}",
                           data={"csrf_token": csrf, "action": "remove", "confirm": "yes"})
    assert response.status_code == 403
    assert len(read(app, lambda c: channels.listing(c))) == 1


def test_secret_rotation_signs_with_both_through_the_overlap(
        app: Starlette, client: TestClient, site: Site, users: dict[str, accounts.User]
) -> None:
    csrf = login(client, ADMIN)
    _add(client, site, csrf, kind="webhook", url="http://127.0.0.1:9/in")
    channel_id, config = _only_channel(app)
    old = str(config["secret"])
    rotated = client.post(f"/admin/channels/{channel_id}",
                          data={"csrf_token": csrf, "action": "rotate", "hours": "2"})
    _, config = _only_channel(app)
    new = str(config["secret"])
    assert new != old and new in rotated.text and old not in rotated.text
    assert new not in client.get(f"/admin/sites/{site.id}/channels").text
    body, stamp = b'{"x":1}', 1700000000
    header = webhook_secrets.signature_header(config, "msg_1", stamp, body)
    assert _verifies(new, header, "msg_1", str(stamp), body)
    assert _verifies(old, header, "msg_1", str(stamp), body)
    later = datetime.now(UTC) + timedelta(hours=2, seconds=1)
    after = webhook_secrets.signature_header(config, "msg_1", stamp, body, now=later)
    assert _verifies(new, after, "msg_1", str(stamp), body)
    assert not _verifies(old, after, "msg_1", str(stamp), body)
    assert re.fullmatch(r"v1,\S+", after)
