"""``copydesk articles``: tracked articles, their versions and diffs, a fetch now."""

from __future__ import annotations

import sys
from datetime import datetime

import click
from sqlalchemy import Connection, func, or_, select

from copydesk.cli.common import open_context
from copydesk.storage import schema
from copydesk.versions import diff, store
from copydesk.versions.tracker import ArticleTracker


@click.group()
def articles() -> None:
    """Tracked articles: versions, diffs and fetches."""


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "-"


def _article_id(conn: Connection, ref: str) -> int:
    """An article by id or URL."""
    a = schema.articles
    where = a.c.id == int(ref) if ref.isdigit() else a.c.url == ref
    found = conn.execute(select(a.c.id).where(where)).scalars().all()
    if len(found) != 1:
        raise click.ClickException(f"no article {ref}" if not found
                                   else f"{ref} names several articles: give an id")
    return int(found[0])


@articles.command("list")
def list_articles() -> None:
    """Tracked articles: id, versions, last fetch, next fetch, state, URL."""
    a, v = schema.articles, schema.article_versions
    counts = (select(v.c.article_id, func.count().label("n"))
              .group_by(v.c.article_id).subquery())
    query = (
        select(a.c.id, a.c.url, a.c.fetched_at, a.c.next_fetch_at, a.c.last_fetch_error,
               a.c.fetch_locked_by, func.coalesce(counts.c.n, 0).label("n"))
        .outerjoin(counts, counts.c.article_id == a.c.id)
        .where(or_(a.c.next_fetch_at.is_not(None), a.c.fetched_at.is_not(None)))
        .order_by(a.c.id)
    )
    with open_context() as ctx:
        rows = ctx.db.read_sync(lambda conn: conn.execute(query).all())
    for r in rows:
        state = ("fetching" if r.fetch_locked_by else
                 (r.last_fetch_error or "").split(":")[0] or
                 ("tracked" if r.next_fetch_at else "stopped"))
        click.echo(f"{r.id}\t{r.n}\t{_when(r.fetched_at)}\t{_when(r.next_fetch_at)}\t"
                   f"{state}\t{r.url}")


@articles.command("versions")
@click.argument("article")
def list_versions(article: str) -> None:
    """An article's versions: id, fetched, edit or typography, characters, headline."""
    with open_context() as ctx:
        found = ctx.db.read_sync(lambda conn: store.versions(conn, _article_id(conn, article)))
    for version in found:
        kind = "edit" if version.significant else "typography"
        click.echo(f"{version.id}\t{_when(version.fetched_at)}\t{kind}\t{len(version.text)}\t"
                   f"{version.headline}")


@articles.command("diff")
@click.argument("article")
@click.argument("v1", type=int, required=False)
@click.argument("v2", type=int, required=False)
@click.option("--colour/--no-colour", default=None,
              help="Colour the diff (default: when writing to a terminal).")
def diff_versions(article: str, v1: int | None, v2: int | None, colour: bool | None) -> None:
    """Word diff between two versions (default: the last two)."""
    with open_context() as ctx:
        found = ctx.db.read_sync(lambda conn: store.versions(conn, _article_id(conn, article)))
    by_id = {version.id: version for version in found}
    if v1 is None:
        if len(found) < 2:
            raise click.ClickException("the article has fewer than two versions")
        old, new = found[-2], found[-1]
    else:
        if v1 not in by_id or (v2 is not None and v2 not in by_id):
            raise click.ClickException("both versions must belong to the article")
        old, new = by_id[v1], by_id[v2] if v2 is not None else found[-1]
    use_colour = sys.stdout.isatty() if colour is None else colour
    if old.headline != new.headline:
        click.echo(diff.render(diff.word_diff(old.headline, new.headline), colour=use_colour))
        click.echo()
    click.echo(diff.render(diff.word_diff(old.text, new.text), colour=use_colour))


@articles.command("fetch")
@click.argument("article")
def fetch_now(article: str) -> None:
    """Fetch an article now, whatever its schedule."""
    with open_context() as ctx:
        article_id = ctx.db.read_sync(lambda conn: _article_id(conn, article))
        outcome = ArticleTracker(ctx.settings, ctx.db).fetch_now(article_id)
    if outcome is None:
        raise click.ClickException("another worker is fetching this article; try again later")
    if outcome.result == "failed":
        raise click.ClickException(f"{outcome.reason}: {outcome.detail}")
    click.echo(outcome.result if outcome.version_id is None
               else f"{outcome.result}: version {outcome.version_id}")
