"""Each input file, read once: opened, size-checked, decoded (loaders.decode), parsed (one module per
format) and normalized, into one value, `Parsed`: its kind, its rows with their source row numbers,
a release's extraction, and a digest of the bytes read.

    path -> open_regular -> size check -> bytes -> decode -> csv/json/excel/press_release -> normalize

A register (a table whose header names project_id) can be far larger than an upload; DuckDB reads
it straight from the descriptor opened here (`Parsed.duck_path`, never a glob), so it is not held
in memory. Nothing here touches a database; `loaders.build` validates and plans from `Parsed`.
"""
from __future__ import annotations

import csv as stdlib_csv
import hashlib
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from config import MAX_COLUMNS
from loaders.beside import Beside
from loaders.decode import decode, decode_head, is_utf8_head
from loaders.errors import LoadError
from loaders.readers import open_regular, read_fd_bounded

if TYPE_CHECKING:  # a register's add never builds a frame, so it never pays for importing pandas
    import pandas as pd

TABLE_SUFFIXES = (".csv", ".tsv")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
RELEASE_SUFFIXES = (".txt", ".md", ".html", ".htm")
SUFFIXES = (*TABLE_SUFFIXES, *WORKBOOK_SUFFIXES, ".json", ".parquet", *RELEASE_SUFFIXES)
REGISTER = "projects"
_HEAD_BYTES = 1 << 20  # more than any header line of MAX_COLUMNS columns; a register's body is left to DuckDB


@dataclass
class Parsed:
    """One input file after its single read."""
    file: str  # the name every message uses
    kind: str  # "facts", "release", "projects" (a register) or a data/ table name
    rows: pd.DataFrame | None = None  # normalized, untyped; attrs say where each row came from
    extraction: object | None = None  # a release's Extraction (figures, claims, organizers, breakdowns)
    year: int | None = None  # a release's edition year (given or found in it)
    digest: str = ""  # sha256 of the bytes read; for a register DuckDB reads itself, see `content_digest`
    duck_path: str | None = None  # a register DuckDB reads itself: /proc/self/fd/N of `_fd`
    suffix: str = ""
    extras: dict | None = None  # a release's organizers, claims, breakdowns as a person kept them (None: all)
    _fd: int | None = field(default=None, repr=False)
    # Where the bytes read can be had again for the additions record (loaders/additions.py): the
    # path read, or the bytes themselves for an upload whose temp file is gone.
    origin: str | None = None
    source_bytes: bytes | None = field(default=None, repr=False)
    # rows a person reviewed replace the parsed ones (the Add data page): a city's figures they ticked go in as
    # they are
    reviewed: bool = False
    _hashing: Beside | None = field(default=None, repr=False)

    def close(self) -> None:
        self._hashed()  # a thread still reading the descriptor finishes first
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.close()

    def content_digest(self) -> str:
        """The sha256 of the file's bytes. A register DuckDB reads itself is not hashed when it is opened: an
        add hashes its copy in the record while DuckDB loads it (loaders.additions.take_register,
        `hash_meanwhile`); other callers (a build's data/, an upload) have it hashed here, on demand."""
        self._hashed()
        if not self.digest and self._fd is not None:
            self.digest = _digest_fd(self._fd)
        return self.digest

    def hash_meanwhile(self) -> None:
        """Start hashing the open file on a thread of its own; `content_digest` (or `close`) waits for it. An add
        hashes the register's copy in its record this way while DuckDB loads it: the 0.15 s of sha256 for a
        172 MB CSV then runs on the core DuckDB's reader leaves idle instead of before the load."""
        if self._fd is not None and not self.digest and self._hashing is None:
            self._hashing = Beside(_digest_fd, self._fd)  # hashlib and pread let go of the GIL

    def _hashed(self) -> None:
        if self._hashing is not None:
            hashing, self._hashing = self._hashing, None
            self.digest = hashing.result()

    def with_rows(self, rows: pd.DataFrame, extras: dict | None = None) -> "Parsed":
        """The same file with rows a person reviewed in place of the parsed ones (the Add data page); `extras`:
        table -> the release's other rows they kept (None: all of them)."""
        return replace(self, rows=rows, reviewed=True, extras=extras, _fd=None)

    def register_rows(self) -> pd.DataFrame:
        """A register's rows as a frame (for callers that want them in memory: data/, an upload)."""
        if self.rows is not None:
            return self.rows
        import database

        with database.scratch() as con:
            if self.suffix == ".parquet":
                return con.execute("select * from read_parquet($p)", {"p": self.duck_path}).df()
            return con.execute("select * from read_csv($p, all_varchar = true, header = true)",
                               {"p": self.duck_path}).df()


def _digest_fd(fd: int) -> str:
    digest, offset = hashlib.sha256(), 0
    while chunk := os.pread(fd, 1 << 20, offset):
        digest.update(chunk)
        offset += len(chunk)
    return digest.hexdigest()


def _folded(name) -> str:
    return str(name).strip().lower().lstrip("\ufeff")


def _names_project_id(columns) -> bool:
    return any(_folded(c) == "project_id" for c in columns)


def check_width(columns: int, file: str) -> None:
    if columns > MAX_COLUMNS:
        raise LoadError(file, f"the header has {columns:,} columns; at most {MAX_COLUMNS:,} are read "
                        "(a facts table has a dozen, a register ten)", 1, code="too_wide",
                        params={"columns": columns, "maximum": MAX_COLUMNS})


