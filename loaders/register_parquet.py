"""`python -m loaders export-register --parquet DIR`: publish the register as a Parquet dataset.

The database's `projects` table is written with one COPY ... (FORMAT parquet, PARTITION_BY
(year)) into a new version folder beside DIR (`DIR.v000001`, `DIR.v000002`, ...: numbered, never
named by the clock, so a clock set back cannot reorder them), written as `.tmp` first and renamed
when complete. DIR itself is a symlink, swapped atomically (a new link renamed over it) to the new
version: a reader resolves the link once per connection and keeps reading the version it resolved
(queries/register_dataset.py), so it never sees a half-written dataset. The version the link
pointed to before is kept for readers still on it; every other one is removed.

Exports of one dataset take a lock (`DIR.lock`, as the database's writes do), and the export that
holds it first removes what a killed export left: `DIR.v*.tmp` folders and `.DIR.link-*` links.

The dataset holds rows only; the app computes projects_rollup from it. The database stays the
write side: a register is loaded with `add` and then exported.
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path


import database
import config
from loaders import schema, write_lock
from loaders.errors import LoadError

KEEP_VERSIONS = 2  # the current one and the one before it (a reader may still be on it)
_NUMBER = re.compile(r"^\d{6,}$")


def _version_dirs(target: Path) -> list[Path]:
    """The finished version folders of the dataset (numbered ones, and any named by an older export's
    clock stamp), oldest first by number; stamped ones count as older than every numbered one."""
    prefix = f"{target.name}.v"
    found = []
    for entry in os.scandir(target.parent):
        if entry.name.startswith(prefix) and not entry.name.endswith(".tmp") and entry.is_dir(follow_symlinks=False):
            number = entry.name[len(prefix):]
            found.append((int(number) if _NUMBER.match(number) else -1, entry.name, Path(entry.path)))
    return [path for _, _, path in sorted(found)]


def _next_number(target: Path) -> int:
    prefix = f"{target.name}.v"
    numbers = [int(p.name[len(prefix):]) for p in _version_dirs(target) if _NUMBER.match(p.name[len(prefix):])]
    return max(numbers, default=0) + 1


def _sweep_leftovers(target: Path) -> list[Path]:
    """Remove the `.tmp` folders and temp links of killed exports. Only under the export lock."""
    return write_lock.remove_leftovers(
        target.parent, lambda name: ((name.startswith(f"{target.name}.v") and name.endswith(".tmp"))
                                     or name.startswith(f".{target.name}.link-")))


def _sql_literal(path: Path) -> str:
    return "'" + str(config.safe_dataset_path(path)).replace("'", "''") + "'"


def export_register(db: Path, target: Path) -> int:
    """Write the register of `db` to a new version of the dataset at `target`; returns its rows."""
    try:
        target = config.safe_dataset_path(target, "--parquet")
    except config.DatasetPathError as exc:
        raise LoadError(str(target), str(exc)) from None
    if target.exists() and not target.is_symlink():
        raise LoadError(str(target), "exists and is not a dataset link written by export-register; "
                        "give a new path (the folder is created as a link to its current version)")
    if not target.parent.is_dir():
        raise LoadError(str(target), "the folder it would be created in does not exist")
    if not Path(db).is_file():
        raise LoadError(str(db), "no such database file: run `python -m loaders build` first")
    with write_lock.exclusive(target):
        return _export_locked(Path(db), target)


def _export_locked(db: Path, target: Path) -> int:
    _sweep_leftovers(target)
    version = target.parent / f"{target.name}.v{_next_number(target):06d}"
    tmp = version.with_name(version.name + ".tmp")
    link = target.parent / f".{target.name}.link-{os.getpid()}"
    previous = os.readlink(target) if target.is_symlink() else None
    columns = ", ".join(c for c in schema.TABLES["projects"].column_names)
    try:
        with database.connect(db, read_only=True) as con:
            rows = con.execute("select count(*) from projects").fetchone()[0]
            if rows == 0:
                raise LoadError(str(db), "the database holds no register rows to export")
            # One file per year folder, rows in table order: the same rows in the same order as the
            # table, so the named queries give identical results from either.
            con.execute("set preserve_insertion_order = true")
            con.execute(f"copy (select {columns} from projects) to {_sql_literal(tmp)} "
                        "(format parquet, partition_by (year), per_thread_output false)")
        os.rename(tmp, version)
        link.unlink(missing_ok=True)
        os.symlink(version.name, link)  # relative: the dataset and its link move together
        os.replace(link, target)  # atomic: readers see the old version or the new one
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
        link.unlink(missing_ok=True)
    # Kept: the new version and the one the link named before it (readers may still be on it),
    # whatever their names sort as; every other version goes.
    keep = {version.name, Path(previous).name if previous else None}
    for old in _version_dirs(target):
        if old.name not in keep:
            shutil.rmtree(old, ignore_errors=True)
    return int(rows)
