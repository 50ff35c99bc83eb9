"""Read side: named .sql files with bound parameters, run through one cached read-only connection.

`run(name, **params)` executes queries/<name>.sql with DuckDB named parameters ($name). When a
rebuild renames a new database file over the old one, the next query opens the new file; queries
already running finish on the old one, which is closed when the last of them is done. Results are
cached per file version, so a reader sees the whole old or the whole new data, never a mix.
With `WMC_REGISTER_PARQUET` set, the register tables are views over a Parquet dataset
(queries/register_dataset.py), and its resolved version is part of the generation too.
"""
from __future__ import annotations

import logging
import os
import threading
import weakref
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd

import database
import config
from queries import register_dataset
from vocabulary import MONEY_IN_MACRO

# pandas 3 keeps text in Arrow arrays when pyarrow is installed (it is, for Streamlit). The pages work on frames of
# tens to hundreds of rows, where each Arrow comparison or row selection pays a kernel's dispatch: a filter on the
# 16-row metric series took 1.1 ms against 0.5 ms over Python strings, and a page's run 10-35 % longer. The text
# dtype stays pandas' own `str` (missing is NaN either way); only where it keeps the strings changes. Set for the
# whole process on the read side's first import, before any frame is made.
pd.set_option("mode.string_storage", "python")

QUERY_DIR = Path(__file__).resolve().parent
MAX_CACHED_RESULTS = 512
OPEN_ATTEMPTS = 3  # an open that met a publish is tried again (see _open_retrying)
_lock = threading.Lock()
_log = logging.getLogger(__name__)
_current: dict = {"generation": None}
_snapshot = threading.local()  # the generation a `snapshot()` block of this thread reads


class DatabaseMissing(RuntimeError):
    """The database file does not exist yet (run `python -m loaders build`)."""


class DatabaseUnreadable(RuntimeError):
    """The database file exists but cannot be opened or read (damaged, or not a DuckDB file)."""


class RegisterDatasetUnusable(DatabaseUnreadable):
    """The configured Parquet register dataset is unsafe, missing or unreadable (see the message)."""


@dataclass(eq=False)
class _Generation:
    """One opened version of the database file."""
    path: Path
    fd: int
    version: tuple
    con: duckdb.DuckDBPyConnection
    dataset: tuple | None = None  # the Parquet register's (resolved dir, inode, mtime), if configured
    active: int = 0
    retired: bool = False
    results: dict = field(default_factory=dict)


def _version_of(stat: os.stat_result) -> tuple:
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


def _dataset() -> tuple | None:
    """The configured register dataset's version, or None; refused paths raise RegisterDatasetUnusable."""
    try:
        found = register_dataset.resolve()
    except (config.DatasetPathError, OSError) as exc:
        raise RegisterDatasetUnusable(str(exc)) from None
    return None if found is None else found[1]


def _open(path: Path, dataset: tuple | None = None) -> _Generation:
    # DuckDB keeps one database instance per resolved file name (since 1.5 also for
    # /proc/self/fd/N), so connecting to the path again after a swap would hand back the old
    # version. Each version therefore gets a fresh in-memory instance of its own, with the file
    # ATTACHed read-only through the descriptor we hold: that pins exactly the inode whose
    # version we record, whatever is renamed over the path meanwhile.
    fd = os.open(path, os.O_RDONLY)
    try:
        version = _version_of(os.fstat(fd))
        target = f"/proc/self/fd/{fd}" if Path("/proc/self/fd").is_dir() else str(path)
        con = database.connect()  # settings: database.py (no extension downloads, sized memory)
        con.execute("ATTACH $path AS wmc (READ_ONLY)", {"path": target})
        con.execute("USE wmc")
        if dataset is not None:
            directory = Path(dataset[0])
            register_dataset.check_files(directory)
            for statement in register_dataset.view_statements(directory):
                con.execute(statement)
        opened = _version_of(os.fstat(fd))
        if opened != version:  # never serve a version other than the one recorded
            raise RuntimeError(f"{path} changed while it was being opened")
    except BaseException:
        os.close(fd)
        raise
    return _Generation(path, fd, version, con, dataset)


