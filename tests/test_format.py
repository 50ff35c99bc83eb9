"""Delta, qualifier and currency logic behind the KPI cards and charts."""
import math

import pandas as pd

from datetime import date

from ui.format import delta, edition_dates, number, with_qualifier
from vocabulary import money_in as to_currency
from queries.series import average_per_project, growth_pct


def test_lower_bound_qualifier_shows_plus():
    assert with_qualifier(430, "more_than", "projects") == "430+"


def test_about_trillion_reads_as_people_say_it():
    assert with_qualifier(1800, "about", "bn CNY") == "about 1.8 tn"


def test_money_more_than_reads_over_with_unit():
    assert with_qualifier(1000, "more_than", "bn CNY", show_unit=True) == "over 1 tn CNY"


def test_area_gets_square_metres():
    assert with_qualifier(80000, "exact", "m2", show_unit=True) == "80,000 m²"


def test_missing_value_is_a_dash_not_zero():
    assert with_qualifier(float("nan"), "exact", "projects") == "–"
    assert number(None) == "–"


def test_delta_against_lower_bound_is_flagged_as_upper_bound():
    change = delta(638, 430, "exact", "more_than")
    assert change.absolute == 208
    assert round(change.percent, 1) == 48.4
    assert change.lower_bound_base
    assert change.text() == "+208 (≤ +48.4%)"


def test_no_delta_when_either_side_missing():
    assert delta(638, None) is None
    assert delta(float("nan"), 430) is None


def test_no_percent_when_base_is_zero():
    assert delta(5, 0).percent is None


def test_negative_delta_starts_with_the_hyphen_minus_streamlit_reads_for_a_down_arrow():
    assert delta(568, 678).text() == "-110 (-16.2%)"


def test_usd_conversion_divides_by_rate_and_needs_a_rate():
    assert math.isclose(to_currency(735.1, 7.0, "USD"), 105.0142857, rel_tol=1e-6)
    assert to_currency(735.1, None, "USD") is None
    assert to_currency(735.1, None, "CNY") == 735.1


def _series(rows):
    return pd.DataFrame(rows, columns=["year", "metric", "label", "unit", "value", "qualifier", "is_derived",
                                       "publisher", "published_on"])


def test_average_per_project_leaves_gap_where_a_figure_is_missing():
    series = _series([
        (2018, "projects_signed", "P", "projects", 400, "exact", False, "A", None),
        (2018, "investment_signed", "I", "bn CNY", 200, "exact", False, "A", None),
        (2019, "projects_signed", "P", "projects", None, None, None, None, None),
        (2019, "investment_signed", "I", "bn CNY", 300, "exact", False, "A", None),
    ])
    average = average_per_project(series, "bn CNY").set_index("year")["value"]
    assert average[2018] == 0.5
    assert pd.isna(average[2019])


def test_growth_is_relative_to_previous_edition_and_gapped():
    series = _series([
        (2018, "projects_signed", "P", "projects", 400, "more_than", False, "A", None),
        (2019, "projects_signed", "P", "projects", 600, "exact", False, "A", None),
        (2020, "projects_signed", "P", "projects", None, None, None, None, None),
        (2021, "projects_signed", "P", "projects", 700, "exact", False, "A", None),
    ])
    growth = growth_pct(series, "projects_signed").set_index("year")
    assert pd.isna(growth.loc[2019, "value"])  # against a lower bound (400+) only an upper bound holds
    assert pd.isna(growth.loc[2020, "value"]) and pd.isna(growth.loc[2021, "value"])
    exact = series.assign(qualifier=series["qualifier"].replace({"more_than": "about"}))
    growth = growth_pct(exact, "projects_signed").set_index("year")
    assert growth.loc[2019, "value"] == 50.0
    assert growth.loc[2019, "qualifier"] == "about"  # 400 was rounded


def test_edition_dates_say_which_end_is_unknown():
    assert edition_dates(date(2019, 9, 20), date(2019, 9, 23)) == "20 Sep 2019 – 23 Sep 2019"
    assert edition_dates(date(2020, 9, 12), pd.NaT) == "from 12 Sep 2020 (end date not found in sources)"
    assert edition_dates(None, None) == "not found in sources"
