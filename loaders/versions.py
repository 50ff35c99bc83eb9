"""Previous database versions kept on disk, and rolling the last load back to one of them.

Every write (build, add, the Add data page) replaces the database by renaming a finished temp copy
over it (loaders/build.py). Just before that rename, the version being replaced is kept in
`<db>.versions/` beside the database (`data/wmc.duckdb.versions/` for the shipped one), as
`v000001.duckdb`, `v000002.duckdb`, ... (newest last). It is a hard link to the replaced file, so
keeping it costs no copy (a copy only where the file system has no hard links), and no one writes
it afterwards: writes always replace the database file, never change it in place. At most
`WMC_KEEP_VERSIONS` versions are kept (default 3); older ones are removed by the write that adds one.

`rollback` restores the newest kept version, under the same write lock as every other write, after
checking that the database is still the version the caller looked at and that the kept version
reads. The history is append-only: the restored copy gets the whole load history of the database it
replaces, with the loads it undoes marked `undone_by` and a `rollback` row of its own (a new run id;
ids are never reused), written into a temp copy renamed over the database in one step. A rollback
killed at any moment leaves either the database as it was or the restored version, both whole.

Space: a write needs room for one temp copy of the database. When the disk holds less than that,
the kept versions beyond what the write will keep are pruned first (`make_room`); a full disk is
then said as such (loaders/build.py), never as an internal error.
"""
from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import duckdb

import database
from loaders import write_lock
from loaders.errors import DatabaseDamaged, LoadError

DEFAULT_KEEP = 3
_NAME = re.compile(r"^v(\d{6})\.duckdb$")
_PENDING = ".keeping-"  # a copy being made (file systems without hard links); removed if left over


def check_target(target: Path) -> None:
    """The database path must be a regular file or not exist yet; checked before any work."""
    target = Path(target)
    if target.is_symlink() or (target.exists() and not target.is_file()):
        raise LoadError(str(target), "the database path is not a regular file (a folder or a link?); "
                        "give --db a file name")
    if target.parent.exists() and not target.parent.is_dir():
        raise LoadError(str(target), "the folder for the database is not a folder")


def _quoted(identifier: str) -> str:
    """A catalog name as a quoted SQL identifier (identifiers cannot be bound parameters)."""
    return '"' + str(identifier).replace('"', '""') + '"'


def check_readable(db: Path) -> None:
    """Read every column of every table of `db` once, so a damaged block is found before the file
    is copied forward (DuckDB verifies a block's checksum when it reads it)."""
    try:
        con = database.connect(db, read_only=True)
        tables = [r[0] for r in con.execute(
            "select table_name from duckdb_tables() where database_name = current_database() "
            "and schema_name = 'main' order by table_name").fetchall()]
    except duckdb.Error as exc:  # a damaged first block: the catalogue itself
        raise DatabaseDamaged(str(db), None, str(exc).splitlines()[0][:200]) from None
    with con:
        for table in tables:
            columns = [r[0] for r in con.execute(
                "select column_name from duckdb_columns() where database_name = current_database() "
                "and schema_name = 'main' and table_name = $t", {"t": table}).fetchall()]
            reads = ", ".join(f"min({_quoted(c)})" for c in columns) or "count(*)"
            try:
                con.execute(f"select count(*), {reads} from {_quoted(table)}").fetchall()
            except duckdb.Error as exc:
                raise DatabaseDamaged(str(db), table, str(exc).splitlines()[0][:200]) from None


def keep_limit() -> int:
    """How many previous versions are kept: `WMC_KEEP_VERSIONS` (1-50), default 3."""
    try:
        return min(50, max(1, int(os.environ.get("WMC_KEEP_VERSIONS", DEFAULT_KEEP))))
    except ValueError:
        return DEFAULT_KEEP


def versions_dir(target: Path) -> Path:
    target = Path(target)
    return target.parent / f"{target.name}.versions"


@dataclass(frozen=True)
class Version:
    """One kept version: its file and the last load run it holds (None if it has no readable runs)."""
    path: Path
    number: int
    run_id: int | None = None
    loaded_at: datetime | None = None
    action: str | None = None
    files: str | None = None
    facts: int | None = None


def file_version(path: Path) -> tuple | None:
    """(inode, mtime, size) of a file, the identity a write or rollback checks; None if missing."""
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return None
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


def _kept(target: Path) -> list[tuple[int, Path]]:
    folder = versions_dir(target)
    if not folder.is_dir():
        return []
    found = []
    for entry in os.scandir(folder):
        match = _NAME.match(entry.name)
        if match and entry.is_file(follow_symlinks=False):
            found.append((int(match.group(1)), Path(entry.path)))
    return sorted(found)


