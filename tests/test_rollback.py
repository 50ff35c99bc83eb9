"""Previous versions and rollback (loaders/versions.py): the restored database holds the previous
one's data row for row (its load history grows: the rollback is a run of its own and the undone loads
are marked, see tests/test_additions_survive.py), versions on disk are bounded, a rollback is refused when it would undo the wrong
thing, and it takes the same write lock as every other write."""
from __future__ import annotations

import os
import threading

import duckdb
import pytest

from loaders import versions, write_lock
from loaders.__main__ import main
from loaders.build import build, sha256_file
from loaders.errors import LoadError

SOURCE = ["--source-url", "https://example.org/rollback", "--publisher", "Fixture Post", "--published-on", "2024-05-01"]


def facts_file(folder, year: int, value: int):
    path = folder / f"funds-{year}-{value}.csv"
    path.write_text(f"year,metric,value,unit\n{year},funds_in_place,{value},bn CNY\n", encoding="utf-8")
    return path


def data(db) -> dict:
    """Every row of every table but the load history (which a rollback extends, never restores)."""
    return {t: rows for t, rows in contents(db).items() if t != "load_runs"}


def add(db, path) -> int:
    return main(["add", str(path), "--db", str(db), *SOURCE])


def contents(db) -> dict:
    """Every row of every table, in order: what a reader of the database can see."""
    with duckdb.connect(str(db), read_only=True) as con:
        tables = [r[0] for r in con.execute("select table_name from duckdb_tables() order by 1").fetchall()]
        return {t: con.execute(f'select * from "{t}" order by all').fetchall() for t in tables}


@pytest.fixture
def loaded(fixture_world, tmp_path):
    """A database built from the fixture world, then one add: one previous version kept."""
    db = tmp_path / "db" / "world.duckdb"
    build(fixture_world, db)
    built = (data(db), contents(db))
    assert add(db, facts_file(tmp_path, 2019, 11)) == 0
    return db, built


def test_rollback_restores_the_previous_data_and_keeps_the_history(loaded):
    db, (built_data, built_rows) = loaded
    assert data(db) != built_data
    restored = versions.rollback(db)
    assert data(db) == built_data
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select run_id, action, undone_by from load_runs order by run_id").fetchall() == [
            (1, "build", None), (2, "add", 3), (3, "rollback", None)]
    assert (restored.run_id, restored.action) == (1, "build")
    before = sha256_file(db)
    with pytest.raises(LoadError, match="no previous version is kept"):
        versions.rollback(db)  # the build had nothing before it
    assert sha256_file(db) == before


def test_each_write_keeps_one_version_and_at_most_the_limit(fixture_world, tmp_path, monkeypatch):
    monkeypatch.setenv("WMC_KEEP_VERSIONS", "2")
    db = tmp_path / "world.duckdb"
    build(fixture_world, db)
    shas = [data(db)]
    for year in (2019, 2020, 2021):
        assert add(db, facts_file(tmp_path, year, 11)) == 0
        shas.append(data(db))
    assert sorted(p.name for p in versions.versions_dir(db).iterdir()) == ["v000002.duckdb", "v000003.duckdb"]
    assert [v.run_id for v in versions.kept_versions(db)] == [3, 2]
    versions.rollback(db)
    assert data(db) == shas[2]
    versions.rollback(db)
    assert data(db) == shas[1]
    with pytest.raises(LoadError, match="no previous version"):
        versions.rollback(db)


def test_a_rebuild_keeps_the_history_and_can_be_rolled_back(loaded, fixture_world):
    db, _ = loaded
    before = data(db)
    build(fixture_world, db)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select run_id, action from load_runs order by run_id").fetchall() == [
            (1, "build"), (2, "add"), (3, "build")]
    assert data(db) == before  # the build replayed the add
    versions.rollback(db)
    assert data(db) == before


def test_a_rollback_checked_against_an_older_version_is_refused(loaded, tmp_path):
    db, _ = loaded
    shown = versions.file_version(db)
    assert add(db, facts_file(tmp_path, 2020, 5)) == 0  # someone else loads meanwhile
    now = sha256_file(db)
    with pytest.raises(LoadError, match="changed since it was shown"):
        versions.rollback(db, expected_version=shown)
    assert sha256_file(db) == now
    versions.rollback(db, expected_version=versions.file_version(db))
    assert sha256_file(db) != now


def test_a_rollback_waits_for_the_write_lock_and_gives_up(loaded, monkeypatch):
    db, _ = loaded
    monkeypatch.setenv("WMC_LOCK_TIMEOUT_S", "0.3")
    before = sha256_file(db)
    with write_lock.exclusive(db):  # another writer (a load, a rollback) holds the lock
        with pytest.raises(LoadError, match="another load is writing"):
            versions.rollback(db)
    assert sha256_file(db) == before


