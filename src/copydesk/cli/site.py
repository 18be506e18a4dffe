"""``copydesk site``: register sites and list them."""

from __future__ import annotations

import click
import orjson

from copydesk import sites
from copydesk.cli.common import open_context


@click.group()
def site() -> None:
    """Sites that may send reports."""


@site.command("add")
@click.argument("name")
@click.option("--origin", "origins", multiple=True, required=True,
              help="Allowed origin, e.g. https://news.example (repeatable; "
              "https://*.news.example allows subdomains).")
@click.option("--key", default=None, help="Use this public key instead of a random one.")
@click.option("--variant", default=None,
              help="English variant its articles are proofread in: en-US, en-GB, en-AU or "
              "en-CA (default: the page's lang, else what the text shows).")
def add(name: str, origins: tuple[str, ...], key: str | None, variant: str | None) -> None:
    """Register a site; prints its public key for the widget's data-site."""
    with open_context() as ctx:
        try:
            created = ctx.db.write_sync(
                lambda conn: sites.create(conn, name, list(origins), key, variant)
            )
        except sites.SiteError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(created.key)


@site.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def list_(as_json: bool) -> None:
    """List sites with their keys and origins."""
    with open_context() as ctx:
        found = ctx.db.read_sync(sites.all_sites)
    if as_json:
        click.echo(orjson.dumps([
            {"key": s.key, "name": s.name, "origins": list(s.origins)} for s in found
        ]).decode())
        return
    for s in found:
        click.echo(f"{s.key}\t{s.name}\t{' '.join(s.origins)}")


@site.command("variant")
@click.argument("key")
@click.argument("variant", required=False)
def variant_(key: str, variant: str | None) -> None:
    """Show or set the English variant a site's articles are proofread in.

    VARIANT is en-US, en-GB, en-AU or en-CA, or auto: the page's lang, else what the
    text shows. Without VARIANT, prints the site's.
    """
    with open_context() as ctx:
        try:
            if variant is None:
                site = ctx.db.read_sync(lambda conn: sites.require(conn, key))
                chosen = ctx.db.read_sync(lambda conn: sites.english_variant(conn, site.id))
                click.echo(chosen or "auto")
                return
            ctx.db.write_sync(lambda conn: sites.set_english_variant(conn, key, variant))
        except sites.SiteError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"{key}\t{variant}")
