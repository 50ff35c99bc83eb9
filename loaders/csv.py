"""CSV files (UTF-8, UTF-8 with BOM, GBK/GB18030; delimiter sniffed)."""
from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from loaders.errors import LoadError
from loaders.normalize import normalize


def _decode(raw: bytes, path: Path) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise LoadError(str(path), "cannot decode the file as UTF-8 or GBK/GB18030")


def load(path: Path, table: str = "facts") -> pd.DataFrame:
    path = Path(path)
    text = _decode(path.read_bytes(), path)
    if not text.strip():
        raise LoadError(str(path), "file is empty")
    try:
        raw = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, sep=None, engine="python")
    except Exception as exc:  # pandas raises several types for malformed CSV
        raise LoadError(str(path), f"not a readable CSV: {exc}") from None
    return normalize(raw, table=table, file=str(path))
