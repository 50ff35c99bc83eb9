"""What an add of a register costs besides DuckDB's own read: no pandas, plotly or streamlit imported, the file
read once on our side (its record copy and its digest in one pass, DuckDB loading that copy), the rollups from
the loaded table, and a failed load leaving nothing behind."""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

import config
from loaders import additions, build, intake, schema, synth
from loaders import register as loader
from loaders.errors import LoadError

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("pandas", "numpy", "pyarrow", "plotly", "streamlit")
# Runs the command line's `add` in a fresh interpreter and prints the heavy packages it imported.
PROBE = f"""
import json, sys
from loaders.__main__ import main
code = main(["add", *sys.argv[1:]])
print(json.dumps([code, sorted({{m.split(".")[0] for m in sys.modules}} & set({HEAVY!r}))]))
"""
FACTS = "year,metric,value,unit,scope\n2019,funds_in_place,5,bn CNY,probe hall\n"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _add_in_fresh_interpreter(*args: str) -> tuple[int, list[str]]:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    code, heavy = json.loads(done.stdout.strip().splitlines()[-1])
    return code, heavy


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_a_register_add_imports_no_pandas_plotly_or_streamlit(db_copy, tmp_path, suffix):
    register = tmp_path / f"reg{suffix}"
    synth.write_register(register, rows=300, seed=3)
    assert _add_in_fresh_interpreter(str(register), "--db", str(db_copy), "--create-editions") == (0, [])
    with duckdb.connect(str(db_copy), read_only=True) as con:
        assert con.execute("select count(*) from projects").fetchone()[0] == 300


def test_the_probe_sees_pandas_where_an_add_needs_it(db_copy, tmp_path):
    """A facts file is parsed into frames: the same probe reports pandas, so an empty list above means something."""
    facts = tmp_path / "facts.csv"
    facts.write_text(FACTS, encoding="utf-8")
    code, heavy = _add_in_fresh_interpreter(str(facts), "--db", str(db_copy), "--source-url", "https://example.org/p",
                                            "--publisher", "P")
    assert code == 0 and "pandas" in heavy


def test_a_register_is_hashed_in_the_copy_its_record_keeps_and_loaded_from_it(db_copy, tmp_path, monkeypatch):
    """The user's file is read once, into the record's copy; that copy is hashed (on a thread, while DuckDB loads
    it) and loaded, so a file rewritten during the load changes neither what is loaded nor what is recorded."""
    register = tmp_path / "reg.csv"
    synth.write_register(register, rows=50, seed=4)
    original = _sha(register)
    hashed = []
    real_digest = intake._digest_fd

    def digest_noting_the_file(fd):
        hashed.append(Path(os.readlink(f"/proc/self/fd/{fd}")))
        return real_digest(fd)

    monkeypatch.setattr(intake, "_digest_fd", digest_noting_the_file)
    real_apply = build._apply_add

    def rewrite_then_apply(*args, **kwargs):
        synth.write_register(register, rows=70, seed=5)  # the user's file changes once it was taken
        return real_apply(*args, **kwargs)

    monkeypatch.setattr(build, "_apply_add", rewrite_then_apply)
    assert build.add([register], db_copy, create_editions=True).projects == 50
    entry = additions.records(db_copy)[0].meta["files"][0]
    stored = additions.records(db_copy)[0].path / entry["stored"]
    assert entry["sha256"] == original == _sha(stored) != _sha(register)
    # the copy, once (in its pending folder, renamed since); never the user's file
    assert [path.name for path in hashed] == [stored.name] and register not in hashed
    with duckdb.connect(str(db_copy), read_only=True) as con:
        checksum = con.execute("select checksum from load_runs where action = 'add'").fetchone()[0]
    assert checksum == build._checksum([original])


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_a_failed_register_add_leaves_the_database_and_the_record_folder_as_they_were(db_copy, tmp_path, suffix):
    register = tmp_path / f"bad{suffix}"
    synth.write_register(register, rows=20, seed=6)
    _break_row(register, 6)  # the 7th data row: file row 8
    before = _sha(db_copy)
    with pytest.raises(LoadError, match="row 8"):
        build.add([register], db_copy, create_editions=True)
    assert _sha(db_copy) == before and not additions.additions_dir(db_copy).exists()


