"""`make run` serves app.py: the server prepares the first page while it starts (ui/warm_start.py) and says so in
its log, and the page it prepared opens with its KPI cards."""
from __future__ import annotations

import re
import time

from e2e_helpers import open_app

PREPARED = re.compile(r"warm start: first page prepared in (\d+\.\d+) s \(imports .* queries (\d+\.\d+) s")


def test_the_server_prepares_the_first_page_at_start_up(page, app_server):
    deadline = time.monotonic() + 60
    while not (found := PREPARED.search(app_server.log(200_000))) and time.monotonic() < deadline:
        time.sleep(0.2)
    log = app_server.log(200_000)
    assert found, f"no warm start line in the server log:\n{log[-3000:]}"
    assert re.findall(r"warm start: \w+ failed.*", log) == []
    assert float(found.group(2)) > 0
    open_app(page, app_server.url, "")
    assert page.get_by_test_id("stMetricValue").first.is_visible()
