"""Plotly figures shared by the pages: one colour per metric, units on axes, gaps for missing data."""
from __future__ import annotations

import functools
import hashlib
import pickle
import threading
from collections import OrderedDict

import pandas as pd
import plotly.graph_objects as go

import queries

from ui.format import is_missing, to_currency
from ui.i18n import fmt, language, metric_label, name, t

# One colour per metric across every page (colour-blind-safe Okabe-Ito order first).
METRIC_COLORS = {
    "projects_signed": "#0072B2",
    "investment_signed": "#E69F00",
    "average_investment": "#CC79A7",
    "exhibition_area": "#009E73",
    "exhibition_area_hall": "#009E73",
    "exhibition_area_outdoor": "#56B4E9",
    "exhibitors": "#D55E00",
    "exhibits": "#8C6D31",
    "attendees": "#7F3C8D",
    "overseas_guests": "#11A579",
    "countries_regions": "#3969AC",
    "visitors": "#F2B701",
    "organizers": "#80BA5A",
    "fortune500_executives": "#E73F74",
}
FALLBACK_COLOR = "#7F7F7F"


_FIGURES: OrderedDict = OrderedDict()
_FIGURES_LOCK = threading.Lock()
MAX_FIGURES = 256


def _key_part(value):
    if isinstance(value, pd.DataFrame):
        # Equal bytes mean equal content; two equal frames that pickle differently only miss the memo.
        return ("frame", hashlib.blake2b(pickle.dumps(value, protocol=5), digest_size=16).digest())
    if isinstance(value, (list, tuple)):
        return tuple(_key_part(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _key_part(v)) for k, v in value.items()))
    return value


def memo_figure(builder):
    """Reuse a built figure for the same inputs and data version.

    Building a plotly figure validates every property (~15-20 ms a chart); st.plotly_chart only
    serializes it and never changes it, so one object can serve every rerun that asks the same.
    """
    @functools.wraps(builder)
    def cached(*args, **kwargs):
        # The language is part of the key: the builders read it for their words and number style.
        key = (builder.__qualname__, queries.current_version(), language(), _key_part(args), _key_part(kwargs))
        with _FIGURES_LOCK:
            if key in _FIGURES:
                _FIGURES.move_to_end(key)
                return _FIGURES[key]
        figure = builder(*args, **kwargs)
        with _FIGURES_LOCK:
            _FIGURES[key] = figure
            while len(_FIGURES) > MAX_FIGURES:
                _FIGURES.popitem(last=False)
        return figure
    return cached


def plain(values, scale: float = 1.0) -> list:
    """Values as a JSON list with null for missing (plotly's binary arrays mis-draw NaN gaps), times
    `scale` (the display scale of the language: bn -> 亿 in Chinese)."""
    return [None if is_missing(v) else float(v) * scale for v in values]


def color(metric: str) -> str:
    return METRIC_COLORS.get(metric, FALLBACK_COLOR)


def axis_title(label: str, unit: str) -> str:
    """'Exhibition area (m²)'; no repeat when the label already names the unit ('Countries and regions')."""
    unit_text = fmt().unit_label(unit)
    if language() == "zh":
        return label if unit_text in ("", "个", "%") else f"{label}（{unit_text}）"
    return label if unit_text.lower() == label.lower() else f"{label} ({unit_text})"


def in_currency(series: pd.DataFrame, currency: str) -> pd.DataFrame:
    """Money rows (bn CNY) converted to the chosen currency at each year's average rate."""
    out = series.copy(deep=False)  # copy-on-write: the caller's frame keeps its values
    out["value"] = out["value"].astype(float)
    money = out["unit"] == "bn CNY"
    if currency == "USD":
        out.loc[money, "value"] = [float("nan") if (c := to_currency(v, r, "USD")) is None else c for v, r in zip(out.loc[money, "value"],
                                                                               out.loc[money, "cny_per_usd"])]
        out.loc[money, "unit"] = "bn USD"
    return out


def _hover_text(row) -> str:
    if is_missing(row["value"]):
        return t("chart.no_figure")
    text = fmt().with_qualifier(row["value"], row["qualifier"], row["unit"], show_unit=True)
    scope = row.get("scope")
    if isinstance(scope, str) and scope not in ("whole convention", "exhibition"):
        text += t("chart.scope", scope=name("scope", scope))
    return text + (t("chart.derived") if row.get("is_derived") else "")


def hover_data(frame: pd.DataFrame) -> list[list[str]]:
    return [
        [_hover_text(row), "–" if is_missing(row.get("publisher")) else row["publisher"],
         "–" if is_missing(row.get("published_on")) or pd.isna(row["published_on"]) else str(row["published_on"])[:10]]
        for row in frame.to_dict("records")
    ]


def hover_template() -> str:
    """Edition, figure with qualifier and unit, then its source: the hover of every edition chart."""
    return "<b>%{x}</b>: %{customdata[0]}<br>" + t("chart.source") + "<extra>%{fullData.name}</extra>"


def titled(text: str, **extra) -> dict:
    """A chart title as the charts write it: left-aligned, 15 px."""
    return dict(text=text, x=0, font=dict(size=15), **extra)


