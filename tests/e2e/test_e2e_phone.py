"""At a phone's width (390 px): a page chosen in the sidebar closes the sidebar (issue #23, N18), and
no KPI value or unit is cut (N19: "expected 1,000 peo…" on the 2024 Overview of the shipped data), nor
its change ("2018 年为 4,47…" on the 2019 Overview in Chinese)."""
from __future__ import annotations

import re

import pytest

from e2e_helpers import PHONE, open_app, wait_for_app

# Elements of a KPI value or change whose text runs past their box (cut or ended with "…").
CUT_VALUES_JS = """() => [...document.querySelectorAll('[data-testid=stMetricValue], [data-testid=stMetricDelta]')]
  .flatMap(v => [v, ...v.querySelectorAll('*')])
  .filter(e => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > window.innerWidth)
  .map(e => e.textContent.trim())"""
SIDEBAR_OPEN_JS = """() => { const s = document.querySelector('[data-testid=stSidebar]');
  return !!s && s.getBoundingClientRect().right > 10; }"""


@pytest.fixture
def shipped_url(shipped_server):
    """The session's one server on the shipped data (tests/e2e/conftest.py): these tests only read."""
    return shipped_server.url


@pytest.mark.parametrize("query", ["edition=2024", "edition=2024&vs=2019", "edition=2025&cur=USD", "edition=2022&lang=zh",
                                   "edition=2019&lang=zh"])
def test_no_kpi_value_is_cut_on_a_phone(new_context, shipped_url, query):
    page = new_context(viewport=PHONE).new_page()
    open_app(page, shipped_url, "", query)
    page.wait_for_function("() => document.querySelectorAll('[data-testid=stMetricValue]').length >= 6")
    assert page.evaluate(CUT_VALUES_JS) == []


def test_choosing_a_page_in_the_sidebar_closes_it_on_a_phone(new_context, app_url):
    page = new_context(viewport=PHONE).new_page()
    open_app(page, app_url)
    # the page script that closes the sidebar is in place: it loads in its own frame once the page is drawn,
    # and a click before it would leave the sidebar open (this test timed out once on a loaded machine)
    page.wait_for_function("() => window.__wmcPrint === true", timeout=30_000)
    page.get_by_test_id("stExpandSidebarButton").click()
    page.wait_for_function(SIDEBAR_OPEN_JS)
    page.get_by_test_id("stSidebar").get_by_role("link", name="Exhibition").click()
    page.wait_for_url(re.compile(r"/exhibition(\?.*)?$"))
    wait_for_app(page, plotly=True)
    page.wait_for_function(f"() => !({SIDEBAR_OPEN_JS})()", timeout=15_000)
