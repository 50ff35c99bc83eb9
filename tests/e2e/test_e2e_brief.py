"""The Overview's brief, downloaded in a real browser in both languages and read back with poppler:
`pdftotext` finds the edition, the KPI values and the sources (the Chinese text is extractable, so
the CJK font is embedded), `pdfinfo` says one page, `pdftoppm` writes the PNGs to look at
(artifacts/brief/)."""
from __future__ import annotations

import re
import shutil
import subprocess
import time

import pytest

from e2e_helpers import ROOT, open_app

OUT = ROOT / "artifacts" / "brief"
# The fixture world's 2019 edition, by hand from tests/fixtures/world: 638 projects, 735.1 bn CNY
# (7,351 亿元), 2018's 430+ as the base, the source publisher of the figures.
EXPECTED = {
    "en": ["WMC 2019", "edition 2", "638", "735.1 bn CNY", "430+", "Sources of the key figures"],
    "zh": ["2019 世界制造业大会", "第 2 届", "638", "7,351 亿元", "超过 430", "关键指标来源", "签约项目", "签约金额"],
}
BUTTON = {"en": "Download brief (PDF)", "zh": "下载届次简报（PDF）"}


def poppler(tool: str, *args) -> str:
    if shutil.which(tool) is None:
        pytest.fail(f"{tool} is missing: `make system-deps` installs poppler-utils")
    return subprocess.run([tool, *args], check=True, capture_output=True, text=True, timeout=60).stdout


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_brief_downloads_as_one_page_with_the_editions_figures_and_sources(app_url, page, lang, tmp_path):
    open_app(page, app_url, "", f"edition=2019&lang={lang}")
    button = page.get_by_test_id("stDownloadButton").get_by_role("button", name=BUTTON[lang])
    started = time.monotonic()
    with page.expect_download(timeout=90_000) as info:
        button.click()
    pdf = tmp_path / f"brief-{lang}.pdf"
    shutil.copyfile(info.value.path(), pdf)
    print(f"brief {lang}: {time.monotonic() - started:.1f} s from click to file")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert re.search(r"^Pages:\s+1$", poppler("pdfinfo", str(pdf)), re.M)
    text = " ".join(poppler("pdftotext", "-layout", str(pdf), "-").split())
    missing = [s for s in EXPECTED[lang] if s not in text]
    assert not missing, (missing, text[:800])
    assert "Fixture" in text  # the fixture world's source publishers, in the footer
    OUT.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(pdf, OUT / pdf.name)
    poppler("pdftoppm", "-png", "-r", "80", str(pdf), str(OUT / f"brief-{lang}"))
    assert (OUT / f"brief-{lang}-1.png").stat().st_size > 10_000
