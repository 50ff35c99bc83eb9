"""Files -> validate -> temp DuckDB -> swap in.

Every write goes to a temp file beside the target and is renamed over it only after every check
passed, so a failed run leaves the old database byte-identical.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd

from loaders import schema, write_lock
from loaders.errors import DatabaseDamaged, LoadError
from loaders.readers import check_file, read_file
from loaders.register import refresh_rollup
from loaders.release_rows import is_release, new_rows, refresh_organizations, release_rows

# Tables loaded from data/ in this order (references point backwards).
DATA_TABLES = [t.name for t in schema.TABLES.values() if t.from_data_dir]


@dataclass
class Change:
    """What an `add` would do to the facts table."""
    inserted: list[dict] = field(default_factory=list)
    updated: list[tuple[dict, dict]] = field(default_factory=list)  # (old, new)
    unchanged: int = 0
    conflicts: list[tuple[dict, dict]] = field(default_factory=list)  # (old, new), not applied
    kept_old: int = 0
    new_sources: list[dict] = field(default_factory=list)
    projects: int = 0
    # Rows a press release adds besides facts: table -> frame of rows not stored yet.
    extras: dict = field(default_factory=dict)

    def summary(self) -> str:
        lines = [
            f"{len(self.inserted)} new fact(s), {len(self.updated)} updated, {self.unchanged} unchanged, "
            f"{len(self.conflicts)} conflict(s), {self.kept_old} kept as stored, "
            f"{len(self.new_sources)} new source(s), {self.projects} register row(s)"
            + "".join(f", {len(frame)} new {table} row(s)" for table, frame in self.extras.items() if len(frame))
        ]
        for row in self.inserted:
            lines.append(f"  + {_fact_label(row)} = {row['value']:g} {row['unit']} ({row['qualifier']})")
        for old, new in self.updated:
            lines.append(f"  ~ {_fact_label(new)}: {old['value']:g} -> {new['value']:g} {new['unit']}")
        for old, new in self.conflicts:
            lines.append(f"  ! conflict {_fact_label(new)}: stored {old['value']:g} ({old['source_id']}), "
                         f"new {new['value']:g} ({new['source_id']})")
        return "\n".join(lines)


def _fact_label(row: dict) -> str:
    return f"{row['convention']} {row['year']} {row['metric']} [{row['scope']}]"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _checksum(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(sha256_file(path).encode())
    return digest.hexdigest()


def check_target(target: Path) -> None:
    """The database path must be a regular file or not exist yet; checked before any work."""
    target = Path(target)
    if target.is_symlink() or (target.exists() and not target.is_file()):
        raise LoadError(str(target), "the database path is not a regular file (a folder or a link?); "
                        "give --db a file name")
    if target.parent.exists() and not target.parent.is_dir():
        raise LoadError(str(target), "the folder for the database is not a folder")


def _quoted(identifier: str) -> str:
    """A catalog name as a quoted SQL identifier (identifiers cannot be bound parameters)."""
    return '"' + str(identifier).replace('"', '""') + '"'


def check_readable(db: Path) -> None:
    """Read every column of every table of `db` once, so a damaged block is found before the file
    is copied forward (DuckDB verifies a block's checksum when it reads it)."""
    with duckdb.connect(str(db), read_only=True) as con:
        tables = [r[0] for r in con.execute(
            "select table_name from duckdb_tables() where database_name = current_database() "
            "and schema_name = 'main' order by table_name").fetchall()]
        for table in tables:
            columns = [r[0] for r in con.execute(
                "select column_name from duckdb_columns() where database_name = current_database() "
                "and schema_name = 'main' and table_name = $t", {"t": table}).fetchall()]
            reads = ", ".join(f"min({_quoted(c)})" for c in columns) or "count(*)"
            try:
                con.execute(f"select count(*), {reads} from {_quoted(table)}").fetchall()
            except duckdb.Error as exc:
                raise DatabaseDamaged(str(db), table, str(exc).splitlines()[0][:200]) from None


def _file_version(path: Path) -> tuple | None:
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return None
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


@contextmanager
def _swap_in(target: Path, start_from_copy: bool):
    """Yield a connection to a temp DuckDB beside `target`; rename it over `target` on success.

    The whole read-copy-modify-swap holds the write lock, so two writers never work on the same
    old version; the target is checked to be the very file that was copied before it is replaced.
    """
    target = Path(target)
    check_target(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with write_lock.exclusive(target):
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=write_lock.temp_prefix(target), suffix=".tmp")
        os.close(fd)
        tmp = Path(tmp_name)
        tmp.unlink()  # DuckDB wants to create the file itself
        try:
            copied = _file_version(target)
            if start_from_copy:
                check_readable(target)
                shutil.copyfile(target, tmp)
            con = duckdb.connect(str(tmp))
            try:
                yield con
                con.execute("checkpoint")
            finally:
                con.close()
            if _file_version(target) != copied:
                raise LoadError(str(target), "the database was replaced by something other than a load "
                                "while this one ran; nothing was written. Run the load again.")
            os.replace(tmp, target)
        finally:
            for leftover in (tmp, Path(str(tmp) + ".wal")):
                leftover.unlink(missing_ok=True)


# ---------------------------------------------------------------- reading data/

def read_data_dir(data_dir: Path) -> dict[str, pd.DataFrame]:
    """Every table file in data/, validated alone and against each other."""
    frames: dict[str, pd.DataFrame] = {}
    for name in DATA_TABLES:
        path = Path(data_dir) / f"{name}.csv"
        if not path.exists():
            if schema.TABLES[name].optional_file:
                continue
            raise LoadError(str(path), f"file is missing: the embedded dataset needs {name}.csv")
        frames[name] = schema.validate(name, read_file(path, table=name), str(path))
    check_references(frames, {name: str(Path(data_dir) / f"{name}.csv") for name in frames})
    return frames


def check_references(frames: dict[str, pd.DataFrame], files: dict[str, str]) -> None:
    """Cross-table rules: sources and metrics resolve, units match the metric's unit."""
    source_ids = set(frames["sources"]["source_id"]) if "sources" in frames else set()
    metric_units = dict(zip(frames["metrics"]["metric"], frames["metrics"]["unit"])) if "metrics" in frames else {}
    for name, frame in frames.items():
        if "source_id" in frame.columns and name != "sources":
            for index, source_id in enumerate(frame["source_id"]):
                if pd.notna(source_id) and source_id not in source_ids:
                    raise LoadError(files[name], f"unknown source_id '{source_id}' (not in sources)",
                                    *schema.source_location(frame, index, "source_id"))
        if name in ("facts", "claims") and metric_units:
            for index, (metric, unit) in enumerate(zip(frame["metric"], frame["unit"])):
                if metric not in metric_units:
                    raise LoadError(files[name], f"unknown metric '{metric}'; known: {sorted(metric_units)}",
                                    *schema.source_location(frame, index, "metric"))
                if unit != metric_units[metric]:
                    raise LoadError(files[name], f"unit '{unit}' does not match {metric}'s unit "
                                    f"'{metric_units[metric]}'", *schema.source_location(frame, index, "unit"))


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    if frame.empty:
        return
    columns = schema.TABLES[table].column_names
    con.register("incoming", frame[columns])
    try:
        con.execute(f"insert into {table} ({', '.join(columns)}) select {', '.join(columns)} from incoming")
    finally:
        con.unregister("incoming")


def _record_run(con, action: str, files: list[Path], rows: int) -> None:
    run_id = con.execute("select coalesce(max(run_id), 0) + 1 from load_runs").fetchone()[0]
    con.execute(
        "insert into load_runs values (?, ?, ?, ?, ?, ?)",
        [run_id, datetime.now(timezone.utc).replace(tzinfo=None), action,
         ", ".join(p.name for p in files), rows, _checksum(files)],
    )


def build(data_dir: Path, db_path: Path) -> int:
    """Build the database from data/; returns the number of rows loaded."""
    data_dir, db_path = Path(data_dir), Path(db_path)
    check_target(db_path)
    frames = read_data_dir(data_dir)
    with _swap_in(db_path, start_from_copy=False) as con:
        for statement in schema.create_statements():
            con.execute(statement)
        for name, frame in frames.items():
            _insert(con, name, frame)
        refresh_organizations(con)
        if len(frames.get("projects", ())):
            refresh_rollup(con)
        derived = con.execute("select count(*) from organizations").fetchone()[0]
        rows = sum(len(f) for f in frames.values()) + derived
        files = sorted(data_dir.glob("*.csv"))
        _record_run(con, "build", files, rows)
    return rows


# ---------------------------------------------------------------- add

def source_id_for(url: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", url.lower().split("//")[-1])[:40].strip("-")
    return f"user-{slug}-{hashlib.sha256(url.encode()).hexdigest()[:6]}"


def _text_or_none(value) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _attach_source(facts: pd.DataFrame, file: str, source: dict | None, known_sources: set[str]) -> tuple[pd.DataFrame, list[dict]]:
    """Give every fact a source_id: from the file's own columns, else from the command line.

    One pass over plain records (linear in the rows); a pandas row iteration would copy the
    frame's per-row `attrs` into every row and make this quadratic.
    """
    facts = facts.copy()
    new_sources: dict[str, dict] = {}
    columns = [c for c in ("source_id", "source_url", "publisher", "published_on") if c in facts.columns]
    records = facts[columns].to_dict("records") if columns else [{} for _ in range(len(facts))]
    source_ids = []
    for position, row in enumerate(records):
        given = _text_or_none(row.get("source_id"))
        if given is not None:
            if given not in known_sources:
                raise LoadError(file, f"unknown source_id '{given}'",
                                *schema.source_location(facts, position, "source_id"))
            source_ids.append(row["source_id"])
            continue
        url = _text_or_none(row.get("source_url"))
        publisher = row.get("publisher") if isinstance(row.get("publisher"), str) else None
        published_on = row.get("published_on")
        if url is None and source:
            url, publisher, published_on = source["url"], source["publisher"], source.get("published_on")
        if url is None:
            raise LoadError(file, "figure has no source: give --source-url, --publisher and --published-on, "
                            "or source_url/publisher/published_on columns",
                            *schema.source_location(facts, position, "source_url"))
        if not publisher:
            raise LoadError(file, "source has no publisher (--publisher or a publisher column)",
                            *schema.source_location(facts, position, "publisher"))
        sid = source_id_for(url)
        source_ids.append(sid)
        new_sources.setdefault(sid, {"source_id": sid, "publisher": publisher, "title": None,
                                     "url": url, "published_on": published_on})
    facts["source_id"] = pd.Series(source_ids, index=facts.index, dtype=object)
    fresh = [s for sid, s in new_sources.items() if sid not in known_sources]
    return facts, fresh


def plan_add(con: duckdb.DuckDBPyConnection, files: list[Path], source: dict | None, prefer: str | None,
             year: int | None = None, reviewed: dict | None = None) -> tuple[Change, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Read and validate the files against the stored data; decide what changes. Writes nothing."""
    known_sources = {r[0] for r in con.execute("select source_id from sources").fetchall()}
    metric_units = dict(con.execute("select metric, unit from metrics").fetchall())
    change = Change()
    all_facts, all_sources, all_projects = [], [], []
    for path in files:
        table = "projects" if _looks_like_register(path) else "facts"
        # Facts a person reviewed (the Add data page) replace what the file itself would give.
        raw = reviewed[str(path)] if reviewed and str(path) in reviewed else read_file(path, table=table, year=year)
        if table == "projects":
            all_projects.append(schema.validate("projects", raw, str(path)))
            continue
        raw, fresh = _attach_source(raw, str(path), source, known_sources)
        typed = schema.validate("facts", raw, str(path))
        sources_frame = pd.DataFrame(fresh, columns=schema.TABLES["sources"].column_names)
        typed_sources = schema.validate("sources", sources_frame, str(path)) if fresh else sources_frame
        known_sources |= {s["source_id"] for s in fresh}
        metrics_frame = pd.DataFrame({"metric": list(metric_units), "unit": list(metric_units.values())})
        check_references({"facts": typed, "metrics": metrics_frame,
                          "sources": pd.DataFrame({"source_id": sorted(known_sources)})},
                         {"facts": str(path), "metrics": "metrics", "sources": "sources"})
        all_facts.append(typed)
        all_sources.append(typed_sources)
        change.new_sources += fresh
        if is_release(path):
            release_source = source_id_for(source["url"]) if source else None
            if release_source and release_source not in known_sources:
                fresh_source = {"source_id": release_source, "publisher": source["publisher"], "title": None,
                                "url": source["url"], "published_on": source.get("published_on")}
                all_sources.append(schema.validate("sources", pd.DataFrame([fresh_source]), str(path)))
                change.new_sources.append(fresh_source)
                known_sources.add(release_source)
            for table, frame in release_rows(path, year, release_source).items():
                if table == "claims":
                    check_references({"claims": frame, "metrics": metrics_frame,
                                      "sources": pd.DataFrame({"source_id": sorted(known_sources)})},
                                     {"claims": str(path), "metrics": "metrics", "sources": "sources"})
                fresh_rows = new_rows(con, table, frame)
                change.extras[table] = pd.concat([change.extras.get(table, fresh_rows.iloc[0:0]), fresh_rows],
                                                 ignore_index=True).drop_duplicates(list(schema.TABLES[table].key))
    facts = pd.concat(all_facts, ignore_index=True) if all_facts else pd.DataFrame(columns=schema.TABLES["facts"].column_names)
    schema.check_unique_key("facts", facts, ", ".join(str(p) for p in files))
    stored = {
        (r["convention"], r["year"], r["metric"], r["scope"]): r
        for r in con.execute("select * from facts").df().to_dict("records")
    }
    # A core metric has one figure per edition whatever a source calls its scope, so a stored
    # figure of the same edition and metric is what a new one conflicts with.
    stored_core = {(r["convention"], r["year"], r["metric"]): r for r in stored.values()
                   if r["metric"] in schema.KPI_METRICS}
    keep = []
    for row in facts.to_dict("records"):
        old = stored.get((row["convention"], row["year"], row["metric"], row["scope"]))
        if old is None and row["metric"] in schema.KPI_METRICS:
            old = stored_core.get((row["convention"], row["year"], row["metric"]))
        if old is None:
            change.inserted.append(row)
            keep.append(row)
        elif float(old["value"]) == float(row["value"]) and old["qualifier"] == row["qualifier"]:
            change.unchanged += 1
        elif prefer == "new":
            change.updated.append((old, row))
            keep.append(row)
        elif prefer == "old":
            change.kept_old += 1
        else:
            change.conflicts.append((old, row))
    sources = pd.concat(all_sources, ignore_index=True) if all_sources else pd.DataFrame()
    projects = pd.concat(all_projects, ignore_index=True) if all_projects else pd.DataFrame()
    change.projects = len(projects)
    return change, pd.DataFrame(keep, columns=schema.TABLES["facts"].column_names), sources, projects


def _looks_like_register(path: Path) -> bool:
    """A projects register is a file whose header names project_id (or a Parquet file)."""
    if Path(path).suffix.lower() == ".parquet":
        return True
    if Path(path).suffix.lower() in (".csv", ".tsv", ".txt"):
        with open(path, "rb") as handle:
            head = handle.read(4096).decode("utf-8", errors="ignore").lower()
        return "project_id" in head.splitlines()[0] if head else False
    if Path(path).suffix.lower() in (".xlsx", ".xlsm"):
        try:
            from openpyxl import load_workbook

            book = load_workbook(path, read_only=True)
            try:
                first = next(book.worksheets[0].iter_rows(max_row=1, values_only=True), ())
            finally:
                book.close()
        except Exception:  # not a readable workbook: the facts path reports it
            return False
        return any(str(cell).strip().lower() == "project_id" for cell in first if cell is not None)
    return False


def add(files: list[Path], db_path: Path, source: dict | None = None, check: bool = False,
        prefer: str | None = None, year: int | None = None, reviewed: dict | None = None) -> Change:
    """Merge user files into the database (atomically); with check=True write nothing."""
    db_path = Path(db_path)
    files = [Path(f) for f in files]
    check_target(db_path)
    if not db_path.exists():
        raise LoadError(str(db_path), "database does not exist: run `python -m loaders build` first")
    for file in files:
        check_file(file)
    # Registers (table projects) are validated and loaded in SQL by loaders.register: fast at 10^7 rows.
    from loaders.register import load_register

    registers = [f for f in files if _looks_like_register(f)]
    others = [f for f in files if f not in registers]
    if check:
        with duckdb.connect(str(db_path), read_only=True) as con:
            change = plan_add(con, others, source, prefer, year, reviewed)[0]
            change.projects += sum(load_register(con, f, insert=False) for f in registers)
            return change
    with _swap_in(db_path, start_from_copy=True) as con:
        change, facts, sources, projects = plan_add(con, others, source, prefer, year, reviewed)
        if change.conflicts:
            raise LoadError(
                ", ".join(str(f) for f in files),
                f"{len(change.conflicts)} figure(s) conflict with stored ones; nothing was written. "
                "Use --prefer new or --prefer old.\n" + change.summary(),
            )
        if not sources.empty:
            _insert(con, "sources", sources)
        for old, new in change.updated:
            con.execute("delete from facts where convention = ? and year = ? and metric = ? and scope = ?",
                        [old["convention"], old["year"], old["metric"], old["scope"]])
        _insert(con, "facts", facts)
        if not projects.empty:
            _insert(con, "projects", projects)
        for table, frame in change.extras.items():
            _insert(con, table, frame)
        if len(change.extras.get("participation", ())):
            refresh_organizations(con)
        change.projects += sum(load_register(con, f) for f in registers)
        _record_run(con, "add", files, len(facts) + change.projects + sum(len(f) for f in change.extras.values()))
    return change
