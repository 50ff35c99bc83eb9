"""Load test (`make load`): many sessions against one local Streamlit server.

    .venv/bin/python scripts/load.py [--sessions 25] [--seconds 60] [--client websocket|browser]

--client websocket (the default) speaks Streamlit's own protocol, as the browser does: each
session opens /_stcore/stream, asks for a run of a page with filters in the query string and
times the run until the server reports it finished, counting exception elements and failed runs.
This measures the server; 25 Chromium renderers on a 2-core machine would measure Chromium.
--client browser drives real browser contexts (below) and suits a handful of sessions.

Builds a database from data/ into a temp folder, starts `streamlit run dashboard.py` on a free
127.0.0.1 port, and opens --sessions browser contexts in one Debian chromium (never a browser of
playwright's own). Each session, for --seconds, opens a random page with random shared filters in
the URL (cur, from, to), or (as a user mostly does) clicks another page in the sidebar, and measures
the time from navigation start (or the click) to the rendered page: the app idle (no status widget,
script not running), the main area visible with the new page's title, and every plotly chart drawn
on chart pages. Errors: exception boxes, uncaught page errors, timeouts, tracebacks in
the server log. Prints p50/p95 time to rendered page, errors, page loads and the server's RSS
(with children); exits 1 when the target (0 errors, p95 < 3 s) is missed. Only loopback addresses
are contacted; every loop is bounded; the server is stopped at the end.
"""
from __future__ import annotations

import argparse
import asyncio
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
from e2e_helpers import CHROMIUM, CHROMIUM_ARGS, DESKTOP, PAGES, StreamlitServer, served_path  # noqa: E402
from vocabulary import CURRENCIES  # noqa: E402

YEARS = list(range(2018, 2026))
TARGET_P95_S = 3.0
PAGE_TIMEOUT_MS = 30_000
SETTLE_MS = 250
NOT_LOOPBACK = re.compile(r"^(?!(?:https?|wss?)://(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?/)[a-z]+://")
URL_LOAD_SHARE = 0.35  # the rest of the steps switch pages through the sidebar

# Resolves once the page is drawn and has stayed so for `settle` ms; returns the time (ms since
# navigation start) at which that stable state began, so the settle wait is not counted.
_RENDERED_JS = """
([settle, plotly, previousTitle]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const main = document.querySelector('[data-testid="stMain"]');
  const plots = [...document.querySelectorAll('.js-plotly-plot')];
  const drawn = !plotly || (plots.length > 0 && plots.every(p => p.querySelector('.main-svg')));
  const ready = app && main && main.offsetParent !== null && main.getBoundingClientRect().height > 0
    && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && app.getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector('[data-testid="stStatusWidget"]')
    && !document.querySelector('[data-stale="true"]')
    && !document.querySelector('[data-testid="stAppSkeleton"]')
    && document.querySelector('[data-testid="stMainBlockContainer"] h1')
    && document.querySelector('[data-testid="stMainBlockContainer"] h1').innerText !== previousTitle
    && drawn;
  const now = performance.now();
  if (!ready) { window.__loadReadySince = undefined; return false; }
  if (window.__loadReadySince === undefined) window.__loadReadySince = now;
  return now - window.__loadReadySince >= settle ? window.__loadReadySince : false;
}
"""


@dataclass
class Stats:
    times_s: list[float] = field(default_factory=list)
    by_way: dict[str, list[float]] = field(default_factory=dict)  # "url load" / "sidebar click"
    per_page: dict[str, list[float]] = field(default_factory=dict)
    errors: Counter = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)
    blocked: int = 0
    cpu: dict = field(default_factory=dict)  # CPU seconds used during the run, by side

    def error(self, kind: str, detail: str) -> None:
        self.errors[kind] += 1
        if len(self.examples) < 6:
            self.examples.append(f"{kind}: {detail.splitlines()[0][:300] if detail else ''}")


def _random_query(rng: random.Random) -> str:
    first, last = sorted(rng.sample(YEARS, 2))
    return f"cur={rng.choice(CURRENCIES)}&from={first}&to={last}"


