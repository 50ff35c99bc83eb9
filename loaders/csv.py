"""CSV files: UTF-8, UTF-8 with BOM, GBK/GB18030 (and UTF-16 with a BOM); delimiter sniffed.

`load(path, table)` reads every cell as text and hands the rows to `normalize`. Row numbers in
errors are the file's rows as a spreadsheet shows them (header = row 1).
"""
from __future__ import annotations

import csv as _csv
import io
import re
from pathlib import Path

import pandas as pd

from loaders.errors import LoadError
from loaders.readers import read_bytes_bounded
from loaders.normalize import normalize

DELIMITERS = (",", ";", "\t")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
# Share of two-byte pairs outside GB2312's range above which a "GBK" reading is taken for what it
# usually is: Latin-1/Windows-1252 text (ü = 0xFC pairs with the next letter into a CJK character).
_MAX_NON_GB2312 = 0.25
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
        if _CONTROL.search(text):
            break  # control characters: binary data that happened to decode
        if encoding == "gb18030" and _looks_like_latin1(raw):
            raise LoadError(file, "cannot tell the encoding: the bytes read as GBK only by accident "
                            "(Latin-1/Windows-1252 text?); save the file as CSV UTF-8")
        return text
    raise LoadError(file, "cannot read the file as text in UTF-8 or GBK/GB18030; "
                    "is it a binary file? Save it as CSV (UTF-8)")


def _looks_like_latin1(raw: bytes) -> bool:
    """True when most non-ASCII byte pairs fall outside GB2312 (both bytes 0xA1-0xFE)."""
    pairs = outside = 0
    index = 0
    while index < len(raw) - 1:
        if raw[index] < 0x80:
            index += 1
            continue
        pairs += 1
        if raw[index] < 0xA1 or raw[index + 1] < 0xA1:
            outside += 1
        index += 2
    return pairs > 0 and outside / pairs > _MAX_NON_GB2312


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
    start = 1
    try:
        reader = _csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
        for cells in reader:
            if any(cell.strip() for cell in cells):
                rows.append((start, cells))  # a record is numbered by the line it starts on
            start = reader.line_num + 1
    except _csv.Error as exc:
        raise LoadError(file, f"not a readable CSV: {exc}", reader.line_num or None) from None
    if rows and _unclosed_quote(text, rows[-1][0], delimiter):
        raise LoadError(file, "a quoted cell is never closed (a \" without its pair); the rest of the "
                        "file would be read as one cell", rows[-1][0])
    return rows


def _unclosed_quote(text: str, start_line: int, delimiter: str) -> bool:
    """The csv module swallows the rest of the file into a cell whose quote never closes."""
    tail = "\n".join(text.splitlines()[start_line - 1:])
    return tail.count('"') % 2 == 1


def load(path: Path, table: str = "facts") -> pd.DataFrame:
    path = Path(path)
    file = str(path)
    raw = read_bytes_bounded(path)
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
