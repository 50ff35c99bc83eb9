"""The domain's words that more than one room needs, defined once: currencies and the CNY -> USD
conversion (a Python function and its DuckDB twin), and how stored unit, qualifier and role codes
read on screen.

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

# The convention itself: its code in the data, the year of its first edition (it is held yearly,
# so edition number = year - FIRST_EDITION_YEAR + 1) and the city that hosts every edition.
CONVENTION = "WMC"
FIRST_EDITION_YEAR = 2018
HOST_CITY = "Hefei"
