"""Durability attacks of the third reliability pass, bounded in time: routine rebuilds against what
the admins added (C10), the load history after rollbacks (C9), kill -9 of an add against its
additions record, a full disk (F5, faked in-process: no root-only mounts), export-register killed
(F4) and a clock set back (F9), a reader opening while versions are published (C8), a damaged block
behind a page (3g). Each adds its row to the table printed at the end of the run (conftest.py)."""
from __future__ import annotations

import errno
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from loaders import additions, versions
from loaders.__main__ import main
from loaders.build import sha256_file
from loaders.synth import write_register

ROOT = Path(__file__).resolve().parents[2]
ADD_KILLS = 12
EXPORT_KILLS = 6


# the writer attacks' own helpers: one figure file, the stored figures, a source
from test_writers import facts_file, source_args, stored_events  # noqa: E402


def cli(*args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "loaders", *map(str, args)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def readable(db: Path) -> bool:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("select count(*) from facts").fetchone()[0] > 0


def adds_in_history(db: Path) -> set[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {r[0] for r in con.execute("select addition from load_runs where addition is not null").fetchall()}


def committed(db: Path) -> set[str]:
    return {a.name for a in additions.records(db)}


def pending(db: Path) -> set[str]:
    folder = additions.additions_dir(db)
    return {p.name[len(additions.PENDING):] for p in folder.iterdir() if p.name.startswith(additions.PENDING)} \
        if folder.is_dir() else set()


def test_c10_routine_rebuilds_keep_what_was_added(db_copy, fixture_world, tmp_path, attack_table):
    assert main(["add", str(facts_file(tmp_path, "added.csv", 2021, 42)), "--db", str(db_copy),
                 *source_args("added")]) == 0
    kept = 0
    for _ in range(3):
        assert main(["build", "--db", str(db_copy), "--data", str(fixture_world)]) == 0
        kept += stored_events(db_copy).get(2021) == 42
    attack_table.append(("C10 add, then build x3", "3 builds", f"figure there after {kept}/3; 0 lost"))
    assert kept == 3


def test_c9_rollbacks_leave_the_history_whole(db_copy, tmp_path, attack_table):
    for i in range(5):
        assert main(["add", str(facts_file(tmp_path, f"h{i}.csv", 2018 + i % 4, i)), "--db", str(db_copy), "--prefer", "new",
                     *source_args(f"h{i}")]) == 0
        if i in (1, 3):
            versions.rollback(db_copy)
    with duckdb.connect(str(db_copy), read_only=True) as con:
        runs = con.execute("select run_id, action, undone_by from load_runs order by run_id").fetchall()
    actions = [r[1] for r in runs]
    ids = [r[0] for r in runs]
    undone = [r for r in runs if r[2] is not None]
    attack_table.append(("C9 5 adds, 2 rollbacks", "7 writes",
                         f"{actions.count('add')} adds + {actions.count('rollback')} rollbacks listed, "
                         f"{len(undone)} marked undone, ids distinct: {len(set(ids)) == len(ids)}"))
    assert actions.count("add") == 5 and actions.count("rollback") == 2 and len(undone) == 2
    assert len(set(ids)) == len(ids) and ids == sorted(ids)


def test_kill9_during_add_leaves_the_record_and_the_database_agreeing(db_copy, tmp_path, attack_table):
    """Each kill: the database opens; every committed record is an add the database holds, and every
    add it holds is committed or pending. After the next add, record and history agree exactly."""
    rng = random.Random("additions")
    started = time.monotonic()  # one whole add first: the kills are spread over its length
    whole = cli("add", facts_file(tmp_path, "whole.csv", 2018, 1), "--db", db_copy, "--prefer", "new",
                *source_args("whole"))
    assert whole.wait(120) == 0
    duration = time.monotonic() - started
    landed = 0
    for kill in range(ADD_KILLS):
        before = sha256_file(db_copy)
        proc = cli("add", facts_file(tmp_path, f"k{kill}.csv", 2019, 500 + kill), "--db", db_copy, "--prefer", "new",
                   *source_args(f"k{kill}"))
        time.sleep(rng.uniform(0.3, 1.1) * duration)
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        assert readable(db_copy)
        held = adds_in_history(db_copy)
        assert committed(db_copy) <= held <= committed(db_copy) | pending(db_copy), (committed(db_copy), held)
        landed += sha256_file(db_copy) != before
    ok = cli("add", facts_file(tmp_path, "after.csv", 2020, 999), "--db", db_copy, "--prefer", "new",
             *source_args("after"))
    assert ok.wait(120) == 0, ok.stderr.read().decode()
    agree = committed(db_copy) == adds_in_history(db_copy) and not pending(db_copy)
    attack_table.append(("kill -9 during add: record", f"{ADD_KILLS} kills over {duration:.1f} s",
                         f"{landed} landed; record = history after next add: {agree}"))
    assert agree


def _enospc(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("where", ["copy of the database", "additions record", "DuckDB write"])
def test_f5_a_full_disk_is_said_as_such(db_copy, tmp_path, monkeypatch, capsys, where, attack_table):
    from loaders import build as build_mod

    if where == "copy of the database":
        monkeypatch.setattr(shutil, "copyfile", _enospc)
    elif where == "additions record":
        monkeypatch.setattr(additions, "_copy_checked", _enospc)
    else:
        def full(*_a, **_k):
            raise duckdb.IOException('IO Error: Could not write file "x.tmp": No space left on device')
        monkeypatch.setattr(build_mod, "_apply_add", full)
    before = sha256_file(db_copy)
    code = main(["add", str(facts_file(tmp_path, "full.csv", 2019, 1)), "--db", str(db_copy), *source_args("full")])
    err = capsys.readouterr().err
    clean = (code == 2 and "no space left on the device" in err and "MB is free" in err and "Traceback" not in err
             and "internal error" not in err and sha256_file(db_copy) == before and not pending(db_copy)
             and not [p for p in db_copy.parent.iterdir() if ".wmc-write-" in p.name])
    attack_table.append((f"F5 disk full: {where}", "1 add", f"exit {code}, clear message and DB unchanged: {clean}"))
    assert clean, err


def test_f5_a_nearly_full_disk_prunes_kept_versions_before_copying(db_copy, tmp_path, monkeypatch, attack_table):
    """Kept versions are pruned to what stays after the write *before* its copy when the disk is
    short, so `WMC_KEEP_VERSIONS=1` helps a nearly full disk (it did not before)."""
    for i in range(3):
        assert main(["add", str(facts_file(tmp_path, f"v{i}.csv", 2019, i)), "--db", str(db_copy), "--prefer", "new",
                     *source_args(f"v{i}")]) == 0
    assert len(versions.kept_versions(db_copy)) == 3
    monkeypatch.setenv("WMC_KEEP_VERSIONS", "1")
    pruned_before_copy = []
    real_copy = shutil.copyfile

    def copy(src, dst, *a, **k):
        pruned_before_copy.append(len(list(versions.versions_dir(db_copy).iterdir())))
        return real_copy(src, dst, *a, **k)

    monkeypatch.setattr(versions, "free_bytes", lambda folder: 1 << 20)  # 1 MB free: less than a copy
    monkeypatch.setattr(shutil, "copyfile", copy)
    assert main(["add", str(facts_file(tmp_path, "v9.csv", 2019, 9)), "--db", str(db_copy), "--prefer", "new",
                 *source_args("v9")]) == 0
    attack_table.append(("F5 nearly full, keep=1", "1 add",
                         f"kept versions before the copy: {pruned_before_copy[0]}; after: "
                         f"{len(versions.kept_versions(db_copy))}"))
    assert pruned_before_copy == [0] and len(versions.kept_versions(db_copy)) == 1


@pytest.fixture
def register_db(db_copy, tmp_path) -> Path:
    register = tmp_path / "register.csv"
    write_register(register, rows=100_000, seed=4)
    assert main(["add", str(register), "--db", str(db_copy), "--create-editions"]) == 0
    return db_copy


def test_f4_killed_exports_leave_nothing_behind(register_db, tmp_path, attack_table):
    from loaders.register_parquet import export_register

    dataset = tmp_path / "ds"
    export_register(register_db, dataset)
    rng = random.Random("export")
    for _ in range(EXPORT_KILLS):
        proc = cli("export-register", "--parquet", dataset, "--db", register_db)
        time.sleep(rng.uniform(0.3, 2.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
    left_by_kills = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp") or ".ds.link-" in p.name]
    export_register(register_db, dataset)
    left = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp") or p.name.startswith(".ds.link-")]
    with duckdb.connect() as con:
        rows = con.execute("select count(*) from read_parquet($p, hive_partitioning = true)",
                           {"p": str(dataset / "**" / "*.parquet")}).fetchone()[0]
    attack_table.append(("F4 kill -9 export-register", f"{EXPORT_KILLS} kills",
                         f"{len(left_by_kills)} leftovers -> {len(left)} after the next export; link reads {rows:,}"))
    assert left == [] and rows == 100_000


def test_f9_a_clock_set_back_does_not_reorder_export_versions(register_db, tmp_path, attack_table):
    """An older export named by a clock that ran ahead (a stamp in 2099) sorts after every new
    version by name: pruning by name kept it and deleted the version readers were on. Versions are
    numbered now, and the prune keeps the new one and the one the link named before it."""
    from loaders.register_parquet import export_register

    dataset = tmp_path / "ds"
    export_register(register_db, dataset)
    future = tmp_path / "ds.v20991231T000000000000Z-1"
    shutil.copytree(dataset.resolve(), future)
    os.symlink(future.name, tmp_path / ".swap")
    os.replace(tmp_path / ".swap", dataset)  # the link names the stamped version, as after the jump
    export_register(register_db, dataset)
    first_current = os.readlink(dataset)
    kept_after_first = sorted(p.name for p in tmp_path.glob("ds.v*"))
    export_register(register_db, dataset)
    kept = sorted(p.name for p in tmp_path.glob("ds.v*"))
    attack_table.append(("F9 clock set back, 2 exports", "2 exports", f"kept {kept}; current {os.readlink(dataset)}"))
    assert kept_after_first == sorted([first_current, future.name])  # the one readers were on is kept
    assert kept == sorted([first_current, os.readlink(dataset)]) and os.readlink(dataset) > first_current


def test_c8_a_reader_opening_between_two_quick_publishes_is_not_refused(db_copy, tmp_path, monkeypatch, attack_table):
    """An add and a rollback landing 1 ms apart, 20 times, 0.25 s apart; a reader queries all along (tens of thousands of
    queries; the reader notices each burst's files on its next query, so a longer pause adds queries, not bursts)."""
    import queries

    other = tmp_path / "other.duckdb"
    assert main(["add", str(facts_file(tmp_path, "c8.csv", 2019, 8)), "--db", str(db_copy), *source_args("c8")]) == 0
    shutil.copyfile(db_copy, other)
    base = versions.kept_versions(db_copy)[0].path
    live = tmp_path / "live.duckdb"

    def place(src: Path) -> None:
        link = tmp_path / ".next"
        os.link(src, link)
        os.replace(link, live)

    place(base)
    monkeypatch.setenv("WMC_DB", str(live))
    stop, bursts = threading.Event(), []

    def publisher():
        for _ in range(20):
            place(other)
            time.sleep(0.001)
            place(base)
            bursts.append(1)
            time.sleep(0.25)
        stop.set()

    thread = threading.Thread(target=publisher)
    thread.start()
    ok = refused = 0
    try:
        while not stop.is_set():
            try:
                queries.run("data_as_of")
                ok += 1
            except queries.DatabaseUnreadable:
                refused += 1
    finally:
        stop.set()
        thread.join(30)
    attack_table.append(("C8 reader during 2 quick publishes", f"{len(bursts)} bursts, {ok + refused} queries",
                         f"{refused} refused as unreadable"))
    assert refused == 0 and ok > 0


def _damage_facts(db: Path) -> None:
    """Overwrite one 256 KB block after another until reading the facts table fails (the layout of
    a small database is not fixed, so the damaged block is found, not assumed)."""
    good = db.with_suffix(".good")
    shutil.copyfile(db, good)
    size = db.stat().st_size
    for block in range(1, size // 262144):
        shutil.copyfile(good, db)
        with open(db, "r+b") as handle:
            handle.seek(block * 262144 + 4096)
            handle.write(random.Random(block).randbytes(262144 - 8192))
        try:
            con = duckdb.connect(str(db), read_only=True)
            con.execute("select * from editions").fetchall()
        except duckdb.Error:
            continue  # the file or the editions are unreadable as a whole: that case held before (turn 2)
        try:
            con.execute("select * from facts").fetchall()
        except duckdb.Error as exc:
            # The case that fell short: the base Error class for a checksum mismatch inside a table.
            if type(exc) is duckdb.Error and "Corrupt database file" in str(exc):
                return
        finally:
            con.close()
    pytest.fail("no block of the facts table found to damage")


def test_3g_a_damaged_block_shows_the_pages_own_message(db_copy, monkeypatch, attack_table):
    from streamlit.testing.v1 import AppTest

    import queries

    _damage_facts(db_copy)
    monkeypatch.setenv("WMC_DB", str(db_copy))
    with pytest.raises(queries.DatabaseUnreadable):
        queries.run("explorer_facts", convention="WMC", year_from=2018, year_to=2025, include_derived=False)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    messages = [e.value for e in at.error]
    shown = not at.exception and any("cannot be read" in m for m in messages)
    attack_table.append(("3g damaged block behind a page", "1 page run",
                         f"own message: {shown}; exception box: {bool(at.exception)}"))
    assert shown, ([e.message for e in at.exception], messages)
