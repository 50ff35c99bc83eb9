"""The register: fast SQL load with row-level errors, the register_* queries, the CSV stream."""
from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

import queries
from ui.filters import Filters
from loaders import build, schema, synth
from loaders.errors import LoadError

COLUMNS = schema.TABLES["projects"].column_names
# A tiny hand-written register: totals below are worked out by hand.
TINY = [
    # convention, year, project_id, name, investor, investor_origin, sector, city, investment, status
    ("WMC", 2018, "P1", "Battery plant", "Acme Co., Ltd.", "Chinese mainland", "NEV", "Hefei", 10.0, "signed"),
    ("WMC", 2018, "P2", "=cmd|' /C calc'!A0", "-Minus Inc.", "USA", "ICs", "Wuhu", 5.5, "in operation"),
    ("WMC", 2018, "P3", "Fab", "Chip AG", "Germany", "ICs", "Hefei", 20.0, "under construction"),
    ("WMC", 2019, "P1", "Panel line", "Acme Co., Ltd.", "Chinese mainland", "Displays", "Hefei", 7.0, "signed"),
    ("WMC", 2019, "P2", "Robot works", "@Bot KK", "Japan", "NEV", "Bengbu", 3.0, "cancelled"),
]


ALL_EDITIONS = Filters("WMC", 2018, 2100, "CNY", True)


def F(**changes) -> Filters:
    """The register's filters: every edition, with `changes` applied."""
    return replace(ALL_EDITIONS, **changes)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _write(path: Path, rows) -> Path:
    pd.DataFrame(rows, columns=COLUMNS).to_csv(path, index=False)
    return path


@pytest.fixture
def db(db_copy) -> Path:
    return db_copy  # a private copy of the fixture world (tests/conftest.py)


@pytest.fixture
def tiny_db(db, tmp_path, monkeypatch) -> Path:
    build.add([_write(tmp_path / "tiny.csv", TINY)], db)
    monkeypatch.setenv("WMC_DB", str(db))
    return db


# ---------------------------------------------------------------- loading

@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_synthetic_register_loads(db, tmp_path, suffix):
    register = tmp_path / f"reg{suffix}"
    synth.write_register(register, rows=3000, seed=5)
    change = build.add([register], db, create_editions=True)  # the synthetic register spans 2018-2025
    assert change.projects == 3000
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select count(*) from projects").fetchone()[0] == 3000
        # No key index (a per-load cost at 10^7 rows); the loader holds the key unique instead.
        assert con.execute("select count(*) - count(distinct (convention, year, project_id)) "
                           "from projects").fetchone()[0] == 0
        assert con.execute("select action, rows from load_runs order by run_id desc limit 1").fetchone() == ("add", 3000)
    expected = pd.read_parquet(register) if suffix == ".parquet" else pd.read_csv(register)
    with duckdb.connect(str(db), read_only=True) as con:
        got = con.execute("select sum(investment_cny_bn) from projects").fetchone()[0]
    assert got == pytest.approx(expected["investment_cny_bn"].sum())


def test_xlsx_register_is_routed_and_loaded(db, tmp_path):
    path = tmp_path / "reg.xlsx"
    frame = pd.DataFrame(TINY, columns=COLUMNS)
    frame["name"] = frame["name"].str.lstrip("=")  # Excel would store '=...' as a formula
    frame.to_excel(path, index=False)
    assert build.add([path], db).projects == len(TINY)


def test_check_writes_nothing(db, tmp_path):
    before = _sha(db)
    change = build.add([_write(tmp_path / "t.csv", TINY)], db, check=True)
    assert change.projects == len(TINY)
    assert _sha(db) == before


def test_second_load_appends_and_stored_duplicate_is_refused(db, tmp_path):
    build.add([_write(tmp_path / "a.csv", TINY[:3])], db)
    build.add([_write(tmp_path / "b.csv", TINY[3:])], db)
    before = _sha(db)
    with pytest.raises(LoadError) as err:
        build.add([_write(tmp_path / "c.csv", TINY[:1])], db)
    assert err.value.column == "project_id" and err.value.row == 2
    assert _sha(db) == before


def _bad(row_index: int, **change):
    rows = [list(r) for r in TINY]
    for column, value in change.items():
        rows[row_index][COLUMNS.index(column)] = value
    return rows


