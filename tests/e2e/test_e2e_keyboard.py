"""Keyboard users: the KPI sparklines add no tab stops, the focus ring is visible in both themes, and
every plotly chart has an accessible name."""
from __future__ import annotations

import pytest

from e2e_helpers import open_app, served_path


@pytest.fixture
def shipped_url(shipped_server):
    """The shipped data (every edition, so the KPI cards carry sparklines), served once for the session."""
    return shipped_server.url

SPARKLINE = '[class*="st-key-kpi_"] [data-testid="stImage"]'
SPARK_STOPS = """() => [...document.querySelectorAll('[class*="st-key-kpi_"] [data-testid="stImage"]')].map(chart => {
  const block = chart.closest('[data-testid="stVerticalBlock"]') || chart.parentElement;
  return [...block.querySelectorAll('a, button, summary, [tabindex]')]
    .filter(el => (chart.contains(el) || el.closest('[data-testid="stElementToolbar"]')) && el.tabIndex >= 0).length;
})"""


def test_the_kpi_sparklines_add_no_tab_stops(page, shipped_url):
    open_app(page, shipped_url, served_path("overview"))
    page.wait_for_selector(f"{SPARKLINE} img", state="attached", timeout=60_000)
    page.wait_for_timeout(1000)  # the page script runs on the next animation frame
    stops = page.evaluate(SPARK_STOPS)
    assert stops and all(n == 0 for n in stops), stops
    # and Tab really walks past them: from the sidebar's last control to the main area, no stop is in a chart
    for _ in range(60):
        page.keyboard.press("Tab")
        inside = page.evaluate("() => { const el = document.activeElement; const card = el.closest('[class*=\"st-key-kpi_\"]');"
                               " return !!card && (!!el.closest('[data-testid=\"stElementToolbar\"]') || el.tagName === 'IMG'); }")
        assert not inside, "a sparkline took the keyboard focus"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_keyboard_focus_is_visible(new_context, shipped_url, scheme):
    page = new_context(color_scheme=scheme).new_page()
    open_app(page, shipped_url, served_path("overview"))
    page.wait_for_selector(SPARKLINE, state="attached", timeout=60_000)
    page.keyboard.press("Tab")
    for _ in range(8):  # to the first sidebar page link
        if page.evaluate("() => document.activeElement.tagName") == "A":
            break
        page.keyboard.press("Tab")
    style = page.evaluate("() => { const s = getComputedStyle(document.activeElement); "
                          "return [s.outlineStyle, parseFloat(s.outlineWidth)]; }")
    assert style[0] != "none" and style[1] >= 2, style


def test_every_plotly_chart_has_an_accessible_name(page, app_url):
    open_app(page, app_url, served_path("projects"), plotly=True)
    page.wait_for_timeout(500)
    names = page.evaluate("() => [...document.querySelectorAll('[data-testid=\"stPlotlyChart\"]')]"
                          ".map(c => [c.getAttribute('role'), c.getAttribute('aria-label')])")
    assert names and all(role == "figure" and label for role, label in names), names
