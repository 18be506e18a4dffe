from __future__ import annotations

from typing import Any

import pytest

from copydesk.errors import APIError
from copydesk.ingest.payload import parse

BASE: dict[str, Any] = {"site": "k", "url": "https://n.example/a", "exact": "into to"}


def error_of(**changes: Any) -> APIError:
    body = {**BASE, **changes}
    body = {k: v for k, v in body.items() if v is not ...}
    with pytest.raises(APIError) as info:
        parse(body)
    return info.value


def test_minimal_report_parses() -> None:
    payload = parse(dict(BASE))
    assert payload.exact == "into to" and payload.start is None and payload.suggestion == ""


def test_text_is_nfc_normalised_and_control_characters_removed() -> None:
    payload = parse({**BASE, "exact": "Cafe\u0301\x00\x07 \u202eevil\r\nline", "comment": "a\tb"})
    assert payload.exact == "Café evil\nline"
    assert payload.comment == "a\tb"


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("plain text, as most reports are", "plain text, as most reports are"),
        ("Cafe\u0301", "Caf\u00e9"),  # only not NFC
        ("a\rb", "a\nb"),  # only a carriage return
        ("a\r\nb", "a\nb"),
        ("\u202eevil", "evil"),  # only a bidi override
        ("\ufeffword", "word"),
        ("next\x85line", "nextline"),  # a C1 control
        ("tab\tand\nnewline stay", "tab\tand\nnewline stay"),
        ("Київ, не Киев\u0301", "Київ, не Киев\u0301"),  # NFC already (no precomposed form)
    ],
)
def test_each_kind_of_cleaning_applies_on_its_own(raw: str, cleaned: str) -> None:
    assert parse({**BASE, "exact": "x", "comment": raw}).comment == cleaned


@pytest.mark.parametrize(
    ("changes", "status", "code", "field"),
    [
        ({"exact": ...}, 422, "missing", "exact"),
        ({"exact": ""}, 422, "too_short", "exact"),
        ({"exact": "   "}, 422, "too_short", "exact"),
        ({"exact": "x" * 1001}, 422, "too_long", "exact"),
        ({"prefix": "x" * 201}, 422, "too_long", "prefix"),
        ({"suffix": "x" * 201}, 422, "too_long", "suffix"),
        ({"suggestion": "x" * 1001}, 422, "too_long", "suggestion"),
        ({"comment": "x" * 2001}, 422, "too_long", "comment"),
        ({"url": "https://n.example/" + "a" * 2040}, 422, "too_long", "url"),
        ({"url": "ftp://n.example/a"}, 422, "invalid_url", "url"),
        ({"url": "javascript:alert(1)"}, 422, "invalid_url", "url"),
        ({"start": "5", "end": 9}, 422, "invalid_type", "start"),
        ({"start": True, "end": 9}, 422, "invalid_type", "start"),
        ({"start": 5}, 422, "missing", "end"),
        ({"start": 9, "end": 5}, 422, "invalid_range", "end"),
        ({"start": -1, "end": 5}, 422, "out_of_range", "start"),
        ({"exact": 12}, 422, "invalid_type", "exact"),
    ],
)
def test_each_bad_field_is_named(
    changes: dict[str, Any], status: int, code: str, field: str
) -> None:
    err = error_of(**changes)
    assert (err.status, err.code, err.field) == (status, code, field)
    assert err.message


def test_limits_count_characters_after_cleaning() -> None:
    assert parse({**BASE, "exact": "x" * 1000 + "\x00" * 50}).exact == "x" * 1000


@pytest.mark.parametrize("body", [[], "text", 5, None])
def test_body_must_be_an_object(body: object) -> None:
    with pytest.raises(APIError) as info:
        parse(body)
    assert info.value.status == 400 and info.value.code == "not_an_object"


def test_client_id_is_optional_and_kept() -> None:
    assert parse(dict(BASE)).client_id is None
    for good in ("a" * 16, "A-z_09" * 10 + "abcd", "Xq3-_0aZ9pLm2Nb7Tc8Vd1"):
        assert parse({**BASE, "client_id": good}).client_id == good


@pytest.mark.parametrize(
    ("client_id", "code"),
    [
        ("a" * 15, "invalid_value"),
        ("a" * 65, "invalid_value"),
        ("", "invalid_value"),
        ("abcdefgh+ijklmnop", "invalid_value"),  # base64, not base64url
        ("abcdefgh/ijklmnop", "invalid_value"),
        ("abcdefghijklmnop=", "invalid_value"),
        ("abcdefgh ijklmnop", "invalid_value"),
        ("abcdefghijklmnop\n", "invalid_value"),
        ("abcdéfghijklmnopq", "invalid_value"),
        (1234567890123456, "invalid_type"),
    ],
)
def test_bad_client_id_is_named(client_id: object, code: str) -> None:
    err = error_of(client_id=client_id)
    assert (err.status, err.code, err.field) == (422, code, "client_id")
