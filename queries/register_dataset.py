"""The register read from a hive-partitioned Parquet dataset instead of the database's table.

When `WMC_REGISTER_PARQUET` names a dataset directory (written by `python -m loaders
export-register`), every read connection gets, once when it opens, a view `projects` over
read_parquet('<dir>/**/*.parquet', hive_partitioning = true), with the columns in the schema's
order and types, and a table `projects_rollup` computed from it (the same GROUP BY the load
stores). The named register_*.sql queries then run unchanged. Both live in the connection's
in-memory catalog, searched before the attached database file, so they shadow its tables.

The directory is usually a symlink that the export swaps atomically to a new version; the version
read is the resolved target, pinned per database generation like the database file itself.
"""
from __future__ import annotations

import os
from pathlib import Path

import config
from loaders import schema

VIEW_CATALOG = "memory.main"  # the connection's own in-memory database
SEARCH_PATH = f"SET search_path = '{VIEW_CATALOG},wmc.main'"


def resolve() -> tuple[Path, tuple] | None:
    """(resolved dataset directory, its version) when a dataset is configured, else None.
    Raises config.DatasetPathError for a path that is unsafe, missing, or holds no Parquet."""
    configured = config.register_parquet_dir()
    if configured is None:
        return None
    real = config.safe_dataset_path(os.path.realpath(configured), "WMC_REGISTER_PARQUET (resolved)")
    stat = os.stat(real)
    return real, (str(real), stat.st_ino, stat.st_mtime_ns)


def check_files(directory: Path) -> None:
    """Refuse a dataset directory without Parquet files (read_parquet would fail on every query)."""
    if next(Path(directory).rglob("*.parquet"), None) is None:
        raise config.DatasetPathError(f"WMC_REGISTER_PARQUET: {str(directory)!r} holds no .parquet file")


def _glob_literal(directory: Path) -> str:
    """'<vetted directory>/**/*.parquet' as a SQL string literal: the directory holds no quote or
    glob character (safe_dataset_path refused them); the only glob is the one added here."""
    text = str(config.safe_dataset_path(directory)).rstrip("/") + "/**/*.parquet"
    return "'" + text.replace("'", "''") + "'"


def _typed_columns(table: str) -> str:
    """The select list giving `table`'s columns in the schema's order and types."""
    return ", ".join(f"cast({c.name} as {c.type}) as {c.name}" for c in schema.TABLES[table].columns)


def _over_view(select: str) -> str:
    """A schema SELECT over `projects` read from the dataset view instead of the database's table."""
    return select.replace("from projects", f"from {VIEW_CATALOG}.projects")


def view_statements(directory: Path) -> list[str]:
    """CREATE statements for `projects`, `projects_rollup` and `projects_top` read from `directory`."""
    source = _glob_literal(Path(directory))
    projects = (f"create or replace view {VIEW_CATALOG}.projects as select {_typed_columns('projects')} from "
                f"read_parquet({source}, hive_partitioning = true, union_by_name = true)")
    # The rollup is computed once, when the connection opens (one GROUP BY over the dataset; a few
    # thousand rows kept in memory): as a view, every summary and drill-down scanned the dataset.
    rollup = (f"create or replace table {VIEW_CATALOG}.projects_rollup as select {_typed_columns('projects_rollup')} "
              f"from ({_over_view(schema.ROLLUP_SELECT)})")
    # The register page's top projects, kept at load for the database's table, likewise once per connection.
    top = (f"create or replace table {VIEW_CATALOG}.projects_top as select {_typed_columns('projects_top')} "
           f"from ({_over_view(schema.top_select(config.REGISTER_TOP_PER_EDITION))})")
    return [projects, rollup, top]
