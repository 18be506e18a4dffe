"""``copydesk feeds``: a site's RSS/Atom feeds and sitemaps, polled for new articles;
and ``copydesk articles silent-edits``, registered on the ``articles`` group."""

from __future__ import annotations

from datetime import UTC, datetime

import click
import orjson
from sqlalchemy import Connection

from copydesk import sites
from copydesk.cli.common import open_context
from copydesk.proofread.fetch import FetchError, fetch
from copydesk.settings import Settings
from copydesk.urls import origin_allowed
from copydesk.versions import edits, entries
from copydesk.versions import feeds as feeds_mod
from copydesk.versions.entries import FormatError, Kind
from copydesk.versions.poller import FeedPoller, Tuning


@click.group()
def feeds() -> None:
    """A site's feeds and sitemaps: new articles in them are versioned from publication."""


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "-"


def _detect(settings: Settings, site_origins: tuple[str, ...], url: str) -> Kind:
    """Fetch the feed once to see what it is."""
    tuning = Tuning()
    try:
        page = fetch(url, allow_private=settings.allow_private_targets,
                     timeout=tuning.timeout, max_bytes=tuning.max_bytes,
                     allow_url=lambda u: origin_allowed(u, site_origins))
        return entries.detect(page.body, max_bytes=tuning.max_bytes)
    except (FetchError, FormatError) as exc:
        raise click.ClickException(
            f"cannot tell what {url} is ({exc.reason}: {exc}); give --kind") from None


@feeds.command("add")
@click.argument("site_key")
@click.argument("url")
@click.option("--kind", type=click.Choice([k.value for k in Kind]),
              help="rss, atom or sitemap (default: fetch the URL and see).")
def add(site_key: str, url: str, kind: str | None) -> None:
    """Add the feed or sitemap URL (on one of the site's origins) to SITE_KEY."""
    with open_context() as ctx:
        try:
            site = ctx.db.read_sync(lambda conn: sites.require(conn, site_key))
            cleaned = feeds_mod.feed_url(site, url)
        except (sites.SiteError, feeds_mod.FeedError) as exc:
            raise click.ClickException(str(exc)) from None
        found = Kind(kind) if kind else _detect(ctx.settings, site.origins, cleaned)
        try:
            feed = ctx.db.write_sync(
                lambda conn: feeds_mod.add(conn, site, cleaned, found, datetime.now(UTC)))
        except feeds_mod.FeedError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"feed {feed.id} added: {feed.kind} {feed.url}")


@feeds.command("list")
@click.argument("site_key", required=False)
def list_(site_key: str | None) -> None:
    """One line per feed: id, site, kind, next poll, state (ok or the last error), URL."""
    def run(conn: Connection) -> list[feeds_mod.Feed]:
        site_id = None if site_key is None else sites.require(conn, site_key).id
        return feeds_mod.list_feeds(conn, site_id)

    with open_context() as ctx:
        try:
            found = ctx.db.read_sync(run)
        except sites.SiteError as exc:
            raise click.ClickException(str(exc)) from None
    for feed in found:
        state = "ok" if not feed.last_error else " ".join(feed.last_error.split())[:120]
        if feed.failures:
            state = f"failing ({feed.failures}): {state}"
        click.echo(f"{feed.id}\t{feed.site_key}\t{feed.kind}\t{_when(feed.next_fetch_at)}\t"
                   f"{state}\t{feed.url}")


@feeds.command("remove")
@click.argument("feed_id", type=int)
def remove(feed_id: int) -> None:
    """Remove a feed (the articles found in it stay tracked)."""
    with open_context() as ctx:
        removed = ctx.db.write_sync(lambda conn: feeds_mod.remove(conn, feed_id))
    if not removed:
        raise click.ClickException(f"no feed {feed_id}")
    click.echo(f"feed {feed_id} removed")


@feeds.command("poll")
def poll() -> None:
    """Poll every feed that is due now, printing what each poll found."""
    with open_context() as ctx:
        results = FeedPoller(ctx.settings, ctx.db).poll_due()
    if not results:
        click.echo("no feed is due")
    for result in results:
        if result.lost:
            outcome = "another poller took it over; nothing stored"
        elif result.error is not None:
            outcome = f"failed: {result.error}"
        elif result.not_modified:
            outcome = "not modified"
        else:
            outcome = (f"{result.found} links, {len(result.created)} new, "
                       f"{result.off_origin} off the site's origins")
        click.echo(f"feed {result.feed_id} {result.url}: {outcome}")
        for url in result.created:
            click.echo(f"  new: {url}")
        for problem in result.problems:
            click.echo(f"  problem: {problem}")


@click.command("silent-edits")
@click.argument("site_key")
@click.option("--since", type=click.DateTime(), help="Only edits fetched since (UTC).")
@click.option("--limit", type=click.IntRange(1, 10_000), default=100, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def silent_edits(site_key: str, since: datetime | None, limit: int, as_json: bool) -> None:
    """Significant changes to SITE_KEY's articles with no published correction, newest
    first: when, article, versions (before → after), words added and removed, URL."""
    after = None if since is None else since.replace(tzinfo=UTC)

    def run(conn: Connection) -> list[edits.SilentEdit]:
        site = sites.require(conn, site_key)
        return edits.silent_edits(conn, site.id, since=after, limit=limit)

    with open_context() as ctx:
        try:
            found = ctx.db.read_sync(run)
        except sites.SiteError as exc:
            raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(orjson.dumps([
            {"article_id": e.article_id, "url": e.url, "title": e.title,
             "version_id": e.version_id, "previous_id": e.previous_id,
             "at": e.at.isoformat(), "added": e.added, "removed": e.removed,
             "headline_changed": e.headline_changed, "excerpt": e.excerpt}
            for e in found
        ]).decode())
        return
    for e in found:
        click.echo(f"{_when(e.at)}\t{e.article_id}\t{e.previous_id}->{e.version_id}\t"
                   f"{e.summary}\t{e.url}")
        if e.excerpt:
            click.echo(f"  {e.excerpt}")
