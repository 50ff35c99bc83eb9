"""Benchmark: build, page run times, cold start to first KPI, and the projects register at scale.

    .venv/bin/python scripts/bench.py [--sizes 1e5,1e6,1e7] [--quick] [--skip-browser]

Prints a table and writes artifacts/bench.json. Every server listens on 127.0.0.1 only and every
wait is bounded. Each register size runs in a fresh worker process, so its RSS is its own; the
BASELINE does the same page work the naive way (whole register into pandas, groupby/sort there).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
from e2e_helpers import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (one place for the browser's path and flags)

from ui.filters import Filters  # noqa: E402

ARTIFACTS = ROOT / "artifacts"
EXPORT_ROWS = 1_000_000


# Every edition, reported and derived: the register's whole page work.
ALL_EDITIONS = Filters("WMC", 2018, 2100, "CNY", True)


def median_time(fn, runs: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def data_dir() -> Path:
    return ROOT / "data" if (ROOT / "data" / "metrics.csv").exists() else ROOT / "tests" / "fixtures" / "world"


# ---------------------------------------------------------------- build and pages

def bench_build(work: Path, runs: int) -> dict:
    from loaders.build import build

    db = work / "base.duckdb"
    src = data_dir()
    med, times = median_time(lambda: build(src, db), runs)
    return {"data": str(src.relative_to(ROOT)), "median_s": med, "runs_s": times, "db": str(db)}


def discover_pages() -> list[str]:
    text = (ROOT / "dashboard.py").read_text(encoding="utf-8")
    found = re.findall(r"""st\.Page\(\s*["']([^"']+\.py)["']""", text)
    if not found:
        found = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))
    return list(dict.fromkeys(found))


def bench_pages(db: Path, runs: int) -> dict:
    from ui.st_internals import apptest_without_legacy_pages

    with apptest_without_legacy_pages():
        return _bench_pages(db, runs)


def _bench_pages(db: Path, runs: int) -> dict:
    from streamlit.testing.v1 import AppTest

    os.environ["WMC_DB"] = str(db)
    results = {}
    for page in discover_pages():
        if not (ROOT / page).exists():
            print(f"  note: {page} does not exist yet; skipped")
            results[page] = {"skipped": "missing"}
            continue
        try:
            at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
            at.run()
            at.switch_page(page)
            at.run()  # warm: imports, caches
            if at.exception:
                raise RuntimeError(at.exception[0].message)
            med, times = median_time(at.run, runs)
            results[page] = {"median_ms": med * 1000, "runs_ms": [t * 1000 for t in times]}
        except Exception as exc:  # a broken page is reported, not fatal to the bench
            print(f"  note: {page} failed under AppTest: {type(exc).__name__}: {exc}")
            results[page] = {"error": f"{type(exc).__name__}: {exc}"[:300]}
    return results


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_cold_start(db: Path, runs: int) -> dict:
    import psutil
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        return {"skipped": f"{CHROMIUM} missing (make chromium)"}
    results = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for _ in range(runs):
                port = _free_port()
                env = {**os.environ, "WMC_DB": str(db)}
                start = time.perf_counter()
                server = subprocess.Popen(
                    [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port),
                     "--server.address", "127.0.0.1", "--server.headless", "true",
                     "--browser.gatherUsageStats", "false"],
                    cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                try:
                    deadline = time.monotonic() + 60
                    while time.monotonic() < deadline:
                        try:
                            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1):
                                break
                        except OSError:
                            time.sleep(0.05)
                    page = browser.new_page()
                    page.goto(f"http://127.0.0.1:{port}/", timeout=30_000)
                    page.wait_for_selector('[data-testid="stMetricValue"]', state="visible", timeout=30_000)
                    first_kpi = time.perf_counter() - start
                    time.sleep(0.5)
                    proc = psutil.Process(server.pid)
                    rss = proc.memory_info().rss + sum(c.memory_info().rss for c in proc.children(recursive=True))
                    page.close()
                    results.append({"first_kpi_s": first_kpi, "server_rss_mb": rss / 1e6})
                except Exception as exc:
                    results.append({"error": f"{type(exc).__name__}: {exc}"[:300]})
                finally:
                    server.terminate()
                    try:
                        server.wait(timeout=10)
                    except subprocess.TimeoutExpired:
                        server.kill()
                        server.wait(timeout=10)
        finally:
            browser.close()
    ok = [r for r in results if "first_kpi_s" in r]
    if not ok:
        return {"error": results[0].get("error") if results else "no run"}
    return {"median_first_kpi_s": statistics.median(r["first_kpi_s"] for r in ok),
            "median_server_rss_mb": statistics.median(r["server_rss_mb"] for r in ok), "runs": results}


# ---------------------------------------------------------------- register workers (own process each)

def _rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 1e6


def clear_query_cache(queries) -> None:
    """Drop cached query results."""
    queries.clear_cache()


def worker_ours(rows: int, base_db: Path, work: Path, runs: int) -> dict:
    from loaders import synth
    from loaders.build import add

    register = work / f"register_{rows}.parquet"
    start = time.perf_counter()
    synth.write_register(register, rows=rows, seed=42)
    synth_s = time.perf_counter() - start
    db = work / f"register_{rows}.duckdb"
    shutil.copyfile(base_db, db)
    start = time.perf_counter()
    add([register], db)
    load_s = time.perf_counter() - start
    rss_after_load = _rss_mb()

    # A fresh process state for the read side: the page's work as the server does it.
    os.environ["WMC_DB"] = str(db)
    import gc

    gc.collect()
    import queries
    from ui import register as ui_register

    filters = ALL_EDITIONS

    def page():
        clear_query_cache(queries)  # uncached: the work of the first render
        ui_register.has_register()
        ui_register.page_data(filters, "sector")

    page()  # open the connection once
    med, times = median_time(page, runs)
    export_rows = min(rows, EXPORT_ROWS)

    def export():
        size = 0
        for chunk in ui_register.stream_register_csv(filters, max_rows=export_rows):
            size += len(chunk)
        return size

    start = time.perf_counter()
    export_bytes = export()
    export_s = time.perf_counter() - start
    return {"rows": rows, "synth_s": synth_s, "load_s": load_s, "load_rows_per_s": rows / load_s,
            "page_median_ms": med * 1000, "page_runs_ms": [t * 1000 for t in times],
            "export_rows": export_rows, "export_s": export_s, "export_mb": export_bytes / 1e6,
            "rss_mb": _rss_mb(), "rss_after_load_mb": rss_after_load,
            "register_file_mb": register.stat().st_size / 1e6, "db_mb": db.stat().st_size / 1e6}


def worker_baseline(rows: int, work: Path, runs: int) -> dict:
    """The naive page: read the whole register into pandas every time, aggregate there."""
    import duckdb
    import pandas as pd

    db = work / f"register_{rows}.duckdb"

    def page():
        with duckdb.connect(str(db), read_only=True) as con:
            projects = con.execute("select * from projects").df()
            kpis = con.execute("select * from edition_kpis").df()
        frame = projects[(projects["convention"] == "WMC") & projects["year"].between(2018, 2100)]
        summary = frame.groupby("year").agg(register_projects=("project_id", "size"),
                                            register_investment=("investment_cny_bn", "sum")).reset_index()
        summary = summary.merge(kpis[["year", "projects_signed", "investment_signed"]], on="year", how="left")
        summary["investment_difference"] = summary["register_investment"] - summary["investment_signed"]
        by = frame.groupby("sector")["investment_cny_bn"].agg(["size", "sum"]).sort_values("sum", ascending=False)
        top = frame.sort_values("investment_cny_bn", ascending=False).head(20)
        return summary, by, top

    med, times = median_time(page, runs)

    def export():
        with duckdb.connect(str(db), read_only=True) as con:
            projects = con.execute("select * from projects").df()
        return len(projects.head(EXPORT_ROWS).to_csv(index=False).encode("utf-8-sig"))

    start = time.perf_counter()
    export()
    export_s = time.perf_counter() - start
    return {"rows": rows, "page_median_ms": med * 1000, "page_runs_ms": [t * 1000 for t in times],
            "export_s": export_s, "rss_mb": _rss_mb()}


def run_worker(kind: str, rows: int, base_db: Path, work: Path, runs: int, timeout: int) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", kind, "--rows", str(rows),
           "--base-db", str(base_db), "--work", str(work), "--runs", str(runs)]
    try:
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"rows": rows, "error": f"timed out after {timeout} s"}
    if done.returncode != 0:
        return {"rows": rows, "error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"}
    return json.loads(done.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- main

def _fmt(value, spec=".0f", suffix="") -> str:
    return "-" if value is None else f"{value:{spec}}{suffix}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1e5,1e6,1e7", help="register sizes, comma separated")
    parser.add_argument("--quick", action="store_true", help="fewer runs, sizes up to 1e6, one cold start")
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--skip-pages", action="store_true")
    parser.add_argument("--worker", choices=("ours", "baseline"), help=argparse.SUPPRESS)
    parser.add_argument("--rows", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--base-db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, default=5, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        result = (worker_ours(args.rows, args.base_db, args.work, args.runs) if args.worker == "ours"
                  else worker_baseline(args.rows, args.work, args.runs))
        print(json.dumps(result))
        return 0

    sizes = [int(float(s)) for s in args.sizes.split(",") if s.strip()]
    if args.quick:
        sizes = [s for s in sizes if s <= 1_000_000] or sizes[:1]
    runs = 5
    ARTIFACTS.mkdir(exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="wmc-bench-"))
    report: dict = {"sizes": sizes, "cpus": os.cpu_count(), "load_average": os.getloadavg()}
    try:
        print("database build ...", flush=True)
        report["build"] = bench_build(work, runs)
        base_db = Path(report["build"]["db"])
        if not args.skip_pages:
            print("page runs (AppTest) ...", flush=True)
            report["pages"] = bench_pages(base_db, runs)
        if not args.skip_browser:
            print("cold start to first KPI (chromium) ...", flush=True)
            report["cold_start"] = bench_cold_start(base_db, 1 if args.quick else 3)
        report["register"] = []
        for rows in sizes:
            print(f"register {rows:,} rows ...", flush=True)
            ours = run_worker("ours", rows, base_db, work, runs, timeout=900)
            base_runs = 5 if rows <= 1_000_000 else 3
            baseline = run_worker("baseline", rows, base_db, work, base_runs, timeout=1200) \
                if "error" not in ours else {"error": "skipped"}
            ratio = (baseline["page_median_ms"] / ours["page_median_ms"]
                     if "page_median_ms" in baseline and "page_median_ms" in ours else None)
            report["register"].append({"rows": rows, "ours": ours, "baseline": baseline, "ratio": ratio})
            for suffix in (".parquet", ".duckdb"):
                (work / f"register_{rows}{suffix}").unlink(missing_ok=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report["load_average_end"] = os.getloadavg()
    (ARTIFACTS / "bench.json").write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
    print_report(report)
    return 0


def print_report(report: dict) -> None:
    print()
    print(f"cpus {report['cpus']}, load average at start {report['load_average'][0]:.1f}, "
          f"at end {report['load_average_end'][0]:.1f}")
    b = report["build"]
    print(f"database build ({b['data']}): median {b['median_s'] * 1000:.0f} ms of {len(b['runs_s'])}")
    if "pages" in report:
        print("\npage (AppTest, server-side run)          median ms  (target <= 100)")
        for page, r in report["pages"].items():
            value = _fmt(r.get("median_ms"), ".0f") if "median_ms" in r else r.get("skipped") or r.get("error", "")[:60]
            print(f"  {page:38s} {value}")
    if "cold_start" in report:
        c = report["cold_start"]
        if "median_first_kpi_s" in c:
            print(f"\ncold start to first KPI painted: median {c['median_first_kpi_s']:.2f} s of {len(c['runs'])} "
                  f"(target <= 2.5 s); server RSS after first render {c['median_server_rss_mb']:.0f} MB")
        else:
            print(f"\ncold start: {c}")
    print("\nregister rows | synth s | load s | load rows/s | page ms (median) | baseline ms | ratio | "
          "export 1e6 s (baseline s) | RSS MB (baseline)")
    for r in report["register"]:
        o, bl = r["ours"], r["baseline"]
        if "error" in o:
            print(f"{r['rows']:>13,} | error: {o['error']}")
            continue
        print(f"{r['rows']:>13,} | {o['synth_s']:7.1f} | {o['load_s']:6.1f} | {o['load_rows_per_s']:11,.0f} | "
              f"{o['page_median_ms']:16.0f} | {_fmt(bl.get('page_median_ms')):>11} | "
              f"{_fmt(r['ratio'], '.1f', 'x'):>5} | {o['export_s']:6.2f} ({_fmt(bl.get('export_s'), '.2f')}) "
              f"[{o['export_rows']:,} rows] | {o['rss_mb']:.0f} ({_fmt(bl.get('rss_mb'))})")
    print(f"\nwritten to {ARTIFACTS / 'bench.json'}")


if __name__ == "__main__":
    sys.exit(main())
