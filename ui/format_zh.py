"""Numbers as Chinese readers read them: 7,351 亿元, 1.2 万亿元, 6 万平方米, 超过 430 个, 2025年9月20日–23日.

The twin of ui/format.py, with the same public names, so a caller picks one module by language
(ui.i18n.fmt()) and calls the same functions. Values arrive in the stored units (money in bn);
the scales and words come from vocabulary.py. Pure functions, tested.
"""
from __future__ import annotations

import pandas as pd

from ui import format as _en
from ui.format import BOUND_MARKS, Delta, delta, is_missing, span  # noqa: F401  (the same logic, other words)
from vocabulary import (AREA_WAN_FROM, BN, COUNT_WAN_FROM, CURRENCY_WORDS_ZH, MONEY_SCALES_ZH, QUALIFIER_WORDS_ZH,
                        ROLE_WORDS_ZH, UNIT_WORDS_ZH, WAN, YI_PER_BN)

MONEY_UNITS = ("bn CNY", "bn USD")
NOT_FOUND = "来源未载明"
EXACT = "确数"  # the qualifier code exact, in tables


def _plain(value: float, decimals: int = 2) -> str:
    return f"{value:,.{decimals}f}".rstrip("0").rstrip(".")


def _exact_at_two_decimals(value: float) -> bool:
    return abs(round(value, 2) - value) < 1e-9


def _scaled(value: float, scale: int, word: str) -> str | None:
    """'1.2 万亿' when `value` (in units) reads exactly at two decimals on `scale`, else None."""
    scaled = value / scale
    return f"{_plain(scaled)} {word}" if abs(scaled) >= 1 and _exact_at_two_decimals(scaled) else None


def number(value: float, unit: str = "") -> str:
    """Compact figure without its unit word: 7,351 亿 (735.1 bn), 1.8 万亿, 6 万 (60,000 m²), 638."""
    if is_missing(value):
        return "–"
    value = float(value)
    if unit in MONEY_UNITS:
        units = value * BN
        for scale, word in MONEY_SCALES_ZH:
            if (text := _scaled(units, scale, word)) is not None:
                return text
        return f"{_plain(value * YI_PER_BN)} 亿"
    threshold = AREA_WAN_FROM if unit == "m2" else COUNT_WAN_FROM
    if unit != "percent" and abs(value) >= threshold and (text := _scaled(value, WAN, "万")) is not None:
        return text
    return f"{value:,.0f}" if value.is_integer() else _plain(value)


def unit_label(unit) -> str:
    """'平方米' for m2, '亿元' for bn CNY (tables show money in 亿, see readable_codes)."""
    return "" if is_missing(unit) else UNIT_WORDS_ZH.get(unit, str(unit))


def _unit_after(text: str, unit: str) -> str:
    """'7,351 亿' + bn CNY -> '7,351 亿元'; '6 万' + m2 -> '6 万平方米'; '638' + projects -> '638 个'."""
    if unit in MONEY_UNITS:
        return text + CURRENCY_WORDS_ZH[unit.split()[-1]]
    word = UNIT_WORDS_ZH.get(unit, unit)
    if not word:
        return text
    if word == "%":
        return text + word
    return text + word if text.endswith("万") else f"{text} {word}"


def with_qualifier(value: float, qualifier: str | None, unit: str = "", show_unit: bool = False) -> str:
    """'超过 430', '约 1.8 万亿元', '近 1,400 人', '预计 3,677 亿元'; the unit word appended when asked."""
    if is_missing(value):
        return "–"
    text = number(value, unit)
    if show_unit:
        text = _unit_after(text, unit)
    word = QUALIFIER_WORDS_ZH.get(qualifier or "")
    return f"{word} {text}" if word else text


def bar_label(value: float, qualifier: str | None, unit: str = "") -> str:
    """The short label on a bar, in the unit its axis names: '超过 430', '近 1,400', '预计 3,677' (亿元 on
    the axis); '' for a missing value (the Chinese qualifier words are as short as marks)."""
    if is_missing(value):
        return ""
    scaled = float(value) * display_scale(unit)
    text = f"{scaled:,.0f}" if scaled.is_integer() else _plain(scaled)
    word = QUALIFIER_WORDS_ZH.get(qualifier or "")
    return f"{word} {text}" if word else text


def qualifier_label(qualifier) -> str:
    """'超过' for more_than; '' for exact or a missing qualifier."""
    if is_missing(qualifier):
        return ""
    return QUALIFIER_WORDS_ZH.get(qualifier, EXACT if qualifier == "exact" else str(qualifier))


def role_label(role) -> str:
    """'主宾国' for 'guest country of honor', '主办单位' for 'organizer'."""
    return "" if is_missing(role) else ROLE_WORDS_ZH.get(role, str(role))


def display_scale(unit) -> float:
    """Factor from the stored unit to the unit a Chinese chart or table shows: bn -> 亿 (x10)."""
    return float(YI_PER_BN) if unit in MONEY_UNITS else 1.0


def readable_codes(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of a table to show: money rows in 亿 with unit 亿元/亿美元, units, qualifiers, roles and source dates in words."""
    out = frame.copy()
    if "value" in out.columns and "unit" in out.columns:
        scale = out["unit"].map(display_scale).astype("float64")
        out["value"] = out["value"].astype("float64") * scale
    for column in out.columns:
        if column == "unit":
            out[column] = out[column].map(unit_label)
        elif column == "role":
            out[column] = out[column].map(role_label)
        elif column == "qualifier" or str(column).endswith("_qualifier"):
            out[column] = out[column].map(qualifier_label)
    return _en.with_source_dates(out, source_date)


def delta_text(change: Delta, unit: str = "") -> str:
    """'+208 (≤ +48.4%)', '+2,881 亿 (+64.5%)': the leading ASCII sign st.metric reads for its arrow."""
    sign = "+" if change.absolute >= 0 else "-"
    parts = [f"{sign}{number(abs(change.absolute), unit)}"]
    if change.percent is not None:
        bound = BOUND_MARKS.get(change.bound or "", "约 " if change.approximate else "")
        parts.append(f"（{bound}{'+' if change.percent >= 0 else '-'}{abs(change.percent):.1f}%）")
    return "".join(parts)


def _day(value) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def edition_dates(start, end) -> str:
    """'2025年9月20日–23日'; '2025年9月28日–10月2日' across months; says which end is unknown."""
    start = None if is_missing(start) or str(start) == "NaT" else start
    end = None if is_missing(end) or str(end) == "NaT" else end
    if start is None and end is None:
        return NOT_FOUND
    if end is None:
        return f"{_day(start)}起（结束日期{NOT_FOUND}）"
    if start is None:
        return f"至{_day(end)}（开始日期{NOT_FOUND}）"
    if start.year != end.year:
        return f"{_day(start)}–{_day(end)}"
    if start.month != end.month:
        return f"{_day(start)}–{end.month}月{end.day}日"
    return f"{_day(start)}–{end.day}日"


UNDATED = "日期不详"
DATE_WORDS = {"undated": UNDATED, "year": lambda on: f"{on.year}年", "month": lambda on: f"{on.year}年{on.month}月",
              "day": _day}


def source_date(published_on, precision=None) -> str:
    """来源日期，只写到已知的精度：'2018年5月28日'、'2018年5月'、'2018年'；没有日期时 '日期不详'。"""
    return _en.dated(published_on, precision, DATE_WORDS)


def source_dates(frame: pd.DataFrame, column: str = "published_on") -> list[str]:
    """source_date of every row (see ui.format.source_dates)."""
    return _en.source_dates(frame, column, source_date)
