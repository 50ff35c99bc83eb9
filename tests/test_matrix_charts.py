"""The Organizers matrix and the Sources coverage matrix: whole names, cells of at least 24 px, no empty
band between the title and the legend, and a list form for narrow screens that says the same."""
from __future__ import annotations

import pandas as pd
import pytest

from queries import run
from ui.chart_summary import years_text
from ui.coverage import STATUSES, coverage_heatmap, coverage_list
from ui.matrix import CELL_PX, TITLE_PX, matrix_figure, matrix_list

FULL = dict(convention="WMC", year_from=2018, year_to=2025)
YEARS = list(range(2018, 2026))
MIN_CELL_PX = 24


@pytest.fixture
def shipped(shipped_queries):
    """The shipped data's named queries (tests/conftest.py)."""


def plot_px(fig) -> int:
    return fig.layout.height - fig.layout.margin.t - fig.layout.margin.b


def test_the_matrix_shows_whole_organization_names(shipped):
    rows = run("participation", **FULL)
    fig = matrix_figure(rows, YEARS, "Participation")
    labels = [label.replace("<br>", " ") for label in fig.layout.yaxis.categoryarray]
    assert "…" not in "".join(labels)
    assert sorted(labels) == sorted(rows["organization"].unique())
    assert "People's Government of Anhui Province" in [label.replace("&#x27;", "'") for label in labels]


def test_the_matrix_cells_are_at_least_24_px_and_no_band_above_the_legend(shipped):
    rows = run("participation", **FULL)
    fig = matrix_figure(rows, YEARS, "Participation")
    bodies = rows["organization"].nunique()
    assert plot_px(fig) / bodies >= MIN_CELL_PX and CELL_PX >= MIN_CELL_PX
    assert fig.layout.margin.t <= TITLE_PX + 2 * 24  # the title and at most two legend rows: no empty band
    assert (fig.layout.legend.yanchor, fig.layout.legend.y) == ("bottom", 1.0)


def test_the_matrix_list_names_every_body_with_its_roles_and_editions():
    rows = pd.DataFrame({"organization": ["A body", "A body", "A body", "B body"], "year": [2018, 2019, 2021, 2019],
                         "role": ["organizer", "organizer", "host", "supporting"]})
    assert matrix_list(rows, lambda years: years_text("en", years)) == [
        ("A body", "organizer: 2018–2019; host: 2021"), ("B body", "supporting: 2019")]


def test_the_coverage_matrix_has_no_colour_bar_and_rows_of_at_least_24_px(shipped):
    coverage = run("coverage", **FULL)
    fig = coverage_heatmap(coverage, "Coverage")
    heatmap = fig.data[0]
    assert heatmap.showscale is False  # the status legend sits above, not a bar as wide as the matrix
    assert {t.name for t in fig.data[1:]} == {f"{mark} {status}".strip() for status, (_, mark) in STATUSES.items()}
    assert plot_px(fig) / coverage["metric"].nunique() >= MIN_CELL_PX
    assert fig.layout.title.text == "Coverage"


def test_the_coverage_list_says_what_each_metric_has(shipped):
    coverage = run("coverage", **FULL)
    lines = dict(coverage_list(coverage, lambda years: years_text("en", years)))
    projects = coverage[coverage["metric"] == "projects_signed"]
    reported = sorted(projects.loc[projects["status"] == "reported", "year"])
    assert len(lines) == coverage["metric"].nunique()
    assert lines["Projects signed"].startswith(f"reported: {years_text('en', reported)}")
