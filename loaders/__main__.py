"""`python -m loaders build|ensure|add|rollback|extract|synth|export-register` — exit 0 ok, 2 bad input (or a full
disk, a read-only folder: the machine's state, said as such), 1 internal error."""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

import config
from loaders.errors import DatabaseDamaged, LoadError


DB_HELP = "database file (default: $WMC_DB or data/wmc.duckdb)"
# What `add --help` says about the files it takes: a register is told apart by its header alone.
ADD_DESCRIPTION = """Merge user files into the database (atomic: a failed load changes nothing).

Files it takes:
  facts table   CSV, XLSX or JSON, long (year, metric, value, ...) or wide (year, projects_signed, ...)
  press release .txt, English or Chinese; give --source-url and --publisher (and --published-on)
  register      a signed-projects register, one row per project: any table file (CSV, XLSX,
                JSON, Parquet) whose header names project_id. Columns: convention, year,
                project_id, name; optional investor, investor_origin, sector, city,
                investment_cny_bn, status. `python -m loaders synth --rows 10 --out r.csv`
                writes an example."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m loaders", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    build = sub.add_parser("build", help="build the database from data/ (atomic)")
    build.add_argument("--db", type=Path, default=None, help="target file (default: $WMC_DB or data/wmc.duckdb)")
    build.add_argument("--data", type=Path, default=config.DATA_DIR, help="folder of table CSVs")
    build.add_argument("--discard-additions", action="store_true",
                       help="drop the recorded additions that no longer apply on top of data/ (recorded as a "
                            "discard); without it such a build refuses and names them")

    ensure = sub.add_parser("ensure", help="build only if the database is missing or older than a table file of "
                                           "data/ (what `make run` does); a build keeps the additions")
    ensure.add_argument("--db", type=Path, default=None, help="target file (default: $WMC_DB or data/wmc.duckdb)")
    ensure.add_argument("--data", type=Path, default=config.DATA_DIR, help="folder of table CSVs")

    add = sub.add_parser("add", help="merge user files (CSV, XLSX, JSON, release text) into the database",
                         description=ADD_DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    add.add_argument("files", nargs="+", type=Path,
                     help="facts tables (CSV, XLSX, JSON), press releases (.txt) or a signed-projects register")
    add.add_argument("--db", type=Path, default=None, help=DB_HELP)
    add.add_argument("--source-url", help="http(s) address of the source of every figure in the files "
                                          "(needed for a release or a table without source columns)")
    add.add_argument("--publisher", help="who published that source, e.g. 'Xinhua' (goes with --source-url)")
    add.add_argument("--published-on", type=date.fromisoformat, help="YYYY-MM-DD")
    add.add_argument("--year", type=int, help="edition year for a release that does not state it")
    add.add_argument("--check", action="store_true", help="validate and print what would change; write nothing")
    add.add_argument("--prefer", choices=("new", "old"), help="on a conflict with a stored figure")
    add.add_argument("--create-editions", action="store_true",
                     help="add the edition of a year that has figures but no edition yet")

    rollback = sub.add_parser("rollback", help="replace the database by the version before the last load (atomic)")
    rollback.add_argument("--db", type=Path, default=None, help=DB_HELP)
    rollback.add_argument("--check", action="store_true", help="print the kept versions; change nothing")

    extract = sub.add_parser("extract", help="print candidate facts found in a press release")
    extract.add_argument("file", type=Path, help="a press release as plain text (.txt), English or Chinese")
    extract.add_argument("--year", type=int, help="edition year for a release that does not state it")
    extract.add_argument("--json", action="store_true", help="print the facts as JSON instead of a table")

    synth = sub.add_parser("synth", help="write a synthetic signed-projects register")
    synth.add_argument("--rows", type=int, required=True, help="how many projects to write, e.g. 100000")
    synth.add_argument("--seed", type=int, default=0,
                       help="random seed (default 0); the same seed gives the same file")
    synth.add_argument("--out", type=Path, required=True,
                       help="the register file to write: .parquet or .csv (by the suffix)")

    export = sub.add_parser("export-register",
                            help="publish the register as a year-partitioned Parquet dataset (atomic)")
    export.add_argument("--parquet", type=Path, required=True,
                        help="dataset path: a link to its current version, which the app reads with "
                             "WMC_REGISTER_PARQUET")
    export.add_argument("--db", type=Path, default=None, help=DB_HELP)
    return parser


def _source(args) -> dict | None:
    given = [args.source_url, args.publisher, args.published_on]
    if not any(given):
        return None
    if not args.source_url or not args.publisher:
        raise LoadError("command line", "--source-url and --publisher go together (and --published-on)")
    return {"url": args.source_url, "publisher": args.publisher, "published_on": args.published_on}


def _version_line(version) -> str:
    if version.run_id is None:
        return f"{version.path.name} (no load history)"
    return (f"{version.path.name}: run {version.run_id} ({version.action}, {version.loaded_at:%Y-%m-%d %H:%M} UTC, "
            f"{version.files}), {version.facts} facts")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "build":
            from loaders.build import build_report

            db = args.db or config.db_path()
            rows, replayed, discarded = build_report(args.data, db, discard_additions=args.discard_additions)
            print(f"built {db}: {rows} rows from {args.data}"
                  + (f"\nreplayed {len(replayed)} recorded addition(s): " + ", ".join(a.name for a in replayed)
                     if replayed else "")
                  + (f"\ndiscarded {len(discarded)} addition(s) that no longer apply (recorded): "
                     + ", ".join(a.name for a in discarded) if discarded else ""))
        elif args.command == "ensure":
            from loaders.build import ensure

            db = args.db or config.db_path()
            built, why = ensure(args.data, db)
            print(f"built {db} ({why})" if built else f"{db} is up to date ({why})")
        elif args.command == "add":
            from loaders.build import add

            db = args.db or config.db_path()
            change = add(args.files, db, source=_source(args), check=args.check, prefer=args.prefer, year=args.year,
                         create_editions=args.create_editions)
            print(("would change (nothing written):\n" if args.check else f"updated {db}:\n") + change.summary())
        elif args.command == "rollback":
            from loaders import versions

            db = args.db or config.db_path()
            if args.check:
                kept = versions.kept_versions(db)
                print(f"{len(kept)} previous version(s) of {db} kept (at most {versions.keep_limit()}):"
                      + "".join(f"\n  {_version_line(v)}" for v in kept))
            else:
                print(f"rolled back {db} to {_version_line(versions.rollback(db))}")
        elif args.command == "extract":
            from loaders.press_release import extract_cli

            extract_cli(args.file, year=args.year, as_json=args.json)
        elif args.command == "synth":
            from loaders.synth import write_register

            rows = write_register(args.out, rows=args.rows, seed=args.seed)
            print(f"wrote {rows} rows to {args.out}")
        elif args.command == "export-register":
            from loaders.register_parquet import export_register

            db = args.db or config.db_path()
            rows = export_register(db, args.parquet)
            print(f"exported {rows} register rows from {db} to {args.parquet}")
    except LoadError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    except DatabaseDamaged as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        from loaders.build import _PLAIN_OS_ERRORS, os_error_message

        if exc.errno not in _PLAIN_OS_ERRORS:
            print(f"internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
            return 1
        print(f"error: {os_error_message(exc, args.db or config.db_path()) if hasattr(args, 'db') else exc}",
              file=sys.stderr)
        return 2
    except Exception as exc:  # an internal error, not the user's input
        print(f"internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
