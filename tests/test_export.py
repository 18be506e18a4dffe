from __future__ import annotations

import csv
import io

import pytest

from copydesk.export import csv_text, json_lines, safe_cell


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "＝1"])
def test_formula_starters_are_neutralised(value: str) -> None:
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["plain", "a=b", "", " =x"])
def test_ordinary_text_is_untouched(value: str) -> None:
    assert safe_cell(value) == value


def test_numbers_stay_numbers() -> None:
    assert safe_cell(-5) == -5 and safe_cell(None) == ""


def test_csv_round_trips_quotes_commas_and_newlines() -> None:
    rows = [{"id": 1, "exact": 'a, "b"\nc'}]
    text = csv_text(rows, ("id", "exact"))
    assert text.endswith("\r\n")
    assert list(csv.reader(io.StringIO(text))) == [["id", "exact"], ["1", 'a, "b"\nc']]


def test_csv_with_no_rows_has_a_header() -> None:
    assert csv_text([], ("id",)) == "id\r\n"


def test_json_lines_make_an_array() -> None:
    import json

    assert json.loads("".join(json_lines([{"a": 1}, {"a": "<x>"}]))) == [{"a": 1}, {"a": "<x>"}]
    assert json.loads("".join(json_lines([]))) == []
