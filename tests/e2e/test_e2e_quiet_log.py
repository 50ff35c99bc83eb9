"""A clean server log after the paths that used to leave warnings in it (issue #23, N31): a drill from a
chart to the Explorer ("value set via the Session State API") and a load on Add data ("Could not serialize
pd.DataFrame.attrs"). Its own server, on a copy of the fixture database and with the admin password set."""
from __future__ import annotations

import re
import shutil

import pytest
from playwright.sync_api import expect

from e2e_helpers import StreamlitServer, open_app, wait_for_app
from test_e2e_drill import _click_bar

WARNINGS = re.compile(r"Could not serialize|Session State API|Traceback", re.I)
PASSWORD = "quiet-log-test"


@pytest.fixture(scope="module")
def admin_server(e2e_db, server_log_dir, tmp_path_factory, browser):
    db = tmp_path_factory.mktemp("quiet-log") / "world.duckdb"
    shutil.copy(e2e_db, db)
    server = StreamlitServer(db, server_log_dir, name="quiet-log", env={"WMC_ADMIN_PASSWORD": PASSWORD})
    try:
        yield server.start()
    finally:
        server.stop()


def test_a_drill_and_a_load_leave_the_server_log_clean(page, admin_server, tmp_path):
    open_app(page, admin_server.url, "projects", "cur=USD", plotly=True, timeout=90_000)
    _click_bar(page, "chart_projects", 1, "2019 · Projects signed: open its figures in the Explorer")
    page.wait_for_url(re.compile(r"/explorer\?"))
    wait_for_app(page)

    open_app(page, admin_server.url, "add_data")
    page.get_by_label("Admin password").fill(PASSWORD)
    page.keyboard.press("Enter")
    wait_for_app(page)
    upload = tmp_path / "new.csv"
    upload.write_text("year,metric,value\n2021,projects_signed,703\n", encoding="utf-8")
    page.locator("input[type=file]").set_input_files(str(upload))
    wait_for_app(page)
    for label, value in (("Source URL", "https://example.org/quiet-log"), ("Publisher", "Quiet Log Desk")):
        page.get_by_label(label).fill(value)
        page.keyboard.press("Tab")
        wait_for_app(page)
    page.get_by_text("I checked", exact=False).first.click()
    wait_for_app(page)
    page.get_by_role("button", name="Load into the database").click()
    expect(page.get_by_text(re.compile(r"^Loaded:"))).to_be_visible(timeout=60_000)
    assert WARNINGS.findall(admin_server.log(200_000)) == []
