"""Write-side attacks, bounded in time: concurrent writers, killed writers, glob names, FIFOs,
devices, a folder as --db. Each run prints what it tried and what held."""
from __future__ import annotations

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

from loaders.build import sha256_file
from loaders.errors import LoadError
from loaders.write_lock import TEMP_MARK, exclusive

ROOT = Path(__file__).resolve().parents[2]
RESULTS: list[tuple[str, str, str]] = []  # (attack, tried, held)
CONCURRENT_PAIRS = 6
KILLS = 8


def cli(*args, env=None, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "loaders", *map(str, args)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, **(env or {})},
                            **kwargs)


def facts_file(folder: Path, name: str, year: int, value: int) -> Path:
    path = folder / name
    path.write_text("year,metric,value,unit\n" f"{year},funds_in_place,{value},bn CNY\n", encoding="utf-8")
    return path


def stored_events(db: Path) -> dict[int, float]:
    with duckdb.connect(str(db), read_only=True) as con:
        return dict(con.execute("select year, value from facts where metric = 'funds_in_place'").fetchall())


def source_args(tag: str) -> list[str]:
    return ["--source-url", f"https://example.org/{tag}", "--publisher", f"Writer {tag}", "--published-on", "2024-01-01"]


@pytest.fixture
def events_db(db_copy) -> Path:
    """A private copy of the fixture world; writers add funds-in-place figures to it."""
    return db_copy


def test_concurrent_adds_never_lose_each_others_rows(events_db, tmp_path):
    lost = 0
    for pair in range(CONCURRENT_PAIRS):
        a = facts_file(tmp_path, f"a{pair}.csv", 2018, 100 + pair)
        b = facts_file(tmp_path, f"b{pair}.csv", 2019, 200 + pair)
        first = cli("add", a, "--db", events_db, "--prefer", "new", *source_args(f"a{pair}"))
        second = cli("add", b, "--db", events_db, "--prefer", "new", *source_args(f"b{pair}"))
        codes = [first.wait(120), second.wait(120)]
        assert codes == [0, 0], [p.stderr.read().decode() for p in (first, second)]
        stored = stored_events(events_db)
        lost += (stored.get(2018) != 100 + pair) + (stored.get(2019) != 200 + pair)
    RESULTS.append(("concurrent add pairs", f"{CONCURRENT_PAIRS} pairs", f"{CONCURRENT_PAIRS - lost} of {CONCURRENT_PAIRS} kept both"))
    assert lost == 0


def test_add_racing_build_ends_in_one_of_the_two_orders(events_db, tmp_path, fixture_world):
    outcomes = []
    for round_ in range(3):
        a = facts_file(tmp_path, f"r{round_}.csv", 2018, 300 + round_)
        adder = cli("add", a, "--db", events_db, "--prefer", "new", *source_args(f"r{round_}"))
        builder = cli("build", "--db", events_db, "--data", fixture_world)
        adder.wait(120), builder.wait(120)
        assert builder.returncode == 0, builder.stderr.read().decode()
        assert adder.returncode == 0, adder.stderr.read().decode()
        # add then build: the build replaces everything (no added row); build then add: the row is there.
        outcomes.append("build last" if stored_events(events_db).get(2018) != 300 + round_ else "add last")
    RESULTS.append(("add racing build", "3 rounds", ", ".join(outcomes) + "; no torn state"))


def test_a_killed_writer_leaves_the_old_or_the_new_database_and_the_next_clears_its_temp(events_db, tmp_path):
    rng = random.Random(7)
    old = sha256_file(events_db)
    intact = 0
    for kill in range(KILLS):
        path = facts_file(tmp_path, f"k{kill}.csv", 2020, 400 + kill)
        proc = cli("add", path, "--db", events_db, "--prefer", "new", *source_args(f"k{kill}"))
        time.sleep(rng.uniform(0.05, 1.2))
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        with duckdb.connect(str(events_db), read_only=True) as con:  # opens: neither torn nor corrupt
            con.execute("select count(*) from facts").fetchone()
        intact += 1
    leftovers = [p for p in events_db.parent.iterdir() if TEMP_MARK in p.name]
    ok = cli("add", facts_file(tmp_path, "after.csv", 2021, 999), "--db", events_db, *source_args("after"))
    assert ok.wait(120) == 0, ok.stderr.read().decode()
    after = [p for p in events_db.parent.iterdir() if TEMP_MARK in p.name]
    RESULTS.append(("kill -9 during add", f"{KILLS} kills", f"{intact} readable; temp files {len(leftovers)} -> {len(after)}"))
    assert intact == KILLS and after == []
    assert sha256_file(events_db) != old


