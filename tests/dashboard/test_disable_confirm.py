"""Disabling a user or a channel asks first (the dashboard's confirmation dialog)."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.testclient import TestClient

from copydesk import accounts
from copydesk.models import Site
from copydesk.notify import channels
from tests.dashboard.conftest import ADMIN, EDITOR, login, write


def test_disable_buttons_carry_a_confirmation(app: Starlette, client: TestClient,
                                              site: Site,
                                              users: dict[str, accounts.User]) -> None:
    write(app, lambda c: channels.create(c, site.id, "webhook",
                                         {"url": "https://x.example", "secret": "s"}))
    login(client, ADMIN)
    people = client.get("/admin/users").text
    assert f'data-confirm="Disable {EDITOR}? They are signed out' in people
    hooks = client.get(f"/admin/sites/{site.id}/channels").text
    assert 'data-confirm="Disable this channel? Nothing is sent' in hooks
