"""A clean console and server log (issue #23, N31)."""
from ui.kpis import KpiCard, sparkline_spec


def test_a_sparkline_with_gaps_gives_its_own_value_range():
    card = KpiCard("projects_signed", "Projects signed", "638", None, "", [(2018, 436.0), (2019, None), (2020, 678.0)])
    y = sparkline_spec(card)["layer"][1]["encoding"]["y"]
    low, high = y["scale"]["domain"]
    assert low < 436.0 and high > 678.0 and high - low < 300  # Vega need not compute it from empty layers