async def _session(browser, base_url: str, start_at: float, deadline: float, seed: int, stats: Stats) -> None:
    rng = random.Random(seed)
    await asyncio.sleep(max(0.0, start_at - time.monotonic()))
    context = await browser.new_context(viewport=DESKTOP)

    async def block(route):
        stats.blocked += 1
        await route.abort()

    # Matched inside the browser driver, so loopback requests are never intercepted (no overhead).
    await context.route(NOT_LOOPBACK, block)
    page = await context.new_page()
    page_errors: list[str] = []
    page.on("pageerror", lambda exc: page_errors.append(str(exc)))
    current = None  # the page shown, once one has rendered
    try:
        while time.monotonic() < deadline:
            by_url = current is None or rng.random() < URL_LOAD_SHARE
            name = rng.choice([n for n in PAGES if n != current])
            url = f"{base_url}/{served_path(name)}?{_random_query(rng)}" if by_url else f"sidebar -> {name}"
            page_errors.clear()
            try:
                if by_url:
                    await page.goto(url, wait_until="commit", timeout=PAGE_TIMEOUT_MS)
                    started_ms, previous = 0.0, None  # performance.now() counts from navigation start
                else:
                    previous = await page.locator('[data-testid="stMainBlockContainer"] h1').first.inner_text()
                    started_ms = await page.evaluate("() => { window.__loadReadySince = undefined; "
                                                     "return performance.now(); }")
                    await page.locator(f'[data-testid="stSidebar"] a[data-testid="stPageLink-NavLink"]'
                                       f'[href="{served_path(name)}"]').click(timeout=PAGE_TIMEOUT_MS)
                handle = await page.wait_for_function(_RENDERED_JS, arg=[SETTLE_MS, PAGES[name], previous],
                                                      timeout=PAGE_TIMEOUT_MS, polling=50)
                ready_ms = await handle.json_value()
            except Exception as exc:  # noqa: BLE001 -- a timeout or a crashed page is a finding
                kind = "timeout" if "Timeout" in type(exc).__name__ else "navigation"
                stats.error(kind, f"{url}: {exc}")
                current = None  # start the next step from a fresh load
                continue
            current = name
            exceptions = await page.locator('[data-testid="stException"]').all_inner_texts()
            if exceptions:
                stats.error("exception box", f"{url}: {exceptions[0]}")
            for text in page_errors:
                stats.error("page error", f"{url}: {text}")
            seconds = (ready_ms - started_ms) / 1000
            stats.times_s.append(seconds)
            stats.per_page.setdefault(name, []).append(seconds)
            stats.by_way.setdefault("url load" if by_url else "sidebar click", []).append(seconds)
    finally:
        await context.close()