def _open_retrying(path: Path, dataset: tuple | None) -> _Generation:
    """`_open`, tried again (OPEN_ATTEMPTS in all) if it failed: a version renamed over the path between our open and
    DuckDB's ATTACH makes DuckDB resolve the descriptor to "<path> (deleted)" and refuse it. The
    next try opens the version now in place (two publishes within milliseconds: an add followed by
    a rollback, or replicas publishing). A file that is really unreadable fails every time."""
    for attempt in range(OPEN_ATTEMPTS):
        try:
            return _open(path, dataset)
        except (duckdb.Error, OSError, RuntimeError) as exc:
            if isinstance(exc, config.DatasetPathError) or attempt == OPEN_ATTEMPTS - 1:
                raise
            _log.info("opening %s failed (%s); trying again", path, exc)


def _damaged(exc: duckdb.Error) -> bool:
    """A read error of the stored data: DuckDB raises a damaged block's checksum mismatch ("Corrupt
    database file") as its base Error, not as one of its I/O classes."""
    if isinstance(exc, (duckdb.IOException, duckdb.InternalException, duckdb.SerializationException)):
        return True
    return type(exc) is duckdb.Error or "Corrupt database file" in str(exc)


def _close_if_done(generation: _Generation) -> None:
    if generation.retired and generation.active == 0 and generation.fd >= 0:
        generation.con.close()
        os.close(generation.fd)
        generation.fd = -1


def _pin() -> _Generation:
    """The current generation (reopened if the file changed), pinned until _unpin."""
    path = config.db_path()
    try:
        version = _version_of(os.stat(path))
    except FileNotFoundError:
        raise DatabaseMissing(f"{path} does not exist: run `python -m loaders build`") from None
    dataset = _dataset()
    with _lock:
        generation = _current["generation"]
        if generation is None or generation.path != path or generation.version != version \
                or generation.dataset != dataset:
            try:
                fresh = _open_retrying(path, dataset)
            except config.DatasetPathError as exc:
                _log.warning("cannot use the register dataset: %s", exc)
                raise RegisterDatasetUnusable(str(exc)) from None
            except (duckdb.Error, OSError) as exc:
                _log.warning("cannot open %s: %s", path, exc)
                raise DatabaseUnreadable(f"{path} cannot be opened as a database") from None
            if generation is not None:
                generation.retired = True
                # A retired version is read only by runs already on it and by held briefs: its
                # cached results are dropped, so a version kept open for long holds no frames.
                generation.results.clear()
                _close_if_done(generation)
            _current["generation"] = generation = fresh
        generation.active += 1
        return generation


def _acquire() -> _Generation:
    """The generation this thread's snapshot holds, else the current one; pinned until _unpin."""
    held = getattr(_snapshot, "generation", None)
    if held is None:
        return _pin()
    with _lock:
        held.active += 1
    return held


class Held:
    """The database version a page run read, kept open for work that runs after the run, in another
    thread (a deferred download: the PDF brief). Released by `release()`, or when the value is
    dropped (the page ran again and its download callable with it went away)."""

    def __init__(self, generation: _Generation | None):
        self.generation = generation
        self._finalizer = weakref.finalize(self, _release_held, [generation])

    def release(self) -> None:
        self._finalizer()

    @property
    def released(self) -> bool:
        return not self._finalizer.alive


def _release_held(box: list) -> None:
    if box and box[0] is not None:
        _unpin(box.pop())


def hold() -> Held:
    """The version this thread's snapshot reads (else the current one), kept open until released."""
    held = getattr(_snapshot, "generation", None)
    if held is None:
        try:
            return Held(_pin())
        except (DatabaseMissing, DatabaseUnreadable):
            return Held(None)
    with _lock:
        held.active += 1
    return Held(held)


@contextmanager
def snapshot(held: Held | None = None):
    """Every query this thread runs inside the block reads the version current when it began, so a
    page run never mixes old data with new: a rebuild published meanwhile is read by the next run.
    With `held` (see `hold`), the block reads that version instead: the one a page run saw, for
    work done after it. Nested blocks share the outer one. A database that cannot be opened yet is
    not pinned: the queries then raise as they would without the block."""
    if getattr(_snapshot, "generation", None) is not None:
        yield
        return
    generation = held.generation if held is not None and not held.released else None
    if generation is not None:
        with _lock:
            generation.active += 1
    else:
        try:
            generation = _pin()
        except (DatabaseMissing, DatabaseUnreadable):
            generation = None
    _snapshot.generation = generation
    try:
        yield
    finally:
        _snapshot.generation = None
        if generation is not None:
            _unpin(generation)


