"""Rewrite the README's generated parts: the table reference from loaders/schema.py
(`python scripts/readme.py`) and, with `--bench FILE`, the performance figures from one
`make bench` run (artifacts/bench.json): ratios first, then absolute times, with the machine and
the load average."""
from pathlib import Path
import json
import sys

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from loaders.schema import markdown  # noqa: E402

BEGIN, END = "<!-- tables:begin -->", "<!-- tables:end -->"
BENCH_BEGIN, BENCH_END = "<!-- bench:begin -->", "<!-- bench:end -->"
README = Path(__file__).resolve().parents[1] / "README.md"


def generated() -> str:
    return f"{BEGIN}\n{markdown()}\n{END}"


def _replace(text: str, begin: str, end: str, body: str) -> str:
    head, found, rest = text.partition(begin)
    if not found:
        raise SystemExit(f"README has no {begin} marker")
    _, _, tail = rest.partition(end)
    return head + body + tail


ABSOLUTE = {  # figure -> (what the absolute row shows, what the baseline is)
    "register_page_speedup": ("register page work, median", "cached-pandas app"),
    "register_page_rss": ("process RSS after the register page runs", "cached-pandas app"),
}


def _s(value, spec: str = ".2f", suffix: str = " s") -> str:
    return "–" if value is None else f"{value:{spec}}{suffix}"


def bench_markdown(report: dict) -> str:
    """The performance figures of one bench run: the ratio table, then the absolute times."""
    s, ratios = report["settings"], report["ratios"]
    start, end = report["load_average_start"], report["load_average_end"]
    lines = [
        f"One `make bench` run, {report['started_at']}, on {report['machine']}; load average (1, 5, 15 min) "
        f"{start[0]:.1f} / {start[1]:.1f} / {start[2]:.1f} at the start and {end[0]:.1f} / {end[1]:.1f} / "
        f"{end[2]:.1f} at the end (the machine is shared). Register {s['rows']:,} rows for the page and the export, "
        f"{s['load_rows']:,} rows for the loads; medians of {s['runs']} runs, whole-process figures of "
        f"{s['pairs']} pairs, each pair run in turn (ours, baseline).",
        "",
        "| figure | ratio | target | met |",
        "|---|---|---|---|",
    ]
    for key, r in ratios.items():
        value = _s(r["value"], ".0f", " ms") if key == "register_page_ms" else _s(r["value"], ".2f", "×")
        met = {True: "yes", False: "**no**", None: "–"}[r["met"]]
        why = f" (not measured in this run: {r['note'].splitlines()[0][:80]})" if r.get("note") else ""
        lines.append(f"| {r['what']}{why} | {value} | {r['target']} | {met} |")
    lines += ["", "| figure (absolute, same run) | ours | baseline | baseline is |", "|---|---|---|---|"]
    for key, r in ratios.items():
        if key == "register_page_ms":
            continue
        if "ours_mb" in r:
            ours, base = _s(r["ours_mb"], ".0f", " MB"), _s(r["baseline_mb"], ".0f", " MB")
        elif "ours_ms" in r:
            ours, base = _s(r["ours_ms"], ".0f", " ms"), _s(r["baseline_ms"], ".0f", " ms")
        else:
            ours, base = _s(r["ours_median_s"]), _s(r["baseline_median_s"])
        what, yardstick = ABSOLUTE.get(key, (r["what"].split(" / ")[0], r["what"].split(" / ")[-1]))
        lines.append(f"| {what} | {ours} | {base} | {yardstick} |")
    for kind, load in report.get("loads", {}).items():
        if load.get("ours_rows_per_s"):
            lines.append(f"| register load {kind}, rows/s | {load['ours_rows_per_s']:,.0f} | "
                         f"{load['baseline_rows_per_s']:,.0f} | DuckDB CTAS |")
    big = report.get("register_load", {})
    if big.get("ratio"):
        lines.append(f"| register load Parquet, {big['rows']:,} rows (one pair; ratio {big['ratio']:.2f}×) | "
                     f"{_s(big['ours_median_s'], '.1f')} | {_s(big['baseline_median_s'], '.1f')} | DuckDB CTAS |")
    pandas = report.get("register_page", {}).get("pandas", {})
    if pandas.get("first_load_s"):
        lines.append(f"| cached-pandas app: first load of the register into its DataFrame | – | "
                     f"{_s(pandas['first_load_s'], '.1f')} | |")
    return f"{BENCH_BEGIN}\n" + "\n".join(lines) + f"\n{BENCH_END}"


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    text = _replace(README.read_text(encoding="utf-8"), BEGIN, END, generated())
    if argv[:1] == ["--bench"]:
        report = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
        text = _replace(text, BENCH_BEGIN, BENCH_END, bench_markdown(report))
    README.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
