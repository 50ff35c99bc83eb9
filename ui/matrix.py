"""The Organizers page's participation matrix (organization x edition, a square per role) and its list
form for narrow screens, where eight editions of squares beside whole names cannot both be read.

Names are whole: wrapped on lines, never cut in the middle. The legend has its own band between the
title, sized for the widths the matrix is shown at (the list stands in for it on a phone), so no
empty band is left on a desktop. A function of its arguments (plus the language, in the memo key).
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ui.charts import legend_grid, memo_figure, wrap_lines
from ui.i18n import fmt, name, t
from ui.safe_text import for_plotly

ROLE_COLORS = {"organizer": "#0072B2", "co-organizer": "#56B4E9", "host": "#009E73", "supporting": "#999999",
               "guest country of honor": "#E69F00", "guest province of honor": "#D55E00"}
NAME_COLUMNS = 44  # a name wraps at about this many columns (a Chinese character counts two)
CELL_PX = 26  # a square's side: at least 24 px, as a finger and an eye need
WIDE_PLOT_PX = 560  # the narrowest plot the matrix is drawn at (below it, the list form is shown)
TITLE_PX = 44


def order_of(rows: pd.DataFrame) -> list[str]:
    """Organizations in the order they first appeared, the most frequent first within an edition."""
    return (rows.groupby("organization")["year"].agg(["min", "count"])
            .sort_values(["min", "count"], ascending=[True, False]).index.tolist())


@memo_figure
def matrix_figure(rows: pd.DataFrame, years: list[int], title: str) -> go.Figure:
    """Organization x edition, one square per participation, coloured by role; whole names."""
    shown = rows.assign(organization=rows["organization"].map(lambda o: name("organization", o)))
    order = order_of(shown)
    # organization names are data: plotly reads its own HTML in tick labels and hovers (ui/safe_text)
    labels = {o: "<br>".join(wrap_lines(for_plotly(o), NAME_COLUMNS)) or for_plotly(o) for o in order}
    role_label = fmt().role_label
    traces = [dict(type="scatter", x=part["year"].astype(str).tolist(), y=[labels[o] for o in part["organization"]],
                   mode="markers", name=role_label(role),
                   marker=dict(symbol="square", size=CELL_PX - 6, color=ROLE_COLORS.get(role, "#777777")),
                   customdata=[for_plotly(o) for o in part["organization"]],
                   hovertemplate="<b>%{customdata}</b><br>%{x}: " + role_label(role) + "<extra></extra>")
              for role, part in shown.groupby("role")]
    # Rows are equally spaced on a category axis: each as tall as the tallest wrapped name needs.
    lines = max([label.count("<br>") + 1 for label in labels.values()] + [1])
    row_px = max(CELL_PX, 14 * lines + 8)
    legend, grid = legend_grid([trace["name"] for trace in traces], WIDE_PLOT_PX)
    top = TITLE_PX + legend
    return go.Figure(traces, layout=dict(
        height=row_px * len(order) + top + 70, margin=dict(l=10, r=10, t=top, b=10), showlegend=True,
        title=dict(text=title, x=0, y=1, yref="container", yanchor="top", pad=dict(t=8), font=dict(size=15)),
        # Just above the plot, under the title: no band wider than the legend's own rows.
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0, **grid),
        xaxis=dict(title=dict(text=t("chart.edition_axis")), type="category", categoryorder="array",
                   categoryarray=[str(y) for y in years], fixedrange=True, side="bottom"),
        yaxis=dict(title=dict(text=""), type="category", categoryorder="array",
                   categoryarray=[labels[o] for o in order][::-1], fixedrange=True, automargin=True,
                   tickfont=dict(size=11))))


def matrix_list(rows: pd.DataFrame, years_text) -> list[tuple[str, str]]:
    """The matrix as lines for a narrow screen: (organization, 'organizer: 2018–2025; host: 2019'),
    in the matrix's order. `years_text` words a list of years ('2018–2020, 2023')."""
    shown = rows.assign(organization=rows["organization"].map(lambda o: name("organization", o)))
    role_label = fmt().role_label
    lines = []
    for organization in order_of(shown):
        mine = shown[shown["organization"] == organization]
        parts = [t("chart.list_roles", roles=role_label(role), years=years_text(sorted(part["year"].unique())))
                 for role, part in mine.groupby("role", sort=False)]
        lines.append((organization, t("chart.list_role_joiner").join(parts)))
    return lines
