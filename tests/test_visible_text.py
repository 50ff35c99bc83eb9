"""Every page for every edition of the shipped data: no 'nan', 'None' or raw code in what a user reads.

pandas 3 gives NaN for a missing text, which `x or default` and f-strings print as 'nan'; raw
vocabulary codes (more_than, m2, guest country of honor) must reach the screen as words.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from apptest_texts import element_texts

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["pages/overview.py", "pages/projects.py", "pages/exhibition.py", "pages/organizers.py",
         "pages/explorer.py", "pages/sources.py"]
WORDS = re.compile(r"\b(nan|None|NaN|NaT|more_than|at_least|m2|guest country of honor|guest province of honor)\b")
# Columns that hold codes on purpose: ids and URLs, and the raw unit/qualifier codes in explorer exports.
CODE_COLUMNS = {"source_id", "url", "metric", "claim_id", "organization_id", "link"}



@pytest.fixture(scope="module")
def years(shipped_db):
    import duckdb

    with duckdb.connect(str(shipped_db), read_only=True) as con:
        return [r[0] for r in con.execute("select year from editions order by year").fetchall()]


def visible_texts(at) -> list[str]:
    """What the page shows as text: headings, markdown, captions, notices, KPI cards, table cells."""
    texts = element_texts(at)
    for frame in (d.value for d in at.dataframe):
        for column in frame.columns:
            if str(column) in CODE_COLUMNS:
                continue
            cells = frame[column]
            if cells.dtype == object or pd.api.types.is_string_dtype(cells):
                texts += [str(c) for c in cells if not (c is None or c is pd.NA or (isinstance(c, float) and c != c))]
    return texts


def test_every_page_for_every_edition_reads_without_nan_none_or_codes(shipped_db, years, monkeypatch):
    monkeypatch.setenv("WMC_DB", str(shipped_db))
    monkeypatch.delenv("WMC_ADMIN_PASSWORD", raising=False)
    found = []
    for year in years:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        at.query_params["edition"] = str(year)
        at.run()
        for page in PAGES:
            if page != "pages/overview.py":
                at.switch_page(page).run()
            assert not at.exception, (page, year, [e.message for e in at.exception])
            found += [(page, year, t) for t in visible_texts(at) if WORDS.search(t)]
    assert not found, "\n".join(f"{p} {y}: {t[:160]!r}" for p, y, t in found[:20])


def test_the_check_itself_sees_a_nan(shipped_db, monkeypatch):
    """The walk reaches the Overview's edition facts, where 'Place: nan' once appeared."""
    monkeypatch.setenv("WMC_DB", str(shipped_db))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["edition"] = "2018"
    at.run()
    texts = visible_texts(at)
    assert any(line.startswith("**Place:**") for t in texts for line in t.split("\n"))  # a line of the facts block
    assert WORDS.search("**Place:** nan, Hefei")
