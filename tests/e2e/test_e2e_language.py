"""The language in a real browser: the browser's language chooses, the switch writes ?lang=zh, and
the language survives page switches through the sidebar and a copied link."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from e2e_helpers import exception_texts, main_title, metric_value, open_app, served_path, wait_for_app

OVERVIEW = served_path("overview")


def test_a_chinese_browser_gets_chinese_without_a_parameter(new_context, app_url):
    page = new_context(locale="zh-CN").new_page()
    open_app(page, app_url, OVERVIEW, "edition=2019")
    assert exception_texts(page) == []
    assert main_title(page) == "WMC 总览"
    expect(metric_value(page, "签约金额")).to_have_text("7,351 亿元")
    assert "lang=" not in page.url  # the browser's own language is the default: not written


def test_the_switch_writes_lang_zh_and_it_survives_a_page_switch_and_a_copied_link(page, app_url, new_context):
    open_app(page, app_url, OVERVIEW, "edition=2019")
    assert main_title(page) == "WMC overview"
    page.get_by_test_id("stSidebar").get_by_text("简体中文", exact=True).click()
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"[?&]lang=zh(&|$)"))
    assert main_title(page) == "WMC 总览"

    page.get_by_test_id("stSidebar").get_by_role("link", name="主办单位").click()
    wait_for_app(page, plotly=True)
    assert main_title(page) == "主办单位"
    expect(page).to_have_url(re.compile(r"/organizers\?(.*&)?lang=zh(&|$)"))

    other = new_context().new_page()  # an English browser opening the copied link
    other.goto(page.url, wait_until="domcontentloaded")
    wait_for_app(other, plotly=True)
    assert main_title(other) == "主办单位"
    assert exception_texts(other) == []
