"""``copydesk demo``: serve copydesk with a demo site and a sample article."""

from __future__ import annotations

import click
import uvicorn

from copydesk import accounts, logs
from copydesk import demo as demo_site
from copydesk.cli.common import open_context
from copydesk.settings import Settings


def demo_urls(settings: Settings) -> dict[str, str]:
    """Where the demo is reachable for a browser on this machine."""
    host = settings.host
    if host in {"0.0.0.0", "::"}:  # noqa: S104 - a wildcard bind: show a loopback URL
        host = "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    base = f"http://{host}:{settings.port}"
    return {"base": base, "article": base + demo_site.ARTICLE_PATH}


@click.command()
@click.option("--host", default=None, help="Bind address [COPYDESK_HOST, 127.0.0.1].")
@click.option("--port", type=int, default=None, help="Port [COPYDESK_PORT, 8000].")
def demo(host: str | None, port: int | None) -> None:
    """Serve copydesk with a demo site and a sample article to report errors in.

    The demo article is served by copydesk itself on a loopback address, so the demo
    allows fetches to private addresses (COPYDESK_ALLOW_PRIVATE_TARGETS) for the
    proofreader to read it; a real deployment keeps that off.
    """
    with open_context(migrating=True, host=host, port=port,
                      allow_private_targets=True) as ctx:
        settings = ctx.settings
        origins = demo_site.local_origins(settings.host, settings.port, settings.public_url)
        site = demo_site.ensure_demo_site(ctx.db, origins)
        email, password = accounts.ensure_demo_user(ctx.db)
        if not settings.secret_key:
            settings = settings.replace(secret_key=ctx.secret)
        urls = demo_urls(settings)
        demo_site.ensure_demo_correction(ctx.db, site, urls["article"])
    click.echo(f"copydesk demo on {urls['base']}")
    click.echo(f"  article: {urls['article']}")
    click.echo("  select a mistake in the article and press Ctrl+Enter (Cmd+Enter on a Mac)")
    click.echo(f"  dashboard: {urls['base']}/login  (user {email}, password {password})")
    click.echo(f"  corrections: {urls['base']}/c/{demo_site.DEMO_KEY}/corrections  (a published "
               "correction: also at the foot of the article)")
    logs.configure(settings.log_level, settings.log_format)
    uvicorn.run(
        demo_site.create_demo_app(settings),
        host=settings.host,
        port=settings.port,
        proxy_headers=False,
        server_header=False,
        log_level=settings.log_level.lower(),
        access_log=False,
    )