def _same_file(kept: Path, target: Path) -> bool:
    """A kept version that is the database itself: left by a write killed between keeping and
    renaming. A hard link is the same inode; a copy keeps size and modification time."""
    try:
        a, b = os.stat(kept), os.stat(target)
    except FileNotFoundError:
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino) or (a.st_size, a.st_mtime_ns) == (b.st_size, b.st_mtime_ns)


def keep(target: Path) -> Path | None:
    """Keep the current database as the newest previous version; only under the write lock, just
    before a new version is renamed over it. Prunes to `keep_limit()`. None if there is no database."""
    target = Path(target)
    if not target.is_file():
        return None
    folder = versions_dir(target)
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise LoadError(str(folder), "the folder of previous versions is not a folder; nothing was written")
    folder.mkdir(exist_ok=True)
    for entry in os.scandir(folder):  # a copy cut off by a killed write
        if entry.name.startswith(_PENDING):
            Path(entry.path).unlink(missing_ok=True)
    kept = _kept(target)
    if kept and _same_file(kept[-1][1], target):
        return kept[-1][1]
    number = (kept[-1][0] + 1) if kept else 1
    final = folder / f"v{number:06d}.duckdb"
    try:
        os.link(target, final)
    except OSError:  # no hard links here: a copy, renamed into place only when complete
        pending = folder / f"{_PENDING}{number:06d}"
        try:
            shutil.copy2(target, pending)
            os.replace(pending, final)
        except OSError as exc:
            pending.unlink(missing_ok=True)
            raise LoadError(str(target), f"could not keep the previous version ({exc.strerror}); "
                            "nothing was written") from None
    for _, old in _kept(target)[:-keep_limit()]:
        old.unlink(missing_ok=True)
    return final


def _size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except FileNotFoundError:
        return 0


def free_bytes(folder: Path) -> int:
    stats = os.statvfs(folder)
    return stats.f_bavail * stats.f_frsize


def space_needed(target: Path) -> int:
    """What a write needs free beside the database: one temp copy, a tenth more for what it adds,
    and a few MB of DuckDB's own (a new database starts at a few MB)."""
    return int(_size(target) * 1.1) + (8 << 20)


def space_report(target: Path) -> str:
    """Free space, the database's size and what the kept versions hold, for a full-disk message."""
    target = Path(target)
    kept = _kept(target)
    held = sum(_size(p) for _, p in kept)
    try:
        free = free_bytes(target.parent)
    except OSError:
        free = 0
    return (f"{free / 1e6:,.1f} MB is free in {target.parent}; the database is {_size(target) / 1e6:,.1f} MB and a "
            f"load needs about {space_needed(target) / 1e6:,.1f} MB free; {len(kept)} kept previous version(s) hold "
            f"{held / 1e6:,.1f} MB (WMC_KEEP_VERSIONS={keep_limit()}). Free some space, or keep fewer versions "
            "(WMC_KEEP_VERSIONS=1), and run the load again")


def make_room(target: Path) -> None:
    """Before a write: if the disk holds less than it needs, prune the kept versions down to the
    number that stays once this write has kept one more (a write would prune them anyway, but only
    after its copy, which is exactly what a nearly full disk cannot take). Only under the write lock."""
    target = Path(target)
    if not target.parent.is_dir():
        return
    if free_bytes(target.parent) >= space_needed(target):
        return
    kept = [(n, p) for n, p in _kept(target) if not _same_file(p, target)]
    for _, old in kept[:max(0, len(kept) - (keep_limit() - 1))]:
        old.unlink(missing_ok=True)


def _describe(number: int, path: Path) -> Version:
    """A kept version with the last load that holds in it (a build or an add not undone)."""
    from loaders.build import read_history

    history = read_history(path)
    if history is None:
        return Version(path, number)
    try:
        with database.connect(path, read_only=True) as con:
            facts = con.execute("select count(*) from facts").fetchone()[0]
    except duckdb.Error:
        return Version(path, number)
    loads = _active_loads(history)
    if loads.empty:
        return Version(path, number, facts=facts)
    row = loads.iloc[-1]
    return Version(path, number, int(row["run_id"]), row["loaded_at"], row["action"], row["files"], facts)


def _active_loads(history):
    """The builds and adds of a history that hold (not undone), in run order."""
    loads = history[history["action"].isin(("build", "add"))]
    return loads[loads["undone_by"].isna()].sort_values("run_id")


def _same_loads(kept: Path, target: Path) -> bool:
    """A kept version holding exactly the loads the database holds: left by a rollback killed after
    its rename (the database is that version with a longer history), so not a previous one."""
    from loaders.build import read_history

    a, b = read_history(kept), read_history(target)
    if a is None or b is None or a.empty:
        return False
    return list(_active_loads(a)["run_id"]) == list(_active_loads(b)["run_id"])


