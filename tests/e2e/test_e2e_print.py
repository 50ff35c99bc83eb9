"""Printing a page (Ctrl+P, A4; here Chromium's print to PDF, which fires beforeprint as Ctrl+P does)
(issue #23, N7): every chart redrawn at the paper's width, every table column on paper, no page
without content. The PDFs are written to artifacts/print/ to look at (pdftoppm)."""
from __future__ import annotations

import shutil
import subprocess
from collections import Counter

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from e2e_helpers import ROOT, open_app
from ui.print_style import PRINT_WIDTH_PX

OUT = ROOT / "artifacts" / "print"
NO_PLACEHOLDERS = "() => !document.querySelector('[data-testid=stSkeleton]')"
# The x tick labels of every chart drawn on screen, and the headers of every table as printed (twin or Markdown).
SCREEN_TEXT_JS = """() => {
  // what a printout shows: not a closed expander's content nor a tab not chosen
  const shown = e => !e.closest('details:not([open])') && e.parentElement.checkVisibility();
  const twins = [...document.querySelectorAll('[class*=st-key-wmc_print_twin]')].filter(shown);
  // a short table drawn as Markdown (ui/tables.show_short_table) prints itself, without a twin
  const short = [...document.querySelectorAll('[class*=st-key-wmc_short_table] table')].filter(shown);
  return {
    ticks: [...document.querySelectorAll('.js-plotly-plot')].filter(p => p.getBoundingClientRect().width > 0)
             .flatMap(p => [...p.querySelectorAll('.xtick text')])
             .flatMap(t => t.querySelector('tspan.line') ? [...t.querySelectorAll('tspan.line')] : [t])  // a label's lines
             .flatMap(t => t.textContent.trim().split(/\\s+/)).filter(Boolean),
    headers: [...twins, ...short].flatMap(table => [...table.querySelectorAll('th')].map(th => th.textContent.trim())),
    short: short.length,
    grids: [...document.querySelectorAll('[data-testid=stDataFrame]')].filter(g => shown(g) && g.checkVisibility()).length,
    twins: twins.length,
  };
}"""
CHART_WIDTHS_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].filter(p => p.getBoundingClientRect().width > 0)
                              .map(p => p._fullLayout.width)"""

# Each short table's width on paper (a Markdown table has no twin: its own width must fit the page's).
SHORT_TABLE_WIDTHS_JS = """() => [...document.querySelectorAll('[class*=st-key-wmc_short_table] table')]
                                   .filter(t => t.getBoundingClientRect().width > 0)
                                   .map(t => Math.floor(t.getBoundingClientRect().width))"""


def _pdf_pages(path) -> list[str]:
    count = int(next(line.split()[1] for line in subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True,
                                                                 text=True).stdout.splitlines()
                     if line.startswith("Pages:")))
    return [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(path), "-"], check=True, capture_output=True,
                           text=True).stdout for n in range(1, count + 1)]


def _print(page, app_url, path: str, name: str, query: str = ""):
    open_app(page, app_url, path, query, plotly=path != "")
    page.wait_for_function(NO_PLACEHOLDERS, timeout=60_000)
    screen = page.evaluate(SCREEN_TEXT_JS)
    page.emulate_media(media="print")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    # Plotly redraws asynchronously; on a loaded machine a chart still drawing its screen layout finished after the
    # event (CI: [482, 482, 482, 482, 980]). Wait for the redraws to land; a chart never redrawn still fails below.
    try:
        page.wait_for_function(f"() => ({CHART_WIDTHS_JS})().every(w => w <= {PRINT_WIDTH_PX})", timeout=15_000)
    except PlaywrightTimeout:
        pass
    widths = page.evaluate(CHART_WIDTHS_JS) + page.evaluate(SHORT_TABLE_WIDTHS_JS)
    OUT.mkdir(parents=True, exist_ok=True)
    pdf = OUT / f"{name}.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    return screen, widths, _pdf_pages(pdf)


@pytest.mark.parametrize("path, name", [("", "overview"), ("projects", "projects")])
def test_a_printed_page_holds_whole_charts_and_every_table_column(page, app_url, path, name):
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: `make system-deps` installs poppler-utils")
    screen, widths, pages = _print(page, app_url, path, name)
    assert all(width <= PRINT_WIDTH_PX for width in widths), widths  # charts and short tables drawn for the paper
    words = Counter(word for text in pages for word in text.split())
    missing_ticks = Counter(screen["ticks"]) - words
    assert not missing_ticks, f"chart labels cut off the page: {missing_ticks}"
    assert screen["grids"] + screen["short"] and screen["twins"] == screen["grids"]
    printed = " ".join(" ".join(text.split()) for text in pages)
    assert [h for h in screen["headers"] if " ".join(h.split()) not in printed] == []
    assert [n for n, text in enumerate(pages, start=1) if len(text.split()) < 25] == []  # no near-empty page


def test_after_printing_the_charts_are_drawn_for_the_screen_again(page, app_url):
    open_app(page, app_url, "projects", plotly=True)
    before = page.evaluate(CHART_WIDTHS_JS)
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    assert page.evaluate(CHART_WIDTHS_JS) == before


def test_the_shipped_overviews_claims_table_prints_within_the_page(page, shipped_server):
    """The shipped data's 2023 claims (a long publisher, a check's sentence) at the paper's width: the table ran
    past the page's right edge, cutting "finanznachrichten.de" and the column after the check."""
    _, widths, pages = _print(page, shipped_server.url, "", "overview-shipped-2023", "edition=2023")
    assert page.evaluate(SHORT_TABLE_WIDTHS_JS), "no claims table drawn"
    assert all(width <= PRINT_WIDTH_PX for width in widths), widths
    assert "finanznachrichten.de" in "".join("".join(text.split()) for text in pages)  # whole, if wrapped
