"""CSV files: UTF-8, UTF-8 with BOM, GBK/GB18030 (and UTF-16 with a BOM); delimiter sniffed.

`load(path, table)` reads every cell as text and hands the rows to `normalize`. Row numbers in
errors are the file's rows as a spreadsheet shows them (header = row 1).
"""
from __future__ import annotations

import csv as _csv
import io
from pathlib import Path

import pandas as pd

from loaders.errors import LoadError
from loaders.normalize import normalize

DELIMITERS = (",", ";", "\t")
_SAMPLE_ROWS = 50
# Tables a user hands in: a file with a header but no rows is a mistake there. The data/ tables
# may legitimately be empty.
_NEED_ROWS = ("facts", "projects")


def decode(raw: bytes, file: str) -> str:
    """Bytes -> text: UTF-16 by BOM, else UTF-8 (BOM optional), else GB18030 (a superset of GBK)."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise LoadError(file, "the file starts with a UTF-16 mark but is not valid UTF-16") from None
    if raw[:4] == b"PK\x03\x04":
        raise LoadError(file, "this is a zip archive (an .xlsx workbook?), not a CSV text file; "
                        "save it as .xlsx or export it as CSV")
    if raw[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise LoadError(file, "this is an old Excel .xls file, not a CSV text file; save it as .xlsx or CSV")
    if b"\x00" in raw:
        raise LoadError(file, "this is a binary file (it contains NUL bytes), not a CSV text file")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if any(ord(ch) < 32 and ch not in "\t\r\n\f" for ch in text):
            break  # control characters: binary data that happened to decode
        return text
    raise LoadError(file, "cannot read the file as text in UTF-8 or GBK/GB18030; "
                    "is it a binary file? Save it as CSV (UTF-8)")


def sniff_delimiter(text: str, suffix: str = ".csv") -> str:
    """The delimiter among comma, semicolon and tab that splits the first rows most consistently."""
    lines = [line for line in text.splitlines()[: _SAMPLE_ROWS] if line.strip()]
    best, best_score = ("\t" if suffix == ".tsv" else ","), (0, 0)
    for delimiter in DELIMITERS:
        try:
            rows = [row for row in _csv.reader(lines, delimiter=delimiter) if row]
        except _csv.Error:
            continue
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        consistent = sum(1 for row in rows if len(row) == width or (len(row) < width and not any(row[len(row):])))
        score = (consistent, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_rows(text: str, file: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """(row number, cells) for every non-blank row; row 1 is the first line."""
    rows = []
    try:
        reader = _csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
        for cells in reader:
            if any(cell.strip() for cell in cells):
                rows.append((reader.line_num, cells))
    except _csv.Error as exc:
        raise LoadError(file, f"not a readable CSV: {exc}", reader.line_num or None) from None
    return rows


def load(path: Path, table: str = "facts") -> pd.DataFrame:
    path = Path(path)
    file = str(path)
    raw = path.read_bytes()
    if not raw.strip():
        raise LoadError(file, "file is empty")
    text = decode(raw, file)
    if not text.strip():
        raise LoadError(file, "file is empty")
    delimiter = sniff_delimiter(text, path.suffix.lower())
    rows = read_rows(text, file, delimiter)
    (_, header), data = rows[0], rows[1:]
    if not data and table in _NEED_ROWS:
        raise LoadError(file, "the file has a header but no data rows")
    width = len(header)
    cells = []
    for row_no, values in data:
        if len(values) > width:
            if any(v.strip() for v in values[width:]):
                raise LoadError(file, f"row has {len(values)} cells but the header has {width} "
                                f"(delimiter '{delimiter!s}'; quote cells that contain it)", row_no)
            values = values[:width]
        cells.append(values + [""] * (width - len(values)))
    frame = pd.DataFrame(cells, columns=range(width), dtype=object)
    frame.columns = header
    frame.attrs["source_rows"] = [row_no for row_no, _ in data]
    return normalize(frame, table=table, file=file)
