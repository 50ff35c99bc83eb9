"""The explorer's downloads hold exactly the filtered rows (CSV for Excel, XLSX with a filters sheet)."""
from __future__ import annotations

import csv
import io
import re

import openpyxl
from playwright.sync_api import expect

from e2e_helpers import exception_texts, open_app, wait_for_app

HEADER = ["year", "metric", "value", "unit", "qualifier", "also_reported", "scope", "derived", "note", "publisher",
          "source_title", "published", "url"]
FACTS_2019 = 5  # tests/fixtures/world/facts.csv rows of 2019 (none derived)
BOM = b"\xef\xbb\xbf"


def _download(page, name: re.Pattern, not_text: re.Pattern | None = None) -> bytes:
    buttons = page.get_by_test_id("stDownloadButton").get_by_role("button", name=name)
    if not_text is not None:
        buttons = page.get_by_test_id("stDownloadButton").filter(has_not_text=not_text).get_by_role("button", name=name)
    expect(buttons).to_have_count(1)  # a horizontal container lays its buttons out after the run
    with page.expect_download() as info:
        buttons.click()
    path = info.value.path()
    return open(path, "rb").read()


def test_explorer_csv_download_matches_filter(page, app_url):
    open_app(page, app_url, "explorer", "from=2019&to=2019")
    assert exception_texts(page) == []
    data = _download(page, re.compile("CSV"), not_text=re.compile("JSON"))
    assert data.startswith(BOM), f"CSV does not start with the UTF-8 BOM: {data[:20]!r}"
    rows = list(csv.reader(io.StringIO(data[len(BOM):].decode("utf-8"))))
    assert rows[0] == HEADER
    body = rows[1:]
    assert [r[0] for r in body] == ["2019"] * len(body), f"years in the CSV: {[r[0] for r in body]}"
    assert len(body) == FACTS_2019
    assert {r[HEADER.index("source_title")] for r in body} == {"Fixture closing report 2019"}


def test_explorer_xlsx_download_has_filters_sheet(page, app_url):
    open_app(page, app_url, "explorer", "from=2019&to=2019")
    assert exception_texts(page) == []
    data = _download(page, re.compile("XLSX"))
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert "filters" in book.sheetnames, f"sheets: {book.sheetnames}"
    data_sheet = book[book.sheetnames[0]]
    values = list(data_sheet.iter_rows(values_only=True))
    assert list(values[0][:len(HEADER)]) == HEADER
    assert len(values) - 1 == FACTS_2019
    assert {int(r[0]) for r in values[1:]} == {2019}


def test_a_narrowed_view_downloads_exactly_its_rows(page, app_url):
    open_app(page, app_url, "explorer")
    page.get_by_role("textbox", name="Search metric, scope or publisher").fill("attendees")
    page.keyboard.press("Enter")
    wait_for_app(page)
    summary = page.get_by_test_id("stMainBlockContainer").get_by_text(re.compile(r"^\d+ figures? from")).first
    shown = int(summary.inner_text().split()[0])
    data = _download(page, re.compile("CSV"), not_text=re.compile("JSON"))
    rows = list(csv.reader(io.StringIO(data[len(BOM):].decode("utf-8"))))[1:]
    assert len(rows) == shown and shown > 0
    assert {r[1] for r in rows} == {"Attendees"}
