"""ui/export.py: Excel-safe and raw CSV, XLSX with a filters sheet, file names, the explorer table."""
import csv
import io
import json
import re

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from ui.export import (export_file_name, facts_table, neutralize, no_rate_years, row_mask, to_csv_bytes, to_json_bytes,
                       to_xlsx_bytes)
from ui.filters import Filters

BOM = b"\xef\xbb\xbf"
RISKY = ["=1+1", "+86 551", "-x", "@a", "\tx", "\rx"]


def frame():
    return pd.DataFrame({"text": RISKY + ["合肥 世界制造业大会", "plain"],
                         "number": [-3.5, 0.0, 1.0, 2.5, 1000.0, 7.0, 8.0, 9.0]})


def parse(data: bytes, encoding="utf-8-sig") -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode(encoding), newline="")))


def test_csv_starts_with_bom():
    assert to_csv_bytes(frame()).startswith(BOM)


def test_csv_neutralizes_formula_like_text():
    texts = [row[0] for row in parse(to_csv_bytes(frame()))[1:7]]
    assert texts == ["'=1+1", "'+86 551", "'-x", "'@a", "'\tx", "'\rx"]


def test_csv_writes_numbers_plain_and_unquoted():
    data = to_csv_bytes(frame()).decode("utf-8-sig")
    assert "\r\n'=1+1,-3.5\r\n" in data
    assert ",0\r\n" in data
    assert [row[1] for row in parse(to_csv_bytes(frame()))[1:3]] == ["-3.5", "0"]


def test_csv_numbers_have_no_float_noise():
    noisy = pd.DataFrame({"value": [638.0, 0.1 + 0.2, 1 / 3, float("nan"), -2.0]})
    assert [row[0] for row in parse(to_csv_bytes(noisy))[1:]] == ["638", "0.3", "0.333333333333333", "", "-2"]


def test_csv_chinese_round_trips():
    assert parse(to_csv_bytes(frame()))[7][0] == "合肥 世界制造业大会"


def test_json_keeps_every_value_as_stored_and_chinese_as_characters():
    data = to_json_bytes(frame())
    assert not data.startswith(BOM)
    records = json.loads(data.decode("utf-8"))
    assert [r[frame().columns[0]] for r in records[:6]] == RISKY  # not neutralized: no spreadsheet reads JSON
    assert "合肥 世界制造业大会".encode("utf-8") in data


def xlsx(df=None, record=None):
    record = record or {"convention": "WMC", "year_from": 2018, "year_to": 2024, "currency": "CNY",
                        "include_derived": False, "search": "=HYPERLINK(\"x\")", "metrics": [],
                        "data_version": "run 3 at 2026-11-25 10:00 UTC", "generated_at": "2026-11-25 10:01:00 UTC"}
    return load_workbook(io.BytesIO(to_xlsx_bytes(frame() if df is None else df, record)))


def test_xlsx_has_data_and_filters_sheets():
    assert xlsx().sheetnames == ["data", "filters"]


def test_xlsx_formula_text_is_text_not_formula():
    sheet = xlsx()["data"]
    cell = sheet["A2"]
    assert cell.data_type == "s"
    assert cell.value == "=1+1"  # the text itself, no literal apostrophe
    assert cell.quotePrefix  # the spreadsheet shows it as text and never evaluates it
    assert not sheet["A8"].quotePrefix  # ordinary text is left alone


def test_xlsx_numbers_stay_numbers():
    sheet = xlsx()["data"]
    assert [sheet["B2"].value, sheet["B3"].value] == [-3.5, 0]
    assert sheet["B2"].data_type == "n"


def test_xlsx_filters_sheet_records_filters_and_data_version():
    rows = dict(xlsx()["filters"].iter_rows(min_row=2, values_only=True))
    assert rows["convention"] == "WMC"
    assert rows["from"] == "2018" and rows["to"] == "2024"
    assert rows["derived figures included"] == "no"
    assert rows["metrics"] == "(all)"
    assert rows["data version"] == "run 3 at 2026-11-25 10:00 UTC"
    assert rows["search"] == "=HYPERLINK(\"x\")"
    search_cell = next(row[1] for row in xlsx()["filters"].iter_rows(min_row=2) if row[0].value == "search")
    assert search_cell.data_type == "s" and search_cell.quotePrefix


def test_export_file_name_names_the_filters():
    assert export_file_name(Filters("WMC", 2018, 2024, "CNY", False), "explorer", "csv") == "wmc-explorer-2018-2024-CNY.csv"
    assert (export_file_name(Filters("WMC", 2019, 2019, "USD", True), "explorer", "xlsx")
            == "wmc-explorer-2019-USD-incl-derived.xlsx")


def test_export_file_name_names_the_narrowing():
    view = Filters("WMC", 2019, 2019, "CNY", False)
    assert (export_file_name(view, "explorer", "csv", "investment", ["projects_signed"])
            == "wmc-explorer-2019-investment-projects_signed-CNY.csv")
    assert (export_file_name(view, "explorer", "csv", "all", ["attendees", "exhibitors"], "Test  Gazette!")
            == "wmc-explorer-2019-attendees-exhibitors-search-test-gazette-CNY.csv")
    assert (export_file_name(view, "explorer", "csv", "all", ["a", "b", "c", "d", "e"])
            == "wmc-explorer-2019-a-b-c-2more-CNY.csv")