@pytest.mark.parametrize("rows, row, column, words", [
    (_bad(2, investment_cny_bn=-1.5), 4, "investment_cny_bn", "below the minimum"),
    (_bad(3, project_id="P1", year=2018), 5, "project_id", "duplicate key"),
    (_bad(1, year=1999), 3, "year", "below the minimum 2018"),
    (_bad(4, status="approved"), 6, "status", "not one of"),
    (_bad(0, year="twenty"), 2, "year", "expected integer"),
    (_bad(1, name=""), 3, "name", "missing"),
    (_bad(2, investment_cny_bn="inf"), 4, "investment_cny_bn", "finite"),
])
@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_bad_rows_name_file_row_column_and_change_nothing(db, tmp_path, rows, row, column, words, suffix):
    path = tmp_path / f"bad{suffix}"
    if suffix == ".csv":
        _write(path, rows)
    else:
        frame = pd.DataFrame(rows, columns=COLUMNS)
        if frame["year"].map(type).eq(int).all():
            frame["year"] = frame["year"].astype("int32")
        if frame["investment_cny_bn"].map(lambda v: isinstance(v, float)).all():
            frame["investment_cny_bn"] = frame["investment_cny_bn"].astype(float)
        else:
            frame = frame.astype(str)
        frame.astype({c: str for c in frame.columns if frame[c].dtype == object}).to_parquet(path)
    before = _sha(db)
    with pytest.raises(LoadError) as err:
        build.add([path], db)
    assert err.value.file == str(path)
    assert (err.value.row, err.value.column) == (row, column)
    assert words in err.value.problem
    assert _sha(db) == before


def test_missing_required_column(db, tmp_path):
    path = tmp_path / "nocol.csv"
    pd.DataFrame(TINY, columns=COLUMNS).drop(columns=["name"]).to_csv(path, index=False)
    with pytest.raises(LoadError, match="missing required column"):
        build.add([path], db)


# ---------------------------------------------------------------- queries

def test_register_summary_exact(tiny_db):
    from queries import run

    s = run("register_summary", convention="WMC", year_from=2018, year_to=2100, currency="CNY",
            include_derived=True)
    assert s["year"].tolist() == [2018, 2019]
    assert s["register_projects"].tolist() == [3, 2]
    assert s["register_investment"].tolist() == pytest.approx([35.5, 10.0])
    assert s["reported_projects"].tolist() == [430, 638]
    assert s["reported_investment"].tolist() == pytest.approx([447.0, 735.1])
    assert s["investment_difference"].tolist() == pytest.approx([35.5 - 447.0, 10.0 - 735.1])
    assert s["investment_difference_pct"].iloc[0] == pytest.approx(100 * (35.5 - 447) / 447)
    usd = run("register_summary", convention="WMC", year_from=2018, year_to=2018, currency="USD",
              include_derived=True)
    assert usd["register_investment"].tolist() == pytest.approx([35.5 / 6.6])


def test_register_by_exact(tiny_db):
    from queries import run

    common = dict(convention="WMC", year_from=2018, year_to=2100, currency="CNY")
    sector = run("register_by", **common, dimension="sector")
    assert sector[["category", "projects"]].values.tolist() == [["ICs", 2], ["NEV", 2], ["Displays", 1]]
    assert sector["investment"].tolist() == pytest.approx([25.5, 13.0, 7.0])
    assert sector["share_pct"].sum() == pytest.approx(100.0)
    city = run("register_by", **common, dimension="city")
    assert dict(zip(city["category"], city["investment"])) == pytest.approx({"Hefei": 37.0, "Wuhu": 5.5, "Bengbu": 3.0})
    origin = run("register_by", **{**common, "year_from": 2019}, dimension="investor_origin")
    assert origin["category"].tolist() == ["Chinese mainland", "Japan"]
    assert run("register_by", **common, dimension="name; drop table projects").empty


def test_register_top_exact(tiny_db):
    from queries import run

    t = run("register_top_exact", convention="WMC", year_from=2018, year_to=2100, currency="CNY", limit=3)
    assert list(zip(t["year"], t["project_id"])) == [(2018, "P3"), (2018, "P1"), (2019, "P1")]
    assert t["investment"].tolist() == pytest.approx([20.0, 10.0, 7.0])


def test_ui_helpers(tiny_db):
    from ui import register

    assert register.has_register()
    data = register.page_data(F(), "city")
    assert set(data) == {"summary", "by", "top"}
    assert data["by"]["category"].iloc[0] == "Hefei"


def test_has_register_false_without_rows(db, monkeypatch):
    from ui import register

    monkeypatch.setenv("WMC_DB", str(db))
    assert register.has_register() is False


# ---------------------------------------------------------------- CSV stream

