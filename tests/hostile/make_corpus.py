"""Hostile input files for `python -m loaders add`, written by code into a folder at test time.

    .venv/bin/python tests/hostile/make_corpus.py /tmp/hostile     # write every kind there

Nothing generated is committed. Every kind states what a safe loader does with it:

* ``reject``: exit 2, the file named on stderr (with the row and column when one is at fault),
  the database byte-identical;
* ``store``: exit 0 and the stated texts come back from DuckDB byte-identical;
* ``either``: one of the two, with the same checks for whichever happened.

An exit 1 (internal error) is never acceptable. Figures use keys the fixture world does not hold
(2021 attendees and the like), so a clean file adds facts without conflicts.
"""
from __future__ import annotations

import io
import json
import os
import random
import struct
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

HEADER = "year,metric,value,unit,qualifier,scope,note"
HYPERLINK = '=HYPERLINK("http://x","y")'
SCRIPT = "<script>alert(1)</script>"
SQL_QUOTES = "'; drop table facts; --"
ONE_MB = 1_000_000


@dataclass(frozen=True)
class Kind:
    id: str
    expect: str  # "reject", "store" or "either"
    make: Callable[[Path], Path]  # writes the file into a folder, returns its path
    why: str
    row: int | None = None  # the row a rejection must name
    column: str | None = None  # the column a rejection must name
    stored: dict = field(default_factory=dict)  # facts column -> texts that must come back verbatim
    rows: int | None = None  # facts a clean load adds
    export_check: bool = False  # also check the explorer exports neutralize the stored scope


KINDS: dict[str, Kind] = {}


def kind(id: str, expect: str, why: str, **checks):
    def register(make: Callable[[Path], Path]) -> Callable[[Path], Path]:
        assert id not in KINDS, id
        KINDS[id] = Kind(id, expect, make, why, **checks)
        return make
    return register


def _csv(rows: list[str], header: str = HEADER, newline: str = "\n") -> str:
    return newline.join([header, *rows]) + newline


def _write(folder: Path, name: str, data: bytes | str, encoding: str = "utf-8") -> Path:
    path = Path(folder) / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
    return path


def _row(note: str = "", scope: str = "whole convention", year="2021", metric="attendees", value="5000",
         unit="people") -> str:
    """One long-layout row; note and scope are quoted with doubled quotes as CSV wants."""
    quote = lambda text: '"' + text.replace('"', '""') + '"'
    return ",".join([str(year), metric, str(value), unit, "exact", quote(scope), quote(note) if note else ""])


