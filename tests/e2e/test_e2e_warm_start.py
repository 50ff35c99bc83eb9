"""`make run` serves app.py: a new server prepares the first page while it starts (ui/warm_start.py), says so in
its log with no step failed, and its first visitor, on that page, gets it with its KPI cards. Its own server: the
session's servers have had other visitors before this test runs."""
from __future__ import annotations

import re
import time

import pytest

from e2e_helpers import StreamlitServer, exception_texts, open_app

PREPARED = re.compile(r"warm start: first page prepared in (\d+\.\d+) s \(imports .* queries (\d+\.\d+) s")


@pytest.fixture(scope="module")
def new_server(e2e_db, server_log_dir, browser):
    server = StreamlitServer(e2e_db, server_log_dir, name="warm-start")
    try:
        yield server.start()
    finally:
        server.stop()


def test_a_new_server_prepares_the_first_page_for_its_first_visitor(page, new_server):
    deadline = time.monotonic() + 60
    while not (found := PREPARED.search(log := new_server.log_path.read_text("utf-8", errors="replace"))):
        assert time.monotonic() < deadline, f"no warm start line in the server log:\n{log[-3000:]}"
        time.sleep(0.2)
    assert re.findall(r"warm start: \w+ failed.*", log) == []
    assert float(found.group(2)) > 0
    open_app(page, new_server.url, "")
    assert exception_texts(page) == []
    assert page.get_by_test_id("stMetricValue").first.is_visible()
