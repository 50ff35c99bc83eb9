"""Words, not codes, in the language of the page (issue #23, N24/N25): the Explorer's headers and
both exports read in English without snake_case and in Chinese without English words."""
import io
import re

import pandas as pd
from openpyxl import load_workbook

from apptest_texts import header_labels
from ui.export import to_csv_bytes, to_xlsx_bytes

SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
RECORD = {"convention": "WMC", "year_from": 2018, "year_to": 2021, "currency": "CNY", "include_derived": False,
          "category": "投资", "metrics": [], "search": "", "rows": 2, "data_version": "第 1 次载入"}


def _filters_sheet(lang):
    book = load_workbook(io.BytesIO(to_xlsx_bytes(pd.DataFrame({"year": [2019]}), RECORD, lang)))
    return list(book.worksheets[1].iter_rows(min_row=2, values_only=True))


def test_english_filters_sheet_has_no_codes_and_no_true_false():
    rows = _filters_sheet("en")
    assert not [k for k, _ in rows if SNAKE.search(k)]
    assert dict(rows)["derived figures included"] == "no"


def test_chinese_filters_sheet_is_chinese():
    rows = dict(_filters_sheet("zh"))
    assert rows["包含推算数据"] == "否"
    assert not [k for k in rows if LATIN_WORD.search(k)]


def test_a_true_false_column_reads_as_words_in_the_csv():
    csv = to_csv_bytes(pd.DataFrame({"推算": [True, False]}), "zh").decode("utf-8-sig")
    assert csv.split("\r\n")[1:3] == ["是", "否"]


def test_english_explorer_headers_have_no_snake_case(open_app):
    at = open_app("pages/explorer.py", cur="USD")
    assert not [h for h in header_labels(at) if SNAKE.search(h)]


def test_english_breakdown_and_organizer_headers_have_no_snake_case(open_app):
    for page in ("pages/projects.py", "pages/organizers.py"):
        at = open_app(page)
        assert not at.exception
        assert not [h for h in header_labels(at) if SNAKE.search(h)], page


def test_narrowed_chinese_explorer_headers_have_no_english(open_app):
    at = open_app("pages/explorer.py", lang="zh", cur="USD", search="a")
    labels = header_labels(at)
    assert labels and not [h for h in labels if LATIN_WORD.search(h.replace("USD", ""))]


def test_xlsx_published_is_a_date_cell_at_its_precision():
    import datetime as dt

    table = pd.DataFrame({"year": [2019, 2019, 2019], "published": ["28 Sep 2019", "Sep 2019", "undated"]})
    book = load_workbook(io.BytesIO(to_xlsx_bytes(table, {}, "en", [
        (dt.date(2019, 9, 28), "day"), (dt.date(2019, 9, 1), "month"), (None, None)])))
    cells = [book.worksheets[0].cell(row=r, column=2) for r in (2, 3, 4)]
    assert [c.value for c in cells] == [dt.datetime(2019, 9, 28), dt.datetime(2019, 9, 1), "undated"]
    assert [c.number_format for c in cells[:2]] == ["yyyy-mm-dd", "yyyy-mm"]


def test_usd_values_converted_at_an_annual_rate_are_qualified_converted():
    from ui.export import facts_table

    facts = pd.DataFrame({"year": [2019], "metric": ["investment_signed"], "label": ["Investment signed"],
                          "category": ["investment"], "value": [700.0], "unit": ["bn CNY"], "qualifier": ["exact"],
                          "scope": ["whole convention"], "is_derived": [False], "note": [""], "source_id": ["s"],
                          "publisher": ["P"], "title": ["T"], "published_on": [None], "published_precision": [None],
                          "url": ["https://example.org"], "cny_per_usd": [7.0]})
    assert facts_table(facts, "USD", "en")["qualifier"].tolist() == ["converted (annual average rate)"]
    assert facts_table(facts, "CNY", "en")["qualifier"].tolist() == ["exact"]


# ---- issue #23 (layout): option words and every page's table headers
def test_english_category_options_are_words_not_codes(open_app):
    at = open_app("pages/explorer.py")
    options = at.selectbox(key="category").options
    assert options and [o for o in options if not o[:1].isupper() or SNAKE.search(o)] == []


def test_english_sources_and_overview_headers_have_no_snake_case(open_app):
    for page in ("pages/sources.py", "pages/overview.py"):
        at = open_app(page)
        assert not at.exception
        labels = header_labels(at)
        assert labels and not [h for h in labels if SNAKE.search(h)], page
