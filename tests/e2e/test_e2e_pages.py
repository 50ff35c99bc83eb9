"""Every page renders: no Streamlit exception box, no browser console error, charts drawn."""
from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from playwright.sync_api import expect

from e2e_helpers import (PAGES, sidebar_radio, PLACEHOLDER_TITLE, ConsoleWatcher, StreamlitServer, dialog_texts, exception_texts, main_title,
                         open_app, served_path)


@pytest.mark.parametrize("path", list(PAGES))
def test_page_renders(page, console, app_url, path):
    open_app(page, app_url, served_path(path), plotly=PAGES[path])
    assert exception_texts(page) == [], f"/{path} shows a Streamlit exception"
    assert dialog_texts(page) == [], f"/{path} opens a dialog"
    title = main_title(page)
    assert title and title != PLACEHOLDER_TITLE, f"/{path} is still a placeholder (title {title!r})"
    if PAGES[path]:
        assert page.locator(".js-plotly-plot .main-svg").count() >= 1, f"/{path} drew no plotly chart"
    assert console.errors == [], f"/{path} logged browser errors:\n" + "\n".join(console.errors)


DEEP_LINKED = [p for p in PAGES if served_path(p)]


@pytest.fixture(scope="module")
def fresh_servers(e2e_db, server_log_dir):
    """One never-visited server per page, started in parallel (a server is "fresh" only until its
    first visitor, so each deep-link test needs its own)."""
    servers = {p: StreamlitServer(e2e_db, server_log_dir, name=f"fresh-{p}") for p in DEEP_LINKED}
    try:
        with ThreadPoolExecutor(len(servers)) as pool:
            for future in [pool.submit(s.start) for s in servers.values()]:
                future.result()
        yield servers
    finally:
        for server in servers.values():
            server.stop()


@pytest.mark.parametrize("path", DEEP_LINKED)
def test_deep_link_on_fresh_server(fresh_servers, new_context, path):
    """The first visitor after a (re)start opens a shared link to a page, not the root. (Streamlit 1.50
    routes a fresh server's first /<page> request to pages/<page>.py directly, skipping dashboard.py.)"""
    server = fresh_servers[path]
    page = new_context().new_page()
    watcher = ConsoleWatcher().attach(page)
    open_app(page, server.url, path, "from=2019&to=2019", plotly=PAGES[path])
    assert exception_texts(page) == [], (
        f"/{path} as the first request after a server start shows an exception:\n" + server.log(3000))
    assert dialog_texts(page) == []
    assert main_title(page) != PLACEHOLDER_TITLE
    assert "from=2019" in page.url and "to=2019" in page.url, f"filters lost: {page.url}"
    assert watcher.errors == [], "\n".join(watcher.errors)


def test_overview_url_path_opens_without_error(page, console, app_url):
    """The page contract names the overview /overview (links like /overview?edition=2019). Streamlit
    ignores the url_path of the default page, so that URL must still open the overview cleanly."""
    open_app(page, app_url, "overview", "edition=2019")
    assert exception_texts(page) == []
    assert dialog_texts(page) == [], "/overview opens a modal over the overview: " + " | ".join(dialog_texts(page))
    assert console.errors == [], "\n".join(console.errors)
    assert "edition=2019" in page.url


def test_overview_url_path_keeps_the_sidebar_filters_of_a_shared_link(page, app_url):
    """The sidebar's filters are bound to from, to and cur; a link naming them under /overview once
    ended in an exception (Streamlit refuses to set a bound parameter)."""
    open_app(page, app_url, "overview", "from=2019&to=2020&cur=USD&edition=2019")
    assert exception_texts(page) == []
    # (edition=2019 may leave the address: a bound widget drops its parameter at its default value)
    parts = ("from=2019", "to=2020", "cur=USD")
    try:  # the widgets write their parameters back a moment after the page has drawn
        page.wait_for_url(lambda url: all(part in url for part in parts), timeout=15_000)
    except Exception:
        pytest.fail(f"filters lost: {page.url}")
    expect(sidebar_radio(page, "Currency", "USD")).to_be_checked()
    # A selectbox is a combobox <input>: its choice is the input's value, not text content.
    expect(page.get_by_test_id("stMainBlockContainer").get_by_role("combobox", name="Edition")
           ).to_have_value(re.compile("2019"))
