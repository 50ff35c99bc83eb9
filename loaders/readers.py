"""Pick the loader module for a file by its extension."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from config import MAX_UPLOAD_MB
from loaders.errors import LoadError


def check_file(path: Path) -> None:
    """A clear error for a path that is missing or is not a regular file."""
    if not path.exists():
        raise LoadError(str(path), "file not found")
    if not path.is_file():
        raise LoadError(str(path), "not a regular file (a folder?)")


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
