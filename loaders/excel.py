"""Excel workbooks (.xlsx): the first sheet or a named one, read with openpyxl.

The file is checked as a zip archive before openpyxl sees it: not a zip, a broken zip, or a zip
that would inflate to too much (a "zip bomb") is refused with a LoadError. Cells come out as
numbers (whole floats as int) or text; dates as ISO text (YYYY-MM-DD).
"""
from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time

import pandas as pd

from loaders.errors import LoadError
from loaders.validate import shared

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
# openpyxl holds every shared string in memory, at several times its XML size: the strings part is bounded apart
MAX_SHARED_STRINGS_BYTES = 64 * 1024 * 1024
MAX_RATIO = 100
# Below this many uncompressed bytes the ratio is not checked (tiny XML parts compress a lot).
RATIO_CHECK_FROM_BYTES = 1024 * 1024


def check_zip(data: bytes, file: str) -> None:
    """Refuse what is not a zip, or would inflate past MAX_UNCOMPRESSED_BYTES / MAX_RATIO, in total
    or in any one part (sharedStrings.xml is where a bomb usually sits)."""
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise LoadError(file, "this is an old Excel .xls file; save it as .xlsx (or CSV)", code="old_xls")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise LoadError(file, "not an .xlsx workbook: the file is not a zip archive", code="not_xlsx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise LoadError(file, f"not an .xlsx workbook: broken zip archive ({exc})", code="not_xlsx") from None
    total = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise LoadError(file, f"refused: the workbook would inflate to {total / 1e6:.0f} MB "
                        f"(limit {MAX_UNCOMPRESSED_BYTES / 1e6:.0f} MB); possible zip bomb", code="zip_bomb")
    if total >= RATIO_CHECK_FROM_BYTES and total > MAX_RATIO * max(packed, 1):
        raise LoadError(file, f"refused: compression ratio {total / max(packed, 1):.0f}:1 is above "
                        f"{MAX_RATIO}:1; possible zip bomb", code="zip_bomb")
    for member in members:
        if member.file_size >= RATIO_CHECK_FROM_BYTES and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise LoadError(file, f"refused: part {member.filename} would inflate {member.file_size / max(member.compress_size, 1):.0f} "
                            f"times (above {MAX_RATIO}:1); possible zip bomb", code="zip_bomb")
    if "xl/workbook.xml" not in {m.filename for m in members}:
        raise LoadError(file, "not an .xlsx workbook: the zip archive has no xl/workbook.xml", code="not_xlsx")
    for member in members:
        if member.filename.lower() == "xl/sharedstrings.xml" and member.file_size > MAX_SHARED_STRINGS_BYTES:
            raise LoadError(file, f"refused: the workbook's shared strings would take {member.file_size / 1e6:.0f} MB "
                            f"(limit {MAX_SHARED_STRINGS_BYTES / 1e6:.0f} MB)", code="zip_bomb")


def check_parts(data: bytes, file: str) -> None:
    """Stream every sheet and the shared strings before openpyxl parses them: a row of more than MAX_COLUMNS
    cells (Excel's own limit, so never a real workbook) is refused at once, not after every row has been read,
    and so is an XML part declaring a DTD (entities: an .xlsx never has one)."""
    import config

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in archive.infolist():
            name = member.filename.lower()
            if not name.endswith(".xml"):
                continue
            sheet = name.startswith("xl/worksheets/")
            with archive.open(member) as stream:
                _scan_part(stream, member.filename, sheet, config.MAX_COLUMNS, file)


def _scan_part(stream, part: str, sheet: bool, max_columns: int, file: str) -> None:
    cells, tail, first = 0, b"", True
    while chunk := stream.read(1 << 20):
        buffer = tail + chunk
        if first and (b"<!DOCTYPE" in buffer[:4096] or b"<!ENTITY" in buffer[:4096]):
            raise LoadError(file, f"refused: part {part} declares a DTD (entities), which no .xlsx workbook has",
                            code="xlsx_dtd")
        first = False
        # cut before a '<' in the last bytes, so that no tag is split between two reads
        cut = buffer.rfind(b"<", max(0, len(buffer) - 8))
        body, tail = (buffer[:cut], buffer[cut:]) if cut > 0 else (buffer, b"")
        if not sheet:
            continue
        for index, piece in enumerate(body.split(b"<row")):
            if index:
                cells = 0
            cells += piece.count(b"<c ") + piece.count(b"<c>")
            if cells > max_columns:
                raise LoadError(file, f"refused: a row of {part} has more than {max_columns:,} cells "
                                      f"(Excel's limit is {max_columns:,} columns)", code="too_wide",
                                params={"columns": cells, "maximum": max_columns})


def cell_value(value):
    """An openpyxl cell value -> number or text ('' for empty)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0, 0) else value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, int):
        return value
    return str(value).strip()


def raw_table(data: bytes, file: str, sheet: str | None = None, need_rows: bool = True) -> pd.DataFrame:
    """The workbook's bytes -> the sheet's cells under its headers; `attrs["source_rows"]` holds each
    row's sheet row. The zip is checked before openpyxl sees a byte of it."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    if not data:
        raise LoadError(file, "file is empty", code="file_empty")
    check_zip(data, file)
    check_parts(data, file)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, SyntaxError) as exc:
        # (SyntaxError: the XML parser's ParseError, raised for malformed sheet XML while sizing the sheet)
        raise LoadError(file, f"not a readable .xlsx workbook ({type(exc).__name__}: {str(exc)[:200]})",
                        code="xlsx_unreadable") from None
    try:
        if sheet is None:
            if not workbook.worksheets:
                raise LoadError(file, "the workbook has no sheets", code="no_sheets")
            worksheet = workbook.worksheets[0]
        elif sheet in workbook.sheetnames:
            worksheet = workbook[sheet]
        else:
            raise LoadError(file, f"no sheet named '{sheet}'; sheets: {workbook.sheetnames}", code="no_such_sheet",
                            params={"sheet": sheet, "sheets": ", ".join(workbook.sheetnames)})
        rows = []
        try:
            for row_no, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
                cells = [cell_value(v) for v in values]
                if any(c != "" for c in cells):
                    rows.append((row_no, cells))
        except LoadError:
            raise
        except Exception as exc:  # the sheet's XML is parsed here, lazily: malformed or hostile XML is bad input
            raise LoadError(file, f"not a readable .xlsx workbook ({type(exc).__name__}: {str(exc)[:200]})",
                            code="xlsx_unreadable") from None
    finally:
        workbook.close()
    where = f"sheet '{worksheet.title}'"
    if not rows:
        raise LoadError(file, f"{where} is empty", code="sheet_empty",
                        params={"sheet": worksheet.title})
    (_, header), data_rows = rows[0], rows[1:]
    while header and header[-1] == "":
        header = header[:-1]
    if not data_rows and need_rows:
        raise LoadError(file, f"{where} has a header but no data rows", code="header_only")
    width = len(header)
    cells = []
    for row_no, values in data_rows:
        if any(v != "" for v in values[width:]):
            raise LoadError(file, f"row has values beyond the last header column ({where})", row_no,
                            code="beyond_header")
        values = values[:width]
        cells.append(values + [""] * (width - len(values)))
    frame = pd.DataFrame(cells, columns=range(width), dtype=object)
    frame.columns = [str(h) for h in header]
    frame.attrs["source_rows"] = shared([row_no for row_no, _ in data_rows])
    return frame