def test_a_second_writer_gives_up_with_a_clear_message(db_copy):
    holder_ready, release = threading.Event(), threading.Event()

    def hold():
        with exclusive(db_copy):
            holder_ready.set()
            release.wait(10)

    thread = threading.Thread(target=hold)
    thread.start()
    holder_ready.wait(5)
    started = time.monotonic()
    try:
        with pytest.raises(LoadError, match="another load is writing this database"):
            with exclusive(db_copy, timeout_s=0.3):
                pass
    finally:
        release.set()
        thread.join()
    waited = time.monotonic() - started
    RESULTS.append(("lock wait", "0.3 s bound", f"gave up after {waited:.2f} s with a message"))
    assert waited < 3


def test_a_glob_like_name_loads_exactly_that_file(db_copy, tmp_path):
    folder = tmp_path / "regs"
    folder.mkdir()
    header = "convention,year,project_id,name,investor,investor_origin,sector,city,investment_cny_bn,status\n"
    row = "WMC,2019,{id},n,inv,domestic,auto,Hefei,{bn},signed\n"
    (folder / "reg1.csv").write_text(header + row.format(id="P1", bn=1.5), encoding="utf-8")
    (folder / "reg2.csv").write_text(header + row.format(id="P2", bn=2.5), encoding="utf-8")
    literal = folder / "reg[12].csv"
    literal.write_text(header + row.format(id="P9", bn=9.5), encoding="utf-8")
    proc = cli("add", literal, "--db", db_copy)
    out, err = proc.communicate(timeout=120)
    with duckdb.connect(str(db_copy), read_only=True) as con:
        ids = sorted(r[0] for r in con.execute("select project_id from projects").fetchall())
    RESULTS.append(("glob-like register name", "reg[12].csv", f"loaded {ids}"))
    assert proc.returncode == 0, err.decode()
    assert ids == ["P9"]


@pytest.mark.parametrize("kind", ["fifo", "device", "folder-as-db"])
def test_special_paths_are_refused_at_once(db_copy, tmp_path, kind):
    before = sha256_file(db_copy)
    if kind == "fifo":
        target = tmp_path / "release.txt"
        os.mkfifo(target)
        args = ["extract", target]
    elif kind == "device":
        args = ["extract", "/dev/zero"]
    else:
        folder = tmp_path / "db-folder"
        folder.mkdir()
        args = ["add", facts_file(tmp_path, "x.csv", 2019, 1), "--db", folder, *source_args("x")]
    started = time.monotonic()
    proc = cli(*args)
    try:
        out, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail(f"{kind}: hung")
    took = time.monotonic() - started
    RESULTS.append((f"special path: {kind}", f"{args[0]} {Path(str(args[1])).name}", f"exit {proc.returncode} in {took:.1f} s"))
    assert proc.returncode == 2, err.decode()
    assert b"not a regular file" in err or b"not a regular file" in out
    assert sha256_file(db_copy) == before


def test_a_sparse_oversized_release_is_refused_before_reading(tmp_path):
    sparse = tmp_path / "huge.txt"
    with open(sparse, "wb") as handle:
        handle.truncate(2 * 1024 ** 3)  # 2 GB, no blocks on disk
    proc = cli("extract", sparse)
    out, err = proc.communicate(timeout=60)
    RESULTS.append(("sparse 2 GB release", "extract", f"exit {proc.returncode}"))
    assert proc.returncode == 2 and b"the limit is" in err


def test_a_damaged_table_is_found_before_anything_is_copied(db_copy, tmp_path):
    """Random bytes over blocks inside the file: add exits 1 naming the table; the file is untouched."""
    size = db_copy.stat().st_size
    with open(db_copy, "r+b") as handle:  # past the headers, over data blocks
        handle.seek(size // 2)
        handle.write(os.urandom(min(256 * 1024, size // 3)))
    before = sha256_file(db_copy)
    proc = cli("add", facts_file(tmp_path, "d.csv", 2019, 5), "--db", db_copy, *source_args("d"))
    out, err = proc.communicate(timeout=120)
    named = err.decode().split("table ", 1)[-1].split(" ", 1)[0]
    RESULTS.append(("damaged table block", "add", f"exit {proc.returncode}, names table {named}, file unchanged"))
    assert proc.returncode == 1, err.decode()
    assert b"table '" in err and b"nothing was written" in err
    assert sha256_file(db_copy) == before
    assert not [p for p in db_copy.parent.iterdir() if TEMP_MARK in p.name]


def test_zzz_print_the_attack_table():
    """Printed at the end, as the hostile corpus does (runs last in this file)."""
    print("\nwrite-side attacks (tried -> held):")
    for attack, tried, held in RESULTS:
        print(f"  {attack:28} {tried:18} {held}")
    assert RESULTS
