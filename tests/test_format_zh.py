"""ui/format_zh.py: Chinese number style (亿, 万, 万亿), qualifiers in front, dates with 年月日."""
from datetime import date

import pytest

from ui import format_zh as zh
from ui.format import delta

# (stored value, qualifier, stored unit) -> as a Chinese reader reads it, with its unit
FIGURES = [
    (735.1, "exact", "bn CNY", "7,351 亿元"),
    (1200, None, "bn CNY", "1.2 万亿元"),
    (1800, "about", "bn CNY", "约 1.8 万亿元"),
    (1968.2, "exact", "bn CNY", "19,682 亿元"),  # not round in 万亿: sources write 19682亿元
    (1000, "more_than", "bn CNY", "超过 1 万亿元"),
    (103.5, "exact", "bn USD", "1,035 亿美元"),
    (367.7, "expected", "bn CNY", "预计 3,677 亿元"),
    (60000, "exact", "m2", "6 万平方米"),
    (43000, "more_than", "m2", "超过 4.3 万平方米"),
    (12345, "exact", "m2", "12,345 平方米"),
    (8000, "exact", "m2", "8,000 平方米"),
    (430, "more_than", "projects", "超过 430 个"),
    (1400, "nearly", "people", "近 1,400 人"),
    (641, "exact", "companies", "641 家"),
    (200000, "exact", "visits", "20 万人次"),
    (14824, "exact", "people", "14,824 人"),
    (46, "exact", "percent", "46%"),
]


@pytest.mark.parametrize("value, qualifier, unit, expected", FIGURES)
def test_figures_read_in_chinese_scales_with_the_qualifier_in_front(value, qualifier, unit, expected):
    assert zh.with_qualifier(value, qualifier, unit, show_unit=True) == expected


def test_without_the_unit_money_keeps_its_scale():
    assert zh.with_qualifier(735.1, None, "bn CNY") == "7,351 亿"
    assert zh.number(60000, "m2") == "6 万"


def test_missing_is_a_dash_never_zero():
    assert zh.with_qualifier(float("nan"), "about", "bn CNY", show_unit=True) == "–"
    assert zh.number(None) == "–"


@pytest.mark.parametrize("code, word", [("more_than", "超过"), ("about", "约"), ("nearly", "近"),
                                        ("expected", "预计"), ("at_least", "至少"), ("exact", "确数")])
def test_qualifier_words(code, word):
    assert zh.qualifier_label(code) == word


@pytest.mark.parametrize("start, end, expected", [
    (date(2025, 9, 20), date(2025, 9, 23), "2025年9月20日–23日"),
    (date(2023, 9, 28), date(2023, 10, 2), "2023年9月28日–10月2日"),
    (date(2025, 12, 30), date(2026, 1, 2), "2025年12月30日–2026年1月2日"),
    (date(2020, 9, 12), None, "2020年9月12日起（结束日期来源未载明）"),
    (None, None, "来源未载明"),
])
def test_dates(start, end, expected):
    assert zh.edition_dates(start, end) == expected


def test_delta_keeps_the_ascii_sign_and_flags_a_lower_bound_base():
    assert zh.delta_text(delta(638, 430, "exact", "more_than"), "projects") == "+208（≤ +48.4%）"
    assert zh.delta_text(delta(735.1, 447), "bn CNY") == "+2,881 亿（+64.5%）"
    assert zh.delta_text(delta(617.9, 735.1), "bn CNY").startswith("-1,172 亿")


def test_tables_show_money_in_yi_with_its_unit_word():
    import pandas as pd

    shown = zh.readable_codes(pd.DataFrame({"value": [735.1, 638.0], "unit": ["bn CNY", "projects"],
                                            "qualifier": ["exact", "more_than"], "role": ["organizer", "guest country of honor"]}))
    assert shown["value"].tolist() == [7351.0, 638.0]
    assert shown["unit"].tolist() == ["亿元", "个"]
    assert shown["qualifier"].tolist() == ["确数", "超过"]
    assert shown["role"].tolist() == ["主办单位", "主宾国"]
