"""Every edition's brief of the shipped data, in both languages and both currencies, printed by the
server's renderer: one A4 page each (`pdfinfo`), named with its currency. The PNGs to look at are
written to artifacts/brief_pages/ (pdftoppm)."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from e2e_helpers import ROOT

OUT = ROOT / "artifacts" / "brief_pages"
CASES = [(year, currency, lang) for year in range(2018, 2026) for currency in ("CNY", "USD") for lang in ("en", "zh")]


@pytest.mark.e2e
@pytest.mark.parametrize("year, currency, lang", CASES)
def test_every_brief_is_one_a4_page(shipped_db, monkeypatch, year, currency, lang):
    if shutil.which("pdfinfo") is None:
        pytest.fail("pdfinfo is missing: `make system-deps` installs poppler-utils")
    monkeypatch.setenv("WMC_DB", str(shipped_db))
    from ui import brief, brief_page
    from ui.filters import Filters
    from ui.i18n import speaking

    filters = Filters("WMC", 2018, 2025, currency, False)
    with speaking(lang):
        data = brief_page.gather(brief_page.view_of(filters, year), lang)
    pdf = brief.print_pdf(brief.brief_html(data), {m: m for m in brief_page.MESSAGES})
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / brief_page.file_name(filters, year, lang)
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M), info
    assert re.search(r"^Page size:\s+594\.96 x 841\.92 pts \(A4\)", info, re.M), info
