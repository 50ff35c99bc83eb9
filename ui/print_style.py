"""A print stylesheet for every page: no sidebar, header or buttons, charts at the page's width."""
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
</style>
"""


def print_stylesheet() -> None:
    """Add the print rules to the page (they take no space on screen)."""
    st.html(PRINT_CSS)
