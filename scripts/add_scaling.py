"""Benchmark: time of `python -m loaders add` for facts files of growing size (linear or not?).

    .venv/bin/python scripts/add_scaling.py [--sizes 1000,10000,100000] [--runs 3]

Each size: a long-layout facts CSV of N distinct figures (one edition, one metric, N scopes), added
to a fresh copy of the fixture-world database through the CLI, as a user would. Prints the median
seconds per size, the rows/s, and the ratio of each step's time to the size ratio (1.0 = linear),
with the load average.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def facts_csv(path: Path, rows: int) -> None:
    with open(path, "w", encoding="utf-8") as out:
        out.write("convention,year,metric,value,unit,qualifier,scope\n")
        for i in range(rows):
            out.write(f"WMC,2021,exhibitors,{i + 1},companies,exact,hall {i}\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from loaders.build import build

    sizes = [int(float(s)) for s in args.sizes.split(",")]
    work = Path(tempfile.mkdtemp(prefix="wmc-add-scaling-"))
    try:
        base = work / "base.duckdb"
        build(ROOT / "tests" / "fixtures" / "world", base)
        print(f"load average at start: {os.getloadavg()[0]:.2f}")
        medians = {}
        for rows in sizes:
            source = work / f"facts_{rows}.csv"
            facts_csv(source, rows)
            times = []
            for run in range(args.runs):
                db = work / f"run_{rows}_{run}.duckdb"
                shutil.copyfile(base, db)
                started = time.perf_counter()
                done = subprocess.run([sys.executable, "-m", "loaders", "add", str(source), "--db", str(db),
                                       "--source-url", "https://example.org/scaling", "--publisher", "Bench",
                                       "--prefer", "new"], cwd=ROOT, capture_output=True, text=True, timeout=1800)
                times.append(time.perf_counter() - started)
                if done.returncode != 0:
                    print(done.stderr[-2000:])
                    return 1
            medians[rows] = statistics.median(times)
            print(f"{rows:>9,} rows: median {medians[rows]:.2f} s of {args.runs} ({rows / medians[rows]:,.0f} rows/s)")
        for small, large in zip(sizes, sizes[1:]):
            growth = medians[large] / medians[small]
            print(f"{small:,} -> {large:,} rows ({large / small:.0f}x): time x{growth:.2f} "
                  f"(x{growth / (large / small):.2f} of linear)")
        print(f"load average at end: {os.getloadavg()[0]:.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
