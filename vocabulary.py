"""The domain's words that more than one room needs, defined once: currencies and the CNY -> USD
conversion (a Python function and its DuckDB twin), how stored unit, qualifier and role codes
read on screen, and the Chinese scales (万, 亿, 万亿) and words the Chinese number style uses.

Loaders, queries and ui import from here. (The loaders' unit spellings and scales — 亿元, 万平方米,
bn, tn — still live in loaders/normalize.py; moving them here is the next step of issue #11.)
"""
from __future__ import annotations

import math

import pandas as pd

CURRENCIES = ("CNY", "USD")  # CNY is how money is stored (bn CNY); USD is converted for display

# The DuckDB twin of money_in(): the same arithmetic for SQL results. Registered as a temporary
# macro on every read connection (queries/__init__.py), so every query file can call it.
MONEY_IN_MACRO = (
    "create or replace temp macro money_in(value_cny_bn, cny_per_usd, currency) as "
    "case when currency = 'USD' then value_cny_bn / nullif(cny_per_usd, 0) else value_cny_bn end"
)


def is_missing(value) -> bool:
    """None, NaN or pd.NA: since pandas 3 a missing text cell is NaN, never None."""
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def money_in(value_cny_bn, cny_per_usd, currency: str) -> float | None:
    """bn CNY in the chosen currency at the year's annual average CNY per USD; None without a
    value, or in USD without a rate."""
    if is_missing(value_cny_bn):
        return None
    if currency != "USD":
        return float(value_cny_bn)
    if is_missing(cny_per_usd) or not cny_per_usd:
        return None
    return float(value_cny_bn) / float(cny_per_usd)


# Stored codes as people read them; other codes read as they are.
UNIT_WORDS = {"m2": "m²"}
QUALIFIER_WORDS = {"more_than": "more than", "at_least": "at least"}


# ---------------------------------------------------------------- Chinese number style

# Chinese counts in powers of 10^4: 万 (10^4), 亿 (10^8), 万亿 (10^12). Money is stored in bn
# (10^9) yuan, so 1 bn = 10 亿 and 1,000 bn = 1 万亿.
WAN, YI, WAN_YI = 10 ** 4, 10 ** 8, 10 ** 12
BN = 10 ** 9
YI_PER_BN = BN // YI  # 10
# Money reads in 万亿 from 1 万亿 up (1.2 万亿元), otherwise in 亿 (7,351 亿元).
MONEY_SCALES_ZH = ((WAN_YI, "万亿"), (YI, "亿"))
CURRENCY_WORDS_ZH = {"CNY": "元", "USD": "美元"}
# Areas read in 万 from 1 万 m² up (6 万平方米); counts of people, visits and the like from 10 万 up,
# as Chinese reports write 14,824 人 but 20 万人次.
AREA_WAN_FROM = WAN
COUNT_WAN_FROM = 10 * WAN

# Qualifier codes as Chinese reports put them, in front of the figure: 超过 430 个, 约 1.8 万亿元.
QUALIFIER_WORDS_ZH = {"more_than": "超过", "at_least": "至少", "about": "约", "nearly": "近",
                      "expected": "预计"}
# Stored units as the measure word or unit after a Chinese figure (签约项目 638 个, 参展企业 641 家).
UNIT_WORDS_ZH = {"bn CNY": "亿元", "bn USD": "亿美元", "m2": "平方米", "projects": "个", "companies": "家",
                 "products": "件", "visits": "人次", "people": "人", "countries and regions": "个",
                 "events": "场", "bodies": "家", "percent": "%"}
# Participation roles in the words of the convention's own Chinese announcements.
ROLE_WORDS_ZH = {"organizer": "主办单位", "co-organizer": "承办单位", "host": "主办方",
                 "supporting": "支持单位", "guest country of honor": "主宾国",
                 "guest province of honor": "主宾省"}