def test_a_chinese_search_gets_a_stable_safe_name_of_its_own():
    view = Filters("WMC", 2019, 2019, "CNY", False)
    first = export_file_name(view, "explorer", "csv", "all", [], "签约项目")
    assert re.fullmatch(r"wmc-explorer-2019-search-[0-9a-f]{8}-CNY\.csv", first), first
    assert export_file_name(view, "explorer", "csv", "all", [], " 签约项目 ") == first  # the same search
    assert export_file_name(view, "explorer", "csv", "all", [], "展览面积") != first
    mixed = export_file_name(view, "explorer", "csv", "all", [], "合肥 gazette")
    assert re.fullmatch(r"wmc-explorer-2019-search-gazette-[0-9a-f]{8}-CNY\.csv", mixed), mixed


@given(st.text(max_size=400), st.lists(st.text(max_size=60), max_size=8), st.text(max_size=40))
def test_any_narrowing_gives_a_bounded_name_of_safe_characters(search, metrics, category):
    name = export_file_name(Filters("WMC", 2018, 2024, "USD", True), "explorer", "csv", category or "all",
                            metrics, search)
    stem, ext = name.rsplit(".", 1)
    assert ext == "csv"
    assert re.fullmatch(r"[A-Za-z0-9_-]+", stem), name
    assert len(stem) <= 120 and stem.startswith("wmc-explorer-2018-2024") and stem.endswith("USD-incl-derived")


def test_note_and_source_title_are_exported_and_neutralized():
    table = facts_table(facts(), "CNY")
    assert table["note"].tolist() == ["=summed by us from two halls", ""]
    assert table["source_title"].tolist() == ["Fixture closing report 2018"] * 2
    rows = parse(to_csv_bytes(table))
    header = rows[0]
    assert header[header.index("note"):header.index("note") + 1] == ["note"] and "source_title" in header
    assert rows[1][header.index("note")] == "'=summed by us from two halls"
    assert rows[1][header.index("source_title")] == "Fixture closing report 2018"
    sheet = load_workbook(io.BytesIO(to_xlsx_bytes(table, {"convention": "WMC"})))["data"]
    cell = sheet.cell(row=2, column=header.index("note") + 1)
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("=summed by us from two halls", "s", True)


def facts():
    return pd.DataFrame({
        "year": [2018, 2018], "metric": ["investment_signed", "projects_signed"],
        "label": ["Investment signed", "Projects signed"], "value": [447.0, 430.0],
        "unit": ["bn CNY", "projects"], "qualifier": ["exact", "more_than"],
        "scope": ["whole convention", "whole convention"], "is_derived": [False, False],
        "publisher": ["Test Gazette", "Test Gazette"], "published_on": pd.to_datetime(["2018-09-25"] * 2),
        "url": ["https://example.org/a"] * 2, "cny_per_usd": [6.6, 6.6],
        "note": ["=summed by us from two halls", None], "title": ["Fixture closing report 2018"] * 2})


def test_usd_converts_money_rows_only_and_shows_the_rate():
    table = facts_table(facts(), "USD")
    assert table["unit"].tolist() == ["bn USD", "projects"]
    assert round(table["value"][0], 2) == 67.73  # 447 / 6.6
    assert table["value"][1] == 430
    assert table["cny_per_usd"][0] == 6.6 and pd.isna(table["cny_per_usd"][1])


def test_a_money_figure_without_a_rate_says_why_it_has_no_usd_value():
    """No silent empty cell: the note says no rate is stored and names the row with the source's own
    USD amount, or says the source gave none; other rows and CNY keep their notes."""
    rows = facts().assign(year=[2024, 2024], cny_per_usd=[float("nan")] * 2)
    twin = rows.iloc[[0]].assign(metric="investment_signed_usd_reported", label="Investment signed (USD as reported)",
                                 value=52.48, unit="bn USD", note=None)
    with_twin = facts_table(pd.concat([rows, twin], ignore_index=True), "USD")
    assert pd.isna(with_twin["value"][0])
    assert with_twin["note"][0] == ("No annual CNY/USD rate is stored for 2024, so there is no converted value; the "
                                    "source's own USD amount is the row 'Investment signed (USD as reported)'; "
                                    "=summed by us from two halls")
    assert with_twin["note"].tolist()[1:] == ["", ""] and with_twin["value"][2] == 52.48
    alone = facts_table(rows, "USD", "zh")
    assert alone["note"][0].startswith("未存 2024 年的人民币/美元年平均汇率，来源也未报美元数")
    assert facts_table(rows, "CNY")["note"][0] == "=summed by us from two halls"
    assert no_rate_years(with_twin) == no_rate_years(alone) == [2024]
    assert no_rate_years(facts_table(facts(), "USD")) == [] and no_rate_years(facts_table(rows, "CNY")) == []


def test_cny_table_has_no_rate_column():
    assert "cny_per_usd" not in facts_table(facts(), "CNY").columns


def test_search_is_plain_text_over_metric_scope_publisher():
    table = facts_table(facts(), "CNY")
    assert row_mask(table, [], "gazette").tolist() == [True, True]
    assert row_mask(table, [], "proj").tolist() == [False, True]
    assert row_mask(table, [], ".*").tolist() == [False, False]
    assert row_mask(table, ["Investment signed"], "").tolist() == [True, False]


@given(st.text())
def test_neutralized_text_never_starts_like_a_formula(text):
    assert not neutralize(text).startswith(("=", "+", "-", "@", "\t", "\r"))


@given(st.text().filter(lambda t: not t.startswith(("=", "+", "-", "@", "\t", "\r"))))
def test_safe_text_round_trips_through_csv(text):
    rows = parse(to_csv_bytes(pd.DataFrame({"text": [text], "n": [1]})))
    assert rows[1] == [text, "1"]
