"""Load test (`make load`): many sessions against one local Streamlit server.

    .venv/bin/python scripts/load.py [--sessions 25] [--seconds 60] [--client websocket|browser]
                                     [--replicas 2] [--port 8670] [--publish-at 30]

--client websocket (the default) speaks Streamlit's own protocol, as the browser does: each
session opens /_stcore/stream, asks for a run of a page with filters in the query string and
times the run until the server reports it finished, counting exception elements and failed runs.
This measures the server; 25 Chromium renderers on a 2-core machine would measure Chromium.
--client browser drives real browser contexts (below) and suits a handful of sessions.

Builds a database from data/ into a temp folder, starts `streamlit run app.py` on a free
127.0.0.1 port, and opens --sessions browser contexts in one Debian chromium (never a browser of
playwright's own). Each session, for --seconds, opens a random page with random shared filters in
the URL (cur, from, to), or (as a user mostly does) clicks another page in the sidebar, and measures
the time from navigation start (or the click) to the rendered page: the app idle (no status widget,
script not running), the main area visible with the new page's title, and every plotly chart drawn
on chart pages. Errors: exception boxes, uncaught page errors, timeouts, tracebacks in
the server log. Prints p50/p95 time to rendered page, errors, page loads and the server's RSS
(with children); exits 1 when the target (0 errors, p95 <= 1.5 s, server RSS <= 400 MB) is missed.
Only loopback addresses are contacted; every loop is bounded; the servers are stopped at the end.

--replicas N starts N app servers on the same database file behind Debian's nginx with sticky
sessions (scripts/replicas.py), and (websocket client) publishes a new database version during
the run (`loaders add` of a synthetic register, at --publish-at seconds, by default 40% in).
Every run reads the version shown in its sidebar ("load run N"). One data version across a
publish means, and is checked as: every run shows exactly one version; a session (one websocket)
never goes back to an older version and switches at most once; a run that starts after the
publish finished shows the new version; every websocket stays on the replica nginx chose for its
first request. A breach counts as an error. Figures are reported per replica too.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import secrets
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
sys.path.insert(0, str(ROOT / "scripts"))
from scripts.served_app import (CHROMIUM, CHROMIUM_ARGS, DESKTOP, PAGES, StreamlitServer,  # noqa: E402
                                free_port, served_path)
from vocabulary import CURRENCIES  # noqa: E402

YEARS = list(range(2018, 2026))
TARGET_P95_S = 1.5
TARGET_RSS_MB = 400  # per app server, with its children
VERSION_SHOWN = re.compile(r"load run (\d+)")  # the sidebar's "data as of" caption (English)
PAGE_TIMEOUT_MS = 30_000
SETTLE_MS = 250
NOT_LOOPBACK = re.compile(r"^(?!(?:https?|wss?)://(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?/)[a-z]+://")
PUBLISH_SHARE = 0.4  # of the run's seconds: time enough after it for every session to see the new version
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
    by_replica: dict[str, list[float]] = field(default_factory=dict)
    errors_by_replica: Counter = field(default_factory=Counter)
    # (session number, run start on the monotonic clock, versions shown in the run, replica)
    runs: list[tuple[int, float, tuple[int, ...], str]] = field(default_factory=list)
    publish: dict = field(default_factory=dict)  # started / finished (monotonic), returncode

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


def _first_visit(base_url: str) -> tuple[str, str]:
    """GET / as a browser's first visit does: (the sticky cookie nginx set, the replica that answered)."""
    import urllib.request

    with urllib.request.urlopen(base_url + "/", timeout=PAGE_TIMEOUT_MS / 1000) as response:
        response.read()
        cookie = (response.headers.get("Set-Cookie") or "").split(";")[0]
        return cookie, response.headers.get("X-WMC-Replica") or "?"