async def _ws_session(base_url: str, start_at: float, deadline: float, seed: int, stats: Stats) -> None:
    """One websocket session: a URL load opens a new session; a page switch reruns the same one."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.asyncio.client import connect as websocket_connect
    from websockets.exceptions import ConnectionClosed

    rng = random.Random(seed)
    await asyncio.sleep(max(0.0, start_at - time.monotonic()))
    ws_url = base_url.replace("http://", "ws://") + "/_stcore/stream"
    connection, current = None, None
    try:
        while time.monotonic() < deadline:
            by_url = connection is None or rng.random() < URL_LOAD_SHARE
            name = rng.choice([n for n in PAGES if n != current])
            query = _random_query(rng) if by_url else ""
            what = f"{'load' if by_url else 'switch'} {name}?{query}"
            started = time.monotonic()
            try:
                if by_url:
                    if connection is not None:
                        await connection.close()
                    connection = await asyncio.wait_for(
                        websocket_connect(ws_url, subprotocols=["streamlit"], max_size=None,
                                          open_timeout=PAGE_TIMEOUT_MS / 1000),
                        PAGE_TIMEOUT_MS / 1000)
                message = BackMsg()
                message.rerun_script.query_string = query
                message.rerun_script.page_name = "" if served_path(name) in ("", "/") else served_path(name)
                await connection.send(message.SerializeToString())
                finished, exceptions = False, 0
                while not finished:
                    try:
                        raw = await asyncio.wait_for(connection.recv(), PAGE_TIMEOUT_MS / 1000)
                    except ConnectionClosed:
                        raise ConnectionError("server closed the websocket") from None
                    forward = ForwardMsg()
                    forward.ParseFromString(raw)
                    kind = forward.WhichOneof("type")
                    if kind == "delta" and forward.delta.WhichOneof("type") == "new_element" \
                            and forward.delta.new_element.WhichOneof("type") == "exception":
                        exceptions += 1
                    elif kind == "script_finished":
                        if forward.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                            continue  # superseded by a rerun the app asked for: wait for that one
                        finished = forward.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY
                        if not finished:
                            raise RuntimeError(f"run ended with status {forward.script_finished}")
            except Exception as exc:  # noqa: BLE001 -- a timeout or a failed run is a finding
                kind = "timeout" if isinstance(exc, asyncio.TimeoutError) else "run failed"
                stats.error(kind, f"{what}: {exc!r}")
                connection, current = None, None
                continue
            seconds = time.monotonic() - started
            current = name
            if exceptions:
                stats.error("exception element", what)
            stats.times_s.append(seconds)
            stats.per_page.setdefault(name, []).append(seconds)
            stats.by_way.setdefault("new session" if by_url else "page switch", []).append(seconds)
    finally:
        if connection is not None:
            await connection.close()


async def _drive_ws(server: StreamlitServer, sessions: int, seconds: float, ramp: float,
                    seed: int) -> tuple[Stats, float, float]:
    warm = Stats()  # the server's first run goes through st.navigation before the clock starts
    await _ws_session(server.url, time.monotonic(), time.monotonic() + 0.01, seed - 1, warm)
    return await _measure(server, sessions, seconds, ramp, seed, "load client",
                          lambda start_at, deadline, n_seed, stats: _ws_session(server.url, start_at, deadline,
                                                                                n_seed, stats))


async def _measure(server: StreamlitServer, sessions: int, seconds: float, ramp: float, seed: int,
                   client: str, session) -> tuple[Stats, float, float]:
    """Run `sessions` sessions (started over `ramp` s) until `seconds` pass; CPU, RSS and timings."""
    stats = Stats()
    peak = [0.0]
    server_cpu, all_cpu = _cpu_s(psutil.Process(server.proc.pid)), _cpu_s(psutil.Process())
    stop = asyncio.Event()
    sampler = asyncio.create_task(_sample_rss(server.proc.pid, stop, peak))
    started = time.monotonic()
    deadline = started + seconds
    tasks = [session(started + ramp * n / sessions, deadline, seed + n, stats) for n in range(sessions)]
    # Sessions stop starting page loads at the deadline; a load in flight gets its own timeout.
    await asyncio.wait_for(asyncio.gather(*tasks), timeout=seconds + PAGE_TIMEOUT_MS / 1000 + 60)
    elapsed = time.monotonic() - started
    server_used = _cpu_s(psutil.Process(server.proc.pid)) - server_cpu
    # The server is a child of this process: the client's share is everything else.
    stats.cpu = {"server": server_used, client: _cpu_s(psutil.Process()) - all_cpu - server_used}
    stop.set()
    await sampler
    return stats, elapsed, peak[0]


def _cpu_s(process: psutil.Process) -> float:
    """CPU seconds used by a process and its children (alive ones)."""
    total = 0.0
    try:
        tree = [process, *process.children(recursive=True)]
    except psutil.NoSuchProcess:
        return total
    for p in tree:
        try:
            times = p.cpu_times()
            total += times.user + times.system
        except psutil.NoSuchProcess:
            pass
    return total


def _rss_mb(pid: int) -> float:
    try:
        process = psutil.Process(pid)
        processes = [process, *process.children(recursive=True)]
    except psutil.NoSuchProcess:
        return float("nan")
    total = 0
    for p in processes:
        try:
            total += p.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total / 1e6


async def _sample_rss(pid: int, stop: asyncio.Event, peak: list[float]) -> None:
    while not stop.is_set():
        peak[0] = max(peak[0], _rss_mb(pid))
        try:
            await asyncio.wait_for(stop.wait(), timeout=1)
        except asyncio.TimeoutError:
            pass


async def _drive(server: StreamlitServer, sessions: int, seconds: float, ramp: float,
                 seed: int) -> tuple[Stats, float, float]:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            warm = await browser.new_page(viewport=DESKTOP)  # route the server's first run via st.navigation
            await warm.goto(server.url + "/", wait_until="commit", timeout=PAGE_TIMEOUT_MS)
            await warm.wait_for_function(_RENDERED_JS, arg=[SETTLE_MS, False, None], timeout=PAGE_TIMEOUT_MS, polling=50)
            await warm.close()
            return await _measure(server, sessions, seconds, ramp, seed, "browser and driver",
                                  lambda start_at, deadline, n_seed, stats: _session(browser, server.url, start_at,
                                                                                     deadline, n_seed, stats))
        finally:
            await browser.close()


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def _report(stats: Stats, sessions: int, elapsed: float, rss_end: float, rss_peak: float, log: str,
            client: str = "browser contexts in one chromium") -> bool:
    # A browser that navigates away closes its websocket mid-message; the server may log that as a
    # traceback. Counted apart: it is the client leaving, not the app failing.
    blocks = log.split("Traceback (most recent call last)")[1:]
    closed = [b for b in blocks if any(name in b for name in ("WebSocketDisconnect", "ConnectionClosed",
                                                               "ClientDisconnected"))]
    failures = [b for b in blocks if b not in closed]
    if failures:
        stats.errors["server traceback"] += len(failures)
        lines = ("Traceback (most recent call last)" + failures[0]).splitlines()
        end = next((i for i, line in enumerate(lines[1:], 1) if line and not line.startswith(" ")), len(lines) - 1)
        stats.examples.append("server traceback (first):\n    " + "\n    ".join(lines[max(0, end - 12):end + 1]))
    if closed:
        print(f"websocket closed by a departing client (server traceback, not counted): {len(closed)}")
    errors = sum(stats.errors.values())
    p50, p95 = _percentile(stats.times_s, 50), _percentile(stats.times_s, 95)
    print(f"sessions: {sessions} ({client}), {elapsed:.0f} s (incl. ramp-up and the last loads)")
    print(f"page loads: {len(stats.times_s)} rendered ({len(stats.times_s) / max(elapsed, 1e-9):.1f}/s)")
    print(f"time to rendered page: p50 {p50:.2f} s, p95 {p95:.2f} s, max {max(stats.times_s, default=float('nan')):.2f} s")
    for name, times in [*sorted(stats.by_way.items()), *sorted(stats.per_page.items())]:
        print(f"  {name:13} n={len(times):4}  p50 {_percentile(times, 50):.2f} s  p95 {_percentile(times, 95):.2f} s")
    print(f"errors: {errors}" + (f" ({dict(stats.errors)})" if errors else ""))
    for line in stats.examples:
        print(f"  {line}")
    if stats.blocked:
        print(f"non-loopback requests blocked: {stats.blocked}")
    if stats.cpu:
        print("CPU during the run: " + ", ".join(f"{k} {v:.0f} s" for k, v in stats.cpu.items())
              + f" (of {elapsed * psutil.cpu_count():.0f} core-seconds on {psutil.cpu_count()} cores)")
    print(f"server RSS (with children): {rss_end:.0f} MB at the end, peak {rss_peak:.0f} MB")
    ok = errors == 0 and p95 < TARGET_P95_S and bool(stats.times_s)
    print(f"target (0 errors, p95 < {TARGET_P95_S:.0f} s): {'met' if ok else 'MISSED'}")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=25)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--ramp", type=float, default=10, help="seconds over which sessions start")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--client", choices=("websocket", "browser"), default="websocket")
    args = parser.parse_args(argv)
    if args.client == "browser" and not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing: `make chromium` (never `playwright install`)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="wmc-load-") as work:
        db = Path(work) / "wmc.duckdb"
        subprocess.run([sys.executable, "-m", "loaders", "build", "--db", str(db)], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL, timeout=300)
        server = StreamlitServer(db, Path(work), name="load").start()
        try:
            print(f"server {server.url} (pid {server.proc.pid}) reading {db}")
            drive = _drive_ws if args.client == "websocket" else _drive
            stats, elapsed, peak = asyncio.run(drive(server, args.sessions, args.seconds, args.ramp, args.seed))
            rss_end = _rss_mb(server.proc.pid)
            log = server.log(tail=2_000_000)
        finally:
            server.stop()
    client = ("Streamlit websocket sessions" if args.client == "websocket"
              else "browser contexts in one chromium")
    return 0 if _report(stats, args.sessions, elapsed, rss_end, max(peak, rss_end), log, client) else 1


if __name__ == "__main__":
    sys.exit(main())