def _xlsx(rows: list[list]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- encodings

LATIN = "Société Générale, Zürich"


@kind("latin1", "either", "Latin-1 bytes: refused, or stored as the user wrote it (never re-read as GBK)",
      stored={"note": [LATIN]})
def _latin1(folder):
    return _write(folder, "latin1.csv", _csv([_row(LATIN)]), "latin-1")


LATIN_AS_GBK = "Düsseldorf Messe, Zürich"  # every Latin-1 byte pair here is also valid GB18030


@kind("latin1_read_as_gbk", "either", "Latin-1 that happens to decode as GB18030: refused, never mojibake",
      stored={"note": [LATIN_AS_GBK]})
def _latin1_gbk(folder):
    return _write(folder, "latin1_gbk.csv", _csv([_row(LATIN_AS_GBK)]), "latin-1")


@kind("utf16_bom", "store", "UTF-16 LE with a byte order mark is a supported encoding",
      stored={"note": ["展览 ünïcode"]}, rows=1)
def _utf16_bom(folder):
    return _write(folder, "utf16_bom.csv", _csv([_row("展览 ünïcode")]), "utf-16")


@kind("utf16_be_bom", "store", "UTF-16 BE with a byte order mark", stored={"note": ["展览"]}, rows=1)
def _utf16_be_bom(folder):
    return _write(folder, "utf16_be_bom.csv", b"\xfe\xff" + _csv([_row("展览")]).encode("utf-16-be"))


@kind("utf16_no_bom", "either", "UTF-16 LE without a mark: NUL bytes everywhere", stored={"note": ["展览"]})
def _utf16_no_bom(folder):
    return _write(folder, "utf16_no_bom.csv", _csv([_row("展览")]).encode("utf-16-le"))


@kind("gbk", "store", "GBK (Chinese Excel's default) is a supported encoding", stored={"note": ["签约项目说明"]}, rows=1)
def _gbk(folder):
    return _write(folder, "gbk.csv", _csv([_row("签约项目说明")]), "gbk")


@kind("mixed_utf8_gbk", "either", "UTF-8 and GBK lines in one file: cannot be read right as either",
      stored={"note": ["中文说明甲", "中文说明乙"]})
def _mixed(folder):
    data = (HEADER + "\n").encode() + (_row("中文说明甲") + "\n").encode("utf-8") \
        + (_row("中文说明乙", year="2022") + "\n").encode("gbk")
    return _write(folder, "mixed.csv", data)


@kind("binary_garbage", "reject", "random bytes named .csv")
def _garbage(folder):
    return _write(folder, "garbage.csv", random.Random(6).randbytes(64 * 1024))


@kind("nul_bytes", "reject", "a NUL byte inside an otherwise fine CSV")
def _nul(folder):
    return _write(folder, "nul.csv", _csv([_row("before\x00after")]))


@kind("bom_only", "reject", "a UTF-8 byte order mark and nothing else")
def _bom_only(folder):
    return _write(folder, "bom_only.csv", b"\xef\xbb\xbf")


# ---------------------------------------------------------------- shape

@kind("empty", "reject", "zero bytes")
def _empty(folder):
    return _write(folder, "empty.csv", b"")


@kind("whitespace_only", "reject", "blank lines and spaces")
def _blank(folder):
    return _write(folder, "blank.csv", "  \n\n\t\n")


@kind("header_only", "reject", "a header and no rows")
def _header_only(folder):
    return _write(folder, "header_only.csv", HEADER + "\n")


@kind("crlf", "store", "Windows line endings", stored={"note": ["crlf"]}, rows=2)
def _crlf(folder):
    return _write(folder, "crlf.csv", _csv([_row("crlf"), _row("crlf", year="2020")], newline="\r\n"))


@kind("cr_only", "store", "classic Mac line endings (CR only)", stored={"note": ["cr"]}, rows=2)
def _cr(folder):
    return _write(folder, "cr.csv", _csv([_row("cr"), _row("cr", year="2020")], newline="\r"))


@kind("semicolon", "store", "semicolon-delimited, a semicolon inside a quoted cell", stored={"note": ["semi; colon"]}, rows=1)
def _semicolon(folder):
    return _write(folder, "semicolon.csv", "year;metric;value;unit;note\n2021;attendees;5000;people;\"semi; colon\"\n")


@kind("tsv", "store", "tab-delimited .tsv", stored={"note": ["tab"]}, rows=1)
def _tsv(folder):
    return _write(folder, "tab.tsv", "year\tmetric\tvalue\tunit\tnote\n2021\tattendees\t5000\tpeople\ttab\n")


@kind("ten_thousand_columns", "either", "a header of 10,000 columns (unknown extras)")
def _wide_header(folder):
    extra = [f"c{i}" for i in range(9_995)]
    header = ",".join(["year", "metric", "value", "unit", "note", *extra])
    row = ",".join(["2021", "attendees", "5000", "people", "wide", *([""] * len(extra))])
    return _write(folder, "ten_k_columns.csv", header + "\n" + row + "\n")


@kind("unclosed_quote", "reject", "a quote opened in row 3 never closes: rows 3-4 would melt into one cell",
      row=3)
def _unclosed(folder):
    rows = [_row("ok"), '2022,attendees,5000,people,exact,"whole convention,', _row("lost", year="2023")]
    return _write(folder, "unclosed.csv", _csv(rows))


@kind("ragged_row", "reject", "row 3 has more cells than the header", row=3)
def _ragged(folder):
    return _write(folder, "ragged.csv", _csv([_row("a"), _row("b", year="2022") + ",extra,cells"]))


@kind("huge_row_count", "reject", "300,000 rows, the last one not a number: found at its exact row",
      row=300_001, column="value")
def _huge(folder):
    lines = [HEADER] + [f"2021,attendees,{i},people,exact,scope {i}," for i in range(299_999)]
    lines.append("2021,attendees,lots,people,exact,scope last,")
    return _write(folder, "huge.csv", "\n".join(lines) + "\n")


@kind("over_size_limit", "reject", "a 51 MB (sparse) CSV: refused before parsing")
def _oversize(folder):
    path = Path(folder) / "oversize.csv"
    with open(path, "wb") as handle:
        handle.write((HEADER + "\n").encode())
        handle.truncate(51_000_000)
    return path


# ---------------------------------------------------------------- values

@kind("duplicated_edition", "reject", "the same figure twice", row=3)
def _dupe(folder):
    return _write(folder, "dupe.csv", _csv([_row(), _row(value="5100")]))


@kind("negative", "reject", "a negative count", row=2, column="value")
def _negative(folder):
    return _write(folder, "negative.csv", _csv([_row(value="-5")]))


@kind("nan", "reject", "NaN as a value", row=2, column="value")
def _nan(folder):
    return _write(folder, "nan.csv", _csv([_row(value="NaN")]))


@kind("inf", "reject", "inf as a value", row=2, column="value")
def _inf(folder):
    return _write(folder, "inf.csv", _csv([_row(value="inf")]))


@kind("overflow", "reject", "1e309 overflows a double to inf", row=2, column="value")
def _overflow(folder):
    return _write(folder, "overflow.csv", _csv([_row(value="1e309")]))


@kind("formula_value", "reject", "a formula where a number belongs", row=2, column="value")
def _formula_value(folder):
    return _write(folder, "formula_value.csv", _csv([_row(value='"=1+1"')]))


@kind("year_1900", "reject", "a year before the first edition", row=2, column="year")
def _y1900(folder):
    return _write(folder, "y1900.csv", _csv([_row(year="1900")]))


@kind("year_3000", "reject", "a year far in the future", row=2, column="year")
def _y3000(folder):
    return _write(folder, "y3000.csv", _csv([_row(year="3000")]))


@kind("year_20x9", "reject", "a year that is not a number", row=2, column="year")
def _y20x9(folder):
    return _write(folder, "y20x9.csv", _csv([_row(year="20x9")]))


@kind("year_fraction", "reject", "a fractional year", row=2, column="year")
def _yfrac(folder):
    return _write(folder, "yfrac.csv", _csv([_row(year="2021.5")]))


@kind("unknown_metric", "reject", "a metric the database does not know", row=2, column="metric")
def _unknown_metric(folder):
    return _write(folder, "unknown_metric.csv", _csv([_row(metric="happiness_index")]))


@kind("wrong_unit", "reject", "attendees in bn CNY", row=2, column="unit")
def _wrong_unit(folder):
    return _write(folder, "wrong_unit.csv", _csv([_row(unit="bn CNY")]))


@kind("unknown_unit", "reject", "attendees in furlongs", row=2, column="unit")
def _unknown_unit(folder):
    return _write(folder, "unknown_unit.csv", _csv([_row(unit="furlongs")]))


# ---------------------------------------------------------------- hostile text (stored as text)

@kind("hyperlink_formula", "store", "a formula in a text cell: stored as text, neutralized on export",
      stored={"scope": [HYPERLINK], "note": [HYPERLINK]}, rows=1, export_check=True)
def _hyperlink(folder):
    return _write(folder, "hyperlink.csv", _csv([_row(HYPERLINK, scope=HYPERLINK)]))


@kind("script_tag", "store", "HTML/JS in text cells: stored as text, shown as text",
      stored={"scope": [SCRIPT], "note": [SCRIPT]}, rows=1)
def _script(folder):
    return _write(folder, "script.csv", _csv([_row(SCRIPT, scope=SCRIPT)]))


@kind("sql_quotes", "store", "SQL quote characters in text cells: bound, never spliced",
      stored={"scope": [SQL_QUOTES], "note": ['"; drop table sources; --' + SQL_QUOTES]}, rows=1)
def _sql(folder):
    return _write(folder, "sql.csv", _csv([_row('"; drop table sources; --' + SQL_QUOTES, scope=SQL_QUOTES)]))


@kind("one_mb_cell", "either", "a 1 MB note: refused by a stated limit, or stored whole",
      stored={"note": ["x" * ONE_MB]}, rows=1)
def _one_mb(folder):
    return _write(folder, "one_mb.csv", _csv([_row("x" * ONE_MB)]))


# refused since the reliability pass of turn 3 (I12): shown, they reversed names on pages and in the brief
@kind("bidi_and_zero_width", "reject", "right-to-left override and zero-width characters in text", row=2,
      column="scope")
def _bidi(folder):
    return _write(folder, "bidi.csv", _csv([_row("\u202eevil\u200b\u2066text\u2069", scope="scope\u200d")]))


@kind("compatibility_characters", "store", "full-width letters, ligatures, circled digits, m² in a note",
      stored={"note": ["Ｆｕｌｌ ﬁ ① 43,000 m² ™"]}, rows=1)
def _compat(folder):
    return _write(folder, "compat.csv", _csv([_row("Ｆｕｌｌ ﬁ ① 43,000 m² ™")]))


@kind("unicode_path", "store", "a file name in Chinese with an emoji", stored={"note": ["路径"]}, rows=1)
def _unicode_path(folder):
    return _write(folder, "展会数据 ü 🚀.csv", _csv([_row("路径")]))


# ---------------------------------------------------------------- xlsx

def _lie_about_size(data: bytes, size: int) -> bytes:
    """Patch every central-directory record's uncompressed size (a zip bomb's declared size)."""
    out = bytearray(data)
    at = out.find(b"PK\x01\x02")
    while at != -1:
        struct.pack_into("<I", out, at + 24, size)
        at = out.find(b"PK\x01\x02", at + 4)
    return bytes(out)


@kind("xlsx_zip_bomb_declared", "reject", "a workbook whose members declare 4 GB uncompressed")
def _bomb_declared(folder):
    return _write(folder, "bomb_declared.xlsx", _lie_about_size(_xlsx([["year", "attendees"], [2021, 5000]]),
                                                               0xFFFF_FFF0))


@kind("xlsx_zip_bomb_ratio", "reject", "a workbook with a 20 MB run of zeros compressed ~1000:1")
def _bomb_ratio(folder):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            block = b"\0" * (1 << 20)
            for _ in range(20):
                member.write(block)
    return _write(folder, "bomb_ratio.xlsx", buffer.getvalue())


@kind("xlsx_not_a_zip", "reject", "CSV text named .xlsx")
def _not_zip(folder):
    return _write(folder, "not_zip.xlsx", _csv([_row()]))


@kind("xlsx_truncated", "reject", "the first half of a real workbook")
def _truncated(folder):
    data = _xlsx([["year", "metric", "value", "unit"], [2021, "attendees", 5000, "people"]])
    return _write(folder, "truncated.xlsx", data[: len(data) // 2])


@kind("xlsx_zip_without_workbook", "reject", "a valid zip that is not a workbook")
def _zip_not_xlsx(folder):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hello")
    return _write(folder, "plain_zip.xlsx", buffer.getvalue())


@kind("xls_named_xlsx", "reject", "old OLE2 .xls bytes named .xlsx")
def _xls(folder):
    return _write(folder, "old.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2048)


@kind("xlsx_formula_cells", "either", "formula cells without cached values (openpyxl reads them as empty)")
def _xlsx_formulas(folder):
    return _write(folder, "formulas.xlsx", _xlsx([["year", "attendees"], [2021, "=1+1"]]))


@kind("xlsx_hostile_text", "store", "formula-like, script and SQL text in workbook string cells",
      stored={"scope": [HYPERLINK], "note": [SCRIPT + SQL_QUOTES]}, rows=1)
def _xlsx_text(folder):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["year", "metric", "value", "unit", "scope", "note"])
    sheet.append([2021, "attendees", 5000, "people", "placeholder", SCRIPT + SQL_QUOTES])
    sheet["E2"].value = HYPERLINK
    sheet["E2"].data_type = "s"  # a string that looks like a formula, not a formula
    path = Path(folder) / "hostile_text.xlsx"
    book.save(path)
    return path


@kind("csv_is_xlsx_bytes", "reject", "workbook bytes named .csv")
def _csv_xlsx(folder):
    return _write(folder, "really_xlsx.csv", _xlsx([["year", "attendees"], [2021, 5000]]))


# ---------------------------------------------------------------- json

@kind("json_deep_nesting", "reject", "100,000 nested lists")
def _deep(folder):
    return _write(folder, "deep.json", "[" * 100_000 + "]" * 100_000)


@kind("json_not_a_list", "reject", "a bare JSON string")
def _json_string(folder):
    return _write(folder, "string.json", json.dumps("just a string"))


@kind("json_object_without_records", "reject", "an object with no list of records")
def _json_object(folder):
    return _write(folder, "object.json", json.dumps({"hello": 1, "world": {"x": 2}}))


@kind("json_malformed", "reject", "a truncated document")
def _json_bad(folder):
    return _write(folder, "bad.json", '[{"year": 2021, "metric": "attendees", "value": ')


@kind("json_huge_string", "store", "a 1 MB string in a record", stored={"note": ["y" * ONE_MB]}, rows=1)
def _json_huge(folder):
    record = {"year": 2021, "metric": "attendees", "value": 5000, "unit": "people", "note": "y" * ONE_MB}
    return _write(folder, "huge_string.json", json.dumps([record]))


@kind("json_nan_literal", "reject", "NaN (accepted by Python's json) as a value", row=2, column="value")
def _json_nan(folder):
    return _write(folder, "nan.json", '[{"year": 2021, "metric": "attendees", "value": NaN, "unit": "people"}]')


@kind("json_infinity_literal", "reject", "Infinity as a value", row=2, column="value")
def _json_inf(folder):
    return _write(folder, "inf.json", '[{"year": 2021, "metric": "attendees", "value": Infinity}]')


@kind("json_nested_value", "reject", "an object where a number belongs", row=2, column="value")
def _json_nested(folder):
    return _write(folder, "nested.json", json.dumps([{"year": 2021, "metric": "attendees", "value": {"n": 1}}]))


@kind("json_record_not_object", "reject", "a list of numbers", row=2)
def _json_numbers(folder):
    return _write(folder, "numbers.json", json.dumps([1, 2, 3]))


@kind("json_hostile_text", "store", "script, formula and SQL text in JSON strings",
      stored={"scope": [SCRIPT], "note": [HYPERLINK + SQL_QUOTES]}, rows=1)
def _json_text(folder):
    record = {"year": 2021, "metric": "attendees", "value": 5000, "unit": "people", "scope": SCRIPT,
              "note": HYPERLINK + SQL_QUOTES}
    return _write(folder, "hostile_text.json", json.dumps([record], ensure_ascii=False))


# ---------------------------------------------------------------- paths

@kind("directory_named_csv", "reject", "a directory whose name ends in .csv")
def _directory(folder):
    path = Path(folder) / "a_directory.csv"
    path.mkdir()
    return path


@kind("missing_file", "reject", "a path that does not exist")
def _missing(folder):
    return Path(folder) / "does_not_exist.csv"


@kind("unsupported_extension", "reject", "an executable's extension")
def _exe(folder):
    return _write(folder, "tool.exe", b"MZ\x90\x00")


@kind("symlink_to_system_file", "reject", "a .csv that is a symlink to /etc/passwd (not a table)")
def _symlink(folder):
    path = Path(folder) / "passwd.csv"
    os.symlink("/etc/passwd", path)
    return path


def make_corpus(folder: Path, ids: list[str] | None = None) -> dict[str, Path]:
    """Write the chosen kinds (all by default) into `folder`, one subfolder each; id -> file."""
    written = {}
    for kind_id in ids or list(KINDS):
        sub = Path(folder) / kind_id
        sub.mkdir(parents=True, exist_ok=True)
        written[kind_id] = KINDS[kind_id].make(sub)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile_corpus")
    for kind_id, path in make_corpus(target).items():
        print(f"{KINDS[kind_id].expect:7} {kind_id:32} {path}")