def _head_is_register(fd: int, file: str, suffix: str) -> bool:
    """The first line of a UTF-8 CSV names project_id (read from the first 1 MB only): DuckDB will
    read it. A header line longer than that, or wider than MAX_COLUMNS, is refused here, before
    anything parses it. A register in another encoding (GBK, UTF-16) is read as any table file."""
    from loaders import csv

    head = os.pread(fd, _HEAD_BYTES, 0)
    if not head.strip():
        return False
    try:
        text = decode_head(head, file)
    except LoadError:
        return False  # the full read names the problem
    if not is_utf8_head(head):
        return False
    if len(head) == _HEAD_BYTES and "\n" not in text and "\r" not in text:
        seen = max(text.count(","), text.count(";"), text.count("\t")) + 1
        raise LoadError(file, f"the header line is longer than {_HEAD_BYTES // 2**20} MB (more than {seen:,} "
                        f"columns); at most {MAX_COLUMNS:,} columns are read", 1, code="too_wide",
                        params={"columns": seen, "maximum": MAX_COLUMNS})
    first = text.splitlines()[0] if text else ""
    delimiter = csv.sniff_delimiter(text, suffix)
    check_width(first.count(delimiter) + 1, file)
    return _names_project_id(next(stdlib_csv.reader([first], delimiter=delimiter), []))


def _table_rows(data: bytes, file: str, suffix: str, table: str | None, sheet: str | None) -> pd.DataFrame:
    """A table file's bytes -> normalized rows of `table` (None: facts, or a register by its header)."""
    from loaders import csv, excel, json
    from loaders.normalize import normalize

    need_rows = table in (None, "facts", REGISTER)
    if suffix in WORKBOOK_SUFFIXES:
        raw = excel.raw_table(data, file, sheet=sheet, need_rows=need_rows)
    elif suffix == ".json":
        raw = json.raw_table(decode(data, file), file, table=table or "facts")
    else:
        if not data.strip():
            raise LoadError(file, "file is empty")
        raw = csv.raw_table(decode(data, file), file, suffix=".tsv" if suffix == ".tsv" else ".csv",
                            need_rows=need_rows)
    check_width(len(raw.columns), file)
    kind = table or (REGISTER if _names_project_id(raw.columns) else "facts")
    return normalize(raw, table=kind, file=file)


def _release(data: bytes, file: str, suffix: str, year: int | None,
             published_on=None) -> tuple[object, pd.DataFrame, int | None]:
    from loaders.press_release import extract
    from loaders.press_release.text import release_text
    from loaders.release_rows import fact_rows

    if not data.strip():
        raise LoadError(file, "file is empty", code="file_empty")
    extraction = extract(release_text(decode(data, file), suffix, file), year=year, published_on=published_on)
    edition = year or extraction.year
    if edition is None:
        raise LoadError(file, "cannot tell the edition year; pass --year", code="no_year")
    return extraction, fact_rows(extraction), edition


def read_input(path: Path, table: str | None = None, year: int | None = None, sheet: str | None = None,
               name: str | None = None, published_on=None) -> Parsed:
    """Read one file once. `table` None: a user's file, facts or a register (by its header) or a
    release (by its suffix); else the rows of that data/ table. `name` is how messages call it.

    A register's `Parsed` keeps its descriptor open for DuckDB: close it (or use `with`). `published_on` (the
    source's date) dates a release whose dateline gives only month and day."""
    path = Path(path)
    file = name or str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES or (suffix == ".parquet" and table not in (None, REGISTER)):
        raise LoadError(file, f"unsupported file type '{suffix}'; use .csv, .xlsx, .json, "
                        "or a release as .txt/.md/.html", code="file_type",
                        params={"suffix": suffix, "allowed": ".csv, .xlsx, .json, .txt, .md, .html"})
    fd = open_regular(path, file)
    keep_open = False
    try:
        if suffix == ".parquet" or (suffix in (*TABLE_SUFFIXES, ".txt") and table in (None, REGISTER)
                                    and _head_is_register(fd, file, suffix)):
            keep_open = True
            return Parsed(file, REGISTER, duck_path=f"/proc/self/fd/{fd}", suffix=suffix, _fd=fd, origin=str(path))
        data = read_fd_bounded(fd, file)
    finally:
        if not keep_open:
            os.close(fd)
    digest = hashlib.sha256(data).hexdigest()
    if suffix in RELEASE_SUFFIXES:
        if table not in (None, "facts"):
            raise LoadError(file, f"a press release gives facts, not {table}")
        extraction, rows, edition = _release(data, file, suffix, year, published_on)
        return Parsed(file, "release", rows=rows, extraction=extraction, year=edition, digest=digest, suffix=suffix,
                      origin=str(path))
    rows = _table_rows(data, file, suffix, table, sheet)
    kind = table or (REGISTER if "project_id" in rows.columns else "facts")
    return Parsed(file, kind, rows=rows, digest=digest, suffix=suffix, origin=str(path))


def read_rows_of(path: Path, table: str = "facts", **kwargs) -> pd.DataFrame:
    """Just the rows of one file read as `table` (the format modules' `load`, and tests)."""
    with read_input(path, table=table, **kwargs) as parsed:
        return parsed.register_rows() if parsed.kind == REGISTER else parsed.rows
