"""Page-wide rules every page gets: a print stylesheet (no sidebar, header or buttons, charts at the
page's width), a visible keyboard focus ring, and a small accessibility script."""
from __future__ import annotations

import streamlit as st

# The printed page: A4 with 12 mm margins leaves 186 mm, 703 CSS px at 96 px per inch. Charts are
# redrawn to that width before printing (the print part of the page script below); a Letter page is wider, so they fit there too.
PAGE_MARGIN_MM = 12
PRINT_WIDTH_PX = int((210 - 2 * PAGE_MARGIN_MM) / 25.4 * 96)

# Static CSS, no data in it. Streamlit's own test ids name the parts to hide.
PRINT_CSS = """
<style>
/* The printable twin of every table (ui/tables.show_table) is for paper only. */
[class*="st-key-wmc_print_twin"] { display: none !important; }
/* A short table drawn as Markdown (ui/tables.show_short_table): on screen a window of about ten rows that
   scrolls (a long list of claims would push the rest of the page away), sideways too on a phone rather than
   squeezing its columns to a word each; on paper every row, wrapped at the page's width. */
@media screen { [class*="st-key-wmc_short_table"] { max-height: 34rem; overflow: auto; } }
@media screen and (max-width: 640px) {
  [class*="st-key-wmc_short_table"] table { min-width: 48rem; }
  [class*="st-key-wmc_short_table"] th, [class*="st-key-wmc_short_table"] td { min-width: 5rem; }
}
@media print {
  @page { size: A4; margin: %(margin)dmm; }
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
  [data-testid="stDownloadButton"], [data-testid="stBaseButton-secondary"], .stDownloadButton,
  [data-testid="stElementToolbar"], .modebar-container, [data-testid="stSkipLink"] { display: none !important; }
  [data-testid="stMain"] { width: 100%% !important; padding: 0 !important; margin: 0 !important; }
  /* The content at the paper's width whatever the window's: Streamlit then draws every chart, grid and
     column for that width, and an emulated print (a script's PDF) lays out as Ctrl+P does. */
  [data-testid="stMainBlockContainer"], .block-container {
    width: %(width)dpx !important; max-width: 100%% !important; padding: 0 !important; margin: 0 !important;
  }
  [data-testid="stPlotlyChart"], .js-plotly-plot { max-width: 100%% !important; overflow: hidden; }
  [data-testid="stPlotlyChart"], [data-testid="stMetric"], [data-testid="stTable"] tr, [data-testid="stImage"] {
    break-inside: avoid;
  }
  h1, h2, h3, [data-testid="stHeading"] { break-after: avoid; }
  /* A closed expander prints closed: its hidden content would still take pages (blank ones). */
  details:not([open]) > [data-testid="stExpanderDetails"] { display: none !important; }
  /* A block holding a long table may break across pages (kept whole, it starts on a fresh page). */
  [data-testid="stVerticalBlock"]:has([class*="st-key-wmc_print_twin"]),
  [data-testid="stElementContainer"]:has([data-testid="stTable"]) { break-inside: auto !important; }
  /* Columns of charts stack, each chart at the paper's width; other columns (KPI cards, choices) stay
     side by side as on screen. */
  [data-testid="stHorizontalBlock"] { flex-wrap: wrap !important; }
  [data-testid="stHorizontalBlock"]:not(:has(.js-plotly-plot)) { display: flex !important; }
  [data-testid="stColumn"]:has(.js-plotly-plot) { min-width: 100%% !important; flex: 1 1 100%% !important; }
  [data-testid="stColumn"]:not(:has(.js-plotly-plot)) { min-width: 0 !important; width: auto !important; flex: 1 1 0 !important; }
  [data-testid="stImage"] img { max-width: 100%% !important; height: auto !important; }
  /* Tables: the grid (a canvas cut at the screen's width) gives way to its HTML twin, which wraps. */
  [data-testid="stElementContainer"]:has([data-testid="stDataFrame"]) { display: none !important; }
  [class*="st-key-wmc_print_twin"] { display: block !important; }
  [class*="st-key-wmc_print_twin"] * { overflow: visible !important; max-height: none !important; }
  /* Streamlit draws the table inline (an inline-table), which Chromium moves whole to the next page. */
  [class*="st-key-wmc_print_twin"] [data-testid="stTable"] > div { display: block !important; }
  [class*="st-key-wmc_print_twin"] table { display: table !important; }
  /* Every printed table, a grid's twin or a short table (ui/tables.show_short_table), at the paper's width: a
     long publisher or a check's sentence wraps inside its column rather than running off the page's edge. */
  [class*="st-key-wmc_print_twin"] table, [class*="st-key-wmc_short_table"] table {
    width: 100%% !important; table-layout: auto; font-size: 8pt;
  }
  [class*="st-key-wmc_print_twin"] th, [class*="st-key-wmc_print_twin"] td,
  [class*="st-key-wmc_short_table"] th, [class*="st-key-wmc_short_table"] td {
    padding: 2px 4px !important; white-space: normal !important;
  }
  [class*="st-key-wmc_print_twin"] th, [class*="st-key-wmc_print_twin"] td { overflow-wrap: anywhere; vertical-align: top; }
  /* A short table's header words stay whole, and no cell keeps the phone screen's minimum width. */
  [class*="st-key-wmc_short_table"] th, [class*="st-key-wmc_short_table"] td { min-width: 0 !important; }
  [class*="st-key-wmc_short_table"] td { overflow-wrap: anywhere; }
}
""" % {"margin": PAGE_MARGIN_MM, "width": PRINT_WIDTH_PX} + """
/* The KPI cards (ui/kpis.show_kpi_row): one wrapping row, two cards a row where two fit (a wide screen,
   the printed page) and one a row on a phone, each card as tall as its row's other. */
[class*="st-key-wmc_kpi_row"] { align-items: stretch !important; }
[class*="st-key-wmc_kpi_row"] > div { flex: 1 1 calc(50% - 1rem) !important; min-width: 17rem !important; }
/* On paper Streamlit lays a card's wrapper out as a block, where the card no longer fills its row's height. */
@media print { [class*="st-key-wmc_kpi_row"] > div > [class*="st-key-kpi_"] { height: 100%; box-sizing: border-box; } }
/* A KPI value and its unit are never cut ("expected 1,000 peo…" on a phone), nor its change ("2018 年为
   4,47…"): both wrap, and a narrow screen gets a smaller figure. */
[data-testid="stMetricValue"], [data-testid="stMetricValue"] *, [data-testid="stMetricDelta"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  overflow-wrap: break-word;
}
@media (max-width: 640px) {
  [data-testid="stMetricValue"] { font-size: 1.75rem !important; line-height: 1.2 !important; }
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
# - the KPI sparklines' fullscreen buttons leave the tab order: a stop per card before the brief button,
#   for a picture whose figures are in the card's own text and in its alternative text;
# - every plotly chart gets an accessible name: its own title, as the picture shows it;
# - the sidebar's scroll region, and each short table's (ui/tables.show_short_table), can be reached from the
#   keyboard (axe-core: scrollable-region-focusable).
A11Y_SCRIPT = """
<script>
(function () {
  const doc = window.parent && window.parent.document ? window.parent.document : document;
  const sidebarName = () => (doc.documentElement.lang || "").startsWith("zh") ? "侧边栏" : "Sidebar";
  function mend() {
    doc.querySelectorAll('[class*="st-key-kpi_"] [data-testid="stImage"]').forEach(function (chart) {
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
    doc.querySelectorAll('[class*="st-key-wmc_short_table"]').forEach(function (box) {
      if (box.getAttribute("tabindex") !== "0") { box.setAttribute("tabindex", "0"); }  // a scroll region: keyboard too
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
(function () {
  const win = window.parent && window.parent.document ? window.parent : window;
  const doc = win.document;
  if (win.__wmcPrint) { return; }
  win.__wmcPrint = true;
  const PRINT_WIDTH_PX = 702;
  const NARROW_PX = 768;  // Streamlit lays the sidebar over the page below this width
  function plotly() { return win.Plotly || window.Plotly; }
  function toPaper() {
    const P = plotly();
    if (!P) { return; }
    doc.querySelectorAll('.js-plotly-plot').forEach(function (plot) {
      const width = plot.getBoundingClientRect().width;
      if (!plot._fullLayout || plot.__wmcScreenWidth !== undefined || !width) { return; }
      plot.__wmcScreenWidth = plot._fullLayout.width;
      P.relayout(plot, {width: PRINT_WIDTH_PX});  // chart columns stack on paper (PRINT_CSS)
    });
  }
  function toScreen() {
    const P = plotly();
    if (!P) { return; }
    doc.querySelectorAll('.js-plotly-plot').forEach(function (plot) {
      if (plot.__wmcScreenWidth === undefined) { return; }
      const width = plot.__wmcScreenWidth;
      delete plot.__wmcScreenWidth;
      P.relayout(plot, {width: width});
    });
  }
  win.addEventListener('beforeprint', toPaper);
  win.addEventListener('afterprint', toScreen);
  win.matchMedia('print').addEventListener('change', function (e) { if (e.matches) { toPaper(); } else { toScreen(); } });
  // The sidebar closes once the chosen page has run: closed mid-run, its widgets (the language
  // switch) would leave the page while the run reads them. A slow server gets a minute to draw it.
  function closeSidebarWhenDrawn(from, deadline, seen) {
    const app = doc.querySelector('[data-testid="stApp"]');
    const state = app ? app.getAttribute('data-test-script-state') : '';
    seen.running = seen.running || state === 'running';
    seen.quietSince = state === 'notRunning' ? (seen.quietSince || Date.now()) : 0;
    // drawn: the run of the new page came and went (or, too quick to be seen, all is quiet for 1 s)
    const drawn = win.location.pathname !== from && state === 'notRunning'
      && (seen.running || Date.now() - seen.quietSince > 1000);
    if (!drawn && Date.now() < deadline) {
      win.setTimeout(function () { closeSidebarWhenDrawn(from, deadline, seen); }, 100);
      return;
    }
    const close = doc.querySelector('[data-testid="stSidebarCollapseButton"] button');
    if (drawn && close && win.innerWidth < NARROW_PX) { close.click(); }
  }
  doc.addEventListener('click', function (event) {
    const link = event.target.closest && event.target.closest('[data-testid="stSidebar"] a[data-testid="stPageLink-NavLink"]');
    if (!link || win.innerWidth >= NARROW_PX) { return; }
    const from = win.location.pathname;
    win.setTimeout(function () { closeSidebarWhenDrawn(from, Date.now() + 60000, {running: false}); }, 50);
  }, true);
})();
(function () {
  const win = window.parent && window.parent.document ? window.parent : window;
  if (win.__wmcHistory) { return; }
  win.__wmcHistory = true;
  const history = win.history;
  const push = history.pushState.bind(history);
  const replace = history.replaceState.bind(history);
  const LEAVE_MS = 2000;
  let left = null;  // the address a parameter removal replaced, and when
  function dropsOnly(next, now) {
    if (next.pathname !== now.pathname) { return false; }
    for (const [key, value] of next.searchParams) {
      if (!now.searchParams.getAll(key).includes(value)) { return false; }
    }
    return next.search !== now.search;
  }
  history.pushState = function (state, title, url) {
    const now = new URL(win.location.href);
    const next = new URL(url === undefined || url === null ? now.href : String(url), now.href);
    if (dropsOnly(next, now)) {
      left = {state: history.state, href: now.href, at: Date.now()};
      return replace(state, title, url);
    }
    if (left && next.pathname !== now.pathname && Date.now() - left.at < LEAVE_MS) {
      replace(left.state, "", left.href);
    }
    left = null;
    return push(state, title, url);
  };
})();
</script>
"""


# The print and phone part of the page script above, in its constant text (no formatting: its PRINT_WIDTH_PX is
# written out, and a test holds it equal to PRINT_WIDTH_PX above).
# - Printing: a plotly chart keeps the pixel width it was drawn at, wider than the paper, and the page
#   cuts it at its right edge. Before printing, each chart is redrawn at the printable width (columns of
#   charts stack on paper); after printing, at its screen width again. A hidden chart (a closed tab) is
#   left alone: it does not print.
#   Chromium fires beforeprint for Ctrl+P and for a PDF printed by a script alike.
# - Phone: Streamlit closes its own navigation's sidebar after a choice, not one built of page links
#   (N18): at a narrow width, a page chosen in the sidebar closes the sidebar, as Streamlit's does.
# - History: on a page switch Streamlit first pushes the old page's address without its own parameters
#   (the Overview's `edition`, `vs`), then the new page's, so Back showed the default edition. A push
#   that only removes parameters of the same page replaces the entry instead (as a filter change does),
#   and when the page changes right after it, the entry gets its full address back before the push.



def print_stylesheet() -> None:
    """Add the print, phone and focus rules and the page scripts (no space on screen)."""
    st.html(PRINT_CSS)
    st.html(A11Y_SCRIPT, unsafe_allow_javascript=True)  # a constant: no data in it
