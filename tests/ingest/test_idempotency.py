"""Each report exactly once: a client_id (or Idempotency-Key) sent twice stores once."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient

from copydesk import sites
from copydesk.app import create_app
from copydesk.models import Site
from copydesk.settings import Settings
from copydesk.storage import schema
from tests.ingest.test_committer import Running, _report, _site

KEY = "k3y-0123456789abcdef"
Make = Callable[..., dict[str, object]]


def _count(client: TestClient) -> int:
    ctx = client.app.state.ctx  # type: ignore[attr-defined]
    return int(ctx.db.read_sync(lambda c: c.execute(
        select(func.count()).select_from(schema.reports)).scalar_one()))


def test_the_same_report_twice_is_stored_once(client: TestClient, make_report: Make) -> None:
    first = client.post("/api/v1/reports", json=make_report(client_id=KEY))
    again = client.post("/api/v1/reports", json=make_report(client_id=KEY))
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert _count(client) == 1


def test_a_replay_answers_duplicate_as_the_first_answer_did(client: TestClient,
                                                             make_report: Make) -> None:
    client.post("/api/v1/reports", json=make_report())
    joined = client.post("/api/v1/reports", json=make_report(client_id=KEY, comment="too"))
    again = client.post("/api/v1/reports", json=make_report(client_id=KEY, comment="too"))
    assert joined.json()["duplicate"] is True
    assert again.json() == joined.json()
    assert _count(client) == 2


def test_reports_without_an_id_are_each_stored(client: TestClient, make_report: Make) -> None:
    client.post("/api/v1/reports", json=make_report())
    client.post("/api/v1/reports", json=make_report())
    assert _count(client) == 2


def test_the_same_id_on_another_report_is_refused(client: TestClient,
                                                  make_report: Make) -> None:
    client.post("/api/v1/reports", json=make_report(client_id=KEY))
    other = client.post("/api/v1/reports", json=make_report(client_id=KEY, exact="drafted"))
    assert other.status_code == 422
    assert other.json()["error"]["code"] == "idempotency_key_reused"
    assert other.json()["error"]["field"] == "client_id"
    assert _count(client) == 1


def test_the_header_works_like_the_field(client: TestClient, make_report: Make) -> None:
    first = client.post("/api/v1/reports", json=make_report(),
                        headers={"Idempotency-Key": f'"{KEY}"'})
    again = client.post("/api/v1/reports", json=make_report(client_id=KEY),
                        headers={"Idempotency-Key": KEY})
    assert first.status_code == 201 and again.json() == first.json()
    assert _count(client) == 1


@pytest.mark.parametrize(("header", "field", "code"), [
    ("short", None, "invalid_idempotency_key"),
    ('"has space in it 0123"', None, "invalid_idempotency_key"),
    (KEY, "another-id-0123456789", "idempotency_key_mismatch"),
])
def test_bad_keys_are_refused(client: TestClient, make_report: Make, header: str,
                              field: str | None, code: str) -> None:
    body = make_report() if field is None else make_report(client_id=field)
    answer = client.post("/api/v1/reports", json=body, headers={"Idempotency-Key": header})
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == code
    assert _count(client) == 0


def test_ids_are_per_site(client: TestClient, make_report: Make, site: Site) -> None:
    ctx = client.app.state.ctx  # type: ignore[attr-defined]
    other: Site = ctx.db.write_sync(lambda c: sites.create(
        c, "Other", ["https://news.example"], key="other-key"))
    one = client.post("/api/v1/reports", json=make_report(client_id=KEY))
    two = client.post("/api/v1/reports", json=make_report(client_id=KEY, site=other.key))
    assert one.status_code == two.status_code == 201
    assert one.json()["id"] != two.json()["id"]
    assert _count(client) == 2


@pytest.fixture
def committer(sqlite_url: str, tmp_path: Path) -> Iterator[tuple[Settings, Running]]:
    settings = Settings(database_url=sqlite_url, proofread_fetch=False, dispatcher=False)
    path = Path("/tmp") / f"cd-{tmp_path.name[-12:]}.sock"
    with Running(settings, str(path)) as running:
        yield settings, running


def test_through_the_committer_a_resend_is_stored_once(
    committer: tuple[Settings, Running],
) -> None:
    settings, running = committer
    _site(settings)
    app = create_app(settings, committer=running.path)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        first = client.post("/api/v1/reports", json=_report(client_id=KEY))
        again = client.post("/api/v1/reports", json=_report(client_id=KEY))
        other = client.post("/api/v1/reports", json=_report(client_id=KEY, exact="drafted"))
        assert _count(client) == 1
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again.headers["idempotent-replayed"] == "true"
    assert other.status_code == 422 and other.json()["error"]["code"] == "idempotency_key_reused"
    assert running.committer.stored == 2
