"""Chinese exports: plain numbers (money in 亿), unit and qualifier words, headers and sheets in Chinese."""
from __future__ import annotations

import csv
import io

import pandas as pd
from openpyxl import load_workbook

from ui.export import facts_table, headers, to_csv_bytes, to_xlsx_bytes


def facts():
    return pd.DataFrame({
        "year": [2018, 2018], "metric": ["investment_signed", "projects_signed"],
        "label": ["Investment signed", "Projects signed"], "value": [447.0, 430.0],
        "unit": ["bn CNY", "projects"], "qualifier": ["exact", "more_than"],
        "scope": ["whole convention", "whole convention"], "is_derived": [False, False],
        "publisher": ["Test Gazette", "Test Gazette"], "published_on": pd.to_datetime(["2018-09-25"] * 2),
        "url": ["https://example.org/a"] * 2, "cny_per_usd": [6.6, 6.6],
        "note": ["=summed by us from two halls", None], "title": ["Fixture closing report 2018"] * 2})


def test_chinese_table_keeps_numbers_plain_with_money_in_yi():
    table = facts_table(facts(), "CNY", "zh")
    assert table["value"].tolist() == [4470.0, 430.0]
    assert table["unit"].tolist() == ["亿元", "个"]
    assert table["metric"].tolist() == ["签约金额", "签约项目"]
    assert table["qualifier"].tolist() == ["确数", "超过"]
    assert table["scope"].tolist() == ["全会", "全会"]


def test_usd_in_chinese_is_yi_us_dollars_at_the_years_rate():
    table = facts_table(facts(), "USD", "zh")
    assert round(table["value"][0], 1) == 677.3  # 447 / 6.6 bn = 67.73 bn = 677.3 亿美元
    assert table["unit"][0] == "亿美元"


def test_csv_headers_in_chinese_english_unchanged():
    table = facts_table(facts(), "CNY", "zh")
    rows = list(csv.reader(io.StringIO(to_csv_bytes(table.rename(columns=headers(table.columns, "zh"))).decode("utf-8-sig"))))
    assert rows[0] == ["年份", "指标", "数值", "单位", "限定词", "其他来源数值", "统计范围", "推算", "备注", "发布方", "来源标题",
                       "发布日期", "链接"]
    assert rows[1][2] == "4470"  # 447 bn as 亿, written as a person writes it
    english = facts_table(facts(), "CNY")
    assert list(headers(english.columns, "en").values()) == list(english.columns)


def test_xlsx_sheets_and_filter_names_in_chinese_numbers_still_numbers():
    table = facts_table(facts(), "CNY", "zh")
    book = load_workbook(io.BytesIO(to_xlsx_bytes(table, {"convention": "WMC", "metrics": []}, "zh")))
    assert book.sheetnames == ["数据", "筛选条件"]
    data = book["数据"]
    assert [c.value for c in data[1]][:3] == ["年份", "指标", "数值"]
    assert data["A2"].value == 2018 and data["A2"].number_format == "0"  # the year keeps its format
    assert data["C2"].value == 4470
    assert [[c.value for c in row] for row in book["筛选条件"].iter_rows()] == [
        ["筛选项", "取值"], ["会议", "WMC"], ["指标", "（全部）"]]
