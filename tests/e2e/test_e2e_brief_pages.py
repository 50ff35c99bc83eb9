"""Every edition's brief of the shipped data, in both languages and both currencies, is one A4 page
(`pdfinfo`), named with its currency; the PDFs are kept in artifacts/brief_pages/ to look at (pdftoppm).

The page fit of all 32 is printed by the session's Chromium (the same binary and flags as the server's
renderer, ui/brief.print_pdf, without a process start for each: 0.35 s a brief instead of 3 s). That it
is a faithful stand-in is checked here too: a brief padded to the last pixel that still fits one page in
the session's Chromium fits in the renderer, and one pixel more makes two pages in both. The renderer
itself prints the two briefs with the least room to spare."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from e2e_helpers import ROOT

OUT = ROOT / "artifacts" / "brief_pages"
CASES = [(year, currency, lang) for year in range(2018, 2026) for currency in ("CNY", "USD") for lang in ("en", "zh")]
# The fullest briefs of each language (the least room left at the page's foot, measured 2026-12-07).
FULLEST = [(2019, "CNY", "en"), (2023, "USD", "zh")]
A4 = r"^Page size:\s+594\.96 x 841\.92 pts \(A4\)"


def pdf_info(path) -> str:
    if shutil.which("pdfinfo") is None:
        pytest.fail("pdfinfo is missing: `make system-deps` installs poppler-utils")
    return subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout


def pages_of(pdf: bytes, path) -> int:
    path.write_bytes(pdf)
    info = pdf_info(path)
    assert re.search(A4, info, re.M), info
    return int(re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1))


def brief_of(shipped_db, monkeypatch, year: int, currency: str, lang: str) -> tuple[str, str]:
    """The brief's HTML and its file name, as the Overview's button makes them."""
    monkeypatch.setenv("WMC_DB", str(shipped_db))
    from ui import brief, brief_page
    from ui.filters import Filters
    from ui.i18n import speaking

    filters = Filters("WMC", 2018, 2025, currency, False)
    with speaking(lang):
        data = brief_page.gather(brief_page.view_of(filters, year), lang)
    return brief.brief_html(data), brief_page.file_name(filters, year, lang)


def session_print(page, html: str) -> bytes:
    """`html` printed by the session's Chromium, its own @page rule deciding size and margins."""
    page.set_content(html, wait_until="load")
    return page.pdf(prefer_css_page_size=True, print_background=True)


def renderer_print(html: str) -> bytes:
    from ui import brief, brief_page

    return brief.print_pdf(html, {m: m for m in brief_page.MESSAGES})


def padded(html: str, px: int) -> str:
    return html.replace("</body>", f'<div style="height:{px}px"></div></body>')


@pytest.mark.e2e
@pytest.mark.parametrize("year, currency, lang", CASES)
def test_every_brief_is_one_a4_page(browser, shipped_db, monkeypatch, year, currency, lang):
    html, name = brief_of(shipped_db, monkeypatch, year, currency, lang)
    OUT.mkdir(parents=True, exist_ok=True)
    with browser.new_context() as context:
        assert pages_of(session_print(context.new_page(), html), OUT / name) == 1


@pytest.mark.e2e
@pytest.mark.parametrize("year, currency, lang", FULLEST)
def test_the_servers_renderer_prints_the_fullest_briefs_on_one_page(shipped_db, monkeypatch, tmp_path, year, currency,
                                                                     lang):
    html, name = brief_of(shipped_db, monkeypatch, year, currency, lang)
    assert pages_of(renderer_print(html), tmp_path / name) == 1


@pytest.mark.e2e
def test_the_session_chromium_breaks_pages_where_the_renderer_does(browser, shipped_db, monkeypatch, tmp_path):
    html, _ = brief_of(shipped_db, monkeypatch, *FULLEST[0])
    with browser.new_context() as context:
        page = context.new_page()
        fits, spills = 0, 2000  # padding (px) that fits one page, and padding that does not
        assert pages_of(session_print(page, padded(html, spills)), tmp_path / "spills.pdf") > 1
        while spills - fits > 1:  # the last pixel that still fits, in the session's Chromium
            middle = (fits + spills) // 2
            if pages_of(session_print(page, padded(html, middle)), tmp_path / "middle.pdf") == 1:
                fits = middle
            else:
                spills = middle
    assert pages_of(renderer_print(padded(html, fits)), tmp_path / "fits.pdf") == 1
    assert pages_of(renderer_print(padded(html, spills)), tmp_path / "spills.pdf") == 2
