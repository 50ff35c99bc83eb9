"""Atomic build and add: a failure leaves the old database byte-identical and no temp files."""
from __future__ import annotations

import shutil

import duckdb
import pytest

from loaders import build as build_mod
from loaders.__main__ import main
from loaders.build import sha256_file
from loaders.errors import LoadError

SOURCE = ["--source-url", "https://example.org/user-file", "--publisher", "Fixture Post",
          "--published-on", "2024-05-01"]


def query(db, sql, params=None):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def siblings(db) -> list[str]:
    """Files beside the database, but for its write lock (which stays, as lock files do)."""
    return sorted(p.name for p in db.parent.iterdir() if p.name != db.name + ".lock")


def add(db, *args) -> int:
    return main(["add", *map(str, args), "--db", str(db)])


# ---------------------------------------------------------------- build

def test_build_loads_the_fixture_world(fixture_db):
    assert query(fixture_db, "select year, value, qualifier from facts where metric = 'projects_signed' "
                             "order by year") == [(2018, 430.0, "more_than"), (2019, 638.0, "exact"),
                                                  (2020, 684.0, "about")]
    assert query(fixture_db, "select organization, first_year, editions from organizations order by 1") == [
        ("Chinese Academy of Engineering", 2021, 1),
        ("Ministry of Industry and Information Technology", 2019, 2),
        ("People's Government of Anhui Province", 2019, 2),
        ("Republic of Korea", 2021, 1),
    ]
    assert query(fixture_db, "select run_id, action, rows from load_runs") == [(1, "build", 53)]


def test_build_failing_mid_way_keeps_the_old_database(db_copy, fixture_world, monkeypatch):
    before = sha256_file(db_copy)
    real_insert, calls = build_mod._insert, []

    def flaky_insert(con, table, frame):
        calls.append(table)
        if len(calls) == 3:
            raise RuntimeError("disk fell off")
        real_insert(con, table, frame)

    monkeypatch.setattr(build_mod, "_insert", flaky_insert)
    with pytest.raises(RuntimeError, match="disk fell off"):
        build_mod.build(fixture_world, db_copy)
    assert calls == ["sources", "metrics", "editions"]
    assert sha256_file(db_copy) == before
    assert siblings(db_copy) == ["world.duckdb"]


