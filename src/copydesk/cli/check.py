"""``copydesk check`` (proofread a file, page or stdin) and ``copydesk words``
(a site's newsroom dictionary)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

import click
import orjson
from sqlalchemy import Connection

from copydesk import sites
from copydesk.cli.common import open_context
from copydesk.proofread import DEFAULT_RULES, Checker, Finding
from copydesk.proofread.dictionary import DictionaryError, add_words, list_words, remove_words
from copydesk.proofread.extract import ExtractionError
from copydesk.proofread.fetch import FetchError, PrivateAddressError
from copydesk.proofread.lexicon import DictionaryMissingError
from copydesk.proofread.rule import Lang
from copydesk.proofread.source import SourceError, load_text
from copydesk.proofread.variants import Variant, variant_of

T = TypeVar("T")

EXIT_FINDINGS = 1
CONTEXT_WIDTH = 100


class CheckError(click.ClickException):
    """An error of ``copydesk check``: exit status 2, a message and no traceback."""

    exit_code = 2


def _parse_rules(value: str | None) -> list[str] | None:
    if value is None:
        return None
    names = [name.strip() for name in value.split(",") if name.strip()]
    unknown = [name for name in names if name not in DEFAULT_RULES]
    if unknown or not names:
        raise CheckError(
            f"unknown rule(s): {', '.join(unknown) or '(none given)'}; "
            f"choose from {', '.join(DEFAULT_RULES)}"
        )
    return names


def _site_words(site_key: str) -> tuple[list[str], Variant | None]:
    """The site's newsroom dictionary and its English variant."""

    def read(conn: Connection) -> tuple[list[str], Variant | None]:
        site_id = sites.require(conn, site_key).id
        return list_words(conn, site_id), sites.english_variant(conn, site_id)

    try:
        with open_context() as ctx:
            return ctx.db.read_sync(read)
    except sites.SiteError as exc:
        raise CheckError(str(exc)) from None
    except click.ClickException as exc:
        raise CheckError(exc.message) from None


def format_text(text: str, findings: list[Finding]) -> str:
    """Each finding with its line and column, the line around it, and suggestions."""
    out: list[str] = []
    for finding in findings:
        line_start = text.rfind("\n", 0, finding.start) + 1
        line_end = text.find("\n", finding.start)
        line_end = len(text) if line_end == -1 else line_end
        line_no = text.count("\n", 0, finding.start) + 1
        column = finding.start - line_start + 1
        window_start = max(line_start, finding.start - CONTEXT_WIDTH // 2)
        window_end = min(line_end, max(finding.end, finding.start) + CONTEXT_WIDTH // 2)
        prefix = "…" if window_start > line_start else ""
        context = prefix + text[window_start:window_end].replace("\t", " ")
        marker_at = len(prefix) + finding.start - window_start
        width = max(1, min(finding.end, window_end) - finding.start)
        out.append(f"{line_no}:{column}: {finding.rule} [{finding.severity}] {finding.message}")
        out.append(f"    {context}")
        out.append("    " + " " * marker_at + "^" * width)
        if finding.suggestions:
            out.append("    suggestions: " + ", ".join(repr(s) for s in finding.suggestions))
    count = len(findings)
    out.append(f"{count} finding{'s' if count != 1 else ''}." if count else "No findings.")
    return "\n".join(out)


@click.command()
@click.argument("source")
@click.option(
    "--lang",
    type=click.Choice(["en", "uk", "ru"]),
    default="en",
    show_default=True,
    help="Language of the text.",
)
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output: readable text, or a JSON list of findings.",
)
@click.option(
    "--rules",
    default=None,
    metavar="R1,R2",
    help=f"Only these rules (comma-separated): {', '.join(DEFAULT_RULES)}.",
)
@click.option(
    "--site",
    "site_key",
    default=None,
    help="Also accept this site's newsroom dictionary (needs the database).",
)
@click.option(
    "--allow-private",
    is_flag=True,
    help="Allow fetching URLs on private, loopback or link-local addresses.",
)
@click.option(
    "--variant",
    type=click.Choice(["en-US", "en-GB", "en-AU", "en-CA"]),
    default=None,
    help="The English variant of the text [the site's with --site, else detected].",
)
@click.option(
    "--published",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Publication date (YYYY-MM-DD): dates weekdays written without a year.",
)
@click.option("--no-suggestions", is_flag=True, help="Skip spelling suggestions (faster).")
@click.pass_context
def check(
    ctx: click.Context,
    source: str,
    lang: Lang,
    output: str,
    rules: str | None,
    site_key: str | None,
    allow_private: bool,
    variant: str | None,
    published: datetime | None,
    no_suggestions: bool,
) -> None:
    """Proofread SOURCE: a text or HTML file, an http(s) URL, or - for stdin.

    Exits 0 when nothing is found, 1 when there are findings, 2 on errors.
    """
    names = _parse_rules(rules)
    extra, site_variant = _site_words(site_key) if site_key else ([], None)
    try:
        text = load_text(source, allow_private=allow_private)
        checker = Checker(rules=names, extra_words=extra, suggest=not no_suggestions,
                          variant=variant_of(variant) or site_variant,
                          published=published.date() if published else None)
        findings = checker.check(text, lang)
    except PrivateAddressError as exc:
        raise CheckError(f"{exc} (pass --allow-private to allow it)") from None
    except (SourceError, FetchError, ExtractionError, DictionaryMissingError) as exc:
        raise CheckError(str(exc)) from None
    if output == "json":
        click.echo(orjson.dumps([f.to_dict() for f in findings], option=orjson.OPT_INDENT_2))
    else:
        click.echo(format_text(text, findings))
    ctx.exit(EXIT_FINDINGS if findings else 0)


@click.group()
def words() -> None:
    """A site's newsroom dictionary: names and terms the spelling check accepts."""


def _plural(count: int) -> str:
    return f"{count} word{'s' if count != 1 else ''}"


def _change_words(site_key: str, change: Callable[[Connection, int], T]) -> T:
    """Apply ``change(conn, site_id)`` to the site's dictionary; clear errors, exit 1."""
    with open_context() as ctx:
        try:
            return ctx.db.write_sync(
                lambda conn: change(conn, sites.require(conn, site_key).id)
            )
        except (sites.SiteError, DictionaryError) as exc:
            raise click.ClickException(str(exc)) from None


@words.command("add")
@click.argument("site_key")
@click.argument("word", nargs=-1, required=True)
def add(site_key: str, word: tuple[str, ...]) -> None:
    """Add WORDs to the dictionary of the site SITE_KEY."""
    added = _change_words(site_key, lambda conn, site_id: add_words(conn, site_id, word))
    click.echo(f"added {_plural(len(added))}")


@words.command("remove")
@click.argument("site_key")
@click.argument("word", nargs=-1, required=True)
def remove(site_key: str, word: tuple[str, ...]) -> None:
    """Remove WORDs from the dictionary of the site SITE_KEY."""
    removed = _change_words(site_key, lambda conn, site_id: remove_words(conn, site_id, word))
    click.echo(f"removed {_plural(removed)}")


@words.command("list")
@click.argument("site_key")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def list_(site_key: str, as_json: bool) -> None:
    """List the dictionary of the site SITE_KEY, one word a line."""
    with open_context() as ctx:
        try:
            found = ctx.db.read_sync(
                lambda conn: list_words(conn, sites.require(conn, site_key).id)
            )
        except sites.SiteError as exc:
            raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(orjson.dumps(found).decode())
        return
    for entry in found:
        click.echo(entry)
