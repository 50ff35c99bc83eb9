"""`python -m loaders export-register --parquet DIR`: publish the register as a Parquet dataset.

The database's `projects` table is written with one COPY ... (FORMAT parquet, PARTITION_BY
(year)) into a new version folder beside DIR (`DIR.v<UTC time>-<pid>`, written as `.tmp` first and
renamed when complete). DIR itself is a symlink, swapped atomically (a new link renamed over it)
to the new version: a reader resolves the link once per connection and keeps reading the version
it resolved (queries/register_dataset.py), so it never sees a half-written dataset. The version
before the new one is kept for readers still on it; older ones are removed.

The dataset holds rows only; the app computes projects_rollup from it. The database stays the
write side: a register is loaded with `add` and then exported.
"""
from __future__ import annotations

import os
import shutil
from datetime import datetime, timezone
from pathlib import Path


import database
import config
from loaders import schema
from loaders.errors import LoadError

KEEP_VERSIONS = 2  # the current one and the one before it (a reader may still be on it)


def _version_dirs(target: Path) -> list[Path]:
    return sorted(p for p in target.parent.glob(f"{target.name}.v*") if p.is_dir() and not p.name.endswith(".tmp"))


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
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    version = target.parent / f"{target.name}.v{stamp}-{os.getpid()}"
    tmp = version.with_name(version.name + ".tmp")
    link = target.parent / f".{target.name}.link-{os.getpid()}"
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
    names = [p.name for p in _version_dirs(target)]
    if version.name in names:
        for old in names[:max(0, names.index(version.name) - (KEEP_VERSIONS - 1))]:
            shutil.rmtree(target.parent / old, ignore_errors=True)
    return int(rows)
