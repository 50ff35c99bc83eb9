"""Every DuckDB connection the project opens, with its settings stated instead of DuckDB's defaults.

- No extension is installed or loaded behind a query's back: DuckDB would otherwise download one from
  its extension server the first time a query needs it (a `read_xlsx` fetches `excel`). Only the
  extensions built into the wheel (parquet, json, icu, core_functions) are used; a query needing any
  other fails at once with a catalog error naming it.
- Memory and threads are sized for the processes sharing the machine. DuckDB's defaults are 80 % of
  RAM and every core for each instance, and every app process opens one in-memory instance per
  database version (two while a new version replaces the old), beside any loader run.

Settings (environment): `WMC_DUCKDB_MEMORY_LIMIT` (a DuckDB size such as `2GB`) and `WMC_DUCKDB_THREADS`
override the defaults, which divide the machine between `WMC_REPLICAS` app processes (default 1) and
one loader: memory 80 % of RAM / (replicas + 1), threads cores / replicas (at least 1).

The settings are applied with SET on each new connection rather than as `connect(config=...)`: DuckDB
shares one instance per file, and refuses a second connection whose config differs from the first.
"""
from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

# Never download or load an extension the query did not ask for by name (and none from the community
# repository). Set before anything else runs on the connection.
NO_EXTENSION_FETCH = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}


def _int_env(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ValueError(f"{name}: {value!r} is not a whole number") from None
    if number < 1:
        raise ValueError(f"{name}: {value!r} must be at least 1")
    return number


def ram_bytes() -> int:
    """Physical memory, or the cgroup's limit where a container sets a smaller one."""
    total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    try:
        limit = Path("/sys/fs/cgroup/memory.max").read_text().strip()
        if limit.isdigit():
            total = min(total, int(limit))
    except OSError:
        pass
    return total


def replicas() -> int:
    """How many app processes share this machine (`WMC_REPLICAS`, default 1)."""
    return _int_env("WMC_REPLICAS", 1)


def memory_limit() -> str:
    """DuckDB's memory_limit for one instance of this process, as a DuckDB size string."""
    value = os.environ.get("WMC_DUCKDB_MEMORY_LIMIT", "").strip()
    if value:
        return value
    share_mib = int(ram_bytes() * 0.8 / (replicas() + 1)) // 2**20
    return f"{max(share_mib, 256)}MiB"


def threads() -> int:
    """DuckDB's worker threads for one instance of this process."""
    return _int_env("WMC_DUCKDB_THREADS", max(1, (os.cpu_count() or 1) // replicas()))


def settings() -> dict:
    """Every setting `connect` applies, by DuckDB name."""
    return {**NO_EXTENSION_FETCH, "memory_limit": memory_limit(), "threads": threads()}


def configure(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """Apply `settings()` to an open connection (they are global to its instance)."""
    for name, value in settings().items():
        # Names are this module's constants; values are booleans, ints or a checked size string.
        con.execute(f"SET {name} = $value", {"value": value})
    return con


def connect(database: str | Path = ":memory:", read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """`duckdb.connect` with the project's settings applied."""
    con = duckdb.connect(str(database), read_only=read_only)
    try:
        return configure(con)
    except BaseException:
        con.close()
        raise


_scratch_lock = threading.Lock()
_scratch: duckdb.DuckDBPyConnection | None = None
# A forked child inherits the parent's instance but not its worker threads: closing it there (or dropping the last
# reference) waits on those threads for ever. The child keeps it referenced, unused, and starts its own.
_inherited: list[duckdb.DuckDBPyConnection] = []


def _after_fork_in_child() -> None:
    global _scratch, _scratch_lock
    if _scratch is not None:
        _inherited.append(_scratch)
    _scratch = None
    _scratch_lock = threading.Lock()  # a parent thread may have held it at the fork


os.register_at_fork(after_in_child=_after_fork_in_child)


@contextmanager
def scratch() -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection of its own to this process's one in-memory instance, for work on files and frames that stores
    nothing (checking a loader's rows, reading a register into memory). Starting a DuckDB instance costs 20–30 ms,
    which a build paid once per table it checked; a cursor costs 0.01 ms. What the caller registers on it (a
    frame as a view) is its own and goes with it. A forked child starts its own instance."""
    global _scratch
    with _scratch_lock:
        if _scratch is None:
            _scratch = connect()
        cursor = _scratch.cursor()
    try:
        yield cursor
    finally:
        cursor.close()
