"""`python -m loaders` as a user runs it: exit codes and messages."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]


def run(*args, cwd=ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "loaders", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_build_fixture_world(tmp_path, fixture_world):
    db = tmp_path / "cli.duckdb"
    result = run("build", "--db", db, "--data", "tests/fixtures/world")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"built {db}: 53 rows from tests/fixtures/world\n"
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select count(*) from facts").fetchone() == (12,)


def test_build_missing_data_dir_exits_2(tmp_path):
    db = tmp_path / "cli.duckdb"
    result = run("build", "--db", db, "--data", tmp_path / "nowhere")
    assert result.returncode == 2
    assert result.stderr == (f"error: {tmp_path / 'nowhere' / 'sources.csv'}: "
                             "file is missing: the embedded dataset needs sources.csv\n")
    assert not db.exists()


def test_build_bad_cell_exits_2_naming_file_row_column(tmp_path, fixture_world):
    data = tmp_path / "data"
    data.mkdir()
    for path in fixture_world.iterdir():
        (data / path.name).write_bytes(path.read_bytes())
    (data / "editions.csv").write_text((fixture_world / "editions.csv").read_text().replace(",offline,", ",onsite,", 1))
    result = run("build", "--db", tmp_path / "x.duckdb", "--data", data)
    assert result.returncode == 2
    assert f"{data / 'editions.csv'}, row 2, column 'format': 'onsite' is not one of" in result.stderr


def test_add_check_via_subprocess(tmp_path, fixture_db):
    path = tmp_path / "new.csv"
    path.write_text("year,attendees\n2021,about 5000\n")
    result = run("add", path, "--db", fixture_db, "--check", "--source-url", "https://example.org/n",
                 "--publisher", "Fixture Post", "--published-on", "2021-12-01")
    assert result.returncode == 0, result.stderr
    assert "+ WMC 2021 attendees [whole convention] = 5000 people (about)" in result.stdout


def test_usage_error_exits_2():
    assert run("build", "--no-such-flag").returncode == 2
