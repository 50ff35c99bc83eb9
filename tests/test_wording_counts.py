"""Wording and counting slips (issue #23, N29): plurals, one-year spans, waits, one source count."""
import re

from ui import admin
from ui import format as fmt_en
from ui import format_zh
from ui.export import source_count

import pandas as pd


def test_one_thing_is_singular():
    assert fmt_en.with_qualifier(1, None, "projects", show_unit=True) == "1 project"
    assert fmt_en.with_qualifier(2, None, "projects", show_unit=True) == "2 projects"
    assert fmt_en.with_qualifier(1, None, "people", show_unit=True) == "1 person"


def test_a_one_year_span_is_the_year():
    assert fmt_en.span(2023, 2023) == "2023"
    assert fmt_en.span(2018, 2025) == "2018–2025"
    assert format_zh.span(2021, 2021) == "2021"


def test_a_wait_is_rounded_up_and_never_zero():
    assert [admin.wait_seconds(s) for s in (0.2, 1.0, 1.2, 59.01)] == [1, 1, 2, 60]


def test_derived_rows_do_not_count_as_sources():
    assert source_count(pd.Series(["a", "b", "a", None])) == 2


def test_explorer_caption_names_one_year_once(open_app):
    at = open_app("pages/explorer.py", **{"from": "2019", "to": "2019"})
    line = at.markdown[0].value
    assert " · 2019 · " in line and "2019–2019" not in line


def _sources_in(caption: str) -> int:
    return int(re.search(r"from (\d+) sources?", caption).group(1))


def test_sidebar_and_pages_count_sources_the_same_way(open_app):
    explorer = open_app("pages/explorer.py")
    sources = open_app("pages/sources.py")
    sidebar = _sources_in(explorer.sidebar.caption[-1].value)
    assert sidebar == _sources_in(explorer.markdown[0].value)
    assert sidebar == _sources_in(next(c.value for c in sources.caption if "figures (" in c.value))