def _break_row(path: Path, index: int) -> None:
    """Rewrite `path` (CSV or Parquet) with row `index` (0-based data row) given a negative investment."""
    reader = "read_parquet" if path.suffix == ".parquet" else "read_csv"
    with duckdb.connect() as con:
        con.execute(f"create table r as select * from {reader}($p)", {"p": str(path)})
        con.execute("update r set investment_cny_bn = -1 where rowid = $i", {"i": index})
        path.unlink()
        options = "(format parquet)" if path.suffix == ".parquet" else "(header)"
        con.execute(f"copy (select * from r order by rowid) to '{path}' {options}")


def test_the_rollups_of_a_loaded_register_equal_their_definitions(db_copy, tmp_path, monkeypatch):
    """projects_rollup and projects_top after the one-pass load (thresholds found with the key check) hold what
    schema.ROLLUP_SELECT and schema.top_select give over the loaded table."""
    import config

    monkeypatch.setattr(config, "REGISTER_TOP_PER_EDITION", 7)
    register = tmp_path / "reg.parquet"
    synth.write_register(register, rows=2000, seed=8)
    build.add([register], db_copy, create_editions=True)
    with duckdb.connect(str(db_copy), read_only=True) as con:
        top = sorted(con.execute("select * from projects_top").fetchall())
        rollup = con.execute("select * exclude (investment_cny_bn), round(investment_cny_bn, 9) from projects_rollup "
                             "order by all").fetchall()
        assert top == sorted(con.execute(schema.top_select(7)).fetchall()) and len(top) >= 7
        assert rollup == con.execute(f"select * exclude (investment_cny_bn), round(investment_cny_bn, 9) "
                                     f"from ({schema.ROLLUP_SELECT}) order by all").fetchall()


def _tops(db: Path) -> tuple[list, list]:
    """projects_top as stored, and as its definition (schema.top_select) gives it from the stored rows."""
    with duckdb.connect(str(db), read_only=True) as con:
        stored = con.execute("select * from projects_top order by all").fetchall()
        defined = con.execute(f"select * from ({schema.top_select(config.REGISTER_TOP_PER_EDITION)}) order by all")
        return stored, defined.fetchall()


@pytest.mark.parametrize("beside", ["counted beside the load", "counted after it"])
def test_a_parquet_registers_editions_are_counted_beside_its_load_or_after_it(db_copy, tmp_path, monkeypatch, beside):
    """A Parquet register's key check and top thresholds come from a second cursor while the CTAS runs (the
    reader leaves a core idle); when that count fails, the load counts after the CTAS instead. Either way the
    top equals its definition and the rollup holds every row."""
    register = tmp_path / "reg.parquet"
    synth.write_register(register, rows=3000, seed=8)
    if beside == "counted beside the load":
        monkeypatch.setattr(loader, "_count_editions", lambda *a: pytest.fail("counted again after the load"))
    else:
        monkeypatch.setattr(loader, "_editions_of", lambda cursor, *_: cursor.close())  # nothing counted (None)
    assert build.add([register], db_copy, create_editions=True).projects == 3000
    stored, defined = _tops(db_copy)
    assert stored == defined and len(stored) >= config.REGISTER_TOP_PER_EDITION
    with duckdb.connect(str(db_copy), read_only=True) as con:
        assert con.execute("select sum(projects) from projects_rollup").fetchone()[0] == 3000


def test_a_key_repeated_in_a_parquet_register_is_named_with_its_row(db_copy, tmp_path):
    """The count beside the load finds the repeat (fewer distinct keys than rows): the full path names its row."""
    register = tmp_path / "reg.parquet"
    synth.write_register(register, rows=40, seed=2)
    with duckdb.connect() as con:
        con.execute("create table r as select * from read_parquet($p)", {"p": str(register)})
        con.execute("insert into r select * from r where rowid = 5")
        register.unlink()
        con.execute(f"copy r to '{register}' (format parquet)")
    before = _sha(db_copy)
    with pytest.raises(LoadError) as error:
        build.add([register], db_copy, create_editions=True)
    assert "duplicate key" in str(error.value) and error.value.row == 42  # the 41st data row, after the header
    assert _sha(db_copy) == before