def test_stream_register_csv(tiny_db):
    from ui.register import stream_register_csv

    chunks = list(stream_register_csv(F(), chunk_rows=2))
    assert len(chunks) >= 2
    assert chunks[0].startswith(b"\xef\xbb\xbf")
    assert not any(c.startswith(b"\xef\xbb\xbf") for c in chunks[1:])
    text = b"".join(chunks).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(TINY)
    assert list(rows[0]) == COLUMNS
    by_id = {(r["year"], r["project_id"]): r for r in rows}
    assert by_id[("2018", "P2")]["name"] == "'=cmd|' /C calc'!A0"
    assert by_id[("2018", "P2")]["investor"] == "'-Minus Inc."
    assert by_id[("2019", "P2")]["investor"] == "'@Bot KK"
    assert by_id[("2018", "P1")]["investment_cny_bn"] == "10"
    assert by_id[("2018", "P2")]["investment_cny_bn"] == "5.5"
    filtered = b"".join(stream_register_csv(F(year_from=2019), sector="NEV")).decode("utf-8-sig")
    assert len(list(csv.DictReader(io.StringIO(filtered)))) == 1
    empty = b"".join(stream_register_csv(F(year_from=2030))).decode("utf-8-sig")
    assert empty.strip().split(",")[0].strip('"') == "convention"


@pytest.mark.parametrize("currency", ["CNY", "USD"])
@pytest.mark.parametrize("factor", [10, 1])  # 1: candidates barely cover the top, forcing the fallback
@pytest.mark.parametrize("span", [(2018, 2021), (2019, 2020)])
def test_fast_top_projects_equal_the_exact_query(db, tmp_path, monkeypatch, currency, factor, span):
    from ui.filters import Filters
    from ui import register as section

    path = tmp_path / "reg.parquet"
    synth.write_register(path, rows=3000, seed=11)
    build.add([path], db, create_editions=True)
    monkeypatch.setenv("WMC_DB", str(db))
    monkeypatch.setattr(section, "TOP_CANDIDATES_FACTOR", factor)
    filters = Filters("WMC", *span, currency, False)
    exact = queries.run("register_top_exact", **section._range(filters), currency=currency, limit=15)
    fast = section.top(filters, limit=15)
    assert not exact.empty
    assert fast[exact.columns].reset_index(drop=True).equals(exact.reset_index(drop=True))


def test_rollup_matches_the_register_after_each_load(db, tmp_path):
    import duckdb

    build.add([_write(tmp_path / "a.csv", TINY[:3])], db)
    build.add([_write(tmp_path / "b.csv", TINY[3:])], db)
    with duckdb.connect(str(db), read_only=True) as con:
        raw = con.execute("select year, count(*), sum(investment_cny_bn) from projects group by year order by year").fetchall()
        rolled = con.execute("select year, sum(projects), sum(investment_cny_bn) from projects_rollup "
                             "group by year order by year").fetchall()
    assert [(y, n, round(v, 6)) for y, n, v in raw] == [(y, n, round(v, 6)) for y, n, v in rolled]


def test_a_csv_register_with_a_quoted_header_is_left_to_duckdb(tmp_path):
    """Told from its first line (quoted names too), read by DuckDB from the open descriptor: not
    parsed in Python, not held in memory."""
    from loaders.intake import read_input

    register = tmp_path / "reg.csv"
    synth.write_register(register, rows=50, seed=2)
    assert register.read_text(encoding="utf-8").startswith('"convention"')
    with read_input(register) as parsed:
        assert parsed.kind == "projects" and parsed.rows is None
        assert parsed.duck_path.startswith("/proc/self/fd/")


@pytest.mark.parametrize("currency", ["CNY", "USD"])
@pytest.mark.parametrize("span", [(2018, 2021), (2019, 2020), (2020, 2020)])
def test_top_from_projects_top_equals_the_exact_query_with_ties_and_few_kept(db, tmp_path, monkeypatch, currency,
                                                                               span):
    """projects_top keeps each edition's largest (ties at the cut too); the page's top read from it
    equals the exact query over the whole register, also when only 5 per edition are kept."""
    import config
    import duckdb
    from ui.filters import Filters
    from ui import register as section

    monkeypatch.setattr(config, "REGISTER_TOP_PER_EDITION", 5)
    path = tmp_path / "reg.parquet"
    synth.write_register(path, rows=400, seed=5)
    build.add([path], db, create_editions=True)
    tied = _write(tmp_path / "tied.csv", [
        {"convention": "WMC", "year": 2020, "project_id": f"TIE{i}", "name": f"Tied {i}", "investment_cny_bn": 7777.0}
        for i in range(8)])
    build.add([tied], db)
    with duckdb.connect(str(db), read_only=True) as con:
        kept = con.execute("select count(*) from projects_top where project_id like 'TIE%'").fetchone()[0]
        per_year = dict(con.execute("select year, count(*) from projects_top group by year").fetchall())
    assert kept == 8, "all eight tied projects reach the 5th largest of 2020"
    assert per_year[2020] == 8 and all(n >= 5 for n in per_year.values())
    monkeypatch.setenv("WMC_DB", str(db))
    filters = Filters("WMC", *span, currency, False)
    for limit in (3, 5):
        exact = queries.run("register_top_exact", **section._range(filters), currency=currency, limit=limit)
        fast = section.top(filters, limit=limit)
        assert not exact.empty
        assert fast[exact.columns].reset_index(drop=True).equals(exact.reset_index(drop=True))


