"""The app served on a free port and opened in headless Chromium: the settings and helpers that the
browser tests (tests/e2e) and the tools (scripts/bench.py, load.py, replicas.py) share. Tools never
import tests; the tests import this."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]  # the repo root: scripts/ -> root
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
import config  # noqa: E402

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


# What `make run` serves: dashboard.py wrapped in a Streamlit App that prepares the first page at start-up.
SERVED = "app.py"


class StreamlitServer:
    """`streamlit run app.py` (what `make run` serves) on a free port, reading `db`; stopped by its process group."""

    def __init__(self, db: Path, log_dir: Path, name: str = "app", extra_args: tuple[str, ...] = (),
                 port: int | None = None, env: dict | None = None):
        self.db, self.name, self.extra_args, self.env = Path(db), name, tuple(extra_args), dict(env or {})
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = Path(log_dir) / f"streamlit-{name}.log"
        self.proc: subprocess.Popen | None = None
        self._log = None

    def start(self) -> "StreamlitServer":
        command = [sys.executable, "-m", "streamlit", "run", SERVED,
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
