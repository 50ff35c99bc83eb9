"""The register's one-pass load checks the columns its groups hold (convention, sector, city, investor origin,
status, and a Parquet register's integer year) over those groups instead of over every row: a bad cell there is
still refused with its file, row and column, a cell needing a trim still loads trimmed, and the rollup still equals
its definition."""
from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from loaders import build, schema
from loaders.errors import LoadError

COLUMNS = schema.TABLES["projects"].column_names
ROWS = [
    # convention, year, project_id, name, investor, investor_origin, sector, city, investment, status
    ("WMC", 2018, "P1", "Battery plant", "Acme Co., Ltd.", "Chinese mainland", "NEV", "Hefei", 10.0, "signed"),
    ("WMC", 2018, "P2", "Fab", "Chip AG", "Germany", "ICs", "Wuhu", 5.5, "in operation"),
    ("WMC", 2019, "P1", "Panel line", "Acme Co., Ltd.", "Chinese mainland", None, "Hefei", 7.0, "signed"),
    ("WMC", 2019, "P2", "Robot works", "Bot KK", "Chinese mainland", "(not given)", "Hefei", None, "cancelled"),
]


def _write(path: Path, rows) -> Path:
    frame = pd.DataFrame(rows, columns=COLUMNS)
    if path.suffix == ".parquet":
        frame.astype({"year": "int32", "investment_cny_bn": float}).to_parquet(path)
    else:
        frame.to_csv(path, index=False)
    return path


def _with(row: int, column: str, value) -> list:
    rows = [list(r) for r in ROWS]
    rows[row][COLUMNS.index(column)] = value
    return rows


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
@pytest.mark.parametrize("row, column, value, words", [
    (2, "city", "He\u202efei", "U+202E"),
    (1, "sector", "IC\u200bs", "U+200B"),
    (3, "investor_origin", "Chi\ufeffna", "U+FEFF"),
    (0, "convention", "", "missing"),
    (2, "status", "pending", "pending"),
    (1, "status", "sig\u200bned", "is not one of"),
    (3, "year", 2017, "2017"),
    (0, "year", 2101, "2101"),
])
def test_a_bad_rollup_cell_is_named_and_changes_nothing(db_copy, tmp_path, suffix, row, column, value, words):
    before = _sha(db_copy)
    with pytest.raises(LoadError) as err:
        build.add([_write(tmp_path / f"bad{suffix}", _with(row, column, value))], db_copy)
    assert (err.value.row, err.value.column) == (row + 2, column)
    assert words in err.value.message
    assert _sha(db_copy) == before


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_a_rollup_cell_needing_a_trim_loads_trimmed(db_copy, tmp_path, suffix):
    build.add([_write(tmp_path / f"pad{suffix}", _with(1, "city", " Wuhu "))], db_copy)
    with duckdb.connect(str(db_copy), read_only=True) as con:
        assert con.execute("select city from projects where year = 2018 and project_id = 'P2'").fetchone() == ("Wuhu",)


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_the_rollup_from_groups_equals_its_definition(db_copy, tmp_path, suffix):
    """A blank sector and a sector '(not given)' fall into one rollup row, as schema.ROLLUP_SELECT puts them."""
    build.add([_write(tmp_path / f"reg{suffix}", ROWS)], db_copy)
    with duckdb.connect(str(db_copy), read_only=True) as con:
        rollup = con.execute("select * from projects_rollup order by all").fetchall()
        assert rollup == con.execute(f"select * from ({schema.ROLLUP_SELECT}) order by all").fetchall()
        assert con.execute("select projects, investment_cny_bn from projects_rollup where year = 2019 "
                           "and sector = '(not given)'").fetchall() == [(2, 7.0)]
