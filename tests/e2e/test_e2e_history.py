"""Real users' paths: Back and Forward between pages, one history entry per page switch, the range
keeps its other end when one end changes, a shared link reopens the view."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from e2e_helpers import main_title, open_app, sidebar_radio, sidebar_radio_label, wait_for_app


def _sidebar_link(page, name):
    return page.get_by_test_id("stSidebar").get_by_role("link", name=name)


def _history_length(page) -> int:
    return page.evaluate("history.length")


def test_back_and_forward_move_between_views(page, app_url):
    open_app(page, app_url, "projects", plotly=True)
    start = _history_length(page)
    _sidebar_link(page, "Exhibition").click()
    wait_for_app(page, plotly=True)
    expect(page).to_have_url(re.compile(r"/exhibition"))
    assert _history_length(page) == start + 1, "a page switch is one history entry"
    sidebar_radio_label(page, "Currency", "USD").click()
    wait_for_app(page, plotly=True)
    expect(page).to_have_url(re.compile(r"/exhibition\?.*cur=USD"))
    assert _history_length(page) == start + 1, "a filter change adds no history entries of its own"

    page.go_back()
    wait_for_app(page, plotly=True)
    expect(page).to_have_url(re.compile(r"/projects"))
    assert main_title(page) == "Projects & investment"
    page.go_forward()
    wait_for_app(page, plotly=True)
    expect(page).to_have_url(re.compile(r"/exhibition\?.*cur=USD"))
    assert main_title(page).startswith("Exhibition")
    expect(sidebar_radio(page, "Currency", "USD")).to_be_checked()


def _pick(page, label: str, option: str) -> None:
    page.get_by_test_id("stSidebar").get_by_role("combobox", name=label).click()
    page.get_by_role("option", name=option, exact=True).click()
    wait_for_app(page, plotly=True)


def test_changing_from_edition_keeps_to_edition(page, app_url):
    open_app(page, app_url, "projects", plotly=True)
    _pick(page, "From edition", "2020")
    to_box = page.get_by_test_id("stSidebar").get_by_role("combobox", name="To edition")
    expect(to_box).to_have_value("2021")
    expect(page).to_have_url(re.compile(r"[?&]from=2020(&|$)"))
    assert "to=" not in page.url, "the To edition stayed at its default, so it stays out of the URL"
    _pick(page, "From edition", "2019")
    expect(to_box).to_have_value("2021")


def test_a_bad_link_value_is_named_and_the_rest_is_kept(page, app_url):
    open_app(page, app_url, "projects", "cur=usd&from=2019", plotly=True)
    expect(page.get_by_test_id("stSidebar")).to_contain_text("Ignored from the link: cur")
    expect(page.get_by_test_id("stSidebar").get_by_role("combobox", name="From edition")).to_have_value("2019")


def test_the_explorer_narrowing_is_in_a_shared_link(page, app_url, new_context):
    open_app(page, app_url, "explorer")
    page.get_by_role("textbox", name="Search metric, scope or publisher").fill("attendees")
    page.keyboard.press("Enter")
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"[?&]search=attendees(&|$)"))
    other = new_context().new_page()
    other.goto(page.url, wait_until="domcontentloaded")
    wait_for_app(other)
    expect(other.get_by_role("textbox", name="Search metric, scope or publisher")).to_have_value("attendees")
