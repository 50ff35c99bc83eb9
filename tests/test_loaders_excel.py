"""Excel loader: sheets, cell types, layouts, and refusing what is not a safe .xlsx."""
from __future__ import annotations

import zipfile
from datetime import date, datetime

import openpyxl
import pytest

from loaders.intake import read_rows_of
from loaders import excel
from loaders.errors import LoadError


def facts(frame) -> list[tuple]:
    return [(r["year"], r["metric"], r["value"], r["unit"], r["qualifier"], r["scope"])
            for r in frame.to_dict("records")]


def workbook(path, rows, title="Sheet1", extra_sheets=()):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    for name, more in extra_sheets:
        other = book.create_sheet(name)
        for row in more:
            other.append(list(row))
    book.save(path)
    return path


def load_error(path, **kwargs) -> LoadError:
    with pytest.raises(LoadError) as err:
        read_rows_of(path, **kwargs)
    return err.value


def test_wide_first_sheet_numbers_and_dates(tmp_path):
    path = workbook(tmp_path / "w.xlsx", [
        ["Year", "Projects", "Investment (bn CNY)", "Exhibition area (m²)", "Published on"],
        [2019, 640, 735.1, 43000.0, datetime(2019, 9, 23)],
        [2020.0, None, "约6000亿元", "", date(2020, 8, 20)],
    ])
    frame = read_rows_of(path)
    assert facts(frame) == [
        (2019, "projects_signed", 640.0, "projects", "exact", "whole convention"),
        (2019, "investment_signed", 735.1, "bn CNY", "exact", "whole convention"),
        (2019, "exhibition_area", 43000.0, "m2", "exact", "exhibition"),
        (2020, "investment_signed", 600.0, "bn CNY", "about", "whole convention"),
    ]
    assert frame["published_on"].tolist() == ["2019-09-23"] * 3 + ["2020-08-20"]


def test_named_sheet_and_representative_fixture(loader_fixtures):
    frame = read_rows_of(loader_fixtures / "wide.xlsx", sheet="Editions")
    assert facts(frame) == [
        (2022, "projects_signed", 550.0, "projects", "exact", "whole convention"),
        (2022, "investment_signed", 800.5, "bn CNY", "exact", "whole convention"),
        (2022, "exhibition_area", 45000.0, "m2", "exact", "exhibition"),
        (2023, "projects_signed", 560.0, "projects", "about", "whole convention"),
        (2023, "exhibition_area", 48000.0, "m2", "exact", "exhibition"),
    ]


def test_missing_sheet_lists_the_sheets(loader_fixtures):
    err = load_error(loader_fixtures / "wide.xlsx", sheet="Nope")
    assert err.problem == "no sheet named 'Nope'; sheets: ['About', 'Editions']"


def test_long_layout_with_chinese_headers(tmp_path):
    path = workbook(tmp_path / "l.xlsx", [
        ["年份", "指标", "数值", "单位", "来源", "发布单位", "发布日期"],
        [2021, "投资额", 9000, "亿元", "https://example.org/x", "Fixture Net", datetime(2021, 11, 22)],
        [2021, "展览面积", 4.3, "万平方米", "https://example.org/x", "Fixture Net", datetime(2021, 11, 22)],
        [2021, "参展企业", "800+", "家", "https://example.org/x", "Fixture Net", datetime(2021, 11, 22)],
    ])
    frame = read_rows_of(path)
    assert facts(frame) == [
        (2021, "investment_signed", 900.0, "bn CNY", "exact", "whole convention"),
        (2021, "exhibition_area", 43000.0, "m2", "exact", "exhibition"),
        (2021, "exhibitors", 800.0, "companies", "more_than", "exhibition"),
    ]
    assert frame[["source_url", "publisher", "published_on"]].iloc[0].tolist() == [
        "https://example.org/x", "Fixture Net", "2021-11-22"]


def test_rows_are_sheet_rows_even_below_blank_rows(tmp_path):
    path = workbook(tmp_path / "gap.xlsx", [[], ["year", "projects"], [2019, 5], [], [2020, -2]])
    err = load_error(path)
    assert (err.row, err.column) == (5, "projects") and "negative" in err.problem
    assert str(err).startswith(f"{path}, row 5, column 'projects': ")


@pytest.mark.parametrize("rows, row, column, problem", [
    ([["year", "attendees"], [2019, "#DIV/0!"]], 2, "attendees", "'#DIV/0!' is not a number"),
    ([["year", "attendees"], [2016, 5]], 2, "year", "2016 is outside 2018..2100"),
    ([["year", "metric", "value", "unit"], [2019, "attendees", 5, "furlongs"]], 2, "unit", "unknown unit"),
    ([["year", "metric", "value", "unit"], [2019, "investment_signed", 5, "USD bn"]], 2, "unit",
     "USD amounts are not CNY"),
])
def test_cell_errors(tmp_path, rows, row, column, problem):
    err = load_error(workbook(tmp_path / "bad.xlsx", rows))
    assert (err.row, err.column) == (row, column) and problem in err.problem


def test_empty_sheet_and_header_only(tmp_path):
    assert load_error(workbook(tmp_path / "e.xlsx", [])).problem == "sheet 'Sheet1' is empty"
    err = load_error(workbook(tmp_path / "h.xlsx", [["year", "projects"]]))
    assert err.problem == "sheet 'Sheet1' has a header but no data rows"


def test_not_a_zip(tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_text("year,projects\n2019,5\n")
    err = load_error(path)
    assert str(err) == f"{path}: not an .xlsx workbook: the file is not a zip archive"


def test_empty_file(tmp_path):
    path = tmp_path / "zero.xlsx"
    path.write_bytes(b"")
    assert load_error(path).problem == "file is empty"


def test_old_xls(tmp_path):
    path = tmp_path / "old.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    assert "old Excel .xls" in load_error(path).problem


def test_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "notes.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert "has no xl/workbook.xml" in load_error(path).problem


def _bomb(path, megabytes=2):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (megabytes * 1024 * 1024))
    return path


def test_zip_bomb_by_ratio(tmp_path):
    err = load_error(_bomb(tmp_path / "bomb.xlsx"))
    assert err.file == str(tmp_path / "bomb.xlsx")
    assert "compression ratio" in err.problem and "possible zip bomb" in err.problem


def test_zip_bomb_by_size(tmp_path, monkeypatch):
    monkeypatch.setattr(excel, "MAX_UNCOMPRESSED_BYTES", 1024 * 1024)
    err = load_error(_bomb(tmp_path / "big.xlsx"))
    assert "would inflate to 2 MB (limit 1 MB); possible zip bomb" in err.problem


def test_cell_value_conversion():
    assert excel.cell_value(None) == ""
    assert excel.cell_value(12.0) == 12 and isinstance(excel.cell_value(12.0), int)
    assert excel.cell_value(12.5) == 12.5
    assert excel.cell_value(datetime(2021, 11, 19)) == "2021-11-19"
    assert excel.cell_value(datetime(2021, 11, 19, 9, 30)) == "2021-11-19 09:30:00"
    assert excel.cell_value(True) == "true"
    assert excel.cell_value("  Hefei ") == "Hefei"
