"""Write-side attacks, bounded in time: concurrent writers, killed writers (add, build, register),
glob names, FIFOs, devices, a folder as --db, oversized sparse files, a huge header, a workbook
with a bomb in sharedStrings.xml, a damaged table. Each records what it tried and what held; the
table is printed at the end of the run (conftest.py)."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import duckdb
import pytest

from loaders.build import sha256_file
from loaders.errors import LoadError
from loaders.synth import write_register
from loaders.write_lock import TEMP_MARK, exclusive
from ui.load_errors import say

ROOT = Path(__file__).resolve().parents[2]
# Each pair is two full CLI runs started together. With the write lock taken out (a no-op flock), every one of
# 4 pairs lost a file or failed a writer: 4 pairs find that bug with room to spare.
CONCURRENT_PAIRS = 4
# An add racing a build, the add started at stratified moments from 0.3 s before the build to 0.9 s after it (the
# centre of each of RACE_ROUNDS equal slices). With the lock taken out (a no-op flock), a round whose add started
# 0.2-0.8 s into the build failed a writer: 3 and 4 of 6 rounds in two runs, 7 of 8 rounds over 0-0.8 s in three
# runs, one of them beside a busy core. Starting both together, as before, failed 2 rounds in 12. With the lock,
# the early starts end with the build last and the late ones with the add last.
RACE_ROUNDS = 6
RACE_OFFSETS_S = (-0.3, 0.9)
# Kill moments are stratified: kill k lands at a random point of the k-th of KILLS equal slices of the
# delay range, so no gap between two kill moments exceeds 2/KILLS of the range (1/6 at 12). Twenty uniform
# draws, as before, left an expected largest gap of about (ln 20 + 0.58)/20 = 0.18: 12 stratified kills cover
# a run at least as densely, in 60 % of the time.
KILLS = 12
REGISTER_ROWS = 200_000  # a register that takes DuckDB a second or two: kills land mid-load


def cli(*args, env=None, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "loaders", *map(str, args)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, **(env or {})},
                            **kwargs)


def _peak_rss_mb(pid: int) -> float:
    """VmHWM of the process as it is now: the peak resident memory of what it runs since exec (the
    rusage of a child would count the forked copy of this test process too)."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0.0


def run_measured(args, timeout_s: float) -> tuple[int, bytes, float, float]:
    """(exit code, stderr, seconds, peak RSS in MB) of one CLI run, killed if it outlives `timeout_s`.
    The peak is sampled every 20 ms until the process ends."""
    started = time.monotonic()
    proc = cli(*args)
    peak = 0.0
    err_chunks: list[bytes] = []
    reader = threading.Thread(target=lambda: err_chunks.append(proc.stderr.read()), daemon=True)
    reader.start()
    while proc.poll() is None:
        peak = max(peak, _peak_rss_mb(proc.pid))
        if time.monotonic() - started > timeout_s:
            proc.kill()
        time.sleep(0.02)
    reader.join(10)
    return proc.returncode, b"".join(err_chunks), time.monotonic() - started, peak


def facts_file(folder: Path, name: str, year: int, value: int) -> Path:
    path = folder / name
    path.write_text("year,metric,value,unit\n" f"{year},funds_in_place,{value},bn CNY\n", encoding="utf-8")
    return path


def stored_events(db: Path) -> dict[int, float]:
    with duckdb.connect(str(db), read_only=True) as con:
        return dict(con.execute("select year, value from facts where metric = 'funds_in_place'").fetchall())


def source_args(tag: str) -> list[str]:
    return ["--source-url", f"https://example.org/{tag}", "--publisher", f"Writer {tag}", "--published-on", "2024-01-01"]


def temp_files(db: Path) -> list[Path]:
    return [p for p in db.parent.iterdir() if TEMP_MARK in p.name]


def readable(db: Path) -> bool:
    with duckdb.connect(str(db), read_only=True) as con:  # opens: neither torn nor corrupt
        return con.execute("select count(*) from facts").fetchone()[0] > 0


@pytest.fixture
def events_db(db_copy) -> Path:
    """A private copy of the fixture world; writers add funds-in-place figures to it."""
    return db_copy


def test_concurrent_adds_never_lose_each_others_rows(events_db, tmp_path, attack_table):
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
    attack_table.append(("concurrent add pairs", f"{CONCURRENT_PAIRS} pairs",
                         f"{CONCURRENT_PAIRS - lost} of {CONCURRENT_PAIRS} kept both files"))
    assert lost == 0


