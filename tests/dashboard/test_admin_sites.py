"""Admin, sites: edit, key rotation with an overlap (ingest takes both keys), exclude
selectors, removal after typing the name; audited; CSRF; editors kept out."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select, update
from starlette.applications import Starlette
from starlette.testclient import TestClient

from copydesk import accounts, sites
from copydesk.models import Site
from copydesk.proofread import dictionary, orthography
from copydesk.storage import schema
from tests.dashboard.conftest import ADMIN, EDITOR, login, read, write


def _audit(app: Starlette, action: str) -> list[Any]:
    al = schema.audit_log
    return read(app, lambda c: c.execute(select(al).where(al.c.action == action)).all())  # type: ignore[no-any-return]


def _ingest(client: TestClient, make_report: Callable[..., dict[str, object]], key: str
            ) -> int:
    payload = make_report()
    payload["site"] = key
    return client.post("/api/v1/reports", json=payload,
                       headers={"Origin": "https://news.example"}).status_code


def test_editors_and_strangers_are_kept_out(client: TestClient, site: Site,
                                            users: dict[str, accounts.User]) -> None:
    assert client.get(f"/admin/sites/{site.id}", follow_redirects=False).status_code == 303
    csrf = login(client, EDITOR)
    for path in (f"/admin/sites/{site.id}", f"/admin/sites/{site.id}/remove",
                 f"/admin/sites/{site.id}/channels"):
        assert client.get(path).status_code == 403  # the admin guard's answer
    response = client.post(f"/admin/sites/{site.id}/remove",
                           data={"csrf_token": csrf, "confirm_name": site.name})
    assert response.status_code == 403
    assert read(client.app, lambda c: sites.by_id(c, site.id)) is not None  # type: ignore[arg-type]


def test_edit_needs_csrf_and_is_audited(app: Starlette, client: TestClient, site: Site,
                                        users: dict[str, accounts.User]) -> None:
    csrf = login(client, ADMIN)
    form = {"action": "edit", "name": "Renamed <b>", "origins": "https://a.example"}
    assert client.post(f"/admin/sites/{site.id}", data=form).status_code == 403
    response = client.post(f"/admin/sites/{site.id}", data={**form, "csrf_token": csrf})
    assert response.status_code == 200
    assert "Renamed &lt;b&gt;" in response.text and "Renamed <b>" not in response.text
    changed = read(app, lambda c: sites.by_id(c, site.id))
    assert changed.name == "Renamed <b>" and changed.origins == ("https://a.example",)
    assert [r.to_value for r in _audit(app, "site.edit")] == ["Renamed <b>"]


def test_a_bad_origin_is_shown_by_its_field_and_the_form_kept(
        app: Starlette, client: TestClient, site: Site, users: dict[str, accounts.User]
) -> None:
    csrf = login(client, ADMIN)
    response = client.post(f"/admin/sites/{site.id}", data={
        "csrf_token": csrf, "action": "edit", "name": "Kept name", "origins": "ftp://x"})
    assert response.status_code == 400
    assert "not an http(s) origin" in response.text
    assert 'value="Kept name"' in response.text and 'value="ftp://x"' in response.text
    assert read(app, lambda c: sites.by_id(c, site.id)).name == site.name


def test_key_rotation_keeps_the_old_key_through_the_overlap_only(
        app: Starlette, client: TestClient, site: Site, users: dict[str, accounts.User],
        make_report: Callable[..., dict[str, object]]) -> None:
    csrf = login(client, ADMIN)
    response = client.post(f"/admin/sites/{site.id}",
                           data={"csrf_token": csrf, "action": "rotate", "days": "7"})
    assert response.status_code == 200
    new_key = read(app, lambda c: sites.by_id(c, site.id)).key
    assert new_key != site.key and new_key in response.text
    app.state.ctx.sites.clear()
    assert _ingest(client, make_report, new_key) == 201
    assert _ingest(client, make_report, site.key) == 201  # the overlap
    row = _audit(app, "site.key_rotate")[0]
    assert (row.from_value, row.to_value) == (site.key, new_key)

    s = schema.sites  # the overlap ends
    write(app, lambda c: c.execute(update(s).where(s.c.id == site.id).values(
        previous_key_until=datetime.now(UTC) - timedelta(seconds=1))))
    app.state.ctx.sites.clear()
    assert _ingest(client, make_report, site.key) == 404  # unknown_site
    assert _ingest(client, make_report, new_key) == 201
    assert read(app, lambda c: sites.by_public_key(c, site.key)) is None
    # a new site cannot take a key some page may still carry
    with pytest.raises(sites.SiteError, match="exists already"):
        write(app, lambda c: sites.create(c, "Thief", ["https://t.example"], key=site.key))


def test_exclude_selectors_are_checked_with_cssselect(
        app: Starlette, client: TestClient, site: Site, users: dict[str, accounts.User]
) -> None:
    csrf = login(client, ADMIN)
    bad = client.post(f"/admin/sites/{site.id}", data={
        "csrf_token": csrf, "action": "exclude", "selectors": ".ad\ndiv[[<script>"})
    assert bad.status_code == 400
    assert "div[[&lt;script&gt;" in bad.text and "<script>" not in bad.text.split("<main")[1]
    assert read(app, lambda c: sites.exclude_selectors(c, site.id)) == []
    good = client.post(f"/admin/sites/{site.id}", data={
        "csrf_token": csrf, "action": "exclude", "selectors": " .ad \n\naside.related\n"})
    assert good.status_code == 200
    assert read(app, lambda c: sites.exclude_selectors(c, site.id)) == [".ad", "aside.related"]
    assert _audit(app, "site.exclude_selectors")[0].to_value == "2"


def test_the_english_variant_is_chosen_on_the_site_page(
        app: Starlette, client: TestClient, site: Site, users: dict[str, accounts.User]
) -> None:
    csrf = login(client, ADMIN)
    page = client.get(f"/admin/sites/{site.id}")
    assert '<option value="auto" selected>' in page.text
    chosen = client.post(f"/admin/sites/{site.id}", data={
        "csrf_token": csrf, "action": "variant", "variant": "en-GB"})
    assert chosen.status_code == 200 and "English spelling: en-GB." in chosen.text
    assert '<option value="en-GB" selected>' in chosen.text
    assert read(app, lambda c: sites.english_variant(c, site.id)) == "en-GB"
    [entry] = _audit(app, "site.variant")
    assert (entry.from_value, entry.to_value) == ("auto", "en-GB")
    refused = client.post(f"/admin/sites/{site.id}", data={
        "csrf_token": csrf, "action": "variant", "variant": "en-XX"})
    assert refused.status_code == 400
    assert read(app, lambda c: sites.english_variant(c, site.id)) == "en-GB"
    client.post(f"/admin/sites/{site.id}", data={
        "csrf_token": csrf, "action": "variant", "variant": "auto"})
    assert read(app, lambda c: sites.english_variant(c, site.id)) is None


def test_the_ukrainian_orthography_is_chosen_on_the_site_page(
        app: Starlette, client: TestClient, site: Site, users: dict[str, accounts.User]
) -> None:
    csrf = login(client, ADMIN)
    assert '<option value="setting" selected>' in client.get(f"/admin/sites/{site.id}").text
    write(app, lambda c: dictionary.add_words(c, site.id, ["Kovalenko"]))
    for choice in ("kharkiv", "2019"):
        chosen = client.post(f"/admin/sites/{site.id}", data={
            "csrf_token": csrf, "action": "orthography", "orthography": choice})
        assert chosen.status_code == 200 and f'<option value="{choice}" selected>' in chosen.text
        words = read(app, lambda c: dictionary.list_words(c, site.id))
        assert words == ["Kovalenko", f"orthography:{choice}"]  # one entry, the rest kept
        assert orthography.choice(frozenset(words)) == choice
    client.post(f"/admin/sites/{site.id}", data={
        "csrf_token": csrf, "action": "orthography", "orthography": "setting"})
    assert read(app, lambda c: dictionary.list_words(c, site.id)) == ["Kovalenko"]
    entries = _audit(app, "site.orthography")
    assert [(e.from_value, e.to_value) for e in entries] == [
        ("setting", "kharkiv"), ("kharkiv", "2019"), ("2019", "setting")]
    assert client.post(f"/admin/sites/{site.id}", data={
        "csrf_token": csrf, "action": "orthography", "orthography": "1933"}).status_code == 400


def test_removal_says_what_goes_and_needs_the_name(
        app: Starlette, client: TestClient, site: Site, users: dict[str, accounts.User],
        report: Callable[..., int]) -> None:
    report()
    csrf = login(client, ADMIN)
    page = client.get(f"/admin/sites/{site.id}/remove")
    assert "1 groups and their 1 reports" in page.text
    wrong = client.post(f"/admin/sites/{site.id}/remove",
                        data={"csrf_token": csrf, "confirm_name": "nope"})
    assert wrong.status_code == 400
    assert read(app, lambda c: sites.by_id(c, site.id)) is not None
    assert client.post(f"/admin/sites/{site.id}/remove",
                       data={"confirm_name": site.name}).status_code == 403
    done = client.post(f"/admin/sites/{site.id}/remove",
                       data={"csrf_token": csrf, "confirm_name": site.name})
    assert done.status_code == 200 and "Site removed." in done.text
    assert read(app, lambda c: sites.by_id(c, site.id)) is None
    g = schema.report_groups
    assert read(app, lambda c: c.execute(select(func.count()).select_from(g)).scalar()) == 0
    row = _audit(app, "site.remove")[0]
    assert row.from_value == site.key and "1 groups, 1 reports" in row.note
