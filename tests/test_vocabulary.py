"""vocabulary.py: CNY -> USD once in Python and once as a DuckDB macro, the same on the same rows."""
from __future__ import annotations

import duckdb
import pytest

from vocabulary import MONEY_IN_MACRO, is_missing, money_in

# (bn CNY, CNY per USD, currency) -> expected
ROWS = [
    (735.1, 7.0, "USD", 105.01428571428572),  # converted at the year's rate
    (447.0, 6.6174, "CNY", 447.0),            # CNY is what is stored: unchanged
    (369.2, None, "USD", None),               # no sourced rate: no USD value, never a guess
]


@pytest.mark.parametrize("value, rate, currency, expected", ROWS)
def test_python_conversion(value, rate, currency, expected):
    assert money_in(value, rate, currency) == (pytest.approx(expected) if expected is not None else None)


def test_duckdb_macro_gives_the_same_three_rows():
    con = duckdb.connect(":memory:")
    con.execute(MONEY_IN_MACRO)
    got = [con.execute("select money_in($v, $r, $c)", {"v": v, "r": r, "c": c}).fetchone()[0] for v, r, c, _ in ROWS]
    assert got[0] == pytest.approx(ROWS[0][3]) and got[1] == ROWS[1][3] and got[2] is None
    assert got == [pytest.approx(money_in(v, r, c)) if money_in(v, r, c) is not None else None for v, r, c, _ in ROWS]


def test_a_zero_rate_is_no_rate_in_both():
    con = duckdb.connect(":memory:")
    con.execute(MONEY_IN_MACRO)
    assert money_in(10.0, 0, "USD") is None
    assert con.execute("select money_in(10.0, 0, 'USD')").fetchone()[0] is None


def test_loaders_and_extractor_read_the_same_domain_words():
    """One vocabulary: the table loaders, the extractor and the schema use the same units, scales and
    qualifier words (a word added in vocabulary.py reaches all of them)."""
    import vocabulary
    from loaders import normalize
    from loaders.press_release import chinese, model, numbers

    assert model.UNITS is vocabulary.METRIC_UNITS and normalize.METRIC_UNITS is vocabulary.METRIC_UNITS
    assert chinese.CN_QUALIFIER_BEFORE is vocabulary.CN_QUALIFIER_BEFORE
    assert model.CONVENTION == vocabulary.CONVENTION == "WMC"
    assert numbers._SCALE["billion"] == vocabulary.SCALE_TO_BN["billion"] == 1.0
    # the table loaders read 亿元 with the factor the extractor uses for 亿
    assert float(vocabulary.UNITS[vocabulary.unit_key("亿元")][1]) == vocabulary.SCALE_TO_BN["亿"]
    assert float(vocabulary.UNITS[vocabulary.unit_key("万亿元")][1]) == vocabulary.SCALE_TO_BN["万亿"]
    assert normalize.parse_value("约1,200左右")[1] == "about"
    assert vocabulary.CN_QUALIFIER_AFTER["左右"] == "about" and vocabulary.CN_QUALIFIER_BEFORE["超过"] == "more_than"


@pytest.mark.parametrize("value, missing", [
    (None, True), (float("nan"), True), ("pd.NA", True), ("pd.NaT", True), ("np.NaT", True),
    (0.0, False), ("", False), ("2024-05-01", False), ("pd.Timestamp", False), ("np.datetime64", False),
])
def test_is_missing_knows_every_empty_value_and_no_real_one(value, missing):
    """A missing date (pandas' NaT or numpy's) is missing like None, NaN and pd.NA: tables draw it blank, not "NaT"."""
    import numpy as np
    import pandas as pd

    made = {"pd.NA": pd.NA, "pd.NaT": pd.NaT, "np.NaT": np.datetime64("NaT"), "pd.Timestamp": pd.Timestamp("2024-05-01"),
            "np.datetime64": np.datetime64("2024-05-01")}
    assert is_missing(made.get(value, value) if isinstance(value, str) else value) is missing
