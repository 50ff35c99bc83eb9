"""The register as a hive-partitioned Parquet dataset: export, safe paths, identical query results."""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

import config
import queries
from loaders import build, schema, synth
from loaders.__main__ import main as loaders_cli
from loaders.errors import LoadError
from loaders.register_parquet import export_register
from queries import register_dataset
from ui import register as section
from ui.filters import Filters

RANGES = [(2018, 2025), (2019, 2021), (2024, 2024)]


@pytest.fixture
def register_db(db_copy, tmp_path, monkeypatch) -> Path:
    """The fixture world with a synthetic register of 3,000 rows over every edition."""
    path = tmp_path / "register.parquet"
    synth.write_register(path, rows=3000, seed=7)
    build.add([path], db_copy, create_editions=True)
    monkeypatch.setenv("WMC_DB", str(db_copy))
    monkeypatch.delenv("WMC_REGISTER_PARQUET", raising=False)
    return db_copy


def _all_register_results() -> dict:
    """Every named register query (and the page helpers over them) for a few filter sets."""
    out = {"exists": queries.run("register_exists")}
    for first, last in RANGES:
        span = dict(convention="WMC", year_from=first, year_to=last)
        for currency in ("CNY", "USD"):
            out[("summary", first, last, currency)] = queries.run(
                "register_summary", **span, currency=currency, include_derived=True)
            for dimension in ("sector", "city", "investor_origin"):
                out[("by", first, last, currency, dimension)] = queries.run(
                    "register_by", **span, currency=currency, dimension=dimension)
            out[("top", first, last, currency)] = queries.run("register_top_exact", **span, currency=currency,
                                                              limit=25)
            out[("fast top", first, last, currency)] = section.top(Filters("WMC", first, last, currency, True))
        out[("candidates", first, last)] = queries.run("register_top_candidates", **span, candidates=200)
        out[("rows", first, last)] = queries.run("register_rows", **span, sector=None, city="Hefei",
                                                 investor_origin=None, max_rows=100_000)
        out[("csv", first, last)] = b"".join(section.stream_register_csv(Filters("WMC", first, last, "CNY", True)))
    return out


def _assert_same(from_table: dict, from_parquet: dict) -> None:
    assert from_table.keys() == from_parquet.keys()
    for key, expected in from_table.items():
        got = from_parquet[key]
        if isinstance(expected, bytes):
            assert got == expected, key
        else:
            # Same rows, order, columns and dtypes; text and integers exactly. A sum of doubles may
            # differ in its last bits because DuckDB adds the same values in another order.
            pd.testing.assert_frame_equal(got, expected, check_exact=False, rtol=1e-12, atol=0, obj=str(key))


def test_named_queries_give_identical_results_from_the_table_and_the_dataset(register_db, tmp_path, monkeypatch):
    from_table = _all_register_results()
    assert len(from_table[("rows", 2018, 2025)]) > 100  # the comparison covers real rows
    assert from_table[("summary", 2018, 2025, "CNY")]["register_projects"].sum() == 3000
    dataset = tmp_path / "register"
    assert export_register(register_db, dataset) == 3000
    assert sorted(p.name for p in dataset.iterdir()) == [f"year={y}" for y in range(2018, 2026)]
    monkeypatch.setenv("WMC_REGISTER_PARQUET", str(dataset))
    from_parquet = _all_register_results()
    assert queries.current_version() is not None and queries._current["generation"].dataset is not None
    _assert_same(from_table, from_parquet)


def test_the_dataset_is_what_is_read_not_the_table(register_db, fixture_db, tmp_path, monkeypatch):
    """A database without a register, pointed at a dataset, shows the dataset's rows."""
    dataset = tmp_path / "register"
    export_register(register_db, dataset)
    monkeypatch.setenv("WMC_DB", str(fixture_db))
    assert not section.has_register()
    monkeypatch.setenv("WMC_REGISTER_PARQUET", str(dataset))
    assert section.has_register()
    summary = section.summary(Filters("WMC", 2018, 2025, "CNY", True))
    assert summary["register_projects"].sum() == 3000


