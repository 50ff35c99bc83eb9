"""A register's copy into its additions record is fsynced in the background while DuckDB loads it; the add waits
for that fsync before the record is staged, so a copy that does not reach the disk fails the add and leaves the
database and the additions record as they were."""
from __future__ import annotations

import errno
import hashlib
import os

import pytest

from loaders import additions, build, synth
from loaders.errors import LoadError


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_a_copy_whose_fsync_fails_fails_the_add_and_changes_nothing(db_copy, tmp_path, monkeypatch, suffix):
    register = tmp_path / f"reg{suffix}"
    synth.write_register(register, rows=50, seed=3)
    real_fsync = os.fsync

    def fsync(fd):
        if "input-" in os.readlink(f"/proc/self/fd/{fd}"):  # only the register's copy in the record
            raise OSError(errno.EIO, "Input/output error")
        return real_fsync(fd)

    monkeypatch.setattr(additions.os, "fsync", fsync)
    before = _sha(db_copy)
    with pytest.raises(LoadError) as err:
        build.add([register], db_copy, create_editions=True)
    assert "Input/output error" in err.value.message
    assert _sha(db_copy) == before
    assert not additions.additions_dir(db_copy).exists()
    assert additions._syncing == {}


def test_the_copy_is_on_disk_and_recorded_after_an_add(db_copy, tmp_path):
    register = tmp_path / "reg.csv"
    synth.write_register(register, rows=50, seed=4)
    build.add([register], db_copy, create_editions=True)
    [record] = additions.records(db_copy)
    entry = record.meta["files"][0]
    assert entry["sha256"] == _sha(register) == _sha(record.path / entry["stored"])
    assert additions._syncing == {}
