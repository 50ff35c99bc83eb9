"""Click a bar or point of an edition chart: the Explorer opens with that edition and metric.

A chart is drawn with `st.plotly_chart(fig, key=..., **drill.to_explorer(key, metrics))`. Its
selection callback runs before the next script run, while no widget of that run exists yet, and
sets the view through session state: the shared edition range (from, to; a widget bound to the URL
can only be set that way) and the Explorer's narrowing (category, metrics, search). dashboard.py
then calls `follow()`, which switches to the Explorer with the narrowing also as query parameters:
on the Explorer's first run in a session, Streamlit writes a bound widget's value into the URL
only when the URL gave it. Streamlit pushes one browser history entry for the page switch. Browser
Back is a history navigation, on which Streamlit gives the URL precedence, so the chart page comes
back with the filters its own URL recorded (and no selection: its chart is drawn anew).
"""
from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitAPIException

from queries import run
from ui.filters import YEAR_FROM, YEAR_TO
from ui.i18n import LANG, code_word, metric_label

EXPLORER = "pages/explorer.py"
PENDING = "_drill_to_explorer"
NARROWING = ("category", "metrics", "search")  # the Explorer's own URL parameters


def trace_metrics(fig, names: dict[str, str]) -> list[str | None]:
    """The metric each trace of `fig` shows, found by the trace's name (`names`: metric -> name)."""
    by_name = {shown: metric for metric, shown in names.items()}
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
    return {YEAR_FROM: year, YEAR_TO: year, "category": code_word("metric_category", row["category"]),
            "metrics": [metric_label(metric, row["label"])], "search": ""}


def _on_select(key: str, metrics: list[str | None]) -> None:
    points = st.session_state[key].selection.points
    if not points:
        return
    values = target(points[0], metrics, run("metric_names"))
    if values is None:
        return
    for name, value in values.items():
        st.session_state[name] = value
    st.session_state[PENDING] = {name: values[name] for name in NARROWING if values[name]}


def to_explorer(key: str, metrics: list[str | None]) -> dict:
    """st.plotly_chart arguments that make a click on a bar or point open the Explorer;
    `metrics`: the metric of each trace, in order (None for a trace that is no stored metric)."""
    return dict(on_select=lambda: _on_select(key, metrics), selection_mode="points")


def follow() -> None:
    """Switch to the Explorer if a chart click asked for it on this run (called by dashboard.py
    before anything is drawn), with its narrowing and the language (no widget is bound to it) in
    the URL. A parameter still bound to a widget cannot be given; the view is then right from session
    state and only the link lacks it."""
    narrowing = st.session_state.pop(PENDING, None)
    if narrowing is None:
        return
    lang = st.query_params.get(LANG)
    params = {**({LANG: lang} if lang else {}), **narrowing}
    try:
        st.switch_page(EXPLORER, query_params=params)
    except StreamlitAPIException:  # query-param-bound-cannot-set
        st.switch_page(EXPLORER, query_params={LANG: lang} if lang else {})
