"""Benchmark: does the release extractor's time grow linearly with the text, whatever the text?

    .venv/bin/python scripts/bench_extract.py [--sizes 1,2,4,...,64] [--shapes a,b] [--budget S] [--out FILE]

Times `release_text` + `extract` (what an upload on Add data and `loaders add RELEASE` run) on 1, 2, 4, 8, 16, 32
and 64 KB (UTF-8 bytes) of each hostile shape found by the reliability pass (long runs of digits, of 约, of "1."
...) and of real-looking text (the test releases, repeated). For each shape it prints the median time, the time per
KB and the growth ratio t(largest)/t(1 KB)/(largest/1 KB): about 1 for linear growth (less when a fixed cost
dominates the small sizes), the size factor itself for quadratic growth. A shape stops growing once one size takes
longer than --budget seconds (the ratio is then taken at the largest size measured), so the script also runs on the
quadratic code. The load average is printed at the start and the end.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

KB = 1024
EN_LEAD = "The 2025 World Manufacturing Convention opened in Hefei on Sept. 20. "
CN_LEAD = "2025世界制造业大会在合肥开幕。"


def _fill(prefix: str, unit: str, suffix: str, size: int) -> str:
    """prefix + unit repeated + suffix, about `size` UTF-8 bytes in all."""
    room = max(1, size - len((prefix + suffix).encode()))
    return prefix + unit * max(1, room // len(unit.encode())) + suffix


def _real(size: int) -> str:
    """The test releases (plain text ones), one after another, repeated up to `size` bytes."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "releases").glob("*.txt"))]
    whole = "\n\n".join(texts)
    out = []
    total = 0
    while total < size:
        out.append(whole)
        total += len(whole.encode())
    return "\n\n".join(out).encode()[:size].decode("utf-8", "ignore")


# name -> (text of about n bytes), the shapes of the reliability findings (I11) first
SHAPES = {
    "cn_digits_trillion": lambda n: _fill("2025年世界制造业大会签约项目", "1", "万亿元。", n),
    "cn_yue_run": lambda n: _fill(CN_LEAD, "约", "100亿元。", n),
    "en_digits_projects": lambda n: _fill(EN_LEAD + "It signed ", "7", " projects.", n),
    "one_dot_run": lambda n: _fill(EN_LEAD, "1.", "", n),
    "cn_digits_projects": lambda n: _fill("世界制造业大会签约", "1", "个项目。", n),
    "abbreviation_run": lambda n: _fill(EN_LEAD, "No. ", "end.", n),
    "capitalized_title": lambda n: _fill("", "Big-Word ", "World Manufacturing Convention opens", n),
    "markdown_brackets": lambda n: _fill(EN_LEAD, "![", "", n),
    "digit_comma_run": lambda n: _fill(EN_LEAD, "1,", " projects.", n),
    "real_releases": _real,
}


def _time(text: str) -> float:
    from loaders.press_release import extract
    from loaders.press_release.text import release_text

    started = time.perf_counter()
    extract(release_text(text, ".txt", "bench"))
    return time.perf_counter() - started


def measure(shape: str, sizes_kb: list[int], budget_s: float) -> dict:
    build = SHAPES[shape]
    rows = []
    for kb in sizes_kb:
        text = build(kb * KB)
        try:
            first = _time(text)
        except Exception as exc:  # the extractor before the fix crashed on some shapes (a 400-digit number)
            print(f"  {shape:22s} {kb:3d} KB  failed: {type(exc).__name__}", flush=True)
            rows.append({"kb": kb, "bytes": len(text.encode()), "median_s": None, "error": type(exc).__name__})
            break
        # small sizes take milliseconds: enough runs (about half a second) for a median that noise does not decide
        repeats = 1 if first > 1 else max(3, min(41, int(0.5 / max(first, 1e-4))))
        times = [first] + [_time(text) for _ in range(repeats - 1)]
        median = statistics.median(times)
        rows.append({"kb": kb, "bytes": len(text.encode()), "median_s": median, "runs": len(times)})
        print(f"  {shape:22s} {kb:3d} KB  {median * 1000:10.1f} ms  {median * 1000 / kb:8.2f} ms/KB", flush=True)
        if median > budget_s:
            break
    rows = [r for r in rows if r["median_s"] is not None] or rows
    base, last = rows[0], rows[-1]
    ratio = last["median_s"] / base["median_s"] / (last["kb"] / base["kb"]) if len(rows) > 1 else None
    return {"shape": shape, "rows": rows, "growth_ratio": ratio, "largest_kb": last["kb"],
            "stopped_early": last["kb"] != sizes_kb[-1]}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,2,4,8,16,32,64", help="sizes in KB (comma-separated)")
    parser.add_argument("--shapes", default=",".join(SHAPES), help="shapes to run (comma-separated): "
                        + ", ".join(SHAPES))
    parser.add_argument("--budget", type=float, default=10.0,
                        help="stop growing a shape once one size takes longer than this many seconds")
    parser.add_argument("--out", help="also write the figures as JSON to this file")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    load_start = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else []
    print(f"load average at start: {' '.join(load_start)}")
    _time(SHAPES["real_releases"](KB))  # imports and regex compilation out of the first figure
    results = [measure(shape, sizes, args.budget) for shape in args.shapes.split(",")]
    load_end = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else []
    print(f"\nload average at end: {' '.join(load_end)}")
    print(f"\n{'shape':22s} {'t(1 KB)':>10s} {'largest':>8s} {'t(largest)':>11s} {'ms/KB there':>11s} "
          f"{'t(L)/t(1)/L':>11s}")
    for r in results:
        base, last = r["rows"][0], r["rows"][-1]
        if last["median_s"] is None:
            print(f"{r['shape']:22s} failed at {last['kb']} KB: {last['error']}")
            continue
        ratio = "-" if r["growth_ratio"] is None else f"{r['growth_ratio']:.2f}"
        note = "  (stopped: over budget)" if r["stopped_early"] else ""
        print(f"{r['shape']:22s} {base['median_s'] * 1000:8.1f}ms {last['kb']:6d}KB {last['median_s']:10.2f}s "
              f"{last['median_s'] * 1000 / last['kb']:11.2f} {ratio:>11s}{note}")
    if args.out:
        Path(args.out).write_text(json.dumps({"load_start": load_start, "load_end": load_end, "results": results},
                                             indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
