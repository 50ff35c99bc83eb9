"""Charts as a browser lays them out, on the shipped data: at 390 px the matrices give way to their list
form; breakdown bars keep the legend clear of the category labels and of the title; the matrix's rows
are at least 24 px apart on a desktop.

Each page is opened once, at a phone's width, then widened to a desktop's, as a tablet turned sideways or
a window dragged wider would: both forms are always sent, the width rule alone shows one, and plotly
redraws its charts for the new width (waited for below). One page load for both widths."""
from __future__ import annotations

import pytest

from e2e_helpers import DESKTOP, PHONE, open_app, served_path

# Bounding boxes (x, y, width, height) of a plotly chart's parts, by the chart's Streamlit key.
PARTS = """key => {
  const root = document.querySelector('.st-key-' + key);
  const boxes = sel => [...(root ? root.querySelectorAll(sel) : [])].map(e => e.getBoundingClientRect())
    .filter(r => r.width > 0).map(r => [r.x, r.y, r.width, r.height]);
  return {legend: boxes('.legend .traces'), ticks: boxes('.ytick text'), title: boxes('.gtitle'),
          xtitle: boxes('.xtitle'), ytitle: boxes('.ytitle'), plot: boxes('.nsewdrag')};
}"""


@pytest.fixture
def shipped_url(shipped_server):
    """The session's one server on the shipped data (tests/e2e/conftest.py): these tests only read."""
    return shipped_server.url


def overlap(a, b) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


# The width plotly laid out the chart with key `key` for (0 before it is drawn).
CHART_WIDTH = """key => { const plot = document.querySelector('.st-key-' + key + ' .js-plotly-plot');
  return plot && plot._fullLayout ? plot._fullLayout.width : 0; }"""


def widen(page, key: str | None = None, viewport=DESKTOP) -> None:
    """The window at `viewport`'s size; with `key`, that chart redrawn wider than it was for the phone."""
    before = page.evaluate(CHART_WIDTH, key) if key else 0
    page.set_viewport_size(viewport)
    if key:
        page.wait_for_function(f"([key, before]) => ({CHART_WIDTH})(key) > before", arg=[key, before], timeout=30_000)


@pytest.mark.parametrize("page_name, name", [("organizers", "matrix"), ("sources", "coverage")])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_phone_gets_the_list_form_and_a_desktop_the_matrix(new_context, shipped_url, page_name, name, lang):
    page = new_context(viewport=PHONE).new_page()
    open_app(page, shipped_url, served_path(page_name), f"lang={lang}")  # the matrix is hidden here: not waited for
    for shown, hidden in (("narrow", "wide"), ("wide", "narrow")):
        if shown == "wide":
            widen(page)
        # waits (up to 30 s) for the settled page: a rerun under load may still be drawing
        page.locator(f".st-key-{shown}_{name}").wait_for(state="visible")
        page.locator(f".st-key-{hidden}_{name}").wait_for(state="hidden")
        assert page.locator(f".st-key-{hidden}_{name}").count() == 1  # drawn, and hidden by the width rule
        if shown == "narrow":
            assert page.locator(f".st-key-narrow_{name} li").count() >= 10


def breakdown_parts_clear(page) -> None:
    page.locator(".st-key-chart_breakdown_sector").scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    parts = page.evaluate(PARTS, "chart_breakdown_sector")
    assert parts["legend"] and parts["ticks"] and parts["title"], parts
    assert not [(a, b) for a in parts["legend"] for b in parts["ticks"] + parts["xtitle"] if overlap(a, b)]
    assert not [(a, b) for a in parts["title"] for b in parts["legend"] + parts["ytitle"] + parts["ticks"]
                if overlap(a, b)]
    plot = parts["plot"][0]
    assert all(tick[0] + tick[2] <= plot[0] + 1 for tick in parts["ticks"])  # labels left of the bars, whole


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_breakdown_legend_and_titles_stay_clear_on_a_phone_and_a_desktop(new_context, shipped_url, lang):
    page = new_context(viewport=PHONE).new_page()
    open_app(page, shipped_url, served_path("projects"), f"lang={lang}", plotly=True)
    breakdown_parts_clear(page)
    widen(page, "chart_breakdown_sector")
    breakdown_parts_clear(page)


def test_the_matrix_rows_are_at_least_24_px_apart_on_a_desktop(page, shipped_url):
    open_app(page, shipped_url, served_path("organizers"), plotly=True)
    page.locator(".st-key-chart_matrix").scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    ticks = sorted(box[1] + box[3] / 2 for box in page.evaluate(PARTS, "chart_matrix")["ticks"])
    assert len(ticks) > 10 and min(b - a for a, b in zip(ticks, ticks[1:])) >= 24
