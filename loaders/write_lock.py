"""One writer at a time: an OS file lock beside the database, and the temp files of writes.

Every write (build, add, the Add data page) runs read-copy-modify-swap while holding an exclusive
`fcntl` lock on `<db>.lock` (taken again if the file was deleted before the lock was granted). A second
writer waits, for at most `WMC_LOCK_TIMEOUT_S` seconds (default 120), then gives up with a clear message;
it never works on a copy the first is about to replace. Temp files carry a recognisable name
(`.<db>.wmc-write-<pid>-*.tmp`); the writer holding the lock removes any left by a writer that is no
longer running before it starts.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import time
from contextlib import contextmanager
from pathlib import Path

from loaders.errors import LoadError

TEMP_MARK = ".wmc-write-"
POLL_S = 0.05


def lock_timeout_s() -> float:
    try:
        return max(0.0, float(os.environ.get("WMC_LOCK_TIMEOUT_S", "120")))
    except ValueError:
        return 120.0


def temp_prefix(target: Path) -> str:
    """The start of this process's temp files for `target`: the writer's pid is in the name, so that a
    sweep can tell a live writer's file from a dead one's (see clear_stale_temp_files)."""
    return f"{_temp_base(target)}{os.getpid()}-"


def _temp_base(target: Path) -> str:
    return f".{target.name}{TEMP_MARK}"


@contextmanager
def exclusive(target: Path, timeout_s: float | None = None):
    """Hold the write lock of `target`; raises LoadError when another writer keeps it too long."""
    target = Path(target)
    timeout_s = lock_timeout_s() if timeout_s is None else timeout_s
    lock_path = target.parent / f"{target.name}.lock"
    fd = _open_lock(lock_path)
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                if _still_at(fd, lock_path):
                    break
                # The lock file was deleted (or replaced) before we got it: a lock on it guards nothing
                # the next writer will see. Take the file now at that path instead.
                os.close(fd)
                fd = -1
                fd = _open_lock(lock_path)
                continue
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    # The database's name, not its path: the message reaches admins in the browser.
                    raise LoadError(target.name, f"another load is writing this database; gave up after "
                                    f"waiting {timeout_s:g} s. Try again when it has finished.", code="db_busy",
                                    params={"seconds": f"{timeout_s:g}"}) from None
                time.sleep(POLL_S)
        clear_stale_temp_files(target)
        yield
    finally:
        if fd >= 0:
            os.close(fd)  # closing the descriptor releases the lock


def _open_lock(lock_path: Path) -> int:
    return os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)


def _still_at(fd: int, path: Path) -> bool:
    """Whether `path` still names the file open as `fd`."""
    try:
        here = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (here.st_dev, here.st_ino) == (mine.st_dev, mine.st_ino)


def clear_stale_temp_files(target: Path) -> list[Path]:
    """Remove temp files (and DuckDB's spill folders) of earlier writes. Only under the lock. A file of
    another process that is still running is left: the lock is held, so that writer can only be one whose
    lock file was deleted under it (C11), and deleting its live file turned its clean refusal at the
    version check into an internal error."""
    base = _temp_base(target)
    return remove_leftovers(target.parent, lambda name: name.startswith(base) and not _live_writer(name[len(base):]))


def _live_writer(rest: str) -> bool:
    """Whether the pid that starts `rest` ("<pid>-...") is another process that is running."""
    pid, sep, _ = rest.partition("-")
    if not sep or not pid.isdigit() or int(pid) == os.getpid():
        return False  # a name of an older release (no pid), or this process's own: its writes take the lock
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # running, as another user
    return True


def remove_leftovers(folder: Path, is_leftover) -> list[Path]:
    """Remove every file, link or folder (never following a link) directly in `folder` whose name
    `is_leftover`; returns what was removed. Only under the lock that guards what left them."""
    removed = []
    for entry in os.scandir(folder):
        if not is_leftover(entry.name):
            continue
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path)
    return removed