async def _ws_session(base_url: str, start_at: float, deadline: float, seed: int, stats: Stats,
                      behind_proxy: bool = False, think_s: float = 0.0) -> None:
    """One websocket session: a URL load opens a new session; a page switch reruns the same one.
    Behind nginx a URL load first GETs / for the sticky cookie, then opens the websocket with it."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.asyncio.client import connect as websocket_connect
    from websockets.exceptions import ConnectionClosed

    rng = random.Random(seed)
    await asyncio.sleep(max(0.0, start_at - time.monotonic()))
    ws_url = base_url.replace("http://", "ws://") + "/_stcore/stream"
    connection, current, replica, session_no = None, None, base_url, seed * 1000
    try:
        while time.monotonic() < deadline:
            by_url = connection is None or rng.random() < URL_LOAD_SHARE
            name = rng.choice([n for n in PAGES if n != current])
            query = _random_query(rng) if by_url else ""
            what = f"{'load' if by_url else 'switch'} {name}?{query}"
            started = time.monotonic()
            versions: list[int] = []
            try:
                if by_url:
                    if connection is not None:
                        await connection.close()
                    headers = {}
                    if behind_proxy:
                        cookie, replica = await asyncio.to_thread(_first_visit, base_url)
                        headers = {"Cookie": cookie} if cookie else {}
                    session_no += 1
                    connection = await asyncio.wait_for(
                        websocket_connect(ws_url, subprotocols=["streamlit"], max_size=None,
                                          open_timeout=PAGE_TIMEOUT_MS / 1000, additional_headers=headers),
                        PAGE_TIMEOUT_MS / 1000)
                    if behind_proxy and connection.response.headers.get("X-WMC-Replica", replica) != replica:
                        stats.error("not sticky", f"{what}: page from {replica}, websocket to "
                                    f"{connection.response.headers.get('X-WMC-Replica')}")
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
                    element = forward.delta.new_element.WhichOneof("type") \
                        if kind == "delta" and forward.delta.WhichOneof("type") == "new_element" else None
                    if element == "exception":
                        exceptions += 1
                    elif element == "markdown":
                        versions += [int(v) for v in VERSION_SHOWN.findall(forward.delta.new_element.markdown.body)]
                    elif kind == "script_finished":
                        if forward.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                            continue  # superseded by a rerun the app asked for: wait for that one
                        finished = forward.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY
                        if not finished:
                            raise RuntimeError(f"run ended with status {forward.script_finished}")
            except Exception as exc:  # noqa: BLE001 -- a timeout or a failed run is a finding
                kind = "timeout" if isinstance(exc, asyncio.TimeoutError) else "run failed"
                stats.error(kind, f"{what}: {exc!r}")
                stats.errors_by_replica[replica] += 1
                connection, current = None, None
                continue
            seconds = time.monotonic() - started
            current = name
            if exceptions:
                stats.error("exception element", what)
                stats.errors_by_replica[replica] += 1
            stats.runs.append((session_no, started, tuple(versions), replica))
            stats.by_replica.setdefault(replica, []).append(seconds)
            stats.times_s.append(seconds)
            stats.per_page.setdefault(name, []).append(seconds)
            stats.by_way.setdefault("new session" if by_url else "page switch", []).append(seconds)
            if think_s > 0:  # a person reading the page before the next step
                await asyncio.sleep(min(rng.expovariate(1 / think_s), max(0.0, deadline - time.monotonic())))
    finally:
        if connection is not None:
            await connection.close()


@dataclass
class Front:
    """Where the sessions connect: one app server, or nginx in front of several."""
    url: str
    servers: list  # StreamlitServer, one per replica
    behind_proxy: bool = False
    db: Path | None = None
    work: Path | None = None
    nginx: object = None  # scripts/replicas.Nginx when behind_proxy

    def replica_name(self, label: str) -> str:
        """'replica 1 (:8671)' for nginx's X-WMC-Replica value (or the server's URL)."""
        for n, server in enumerate(self.servers, 1):
            if label.endswith(f":{server.port}"):
                return f"replica {n} (:{server.port})"
        return label


async def _drive_ws(front: Front, sessions: int, seconds: float, ramp: float, seed: int,
                    publish_at: float | None = None, think_s: float = 0.0) -> tuple[Stats, float, dict]:
    for n, server in enumerate(front.servers):  # each server's first run goes through st.navigation
        await _ws_session(server.url, time.monotonic(), time.monotonic() + 0.01, seed - 1 - n, Stats())
    return await _measure(front, sessions, seconds, ramp, seed, "load client",
                          lambda start_at, deadline, n_seed, stats: _ws_session(
                              front.url, start_at, deadline, n_seed, stats, front.behind_proxy, think_s),
                          publish_at)


def _publish_file(work: Path) -> Path:
    """What the publish adds: a small synthetic register, written before the clock starts."""
    register = work / "publish-register.parquet"
    subprocess.run([sys.executable, "-m", "loaders", "synth", "--rows", "2000", "--seed", "5", "--out",
                    str(register)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL, timeout=120)
    return register


def _publish(front: Front, stats: Stats) -> None:
    """A new database version while sessions run: `loaders add` of a small synthetic register
    (a new load run, so the sidebar shows a new "load run N"), renamed over the file they read."""
    register = front.work / "publish-register.parquet"
    stats.publish["started"] = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "loaders", "add", str(register), "--db", str(front.db),
                           "--create-editions"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    stats.publish["finished"] = time.monotonic()
    stats.publish["returncode"] = done.returncode
    if done.returncode != 0:
        stats.error("publish failed", done.stderr)


async def _publish_later(front: Front, stats: Stats, at: float) -> None:
    await asyncio.sleep(max(0.0, at - time.monotonic()))
    await asyncio.to_thread(_publish, front, stats)


async def _measure(front: Front, sessions: int, seconds: float, ramp: float, seed: int,
                   client: str, session, publish_at: float | None = None) -> tuple[Stats, float, dict]:
    """Run `sessions` sessions (started over `ramp` s) until `seconds` pass, publishing a new
    database version `publish_at` s in if asked; CPU, RSS per server and timings."""
    stats = Stats()
    pids = [server.proc.pid for server in front.servers]
    peaks = {pid: 0.0 for pid in pids}
    server_cpu = {pid: _cpu_s(psutil.Process(pid)) for pid in pids}
    all_cpu = _cpu_s(psutil.Process())
    stop = asyncio.Event()
    sampler = asyncio.create_task(_sample_rss(pids, stop, peaks))
    started = time.monotonic()
    deadline = started + seconds
    tasks = [session(started + ramp * n / sessions, deadline, seed + n, stats) for n in range(sessions)]
    if publish_at is not None:
        tasks.append(_publish_later(front, stats, started + publish_at))
    # Sessions stop starting page loads at the deadline; a load in flight gets its own timeout.
    await asyncio.wait_for(asyncio.gather(*tasks), timeout=seconds + PAGE_TIMEOUT_MS / 1000 + 360)
    elapsed = time.monotonic() - started
    used = {pid: _cpu_s(psutil.Process(pid)) - server_cpu[pid] for pid in pids}
    # The servers are children of this process: the client's share (with nginx and any publish) is the rest.
    stats.cpu = {**({"server": used[pids[0]]} if len(pids) == 1 else
                    {front.replica_name(f":{s.port}"): used[s.proc.pid] for s in front.servers}),
                 client: _cpu_s(psutil.Process()) - all_cpu - sum(used.values())}
    stop.set()
    await sampler
    return stats, elapsed, peaks


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


async def _sample_rss(pids: list[int], stop: asyncio.Event, peaks: dict) -> None:
    while not stop.is_set():
        for pid in pids:
            peaks[pid] = max(peaks[pid], _rss_mb(pid))
        try:
            await asyncio.wait_for(stop.wait(), timeout=1)
        except asyncio.TimeoutError:
            pass


async def _drive(front: Front, sessions: int, seconds: float, ramp: float, seed: int,
                 publish_at: float | None = None, think_s: float = 0.0) -> tuple[Stats, float, dict]:
    server = front.servers[0]
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            warm = await browser.new_page(viewport=DESKTOP)  # route the server's first run via st.navigation
            await warm.goto(server.url + "/", wait_until="commit", timeout=PAGE_TIMEOUT_MS)
            await warm.wait_for_function(_RENDERED_JS, arg=[SETTLE_MS, False, None], timeout=PAGE_TIMEOUT_MS, polling=50)
            await warm.close()
            return await _measure(front, sessions, seconds, ramp, seed, "browser and driver",
                                  lambda start_at, deadline, n_seed, stats: _session(browser, server.url, start_at,
                                                                                     deadline, n_seed, stats),
                                  publish_at)
        finally:
            await browser.close()


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def check_versions(runs: list[tuple[int, float, tuple[int, ...], str]], publish: dict) -> Counter:
    """Breaches of "one data version across a publish" (see the module doc), by kind."""
    breaches: Counter = Counter()
    sessions: dict[int, list[tuple[float, tuple[int, ...], str]]] = {}
    for session_no, started, versions, replica in runs:
        sessions.setdefault(session_no, []).append((started, versions, replica))
    newest = max((v for _, _, versions, _ in runs for v in versions), default=None)
    for session_runs in sessions.values():
        shown = []
        for started, versions, replica in sorted(session_runs):
            if len(set(versions)) != 1:
                breaches["run without exactly one version" if not versions else "run mixing versions"] += 1
                continue
            shown.append(versions[0])
            if publish.get("returncode") == 0 and started > publish["finished"] and versions[0] != newest:
                breaches["old version after the publish"] += 1
        if any(b < a for a, b in zip(shown, shown[1:])):
            breaches["session went back to an older version"] += 1
        if len(set(shown)) > 2 or sum(a != b for a, b in zip(shown, shown[1:])) > 1:
            breaches["session switched more than once"] += 1
        if len({replica for _, _, replica in session_runs}) > 1:
            breaches["session moved between replicas"] += 1
    return breaches


def _version_summary(runs, publish: dict) -> str:
    per_session: dict[int, set] = {}
    for session_no, _, versions, _ in runs:
        per_session.setdefault(session_no, set()).update(versions)
    switched = sum(len(v) > 1 for v in per_session.values())
    shown = sorted({v for vs in per_session.values() for v in vs})
    text = f"data versions shown (load run): {shown}; sessions {len(per_session)}, of which {switched} switched"
    if publish:
        took = publish.get("finished", float("nan")) - publish.get("started", float("nan"))
        text += f"; publish took {took:.1f} s (exit {publish.get('returncode')})"
        after = [v for _, started, vs, _ in runs if started > publish.get("finished", float("inf")) for v in vs]
        text += f"; runs started after it: {len(after)}, showing {sorted(set(after))}"
    return text


def _server_failures(log: str, stats: Stats) -> None:
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


def _report(stats: Stats, sessions: int, elapsed: float, rss: dict, logs: list[str], front: Front,
            client: str = "browser contexts in one chromium") -> bool:
    """Print the figures; True when the target is met. `rss`: replica name -> (end MB, peak MB)."""
    for log in logs:
        _server_failures(log, stats)
    if stats.runs and (stats.publish or front.behind_proxy):
        for kind, count in check_versions(stats.runs, stats.publish).items():
            stats.errors[kind] += count
            stats.examples.append(f"{kind}: {count}")
    errors = sum(stats.errors.values())
    p50, p95 = _percentile(stats.times_s, 50), _percentile(stats.times_s, 95)
    print(f"sessions: {sessions} ({client}), {elapsed:.0f} s (incl. ramp-up and the last loads)")
    print(f"page loads: {len(stats.times_s)} rendered ({len(stats.times_s) / max(elapsed, 1e-9):.1f}/s)")
    print(f"time to rendered page: p50 {p50:.2f} s, p95 {p95:.2f} s, max {max(stats.times_s, default=float('nan')):.2f} s")
    for name, times in [*sorted(stats.by_way.items()), *sorted(stats.per_page.items())]:
        print(f"  {name:13} n={len(times):4}  p50 {_percentile(times, 50):.2f} s  p95 {_percentile(times, 95):.2f} s")
    if front.behind_proxy:
        for label, times in sorted(stats.by_replica.items()):
            name = front.replica_name(label)
            end, peak = rss.get(name, (float("nan"), float("nan")))
            print(f"  {name}: n={len(times)}  p50 {_percentile(times, 50):.2f} s  p95 {_percentile(times, 95):.2f} s"
                  f"  errors {stats.errors_by_replica.get(label, 0)}  RSS {end:.0f} MB at the end, peak {peak:.0f} MB")
    if stats.runs and (stats.publish or front.behind_proxy):
        print(_version_summary(stats.runs, stats.publish))
    print(f"errors: {errors}" + (f" ({dict(stats.errors)})" if errors else ""))
    for line in stats.examples:
        print(f"  {line}")
    if stats.blocked:
        print(f"non-loopback requests blocked: {stats.blocked}")
    if stats.cpu:
        print("CPU during the run: " + ", ".join(f"{k} {v:.0f} s" for k, v in stats.cpu.items())
              + f" (of {elapsed * psutil.cpu_count():.0f} core-seconds on {psutil.cpu_count()} cores)")
    peak_rss = max((peak for _, peak in rss.values()), default=float("nan"))
    for name, (end, peak) in rss.items():
        print(f"server RSS (with children){'' if len(rss) == 1 else ', ' + name}: {end:.0f} MB at the end, "
              f"peak {peak:.0f} MB")
    ok = errors == 0 and p95 <= TARGET_P95_S and peak_rss <= TARGET_RSS_MB and bool(stats.times_s)
    print(f"load average (1, 5, 15 min) at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"target (0 errors, p95 <= {TARGET_P95_S} s, RSS <= {TARGET_RSS_MB} MB per server): "
          f"{'met' if ok else 'MISSED'}")
    return ok


def _start_front(db: Path, work: Path, replicas: int, port: int | None) -> Front:
    """One app server, or `replicas` of them (same database file, same cookie secret) behind nginx."""
    if replicas == 1:
        server = StreamlitServer(db, work, name="load", port=port).start()
        return Front(server.url, [server], db=db, work=work)
    from replicas import Nginx

    # One XSRF secret for every replica; nginx, on loopback, sets X-Forwarded-For to its client; WMC_REPLICAS
    # lets each replica size DuckDB's memory and threads for its share of the machine.
    secret = {"STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(16), "WMC_TRUSTED_PROXIES": "127.0.0.1",
              "WMC_REPLICAS": str(replicas)}
    servers = []
    front = Front("", servers, behind_proxy=True, db=db, work=work)
    try:
        for n in range(1, replicas + 1):
            servers.append(StreamlitServer(db, work, name=f"replica{n}", env=secret,
                                           port=port + n if port else None).start())
        nginx = Nginx(port or free_port(), [s.port for s in servers], work / "nginx").start()
    except BaseException:
        for server in servers:
            server.stop()
        raise
    front.url, front.nginx = nginx.url, nginx
    return front


def _stop_front(front: Front) -> None:
    if front.nginx is not None:
        front.nginx.stop()
    for server in front.servers:
        server.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=25)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--ramp", type=float, default=10, help="seconds over which sessions start")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--client", choices=("websocket", "browser"), default="websocket")
    parser.add_argument("--replicas", type=int, default=1, help="app servers behind nginx (1: no nginx)")
    parser.add_argument("--port", type=int, default=None,
                        help="port of the front (nginx, or the one server); replicas on the next ports")
    parser.add_argument("--think", type=float, default=0.0,
                        help="mean seconds a session waits after a rendered page (exponential; websocket "
                             "client). 0: the next step at once, which measures the server saturated")
    parser.add_argument("--publish-at", type=float, default=None,
                        help="seconds into the run to publish a new database version (default: "
                             f"{PUBLISH_SHARE * 100:.0f}%% of --seconds with --replicas above 1, else never)")
    args = parser.parse_args(argv)
    if args.client == "browser" and not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing: `make chromium` (never `playwright install`)", file=sys.stderr)
        return 2
    if args.replicas < 1 or (args.replicas > 1 and args.client != "websocket"):
        print("--replicas: 1 or more, and above 1 only with the websocket client", file=sys.stderr)
        return 2
    publish_at = args.publish_at if args.publish_at is not None else (
        args.seconds * PUBLISH_SHARE if args.replicas > 1 else None)
    print(f"load average (1, 5, 15 min) at the start: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="wmc-load-") as work:
        db = Path(work) / "wmc.duckdb"
        subprocess.run([sys.executable, "-m", "loaders", "build", "--db", str(db)], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL, timeout=300)
        if publish_at is not None:
            _publish_file(Path(work))
        front = _start_front(db, Path(work), args.replicas, args.port)
        try:
            for n, server in enumerate(front.servers, 1):
                print(f"server {server.url} (pid {server.proc.pid}) reading {db}"
                      + (f", replica {n} behind nginx {front.url}" if front.behind_proxy else ""))
            drive = _drive_ws if args.client == "websocket" else _drive
            stats, elapsed, peaks = asyncio.run(drive(front, args.sessions, args.seconds, args.ramp, args.seed,
                                                      publish_at, args.think))
            rss = {}
            for server in front.servers:
                end = _rss_mb(server.proc.pid)
                rss[front.replica_name(f":{server.port}")] = (end, max(peaks[server.proc.pid], end))
            logs = [server.log(tail=2_000_000) for server in front.servers]
        finally:
            _stop_front(front)
    client = ("Streamlit websocket sessions" if args.client == "websocket"
              else "browser contexts in one chromium")
    if args.think and args.client == "websocket":
        client += f", {args.think:g} s mean think time"
    if front.behind_proxy:
        client += f", through nginx to {args.replicas} replicas (sticky)"
    return 0 if _report(stats, args.sessions, elapsed, rss, logs, front, client) else 1


if __name__ == "__main__":
    sys.exit(main())
