"""Read side: named .sql files with bound parameters, run through one cached read-only connection.

`run(name, **params)` executes queries/<name>.sql with DuckDB named parameters ($name). The
connection is reopened when the database file is replaced (a rebuild renames a new file over
it), and cached results are dropped with it, so a reader sees the whole old or the whole new data.
"""
from __future__ import annotations

import os
import threading
from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd

import config

QUERY_DIR = Path(__file__).resolve().parent
_lock = threading.Lock()
_state: dict = {"path": None, "version": None, "con": None}


class DatabaseMissing(RuntimeError):
    """The database file does not exist yet (run `python -m loaders build`)."""


def _version(path: Path) -> tuple:
    stat = os.stat(path)
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


def connection() -> tuple[duckdb.DuckDBPyConnection, tuple]:
    """The read-only connection to the current database file and its version."""
    path = config.db_path()
    try:
        version = _version(path)
    except FileNotFoundError:
        raise DatabaseMissing(f"{path} does not exist: run `python -m loaders build`") from None
    with _lock:
        if _state["con"] is None or _state["path"] != path or _state["version"] != version:
            # Open the new file before dropping the old connection: cursors still reading the
            # old file keep it alive until they finish.
            con = duckdb.connect(str(path), read_only=True)
            _state.update(path=path, version=version, con=con)
            _cached.cache_clear()
        return _state["con"], _state["version"]


@lru_cache(maxsize=64)
def sql_text(name: str) -> str:
    path = QUERY_DIR / f"{name}.sql"
    if not path.exists():
        raise KeyError(f"no query named {name!r}")
    return path.read_text(encoding="utf-8")


def names() -> list[str]:
    return sorted(p.stem for p in QUERY_DIR.glob("*.sql"))


@lru_cache(maxsize=512)
def _cached(name: str, params: tuple, version: tuple) -> pd.DataFrame:
    con, _ = connection()
    cursor = con.cursor()  # connections are not thread-safe; a cursor per query is
    try:
        bound = {k: list(v) if isinstance(v, tuple) else v for k, v in params}
        return cursor.execute(sql_text(name), bound).df()
    finally:
        cursor.close()


def run(name: str, **params) -> pd.DataFrame:
    """Rows of the named query; a copy, so callers may modify it."""
    _, version = connection()
    hashable = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    return _cached(name, hashable, version).copy()


def data_version() -> str:
    """A short label of the loaded data: last load time and run id."""
    row = run("data_as_of")
    if row.empty:
        return "unknown"
    r = row.iloc[0]
    return f"run {r['run_id']} at {r['loaded_at']:%Y-%m-%d %H:%M} UTC"