def test_add_racing_build_ends_in_one_of_the_two_orders(events_db, tmp_path, fixture_world, attack_table):
    outcomes = {"build last": 0, "add last": 0}
    low, high = RACE_OFFSETS_S
    for round_ in range(RACE_ROUNDS):
        a = facts_file(tmp_path, f"r{round_}.csv", 2018, 300 + round_)
        add = ["add", a, "--db", events_db, "--prefer", "new", *source_args(f"r{round_}")]
        build = ["build", "--db", events_db, "--data", fixture_world]
        offset_s = low + (high - low) * (round_ + 0.5) / RACE_ROUNDS  # the add's start after the build's
        if offset_s >= 0:
            builder = cli(*build)
            time.sleep(offset_s)
            adder = cli(*add)
        else:
            adder = cli(*add)
            time.sleep(-offset_s)
            builder = cli(*build)
        adder.wait(120), builder.wait(120)
        assert builder.returncode == 0, builder.stderr.read().decode()
        assert adder.returncode == 0, adder.stderr.read().decode()
        # Either order keeps the row: build then add adds it; add then build replays it from the
        # additions record (loaders/additions.py). The last run in the history tells the order.
        stored = stored_events(events_db)
        assert stored.get(2018) == 300 + round_, stored
        with duckdb.connect(str(events_db), read_only=True) as con:
            last = con.execute("select action from load_runs order by run_id desc limit 1").fetchone()[0]
        outcomes["build last" if last == "build" else "add last"] += 1
    attack_table.append(("add racing build", f"{RACE_ROUNDS} rounds, add {low:+.1f}..{high:+.1f} s",
                         f"{outcomes['add last']} add last, {outcomes['build last']} build last; the add kept "
                         f"in {RACE_ROUNDS}/{RACE_ROUNDS}"))


def _kill_at_random(attack: str, make_args, db: Path, tmp_path: Path, attack_table, max_delay_s: float) -> None:
    """KILLS writers, each SIGKILLed at a random moment of its own slice of the delay range: the database
    is always the old or the new one (it opens, its checksum is one of the versions seen), and the next
    successful write leaves no temp file."""
    rng = random.Random(attack)
    intact = changed = 0
    slice_s = (max_delay_s - 0.05) / KILLS
    for kill in range(KILLS):
        before = sha256_file(db)
        proc = cli(*make_args(kill))
        time.sleep(0.05 + slice_s * (kill + rng.random()))
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        intact += readable(db)
        changed += sha256_file(db) != before
    leftovers = len(temp_files(db))
    ok = cli("add", facts_file(tmp_path, f"after-{attack}.csv", 2021, 999), "--db", db, "--prefer", "new",
             *source_args(f"after-{attack}"))
    assert ok.wait(120) == 0, ok.stderr.read().decode()
    after = temp_files(db)
    attack_table.append((f"kill -9 during {attack}", f"{KILLS} kills",
                         f"{intact} readable ({changed} landed first); temp files {leftovers} -> {len(after)}"))
    assert intact == KILLS and after == []


def test_a_killed_add_leaves_the_old_or_the_new_database(events_db, tmp_path, attack_table):
    def args(kill):
        path = facts_file(tmp_path, f"k{kill}.csv", 2020, 400 + kill)
        return ["add", path, "--db", events_db, "--prefer", "new", *source_args(f"k{kill}")]
    _kill_at_random("add", args, events_db, tmp_path, attack_table, max_delay_s=1.2)


def test_a_killed_build_leaves_the_old_or_the_new_database(events_db, tmp_path, fixture_world, attack_table):
    _kill_at_random("build", lambda kill: ["build", "--db", events_db, "--data", fixture_world],
                    events_db, tmp_path, attack_table, max_delay_s=1.5)


def test_a_killed_register_load_leaves_the_old_or_the_new_database(events_db, tmp_path, attack_table):
    register = tmp_path / "register.csv"
    write_register(register, rows=REGISTER_ROWS, seed=3)
    _kill_at_random("register load", lambda kill: ["add", register, "--db", events_db, "--create-editions"],
                    events_db, tmp_path, attack_table, max_delay_s=3.0)


def test_a_second_writer_gives_up_with_a_clear_message(db_copy, attack_table):
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
        with pytest.raises(LoadError, match="another load is writing this database") as caught:
            with exclusive(db_copy, timeout_s=0.3):
                pass
    finally:
        release.set()
        thread.join()
    waited = time.monotonic() - started
    attack_table.append(("lock wait", "0.3 s bound", f"gave up after {waited:.2f} s with a message"))
    assert waited < 3
    # The message reaches admins in the browser: it names the database by its file name, never its folders.
    for lang in ("en", "zh"):
        shown = say(caught.value, lang)
        assert db_copy.name in shown
        assert str(db_copy.parent) not in shown, shown


def test_a_glob_like_name_loads_exactly_that_file(db_copy, tmp_path, attack_table):
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
    attack_table.append(("glob-like register name", "reg[12].csv", f"loaded {ids}"))
    assert proc.returncode == 0, err.decode()
    assert ids == ["P9"]


