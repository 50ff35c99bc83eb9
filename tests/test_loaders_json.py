"""JSON loader: record lists, the {"facts": [...]} wrapper, and malformed input."""
from __future__ import annotations

import json

import pytest

from loaders.intake import read_rows_of
from loaders.errors import LoadError


def facts(frame) -> list[tuple]:
    return [(r["year"], r["metric"], r["value"], r["unit"], r["qualifier"], r["scope"])
            for r in frame.to_dict("records")]


def write(tmp_path, document, name="in.json"):
    path = tmp_path / name
    path.write_text(document if isinstance(document, str) else json.dumps(document, ensure_ascii=False),
                    encoding="utf-8")
    return path


def load_error(path) -> LoadError:
    with pytest.raises(LoadError) as err:
        read_rows_of(path)
    return err.value


def test_representative_fixture(loader_fixtures):
    assert facts(read_rows_of(loader_fixtures / "long.json")) == [
        (2024, "attendees", 3000.0, "people", "more_than", "whole convention"),
        (2024, "investment_signed_usd_reported", 110.5, "bn USD", "exact", "whole convention"),
        (2024, "countries_regions", 40.0, "countries and regions", "about", "whole convention"),
    ]


def test_plain_list_wide_with_chinese_keys(tmp_path):
    path = write(tmp_path, [{"年份": 2019, "签约项目": 640, "投资额（亿元）": "7,351"},
                            {"年份": "2020", "签约项目": None, "投资额（亿元）": "约6179"}])
    assert facts(read_rows_of(path)) == [
        (2019, "projects_signed", 640.0, "projects", "exact", "whole convention"),
        (2019, "investment_signed", 735.1, "bn CNY", "exact", "whole convention"),
        (2020, "investment_signed", 617.9, "bn CNY", "about", "whole convention"),
    ]


def test_records_may_have_different_keys(tmp_path):
    path = write(tmp_path, [{"year": 2019, "metric": "attendees", "value": 10},
                            {"year": 2019, "metric": "exhibitors", "value": "12", "scope": "hall A"}])
    assert [(f[1], f[5]) for f in facts(read_rows_of(path))] == [
        ("attendees", "whole convention"), ("exhibitors", "hall A")]


def test_malformed_json_names_line_and_column(tmp_path):
    path = write(tmp_path, '[\n  {"year": 2019,\n   "value": }\n]')
    err = load_error(path)
    assert str(err) == f"{path}: malformed JSON at line 3, column 13: Expecting value"


@pytest.mark.parametrize("document, row, column, problem", [
    ('[{"year": 2019, "metric": "attendees", "value": NaN}]', 2, "value", "'nan' is not a finite number"),
    ('[{"year": 2019, "metric": "attendees", "value": Infinity}]', 2, "value", "is not a finite number"),
    ('[{"year": 2019, "metric": "a", "value": 1}, {"year": 2019, "metric": "attendees", "value": -4}]',
     3, "value", "-4 is negative"),
    ('[{"year": 3000, "projects": 4}]', 2, "year", "3000 is outside 2018..2100"),
    ('[{"year": 2019, "metric": "investment", "value": 4, "unit": "billion dollars"}]', 2, "unit",
     "USD amounts are not CNY; use investment_signed_usd_reported"),
    ('[{"year": 2019, "metric": "attendees", "value": 4, "unit": "parsecs"}]', 2, "unit", "unknown unit 'parsecs'"),
    ('[{"year": 2019, "projects": [1, 2]}]', 2, "projects", "nested lists/objects are not supported"),
    ('[{"year": 2019, "projects": 1}, 7]', 3, None, "record is a JSON int, not an object"),
])
def test_record_errors(tmp_path, document, row, column, problem):
    err = load_error(write(tmp_path, document, "bad.json"))
    assert (err.file, err.row, err.column) == (str(tmp_path / "bad.json"), row, column)
    assert problem in err.problem


@pytest.mark.parametrize("document, problem", [
    ("", "file is empty"),
    ("[]", "no records: the list is empty"),
    ('{"rows_of": []}', "expected a list of records or an object with a 'facts' list"),
    ('"text"', "expected a list of records, found a JSON str"),
])
def test_document_errors(tmp_path, document, problem):
    assert problem in load_error(write(tmp_path, document)).problem
