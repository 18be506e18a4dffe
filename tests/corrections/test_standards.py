"""What lacks a notice: silent edits that a published correction explains are no longer
listed (``versions.edits.explained``), a withdrawn correction explains nothing, a later
edit is silent again; fixed groups without a notice; the standards page."""

from __future__ import annotations

from datetime import timedelta

from starlette.applications import Starlette
from starlette.testclient import TestClient

from copydesk import accounts
from copydesk.versions import edits
from tests.corrections.conftest import T0, Newsroom
from tests.dashboard.conftest import EDITOR, login, read


def _silent(app: Starlette, newsroom: Newsroom) -> list[int]:
    site_id = newsroom.site.id
    return [e.version_id for e in read(app, lambda conn: edits.silent_edits(conn, site_id))]


def test_a_published_correction_explains_the_edit_it_covers(
    app: Starlette, client: TestClient, newsroom: Newsroom, users: dict[str, accounts.User],
) -> None:
    aid = newsroom.article()
    other = newsroom.article(url="https://news.example/other")
    v1 = newsroom.version(aid, "The mayor resigned on Monday.")
    v2 = newsroom.version(aid, "The mayor resigned on Tuesday.", minutes=10)
    o1 = newsroom.version(other, "One.")
    o2 = newsroom.version(other, "Two.", minutes=10)
    assert _silent(app, newsroom) == [o2, v2] or _silent(app, newsroom) == [v2, o2]

    draft = newsroom.draft(aid, "It said Monday; it was Tuesday.", version_id=v1)
    assert v2 in _silent(app, newsroom)  # a draft explains nothing
    # Published after the fix was seen: the edit is explained; the other article's is not.
    newsroom.publish(draft, at=T0 + timedelta(minutes=20))
    assert _silent(app, newsroom) == [o2]
    login(client, EDITOR)
    page = client.get("/silent-edits").text
    assert f"to={o2}" in page and f"to={v2}" not in page
    standards = client.get("/standards").text
    assert f'data-silent="{other}"' in standards and f'data-silent="{aid}"' not in standards

    # An edit seen after the correction and after the fetch that followed it: silent.
    v3 = newsroom.version(aid, "The mayor resigned on Tuesday night.", minutes=30)
    assert v3 in _silent(app, newsroom) and v2 not in _silent(app, newsroom)
    v4 = newsroom.version(aid, "The mayor resigned on Tuesday night, aides said.",
                          minutes=40)
    assert {v3, v4} <= set(_silent(app, newsroom))

    newsroom.withdraw(draft, "Withdrawn.")
    assert v2 in _silent(app, newsroom)
    assert o1 and v1


def test_the_first_version_seen_after_publication_is_explained(
    app: Starlette, newsroom: Newsroom,
) -> None:
    aid = newsroom.article()
    v1 = newsroom.version(aid, "It rained 10 mm.")
    cid = newsroom.published(aid, "It said 10 mm; it was 100 mm.", version_id=v1,
                             at=T0 + timedelta(minutes=5))
    v2 = newsroom.version(aid, "It rained 100 mm.", minutes=30)  # the fix, seen later
    assert v2 not in _silent(app, newsroom)
    assert cid


def test_fixed_groups_without_a_notice(
    app: Starlette, client: TestClient, newsroom: Newsroom, users: dict[str, accounts.User],
) -> None:
    aid = newsroom.article()
    fixed = newsroom.group(aid, status="fixed")
    covered = newsroom.group(aid, exact="recieve", status="fixed")
    newsroom.group(aid, exact="open", status="new")
    login(client, EDITOR)
    page = client.get("/standards").text
    assert f'data-gap="{fixed}"' in page and f'data-gap="{covered}"' in page
    assert page.count("data-gap=") == 2
    assert f"/corrections/new?group={fixed}" in page
    cid = newsroom.draft(aid, "It said recieve.", group_id=covered)
    assert f'data-gap="{covered}"' in client.get("/standards").text  # a draft is no notice
    newsroom.publish(cid)
    page = client.get("/standards").text
    assert f'data-gap="{covered}"' not in page and f'data-gap="{fixed}"' in page
    # A correction of the article written without a group covers the groups before it.
    newsroom.published(aid, "Another notice.")
    assert "Every fixed group has its notice." in client.get("/standards").text
    assert client.get("/standards?site=other-key").status_code == 400
