"""Properties over generated inputs: exports never hand a spreadsheet a formula; the CSV loader keeps
free text as written (or refuses the file with a LoadError); SQL quoting helpers round-trip."""
from __future__ import annotations

import csv
import io
import math
import tempfile
import unicodedata
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from loaders.intake import read_rows_of
from loaders.errors import LoadError
from loaders.validate import ident as _ident, literal as _literal, validate
from ui.export import FORMULA_STARTS, neutralize, to_csv_bytes

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Free text as users paste it: quotes, delimiters, line breaks, CJK, formula and HTML starts.
TRICKY = st.sampled_from(['"', "'", ",", ";", "\t", "\n", "\r\n", "\r", "=", "+", "-", "@", "<", ">",
                          "中", "文", "é", "€", " ", "=HYPERLINK(\"http://x\",\"y\")", "<script>", "--"])
FREE_TEXT = st.lists(st.one_of(TRICKY, st.text(max_size=8)), max_size=8).map("".join)


# ---------------------------------------------------------------- exports

@SETTINGS
@given(st.text())
@example("=1+1")
@example("\t=cmd")
@example("\r=cmd")
@example("-2")
@example("@SUM(A1)")
def test_neutralized_text_never_starts_like_a_formula(text):
    out = neutralize(text)
    assert isinstance(out, str) and not out.startswith(FORMULA_STARTS)
    assert out in (text, "'" + text)


@SETTINGS
@given(st.one_of(st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.booleans(), st.none()))
def test_numbers_and_gaps_are_not_neutralized(value):
    out = neutralize(value)
    assert out is value or (isinstance(value, float) and math.isnan(value) and math.isnan(out))


@SETTINGS
@given(st.lists(FREE_TEXT, min_size=1, max_size=5))
def test_excel_safe_csv_has_no_formula_cells_and_keeps_the_text(texts):
    frame = pd.DataFrame({"scope": texts, "value": range(len(texts))})
    rows = list(csv.reader(io.StringIO(to_csv_bytes(frame).decode("utf-8-sig"), newline="")))
    assert rows[0] == ["scope", "value"]
    assert len(rows) == len(texts) + 1
    for position, (text, (cell, number)) in enumerate(zip(texts, rows[1:])):
        assert cell in (text, "'" + text) and not cell.startswith(FORMULA_STARTS)
        assert number == str(position)  # numbers are never prefixed


# ---------------------------------------------------------------- the CSV loader

def _load_long(rows: list[tuple[str, str]]) -> pd.DataFrame:
    """Write long-layout facts with these (scope, note) texts as a proper CSV; load and validate."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["year", "metric", "value", "unit", "scope", "note", "source_id"])
    for number, (scope, note) in enumerate(rows):
        writer.writerow([2021 + number, "attendees", 100 + number, "people", scope, note, "src-a"])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "facts.csv"
        path.write_bytes(buffer.getvalue().encode("utf-8"))
        return validate("facts", read_rows_of(path), str(path))


def _check_round_trip(rows: list[tuple[str, str]]) -> None:
    try:
        typed = _load_long(rows)
    except LoadError:
        return  # refusing the file, with a LoadError, is allowed; anything else is not
    assert len(typed) == len(rows)
    for (scope, note), stored in zip(rows, typed.to_dict("records")):
        # Surrounding whitespace is trimmed on purpose (cells are compared as keys); the rest is kept.
        assert stored["scope"] == (scope.strip() or "whole convention"), (scope, stored["scope"])
        stored_note = None if pd.isna(stored["note"]) else stored["note"]  # a missing text is NaN
        assert stored_note == (note.strip() or None), (note, stored["note"])


@SETTINGS
@given(st.lists(st.tuples(FREE_TEXT, FREE_TEXT), min_size=1, max_size=4))
@example([("Ｆｕｌｌ ﬁ ① m²", "™ ½")])
def test_csv_loader_keeps_free_text_verbatim_or_refuses(rows):
    _check_round_trip(rows)


@SETTINGS
@given(st.lists(st.tuples(FREE_TEXT, FREE_TEXT), min_size=1, max_size=4))
def test_csv_loader_keeps_normalization_stable_text_verbatim_or_refuses(rows):
    """The same property on text that Unicode NFKC leaves alone: quotes, delimiters, line breaks,
    formula starts and the rest, separately from the compatibility-character finding above."""
    assume(all(unicodedata.normalize("NFKC", t) == t for row in rows for t in row))
    _check_round_trip(rows)


# ---------------------------------------------------------------- SQL quoting helpers

@pytest.fixture(scope="module")
def con():
    with duckdb.connect() as connection:
        yield connection


@SETTINGS
@given(text=st.text(min_size=1))
@example(text="'; drop table t; --")
@example(text='"; drop table t; --')
def test_sql_literal_and_identifier_quoting_round_trip(con, text):
    """The register loader splices paths and headers through these two; they must not break out."""
    try:
        assert con.execute(f"select {_literal(text)}").fetchone()[0] == text
    except duckdb.Error:
        assert "\x00" in text  # DuckDB refuses NUL in a statement; refusing is safe
    try:
        name = con.execute(f"select 1 as {_ident(text)}").description[0][0]
    except duckdb.Error:
        assert "\x00" in text
    else:
        assert name == text
