"""C11: the lock file deleted while a writer holds it. The next writer then takes a lock of its own and
sweeps temp files; it must leave the live writer's file alone (that writer's own version check refuses it
cleanly), and a lock taken on a file deleted before the lock was granted is not kept."""
from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import threading
import time

import duckdb

from loaders import write_lock
from loaders.synth import write_register
from test_writers import cli, facts_file, source_args, stored_events

ROUNDS = 2  # each round deletes the lock under a running register load, at a different moment
REGISTER_ROWS = 200_000


def test_a_sweep_keeps_a_running_writers_temp_file_and_removes_dead_ones(tmp_path):
    db = tmp_path / "t.duckdb"
    db.write_bytes(b"")
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    base = f".{db.name}{write_lock.TEMP_MARK}"
    live_file = tmp_path / f"{base}{alive.pid}-abc.tmp"
    dead_file = tmp_path / f"{base}{dead.pid}-def.tmp"
    old_style = tmp_path / f"{base}ghi.tmp"  # a name from before pids were in it
    own_file = tmp_path / f"{write_lock.temp_prefix(db)}jkl.tmp"  # this process's own: its writes take the lock
    for path in (live_file, dead_file, old_style, own_file):
        path.write_bytes(b"x")
    try:
        removed = set(write_lock.clear_stale_temp_files(db))
    finally:
        alive.kill()
        alive.wait()
    assert removed == {dead_file, old_style, own_file}
    assert live_file.exists()


def test_a_lock_granted_on_a_deleted_lock_file_is_taken_again_on_the_file_at_the_path(tmp_path):
    db = tmp_path / "t.duckdb"
    db.write_bytes(b"")
    lock = tmp_path / "t.duckdb.lock"
    held, release, inside = threading.Event(), threading.Event(), []

    def first():
        with write_lock.exclusive(db):
            held.set()
            release.wait(10)
            lock.unlink()  # the second waits on this file: once deleted, a lock on it guards nothing

    thread = threading.Thread(target=first)
    thread.start()
    assert held.wait(5)
    release.set()  # the second below is already waiting on the old file by the time the first lets go
    with write_lock.exclusive(db, timeout_s=10):
        fd = os.open(lock, os.O_RDWR | os.O_CREAT)  # a third writer, arriving now, opens what the path names
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            inside.append("the third got in beside the second")
        except BlockingIOError:
            inside.append("the third waits")
        finally:
            os.close(fd)
    thread.join()
    assert inside == ["the third waits"]


def test_deleting_the_lock_under_a_register_load_loses_nothing_and_fails_cleanly(db_copy, tmp_path, attack_table):
    register = tmp_path / "reg.csv"
    write_register(register, REGISTER_ROWS, seed=11)
    lock = db_copy.parent / f"{db_copy.name}.lock"
    codes, lost = [], 0
    for round_no in range(ROUNDS):
        first = cli("add", register, "--db", db_copy, "--prefer", "new", *source_args(f"r{round_no}"))
        time.sleep(0.4 + 0.4 * round_no)
        lock.unlink(missing_ok=True)
        small = facts_file(tmp_path, f"s{round_no}.csv", 2019, 300 + round_no)
        second = cli("add", small, "--db", db_copy, "--prefer", "new", *source_args(f"s{round_no}"))
        pair = [first.wait(300), second.wait(300)]
        errors = [p.stderr.read().decode() for p in (first, second)]
        codes.append(pair)
        assert set(pair) <= {0, 2}, errors  # applied, or refused with a message: never an internal error
        assert "internal error" not in "".join(errors) and "Traceback" not in "".join(errors), errors
        stored = stored_events(db_copy).get(2019)
        with duckdb.connect(str(db_copy), read_only=True) as con:
            projects = con.execute("select count(*) from projects").fetchone()[0]
        # what a writer said it added is there (the first may be refused: the database changed under it)
        lost += (pair[1] == 0 and stored != 300 + round_no) + (pair[0] == 0 and projects < REGISTER_ROWS)
    attack_table.append(("C11 lock deleted under a register add", f"{ROUNDS} rounds",
                         f"exit codes {codes}; lost {lost}"))
    assert lost == 0
