"""ui/drill.py: which edition and metric a clicked point opens in the Explorer, and the switch."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ui import drill

CATALOGUE = pd.DataFrame({"metric": ["projects_signed", "attendees"], "label": ["Projects signed", "Attendees"],
                          "unit": ["projects", "people"], "category": ["investment", "participation"]})


def test_a_bar_opens_its_edition_and_metric():
    point = {"curve_number": 0, "point_index": 1, "x": "2019", "y": 638.0}
    assert drill.target(point, ["projects_signed"], CATALOGUE) == {
        "from": 2019, "to": 2019, "category": "investment", "metrics": ["projects_signed"], "search": ""}


def test_the_trace_of_the_point_chooses_the_metric():
    point = {"curve_number": 1, "x": "2018", "y": 4000.0}
    assert drill.target(point, ["projects_signed", "attendees"], CATALOGUE)["metrics"] == ["attendees"]


def test_a_gap_or_a_computed_series_opens_nothing():
    assert drill.target({"curve_number": 0, "x": "2021", "y": None}, ["projects_signed"], CATALOGUE) is None
    assert drill.target({"curve_number": 0, "x": "2019", "y": 1.2}, [None], CATALOGUE) is None
    assert drill.target({"curve_number": 3, "x": "2019", "y": 1.2}, ["projects_signed"], CATALOGUE) is None
    assert drill.target({"curve_number": 0, "x": "n/a", "y": 1.2}, ["projects_signed"], CATALOGUE) is None


def test_traces_are_matched_to_metrics_by_name():
    fig = go.Figure([go.Bar(name="Hall", x=["2019"], y=[1]), go.Bar(name="Other", x=["2019"], y=[2]),
                     go.Scatter(name="Total", x=["2019"], y=[3])])
    assert drill.trace_metrics(fig, {"exhibition_area_hall": "Hall", "exhibition_area": "Total"}) == [
        "exhibition_area_hall", None, "exhibition_area"]
