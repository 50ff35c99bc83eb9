"""Pick the loader module for a file by its extension."""
from __future__ import annotations

import os
import stat
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from config import MAX_UPLOAD_MB
from loaders.errors import LoadError


def check_file(path: Path) -> None:
    """A clear error for a path that is missing or is not a regular file (a folder, a FIFO, a
    device). The path is taken literally: no globbing, no expansion."""
    path = Path(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise LoadError(str(path), "file not found") from None
    except OSError as exc:
        raise LoadError(str(path), f"cannot be read: {exc.strerror}") from None
    if not stat.S_ISREG(mode):
        kind = ("a folder" if stat.S_ISDIR(mode) else "a pipe (FIFO)" if stat.S_ISFIFO(mode)
                else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a file")
        raise LoadError(str(path), f"not a regular file ({kind})")


def _open_regular(path: Path) -> int:
    """A descriptor of `path`, refused unless it is a regular file. Opened non-blocking, so a
    FIFO swapped in after the check cannot hang the open."""
    check_file(path)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise LoadError(str(path), "not a regular file")
    return fd


def read_bytes_bounded(path: Path, limit_mb: float = MAX_UPLOAD_MB) -> bytes:
    """The whole file, refused before reading when it is larger than `limit_mb`: memory stays
    bounded whatever the path names."""
    path = Path(path)
    fd = _open_regular(path)
    with os.fdopen(fd, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limit_mb * 1e6:
            raise LoadError(str(path), f"file is {size / 1e6:.0f} MB; the limit is {limit_mb:g} MB")
        data = handle.read(int(limit_mb * 1e6) + 1)
    if len(data) > limit_mb * 1e6:  # grew while being read
        raise LoadError(str(path), f"file is larger than the limit of {limit_mb:g} MB")
    return data


@contextmanager
def literal_path(path: Path):
    """A name for `path` that DuckDB reads as exactly this one file: /proc/self/fd/N of an open
    descriptor. DuckDB's file functions glob their argument, so `reg[12].csv` would read reg1.csv
    and reg2.csv."""
    fd = _open_regular(Path(path))
    try:
        yield f"/proc/self/fd/{fd}"
    finally:
        os.close(fd)


def read_file(path: Path, table: str = "facts", year: int | None = None) -> pd.DataFrame:
    """Rows for `table` from one file, normalized to the schema's column names (not yet typed)."""
    from loaders import csv, excel, json, press_release  # one module per format

    path = Path(path)
    check_file(path)
    size_mb = path.stat().st_size / 1e6
    if size_mb > MAX_UPLOAD_MB and table != "projects":
        raise LoadError(str(path), f"file is {size_mb:.0f} MB; the limit is {MAX_UPLOAD_MB} MB")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        return csv.load(path, table=table)
    if suffix in (".xlsx", ".xlsm"):
        return excel.load(path, table=table)
    if suffix == ".json":
        return json.load(path, table=table)
    if suffix == ".parquet" and table == "projects":
        return pd.read_parquet(path)
    if suffix in (".txt", ".md", ".html", ".htm"):
        return press_release.load(path, year=year)
    raise LoadError(str(path), f"unsupported file type '{suffix}'; use .csv, .xlsx, .json, or a release as .txt/.md/.html")
