"""The peer half of `make bench`: our app against the Overview a competent Streamlit user would write
(scripts/bench_apps/peer_overview.py), both served warm, each page view in a fresh browser context.

Both servers are started once and warmed (two untimed page views each; --warm-ups), then every figure is taken in
turn (ours, peer, ours, peer ...) and the ratio is the median of the pair-by-pair ratios:

- open to first KPI: from navigation start to the first st.metric value in the DOM (the page's own clock);
- edition change to new KPI: from the click on the option to the KPI values' text changing;
- server CPU per page view: the server process's user + system CPU seconds from before the navigation
  to the page idle (its session's whole first run, and whatever the previous view's closing cost);
- first chart of each chart page (/projects, /exhibition, /organizers, /sources): open to the first
  plotly SVG, against the peer's first chart; and, ours only, the time from the script's first run
  finishing in the browser (the app's script state leaving "running") to that chart (issue N33).
"""
from __future__ import annotations

import statistics

# bench.py imports this module when it runs the peer figures, never at its own import: no cycle.
from scripts.bench import INTERACTIONS, KPI, Server, interaction_timer, warmed_interleaved
from scripts.served_app import SERVED, wait_for_app

OURS, PEER = SERVED, "scripts/bench_apps/peer_overview.py"
CHART_PAGES = ("projects", "exhibition", "organizers", "sources")
# Marks on the page's own clock (ms since navigation start): the first KPI, the first plotly chart
# drawn, and the end of the first script run the browser saw (the app's script state leaving "running").
MARKS_JS = """
window.__bench = {};
const mark = (name) => { if (window.__bench[name] === undefined) window.__bench[name] = performance.now(); };
new MutationObserver((records) => {
  for (const r of records) {
    if (r.type === 'attributes' && r.attributeName === 'data-test-script-state' && r.oldValue === 'running')
      mark('script_done');
  }
  if (document.querySelector('[data-testid="stMetricValue"]')) mark('kpi');
  if (document.querySelector('.js-plotly-plot .main-svg')) mark('chart');
}).observe(document, {subtree: true, childList: true, attributes: true, attributeOldValue: true,
                      attributeFilter: ['data-test-script-state', 'class']});
"""


def wait_idle(page) -> None:
    wait_for_app(page, settle_ms=150)


def _cpu_s(server: Server) -> float:
    import psutil

    times = psutil.Process(server.proc.pid).cpu_times()
    return times.user + times.system


def page_view(browser, server: Server, path: str, wanted: str) -> dict | None:
    """One page view in a fresh context: the page's marks (s) and the server's CPU seconds for it."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        context.add_init_script(MARKS_JS)
        page = context.new_page()
        cpu_before = _cpu_s(server)
        page.goto(f"{server.url}/{path}", wait_until="commit", timeout=120_000)
        page.wait_for_function(f"() => window.__bench && window.__bench.{wanted} !== undefined",
                               polling="raf", timeout=120_000)
        wait_idle(page)
        marks = page.evaluate("() => window.__bench")
        return {**{k: v / 1000 for k, v in marks.items()}, "cpu_s": _cpu_s(server) - cpu_before}
    except Exception as exc:  # a failed view is reported, not fatal to the bench
        print(f"  note: page view {server.url}/{path} failed: {type(exc).__name__}: {exc}"[:300], flush=True)
        return None
    finally:
        context.close()


def _field(view: dict | None, name: str) -> float | None:
    return None if view is None else view.get(name)


def bench_peer(browser, db, ports, pairs: int, changes: int, chart_pages: tuple[str, ...] = CHART_PAGES,
               warm_ups: int = 2) -> dict:
    """Every peer figure, both servers warm: `pairs` page views and `changes` edition changes each, in turn."""
    ours, peer = Server(OURS, db, ports.take()), Server(PEER, db, ports.take())
    try:
        for server in (ours, peer):
            server.wait_healthy()
        for _ in range(min(warm_ups, pairs)):  # first-use costs (imports, caches, the frontend's files) out of the figures
            page_view(browser, ours, "", "kpi"), page_view(browser, peer, "", "kpi")
            for path in chart_pages:
                page_view(browser, ours, path, "chart")
        result = {"overview_views": _views(browser, ours, peer, "", "kpi", pairs)}
        views = result["overview_views"]
        result["open_first_kpi"] = _pairwise(views, "kpi")
        result["cpu_per_view"] = _pairwise(views, "cpu_s")
        result["edition_kpi"] = _edition_change(browser, ours, peer, changes, warm_ups)
        result["chart_pages"] = {}
        for path in chart_pages:
            chart_views = _views(browser, ours, peer, path, "chart", pairs)
            after = [v["chart"] - v["script_done"] for v, _ in chart_views
                     if v and v.get("chart") is not None and v.get("script_done") is not None]
            result["chart_pages"][path] = {
                "open_first_chart": _pairwise(chart_views, "chart"),
                "chart_after_script_s": after,
                "chart_after_script_median_s": statistics.median(after) if after else None,
                "views": chart_views}
        return result
    finally:
        ours.stop()
        peer.stop()


def _views(browser, ours: Server, peer: Server, path: str, wanted: str, pairs: int) -> list:
    """(our view, peer view) pairs, in turn; the peer always opens its one page at the root."""
    return [(page_view(browser, ours, path, wanted), page_view(browser, peer, "", wanted)) for _ in range(pairs)]


def _pairwise(views: list, name: str) -> dict:
    values = [(_field(a, name), _field(b, name)) for a, b in views]
    ok = [(a, b) for a, b in values if a is not None and b is not None and b > 0]
    if not ok:
        return {"ratio": None, "error": "no successful pair"}
    ours, theirs = [a for a, _ in ok], [b for _, b in ok]
    return {"ratio": statistics.median(a / b for a, b in ok), "ours_median_s": statistics.median(ours),
            "baseline_median_s": statistics.median(theirs), "ours_s": ours, "baseline_s": theirs,
            "pair_ratios": [a / b for a, b in ok]}


def _edition_change(browser, ours: Server, peer: Server, runs: int, warm_ups: int = 2) -> dict:
    """The edition change of the toy-app figure (the same place, options and KPI text), on both Overviews."""
    (place, _), options, signature = INTERACTIONS["interaction_edition_kpi"]
    contexts, timers = [], []
    try:
        for server in (ours, peer):
            context = browser.new_context(viewport={"width": 1440, "height": 900})
            contexts.append(context)
            page = context.new_page()
            page.goto(server.url, timeout=120_000)
            page.wait_for_selector(KPI, state="visible", timeout=120_000)
            wait_idle(page)
            timers.append(interaction_timer(page, *place, options, signature))
        return warmed_interleaved(timers, runs, warm_ups)
    except Exception as exc:
        return {"ratio": None, "error": f"{type(exc).__name__}: {exc}"[:300]}
    finally:
        for context in contexts:
            context.close()


def summary_lines(peer: dict) -> list[str]:
    """The chart pages' figures as lines for the printed report."""
    lines = []
    for path, figures in peer.get("chart_pages", {}).items():
        first = figures["open_first_chart"]
        after = figures["chart_after_script_median_s"]
        lines.append(f"/{path}: open to first chart {_s(first.get('ours_median_s'))} (peer "
                     f"{_s(first.get('baseline_median_s'))}, ratio {_s(first.get('ratio'), '')}); "
                     f"chart {_s(after)} after the script finished")
    return lines


def _s(value, unit: str = " s") -> str:
    return "-" if value is None else f"{value:.2f}{unit}"
