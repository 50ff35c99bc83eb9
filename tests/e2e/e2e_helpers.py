"""Helpers for the browser tests: reading the page, console errors. The server, the browser settings and
the waits are in scripts/served_app.py (shared with the tools) and re-exported here; fixtures live in
conftest.py."""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the repo root: tests/e2e/ -> tests/ -> root
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
# Re-exported: the browser tests import these from here.
from scripts.served_app import (  # noqa: E402, F401
    APP_TIMEOUT_MS, CHROMIUM, CHROMIUM_ARGS, DEFAULT_PAGE, DESKTOP, HEALTH_TIMEOUT_S, PAGES, PHONE, PLACEHOLDER_TITLE,
    StreamlitServer, free_port, open_app, served_path, stop_process_group, wait_for_app, wait_for_plotly)

FIXTURE_WORLD = ROOT / "tests" / "fixtures" / "world"


def exception_texts(page) -> list[str]:
    return page.locator('[data-testid="stException"]').all_inner_texts()


def dialog_texts(page) -> list[str]:
    """Texts of open modal dialogs (e.g. Streamlit's "Page not found", which blocks every click)."""
    return page.locator('[data-testid="stDialog"]').all_inner_texts()


def main_title(page) -> str:
    heading = page.locator('[data-testid="stMainBlockContainer"] h1').first
    return heading.inner_text().strip() if heading.count() else ""


def metric_value(page, label: str):
    """Locator of the value of the st.metric whose label is `label`."""
    metric = page.get_by_test_id("stMetric").filter(
        has=page.get_by_test_id("stMetricLabel").get_by_text(label, exact=True))
    return metric.get_by_test_id("stMetricValue")


def sidebar_radio(page, group: str, option: str):
    """The <input> of a sidebar radio option (for checked-state assertions)."""
    return page.get_by_test_id("stSidebar").get_by_role("radiogroup", name=group).get_by_role("radio", name=option)


def sidebar_radio_label(page, group: str, option: str):
    """The visible label of a sidebar radio option (what a user clicks; the <input> itself is hidden)."""
    group_locator = page.get_by_test_id("stSidebar").get_by_role("radiogroup", name=group)
    return group_locator.locator("label").filter(has_text=re.compile(rf"^\s*{re.escape(option)}\s*$"))


def full_page_screenshot(page, path, max_height: int = 12_000) -> None:
    """A PNG of the whole page. Streamlit scrolls inside its main container, not the document, so
    full_page=True alone stops at the viewport: grow the viewport to the content first."""
    viewport = page.viewport_size
    height = page.evaluate(
        """() => Math.max(...['[data-testid="stMain"]', '[data-testid="stAppViewContainer"]',
                              '[data-testid="stSidebarContent"]']
                 .map(s => document.querySelector(s))
                 .filter(e => e && e.getBoundingClientRect().right > 0)  // a collapsed sidebar is off-screen
                 .map(e => e.scrollHeight),
                 document.documentElement.scrollHeight)""")
    try:
        if height > viewport["height"]:
            page.set_viewport_size({"width": viewport["width"], "height": min(height, max_height)})
            page.wait_for_timeout(400)  # let responsive charts re-layout to the new size
        page.screenshot(path=str(path), full_page=True, animations="disabled")
    finally:
        page.set_viewport_size(viewport)


# ---------------------------------------------------------------- console errors

# Console errors that are not the app's fault. Each entry: (why it is harmless, matcher).
_PAGE_PROBE = re.compile(r"/[^/]+/_stcore/(health|host-config)$")
KNOWN_HARMLESS = [
    # Opened at /<page>, Streamlit's frontend first probes /<page>/_stcore/health and
    # /<page>/_stcore/host-config to find the server's base path, gets 404, then uses the root.
    # Chromium logs each 404 as a console error; nothing fails.
    ("streamlit base-path probe",
     lambda text, url: "Failed to load resource" in text and "404" in text and bool(_PAGE_PROBE.search(url or ""))),
    # A `:material/...:` page_icon makes the browser fetch the favicon SVG from fonts.gstatic.com.
    # The test machine has no internet, so the fetch fails with a network (net::) error; only the
    # tab icon is affected. A 4xx/5xx from that host (a wrong icon name) is still reported.
    ("favicon from Google's CDN, offline",
     lambda text, url: "net::ERR_" in text and url.startswith("https://fonts.gstatic.com/s/i/")),
]


@dataclass
class ConsoleWatcher:
    """Collects console errors and uncaught page errors of one page."""
    errors: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    def attach(self, page) -> "ConsoleWatcher":
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        return self

    def _on_console(self, message) -> None:
        if message.type != "error":
            return
        url = (message.location or {}).get("url", "")
        text = message.text
        for why, matches in KNOWN_HARMLESS:
            if matches(text, url):
                self.ignored.append(f"{why}: {text} ({url})")
                return
        self.errors.append(f"console.error: {text} ({url})")