def kept_versions(target: Path) -> list[Version]:
    """The previous versions on disk, newest first, each with the last load run it holds. A
    version that is the database itself (see `_same_file`, `_same_loads`) is left out."""
    target = Path(target)
    return [_describe(n, p) for n, p in reversed(_kept(target))
            if not _same_file(p, target) and not _same_loads(p, target)]


def _merged_history(current, restored, rollback_run: int, kept_name: str, checksum: str):
    """The history the restored version gets: every row of the current one (nothing erased), the
    loads the rollback undoes marked with its run, and the rollback's own row."""
    import pandas as pd

    history = current.copy()
    holds = set(_active_loads(restored)["run_id"]) if restored is not None else set()
    undo = history["action"].isin(("build", "add")) & history["undone_by"].isna() & ~history["run_id"].isin(holds)
    history["undone_by"] = history["undone_by"].astype("Int64")
    history.loc[undo, "undone_by"] = rollback_run
    row = {"run_id": rollback_run, "loaded_at": datetime.now(timezone.utc).replace(tzinfo=None),
           "action": "rollback", "files": kept_name, "rows": 0, "checksum": checksum, "undone_by": None,
           "addition": None}
    return pd.concat([history, pd.DataFrame([row])], ignore_index=True), history.loc[undo]


def rollback(target: Path, expected_version: tuple | None = None) -> Version:
    """Restore the newest kept version, atomically; returns the version restored.

    `expected_version` is the `file_version` of the database the caller showed: if another write
    replaced it meanwhile, nothing is done. Refused when no previous version is kept or it cannot
    be read; a failed rollback leaves the database as it was. The load history stays whole: the
    undone loads are marked, the rollback is a run of its own (and the adds it undoes are not
    replayed by later builds).
    """
    import tempfile

    import pandas as pd

    from loaders import additions
    # The load history's writers still live in build.py (a lazy import: build imports this module).
    from loaders.build import _PLAIN_OS_ERRORS, _insert, next_run_id, os_error_message, read_history, sha256_file
    from loaders import schema

    target = Path(target)
    check_target(target)
    if not target.exists():
        raise LoadError(str(target), "database does not exist: nothing to roll back")
    with write_lock.exclusive(target):
        current = read_history(target)
        additions.reconcile(target, None if current is None else current.to_dict("records"))
        if expected_version is not None and file_version(target) != expected_version:
            raise LoadError(str(target), "the database changed since it was shown (another load or rollback); "
                            "nothing was rolled back. Look at the history again.")
        candidates = _kept(target)
        while candidates and (_same_file(candidates[-1][1], target) or _same_loads(candidates[-1][1], target)):
            candidates.pop()[1].unlink()  # left by a killed write or rollback: not a previous version
        if not candidates:
            raise LoadError(str(target), "no previous version is kept; nothing was rolled back")
        number, previous = candidates[-1]
        version = _describe(number, previous)
        try:
            check_readable(previous)
        except Exception as exc:  # DatabaseDamaged or a file that is no database at all
            raise LoadError(str(previous), f"the previous version cannot be read ({exc}); nothing was rolled back") from None
        if current is None:  # a damaged database: restoring is the way back; its history starts from the kept one
            current = read_history(previous)
            if current is None:
                current = pd.DataFrame(columns=schema.TABLES["load_runs"].column_names)
        before = file_version(target)
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=write_lock.temp_prefix(target), suffix=".tmp")
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            shutil.copyfile(previous, tmp)
            with database.connect(tmp) as con:
                run_id = next_run_id(con, target)
                run_id = max(run_id, int(current["run_id"].max() or 0) + 1 if len(current) else 1)
                history, undone = _merged_history(current, read_history(previous), run_id, previous.name,
                                                  sha256_file(previous))
                con.execute("drop table if exists load_runs")
                con.execute(next(st for st in schema.create_statements() if st.startswith("create table load_runs ")))
                _insert(con, "load_runs", history)
                con.execute("checkpoint")
            if file_version(target) != before or (expected_version is not None and before != expected_version):
                raise LoadError(str(target), "the database changed since it was shown; nothing was rolled back")
            os.replace(tmp, target)  # the one step: the restored copy becomes the database
        except OSError as exc:
            if exc.errno in _PLAIN_OS_ERRORS:
                raise LoadError(str(target), os_error_message(exc, target)) from None
            raise
        finally:
            for leftover in (tmp, Path(str(tmp) + ".wal")):
                leftover.unlink(missing_ok=True)
        previous.unlink(missing_ok=True)  # restored: the next rollback goes one further back
        marks = {name: (run_id, "rollback") for name in undone["addition"].dropna() if name}
        additions.mark_undone(target, marks)
    return version