def edition_layout(y_title: str, years: list[int], height: int = 340, yaxis: dict | None = None, **extra) -> dict:
    """The layout every edition chart shares, as one dict for the Figure constructor, with `extra`
    keys and `yaxis` settings on top. plotly validates a layout handed to the constructor in one
    pass; update_layout / update_xaxes / update_yaxes on a built figure cost several times the
    build (one bar chart here: 50-70 ms through the three calls, 8-13 ms in one, under load)."""
    y = dict(title=dict(text=y_title), rangemode="tozero", fixedrange=True, separatethousands=True)
    if language() == "zh":  # 40,000 rather than plotly's SI "40k", which is no Chinese way of writing it
        y["exponentformat"] = "none"
    return dict(
        height=height, margin=dict(l=10, r=10, t=40, b=10), hovermode="closest",
        legend=dict(orientation="h", yanchor="top", y=-0.25, xanchor="left", x=0),
        bargap=0.25, uniformtext=dict(minsize=9, mode="hide"),
        xaxis=dict(title=dict(text=t("chart.edition_axis")), type="category", categoryorder="array",
                   categoryarray=[str(y) for y in years], fixedrange=True),
        yaxis={**y, **(yaxis or {})}, **extra)


def gap_annotations(frame: pd.DataFrame, years: list[int]) -> list[dict]:
    """'n/a' at the foot of editions without a figure, so a gap reads as a gap."""
    # On a category axis plotly reads a numeric-looking x ("2024") as a category index, so the
    # position is given as the index itself. Grey reads on light and dark.
    return [dict(x=years.index(int(year)), y=0, yref="y", text=t("chart.gap"), showarrow=False, yshift=10,
                 font=dict(size=11, color="#888888"))
            for year in frame.loc[frame["value"].isna(), "year"].unique()]


@memo_figure
def edition_bars(series: pd.DataFrame, metric: str, years: list[int], title: str = "") -> go.Figure:
    """Bars per edition for one metric; derived figures hatched; missing editions marked n/a."""
    frame = series[series["metric"] == metric].sort_values("year")
    label, unit = metric_label(metric, frame["label"].iloc[0]), frame["unit"].iloc[0]
    derived = frame["is_derived"].fillna(False).astype(bool)
    bar = go.Bar(
        x=frame["year"].astype(str).tolist(), y=plain(frame["value"], fmt().display_scale(unit)), name=label,
        marker_color=color(metric), marker_pattern_shape=["/" if d else "" for d in derived],
        customdata=hover_data(frame), hovertemplate=hover_template(),
        text=[_label(v, q, unit) for v, q in zip(frame["value"], frame["qualifier"])],
        textposition="outside", cliponaxis=False, textfont=dict(size=11),
    )
    return go.Figure(bar, layout=edition_layout(axis_title(label, unit), years, title=titled(title or label),
                                                annotations=gap_annotations(frame, years)))


def _label(value, qualifier, unit) -> str:
    return "" if is_missing(value) else fmt().with_qualifier(value, qualifier, unit)


@memo_figure
def edition_lines(series: pd.DataFrame, metrics: list[str], years: list[int], y_title: str,
                  title: str = "", names: dict | None = None, yaxis: dict | None = None) -> go.Figure:
    """One line per metric over editions; a missing edition breaks the line. `yaxis`: settings
    over the shared ones (a growth chart crosses zero)."""
    lines = []
    for metric in metrics:
        frame = series[series["metric"] == metric].sort_values("year")
        if frame.empty:
            continue
        scale = fmt().display_scale(frame["unit"].iloc[0])
        lines.append(go.Scatter(
            x=frame["year"].astype(str).tolist(), y=plain(frame["value"], scale), mode="lines+markers",
            connectgaps=False, name=(names or {}).get(metric, metric_label(metric, frame["label"].iloc[0])),
            line=dict(color=color(metric), width=2.5),
            marker=dict(size=8), customdata=hover_data(frame), hovertemplate=hover_template(),
        ))
    return go.Figure(lines, layout=edition_layout(y_title, years, yaxis=yaxis, title=titled(title)))


@memo_figure
def stacked_bars(frame: pd.DataFrame, x: str, y: str, stack: str, y_title: str, x_title: str,
                 title: str = "", colors: dict | None = None, height: int = 340, names: dict | None = None) -> go.Figure:
    """Generic stacked bars (e.g. organizers per edition by kind)."""
    bars = [go.Bar(x=part[x].astype(str), y=part[y], name=(names or {}).get(name, str(name)),
                   marker_color=(colors or {}).get(name),
                   hovertemplate=f"<b>%{{x}}</b><br>{(names or {}).get(name, name)}: %{{y:,}}<extra></extra>")
            for name, part in frame.groupby(stack, sort=True)]
    return go.Figure(bars, layout=dict(
        barmode="stack", title=titled(title), height=height, margin=dict(l=10, r=10, t=40, b=10),
        legend=dict(orientation="h", yanchor="top", y=-0.25, xanchor="left", x=0),
        xaxis=dict(title=dict(text=x_title), type="category", categoryorder="category ascending", fixedrange=True),
        yaxis=dict(title=dict(text=y_title), fixedrange=True, rangemode="tozero")))
