"""Series computed from metric_series frames: ratios and edition-over-edition growth. Pure functions."""
from __future__ import annotations

import pandas as pd

ROUGH = {"about", "nearly", "expected", "more_than", "at_least"}


def _pivot(series: pd.DataFrame, metric: str) -> pd.DataFrame:
    # reindex: a frame without published_precision (an older query) reads as a day-precise date.
    return series[series["metric"] == metric].set_index("year").reindex(
        columns=["value", "qualifier", "is_derived", "publisher", "published_on", "published_precision"])


def _combined_qualifier(a, b) -> str:
    return "about" if {a, b} & ROUGH else "exact"


def _on_expected(a, b) -> bool:
    """A ratio or change resting on a figure only announced beforehand: charts draw it open."""
    return "expected" in (a, b)


def average_per_project(series: pd.DataFrame, unit: str) -> pd.DataFrame:
    """Investment per project per edition, as a metric_series-shaped frame (metric 'average_investment').

    A year lacking either figure keeps its row with a null value (a gap)."""
    projects, investment = _pivot(series, "projects_signed"), _pivot(series, "investment_signed")
    years = sorted(set(series["year"]))
    rows = []
    for year in years:
        p = projects.loc[year] if year in projects.index else None
        i = investment.loc[year] if year in investment.index else None
        ok = p is not None and i is not None and pd.notna(p["value"]) and pd.notna(i["value"]) and p["value"] > 0
        rows.append({
            "year": year, "metric": "average_investment", "label": "Average investment per project",
            "unit": unit, "value": (i["value"] / p["value"]) if ok else None,
            "qualifier": _combined_qualifier(p["qualifier"], i["qualifier"]) if ok else None,
            "on_expected": _on_expected(p["qualifier"], i["qualifier"]) if ok else False,
            "is_derived": True if ok else None,
            "publisher": i["publisher"] if ok else None, "published_on": i["published_on"] if ok else None,
            "published_precision": i["published_precision"] if ok else None,
        })
    return pd.DataFrame(rows)


def growth_pct(series: pd.DataFrame, metric: str) -> pd.DataFrame:
    """% change against the previous edition in the frame; null where either side is missing."""
    frame = series[series["metric"] == metric].sort_values("year").reset_index(drop=True)
    previous = frame["value"].shift(1)
    previous_qualifier = frame["qualifier"].shift(1)
    out = frame.copy()
    out["value"] = (frame["value"] - previous) / previous * 100
    out["qualifier"] = [_combined_qualifier(a, b) if pd.notna(v) else None
                        for a, b, v in zip(frame["qualifier"], previous_qualifier, out["value"])]
    out["on_expected"] = [_on_expected(a, b) and pd.notna(v)
                          for a, b, v in zip(frame["qualifier"], previous_qualifier, out["value"])]
    out["unit"] = "%"
    out["label"] = frame["label"] + " growth"
    return out
