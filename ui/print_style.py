"""Page-wide rules every page gets: a print stylesheet (no sidebar, header or buttons, charts at the
page's width), a visible keyboard focus ring, and a small accessibility script."""
from __future__ import annotations

import streamlit as st

# Static CSS, no data in it. Streamlit's own test ids name the parts to hide.
PRINT_CSS = """
<style>
@media print {
  @page { size: A4; margin: 12mm; }
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
  [data-testid="stDownloadButton"], [data-testid="stBaseButton-secondary"], .stDownloadButton { display: none !important; }
  [data-testid="stMain"], [data-testid="stMainBlockContainer"], .block-container {
    max-width: 100% !important; width: 100% !important; padding: 0 !important; margin: 0 !important;
  }
  [data-testid="stPlotlyChart"], .js-plotly-plot, .plot-container, .svg-container { width: 100% !important; }
  [data-testid="stPlotlyChart"], [data-testid="stMetric"], [data-testid="stDataFrame"] { break-inside: avoid; }
  [data-testid="stHorizontalBlock"] { flex-wrap: wrap !important; }
}
/* Keyboard focus is always visible, in both themes: a ring in the link colour of each. */
a:focus-visible, button:focus-visible, input:focus-visible, [role="tab"]:focus-visible, [tabindex]:focus-visible,
[data-testid="stSidebarNavLink"]:focus-visible {
  outline: 3px solid #0E5FA0 !important; outline-offset: 2px !important;
}
@media (prefers-color-scheme: dark) {
  a:focus-visible, button:focus-visible, input:focus-visible, [role="tab"]:focus-visible, [tabindex]:focus-visible,
  [data-testid="stSidebarNavLink"]:focus-visible { outline-color: #5AA9E6 !important; }
}
</style>
"""

# Static script, no data in it (a constant string: nothing from a source, a URL or a user reaches it).
# Streamlit gives none of these hooks, so the script keeps them on every rerun:
# - the KPI sparklines' menus (Vega's "…" and Streamlit's fullscreen) leave the tab order: eight cards
#   added 24 tab stops before the brief button; the sparkline's figure is in the card's own text;
# - every plotly chart gets an accessible name: its own title, as the picture shows it;
# - the sidebar's scroll region can be reached from the keyboard (axe-core: scrollable-region-focusable).
A11Y_SCRIPT = """
<script>
(function () {
  const doc = window.parent && window.parent.document ? window.parent.document : document;
  const sidebarName = () => (doc.documentElement.lang || "").startsWith("zh") ? "侧边栏" : "Sidebar";
  function mend() {
    doc.querySelectorAll('[data-testid="stVegaLiteChart"]').forEach(function (chart) {
      const card = chart.closest('[data-testid="stVerticalBlock"]') || chart.parentElement;
      (card || chart).querySelectorAll('details, summary, a, button, [tabindex]').forEach(function (el) {
        if (chart.contains(el) || el.closest('[data-testid="stElementToolbar"]')) { el.setAttribute("tabindex", "-1"); }
      });
    });
    doc.querySelectorAll('[data-testid="stPlotlyChart"]').forEach(function (chart) {
      const title = chart.querySelector(".gtitle");
      // a wrapped title is one tspan a line: its lines joined by a space, as they read
      const lines = title ? [...title.querySelectorAll("tspan.line")].map(function (t) { return t.textContent.trim(); }) : [];
      const name = lines.length ? lines.join(" ") : (title ? title.textContent.trim() : "");
      if (name && chart.getAttribute("aria-label") !== name) {
        chart.setAttribute("role", "figure");
        chart.setAttribute("aria-label", name);
      }
    });
    const side = doc.querySelector('[data-testid="stSidebarContent"]');
    if (side && side.getAttribute("tabindex") !== "0") {
      side.setAttribute("tabindex", "0");
      side.setAttribute("role", "region");
      side.setAttribute("aria-label", sidebarName());
    }
  }
  if (!doc.__wmcA11y) {
    doc.__wmcA11y = new MutationObserver(function () { window.requestAnimationFrame(mend); });
    doc.__wmcA11y.observe(doc.body, {childList: true, subtree: true});
  }
  mend();
})();
</script>
"""


def print_stylesheet() -> None:
    """Add the print and focus rules and the accessibility script to the page (no space on screen)."""
    st.html(PRINT_CSS)
    st.html(A11Y_SCRIPT, unsafe_allow_javascript=True)  # a constant: no data in it
