"""``copydesk channel``: where a site's notifications go."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import click
from sqlalchemy import Connection

from copydesk import sites
from copydesk.cli.common import open_context
from copydesk.net import http_client
from copydesk.notify import channels, registry
from copydesk.notify.channel import DeliveryError, Runtime
from copydesk.notify.kind import ChannelError, Option
from copydesk.notify.logfilter import redact_http_logs
from copydesk.notify.pacing import Pacer
from copydesk.settings import Settings


@click.group()
def channel() -> None:
    """Notification channels: email, Telegram, webhooks, Slack, Discord."""


def kind_options(command: Callable[..., None]) -> Callable[..., None]:
    """A flag for each option of each kind (one flag per name: ``--url`` serves three)."""
    merged: dict[str, tuple[Option, list[str]]] = {}
    for kind in registry.KINDS.values():
        for option in kind.options:
            merged.setdefault(option.name, (option, []))[1].append(kind.name)
    for option, kinds in reversed(merged.values()):
        command = click.option(
            option.flag, option.name, is_flag=option.switch, default=None if not option.switch
            else False, help=f"{', '.join(kinds)}: {option.help}",
        )(command)
    return command


@channel.command("add")
@click.argument("site_key")
@click.argument("kind", type=click.Choice(sorted(registry.KINDS)))
@kind_options
def add(site_key: str, kind: str, **values: object) -> None:
    """Add a channel to the site SITE_KEY; prints its id (and a webhook's secret, once).

    Each kind takes its own options: copydesk channel kinds lists them.
    """
    found = registry.get(kind)
    with open_context() as ctx:
        try:
            config = found.config(values, ctx.settings.allow_private_targets)
        except ChannelError as exc:
            raise click.ClickException(str(exc)) from None

        def run(conn: Connection) -> int:
            site = sites.by_key(conn, site_key)
            if site is None:
                raise click.ClickException(f"no site with key {site_key!r}")
            return channels.create(conn, site.id, kind, config)

        channel_id = ctx.db.write_sync(run)
    click.echo(f"channel {channel_id} added: {kind} {found.describe(config)}")
    for line in found.shown_once(config):
        click.echo(line)


@channel.command("kinds")
def kinds() -> None:
    """Each kind of channel and its options."""
    for kind in registry.KINDS.values():
        click.echo(f"{kind.name}\t{kind.summary}")
        for option in kind.options:
            need = " (required)" if option.required else ""
            click.echo(f"  {option.flag}{need}\t{option.help}")


@channel.command("list")
@click.argument("site_key", required=False)
def list_(site_key: str | None) -> None:
    """One line per channel: id, site, kind, state, target (secrets masked)."""
    with open_context() as ctx:
        rows = ctx.db.read_sync(lambda conn: channels.listing(conn, site_key))
    for row in rows:
        state = "enabled" if row["enabled"] else f"disabled ({row['disabled_reason']})"
        click.echo(f"{row['id']}\t{row['site']}\t{row['kind']}\t{state}\t{row['target']}")


@channel.command("remove")
@click.argument("channel_id", type=int)
def remove(channel_id: int) -> None:
    """Delete a channel and its queued notifications."""
    with open_context() as ctx:
        if not ctx.db.write_sync(lambda conn: channels.remove(conn, channel_id)):
            raise click.ClickException(f"no channel {channel_id}")
    click.echo(f"channel {channel_id} removed")


async def _send_test(settings: Settings, kind: str, config: dict[str, object],
                     site_key: str, site_name: str) -> None:
    redact_http_logs()
    async with http_client(settings.allow_private_targets) as http:
        runtime = Runtime(settings, http, Pacer())
        event = channels.sample_event(site_key, site_name, settings.public_url)
        await registry.get(kind).channel(config, runtime).send(event)


@channel.command("test")
@click.argument("channel_id", type=int)
def test(channel_id: int) -> None:
    """Send a test message through the channel now (not through the outbox)."""
    with open_context() as ctx:
        found = ctx.db.read_sync(lambda conn: channels.load(conn, channel_id))
        if found is None:
            raise click.ClickException(f"no channel {channel_id}")
        kind, config, site_id = found
        site = ctx.db.read_sync(lambda conn: sites.by_id(conn, site_id))
        assert site is not None
        try:
            asyncio.run(_send_test(ctx.settings, kind, config, site.key, site.name))
        except DeliveryError as exc:
            raise click.ClickException(f"test message not delivered: {exc}") from None
    click.echo(f"test message sent through channel {channel_id}")