def test_a_new_export_is_swapped_in_atomically_and_old_versions_are_pruned(register_db, tmp_path, monkeypatch):
    dataset = tmp_path / "register"
    export_register(register_db, dataset)
    first = os.readlink(dataset)
    monkeypatch.setenv("WMC_REGISTER_PARQUET", str(dataset))
    before = section.summary(Filters("WMC", 2018, 2025, "CNY", True))["register_projects"].sum()
    more = tmp_path / "more.csv"
    pd.DataFrame([("WMC", 2020, "EXTRA-1", "Extra plant", None, None, "displays", "Hefei", 1.5, "signed")],
                 columns=schema.TABLES["projects"].column_names).to_csv(more, index=False)
    build.add([more], register_db)
    export_register(register_db, dataset)
    assert os.readlink(dataset) != first and dataset.is_symlink()
    after = section.summary(Filters("WMC", 2018, 2025, "CNY", True))["register_projects"].sum()
    assert (before, after) == (3000, 3001)  # the next query reads the new version
    export_register(register_db, dataset)
    versions = sorted(p.name for p in tmp_path.glob("register.v*"))
    assert len(versions) == 2 and os.readlink(dataset) == versions[-1]  # current + previous
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".register.link-*"))


@pytest.mark.parametrize("name", ["it's", 'say"hi', "star*", "any?", "[ab]", "{a,b}", "back\\slash",
                                  "new\nline", "semi;colon"])
def test_unsafe_dataset_paths_are_refused_by_reader_and_writer(register_db, tmp_path, monkeypatch, name):
    unsafe = tmp_path / name
    unsafe.mkdir()
    (unsafe / "year=2018").mkdir()
    export_register(register_db, tmp_path / "ok")
    # A real dataset behind the name: refused all the same, never globbed or quoted into SQL.
    for part in (tmp_path / "ok").resolve().iterdir():
        os.symlink(part, unsafe / f"copy_{part.name}")
    monkeypatch.setenv("WMC_REGISTER_PARQUET", str(unsafe))
    with pytest.raises(queries.RegisterDatasetUnusable, match="may not contain"):
        queries.run("register_exists")
    with pytest.raises(LoadError, match="may not contain"):
        export_register(register_db, unsafe)
    assert config.UNSAFE_PATH_CHARACTERS & set(name)


def test_missing_empty_url_and_file_paths_are_refused(register_db, tmp_path, monkeypatch):
    empty = tmp_path / "empty"
    empty.mkdir()
    a_file = tmp_path / "file.parquet"
    a_file.write_bytes(b"PAR1")
    for value, words in [(str(tmp_path / "nowhere"), "not an existing directory"),
                         (str(a_file), "not an existing directory"),
                         (str(empty), "holds no .parquet file"),
                         ("s3://bucket/register", "is a URL")]:
        monkeypatch.setenv("WMC_REGISTER_PARQUET", value)
        with pytest.raises(queries.RegisterDatasetUnusable, match=words):
            queries.run("register_exists")
    monkeypatch.delenv("WMC_REGISTER_PARQUET")
    assert not queries.run("register_exists").empty  # unset again: the table


def test_export_refuses_a_real_folder_an_empty_register_and_a_missing_database(register_db, fixture_db, tmp_path):
    folder = tmp_path / "already"
    folder.mkdir()
    with pytest.raises(LoadError, match="not a dataset link"):
        export_register(register_db, folder)
    with pytest.raises(LoadError, match="no register rows"):
        export_register(fixture_db, tmp_path / "none")
    assert not (tmp_path / "none").exists() and not list(tmp_path.glob("none.v*"))
    with pytest.raises(LoadError, match="no such database"):
        export_register(tmp_path / "missing.duckdb", tmp_path / "x")


def test_cli_exports_and_reports_bad_paths(register_db, tmp_path, capsys):
    assert loaders_cli(["export-register", "--db", str(register_db), "--parquet", str(tmp_path / "reg")]) == 0
    assert "exported 3000 register rows" in capsys.readouterr().out
    assert loaders_cli(["export-register", "--db", str(register_db), "--parquet", str(tmp_path / "r*")]) == 2
    assert "may not contain" in capsys.readouterr().err


def test_view_statements_quote_only_vetted_paths(tmp_path):
    statements = register_dataset.view_statements(tmp_path / "reg")
    assert f"read_parquet('{tmp_path / 'reg'}/**/*.parquet', hive_partitioning = true" in statements[0]
    with pytest.raises(config.DatasetPathError):
        register_dataset.view_statements(tmp_path / "it's")
