"""CSV files: text decoded by loaders.decode (UTF-8, GBK/GB18030, UTF-16 with a BOM); delimiter sniffed.

`raw_table(text, file)` reads every cell as text under the file's headers; the intake hands them
to `normalize`. Row numbers in errors are the file's rows as a spreadsheet shows them (header = row 1).
"""
from __future__ import annotations

import csv as _csv
import io
from typing import TYPE_CHECKING

from loaders.errors import LoadError
from loaders.validate import shared

if TYPE_CHECKING:  # the intake sniffs a register's delimiter here; only a table's rows need pandas
    import pandas as pd

DELIMITERS = (",", ";", "\t")
_SAMPLE_ROWS = 50


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
        raise LoadError(file, f"not a readable CSV: {exc}", reader.line_num or None, code="csv_unreadable") from None
    if rows and _unclosed_quote(text, rows[-1][0], delimiter):
        raise LoadError(file, "a quoted cell is never closed (a \" without its pair); the rest of the "
                        "file would be read as one cell", rows[-1][0], code="unclosed_quote")
    return rows


def _unclosed_quote(text: str, start_line: int, delimiter: str) -> bool:
    """The csv module swallows the rest of the file into a cell whose quote never closes."""
    tail = "\n".join(text.splitlines()[start_line - 1:])
    return tail.count('"') % 2 == 1


def raw_table(text: str, file: str, suffix: str = ".csv", need_rows: bool = True) -> pd.DataFrame:
    """Decoded CSV text -> its cells as text under the file's own headers; `attrs["source_rows"]`
    holds each row's line number. `need_rows`: a header without data rows is an error (a file a
    user hands in), not an empty table (data/)."""
    import pandas as pd

    if not text.strip():
        raise LoadError(file, "file is empty", code="file_empty")
    delimiter = sniff_delimiter(text, suffix)
    rows = read_rows(text, file, delimiter)
    (_, header), data = rows[0], rows[1:]
    if not data and need_rows:
        raise LoadError(file, "the file has a header but no data rows", code="header_only")
    width = len(header)
    cells = []
    for row_no, values in data:
        if len(values) > width:
            if any(v.strip() for v in values[width:]):
                raise LoadError(file, f"row has {len(values)} cells but the header has {width} "
                                f"(delimiter '{delimiter!s}'; quote cells that contain it)", row_no, code="extra_cells",
                                params={"cells": len(values), "width": width, "delimiter": delimiter})
            values = values[:width]
        cells.append(values + [""] * (width - len(values)))
    frame = pd.DataFrame(cells, columns=range(width), dtype=object)
    frame.columns = header
    frame.attrs["source_rows"] = shared([row_no for row_no, _ in data])
    return frame

