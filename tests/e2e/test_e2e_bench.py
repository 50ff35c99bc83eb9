"""The browser half of `scripts/bench.py` at the smallest size: every browser ratio is measured.

Correctness only (one pair, one interaction each, no untimed warm-ups: the figures' values are not
checked, so their fairness is not either): the cold starts, the first chart and both
interactions resolve in Chromium for our app and for the toy apps, the warm page views, the edition
change, the server CPU and the chart pages' first charts for our app and the peer Overview app, and
each ratio has both sides.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BROWSER = ("cold_start_first_kpi", "first_chart", "interaction_edition_kpi", "interaction_filter_chart",
           "peer_open_first_kpi", "peer_edition_kpi", "peer_cpu_per_view")
# The chart pages all take the same path through the bench: one is enough to check it (make bench times all four).
CHART_PAGES = {"projects"}


def test_bench_measures_every_browser_ratio(tmp_path):
    out = tmp_path / "bench.json"
    ports = ["--ports", os.environ["WMC_BENCH_PORTS"]] if os.environ.get("WMC_BENCH_PORTS") else []  # e.g. 8650-8669
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench.py"), "--rows", "2000", "--load-rows", "1000",
                           "--runs", "1", "--warm-ups", "0", "--browser-only", "--chart-pages", ",".join(CHART_PAGES), "--out", str(out), "--cache", str(tmp_path / "cache"), *ports],
                          cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    ratios = report["ratios"]
    for key in BROWSER:
        entry = ratios[key]
        assert entry["value"] > 0 and entry["ours_median_s"] > 0 and entry["baseline_median_s"] > 0, (key, entry)
        assert entry["value"] == entry["ours_median_s"] / entry["baseline_median_s"]  # one pair: its own ratio
    # The chart pages: our first chart after the script finished, the slowest page's median, in ms.
    pages = report["browser"]["peer"]["chart_pages"]
    assert set(pages) == CHART_PAGES == set(ratios["chart_after_script_ms"]["pages_ms"])
    after = [pages[p]["chart_after_script_median_s"] for p in CHART_PAGES]
    assert ratios["chart_after_script_ms"]["value"] == max(after) * 1000
    assert all(pages[p]["open_first_chart"]["ratio"] > 0 for p in CHART_PAGES)


def test_the_cold_start_stamp_is_the_first_frame_the_selector_is_shown(new_context):
    """bench.SHOWN_JS: nothing while the element is missing or hidden (React hides a suspended tree with
    display: none), then the wall-clock time of the first frame it has a box, taken in the page."""
    sys.path.insert(0, str(ROOT))
    from scripts import bench

    context = new_context()
    context.add_init_script(bench.SHOWN_JS % json.dumps('[data-testid="stMetricValue"]'))
    page = context.new_page()
    page.set_content('<div id="tree" style="display: none"><div data-testid="stMetricValue">735</div></div>')
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.__shownAt") is None  # in the DOM, hidden: not shown
    shown_at = page.evaluate("""() => new Promise(resolve => setTimeout(() => {
        const before = performance.timeOrigin + performance.now();
        document.getElementById('tree').style.display = 'block';
        resolve(before); }, 100))""")
    page.wait_for_function("() => window.__shownAt !== undefined", polling="raf", timeout=5_000)
    stamp = page.evaluate("() => window.__shownAt")
    assert shown_at <= stamp < shown_at + 100  # within a few frames of being shown, on the same clock