def test_a_load_cannot_interleave_with_a_rollback(loaded, tmp_path, monkeypatch):
    """The rollback holds the lock from its checks to its rename: a load started meanwhile waits
    (here: gives up), and never writes a copy of the version being rolled away."""
    db, (built_data, _) = loaded
    monkeypatch.setenv("WMC_LOCK_TIMEOUT_S", "0.3")
    from loaders import build as build_mod

    inside, release = threading.Event(), threading.Event()
    real_check = build_mod.check_readable

    def slow_check(path):
        inside.set()
        release.wait(10)
        return real_check(path)

    monkeypatch.setattr(build_mod, "check_readable", slow_check)
    rolling = threading.Thread(target=versions.rollback, args=(db,))
    rolling.start()
    try:
        assert inside.wait(10)
        assert add(db, facts_file(tmp_path, 2020, 7)) == 2  # refused: the rollback holds the lock
    finally:
        release.set()
        rolling.join(10)
    assert data(db) == built_data


def test_a_kept_copy_left_by_a_killed_write_is_not_taken_for_the_previous_version(loaded):
    """A write killed between keeping the current file and renaming its new one over it leaves a
    kept version that is the database itself: rollback skips it."""
    db, (built_data, _) = loaded
    versions.keep(db)  # as the killed write did
    versions.keep(db)
    assert len(list(versions.versions_dir(db).iterdir())) == 2  # the build's, and the database once
    os.link(db, versions.versions_dir(db) / "v000009.duckdb")  # or a link made by hand
    versions.rollback(db)
    assert data(db) == built_data


def test_a_damaged_previous_version_is_refused(loaded):
    db, _ = loaded
    before = sha256_file(db)
    kept = versions.kept_versions(db)[0].path
    kept.unlink()
    kept.write_bytes(b"not a database")
    with pytest.raises(LoadError, match="cannot be read"):
        versions.rollback(db)
    assert sha256_file(db) == before


def test_cli_rollback_lists_and_rolls_back(loaded, capsys):
    db, (built_data, _) = loaded
    assert main(["rollback", "--db", str(db), "--check"]) == 0
    out = capsys.readouterr().out
    assert "1 previous version(s)" in out and "run 1 (build" in out
    assert main(["rollback", "--db", str(db)]) == 0
    assert "rolled back" in capsys.readouterr().out
    assert data(db) == built_data
    assert main(["rollback", "--db", str(db)]) == 2
    assert "no previous version" in capsys.readouterr().err


KILLS = 6


def test_a_rollback_killed_at_any_moment_leaves_a_readable_database(loaded, tmp_path):
    """kill -9 of `python -m loaders rollback` at moments spread over its run: the database is
    always readable and either still the current version (the kept one still there, so the rollback
    can be run again) or the previous one."""
    import random
    import shutil
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    from loaders.build import check_readable

    db, (built_data, _) = loaded
    current_sha = sha256_file(db)
    saved = tmp_path / "saved"
    saved.mkdir()
    shutil.copy2(db, saved / db.name)
    shutil.copytree(versions.versions_dir(db), saved / "versions")
    root = Path(__file__).resolve().parents[1]
    command = [sys.executable, "-m", "loaders", "rollback", "--db", str(db)]

    def restore():
        shutil.rmtree(versions.versions_dir(db))
        shutil.copytree(saved / "versions", versions.versions_dir(db))
        shutil.copy2(saved / db.name, db)

    started = time.monotonic()
    assert subprocess.run(command, cwd=root, capture_output=True, timeout=120).returncode == 0
    duration = time.monotonic() - started
    rng = random.Random(13)
    outcomes = []
    for _ in range(KILLS):
        restore()
        proc = subprocess.Popen(command, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.5, 1.05) * duration)
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        check_readable(db)  # raises if damaged
        sha = sha256_file(db)
        assert sha == current_sha or data(db) == built_data
        outcomes.append("before" if sha == current_sha else "after")
        if sha == current_sha:  # cut off before its rename: the kept version is whole, run it again
            versions.rollback(db)
            assert data(db) == built_data
        else:  # cut off after its rename (perhaps before the kept file was removed): nothing left to undo
            with pytest.raises(LoadError, match="no previous version"):
                versions.rollback(db)
            assert data(db) == built_data
    print(f"rollback killed {KILLS} times after a full run of {duration:.1f} s: {outcomes}")
