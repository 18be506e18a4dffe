"""``copydesk user``: dashboard accounts (add, list, role, sites, disable, passwd).

``add`` and ``passwd`` hash the password before their write job (``accounts.add_user``,
``accounts.change_password``), so a running server's writes never wait for Argon2.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TypeVar

import click
from sqlalchemy import Connection

from copydesk import accounts, sites
from copydesk.cli.common import open_context
from copydesk.corrections import roles
from copydesk.models import Role
from copydesk.storage.database import Database

T = TypeVar("T")


@click.group()
def user() -> None:
    """Editors and admins of the dashboard."""


def _write(fn: Callable[[Connection], T]) -> T:
    """Run an account change; an AccountError becomes a clear message and exit 1."""
    return _change(lambda db: db.write_sync(fn))


def _change(fn: Callable[[Database], T]) -> T:
    """Run an account change on the database; an AccountError becomes exit 1."""
    with open_context() as ctx:
        try:
            return fn(ctx.db)
        except accounts.AccountError as exc:
            raise click.ClickException(str(exc)) from None


def _password(password_stdin: bool) -> str:
    if password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    try:
        value: str = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    except click.Abort:
        if sys.stdin.isatty():
            raise  # Ctrl+C at the prompt
        # Run from a script with nothing to read: say what to do instead of "Aborted!".
        raise click.UsageError("no password was given: type it at a terminal, or send it "
                               "on standard input with --password-stdin") from None
    return value


@user.command("add")
@click.argument("email")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True,
              help="admin: every site and the admin pages; editor: the --site sites only.")
@click.option("--site", "site_keys", multiple=True,
              help="Key of a site the editor works on (repeatable).")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def add(email: str, role: str, site_keys: tuple[str, ...], password_stdin: bool) -> None:
    """Add a user; the password is asked for (or read with --password-stdin)."""
    password = _password(password_stdin)
    created = _change(
        lambda db: accounts.add_user(db, email, password, Role(role), site_keys)
    )
    click.echo(f"added {created.email} ({created.role.value})")


@user.command("list")
def list_() -> None:
    """One line per user: email, role, state, sites."""
    with open_context() as ctx:
        def run(conn: Connection) -> list[tuple[accounts.User, list[str]]]:
            keys = {s.id: s.key for s in sites.all_sites(conn)}
            return [(u, sorted(keys[i] for i in u.site_ids if i in keys))
                    for u in accounts.all_users(conn)]

        found = ctx.db.read_sync(run)
    for item, keys in found:
        state = "disabled" if item.disabled else "active"
        where = "*" if item.is_admin else " ".join(keys) or "-"
        click.echo(f"{item.email}\t{item.role.value}\t{state}\t{where}")


@user.command("disable")
@click.argument("email")
def disable(email: str) -> None:
    """Disable a user and end their sessions."""
    _write(lambda conn: accounts.set_disabled(conn, email, True))
    click.echo(f"disabled {accounts.normalise_email(email)}")


@user.command("enable")
@click.argument("email")
def enable(email: str) -> None:
    """Enable a disabled user again."""
    _write(lambda conn: accounts.set_disabled(conn, email, False))
    click.echo(f"enabled {accounts.normalise_email(email)}")


@user.command("passwd")
@click.argument("email")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def passwd(email: str, password_stdin: bool) -> None:
    """Set a user's password (ends their sessions)."""
    password = _password(password_stdin)
    _change(lambda db: accounts.change_password(db, email, password))
    click.echo(f"password of {accounts.normalise_email(email)} changed")


@user.command("role")
@click.argument("email")
@click.argument("role", type=click.Choice([r.value for r in Role]))
def role(email: str, role: str) -> None:
    """Make a user an admin or an editor (the last active admin stays one)."""
    changed = _write(lambda conn: accounts.set_role(conn, email, Role(role)))
    click.echo(f"{changed.email} is now {changed.role.value}")


@user.command("sites")
@click.argument("email")
@click.option("--site", "site_keys", multiple=True,
              help="Key of a site the editor works on (repeatable; none clears them).")
def sites_(email: str, site_keys: tuple[str, ...]) -> None:
    """Set the sites an editor works on (admins see every site anyway)."""
    _write(lambda conn: accounts.set_site_keys(conn, email, site_keys))
    click.echo(f"sites of {accounts.normalise_email(email)}: {' '.join(site_keys) or '-'}")


@user.command("standards")
@click.argument("email")
@click.option("--site", "site_keys", multiple=True,
              help="Key of a site whose corrections the user publishes and withdraws "
                   "(repeatable; none clears them). The user must work on the site.")
def standards(email: str, site_keys: tuple[str, ...]) -> None:
    """Make a user the standards editor of these sites (docs/corrections.md)."""
    def run(conn: Connection) -> None:
        found = accounts.by_email(conn, email)
        if found is None:
            raise accounts.AccountError(f"no user {accounts.normalise_email(email)}")
        ids = []
        for key in site_keys:
            site = sites.by_key(conn, key)
            if site is None:
                raise accounts.AccountError(f"no site with key {key!r}")
            if not found.can_see(site.id):
                raise accounts.AccountError(
                    f"{found.email} does not work on {key}; add it with `user sites` first")
            ids.append(site.id)
        roles.set_standards(conn, found.id, ids)

    _write(run)
    click.echo(f"standards editor of {accounts.normalise_email(email)}: "
               f"{' '.join(site_keys) or '-'}")
