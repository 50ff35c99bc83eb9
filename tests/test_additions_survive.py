"""What the admins add survives every rebuild (loaders/additions.py): an add is recorded beside the
database and replayed by each build; a build that would lose one refuses and names it, unless told to
discard (which is recorded); the load history is append-only; `ensure` (make run) leaves a fresh
database alone; a write cut off between its steps leaves the record and the database agreeing."""
from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import duckdb
import pytest

from loaders import additions, versions
from loaders.__main__ import main
from loaders.build import build, sha256_file
from loaders.errors import LoadError
from loaders.staging import load_reviewed, preview, read_upload


def source(tag: str) -> list[str]:
    return ["--source-url", f"https://example.org/{tag}", "--publisher", f"Admin {tag}", "--published-on", "2024-05-01"]


def facts_file(folder, tag: str, year: int, value: float):
    path = folder / f"{tag}.csv"
    path.write_text(f"year,metric,value,unit,scope\n{year},funds_in_place,{value},bn CNY,{tag}\n", encoding="utf-8")
    return path


def add(db, path, *extra) -> int:
    return main(["add", str(path), "--db", str(db), *source(path.stem), *extra])


def scopes(db) -> dict[str, float]:
    with duckdb.connect(str(db), read_only=True) as con:
        return dict(con.execute("select scope, value from facts where metric = 'funds_in_place'").fetchall())


def history(db) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("select run_id, action, files, undone_by from load_runs order by run_id").fetchall()


