"""Print the coverage table of the shipped data: editions x metrics, from a database built from data/.

    .venv/bin/python scripts/coverage_table.py [--data data] [--metrics all|core]

Each cell is what `queries/coverage.sql` decides for that edition and metric: R reported,
E expected (announced at or before the opening only), D derived, - missing. Any scope counts, as
in the query. A count of filled cells (R, E or D) closes each column and the table.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from loaders.build import build  # noqa: E402

MARKS = {"reported": "R", "expected": "E", "derived": "D", "missing": "-"}
# The README's coverage columns: the metrics a reader asks of every edition.
CORE = ("projects_signed", "investment_signed", "exhibition_area", "exhibitors", "exhibits", "attendees",
        "countries_regions", "organizers", "events", "investment_signed_usd_reported")


def coverage(data: Path) -> list[tuple]:
    """(year, metric, status) for every edition x metric, read with the app's own query."""
    sql = (ROOT / "queries" / "coverage.sql").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "coverage.duckdb"
        build(data, db)
        with duckdb.connect(str(db), read_only=True) as con:
            found = con.execute(sql, {"convention": "WMC", "year_from": 2018, "year_to": 2100}).df()
    return list(found[["year", "metric", "status"]].itertuples(index=False, name=None))


def table(rows: list[tuple], metrics: tuple[str, ...] | None) -> str:
    years = sorted({r[0] for r in rows})
    shown = metrics or tuple(sorted({r[1] for r in rows}))
    cell = {(y, m): MARKS[s] for y, m, s in rows}
    lines = ["| year | " + " | ".join(shown) + " |", "|---" * (len(shown) + 1) + "|"]
    lines += [f"| {y} | " + " | ".join(cell.get((y, m), "-") for m in shown) + " |" for y in years]
    filled = [sum(cell.get((y, m), "-") != "-" for y in years) for m in shown]
    lines.append("| filled | " + " | ".join(str(n) for n in filled) + " |")
    lines.append(f"\n{sum(filled)} of {len(years) * len(shown)} cells filled")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--metrics", choices=("core", "all"), default="core")
    args = parser.parse_args()
    print(table(coverage(args.data), CORE if args.metrics == "core" else None))
    return 0


if __name__ == "__main__":
    sys.exit(main())
