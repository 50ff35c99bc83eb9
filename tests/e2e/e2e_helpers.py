"""Helpers for the browser tests: the Streamlit server, waiting for the app, console errors.

Kept free of pytest fixtures so scripts can reuse them; the fixtures live in conftest.py.
"""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the repo root: tests/e2e/ -> tests/ -> root
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
import config  # noqa: E402

FIXTURE_WORLD = ROOT / "tests" / "fixtures" / "world"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = list(config.CHROMIUM_ARGS)  # the same flags the app's brief renderer uses
HEALTH_TIMEOUT_S = 60
APP_TIMEOUT_MS = 30_000
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}

# url_path -> does the page draw plotly charts (then the tests wait for them to be drawn).
# The page contract from the brief; adjust a flag here if a page's design changes.
PAGES = {
    "overview": False,  # KPI cards (their sparklines are Vega-Lite, not plotly) and tables
    "projects": True,
    "exhibition": True,
    "organizers": True,
    "explorer": False,  # a table and download buttons
    "sources": True,  # coverage heatmap
}
PLACEHOLDER_TITLE = "Coming soon"
# Streamlit serves the default page (st.Page(default=True)) at the root and ignores its url_path:
# /overview only works through the frontend's "page not found, running the main page" fallback,
# which logs a console error. The render checks therefore open the overview where Streamlit puts it.
DEFAULT_PAGE = "overview"


def stop_process_group(proc: subprocess.Popen | None) -> None:
    """End a process started with start_new_session (pid == pgid) and all it spawned: TERM, then KILL."""
    if proc is not None and proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        except ProcessLookupError:
            pass


def served_path(path: str) -> str:
    return "" if path == DEFAULT_PAGE else path


def free_port() -> int:
    """A free port: any, or the first free one of `WMC_E2E_PORTS` ("8640-8649") on a shared machine
    where each developer has a range of their own."""
    low, _, high = os.environ.get("WMC_E2E_PORTS", "").partition("-")
    candidates = range(int(low), int(high or low) + 1) if low.isdigit() else [0]
    for port in candidates:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError(f"no free port in WMC_E2E_PORTS={os.environ['WMC_E2E_PORTS']}")


class StreamlitServer:
    """`streamlit run dashboard.py` on a free port, reading `db`; stopped by its process group."""

    def __init__(self, db: Path, log_dir: Path, name: str = "app", extra_args: tuple[str, ...] = (),
                 port: int | None = None, env: dict | None = None):
        self.db, self.name, self.extra_args, self.env = Path(db), name, tuple(extra_args), dict(env or {})
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = Path(log_dir) / f"streamlit-{name}.log"
        self.proc: subprocess.Popen | None = None
        self._log = None

    def start(self) -> "StreamlitServer":
        command = [sys.executable, "-m", "streamlit", "run", "dashboard.py",
                   "--server.port", str(self.port), "--server.address", "127.0.0.1",
                   "--server.headless", "true", "--browser.gatherUsageStats", "false", *self.extra_args]
        env = {**os.environ, "WMC_DB": str(self.db), "PYTHONUNBUFFERED": "1", **self.env}
        # uvicorn takes X-Forwarded-For only from the trusted proxies (none unless given): config.forwarding_env
        env["WMC_TRUSTED_PROXIES"] = env.get("WMC_TRUSTED_PROXIES", "")
        env["FORWARDED_ALLOW_IPS"] = env["WMC_TRUSTED_PROXIES"]
        self._log = open(self.log_path, "wb")
        # A new session (process group) so stop() ends streamlit and anything it spawned.
        self.proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, start_new_session=True)
        try:
            self._wait_healthy()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + HEALTH_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.proc.returncode} before it was healthy:\n{self.log()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.2)
        raise RuntimeError(f"streamlit not healthy at {self.url} after {HEALTH_TIMEOUT_S} s:\n{self.log()}")

    def log(self, tail: int = 6000) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-tail:]
        except OSError:
            return "(no server log)"

    def stop(self) -> None:
        stop_process_group(self.proc)
        if self._log is not None:
            self._log.close()
            self._log = None


# ---------------------------------------------------------------- the page

# Resolves once the app is connected, no script run is going on or queued, nothing on screen is
# stale from the previous run, and that has held for `settle` ms (a widget change is sent a moment
# after the click, so a single "not running" sample can predate the rerun it starts).
_IDLE_JS = """
(settle) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const idle = app
    && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && app.getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector('[data-testid="stStatusWidget"]')
    && !document.querySelector('[data-stale="true"]')
    && !document.querySelector('[data-testid="stAppSkeleton"]')
    && document.querySelector('[data-testid="stMainBlockContainer"] [data-testid="stElementContainer"]');
  const now = performance.now();
  if (!idle) { window.__e2eIdleSince = undefined; return false; }
  if (window.__e2eIdleSince === undefined) window.__e2eIdleSince = now;
  return now - window.__e2eIdleSince >= settle;
}
"""


def wait_for_app(page, timeout: int = APP_TIMEOUT_MS, settle_ms: int = 300, plotly: bool = False) -> None:
    """Wait until the Streamlit script has finished and the page is drawn (plotly charts too if asked)."""
    page.wait_for_selector('[data-testid="stApp"][data-test-connection-state="CONNECTED"]',
                           state="attached", timeout=timeout)
    page.evaluate("() => { window.__e2eIdleSince = undefined; }")
    page.wait_for_function(_IDLE_JS, arg=settle_ms, timeout=timeout, polling=100)
    if plotly:
        wait_for_plotly(page, timeout)
        wait_for_app(page, timeout=timeout, settle_ms=settle_ms)  # charts may resize their containers


def wait_for_plotly(page, timeout: int = APP_TIMEOUT_MS) -> int:
    """Wait until at least one plotly chart exists and every one has drawn its SVG; returns the count.
    Returns 0 at once if the page shows a Streamlit exception instead (the caller asserts on that)."""
    page.wait_for_selector('.js-plotly-plot, [data-testid="stException"]', state="attached", timeout=timeout)
    if page.locator('[data-testid="stException"]').count():
        return 0
    page.wait_for_function(
        """() => { const plots = [...document.querySelectorAll('.js-plotly-plot')];
                   return plots.length > 0 && plots.every(p => p.querySelector('.main-svg')
                          && p._fullLayout !== undefined); }""",
        timeout=timeout, polling=100)
    return page.locator(".js-plotly-plot").count()


def open_app(page, base_url: str, path: str = "", query: str = "", plotly: bool = False,
             timeout: int = APP_TIMEOUT_MS) -> None:
    """Go to base_url/path?query and wait for the app to be idle."""
    url = f"{base_url}/{path.lstrip('/')}" + (f"?{query.lstrip('?')}" if query else "")
    page.goto(url, wait_until="domcontentloaded")
    wait_for_app(page, timeout=timeout, plotly=plotly)


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