def test_build_from_a_corrupt_folder_keeps_the_old_database(db_copy, fixture_world, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(fixture_world, data)
    facts = (data / "facts.csv").read_text().replace("WMC,2019,attendees,4500,", "WMC,2019,attendees,-4500,")
    (data / "facts.csv").write_text(facts)
    before = sha256_file(db_copy)
    with pytest.raises(LoadError) as err:
        build_mod.build(data, db_copy)
    assert (err.value.row, err.value.column) == (7, "value")
    assert "negative" in err.value.problem
    assert sha256_file(db_copy) == before
    assert siblings(db_copy) == ["data", "world.duckdb"]


def test_build_into_a_new_file(tmp_path, fixture_world):
    db = tmp_path / "sub" / "new.duckdb"
    assert build_mod.build(fixture_world, db) == 53
    assert siblings(db) == ["new.duckdb"]


# ---------------------------------------------------------------- add

WIDE = "年份,签约项目,展览面积（万平方米）,国家和地区\n2021,520,,\"45\"\n2022,600+,4.5,\n"


def test_add_wide_csv_end_to_end(db_copy, tmp_path, capsys):
    path = tmp_path / "wide.csv"
    path.write_bytes(WIDE.encode("gbk"))
    before = sha256_file(db_copy)
    # 2022 has no edition in the fixture world: its figures would show on no page, so they are
    # refused until the edition is asked for, and then it is created with them.
    assert add(db_copy, path, *SOURCE) == 2
    assert "no edition WMC 2022 is stored" in capsys.readouterr().err
    assert sha256_file(db_copy) == before
    assert add(db_copy, path, *SOURCE, "--create-editions") == 0
    out = capsys.readouterr().out
    assert "4 new fact(s), 0 updated, 0 unchanged, 0 conflict(s)" in out
    assert "+ edition WMC 2022 (no. 5, Hefei" in out
    assert query(db_copy, "select edition_no, city, start_date from editions where year = 2022") == [(5, "Hefei", None)]
    sid = build_mod.source_id_for("https://example.org/user-file")
    assert query(db_copy, "select year, metric, value, unit, qualifier, scope, source_id from facts "
                          "where source_id like 'user-%' order by year, metric") == [
        (2021, "countries_regions", 45.0, "countries and regions", "exact", "whole convention", sid),
        (2021, "projects_signed", 520.0, "projects", "exact", "whole convention", sid),
        (2022, "exhibition_area", 45000.0, "m2", "exact", "exhibition", sid),
        (2022, "projects_signed", 600.0, "projects", "more_than", "whole convention", sid),
    ]
    assert query(db_copy, "select publisher, url, published_on::varchar from sources where source_id = ?",
                 [sid]) == [("Fixture Post", "https://example.org/user-file", "2024-05-01")]
    assert query(db_copy, "select run_id, action, files, rows from load_runs order by run_id") == [
        (1, "build", "breakdowns.csv, claim_scopes.csv, claims.csv, editions.csv, facts.csv, fx_rates.csv, metrics.csv, "
                     "participation.csv, sources.csv", 53),
        (2, "add", "wide.csv", 4),
    ]


def test_add_csv_and_json_with_their_own_source_columns(db_copy, loader_fixtures, capsys):
    # the file's 2021 exhibition area (40,000) differs from the stored 43,000: take the new one
    assert add(db_copy, loader_fixtures / "long_semicolon.csv", "--prefer", "new") == 0
    assert "2 new fact(s), 1 updated, 0 unchanged, 0 conflict(s)" in capsys.readouterr().out
    assert query(db_copy, "select f.year, f.metric, f.value, s.publisher from facts f join sources s "
                          "using (source_id) where f.year = 2021 and f.source_id like 'user-%' order by 2") == [
        (2021, "exhibition_area", 40000.0, "Fixture Wire"),
        (2021, "investment_signed", 900.0, "Fixture Wire"),
        (2021, "projects_signed", 500.0, "Fixture Wire"),
    ]
    json_file = loader_fixtures / "long.json"
    assert add(db_copy, json_file, *SOURCE, "--create-editions") == 0
    assert query(db_copy, "select metric, value, qualifier from facts where year = 2024 order by 1") == [
        ("attendees", 3000.0, "more_than"), ("countries_regions", 40.0, "about"),
        ("investment_signed_usd_reported", 110.5, "exact")]
    assert [r[0] for r in query(db_copy, "select action from load_runs order by run_id")] == ["build", "add", "add"]


def test_add_xlsx(db_copy, tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Year", "Investment (bn CNY)", "Exhibitors"])
    book.active.append([2021, 910.5, "about 1000"])
    book.save(tmp_path / "w.xlsx")
    assert add(db_copy, tmp_path / "w.xlsx", *SOURCE) == 0
    assert query(db_copy, "select metric, value, qualifier, scope from facts where year = 2021 "
                          "and source_id like 'user-%' order by 1") == [
        ("exhibitors", 1000.0, "about", "exhibition"), ("investment_signed", 910.5, "exact", "whole convention")]


@pytest.mark.parametrize("name, content, message", [
    ("bad.csv", "year,projects,attendees\n2021,5,6\n2022,7,-1\n", "bad.csv, row 3, column 'attendees': "),
    ("bad.csv", "year,projects,widgets\n2021,5,6\n", "bad.csv, row 2, column 'widgets': unknown metric 'widgets'"),
    ("bad.csv", "year,metric,value\n2021,projects,5\n2021,projects,6\n",
     "bad.csv, row 3, column 'scope': duplicate key"),
    ("bad.json", '[{"year": 2021, "metric": "attendees", "value": "lots"}]',
     "bad.json, row 2, column 'value': 'lots' is not a number"),
    ("bad.xlsx", "not a workbook", "bad.xlsx: not an .xlsx workbook"),
])
def test_add_broken_file_exits_2_and_writes_nothing(db_copy, tmp_path, capsys, name, content, message):
    path = tmp_path / name
    path.write_text(content)
    before = sha256_file(db_copy)
    assert add(db_copy, path, *SOURCE) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err
    assert sha256_file(db_copy) == before
    assert siblings(db_copy) == sorted([name, "world.duckdb"])


def test_add_without_a_source_exits_2(db_copy, tmp_path, capsys):
    path = tmp_path / "nosource.csv"
    path.write_text("year,projects\n2022,5\n")
    assert add(db_copy, path) == 2
    assert "nosource.csv, row 2, column 'source_url': figure has no source" in capsys.readouterr().err


def test_add_check_writes_nothing(db_copy, tmp_path, capsys):
    path = tmp_path / "new.csv"
    path.write_text("year,projects\n2022,5\n")
    before = sha256_file(db_copy)
    assert add(db_copy, path, *SOURCE, "--check") == 0
    out = capsys.readouterr().out
    assert out.startswith("would change (nothing written):\n1 new fact(s)")
    assert "+ WMC 2022 projects_signed [whole convention] = 5 projects (exact)" in out
    assert sha256_file(db_copy) == before


CONFLICT = "year,projects\n2019,640\n"  # the fixture world stores 638 for 2019


def test_add_conflict_without_prefer_exits_2_and_writes_nothing(db_copy, tmp_path, capsys):
    path = tmp_path / "conflict.csv"
    path.write_text(CONFLICT)
    before = sha256_file(db_copy)
    assert add(db_copy, path, *SOURCE) == 2
    err = capsys.readouterr().err
    assert "1 figure(s) conflict with stored ones; nothing was written" in err
    assert "! conflict WMC 2019 projects_signed [whole convention]: stored 638 (src-b), new 640" in err
    assert sha256_file(db_copy) == before
    assert siblings(db_copy) == ["conflict.csv", "world.duckdb"]


@pytest.mark.parametrize("prefer, value, runs", [("new", 640.0, 2), ("old", 638.0, 2)])
def test_add_conflict_with_prefer(db_copy, tmp_path, prefer, value, runs):
    path = tmp_path / "conflict.csv"
    path.write_text(CONFLICT)
    assert add(db_copy, path, *SOURCE, "--prefer", prefer) == 0
    assert query(db_copy, "select value from facts where year = 2019 and metric = 'projects_signed'") == [(value,)]
    assert len(query(db_copy, "select * from load_runs")) == runs


def test_add_same_figure_again_is_unchanged(db_copy, tmp_path, capsys):
    path = tmp_path / "same.csv"
    path.write_text("year,projects\n2019,638\n")
    assert add(db_copy, path, *SOURCE) == 0
    assert "0 new fact(s), 0 updated, 1 unchanged" in capsys.readouterr().out


def test_add_to_a_missing_database_exits_2(tmp_path, capsys):
    path = tmp_path / "x.csv"
    path.write_text("year,projects\n2019,1\n")
    assert add(tmp_path / "none.duckdb", path, *SOURCE) == 2
    assert "database does not exist" in capsys.readouterr().err
    assert not (tmp_path / "none.duckdb").exists()


def test_internal_error_exits_1(db_copy, tmp_path, monkeypatch, capsys):
    path = tmp_path / "x.csv"
    path.write_text("year,projects\n2022,1\n")
    before = sha256_file(db_copy)

    def boom(*args, **kwargs):
        raise RuntimeError("unexpected")

    monkeypatch.setattr(build_mod, "_record_run", boom)
    assert add(db_copy, path, *SOURCE, "--create-editions") == 1
    assert "internal error: RuntimeError: unexpected" in capsys.readouterr().err
    assert sha256_file(db_copy) == before
    assert siblings(db_copy) == ["world.duckdb", "x.csv"]


def test_a_core_figure_under_another_scope_conflicts_with_the_stored_one(db_copy, tmp_path, capsys):
    from loaders.__main__ import main
    from loaders.build import sha256_file

    upload = tmp_path / "scoped.csv"
    upload.write_text("year,metric,value,scope\n2019,attendees,4600,all activities\n", encoding="utf-8")
    before = sha256_file(db_copy)
    args = ["add", str(upload), "--db", str(db_copy), "--source-url", "https://example.org/s", "--publisher", "P"]
    assert main(args) == 2  # 2019 already has an attendees figure (scope "whole convention")
    assert "conflict" in capsys.readouterr().err
    assert sha256_file(db_copy) == before
    assert main(args + ["--prefer", "new"]) == 0
    import duckdb
    with duckdb.connect(str(db_copy), read_only=True) as con:
        assert con.execute("select value, scope from facts where year = 2019 and metric = 'attendees'").fetchall() \
            == [(4600.0, "all activities")]
