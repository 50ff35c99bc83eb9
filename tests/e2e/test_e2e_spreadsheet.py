"""The app's downloads opened by a real spreadsheet program (LibreOffice, headless): numbers arrive
as numbers, Chinese text is intact, and no text from a source runs as a formula."""
from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess

import openpyxl
import pytest

from e2e_helpers import FIXTURE_WORLD, StreamlitServer, open_app

SOFFICE = shutil.which("soffice")
FORMULA_PUBLISHER = "=1+1"
CHINESE_PUBLISHER = "上海证券报"
FORMULA_SCOPE = "=2+3 展区"
FORMULA_NOTE = "+1+2"  # a note that a spreadsheet would read as a formula (and show 3)


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory, server_log_dir):
    """The fixture world plus a 2019 figure whose publisher and scope look like formulas."""
    from loaders.build import build

    world = tmp_path_factory.mktemp("hostile-world")
    for f in FIXTURE_WORLD.glob("*.csv"):
        shutil.copy(f, world / f.name)
    with open(world / "sources.csv", "a", encoding="utf-8", newline="") as out:
        csv.writer(out, lineterminator="\n").writerow(
            ["src-formula", FORMULA_PUBLISHER, f"{CHINESE_PUBLISHER} 报道", "https://example.org/f", "2019-09-29", "day"])
        csv.writer(out, lineterminator="\n").writerow(
            ["src-zh", CHINESE_PUBLISHER, "闭幕报道", "https://example.org/zh", "2019-09-30", "day"])
    with open(world / "facts.csv", "a", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["WMC", 2019, "exhibition_area_hall", 52000, "m2", "exact", FORMULA_SCOPE, "src-formula", "false",
                         FORMULA_NOTE])
        writer.writerow(["WMC", 2019, "funds_in_place", 123.4, "bn CNY", "exact", "whole convention", "src-zh", "false", ""])
    db = tmp_path_factory.mktemp("hostile-db") / "hostile.duckdb"
    build(world, db)
    server = StreamlitServer(db, server_log_dir, name="hostile").start()
    yield server
    server.stop()


def _download(page, name: str) -> bytes:
    button = page.get_by_test_id("stDownloadButton").get_by_role("button", name=name)
    with page.expect_download() as info:
        button.click()
    return open(info.value.path(), "rb").read()


def _libreoffice(source, target_ext: str, out_dir, infilter: str | None = None):
    """Convert with LibreOffice headless, in a private profile; returns the converted file."""
    if SOFFICE is None:
        pytest.fail("LibreOffice is missing: `make test` installs libreoffice-calc-nogui")
    command = [SOFFICE, f"-env:UserInstallation=file://{out_dir}/profile", "--headless", "--norestore"]
    if infilter:
        command.append(f"--infilter={infilter}")
    command += ["--convert-to", target_ext, "--outdir", str(out_dir), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    converted = out_dir / f"{source.stem}.{target_ext.split(':')[0]}"
    assert converted.exists(), f"LibreOffice wrote nothing for {source.name}"
    return converted


def _cells(path):
    sheet = openpyxl.load_workbook(path).worksheets[0]
    return [list(row) for row in sheet.iter_rows()]


def test_the_excel_csv_opens_in_libreoffice_with_numbers_text_and_no_formulas(page, hostile_server, tmp_path):
    open_app(page, hostile_server.url, "explorer", "from=2019&to=2019")
    source = tmp_path / "facts.csv"
    source.write_bytes(_download(page, "Download CSV (Excel)"))
    # UTF-8 as the file's BOM says (LibreOffice's own default would guess a Windows code page).
    cells = _cells(_libreoffice(source, "xlsx", tmp_path, infilter="CSV:44,34,76,1"))
    header = [c.value for c in cells[0]]
    rows = [dict(zip(header, row)) for row in cells[1:]]
    assert all(c.data_type != "f" for row in cells for c in row), "a cell arrived as a formula"
    assert all(isinstance(r["value"].value, (int, float)) for r in rows), "a value arrived as text"
    assert all(isinstance(r["year"].value, (int, float)) for r in rows)
    publishers = {r["publisher"].value for r in rows}
    assert CHINESE_PUBLISHER in publishers
    assert 2 not in publishers and "2" not in publishers, "=1+1 was evaluated"
    formula_rows = [r for r in rows if r["publisher"].value not in ("Test Gazette", CHINESE_PUBLISHER)]
    assert formula_rows and all("=1+1" in str(r["publisher"].value) for r in formula_rows)
    assert any("=2+3" in str(r["scope"].value) and "展区" in str(r["scope"].value) for r in rows)
    notes = [r["note"].value for r in rows]
    assert any(str(n).endswith(FORMULA_NOTE) for n in notes) and 3 not in notes, f"the note was evaluated: {notes}"
    assert f"{CHINESE_PUBLISHER} 报道" in {r["source_title"].value for r in rows}


def test_the_xlsx_opens_in_libreoffice_with_text_kept_as_text(page, hostile_server, tmp_path):
    open_app(page, hostile_server.url, "explorer", "from=2019&to=2019")
    source = tmp_path / "facts.xlsx"
    source.write_bytes(_download(page, "Download XLSX"))
    # LibreOffice recalculates on load and writes what it shows: a formula would come out as 2.
    shown = _libreoffice(source, "csv:Text - txt - csv (StarCalc):44,34,76", tmp_path)
    rows = list(csv.DictReader(io.StringIO(shown.read_text(encoding="utf-8"))))
    publishers = {r["publisher"] for r in rows}
    assert CHINESE_PUBLISHER in publishers
    assert "2" not in publishers
    assert FORMULA_PUBLISHER in publishers, publishers  # the text itself: no literal apostrophe in the cell
    assert FORMULA_NOTE in {r["note"] for r in rows} and "3" not in {r["note"] for r in rows}
    assert all(re.fullmatch(r"-?\d+(\.\d+)?", r["value"].replace(",", "")) for r in rows), [r["value"] for r in rows]


def test_the_table_toolbar_offers_no_unsafe_csv(page, hostile_server):
    """st.dataframe's own CSV download skips neutralising; the server turns it off."""
    open_app(page, hostile_server.url, "explorer", "from=2019&to=2019")
    table = page.get_by_test_id("stDataFrame").first
    table.hover()
    page.wait_for_timeout(300)
    assert page.get_by_test_id("stElementToolbar").get_by_role("button", name=re.compile("Download", re.I)).count() == 0
