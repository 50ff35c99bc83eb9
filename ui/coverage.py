"""The Sources page's coverage matrix (metric x edition, coloured and marked by status) and its list form
for narrow screens, where 26 metrics by 8 editions leave cells too small to read.

The status legend sits above the plot as legend entries (a colour bar beside the matrix took as much
width as the matrix on a phone). A function of its arguments (plus the language, in the memo key).
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ui.charts import legend_grid, memo_figure
from ui.i18n import code_word, metric_label, t

# Coverage statuses, best first, with colour-blind-safe colours (Okabe-Ito) and a cell mark so
# the matrix also reads without colour.
STATUSES = {
    "reported": ("#009E73", "R"),
    "derived": ("#E69F00", "D"),
    "expected": ("#56B4E9", "E"),
    "missing": ("rgba(128,128,128,0.18)", ""),  # faint on light and dark themes alike
}
ROW_PX = 28  # a cell's height: at least 24 px
TITLE_PX = 44


def _labels(coverage: pd.DataFrame) -> tuple[list[str], list[str]]:
    metrics = coverage.drop_duplicates("metric")[["metric", "label"]]
    return metrics["metric"].tolist(), [metric_label(m, label) for m, label in zip(metrics["metric"], metrics["label"])]


@memo_figure
def coverage_heatmap(coverage: pd.DataFrame, title: str) -> go.Figure:
    """Edition x metric matrix coloured by status (reported / derived / expected / missing)."""
    codes = {status: i for i, status in enumerate(STATUSES)}
    years = sorted(coverage["year"].unique())
    metrics, labels = _labels(coverage)
    grid = coverage.pivot(index="metric", columns="year", values="status").reindex(index=metrics, columns=years)
    n = len(STATUSES)
    scale = []
    for i, (color, _) in enumerate(STATUSES.values()):
        scale += [[i / n, color], [(i + 1) / n, color]]
    heatmap = dict(
        type="heatmap", z=grid.map(codes.get).to_numpy(), x=[str(y) for y in years], y=labels, zmin=-0.5,
        zmax=n - 0.5, colorscale=scale, xgap=2, ygap=2, showscale=False, showlegend=False,
        customdata=grid.map(lambda s: code_word("status", s)).to_numpy(),
        text=grid.map(lambda s: STATUSES[s][1]).to_numpy(), texttemplate="%{text}",
        hovertemplate="<b>%{y}</b>, %{x}: %{customdata}<extra></extra>")
    # The legend: one entry per status, a square in its colour with its mark in the name.
    keys = [dict(type="scatter", x=[None], y=[None], mode="markers", hoverinfo="skip", showlegend=True,
                 name=f"{mark} {code_word('status', status)}".strip(),
                 marker=dict(symbol="square", size=14, color=color, line=dict(width=1, color="#888888")))
            for status, (color, mark) in STATUSES.items()]
    legend, grid = legend_grid([key["name"] for key in keys])
    top = TITLE_PX + legend
    return go.Figure([heatmap, *keys], layout=dict(
        height=ROW_PX * len(metrics) + top + 60, margin=dict(l=10, r=10, t=top, b=10),
        title=dict(text=title, x=0, y=1, yref="container", yanchor="top", pad=dict(t=8), font=dict(size=15)),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0, **grid),
        xaxis=dict(title=dict(text=t("chart.edition_axis")), type="category", side="bottom", fixedrange=True,
                   showgrid=False, zeroline=False),
        yaxis=dict(title=dict(text=t("chart.metric_axis")), type="category", autorange="reversed", fixedrange=True,
                   showgrid=False, zeroline=False, automargin=True)))


def coverage_list(coverage: pd.DataFrame, years_text) -> list[tuple[str, str]]:
    """The matrix as lines for a narrow screen: (metric, 'R reported: 2018–2023; missing: 2024'),
    statuses best first. `years_text` words a list of years."""
    metrics, labels = _labels(coverage)
    lines = []
    for metric, label in zip(metrics, labels):
        mine = coverage[coverage["metric"] == metric]
        parts = [t("chart.list_roles", roles=code_word("status", status),
                   years=years_text(sorted(mine.loc[mine["status"] == status, "year"])))
                 for status in STATUSES if (mine["status"] == status).any()]
        lines.append((label, t("chart.list_role_joiner").join(parts)))
    return lines
