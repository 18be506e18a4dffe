"""Writing corrections in the dashboard: drafting by an editor (pre-filled from a
group), publishing only by the site's standards editor or an admin, revisions of a
published correction kept, withdrawal recorded, nothing deleted; audited; CSRF; the
``copydesk user standards`` command."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from copydesk import accounts
from copydesk.cli import main
from copydesk.corrections import roles
from copydesk.models import Site
from copydesk.storage import schema
from tests.corrections.conftest import STANDARDS, Newsroom
from tests.dashboard.conftest import ADMIN, EDITOR, OTHER, login, read


def _post(client: TestClient, path: str, csrf: str, **data: str) -> Any:
    return client.post(path, data={"csrf_token": csrf, **data}, follow_redirects=False)


def _refused(client: TestClient, answer: Any, target: str, words: str) -> None:
    """A refusal goes back to ``target`` with no message in the URL; the next page shows
    it once, as an error (the signed flash cookie)."""
    assert answer.status_code == 303
    assert answer.headers["location"] == target
    page = client.get(target).text
    [shown] = re.findall(r'class="flash flash-error"[^>]*>\s*<span>([^<]*)</span>', page)
    assert words in shown
    assert "flash-error" not in client.get(target).text  # read once


def _audit(app: Starlette) -> list[tuple[str, str]]:
    al = schema.audit_log
    return [(str(r.action), str(r.note)) for r in read(app, lambda conn: conn.execute(
        select(al.c.action, al.c.note).where(al.c.action.like("correction.%"))
        .order_by(al.c.id)).all())]


def _create(client: TestClient, csrf: str, article_id: int, text: str, **extra: str) -> int:
    response = _post(client, "/corrections/new", csrf, article_id=str(article_id), text=text,
                     type="correction", placement="top", severity="minor", **extra)
    assert response.status_code == 303, response.text
    found = re.fullmatch(r"/corrections/(\d+)", response.headers["location"])
    assert found, response.headers["location"]
    return int(found.group(1))


def test_an_editor_drafts_from_a_group_and_only_a_standards_editor_publishes(
    app: Starlette, client: TestClient, newsroom: Newsroom, standards: accounts.User,
    users: dict[str, accounts.User],
) -> None:
    aid = newsroom.article()
    v1 = newsroom.version(aid, "In teh end.")
    v2 = newsroom.version(aid, "In the end.", minutes=10)
    gid = newsroom.group(aid, anchor_state="fixed", anchor_start=3, anchor_end=6,
                         anchor_version_id=v2)
    csrf = login(client, EDITOR)
    form = client.get(f"/corrections/new?group={gid}").text
    assert "An earlier version of this article said “teh”. It is “the”." in form
    assert f'<option value="{v1}" selected>' in form  # the version before the fix
    assert 'value="publish"' not in form  # an editor only drafts
    assert f"/corrections/new?group={gid}" in client.get(f"/groups/{gid}").text
    assert f"/corrections/new?article={aid}" in client.get(f"/articles/{aid}").text

    cid = _create(client, csrf, aid, "It said teh; it is the.", group_id=str(gid),
                  corrects_version_id=str(v1))
    assert newsroom.row(cid)["status"] == "draft"
    assert newsroom.row(cid)["created_by"] == EDITOR
    refused = _post(client, f"/corrections/{cid}/publish", csrf)
    assert refused.status_code == 403
    assert _post(client, "/corrections/new", csrf, article_id=str(aid), text="x",
                 action="publish").status_code == 403
    assert newsroom.row(cid)["status"] == "draft"
    assert "It said teh" not in client.get("/c/daily-key/corrections").text

    csrf = login(client, STANDARDS)
    page = client.get(f"/corrections/{cid}").text
    assert f'action="/corrections/{cid}/publish"' in page
    assert _post(client, f"/corrections/{cid}/publish", "wrong").status_code == 403
    done = _post(client, f"/corrections/{cid}/publish", csrf)
    assert done.status_code == 303
    row = newsroom.row(cid)
    assert row["status"] == "published" and row["published_at"] is not None
    assert "It said teh; it is the." in client.get("/c/daily-key/corrections").text
    _refused(client, _post(client, f"/corrections/{cid}/publish", csrf),
             f"/corrections/{cid}", "published")  # published already
    assert _audit(app) == [("correction.draft", f"correction #{cid}"),
                           ("correction.publish", f"correction #{cid}")]

    login(client, OTHER)  # another site's editor: as if it did not exist
    assert client.get(f"/corrections/{cid}").status_code == 404
    assert client.get(f"/corrections/new?group={gid}").status_code == 404


def test_an_admin_publishes_and_an_editor_without_the_site_role_cannot(
    app: Starlette, client: TestClient, newsroom: Newsroom, users: dict[str, accounts.User],
    other_site: Site,
) -> None:
    aid = newsroom.article()
    cid = newsroom.draft(aid)
    # The standards role counts only on a site the user works on.
    app.state.ctx.db.write_sync(lambda conn: roles.set_standards(
        conn, users["other"].id, [newsroom.site.id]))
    csrf = login(client, OTHER)
    assert _post(client, f"/corrections/{cid}/publish", csrf).status_code == 404
    csrf = login(client, ADMIN)
    assert _post(client, f"/corrections/{cid}/publish", csrf).status_code == 303
    assert newsroom.row(cid)["status"] == "published"


def test_edits_of_a_published_correction_are_kept_and_shown(
    app: Starlette, client: TestClient, newsroom: Newsroom, standards: accounts.User,
) -> None:
    aid = newsroom.article()
    cid = newsroom.published(aid, "It said Monday; it was Tuesday.")
    csrf = login(client, EDITOR)
    refused = _post(client, f"/corrections/{cid}", csrf, text="Changed by an editor",
                    type="correction", placement="bottom", severity="minor")
    assert refused.status_code == 403
    csrf = login(client, STANDARDS)
    for text in ("It said Monday; it happened on Tuesday.", "It said Monday; it was Wednesday."):
        assert _post(client, f"/corrections/{cid}", csrf, text=text, type="correction",
                     placement="bottom", severity="minor").status_code == 303
    r = schema.correction_revisions
    revisions = read(app, lambda conn: conn.execute(
        select(r.c.text_before, r.c.text_after, r.c.actor).order_by(r.c.id)).all())
    assert [tuple(x) for x in revisions] == [
        ("It said Monday; it was Tuesday.", "It said Monday; it happened on Tuesday.", STANDARDS),
        ("It said Monday; it happened on Tuesday.", "It said Monday; it was Wednesday.",
         STANDARDS)]
    public = client.get(f"/c/daily-key/corrections/{cid}").text
    assert public.count("Updated on") == 2
    assert "It said Monday; it was Wednesday." in public
    assert "It said Monday; it was Tuesday." in public  # the earlier wording, kept
    assert [a for a, _ in _audit(app)].count("correction.edit") == 2


def test_withdrawal_is_recorded_shown_and_nothing_is_deleted(
    app: Starlette, client: TestClient, newsroom: Newsroom, standards: accounts.User,
) -> None:
    aid = newsroom.article()
    cid = newsroom.published(aid, "It said 12 people; it was 21.")
    csrf = login(client, EDITOR)
    assert _post(client, f"/corrections/{cid}/withdraw", csrf, note="x").status_code == 403
    csrf = login(client, STANDARDS)
    empty = _post(client, f"/corrections/{cid}/withdraw", csrf, note="  ")
    _refused(client, empty, f"/corrections/{cid}", "withdrawn")
    assert newsroom.row(cid)["status"] == "published"
    assert _post(client, f"/corrections/{cid}/withdraw", csrf,
                 note="The original figure was right.").status_code == 303
    row = newsroom.row(cid)
    assert row["status"] == "withdrawn" and row["withdrawn_at"] is not None
    assert row["withdrawal_note"] == "The original figure was right."
    assert row["text"] == "It said 12 people; it was 21."
    edit = _post(client, f"/corrections/{cid}", csrf, text="new", type="correction",
                 placement="bottom", severity="minor")
    _refused(client, edit, f"/corrections/{cid}", "withdrawn")
    assert newsroom.row(cid)["text"] == "It said 12 people; it was 21."
    assert client.post(f"/corrections/{cid}/delete", data={"csrf_token": csrf}
                       ).status_code in {404, 405}
    public = client.get("/c/daily-key/corrections").text
    assert "It said 12 people; it was 21." in public
    assert "Withdrawn on" in public and "The original figure was right." in public
    c = schema.corrections
    assert read(app, lambda conn: conn.execute(select(func.count()).select_from(c))
                .scalar_one()) == 1
    assert ("correction.withdraw", f"correction #{cid}: The original figure was right.") \
        in _audit(app)


def test_the_list_and_the_admin_settings(
    app: Starlette, client: TestClient, newsroom: Newsroom, users: dict[str, accounts.User],
) -> None:
    aid = newsroom.article(title="Budget story")
    newsroom.draft(aid, "A draft")
    csrf = login(client, EDITOR)
    listing = client.get("/corrections").text
    assert "A draft" in listing and "draft" in listing
    assert _post(client, "/corrections/settings", csrf, site="daily-key",
                 public_lang="uk").status_code == 403  # admins only
    csrf = login(client, ADMIN)
    assert _post(client, "/corrections/settings", csrf, site="daily-key", public_lang="uk",
                 corrections_policy_url="https://news.example/policy",
                 announce_corrections="1").status_code == 303
    s = schema.sites
    row = read(app, lambda conn: conn.execute(select(s).where(s.c.key == "daily-key")).one())
    assert (row.public_lang, row.corrections_policy_url, row.announce_corrections) == (
        "uk", "https://news.example/policy", True)
    bad = _post(client, "/corrections/settings", csrf, site="daily-key", public_lang="uk",
                corrections_policy_url="javascript:alert(1)")
    _refused(client, bad, "/corrections?site=daily-key", "corrections policy")


@pytest.fixture
def cli(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Callable[..., str]:
    monkeypatch.setenv("COPYDESK_DATABASE_URL", db_url)
    monkeypatch.setenv("COPYDESK_SECRET_KEY", "test-secret-key")

    def run(*args: str, code: int = 0) -> str:
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
        assert result.exit_code == code, result.output
        return result.output

    return run


def test_copydesk_user_standards_sets_the_role(
    app: Starlette, cli: Callable[..., str], users: dict[str, accounts.User], site: Site,
) -> None:
    assert "standards editor of editor@news.example: daily-key" in cli(
        "user", "standards", EDITOR, "--site", "daily-key")
    user = users["editor"]
    assert read(app, lambda conn: roles.standards_sites(conn, user.id)) == {site.id}
    assert "does not work on other-key" in cli("user", "standards", EDITOR, "--site",
                                               "other-key", code=1)
    assert "no user" in cli("user", "standards", "nobody@x.example", code=1)
    cli("user", "standards", EDITOR)
    assert read(app, lambda conn: roles.standards_sites(conn, user.id)) == frozenset()


def test_a_corrections_history_is_its_own_only(
    client: TestClient, newsroom: Newsroom, standards: accounts.User,
) -> None:
    """Correction #1's page does not list #10's entries (their notes share a prefix)."""
    aid = newsroom.article()
    ids = [newsroom.published(aid, f"Correction number {n}.") for n in range(10)]
    first, tenth = ids[0], ids[9]
    assert str(tenth).startswith(str(first))  # e.g. 1 and 10
    login(client, STANDARDS)
    page = client.get(f"/corrections/{first}").text
    history = page[page.index('class="history"'):]
    assert f"correction #{first}" in history
    assert f"correction #{tenth}" not in history