@pytest.mark.parametrize("kind", ["fifo", "device", "folder-as-db"])
def test_special_paths_are_refused_at_once(db_copy, tmp_path, kind, attack_table):
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
    code, err, took, _ = run_measured(args, timeout_s=30)
    attack_table.append((f"special path: {kind}", f"{args[0]} {Path(str(args[1])).name}", f"exit {code} in {took:.1f} s"))
    assert code == 2, err.decode()
    assert b"not a regular file" in err
    assert sha256_file(db_copy) == before


def _sparse(path: Path, head: bytes = b"", size: int = 2 * 1024 ** 3) -> Path:
    with open(path, "wb") as handle:
        handle.write(head)
        handle.truncate(size)  # 2 GB, no blocks on disk
    return path


@pytest.mark.parametrize("kind", ["release", "register"])
def test_a_sparse_oversized_file_is_refused_before_reading(db_copy, tmp_path, kind, attack_table):
    if kind == "release":
        args = ["extract", _sparse(tmp_path / "huge.txt")]
    else:
        head = b"convention,year,project_id,name,investor,investor_origin,sector,city,investment_cny_bn,status\n"
        args = ["add", _sparse(tmp_path / "huge.csv", head), "--db", db_copy]
    code, err, took, rss_mb = run_measured(args, timeout_s=60)
    attack_table.append((f"sparse 2 GB {kind}", args[0], f"exit {code} in {took:.1f} s, peak RSS {rss_mb:.0f} MB"))
    assert code == 2, err.decode()
    assert rss_mb < 400, f"{rss_mb:.0f} MB: the file was read into memory"


def test_a_million_column_register_header_is_refused_quickly(db_copy, tmp_path, attack_table):
    path = tmp_path / "wide-register.csv"
    header = "project_id," + ",".join(f"c{i}" for i in range(1_000_000))
    path.write_text(header + "\n" + "P1" + "," * 1_000_000 + "\n", encoding="utf-8")
    before = sha256_file(db_copy)
    code, err, took, rss_mb = run_measured(["add", path, "--db", db_copy], timeout_s=60)
    attack_table.append(("10^6-column register header", f"{path.stat().st_size / 1e6:.0f} MB file",
                         f"exit {code} in {took:.1f} s, peak RSS {rss_mb:.0f} MB"))
    assert code == 2, err.decode()
    assert b"columns" in err
    assert sha256_file(db_copy) == before


def test_a_shared_strings_bomb_is_refused_before_the_workbook_opens(db_copy, tmp_path, attack_table):
    """sharedStrings.xml inflating 1000-fold, diluted by an incompressible part so that the archive
    as a whole stays under the total size and ratio limits: only the per-part check catches it."""
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", "<worksheet/>")
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            part.write(b"<sst>")
            block = b"<si><t>" + b"A" * 1000 + b"</t></si>"
            for _ in range(140_000):  # about 140 MB inflated
                part.write(block)
            part.write(b"</sst>")
        archive.writestr(zipfile.ZipInfo("xl/media/noise.bin"), os.urandom(2_000_000))  # stored: 1:1
    before = sha256_file(db_copy)
    code, err, took, rss_mb = run_measured(["add", path, "--db", db_copy, *source_args("bomb")], timeout_s=60)
    attack_table.append(("sharedStrings.xml bomb", f"{path.stat().st_size / 1e6:.1f} MB -> 140 MB",
                         f"exit {code} in {took:.1f} s, peak RSS {rss_mb:.0f} MB"))
    assert code == 2, err.decode()
    assert b"xl/sharedStrings.xml" in err and b"zip bomb" in err
    assert rss_mb < 400
    assert sha256_file(db_copy) == before


def test_a_damaged_table_is_found_before_anything_is_copied(db_copy, tmp_path, attack_table):
    """Random bytes over a block holding a table's data: add exits 1 naming the table; the file is untouched."""
    with duckdb.connect(str(db_copy), read_only=True) as con:
        block_size = con.execute("select block_size from pragma_database_size()").fetchone()[0]
        # A block the facts table's rows live in (the middle of the file may be a free block, which
        # no read ever touches).
        block = con.execute("select min(block_id) from pragma_storage_info('facts') where block_id >= 0").fetchone()[0]
    assert block is not None
    headers = 3 * 4096  # DuckDB's file header and its two database headers come before block 0
    with open(db_copy, "r+b") as handle:
        handle.seek(headers + block * block_size)
        handle.write(os.urandom(block_size))
    before = sha256_file(db_copy)
    proc = cli("add", facts_file(tmp_path, "d.csv", 2019, 5), "--db", db_copy, *source_args("d"))
    out, err = proc.communicate(timeout=120)
    named = err.decode().split("table ", 1)[-1].split(" ", 1)[0]
    attack_table.append(("damaged table block", "add", f"exit {proc.returncode}, names table {named}, file unchanged"))
    assert proc.returncode == 1, err.decode()
    assert b"table '" in err and b"nothing was written" in err
    assert sha256_file(db_copy) == before
    assert not temp_files(db_copy)
