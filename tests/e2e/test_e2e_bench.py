"""The browser half of `scripts/bench.py` at the smallest size: every browser ratio is measured.

Correctness only (one pair, one interaction each): the cold starts, the first chart and both
interactions resolve in Chromium for our app and for the toy apps, and each ratio has both sides.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BROWSER = ("cold_start_first_kpi", "first_chart", "interaction_edition_kpi", "interaction_filter_chart")


def test_bench_measures_every_browser_ratio(tmp_path):
    out = tmp_path / "bench.json"
    ports = ["--ports", os.environ["WMC_BENCH_PORTS"]] if os.environ.get("WMC_BENCH_PORTS") else []  # e.g. 8650-8669
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench.py"), "--rows", "2000", "--load-rows", "1000",
                           "--runs", "1", "--browser-only", "--out", str(out), "--cache", str(tmp_path / "cache"), *ports],
                          cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    ratios = json.loads(out.read_text(encoding="utf-8"))["ratios"]
    for key in BROWSER:
        entry = ratios[key]
        assert entry["value"] > 0 and entry["ours_median_s"] > 0 and entry["baseline_median_s"] > 0, (key, entry)
        assert entry["value"] == entry["ours_median_s"] / entry["baseline_median_s"]  # one pair: its own ratio
