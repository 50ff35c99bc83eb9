"""The Overview's reference edition in a real browser: picking one writes vs=<year> into the URL, the
changes follow it, and the copied link reopens the same comparison; the default stays out of the URL."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from e2e_helpers import open_app, served_path, wait_for_app

OVERVIEW = served_path("overview")
SLOW_MS = 30_000  # the cards' component loads lazily: on a busy machine it takes longer than expect's 5 s


def _delta(page, label: str):
    card = page.get_by_test_id("stMetric").filter(has=page.get_by_test_id("stMetricLabel").get_by_text(label, exact=True))
    return card.get_by_test_id("stMetricDelta")


def test_the_reference_edition_is_part_of_the_url(page, app_url, new_context):
    # The fixture world: derived 2020 about 684 projects, 2019 638, 2018 430+.
    open_app(page, app_url, OVERVIEW, "edition=2020&derived=true")
    expect(_delta(page, "Projects signed")).to_contain_text("vs 638 (2019)", timeout=SLOW_MS)
    assert "vs=" not in page.url, "the default (previous edition) stays out of the URL"
    page.get_by_role("combobox", name="Compare with").click()
    page.get_by_role("option", name="2018", exact=True).click()
    wait_for_app(page)
    expect(_delta(page, "Projects signed")).to_contain_text("vs 430+ (2018)", timeout=SLOW_MS)
    expect(page).to_have_url(re.compile(r"[?&]vs=2018(&|$)"))

    other = new_context().new_page()
    other.goto(page.url, wait_until="domcontentloaded")
    wait_for_app(other)
    expect(_delta(other, "Projects signed")).to_contain_text("vs 430+ (2018)", timeout=SLOW_MS)
    expect(other.get_by_role("combobox", name="Compare with")).to_have_value("2018")
