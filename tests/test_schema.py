"""The schema definition: keys hold on the fixture database, DDL, validation messages, docs."""
from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from loaders import schema
from loaders.errors import LoadError
from loaders.validate import source_location, validate


@pytest.mark.parametrize("table", list(schema.TABLES))
def test_key_columns_unique_and_not_null(fixture_db, table):
    key = schema.TABLES[table].key
    cols = ", ".join(key)
    with duckdb.connect(str(fixture_db), read_only=True) as con:
        rows = con.execute(f"select count(*) from {table}").fetchone()[0]
        nulls = con.execute(f"select count(*) from {table} where "
                            + " or ".join(f"{k} is null" for k in key)).fetchone()[0]
        dupes = con.execute(f"select count(*) from (select {cols} from {table} "
                            f"group by {cols} having count(*) > 1)").fetchone()[0]
    assert (nulls, dupes) == (0, 0)
    # The fixture world has no register, no alternatives (tests/test_disagreements.py builds one that has) and
    # no progress reports (tests/test_followthrough.py adds some to a copy).
    if table not in ("projects", "projects_rollup", "projects_top", "alternatives", "progress"):
        assert rows > 0


def test_fixture_db_row_counts(fixture_db):
    with duckdb.connect(str(fixture_db), read_only=True) as con:
        counts = {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in schema.TABLES}
    assert counts == {"sources": 4, "metrics": 11, "editions": 4, "facts": 12, "breakdowns": 2,
                      "participation": 6, "organizations": 4, "claims": 5, "claim_scopes": 1, "fx_rates": 4, "projects": 0,
                      "alternatives": 0, "progress": 0, "projects_rollup": 0, "projects_top": 0, "load_runs": 1}


def test_create_statements_build_an_empty_database():
    with duckdb.connect(":memory:") as con:
        for statement in schema.create_statements():
            con.execute(statement)
        tables = {r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_type = 'BASE TABLE'").fetchall()}
        views = {r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_type = 'VIEW'").fetchall()}
        assert tables == set(schema.TABLES)
        assert views == {"edition_kpis"}
        for name, table in schema.TABLES.items():
            columns = [r[0] for r in con.execute(f"describe {name}").fetchall()]
            assert columns == table.column_names
            assert con.execute(f"select count(*) from {name}").fetchone()[0] == 0


def _facts_frame(**changes) -> pd.DataFrame:
    row = {"convention": "WMC", "year": "2019", "metric": "projects_signed", "value": "10", "unit": "projects",
           "qualifier": "exact", "scope": "whole convention", "source_id": "src-a", "is_derived": "false",
           "note": ""}
    row.update(changes)
    return pd.DataFrame([row, {**row, "year": "2020"}])


def test_validate_types_a_good_frame():
    typed = validate("facts", _facts_frame(), "facts.csv")
    assert typed.loc[0, "year"] == 2019 and typed.loc[0, "value"] == 10.0
    assert typed["is_derived"].tolist() == [False, False]
    assert typed.loc[0, "note"] is None


def test_validate_rejects_missing_required_columns():
    frame = _facts_frame().drop(columns=["unit", "scope"])
    with pytest.raises(LoadError) as err:
        validate("facts", frame, "mine.csv")
    assert err.value.file == "mine.csv"
    assert "missing required column(s) ['unit', 'scope']" in str(err.value)


@pytest.mark.parametrize("change, column, problem", [
    ({"qualifier": "roughly"}, "qualifier", "'roughly' is not one of"),
    ({"value": "-1"}, "value", "-1.0 is below the minimum 0"),
    ({"year": "2017"}, "year", "2017 is below the minimum 2018"),
    ({"year": "2101"}, "year", "2101 is above the maximum 2100"),
    ({"year": "twenty"}, "year", "expected integer"),
    ({"is_derived": "maybe"}, "is_derived", "'maybe' is not true/false"),
    ({"metric": " "}, "metric", "value is missing"),
])
def test_validate_names_file_row_column(change, column, problem):
    with pytest.raises(LoadError) as err:
        validate("facts", _facts_frame(**change), "mine.csv")
    assert (err.value.file, err.value.row, err.value.column) == ("mine.csv", 2, column)
    assert problem in err.value.problem
    assert str(err.value).startswith(f"mine.csv, row 2, column '{column}': ")


def test_validate_rejects_duplicate_key_on_its_row():
    frame = pd.concat([_facts_frame(), _facts_frame().iloc[[0]]], ignore_index=True)
    with pytest.raises(LoadError) as err:
        validate("facts", frame, "mine.csv")
    assert (err.value.row, err.value.column) == (4, "scope")
    assert "duplicate key" in err.value.problem


def test_validate_reports_rows_and_headers_recorded_by_a_loader():
    frame = _facts_frame(qualifier="roughly")
    frame.attrs["source_rows"] = [7, 9]
    frame.attrs["source_columns"] = {"qualifier": ["Projects", "Investment"]}
    with pytest.raises(LoadError) as err:
        validate("facts", frame, "wide.csv")
    assert (err.value.row, err.value.column) == (7, "Projects")


def test_source_location_defaults_to_spreadsheet_numbering():
    frame = pd.DataFrame({"a": [1, 2, 3]})
    assert source_location(frame, 0, "a") == (2, "a")
    assert source_location(frame, 2, "a", row_offset=5) == (7, "a")


def test_markdown_mentions_every_table_and_column():
    text = schema.markdown()
    for name, table in schema.TABLES.items():
        assert f"### `{name}`" in text
        for column in table.column_names:
            assert f"| {column} |" in text
    assert "edition_kpis" in text