def history_additions(db) -> set[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {r[0] for r in con.execute("select addition from load_runs where addition is not null").fetchall()}


@pytest.fixture
def world(fixture_world, tmp_path):
    """A private data/ folder (copied from the fixture world) and a database built from it."""
    data = tmp_path / "data"
    shutil.copytree(fixture_world, data)
    db = tmp_path / "db" / "world.duckdb"
    assert main(["build", "--db", str(db), "--data", str(data)]) == 0
    return data, db


def test_an_added_figure_survives_three_builds(world, tmp_path, capsys):
    data, db = world
    assert add(db, facts_file(tmp_path, "added-by-admin", 2019, 42)) == 0
    for _ in range(3):
        assert main(["build", "--db", str(db), "--data", str(data)]) == 0
        assert scopes(db).get("added-by-admin") == 42.0
    assert "replayed 1 recorded addition(s): 0001-facts-added-by-admin" in capsys.readouterr().out
    runs = history(db)
    assert [(r[0], r[1]) for r in runs] == [(1, "build"), (2, "add"), (3, "build"), (4, "build"), (5, "build")]
    assert runs[-1][2].endswith("replayed: run 2")
    # After three builds the kept versions hold the figure too: nothing depends on them any more.
    assert all(v.facts is not None for v in versions.kept_versions(db))
    record = additions.records(db)
    assert [a.name for a in record] == ["0001-facts-added-by-admin"]
    assert json.loads((record[0].path / additions.RECORD).read_text())["source"]["published_on"] == "2024-05-01"
    assert (record[0].path / "input-1.csv").read_bytes() == (tmp_path / "added-by-admin.csv").read_bytes()


def test_a_reviewed_release_from_the_page_survives_a_build(world):
    """The Add data page goes through the same door: the reviewer's corrected value and the
    release's organizers come back after a rebuild."""
    data, db = world
    release = read_upload("bulletin.txt", (
        "date 2021-11-23\n2021 World Manufacturing Convention closes\n"
        "The 2021 World Manufacturing Convention was jointly organized by the China Association of Small and "
        "Medium Enterprises and the Ministry of Commerce.\n"
        "The 2021 World Manufacturing Convention wrapped up with 703 projects signed.\n").encode("utf-8"))
    page_source = {"url": "https://example.org/upload", "publisher": "Upload Test", "published_on": None}
    edited = preview(release, db, page_source).assign(value=704.0)  # the reviewer corrects the figure
    load_reviewed(edited, release, db, page_source, "new")

    def stored():
        with duckdb.connect(str(db), read_only=True) as con:
            return (con.execute("select value from facts where year = 2021 and metric = 'projects_signed'").fetchall(),
                    con.execute("select count(*) from participation join sources using (source_id) "
                                "where publisher = 'Upload Test'").fetchone()[0])

    assert stored() == ([(704.0,)], 2)
    build(data, db)
    assert stored() == ([(704.0,)], 2)
    meta = additions.records(db)[0].meta
    assert meta["prefer"] == "new" and meta["files"][0]["rows"] == "rows-1.json"


def test_add_rollback_add_keeps_all_three_and_the_rollback_in_the_history(world, tmp_path):
    data, db = world
    assert add(db, facts_file(tmp_path, "w1", 2019, 1)) == 0
    assert add(db, facts_file(tmp_path, "w2", 2020, 2)) == 0
    versions.rollback(db)
    assert add(db, facts_file(tmp_path, "w3", 2021, 3)) == 0
    runs = history(db)
    assert [(r[0], r[1], r[2], r[3]) for r in runs[1:]] == [
        (2, "add", "w1.csv", None), (3, "add", "w2.csv", 4), (4, "rollback", "v000002.duckdb", None),
        (5, "add", "w3.csv", None)]
    assert len({r[0] for r in runs}) == len(runs)  # run ids never reused
    assert set(scopes(db)) >= {"w1", "w3"} and "w2" not in scopes(db)
    # The rolled-back add is marked in its record and is not replayed by a build.
    marked = {a.name: a.undone for a in additions.records(db)}
    assert marked["0002-facts-w2"]["undone_by"] == 4 and marked["0001-facts-w1"] is None
    assert main(["build", "--db", str(db), "--data", str(data)]) == 0
    assert {"w1", "w3"} <= set(scopes(db)) and "w2" not in scopes(db)
    assert history(db)[-1][0] == 6


def test_run_ids_are_never_reused_even_when_the_database_is_lost(world, tmp_path):
    data, db = world
    assert add(db, facts_file(tmp_path, "w1", 2019, 1)) == 0
    assert add(db, facts_file(tmp_path, "w2", 2020, 2)) == 0
    db.unlink()  # the database is gone; the record beside it is not
    assert main(["build", "--db", str(db), "--data", str(data)]) == 0
    assert {"w1", "w2"} <= set(scopes(db))
    assert history(db) and history(db)[0][0] == 4  # after runs 2 and 3 named by the record


def test_a_build_that_would_lose_a_load_refuses_and_names_it(world, tmp_path, capsys):
    data, db = world
    assert add(db, facts_file(tmp_path, "late", 2019, 42)) == 0
    capsys.readouterr()
    # data/ now says something else for the same figure: the add conflicts with it.
    with open(data / "facts.csv", "a", encoding="utf-8") as handle:
        source_id = duckdb.connect(str(db), read_only=True).execute("select min(source_id) from sources").fetchone()[0]
        handle.write(f"WMC,2019,funds_in_place,40,bn CNY,exact,late,{source_id},false,\n")
    before = sha256_file(db)
    assert main(["build", "--db", str(db), "--data", str(data)]) == 2
    err = capsys.readouterr().err
    assert "would lose 1 load(s)" in err and "run 2 (add of" in err and "late.csv" in err
    assert "0001-facts-late" in err and "--discard-additions" in err and "Traceback" not in err
    assert sha256_file(db) == before  # nothing written
    assert main(["build", "--db", str(db), "--data", str(data), "--discard-additions"]) == 0
    assert "discarded 1 addition(s)" in capsys.readouterr().out
    assert scopes(db)["late"] == 40.0
    runs = history(db)
    assert runs[-1][1:3] == ("discard", "0001-facts-late") and runs[1][3] == runs[-1][0]
    assert additions.records(db)[0].undone["action"] == "discard"
    assert main(["build", "--db", str(db), "--data", str(data)]) == 0  # the discard holds: no refusal again


def test_ensure_leaves_a_fresh_database_alone_and_rebuilds_a_stale_one(fixture_world, tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(fixture_world, data)
    db = tmp_path / "world.duckdb"
    assert main(["ensure", "--db", str(db), "--data", str(data)]) == 0
    assert "does not exist yet" in capsys.readouterr().out
    assert add(db, facts_file(tmp_path, "kept", 2019, 7)) == 0
    fresh = sha256_file(db)
    assert main(["ensure", "--db", str(db), "--data", str(data)]) == 0
    assert "is up to date" in capsys.readouterr().out and sha256_file(db) == fresh
    later = time.time() + 5  # a table file edited after the database was written
    os.utime(data / "facts.csv", (later, later))
    assert main(["ensure", "--db", str(db), "--data", str(data)]) == 0
    assert "facts.csv is newer than the database; 1 recorded addition(s) replayed" in capsys.readouterr().out
    assert sha256_file(db) != fresh and scopes(db)["kept"] == 7.0
    assert [r[1] for r in history(db)] == ["build", "add", "build"]


def test_make_run_ensures_instead_of_building():
    text = (Path(__file__).resolve().parents[1] / "Makefile").read_text()
    run_target = text.split("\nrun:")[1].split("\n\n")[0]
    assert "loaders ensure" in run_target and "loaders build" not in run_target
    assert not run_target.splitlines()[0].strip().startswith("build")  # `run` no longer depends on `build`


def test_a_write_cut_off_before_its_rename_leaves_no_committed_record(world, tmp_path, monkeypatch):
    """The record is written, then the process dies before the database is renamed: the record
    stays pending, the database as it was; the next writer removes the pending record."""
    data, db = world
    before = sha256_file(db)
    real_replace = os.replace

    def dies(src, dst):
        if str(dst) == str(db):
            raise KeyboardInterrupt("killed")  # as a kill between the two steps
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", dies)
    with pytest.raises(KeyboardInterrupt):
        add(db, facts_file(tmp_path, "cut", 2019, 5))
    monkeypatch.setattr(os, "replace", real_replace)
    assert sha256_file(db) == before and additions.records(db) == []
    assert [p.name for p in additions.additions_dir(db).iterdir()] == [".pending-0001-facts-cut"]
    assert add(db, facts_file(tmp_path, "next", 2020, 6)) == 0
    assert [p.name for p in additions.additions_dir(db).iterdir()] == ["0001-facts-next"]
    build(data, db)
    assert "cut" not in scopes(db) and scopes(db)["next"] == 6.0


def test_a_write_cut_off_after_its_rename_has_its_record_finished_by_the_next_writer(world, tmp_path, monkeypatch):
    data, db = world
    monkeypatch.setattr(additions, "promote", lambda pending: (_ for _ in ()).throw(KeyboardInterrupt("killed")))
    with pytest.raises(KeyboardInterrupt):
        add(db, facts_file(tmp_path, "landed", 2019, 5))
    monkeypatch.undo()
    assert scopes(db)["landed"] == 5.0 and additions.records(db) == []  # in the database, record still pending
    build(data, db)  # the next writer promotes it under the lock, and replays it
    assert [a.name for a in additions.records(db)] == ["0001-facts-landed"]
    assert scopes(db)["landed"] == 5.0
    assert history_additions(db) == {"0001-facts-landed"}


def test_a_file_changed_between_read_and_record_is_refused(world, tmp_path, monkeypatch):
    """The record holds the very bytes the add read (checked against their sha256)."""
    from loaders import build as build_mod

    data, db = world
    path = facts_file(tmp_path, "moving", 2019, 5)
    real_plan = build_mod.plan_add

    def plan_then_change(*args, **kwargs):
        plan = real_plan(*args, **kwargs)
        path.write_text("year,metric,value,unit,scope\n2019,funds_in_place,6,bn CNY,moving\n", encoding="utf-8")
        return plan

    monkeypatch.setattr(build_mod, "plan_add", plan_then_change)
    before = sha256_file(db)
    with pytest.raises(LoadError, match="changed on disk while it was being loaded"):
        build_mod.add([path], db, source={"url": "https://example.org/m", "publisher": "M", "published_on": None})
    assert sha256_file(db) == before and additions.records(db) == []


def test_a_damaged_database_can_still_be_rolled_back(world, tmp_path):
    data, db = world
    assert add(db, facts_file(tmp_path, "w1", 2019, 1)) == 0
    assert add(db, facts_file(tmp_path, "w2", 2020, 2)) == 0
    db.unlink()
    db.write_bytes(b"not a database any more")
    restored = versions.rollback(db)
    assert restored.files == "w1.csv" and "w1" in scopes(db) and "w2" not in scopes(db)
    assert history(db)[-1][1] == "rollback"


def test_a_damaged_record_stops_a_build_but_not_an_add(world, tmp_path, capsys):
    data, db = world
    assert add(db, facts_file(tmp_path, "w1", 2019, 1)) == 0
    (additions.records(db)[0].path / additions.RECORD).write_text("{not json", encoding="utf-8")
    assert add(db, facts_file(tmp_path, "w2", 2020, 2)) == 0  # numbered after it all the same
    assert sorted(p.name for p in additions.additions_dir(db).iterdir()) == ["0001-facts-w1", "0002-facts-w2"]
    capsys.readouterr()
    before = sha256_file(db)
    assert main(["build", "--db", str(db), "--data", str(data)]) == 2
    assert "0001-facts-w1" in capsys.readouterr().err and sha256_file(db) == before


def _damage(db: Path, first_block: bool) -> None:
    """Overwrite 64 bytes inside DuckDB blocks (256 KiB each, after a 12 KiB header): the first block only (where
    this small database keeps its catalogue), or every block after it."""
    header, block = 3 * 4096, 262144
    data = bytearray(db.read_bytes())
    offsets = [header + 8] if first_block else range(header + block + 8, len(data), block)
    for offset in offsets:
        data[offset:offset + 64] = b"\xff" * 64
    db.write_bytes(bytes(data))


@pytest.mark.parametrize("first_block", [True, False], ids=["catalogue", "tables"])
def test_an_add_to_a_damaged_database_says_so_and_changes_nothing(world, tmp_path, capsys, first_block):
    """The damage check runs beside the load now (a thread): it still decides before anything is renamed, and a
    damaged catalogue is said in words too, not as an internal error."""
    data, db = world
    register = tmp_path / "register.csv"
    register.write_text("convention,year,project_id,name,investment_cny_bn,status\n"
                        "WMC,2019,P-1,Plant one,1.5,signed\n", encoding="utf-8")
    _damage(db, first_block)
    before = sha256_file(db)
    capsys.readouterr()
    assert main(["add", str(register), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "internal error" not in err
    assert ("its catalogue" in err) if first_block else ("cannot be read" in err and "table '" in err)
    assert "nothing was written" in err
    assert sha256_file(db) == before and additions.records(db, strict=False) == []