def test_top_without_projects_top_falls_back_to_the_register(db, tmp_path, monkeypatch):
    """A database built before projects_top existed still gets the exact top."""
    import duckdb
    from ui.filters import Filters
    from ui import register as section

    path = tmp_path / "reg.parquet"
    synth.write_register(path, rows=500, seed=3)
    build.add([path], db, create_editions=True)
    with duckdb.connect(str(db)) as con:
        con.execute("drop table projects_top")
    monkeypatch.setenv("WMC_DB", str(db))
    filters = Filters("WMC", 2018, 2021, "CNY", False)
    exact = queries.run("register_top_exact", **section._range(filters), currency="CNY", limit=10)
    assert section.top(filters, limit=10)[exact.columns].reset_index(drop=True).equals(exact.reset_index(drop=True))


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_a_clean_register_is_loaded_in_one_read_without_staging(db, tmp_path, monkeypatch, suffix):
    """The common case is checked inside the CREATE TABLE AS: no checking pass, no staging copy."""
    import duckdb
    from loaders import register as loader

    def no_staging(*args, **kwargs):
        raise AssertionError("a clean register into an empty table must not be staged")

    monkeypatch.setattr(loader, "_stage", no_staging)
    path = tmp_path / f"reg{suffix}"
    synth.write_register(path, rows=600, seed=9)
    assert build.add([path], db, create_editions=True).projects == 600
    with duckdb.connect(str(db), read_only=True) as con:
        types = dict(con.execute("select column_name, data_type from information_schema.columns "
                                 "where table_name = 'projects'").fetchall())
        assert con.execute("select count(*), count(distinct project_id) from projects").fetchone() == (600, 600)
        assert con.execute("select sum(projects) from projects_rollup").fetchone()[0] == 600
    assert types["year"] == "INTEGER" and types["investment_cny_bn"] == "DOUBLE" and types["name"] == "VARCHAR"


def test_cells_needing_a_trim_take_the_full_path_and_are_trimmed(db, tmp_path):
    import duckdb

    rows = [list(r) for r in TINY]
    rows[1][3], rows[3][7] = "  Padded name ", "Hefei "
    build.add([_write(tmp_path / "padded.csv", rows)], db)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select name from projects where year = 2018 and project_id = 'P2'").fetchone()[0] == "Padded name"
        assert con.execute("select count(*) from projects where city = 'Hefei'").fetchone()[0] == 3


def test_numbers_the_csv_reader_cannot_parse_load_as_the_rules_read_them(db, tmp_path):
    """The one-pass load lets DuckDB's CSV reader parse the number columns; a thousands separator
    or a padded number is still read as the full path reads it, and a word is still named."""
    import duckdb

    rows = [list(r) for r in TINY]
    rows[0][8], rows[2][8] = "1,250.5", " 20 "
    rows[4][1] = "2019.0"
    build.add([_write(tmp_path / "numbers.csv", rows)], db)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select investment_cny_bn from projects where year = 2018 and project_id = 'P1'"
                           ).fetchone()[0] == 1250.5
        assert con.execute("select investment_cny_bn from projects where year = 2018 and project_id = 'P3'"
                           ).fetchone()[0] == 20.0
        assert con.execute("select count(*) from projects where year = 2019").fetchone()[0] == 2
    rows[3][8] = "seven"
    with pytest.raises(LoadError) as error:
        build.add([_write(tmp_path / "word.csv", rows)], db)
    assert error.value.row == 5 and error.value.column == "investment_cny_bn" and "'seven'" in str(error.value)


def test_a_key_repeated_in_a_clean_file_is_still_named_with_its_row(db, tmp_path):
    from loaders.errors import LoadError

    rows = TINY + [TINY[0]]
    before = _sha(db)
    with pytest.raises(LoadError) as error:
        build.add([_write(tmp_path / "repeat.csv", rows)], db)
    assert "duplicate key" in str(error.value) and error.value.row == len(rows) + 1
    assert _sha(db) == before
