"""Figure memo: the same inputs reuse a figure; anything else builds anew."""
import pandas as pd

from ui import charts


def frame(value):
    return pd.DataFrame({"year": [2018, 2019], "metric": ["exhibitors"] * 2, "label": ["Exhibitors"] * 2,
                         "unit": ["companies"] * 2, "value": [value, None], "qualifier": ["exact", None],
                         "is_derived": [False, None], "publisher": ["A", None], "published_on": [None, None]})


def test_same_inputs_reuse_the_figure():
    first = charts.edition_bars(frame(800), "exhibitors", [2018, 2019])
    assert charts.edition_bars(frame(800), "exhibitors", [2018, 2019]) is first


def test_changed_data_builds_a_new_figure():
    """The frames are keyed by content: new data is a new key, so no data version is needed (a
    figure builder imports neither Streamlit nor queries)."""
    first = charts.edition_bars(frame(800), "exhibitors", [2018, 2019])
    assert charts.edition_bars(frame(801), "exhibitors", [2018, 2019]) is not first


def test_axis_title_keeps_units_but_does_not_repeat_the_label():
    assert charts.axis_title("Exhibition area", "m2") == "Exhibition area (m²)"
    assert charts.axis_title("Countries and regions", "countries and regions") == "Countries and regions"
