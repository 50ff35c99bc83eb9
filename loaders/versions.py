"""Previous database versions kept on disk, and rolling the last load back to one of them.

Every write (build, add, the Add data page) replaces the database by renaming a finished temp copy
over it (loaders/build.py). Just before that rename, the version being replaced is kept in
`<db>.versions/` beside the database (`data/wmc.duckdb.versions/` for the shipped one), as
`v000001.duckdb`, `v000002.duckdb`, ... (newest last). It is a hard link to the replaced file, so
keeping it costs no copy (a copy only where the file system has no hard links), and no one writes
it afterwards: writes always replace the database file, never change it in place. At most
`WMC_KEEP_VERSIONS` versions are kept (default 3); older ones are removed by the write that adds one.

`rollback` renames the newest kept version over the database, under the same write lock as every
other write, after checking that the database is still the version the caller looked at and that
the kept version reads. One rename: a rollback killed at any moment leaves either the database as
it was or the previous version, both whole.
"""
from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

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
    with duckdb.connect(str(db), read_only=True) as con:
        tables = [r[0] for r in con.execute(
            "select table_name from duckdb_tables() where database_name = current_database() "
            "and schema_name = 'main' order by table_name").fetchall()]
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


def _describe(number: int, path: Path) -> Version:
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            row = con.execute("select run_id, loaded_at, action, files from load_runs "
                              "order by run_id desc limit 1").fetchone()
            facts = con.execute("select count(*) from facts").fetchone()[0]
    except duckdb.Error:
        return Version(path, number)
    if row is None:
        return Version(path, number, facts=facts)
    return Version(path, number, row[0], row[1], row[2], row[3], facts)


def kept_versions(target: Path) -> list[Version]:
    """The previous versions on disk, newest first, each with the last load run it holds. A
    version that is the database itself (see `_same_file`) is not a previous one and is left out."""
    target = Path(target)
    return [_describe(n, p) for n, p in reversed(_kept(target)) if not _same_file(p, target)]


def rollback(target: Path, expected_version: tuple | None = None) -> Version:
    """Replace the database by its newest kept version, atomically; returns the version restored.

    `expected_version` is the `file_version` of the database the caller showed: if another write
    replaced it meanwhile, nothing is done. Refused when no previous version is kept or it cannot
    be read; a failed rollback leaves the database as it was.
    """

    target = Path(target)
    check_target(target)
    if not target.exists():
        raise LoadError(str(target), "database does not exist: nothing to roll back")
    with write_lock.exclusive(target):
        if expected_version is not None and file_version(target) != expected_version:
            raise LoadError(str(target), "the database changed since it was shown (another load or rollback); "
                            "nothing was rolled back. Look at the history again.")
        candidates = _kept(target)
        while candidates and _same_file(candidates[-1][1], target):
            candidates.pop()[1].unlink()  # left by a write killed before its rename: not a previous version
        if not candidates:
            raise LoadError(str(target), "no previous version is kept; nothing was rolled back")
        number, previous = candidates[-1]
        version = _describe(number, previous)
        try:
            check_readable(previous)
        except Exception as exc:  # DatabaseDamaged or a file that is no database at all
            raise LoadError(str(previous), f"the previous version cannot be read ({exc}); nothing was rolled back") from None
        before = file_version(target)
        if expected_version is not None and before != expected_version:
            raise LoadError(str(target), "the database changed since it was shown; nothing was rolled back")
        os.replace(previous, target)  # the one step: the kept file becomes the database
    return version
