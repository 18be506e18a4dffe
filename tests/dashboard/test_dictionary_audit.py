"""Dictionary changes are audited: added and removed words in ``audit_log``, and in the
group's history when the change was made from that group's page."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from copydesk.models import Site
from copydesk.storage import schema
from tests.dashboard.conftest import ADMIN, EDITOR, csrf_of, login, read, write
from tests.dashboard.test_versions import article, group, version


def audit_rows(app: Starlette) -> list[tuple[Any, ...]]:
    al = schema.audit_log
    return [tuple(r) for r in read(app, lambda c: c.execute(
        select(al.c.action, al.c.site_id, al.c.group_id, al.c.note, al.c.actor)
        .where(al.c.action.like("dictionary.%")).order_by(al.c.id)).all())]


def spelling_group(app: Starlette, site: Site) -> int:
    aid = article(app, site)
    vid = version(app, aid, "Teh council met on Monday.")
    write(app, lambda conn: conn.execute(schema.findings.insert().values(
        version_id=vid, rule="spelling", message="unknown word", start=0, end=3, text="Teh",
        suggestions=["The"], severity="warning")))
    return group(app, site, aid, exact="Teh")


def dictionary_form(html: str) -> dict[str, str]:
    """The hidden fields of the group page's "Add … to the dictionary" form."""
    form = re.search(r'<form method="post" action="/sites/[0-9]+/words".*?</form>', html, re.S)
    assert form, html[:500]
    return dict(re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"',
                           form.group(0)))


def history(client: TestClient, gid: int) -> str:
    html = client.get(f"/groups/{gid}").text
    found = re.search(r'<section class="history">.*?</section>', html, re.S)
    assert found
    return found.group(0)


def test_a_word_added_from_a_group_page_is_in_the_groups_history(
    app: Starlette, client: TestClient, users: Any, site: Site
) -> None:
    gid = spelling_group(app, site)
    login(client, EDITOR)
    fields = dictionary_form(client.get(f"/groups/{gid}").text)
    assert fields["group_id"] == str(gid) and fields["words"] == "Teh"
    added = client.post(f"/sites/{site.id}/words", data=fields, follow_redirects=False)
    assert added.headers["location"] == f"/groups/{gid}"
    assert audit_rows(app) == [("dictionary.add", site.id, gid, "Teh", EDITOR)]
    shown = history(client, gid)
    assert "dictionary.add" in shown and "<q>Teh</q>" in shown and EDITOR in shown
    # Adding it again changes nothing and writes nothing.
    client.post(f"/sites/{site.id}/words", data=fields)
    assert len(audit_rows(app)) == 1
    removed = client.post(f"/sites/{site.id}/words", data={
        **fields, "action": "remove"}, follow_redirects=False)
    assert removed.status_code == 303
    assert audit_rows(app)[-1] == ("dictionary.remove", site.id, gid, "Teh", EDITOR)
    assert "dictionary.remove" in history(client, gid)


def test_changes_on_the_dictionary_page_are_audited_for_the_site_only(
    app: Starlette, client: TestClient, users: Any, site: Site, other_site: Site
) -> None:
    gid = spelling_group(app, site)
    theirs = group(app, other_site, article(app, other_site, url="https://other.example/a"))
    login(client, ADMIN)
    csrf = csrf_of(client)
    client.post(f"/sites/{site.id}/words", data={
        "action": "add", "words": "Kyiv, Teh", "csrf_token": csrf})
    # A word that is not there is not "removed"; only Kyiv is.
    client.post(f"/sites/{site.id}/words", data={
        "action": "remove", "words": "Kyiv Nowhere", "csrf_token": csrf})
    # A group of another site named in the form is not linked to this site's change.
    client.post(f"/sites/{site.id}/words", data={
        "action": "add", "words": "Odesa", "group_id": str(theirs), "csrf_token": csrf})
    assert audit_rows(app) == [
        ("dictionary.add", site.id, None, "Kyiv, Teh", ADMIN),
        ("dictionary.remove", site.id, None, "Kyiv", ADMIN),
        ("dictionary.add", site.id, None, "Odesa", ADMIN),
    ]
    assert "dictionary" not in history(client, gid)
    assert "dictionary" not in history(client, theirs)


def test_a_refused_word_writes_no_audit_row(
    app: Starlette, client: TestClient, users: Any, site: Site,
) -> None:
    login(client, EDITOR)
    csrf = csrf_of(client)
    client.post(f"/sites/{site.id}/words", data={
        "action": "add", "words": "x" * 101, "csrf_token": csrf})
    assert audit_rows(app) == []

    def words(conn: Connection) -> list[Any]:
        return list(conn.execute(select(schema.site_words.c.word)).scalars())

    assert read(app, words) == []