def _unpin(generation: _Generation) -> None:
    with _lock:
        generation.active -= 1
        _close_if_done(generation)


def _cursor_on(generation: _Generation) -> duckdb.DuckDBPyConnection:
    """A fresh cursor on a pinned generation. Connections are not thread-safe; a cursor per query
    is. A cursor starts in the in-memory catalog, so it is pointed at the attached file, and gets
    the vocabulary's SQL macros."""
    with _lock:
        cur = generation.con.cursor()
    try:
        cur.execute("USE wmc")
        if generation.dataset is not None:  # the register views in the in-memory catalog come first
            cur.execute(register_dataset.SEARCH_PATH)
        cur.execute(MONEY_IN_MACRO)  # temp objects belong to one cursor (connection)
    except BaseException:
        cur.close()
        raise
    return cur


@lru_cache(maxsize=64)
def sql_text(name: str) -> str:
    path = QUERY_DIR / f"{name}.sql"
    if not path.exists():
        raise KeyError(f"no query named {name!r}")
    return path.read_text(encoding="utf-8")


def _key(name: str, params: dict) -> tuple:
    return name, tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))


def _kept(generation: _Generation, key: tuple, compute):
    """The generation's result under `key`, computed and kept on first use (the cache empties itself when full)."""
    result = generation.results.get(key)
    if result is None:
        result = compute()
        with _lock:
            if len(generation.results) >= MAX_CACHED_RESULTS:
                generation.results.clear()
            generation.results[key] = result
    return result


def _query(generation: _Generation, name: str, params: dict) -> pd.DataFrame:
    cursor = _cursor_on(generation)
    try:
        return cursor.execute(sql_text(name), params).df()
    except duckdb.Error as exc:
        if not _damaged(exc):
            raise
        _log.warning("query %s failed reading %s: %s", name, generation.path, exc)
        raise DatabaseUnreadable(f"{generation.path}: part of the database cannot be read") from None
    finally:
        cursor.close()


def run(name: str, **params) -> pd.DataFrame:
    """Rows of the named query; callers may modify them (copy-on-write). A cached result needs no cursor."""
    generation = _acquire()
    try:
        result = _kept(generation, _key(name, params), lambda: _query(generation, name, params))
        # A new frame over the same columns: pandas 3's copy-on-write copies a column only when a
        # caller changes it, so the cached result stays as it was without copying every query.
        return result.copy(deep=False)
    finally:
        _unpin(generation)


def memoized(name: str, compute, **params):
    """compute(), once per database version and `params`: a read model's decision over that version's
    query results lives and goes with them (a new version starts empty). Callers treat the result as
    read-only, as they do run()'s frames."""
    generation = _acquire()
    try:
        return _kept(generation, _key(f"memo:{name}", params), compute)
    finally:
        _unpin(generation)


@contextmanager
def cursor():
    """A cursor on the current database version, for streaming large results in batches."""
    generation = _acquire()
    try:
        cur = _cursor_on(generation)
        try:
            yield cur
        finally:
            cur.close()
    finally:
        _unpin(generation)


def clear_cache() -> None:
    """Drop cached results (benchmarks measure uncached work with it)."""
    with _lock:
        if _current["generation"] is not None:
            _current["generation"].results.clear()


def current_version() -> tuple | None:
    """(inode, mtime, size) of the database version this thread's snapshot reads, else of the one
    last opened; with a Parquet register, its version follows. For memo keys, tests, diagnostics."""
    generation = getattr(_snapshot, "generation", None) or _current["generation"]
    if generation is None:
        return None
    return generation.version if generation.dataset is None else (*generation.version, generation.dataset)


def data_version() -> str:
    """A short label of the loaded data: last load time and run id."""
    row = run("data_as_of")
    if row.empty:
        return "unknown"
    r = row.iloc[0]
    return f"run {r['run_id']} at {r['loaded_at']:%Y-%m-%d %H:%M} UTC"
