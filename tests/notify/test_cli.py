"""``copydesk channel`` and the SSRF check when a channel is added."""

from __future__ import annotations

import json
import re
import time

import pytest
from click.testing import CliRunner

from copydesk import net
from copydesk.cli import main
from tests.notify.receivers import Receiver, Reply, Request
from tests.notify.test_telegram import TOKEN, BotAPI
from tests.notify.test_webhook import verify


@pytest.fixture
def env(db_url: str) -> dict[str, str]:
    variables = {"COPYDESK_DATABASE_URL": db_url, "COPYDESK_SECRET_KEY": "k"}
    result = CliRunner().invoke(main, ["site", "add", "Daily", "--origin",
                                       "https://news.example", "--key", "daily"], env=variables)
    assert result.exit_code == 0, result.output
    return variables


def run(env: dict[str, str], *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.output


@pytest.mark.parametrize("url", ["http://127.0.0.1:8080/hook", "http://10.0.0.1/hook",
                                 "http://[::1]/hook", "http://169.254.169.254/latest",
                                 "http://[::ffff:127.0.0.1]/x", "http://localhost/x",
                                 "file:///etc/passwd"])
def test_private_targets_refused_by_default(env: dict[str, str], url: str) -> None:
    code, output = run(env, "channel", "add", "daily", "webhook", "--url", url)
    assert code != 0
    assert "refused URL" in output
    assert run(env, "channel", "list")[1] == ""


def test_address_rules() -> None:
    from ipaddress import ip_address

    assert net.address_allowed(ip_address("93.184.215.14"), False)
    for private in ["127.0.0.1", "10.1.2.3", "192.168.0.1", "100.64.0.1", "fe80::1",
                    "::ffff:10.0.0.1", "0.0.0.0", "224.0.0.1", "fc00::1"]:
        assert not net.address_allowed(ip_address(private), False), private
        assert net.address_allowed(ip_address(private), True)


def test_webhook_channel_lifecycle(env: dict[str, str]) -> None:
    env = {**env, "COPYDESK_ALLOW_PRIVATE_TARGETS": "true"}
    secrets: list[str] = []

    def handle(request: Request) -> Reply:
        good = verify(secrets[0], request.headers, request.body, time.time())
        return (200 if good else 401), {}, b""

    with Receiver(handle) as receiver:
        code, output = run(env, "channel", "add", "daily", "webhook",
                           "--url", receiver.url + "/secret-path-token")
        assert code == 0, output
        match = re.search(r"(whsec_[A-Za-z0-9+/=]+)", output)
        assert match
        secrets.append(match.group(1))
        channel_id = re.search(r"channel (\d+) added", output).group(1)  # type: ignore[union-attr]

        code, listing = run(env, "channel", "list", "daily")
        assert code == 0
        assert listing.startswith(f"{channel_id}\tdaily\twebhook\tenabled\t")
        assert secrets[0] not in listing
        assert "secret-path-token" not in listing

        code, output = run(env, "channel", "test", channel_id)
        assert code == 0, output
        [request] = receiver.received()
        assert json.loads(request.body)["type"] == "test"

    code, output = run(env, "channel", "remove", channel_id)
    assert code == 0
    assert run(env, "channel", "list")[1] == ""
    assert run(env, "channel", "remove", channel_id)[0] != 0


def test_telegram_channel_masks_token_and_tests(env: dict[str, str]) -> None:
    env = {**env, "COPYDESK_ALLOW_PRIVATE_TARGETS": "true"}
    with Receiver(BotAPI(limited=0)) as api:
        code, output = run(env, "channel", "add", "daily", "telegram", "--token", TOKEN,
                           "--chat", "-1001234", "--api-url", api.url)
        assert code == 0, output
        assert TOKEN not in output
        code, listing = run(env, "channel", "list")
        assert "chat -1001234" in listing
        assert TOKEN.split(":")[1] not in listing
        code, output = run(env, "channel", "test", "1")
        assert code == 0, output
        assert len(api.received()) == 1


def test_channel_add_validates_options(env: dict[str, str]) -> None:
    assert "need --to" in run(env, "channel", "add", "daily", "email")[1]
    assert "not an email" in run(env, "channel", "add", "daily", "email", "--to", "x")[1]
    assert "bot token" in run(env, "channel", "add", "daily", "telegram", "--token", "nope",
                              "--chat", "1")[1]
    assert "no site" in run(env, "channel", "add", "nosuch", "email", "--to", "a@b.example")[1]
    code, output = run(env, "channel", "add", "daily", "email", "--to", "desk@news.example",
                       "--digest")
    assert code == 0, output
    assert "to desk@news.example (+daily digest)" in run(env, "channel", "list")[1]
