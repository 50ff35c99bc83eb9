"""Click a bar or point of an edition chart: a link opens the Explorer on that edition and metric.

`drill.chart(fig, key, metrics)` draws the chart with a selection callback. The callback keeps a
link with the edition range and the Explorer's narrowing (category, metrics) as query parameters,
which the chart then shows below itself. A link rather than st.switch_page: in the pinned Streamlit (1.67) a
switch from the script with new query parameters sends them on the old page first and each bound
widget's correction after, every one a browser history entry of its own (five for one click,
measured), so Back would not return to the chart. A followed link is one entry, and Back is a
history navigation on which Streamlit gives the URL precedence: the chart page comes back with the
filters its own URL recorded. The edition travels as the Explorer's own `year` parameter, so the
sidebar's range is never narrowed by a drill. dashboard.py calls `arrive()` on the run the link
opened, which sets the narrowing from it through session state (a widget drawn before keeps its
session value over the URL on a page switch).
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from queries import run
from ui.filters import YEAR_FROM, YEAR_TO
from ui.i18n import metric_label, t

EXPLORER = "pages/explorer.py"
LINK = "_drill_link"  # the Explorer link of the last clicked point: its chart, edition, metric, URL
NARROWING = ("category", "metrics", "search")  # the Explorer's own URL parameters


def trace_metrics(fig, names: dict[str, str], more: dict[str, str] | None = None) -> list[str | None]:
    """The metric each trace of `fig` shows, found by the trace's name (`names`: metric -> name;
    `more`: further trace names -> metric, e.g. an expected total drawn as a trace of its own)."""
    by_name = {**{shown: metric for metric, shown in names.items()}, **(more or {})}
    return [by_name.get(trace.name) for trace in fig.data]


def target(point: dict, metrics: list[str | None], catalogue: pd.DataFrame) -> dict | None:
    """Session-state values that open the Explorer on the edition and metric of a clicked point, or
    None when the point is no figure of a stored metric (a gap, a computed series)."""
    curve = point.get("curve_number", 0) or 0
    metric = metrics[curve] if 0 <= curve < len(metrics) else None
    try:
        year = int(str(point.get("x")))
    except ValueError:
        return None
    row = catalogue[catalogue["metric"] == metric]
    if metric is None or row.empty or point.get("y") is None:
        return None
    row = row.iloc[0]
    # Codes, not words: the Explorer shows them in the language of the page (ui/explorer_link.py).
    return {YEAR_FROM: year, YEAR_TO: year, "category": row["category"], "metrics": [metric], "search": ""}


def _on_select(key: str, metrics: list[str | None]) -> None:
    points = st.session_state[key].selection.points
    values = target(points[0], metrics, run("metric_names")) if points else None
    if values is None:
        st.session_state.pop(LINK, None)
        return
    # The link carries what changes; the frontend keeps the page's other parameters (cur, lang, ...).
    # The edition is the Explorer's own `year`: following the link never narrows the sidebar's range.
    query = {"year": str(values[YEAR_FROM])}
    if values["category"] != "all":
        query["category"] = values["category"]
    query["metrics"] = values["metrics"]
    label = run("metric_names").set_index("metric").loc[values["metrics"][0], "label"]
    st.session_state[LINK] = {"chart": key, "year": values[YEAR_FROM], "metric": metric_label(values["metrics"][0], label),
                              "query": query, "values": values}


def chart(fig, key: str, metrics: str | list[str | None]) -> None:
    """st.plotly_chart of an edition chart whose bars or points open the Explorer; `metrics`: the
    metric of each trace, in order (None for a trace that is no stored metric), or one metric for
    a chart whose every trace shows it (reported, expected and derived bars of one metric)."""
    if isinstance(metrics, str):
        metrics = [metrics] * len(fig.data)
    st.plotly_chart(fig, key=key, on_select=lambda: _on_select(key, metrics), selection_mode="points")
    pending = st.session_state.get(LINK)
    if pending and pending["chart"] == key:
        st.page_link(EXPLORER, label=t("drill.open", year=pending["year"], metric=pending["metric"]),
                     icon=":material/table_view:", query_params=pending["query"])


def arrive(page) -> None:
    """On the run the link opened (the Explorer, with the link's parameters in the URL): set the
    edition range and the narrowing as the link gives them. Called by dashboard.py before any widget
    is drawn, since a widget drawn before keeps its session value over the URL on a page switch."""
    pending = st.session_state.get(LINK)
    if pending is None or page.url_path != "explorer":
        return
    wanted = {k: v if isinstance(v, list) else [v] for k, v in pending["query"].items()}
    if all(st.query_params.get_all(k) == v for k, v in wanted.items()):
        st.session_state.pop(LINK)
        for name in NARROWING:  # the narrowing over any kept from before (the range is left alone)
            st.session_state[name] = pending["values"][name]
