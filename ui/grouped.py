"""Bars by category and edition: the breakdowns and the register's drill-down.

Categories run down the vertical axis with their whole names (wrapped, never cut), and each edition
has its own bar beside the others, in its own colour (ui.charts.edition_color): editions are never
stacked into one bar, which would add up figures of different years. Horizontal bars keep long names
readable on a phone. Hovers and bar labels are in the reader's number style, with units and
qualifiers. A function of its arguments (plus the language, in the memo key): no Streamlit, no queries.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ui.charts import edition_color, legend_grid, memo_figure, wrap_lines
from ui.format import is_missing
from ui.i18n import fmt, language, t
from ui.safe_text import for_plotly

LABEL_COLUMNS = 22  # a category name wraps at about this many columns (a Chinese character counts two)
BAR_PX = 11  # each edition's bar
GROUP_GAP_PX = 14  # between two categories
TITLE_PX = 44  # above the legend, for the title
# The plot's width on a phone, beside the wrapped category names: the legend's rows are laid out for it
# (ui.charts.legend_grid), the same at every width.
LEGEND_PLOT_PX = 180
TITLE_COLUMNS = 40  # a title line a phone shows whole (15 px type)


def wrapped(text: str, width: int = LABEL_COLUMNS) -> str:
    """A category name on lines of at most about `width` columns, joined for plotly ('<br>'); whole."""
    return "<br>".join(wrap_lines(for_plotly(text), width)) or for_plotly(text)


def _hover(row: dict, unit: str, count_unit: str) -> str:
    f = fmt()
    parts = [f.with_qualifier(row["value"], row.get("qualifier"), unit, show_unit=True)]
    if "count" in row and not is_missing(row.get("count")):
        parts.append(f.with_qualifier(row["count"], row.get("count_qualifier"), count_unit, show_unit=True))
    text = t("grouped.hover_joiner").join(parts)
    if not is_missing(row.get("publisher")):
        text += "<br>" + t("grouped.hover_source", publisher=for_plotly(row["publisher"]))
    return text


def _has_empty_slot(rows: pd.DataFrame, order, years: list[int]) -> bool:
    """Whether some edition has no bar in some category: plotly leaves its slot empty, which reads as a
    gap or a zero unless the chart says what it is. Said once under the axis, not in every slot: the
    sectors of the shipped data leave most slots empty, and a word in each drowned the bars."""
    have = set(zip(rows["category"], rows["year"].astype(int)))
    return len(years) > 1 and any((c, y) not in have for c in order for y in years)


@memo_figure
def grouped_bars(frame: pd.DataFrame, unit: str, title: str, value_title: str, count_unit: str = "projects",
                 message: str = "") -> go.Figure:
    """`frame`: one row per category and edition, columns `category` (the name as shown), `year`,
    `value` (in the stored `unit`), and optionally `qualifier`, `count` with `count_qualifier` (e.g.
    projects) and `publisher`. Categories largest first (by their sum over editions); editions in
    year order, each its own colour and legend entry. `message` is drawn in an empty chart."""
    f = fmt()
    scale = f.display_scale(unit)
    rows = frame[frame["value"].notna()]
    order = rows.groupby("category", sort=False)["value"].sum().sort_values(ascending=False, kind="stable").index
    labels = {category: wrapped(category) for category in order}
    years = sorted(int(y) for y in rows["year"].unique())
    traces = []
    for year in years:
        part = {r["category"]: r for r in rows[rows["year"] == year].to_dict("records")}
        mine = [c for c in order if c in part]
        traces.append(dict(
            type="bar", orientation="h", name=str(year), legendgroup=str(year),
            y=[labels[c] for c in mine], x=[float(part[c]["value"]) * scale for c in mine],
            marker=dict(color=edition_color(year)),
            text=[f.bar_label(part[c]["value"], part[c].get("qualifier"), unit) for c in mine],
            textposition="outside", cliponaxis=False, textfont=dict(size=10), constraintext="none",
            customdata=[[for_plotly(c), _hover(part[c], unit, count_unit)] for c in mine],
            hovertemplate="<b>%{customdata[0]}</b><br>" + str(year) + ": %{customdata[1]}<extra></extra>"))
    lines = max([labels[c].count("<br>") + 1 for c in order] + [1])
    group_px = max(len(years), 1) * BAR_PX + GROUP_GAP_PX
    plot_px = max(len(order) * max(group_px, 14 * lines + 6), 120)
    legend, grid = legend_grid([str(y) for y in years], LEGEND_PLOT_PX)
    # A long title wraps (plotly never does): 'Subsets (manufacturing, event days, sessions): …' on a phone.
    title_lines = wrap_lines(title, TITLE_COLUMNS) or [title]
    top = TITLE_PX + 19 * (len(title_lines) - 1) + legend
    largest = float(rows["value"].max()) * scale if not rows.empty else 1.0
    annotations = [dict(text=message, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                        font=dict(size=13, color="#888888"))] if message else []
    empty_note = _has_empty_slot(rows, order, years)
    axis_title = value_title + (f"<br><span style='font-size:10px;color:#888888'>{t('grouped.empty_slot')}</span>"
                                if empty_note else "")
    return go.Figure(traces, layout=dict(
        barmode="group", bargap=GROUP_GAP_PX / group_px, bargroupgap=0.0, height=plot_px + top + 60 + 16 * empty_note,
        # plotly centres the lines of a wrapped title on its first line: pad by the extra lines so none leaves the top
        title=dict(text="<br>".join(title_lines), x=0, y=1, yref="container", yanchor="top",
                   pad=dict(t=8 + 10 * (len(title_lines) - 1)), font=dict(size=15)),
        # The legend in its own band between the title and the plot: clear of both and of the labels.
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0, traceorder="normal", **grid),
        showlegend=bool(traces), margin=dict(l=10, r=10, t=top, b=10 + 16 * empty_note), hovermode="closest",
        xaxis=dict(title=dict(text=axis_title), rangemode="tozero", fixedrange=True, separatethousands=True,
                   # 40,000 rather than plotly's SI "40k", which is no Chinese way of writing it
                   range=[0, largest * 1.22 or 1], **({"exponentformat": "none"} if language() == "zh" else {})),
        yaxis=dict(type="category", categoryorder="array", categoryarray=[labels[c] for c in order],
                   autorange="reversed", fixedrange=True, automargin=True, tickfont=dict(size=11)),
        annotations=annotations))
