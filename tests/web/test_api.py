"""POST /api/v1/reports through the app object, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from sqlalchemy import select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from copydesk.app import create_app
from copydesk.models import ReportStatus, Site
from copydesk.settings import Settings
from copydesk.storage import schema

Make = Callable[..., dict[str, Any]]
ORIGIN = {"Origin": "https://news.example"}


def post(client: TestClient, body: object, *, content_type: str = "text/plain",
         headers: dict[str, str] | None = None) -> Any:
    raw = body if isinstance(body, bytes) else orjson.dumps(body)
    return client.post("/api/v1/reports", content=raw,
                       headers={"Content-Type": content_type, **ORIGIN, **(headers or {})})


def rows(app: Starlette, table: Any) -> list[Any]:
    return app.state.ctx.db.read_sync(lambda c: c.execute(select(table)).mappings().all())


def test_report_is_stored_and_acknowledged(client: TestClient, app: Starlette,
                                           make_report: Make) -> None:
    resp = post(client, make_report(suggestion="into the", comment="typo", start=15, end=22))
    assert resp.status_code == 201
    body = resp.json()
    assert body == {"id": body["id"], "group": body["group"], "duplicate": False}
    assert resp.headers["access-control-allow-origin"] == "https://news.example"
    assert "set-cookie" not in resp.headers  # readers get no cookies
    [report] = rows(app, schema.reports)
    assert (report["exact"], report["suggestion"], report["start"], report["end"]) == (
        "into to", "into the", 15, 22)
    [group] = rows(app, schema.report_groups)
    assert group["status"] == ReportStatus.NEW and group["has_suggestion"]
    [article] = rows(app, schema.articles)
    assert article["url"] == "https://news.example/2026/11/army"
    assert article["title"] == "Drafted"


def test_an_article_keeps_its_first_title_and_language(client: TestClient, app: Starlette,
                                                      make_report: Make) -> None:
    """Empty fields never erase what is known; a later hint never replaces it either
    (only the page's own names do: tests/test_articles.py)."""
    steps = [({"title": "Drafted", "lang": "en"}, ("Drafted", "en")),
             ({"title": "", "lang": ""}, ("Drafted", "en")),
             ({"title": "Drafted: update", "lang": ""}, ("Drafted", "en")),
             ({"title": "Drafted: update", "lang": "en-GB"}, ("Drafted", "en")),
             ({"title": "Drafted: update", "lang": "en-GB",
               "url": "https://news.example/2026/11/army/?utm_source=x"},
              ("Drafted", "en"))]
    for fields, expected in steps:
        assert post(client, make_report(**fields)).status_code == 201
        [article] = rows(app, schema.articles)
        assert (article["title"], article["lang"]) == expected
    assert {r["article_id"] for r in rows(app, schema.reports)} == {article["id"]}


@pytest.mark.parametrize("content_type", ["application/json", "text/plain;charset=UTF-8"])
def test_both_media_types_accepted(client: TestClient, make_report: Make,
                                   content_type: str) -> None:
    assert post(client, make_report(), content_type=content_type).status_code == 201


def test_duplicates_join_one_group_and_count_reporters(
    client: TestClient, app: Starlette, make_report: Make
) -> None:
    first = post(client, make_report(url="https://news.example/2026/11/army?utm_source=tw"))
    again = post(client, make_report(url="https://NEWS.example/2026/11/army/#top"))
    wider = post(client, make_report(exact="drafted into to", prefix="He was ",
                                     suffix=" the army in May."))
    other = post(client, make_report(exact="May", prefix="the army in ", suffix="."))
    assert first.json()["duplicate"] is False
    assert again.json() == {**again.json(), "group": first.json()["group"], "duplicate": True}
    assert wider.json()["group"] == first.json()["group"]
    assert other.json()["group"] != first.json()["group"]
    groups = {g["id"]: g for g in rows(app, schema.report_groups)}
    # One reader (one address today) sent the first three: counted once.
    assert groups[first.json()["group"]]["reporter_count"] == 1
    assert len(rows(app, schema.articles)) == 1


def test_distinct_readers_raise_the_count(make_app: Callable[..., Starlette], site: Site,
                                          make_report: Make) -> None:
    app = make_app(trusted_proxies=("127.0.0.1/32",))
    with TestClient(app, client=("127.0.0.1", 5000)) as client:
        for ip in ("198.51.100.1", "198.51.100.2", "198.51.100.2", "203.0.113.9"):
            resp = post(client, make_report(), headers={"X-Forwarded-For": ip})
            assert resp.status_code == 201, resp.text
    [group] = rows(app, schema.report_groups)
    assert group["reporter_count"] == 3
    assert len(rows(app, schema.reports)) == 4


def test_fixed_group_does_not_take_new_reports(client: TestClient, app: Starlette,
                                               make_report: Make) -> None:
    first = post(client, make_report()).json()
    app.state.ctx.db.write_sync(lambda c: c.execute(
        schema.report_groups.update().values(status=ReportStatus.FIXED.value)))
    second = post(client, make_report()).json()
    assert second["group"] != first["group"] and second["duplicate"] is False


@pytest.mark.parametrize(
    ("body", "headers", "status", "code", "field"),
    [
        (b"{not json", {}, 400, "invalid_json", None),
        (b"[1, 2]", {}, 400, "not_an_object", None),
        ({"exact": "x"}, {}, 422, "missing", "site"),
        ({"site": "nope", "url": "https://news.example/a", "exact": "x"}, {}, 404,
         "unknown_site", "site"),
    ],
)
def test_errors_are_json_with_code_message_field(
    client: TestClient, site: Site, body: object, headers: dict[str, str], status: int,
    code: str, field: str | None,
) -> None:
    resp = post(client, body, headers=headers)
    assert resp.status_code == status
    assert resp.headers["content-type"] == "application/json"
    error = resp.json()["error"]
    assert (error["code"], error["field"]) == (code, field)
    assert isinstance(error["message"], str) and error["message"]


def test_wrong_media_type_is_415(client: TestClient, make_report: Make) -> None:
    resp = post(client, make_report(), content_type="application/x-www-form-urlencoded")
    assert resp.status_code == 415
    assert resp.json()["error"]["code"] == "unsupported_media_type"


def test_body_over_16_kib_is_413(client: TestClient, make_report: Make) -> None:
    big = orjson.dumps(make_report(comment="x" * 17_000))
    assert post(client, big).status_code == 413
    # Also without a Content-Length header (chunked upload).
    resp = client.post("/api/v1/reports", content=iter([big[:9000], big[9000:]]),
                       headers={"Content-Type": "text/plain"})
    assert resp.status_code == 413
    assert resp.json()["error"]["code"] == "body_too_large"


def test_foreign_origin_is_403_and_only_the_refusal_is_readable(
    client: TestClient, make_report: Make,
) -> None:
    resp = post(client, make_report(), headers={"Origin": "https://evil.example"})
    assert resp.status_code == 403
    assert resp.json()["error"] == {**resp.json()["error"], "code": "origin_not_allowed",
                                    "field": "origin"}
    # The page learns it was refused (so a widget stops resending), nothing more: a
    # wildcard never goes with credentials.
    assert resp.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in resp.headers


@pytest.mark.parametrize(("body", "status"), [
    (b"{", 400), (b'{"site": "no-such-site", "url": "https://news.example/a", '
                  b'"exact": "x"}', 404),
])
def test_refusals_before_the_site_is_known_are_readable_cross_origin(
    client: TestClient, body: bytes, status: int,
) -> None:
    resp = client.post("/api/v1/reports", content=body,
                       headers={"Content-Type": "text/plain", "Origin": "https://news.example"})
    assert resp.status_code == status
    assert resp.headers["access-control-allow-origin"] == "*"
    assert "Retry-After" in resp.headers["access-control-expose-headers"]


def test_a_rate_limited_answer_exposes_retry_after(
    make_app: Callable[..., Starlette], site: Site, make_report: Make,
) -> None:
    app = make_app(rate_limit_block=1)
    with TestClient(app) as client:
        post(client, make_report())
        resp = post(client, make_report(exact="drafted"))
    assert resp.status_code == 429  # refused before the body (and its site) is read
    assert resp.headers["access-control-allow-origin"] == "*"
    assert "Retry-After" in resp.headers["access-control-expose-headers"]
    assert int(resp.headers["retry-after"]) > 0


def test_url_off_the_sites_origins_is_403(client: TestClient, make_report: Make) -> None:
    resp = post(client, make_report(url="https://evil.example/a"))
    assert resp.status_code == 403
    assert resp.json()["error"]["code"] == "url_not_allowed"


def test_no_origin_header_is_allowed(client: TestClient, make_report: Make) -> None:
    resp = client.post("/api/v1/reports", content=orjson.dumps(make_report()),
                       headers={"Content-Type": "application/json"})
    assert resp.status_code == 201
    assert "access-control-allow-origin" not in resp.headers


def test_preflight_only_for_allowed_origins(client: TestClient, site: Site) -> None:
    good = client.options("/api/v1/reports", headers={**ORIGIN,
                          "Access-Control-Request-Method": "POST"})
    bad = client.options("/api/v1/reports", headers={"Origin": "https://evil.example",
                         "Access-Control-Request-Method": "POST"})
    assert good.headers["access-control-allow-origin"] == "https://news.example"
    assert "access-control-allow-origin" not in bad.headers


@pytest.mark.parametrize(("fields", "reason"), [
    ({"website": "http://spam.example"}, "honeypot"),
    ({"time_on_page": 300}, "too_fast"),
])
def test_bots_are_stored_as_spam_quietly(
    make_app: Callable[..., Starlette], site: Site, make_report: Make,
    fields: dict[str, Any], reason: str,
) -> None:
    app = make_app(min_time_on_page_ms=2000)
    with TestClient(app) as client:
        resp = post(client, make_report(**fields))
        human = post(client, make_report(time_on_page=9000))
    assert resp.status_code == 201 and resp.json()["duplicate"] is False
    groups = {g["id"]: g for g in rows(app, schema.report_groups)}
    assert groups[resp.json()["group"]]["status"] == ReportStatus.SPAM
    assert groups[human.json()["group"]]["status"] == ReportStatus.NEW
    spam = [r for r in rows(app, schema.reports) if r["id"] == resp.json()["id"]]
    assert spam[0]["spam_reason"] == reason
    # Spam never reaches the notification outbox.
    assert all(o["payload"]["group"]["id"] != resp.json()["group"]
               for o in rows(app, schema.outbox))


def test_rate_limit_per_ip_block_is_429_with_retry_after(
    make_app: Callable[..., Starlette], site: Site, make_report: Make
) -> None:
    app = make_app(rate_limit_block=3)
    with TestClient(app) as client:
        codes = [post(client, make_report()).status_code for _ in range(5)]
        last = post(client, make_report())
    assert codes == [201, 201, 201, 429, 429]
    assert last.json()["error"]["code"] == "rate_limited"
    assert 1 <= int(last.headers["retry-after"]) <= 60


def test_rate_limit_per_site(
    make_app: Callable[..., Starlette], site: Site, make_report: Make
) -> None:
    app = make_app(rate_limit_site=2)
    with TestClient(app) as client:
        codes = [post(client, make_report()).status_code for _ in range(3)]
    assert codes == [201, 201, 429]


def test_ip_is_never_stored_raw(client: TestClient, app: Starlette, make_report: Make) -> None:
    post(client, make_report())
    [report] = rows(app, schema.reports)
    assert report["ip_hash"] and "testclient" not in report["ip_hash"]
    assert len(report["ip_hash"]) == 32


def test_new_group_is_queued_for_notification_once(
    client: TestClient, app: Starlette, site: Site, make_report: Make
) -> None:
    app.state.ctx.db.write_sync(lambda c: c.execute(schema.channels.insert().values(
        site_id=site.id, kind="webhook", config={}, enabled=True, created_at=datetime.now(UTC))))
    first = post(client, make_report(comment="<b>hi</b>")).json()
    post(client, make_report())
    [event] = rows(app, schema.outbox)
    assert event["event_type"] == "report.created"
    assert event["payload"]["group"]["id"] == first["group"]
    assert event["payload"]["group"]["comment"] == "<b>hi</b>"
    assert event["payload"]["article"]["url"] == "https://news.example/2026/11/army"


def test_openapi_document(client: TestClient) -> None:
    doc = client.get("/api/v1/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    schema_ = doc["components"]["schemas"]["Report"]
    assert schema_["properties"]["exact"]["maxLength"] == 1000
    assert set(schema_["required"]) == {"site", "url", "exact"}


def test_health_and_metrics(client: TestClient, make_report: Make) -> None:
    assert client.get("/healthz").json()["status"] == "ok"
    post(client, make_report())
    post(client, make_report(url="ftp://x"))
    text = client.get("/metrics").text
    assert 'copydesk_reports_accepted_total{outcome="report"} 1.0' in text
    assert 'copydesk_reports_rejected_total{reason="invalid_url"} 1.0' in text
    assert "copydesk_ingest_seconds_bucket" in text
    assert 'copydesk_outbox_messages{status="dead"} 0.0' in text


def test_metrics_count_the_outbox(client: TestClient, app: Starlette, site: Site,
                                  make_report: Make) -> None:
    app.state.ctx.db.write_sync(lambda c: c.execute(schema.channels.insert().values(
        site_id=site.id, kind="webhook", config={}, enabled=True, created_at=datetime.now(UTC))))
    post(client, make_report())
    post(client, make_report(exact="May", prefix="the army in ", suffix="."))
    text = client.get("/metrics").text
    # The app's dispatcher may already have tried them: count every status.
    found = re.findall(r'copydesk_outbox_messages\{status="(\w+)"\} ([\d.]+)', text)
    assert {status for status, _ in found} == {"pending", "delivered", "dead"}
    assert sum(float(n) for _, n in found) == 2


def test_unknown_api_path_and_method_answer_in_the_error_shape(client: TestClient) -> None:
    missing = client.get("/api/v1/nothing")
    wrong = client.get("/api/v1/reports")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    assert wrong.status_code == 405
    assert wrong.json()["error"]["code"] == "method_not_allowed"


def test_health_is_503_when_the_database_does_not_answer(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-dir" / "copydesk.db"
    app = create_app(Settings(database_url=f"sqlite:///{missing}", secret_key="k",
                              dispatcher=False, proofread_fetch=False))
    with TestClient(app) as client:
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unreachable"}


def test_the_startup_heap_is_kept_out_of_collections_while_serving(
    make_app: Callable[..., Starlette],
) -> None:
    """Full collections walking every loaded module and dictionary were the p99 stalls."""
    import gc

    gc.unfreeze()
    with TestClient(make_app()):
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
