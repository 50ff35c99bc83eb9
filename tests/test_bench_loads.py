"""`scripts/bench.py --loads-only --against TREE`: the register-load figures alone, with another checkout's `add`
timed in the same rounds (a before/after). A correctness test of the benchmark, not a timed one."""
from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_loads_only_times_both_trees_in_the_same_rounds(tmp_path):
    out = tmp_path / "bench.json"
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench.py"), "--loads-only", "--load-rows", "1000",
                           "--runs", "2", "--against", str(ROOT), "--out", str(out), "--cache", str(tmp_path / "cache")],
                          cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    assert "browser" not in report and "register_page" not in report and "export" not in report
    for kind in ("csv", "parquet"):
        load, other = report["loads"][kind], report["loads"][kind]["against"]
        assert load["rows"] == 1000 and len(load["pair_ratios"]) == len(other["pair_ratios"]) == 2
        assert load["ratio"] == statistics.median(load["pair_ratios"])
        assert other["ratio"] == statistics.median(other["pair_ratios"]) and other["tree"] == str(ROOT)
        ours_over = statistics.median(a / b for a, b in zip(load["ours_s"], other["ours_s"]))
        assert other["ours_over_against"] == ours_over > 0
        assert f"load {kind}, {ROOT} in the same rounds" in done.stdout
    assert report["ratios"]["load_csv"]["value"] == report["loads"]["csv"]["ratio"]
