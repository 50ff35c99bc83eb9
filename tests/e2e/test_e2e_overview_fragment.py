"""The Overview's edition part reruns alone (st.fragment): a new edition or reference redraws the cards,
facts and tables without the sidebar, keeps the URL in step, and a later sidebar change, the language
switch or Back/Forward still give the chosen edition's view."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from e2e_helpers import exception_texts, main_title, open_app, sidebar_radio_label, wait_for_app

SLOW_MS = 30_000
# The fixture world's 2019 edition, as the cards say it.
PROJECTS_2019, INVESTMENT_2019_CNY, INVESTMENT_2019_USD = "638", "735.1 bn CNY", "105.01 bn USD"


def _kpis(page) -> list[str]:
    return page.get_by_test_id("stMetricValue").all_inner_texts()


def _pick_edition(page, label: str, year: str) -> None:
    page.get_by_test_id("stMainBlockContainer").get_by_role("combobox", name=label, exact=True).click()
    page.get_by_role("option", name=year, exact=True).click()
    wait_for_app(page)


def _received_bytes(page) -> list[bytes]:
    frames: list[bytes] = []
    page.on("websocket", lambda ws: ws.on(
        "framereceived", lambda frame: frames.append(frame if isinstance(frame, bytes) else frame.encode())))
    return frames


def test_an_edition_change_redraws_the_edition_part_alone_and_the_sidebar_keeps_it(page, app_url):
    frames = _received_bytes(page)
    open_app(page, app_url)
    assert any(b"Include derived figures" in f for f in frames), "a full run sends the sidebar"
    frames.clear()
    _pick_edition(page, "Edition", "2019")
    expect(page).to_have_url(re.compile(r"[?&]edition=2019(&|$)"))
    assert _kpis(page)[:2] == [PROJECTS_2019, INVESTMENT_2019_CNY]
    sent = b"".join(frames)
    assert PROJECTS_2019.encode() in sent, "the new cards came over the websocket"
    for sidebar_text in (b"Include derived figures", b"Data as of", "Language · 语言".encode()):
        assert sidebar_text not in sent, f"the sidebar was redrawn for an edition change: {sidebar_text!r}"

    # A sidebar change and the language switch rerun the whole page: the chosen edition stays.
    sidebar_radio_label(page, "Currency", "USD").click()
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"[?&]edition=2019(&|$)"))
    assert _kpis(page)[:2] == [PROJECTS_2019, INVESTMENT_2019_USD]
    page.get_by_test_id("stSidebar").get_by_text("简体中文", exact=True).click()
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"[?&]lang=zh(&|$)"))
    expect(page).to_have_url(re.compile(r"[?&]edition=2019(&|$)"))
    expect(page.get_by_test_id("stMetricValue").first).to_have_text(PROJECTS_2019, timeout=SLOW_MS)
    assert main_title(page) == "WMC 总览"


def test_back_and_forward_work_around_an_edition_change_in_place(page, app_url):
    open_app(page, app_url, "", "edition=2019")
    expect(page.get_by_test_id("stMetricValue").first).to_have_text(PROJECTS_2019, timeout=SLOW_MS)
    _pick_edition(page, "Compare with", "2018")  # a reference change reruns the same part
    expect(page).to_have_url(re.compile(r"[?&]vs=2018(&|$)"))
    before = page.evaluate("history.length")
    page.get_by_test_id("stSidebar").get_by_role("link", name="Projects").click()
    wait_for_app(page, plotly=True)
    expect(page).to_have_url(re.compile(r"/projects"))
    entries = page.evaluate("history.length")
    assert entries == before + 1, "a page switch is one history entry"
    page.go_back()
    wait_for_app(page)
    assert main_title(page) == "WMC overview"
    assert exception_texts(page) == []
    # Back returns to the Overview as it was left: its edition and reference, in the address and the view
    # (Streamlit's page switch had first pushed the address without them, and Back showed the default edition).
    expect(page).to_have_url(re.compile(r"[?&]edition=2019(&|$)"))
    expect(page).to_have_url(re.compile(r"[?&]vs=2018(&|$)"))
    expect(page.get_by_test_id("stMetricValue").first).to_have_text(PROJECTS_2019, timeout=SLOW_MS)
    main = page.get_by_test_id("stMainBlockContainer")
    expect(main.get_by_role("combobox", name="Compare with", exact=True)).to_have_value("2018")
    assert page.evaluate("history.length") == entries, "the page switch was one entry, Back moved within them"
    _pick_edition(page, "Edition", "2020")  # the part answers in place again after Back
    expect(page).to_have_url(re.compile(r"[?&]edition=2020(&|$)"))
    expect(page.get_by_test_id("stMetricValue").first).not_to_have_text(PROJECTS_2019, timeout=SLOW_MS)
    page.go_forward()
    wait_for_app(page, plotly=True)
    assert main_title(page) == "Projects & investment"
