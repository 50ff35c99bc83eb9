"""Parsed files -> validate -> plan -> temp DuckDB -> swap in.

`build` and `add` walk the same way: every input is read once by loaders.intake into a `Parsed`
value, validated once by loaders.validate (checks generated from loaders.schema), turned into a
plan of the change (`plan_add`, which writes nothing), and written into a temp copy that is renamed
over the target only after every check passed, under the write lock. A failed run leaves the old
database byte-identical.
"""
from __future__ import annotations

import errno
import hashlib
import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

import database
import vocabulary
from loaders import additions, headline, schema, versions, write_lock
from loaders.beside import Beside
from loaders.errors import LoadError
from loaders.versions import check_readable, check_target  # noqa: F401  (guards on the database file)
from loaders.intake import REGISTER, Parsed, read_input
from loaders.progress import NO_PROGRESS, Progress
from loaders.register import load_register, refresh_rollup
from loaders.validate import (attach_sources, check_references, check_unique_key, day_precision, source_id_for,
                              validate, validate_against)

if TYPE_CHECKING:
    import pandas as pd

# pandas (and loaders.release_rows, which needs it) are imported by the functions that build frames: an add of
# registers alone never does, and importing pandas took 0.9 s of a 10^6-row register's 5 s load.

SUMMARY_LINES = 50  # figures listed one by one in a change's summary

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
    # How each stored figure met by an added one was settled (loaders.headline): one dict per pair with old, new,
    # winner ("new"/"old"), step (a HEADLINE_RULE step), the two stages and, for an undecided pair, the reason.
    decisions: list[dict] = field(default_factory=list)
    # The losers of those pairs, as alternatives rows (kept with their source and the deciding step).
    alternatives: list[dict] = field(default_factory=list)
    # Figures a release read under a narrower scope (a city, a session): left out of a command-line add, shown
    # unticked on the Add data page.
    left_out: list[dict] = field(default_factory=list)
    new_sources: list[dict] = field(default_factory=list)
    projects: int = 0
    # Rows a press release adds besides facts: table -> frame of rows not stored yet.
    extras: dict = field(default_factory=dict)
    # Editions this change needs and the database does not have (created only when asked to).
    new_editions: list[dict] = field(default_factory=list)

    def summary(self) -> str:
        lines = [
            f"{len(self.inserted)} new fact(s), {len(self.updated)} updated, {self.unchanged} unchanged, "
            f"{len(self.conflicts)} conflict(s), {self.kept_old} kept as stored, "
            f"{len(self.new_sources)} new source(s), {self.projects} register row(s)"
            + "".join(f", {len(frame)} new {table} row(s)" for table, frame in self.extras.items() if len(frame))
            + (f", {len(self.new_editions)} new edition(s)" if self.new_editions else "")
        ]
        for edition in self.new_editions:
            lines.append(f"  + edition {edition['convention']} {edition['year']} (no. {edition['edition_no']}, "
                         f"{edition['city']}; dates and theme not recorded yet)")
        shown = [f"  + {_fact_label(row)} = {row['value']:g} {row['unit']} ({row['qualifier']})" for row in self.inserted]
        shown += [f"  ~ {self.replaced_words(d)}" for d in self.decisions if d["winner"] == "new"]
        shown += [f"  = {_fact_label(d['new'])}: kept stored {d['old']['value']:g} over new {d['new']['value']:g} "
                  f"({d['step']}); the new value is kept as an alternative" for d in self.decisions if d["winner"] == "old"]
        reasons = {id(d["new"]): d["reason"] for d in self.decisions if d["winner"] is None}
        shown += [f"  ! conflict {_fact_label(new)}: stored {old['value']:g} ({old['source_id']}), "
                  f"new {new['value']:g} ({new['source_id']})"
                  + (f": the headline rule cannot decide ({reasons[id(new)]})" if id(new) in reasons else "")
                  for old, new in self.conflicts]
        shown += [f"  - left out {_fact_label(row)} = {row['value']:g} {row['unit']}: a part of the convention, "
                  "not its total" for row in self.left_out]
        lines += shown[:SUMMARY_LINES]
        if len(shown) > SUMMARY_LINES:  # a 10^5-row file must not print 10^5 lines
            lines.append(f"  ... and {len(shown) - SUMMARY_LINES:,} more")
        return "\n".join(lines)


    @staticmethod
    def replaced_words(decision: dict) -> str:
        """"WMC 2022 projects_signed [whole convention]: expected 568 -> 575 closing (closing_over_opening)"."""
        old, new = decision["old"], decision["new"]
        def stage(side):
            return decision[f"{side}_stage"] + (" (results conference)" if decision.get(f"{side}_results") else "")
        return f"{_fact_label(new)}: {stage('old')} {old['value']:g} -> {new['value']:g} {stage('new')} ({decision['step']})"

    def changes_text(self) -> str | None:
        """What the load replaced, one line per figure, for load_runs.changes."""
        lines = [self.replaced_words(d) for d in self.decisions if d["winner"] == "new"]
        return "\n".join(lines) or None


def _fact_label(row: dict) -> str:
    return f"{row['convention']} {row['year']} {row['metric']} [{row['scope']}]"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _checksum(digests: list[str]) -> str:
    """One sha256 over the files of a load, from the digests their single read made."""
    digest = hashlib.sha256()
    for one in sorted(digests):
        digest.update(one.encode())
    return digest.hexdigest()


# Errors of the file system that are the machine's state, not a bug: said as such (exit 2).
_PLAIN_OS_ERRORS = {errno.ENOSPC: "no space left on the device", errno.EDQUOT: "the disk quota is used up",
                    errno.EROFS: "the file system is read-only", errno.EACCES: "permission denied",
                    errno.EPERM: "operation not permitted", errno.EXDEV: "the folders are on different devices"}


def _mb(size: float) -> str:
    return f"{size / 1e6:,.1f} MB"


def os_error_message(exc: OSError, target: Path) -> str:
    """An OSError of a write as words: what happened, where, and what the disk holds when it is full."""
    what = _PLAIN_OS_ERRORS.get(exc.errno, exc.strerror or str(exc))
    where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
    message = f"{what}{where}; nothing was written, the database is as it was"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        message += ". " + versions.space_report(Path(target))
    return message


def _is_full_disk(exc: BaseException) -> bool:
    """DuckDB reports a full disk as its own IOException, with the OS's words in the message."""
    return isinstance(exc, duckdb.Error) and "No space left on device" in str(exc)


class CommitSteps:
    """Work that must land with the database: `before` runs under the lock after every check passed
    and before the rename (a failure there writes nothing); `after` runs right after the rename;
    `abandoned` runs, still under the lock, when the write failed (an error, not an interrupt) before its rename."""

    def __init__(self):
        self.before: list = []
        self.after: list = []
        self.abandoned: list = []


@contextmanager
def _swap_in(target: Path, start_from_copy: bool, progress: Progress = NO_PROGRESS, steps: CommitSteps | None = None):
    """Yield a connection to a temp DuckDB beside `target`; rename it over `target` on success.

    The whole read-copy-modify-swap holds the write lock, so two writers never work on the same
    old version; the target is checked to be the very file that was copied before it is replaced,
    and is kept as the newest previous version (loaders/versions.py) just before the rename.
    A full disk, a read-only folder or a missing permission is said as such (LoadError, exit 2),
    and the database is left as it was.
    """
    target = Path(target)
    steps = steps or CommitSteps()
    check_target(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with write_lock.exclusive(target):
        additions.reconcile(target, history_records(target))  # finish what a killed writer left
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=write_lock.temp_prefix(target), suffix=".tmp")
        os.close(fd)
        tmp = Path(tmp_name)
        tmp.unlink()  # DuckDB wants to create the file itself
        replaced = False
        try:
            copied = versions.file_version(target)
            versions.make_room(target)
            # The previous version's damage check reads its blocks on a thread while the write works on the copy
            # (a core the load leaves idle, 0.05 s of a 10^6-row add), and decides before anything is renamed.
            checking = Beside(check_readable, target) if start_from_copy else None

            def raise_damage() -> None:  # DatabaseDamaged, or a file that is no database at all
                if checking is not None:
                    checking.result()

            if start_from_copy:
                shutil.copyfile(target, tmp)
            try:
                con = database.connect(tmp)
            except Exception:
                raise_damage()
                raise
            progress.watch(con)  # a cancelled job interrupts what this connection runs
            try:
                yield con
                con.execute("checkpoint")
            except Exception:
                raise_damage()  # a damaged block, not what it broke downstream, is what to say
                raise
            finally:
                con.close()
            raise_damage()
            if versions.file_version(target) != copied:
                raise LoadError(str(target), "the database was replaced by something other than a load "
                                "while this one ran; nothing was written. Run the load again.", code="db_replaced")
            for step in steps.before:
                step()
            versions.keep(target)
            os.replace(tmp, target)
            replaced = True
        except OSError as exc:
            if exc.errno in _PLAIN_OS_ERRORS:
                raise LoadError(str(target), os_error_message(exc, target)) from None
            raise
        except duckdb.Error as exc:
            if _is_full_disk(exc):
                raise LoadError(str(target), os_error_message(OSError(errno.ENOSPC, "No space left on device"),
                                                              target)) from None
            raise
        finally:
            for leftover in (tmp, Path(str(tmp) + ".wal")):
                leftover.unlink(missing_ok=True)
            # A failed write cleans up after itself; an interrupt is left as a kill would leave it, for `reconcile`.
            if not replaced and isinstance(sys.exc_info()[1], Exception):
                for step in steps.abandoned:
                    step()
        for step in steps.after:  # the database is in place; a kill here is finished by `reconcile`
            step()


# ---------------------------------------------------------------- reading data/

def read_data_dir(data_dir: Path) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """Every table file in data/, read once, validated alone and against each other; and the
    digests of the files read."""
    frames: dict[str, pd.DataFrame] = {}
    digests: list[str] = []
    for name in DATA_TABLES:
        path = Path(data_dir) / f"{name}.csv"
        if not path.exists():
            if schema.TABLES[name].optional_file:
                continue
            raise LoadError(str(path), f"file is missing: the embedded dataset needs {name}.csv")
        with read_input(path, table=name) as parsed:
            rows = parsed.register_rows() if parsed.kind == REGISTER else parsed.rows
            digests.append(parsed.content_digest())
        frames[name] = validate(name, rows, str(path))
    check_references(frames, {name: str(Path(data_dir) / f"{name}.csv") for name in frames})
    return frames, digests


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    if frame.empty:
        return
    columns = schema.TABLES[table].column_names
    con.register("incoming", frame[columns])
    try:
        con.execute(f"insert into {table} ({', '.join(columns)}) select {', '.join(columns)} from incoming")
    finally:
        con.unregister("incoming")


HISTORY_COLUMNS = schema.TABLES["load_runs"].column_names
_HISTORY_TYPES = {c.name: c.type for c in schema.TABLES["load_runs"].columns}


# Statements that give a database from before the append-only history its new columns, generated
# from the schema (identifiers cannot be bound parameters).
_ADD_HISTORY_COLUMN = {c.name: f"alter table load_runs add column {c.name} {c.type}"
                       for c in schema.TABLES["load_runs"].columns}


def _ensure_history_columns(con) -> None:
    """A database from before the append-only history gets its new columns (empty)."""
    have = {r[0] for r in con.execute("select column_name from duckdb_columns() where table_name = 'load_runs' "
                                      "and database_name = current_database()").fetchall()}
    for name in HISTORY_COLUMNS:
        if name not in have:
            con.execute(_ADD_HISTORY_COLUMN[name])


def next_run_id(con, target: Path | None = None) -> int:
    """One more than any run ever recorded: in this history, and in the additions record (which
    outlives a database that was lost or replaced by hand). Run ids are never reused."""
    in_history = con.execute("select coalesce(max(run_id), 0) from load_runs").fetchone()[0]
    in_record = additions.max_run_id(target) if target is not None else 0
    return max(int(in_history), in_record) + 1


def _record_run(con, action: str, names: list[str], digests: list[str], rows: int, target: Path | None = None,
                addition: str | None = None, run_id: int | None = None, changes: str | None = None) -> int:
    _ensure_history_columns(con)
    run_id = run_id or next_run_id(con, target)
    con.execute(
        "insert into load_runs (run_id, loaded_at, action, files, rows, checksum, undone_by, addition, changes) "
        "values (?, ?, ?, ?, ?, ?, null, ?, ?)",
        [run_id, datetime.now(timezone.utc).replace(tzinfo=None), action, ", ".join(names), rows, _checksum(digests),
         addition, changes],
    )
    return run_id


def history_records(db_path: Path) -> list[dict] | None:
    """The load history of a database as rows (column -> value), in run order, without pandas: what a
    writer reads under the lock to finish a killed writer's work. Empty if there is no file or no
    history yet; None if it cannot be read."""
    if not Path(db_path).is_file():
        return []
    try:
        with database.connect(db_path, read_only=True) as con:
            have = con.execute("select count(*) from duckdb_tables() where table_name = 'load_runs' "
                               "and database_name = current_database()").fetchone()[0]
            if not have:
                return []
            cursor = con.execute("select * from load_runs order by run_id")
            names = [column[0] for column in cursor.description]
            return [dict(zip(names, row)) for row in cursor.fetchall()]
    except duckdb.Error:
        return None


def read_history(db_path: Path) -> pd.DataFrame | None:
    """The load history of a database, every column of today's schema (older files lack the last
    ones: empty). An empty frame if there is no file; None if it cannot be read."""
    import pandas as pd

    if not Path(db_path).is_file():
        return pd.DataFrame(columns=HISTORY_COLUMNS)
    try:
        with database.connect(db_path, read_only=True) as con:
            have = con.execute("select count(*) from duckdb_tables() where table_name = 'load_runs' "
                               "and database_name = current_database()").fetchone()[0]
            if not have:
                return pd.DataFrame(columns=HISTORY_COLUMNS)
            history = con.execute("select * from load_runs order by run_id").df()
    except duckdb.Error:
        return None
    for column in HISTORY_COLUMNS:  # older files lack the last ones: empty
        if column not in history.columns:
            history[column] = None
    return history[HISTORY_COLUMNS]


def _earlier_runs(db_path: Path) -> pd.DataFrame:
    """The load history of the database a build replaces: a rebuild is one more run of the same
    history (the load history page lists them all). Empty if there is none or it cannot be read."""
    import pandas as pd

    history = read_history(db_path)
    return pd.DataFrame(columns=HISTORY_COLUMNS) if history is None else history


def active_additions(target: Path, history: pd.DataFrame) -> list[additions.Addition]:
    """The committed adds a build replays: not undone in the record nor in the history it carries."""
    undone = set()
    if len(history):
        marked = history[history["undone_by"].notna() & history["addition"].notna()]
        undone = set(marked["addition"])
    return [a for a in additions.records(target) if a.undone is None and a.name not in undone]


def _replay(con, addition: additions.Addition) -> int:
    """One recorded add applied again through the add's own path, inside a transaction of its own:
    it lands whole or not at all. Returns the rows it wrote; LoadError when it cannot apply."""
    from contextlib import ExitStack

    meta = addition.meta
    with ExitStack() as stack:
        inputs = additions.replay_inputs(addition, stack)
        con.execute("begin transaction")
        try:
            choices = {(c, int(y), m, scope): choice for c, y, m, scope, choice in meta.get("choices") or []}
            _change, rows = _apply_add(con, inputs, additions.replay_source(addition), meta.get("prefer"),
                                       bool(meta.get("create_editions")), NO_PROGRESS, choices)
        except BaseException:
            con.execute("rollback")
            raise
        con.execute("commit")
    return rows


def _lost_loads_message(failed: list[tuple[additions.Addition, str]]) -> str:
    lines = [f"rebuilding from data/ would lose {len(failed)} load(s) added since, which no longer apply; "
             "nothing was written:"]
    lines += [f"  {addition.describe()}: " + reason.replace("\n", "\n      ") for addition, reason in failed]
    lines.append("Change data/ or load those figures again in a form that applies, or run the build with "
                 "--discard-additions to drop them (the discard is recorded in the load history).")
    return "\n".join(lines)


def build(data_dir: Path, db_path: Path, discard_additions: bool = False) -> int:
    """Build the database from data/, then replay every recorded addition in the order it landed;
    returns the number of rows loaded. A replay that no longer applies makes the build refuse
    (LoadError naming the loads) unless `discard_additions`, which drops them and records it."""
    return build_report(data_dir, db_path, discard_additions)[0]


def build_report(data_dir: Path, db_path: Path, discard_additions: bool = False) -> tuple[int, list, list]:
    """`build`, returning (rows loaded, additions replayed, additions discarded)."""
    data_dir, db_path = Path(data_dir), Path(db_path)
    check_target(db_path)
    from loaders.release_rows import refresh_organizations

    frames, digests = read_data_dir(data_dir)
    steps = CommitSteps()
    with _swap_in(db_path, start_from_copy=False, steps=steps) as con:
        for statement in schema.create_statements():
            con.execute(statement)
        for name, frame in frames.items():
            _insert(con, name, frame)
        refresh_organizations(con)
        if len(frames.get("projects", ())):
            refresh_rollup(con)
        history = _earlier_runs(db_path)
        _insert(con, "load_runs", history)
        derived = con.execute("select count(*) from organizations").fetchone()[0]
        rows = sum(len(f) for f in frames.values()) + derived
        replayed, failed = [], []
        for addition in active_additions(db_path, history):
            try:
                rows += _replay(con, addition)
                replayed.append(addition)
            except LoadError as exc:
                failed.append((addition, exc.message))
        if failed and not discard_additions:
            raise LoadError(str(db_path), _lost_loads_message(failed))
        names = sorted(f"{name}.csv" for name in frames)
        if replayed:
            names.append("replayed: " + " ".join(f"run {a.run_id}" for a in replayed))
        build_run = _record_run(con, "build", names, digests, rows, target=db_path)
        if failed:
            discard_run = _record_run(con, "discard", [a.name for a, _ in failed], [], 0, target=db_path,
                                      run_id=build_run + 1)
            for addition, _ in failed:
                con.execute("update load_runs set undone_by = ? where addition = ? and undone_by is null",
                            [discard_run, addition.name])
            marks = {a.name: (discard_run, "discard") for a, _ in failed}
            steps.after.append(lambda: additions.mark_undone(db_path, marks))
    return rows, replayed, [a for a, _ in failed]


def is_stale(data_dir: Path, db_path: Path) -> str | None:
    """Why the database needs a build, or None: it is missing, or older than a table file of data/."""
    db_path = Path(db_path)
    if not db_path.exists():
        return "the database does not exist yet"
    built = db_path.stat().st_mtime_ns
    for name in DATA_TABLES:
        path = Path(data_dir) / f"{name}.csv"
        if path.exists() and path.stat().st_mtime_ns > built:
            return f"{path} is newer than the database"
    try:
        with database.connect(db_path, read_only=True) as con:
            have = set(con.execute("select table_name, column_name from duckdb_columns() "
                                   "where database_name = current_database()").fetchall())
    except duckdb.Error:
        return "the database cannot be read"
    missing = sorted(f"{t.name}.{c.name}" for t in schema.TABLES.values() for c in t.columns if (t.name, c.name) not in have)
    if missing:
        return f"the database predates the schema (no {', '.join(missing[:3])})"
    return None


def ensure(data_dir: Path, db_path: Path) -> tuple[bool, str]:
    """Build only when needed (`make run`): (built?, why). A build keeps the additions."""
    check_target(Path(db_path))
    reason = is_stale(data_dir, db_path)
    if reason is None:
        return False, "the database is newer than every table file of data/"
    _rows, replayed, _ = build_report(data_dir, db_path)
    return True, reason + (f"; {len(replayed)} recorded addition(s) replayed" if replayed else "")


# ---------------------------------------------------------------- add

@dataclass
class Plan:
    """What an add will write: the change (for people) and the validated rows (for the write)."""
    change: Change
    facts: pd.DataFrame
    sources: pd.DataFrame
    registers: list[Parsed]


def _release_source(parsed: Parsed, source: dict | None, known_sources: set[str], change: Change) -> tuple[str | None, list[dict]]:
    """The release's own source (from the command line / page), added to the sources when new."""
    if not source:
        return None, []
    source_id = source_id_for(source["url"])
    if source_id in known_sources:
        return source_id, []
    row = {"source_id": source_id, "publisher": source["publisher"], "title": None,
           "url": source["url"], "published_on": source.get("published_on"),
           "published_precision": day_precision(source.get("published_on"))}
    change.new_sources.append(row)
    known_sources.add(source_id)
    return source_id, [row]


def _stored_editions(con) -> set[tuple[str, int]]:
    return {(c, int(y)) for c, y in con.execute("select convention, year from editions").fetchall()}


def edition_row(convention: str, year: int, source_id: str | None) -> dict:
    """An edition created because figures for it were added: its number and city follow from the
    convention's history (yearly since FIRST_EDITION_YEAR, always in the host city); dates and theme
    wait for a source that gives them."""
    return {"convention": convention, "year": year, "edition_no": year - vocabulary.FIRST_EDITION_YEAR + 1,
            "start_date": None, "end_date": None, "format": None, "theme": None, "city": vocabulary.HOST_CITY,
            "venue": None, "source_id": source_id,
            "note": "created when figures for this edition were added; dates and theme not recorded yet"}


def _needed_editions(con, change: Change, facts: pd.DataFrame) -> list[dict]:
    """Editions the rows to add refer to and the database lacks, one row each (first source given)."""
    stored = _stored_editions(con)
    wanted: dict[tuple[str, int], str | None] = {}
    frames = [facts] + [frame for table, frame in change.extras.items() if "year" in frame.columns]
    for frame in frames:
        for convention, year, source_id in frame[["convention", "year", "source_id"]].itertuples(index=False):
            key = (convention, int(year))
            if key not in stored:
                wanted.setdefault(key, source_id)
    return [edition_row(c, y, s) for (c, y), s in sorted(wanted.items())]


def _kept_rows(kept: pd.DataFrame | None, parsed_rows: pd.DataFrame, source_id: str | None) -> pd.DataFrame:
    """A release's other rows as a person kept them: their columns of the table, with the release's source."""
    if kept is None:
        return parsed_rows.iloc[0:0]
    kept = kept.reindex(columns=parsed_rows.columns).reset_index(drop=True)
    if "source_id" in kept.columns:
        kept["source_id"] = source_id
    if "convention" in kept.columns:
        kept["convention"] = vocabulary.CONVENTION
    return kept


def _row_stages(rows: pd.DataFrame, typed: pd.DataFrame) -> list[tuple[str, bool, bool]]:
    """(stage, subset, results) of each row: a release's rows carry the extractor's stage, whether the figure was
    read as a part of the convention and whether the release reports the results conference; a table's stage
    follows from its qualifier (or its own stage column)."""
    def column(name, default):
        return rows[name].tolist() if name in rows.columns else [default] * len(typed)
    return [(vocabulary.stage_of_stored(qualifier, stage), vocabulary.flag(part), vocabulary.flag(results))
            for stage, part, results, qualifier in zip(column("stage", None), column("subset", False),
                                                       column("results", False), typed["qualifier"])]


def _settle(old: dict, new: dict, new_stage: str, new_results: bool, new_publisher: str | None, prefer: str | None,
            choice: str | None) -> dict:
    """How a stored figure and an added one of the same edition, metric and scope are settled: the headline rule;
    the admin's choice on the page (a choice against the rule is recorded as theirs); --prefer where the rule
    cannot decide."""
    old_stage = vocabulary.stage_of_stored(old["qualifier"], old.get("stage"))
    old_results = vocabulary.at_results(f"{old.get('_title') or ''} {old.get('note') or ''}")
    ruled = headline.decide(headline.Side(float(old["value"]), old["qualifier"], old_stage,
                                          headline.is_reprint(old.get("_publisher")), old_results),
                            headline.Side(float(new["value"]), new["qualifier"], new_stage,
                                          headline.is_reprint(new_publisher), new_results))
    winner, step, reason = ruled.winner, ruled.step, ruled.reason
    if old["scope"] != new["scope"]:  # the rule compares like with like: another scope is the admin's call
        winner, step = None, None
        reason = f"the scopes differ: stored '{old['scope']}', new '{new['scope']}'"
    if choice in ("new", "old") and choice != winner:
        winner, step = choice, headline.ADMIN
    elif winner is None and prefer in ("new", "old"):
        winner, step = prefer, headline.ADMIN
    return {"winner": winner, "step": step, "reason": reason, "old_stage": old_stage, "new_stage": new_stage,
            "old_results": old_results, "new_results": new_results,
            "rule_winner": ruled.winner, "rule_step": ruled.step}


def _later_stage(new_stage: str, old: dict) -> bool:
    """Whether an added figure has a later stage than the stored one of the same value: the opening day's 20,000 m2
    confirmed at the close is a closing figure from then on."""
    old_stage = vocabulary.stage_of_stored(old["qualifier"], old.get("stage"))
    closing = headline.STAGE_RANK["closing"]
    return headline.STAGE_RANK.get(new_stage, closing) > headline.STAGE_RANK.get(old_stage, closing)


def plan_add(con: duckdb.DuckDBPyConnection, inputs: list[Parsed], source: dict | None, prefer: str | None,
             progress: Progress = NO_PROGRESS, choices: dict | None = None) -> Plan:
    """Validate what the files gave against the stored data and decide what changes. Writes nothing.

    Each input was read once (loaders.intake); here its rows are validated once (loaders.validate)
    and a release's organizers, claims and breakdowns come from the same extraction as its figures.
    """
    import pandas as pd

    from loaders.release_rows import new_rows, release_rows

    known_sources = {r[0] for r in con.execute("select source_id from sources").fetchall()}
    metric_units = dict(con.execute("select metric, unit from metrics").fetchall())
    change = Change()
    all_facts, all_sources, registers = [], [], []
    stages: list[tuple[str, bool, bool]] = []  # per fact row, in order: (stage, a part of the convention, results)
    for number, parsed in enumerate(inputs):
        progress.step(f"checking {Path(parsed.file).name}", 0.1 + 0.3 * number / max(len(inputs), 1))
        if parsed.kind == REGISTER:
            registers.append(parsed)
            continue
        if parsed.kind == "facts" and parsed.rows.empty:
            raise LoadError(parsed.file, "no figures to load: every row was left out or is blank", code="no_figures")
        rows = parsed.rows
        if parsed.kind == "release" and not parsed.reviewed and "subset" in rows.columns:
            # a city's or a session's figures never go in unseen: a person ticks them on the Add data page
            part = rows["subset"].fillna(False).astype(bool)
            change.left_out += rows[part].to_dict("records")
            rows = rows[~part].reset_index(drop=True)
        raw, fresh = attach_sources(rows, parsed.file, source, known_sources)
        if fresh:
            all_sources.append(validate("sources", pd.DataFrame(fresh, columns=schema.TABLES["sources"].column_names),
                                        parsed.file))
        known_sources |= {s["source_id"] for s in fresh}
        typed = validate_against("facts", raw, parsed.file, metric_units, known_sources)
        all_facts.append(typed)
        stages += _row_stages(rows, typed)
        change.new_sources += fresh
        if parsed.kind == "release":
            release_source, rows = _release_source(parsed, source, known_sources, change)
            if rows:
                all_sources.append(validate("sources", pd.DataFrame(rows), parsed.file))
            extra_rows = release_rows(parsed.extraction, parsed.year, release_source, parsed.file)
            if parsed.extras is not None:  # the rows a person kept on the Add data page, as they corrected them
                extra_rows = {table: _kept_rows(parsed.extras.get(table), frame, release_source)
                              for table, frame in extra_rows.items()}
            for table, rows in extra_rows.items():
                frame = validate_against(table, rows, parsed.file, metric_units, known_sources) if len(rows) else rows
                fresh_rows = new_rows(con, table, frame)
                change.extras[table] = pd.concat([change.extras.get(table, fresh_rows.iloc[0:0]), fresh_rows],
                                                 ignore_index=True).drop_duplicates(list(schema.TABLES[table].key))
    facts = pd.concat(all_facts, ignore_index=True) if all_facts else pd.DataFrame(columns=schema.TABLES["facts"].column_names)
    check_unique_key("facts", facts, ", ".join(p.file for p in inputs))
    stored = {
        (r["convention"], r["year"], r["metric"], r["scope"]): r
        for r in con.execute("select f.*, s.publisher as _publisher, coalesce(s.title, '') as _title "
                             "from facts f left join sources s using (source_id)").df().to_dict("records")
    }
    # A core metric has one figure per edition whatever a source calls its scope, so a stored
    # figure of the same edition and metric is what a new one conflicts with -- unless the new one
    # was read as a part of the convention (a city's, a session's: `subset`), which meets only its own scope.
    stored_core: dict[tuple, dict] = {}
    for r in stored.values():  # one figure per edition and core metric; a plain scope's when there are several
        key = (r["convention"], r["year"], r["metric"])
        if r["metric"] in schema.KPI_METRICS and (key not in stored_core or r["scope"] in vocabulary.PLAIN_SCOPES):
            stored_core[key] = r
    publishers = dict(con.execute("select source_id, publisher from sources").fetchall())
    publishers.update({s["source_id"]: s["publisher"] for s in change.new_sources})
    keep = []
    for row, (stage, subset, results) in zip(facts.to_dict("records"), stages):
        old = stored.get((row["convention"], row["year"], row["metric"], row["scope"]))
        if old is None and row["metric"] in schema.KPI_METRICS and not subset:
            old = stored_core.get((row["convention"], row["year"], row["metric"]))
        if old is None:
            change.inserted.append(row)
            keep.append(row)
            continue
        if (float(old["value"]) == float(row["value"]) and old["qualifier"] == row["qualifier"]
                and not _later_stage(stage, old)):
            change.unchanged += 1
            continue
        decision = _settle(old, row, stage, results, publishers.get(row["source_id"]), prefer,
                           (choices or {}).get((row["convention"], int(row["year"]), row["metric"], row["scope"])))
        old = {k: v for k, v in old.items() if not k.startswith("_")}
        decision.update(old=old, new=row)
        change.decisions.append(decision)
        if decision["winner"] is None:
            change.conflicts.append((old, row))
            continue
        if decision["winner"] == "new":
            change.updated.append((old, row))
            keep.append(row)
            loser, winner = old, row
        else:
            change.kept_old += 1
            loser, winner = row, old
        if loser["source_id"] != winner["source_id"]:
            change.alternatives.append({
                "convention": winner["convention"], "year": int(winner["year"]), "metric": winner["metric"],
                "scope": winner["scope"], "source_id": loser["source_id"], "value": float(loser["value"]),
                "unit": loser["unit"], "qualifier": loser["qualifier"], "preferred_by": decision["step"],
                "note": f"{decision['old_stage'] if loser is old else decision['new_stage']} figure; "
                        f"headline chosen by {decision['step']}"})
    keep_frame = pd.DataFrame(keep, columns=schema.TABLES["facts"].column_names)
    change.new_editions = _needed_editions(con, change, keep_frame)
    sources = pd.concat(all_sources, ignore_index=True) if all_sources else pd.DataFrame()
    return Plan(change, keep_frame, sources, registers)


def _store_alternatives(con, change: Change) -> None:
    """The losers of the headline rule, with their source and the deciding step. A replaced figure's own
    alternatives follow it to the new headline's scope; a source is never an alternative to itself."""
    for decision in change.decisions:
        if decision["winner"] == "new":
            old, new = decision["old"], decision["new"]
            con.execute("update alternatives set scope = ? where convention = ? and year = ? and metric = ? "
                        "and scope = ?", [new["scope"], old["convention"], old["year"], old["metric"], old["scope"]])
            con.execute("delete from alternatives where convention = ? and year = ? and metric = ? and scope = ? "
                        "and source_id = ?", [new["convention"], new["year"], new["metric"], new["scope"],
                                              new["source_id"]])
    if not change.alternatives:
        return
    import pandas as pd

    rows = pd.DataFrame(change.alternatives, columns=schema.TABLES["alternatives"].column_names)
    if rows.empty:
        return
    key = ["convention", "year", "metric", "scope", "source_id"]
    stored = {tuple(r) for r in con.execute(f"select {', '.join(key)} from alternatives").fetchall()}
    rows = rows[[tuple(r) not in stored for r in rows[key].itertuples(index=False)]].drop_duplicates(key)
    _insert(con, "alternatives", validate("alternatives", rows, "alternatives"))


def _refuse_missing_editions(change: Change, files: str, create_editions: bool) -> None:
    if change.new_editions and not create_editions:
        years = ", ".join(f"{e['convention']} {e['year']}" for e in change.new_editions)
        raise LoadError(files, f"no edition {years} is stored, so these figures would appear nowhere; nothing was "
                        "written. Check the year, or pass --create-editions to add the edition(s).", code="no_edition",
                        params={"years": ", ".join(str(e["year"]) for e in change.new_editions)})


def _register_editions(con, registers: list[Parsed], change: Change, create_editions: bool) -> None:
    """Editions a register's rows refer to and the database lacks: refused, or created when asked."""
    missing = con.execute("""
        select distinct p.convention, p.year from projects p
        anti join editions e on e.convention = p.convention and e.year = p.year order by all""").fetchall()
    rows = [edition_row(c, int(y), None) for c, y in missing]
    if rows and not create_editions:
        change.new_editions += rows
        _refuse_missing_editions(change, ", ".join(p.file for p in registers), False)
    if rows:
        # Written as they are: edition_row makes them from years the register's own checks kept within the
        # schema's range, so every rule of `editions` holds (and an add of registers never needs pandas).
        columns = schema.TABLES["editions"].column_names
        con.executemany(f"insert into editions ({', '.join(columns)}) values ({', '.join('?' * len(columns))})",
                        [[row[c] for c in columns] for row in rows])
        change.new_editions += rows


def open_inputs(files, year: int | None = None, stack=None, published_on=None) -> list[Parsed]:
    """Each file read once (loaders.intake); a `Parsed` value passes through unchanged."""
    inputs = []
    for item in files:
        parsed = item if isinstance(item, Parsed) else read_input(Path(item), year=year, published_on=published_on)
        if stack is not None:
            stack.enter_context(parsed)
        inputs.append(parsed)
    return inputs


def _registers_only(inputs: list[Parsed]) -> bool:
    """An add of registers alone: no figures to plan, so no frame is built (and pandas is not imported)."""
    return all(parsed.kind == REGISTER for parsed in inputs)


def _apply_add(con, inputs: list[Parsed], source: dict | None, prefer: str | None, create_editions: bool,
               progress: Progress, choices: dict | None = None) -> tuple[Change, int]:
    """Write one add's change into `con` (the temp copy): what `add` does and what a build replays.
    Returns the change and the rows written; LoadError (before anything is written) when it cannot apply."""
    if _registers_only(inputs):
        change = Change()
        _load_registers(con, inputs, change, create_editions, progress)
        return change, change.projects
    import pandas as pd

    from loaders.release_rows import refresh_organizations

    names = ", ".join(p.file for p in inputs)
    plan = plan_add(con, inputs, source, prefer, progress, choices)
    change = plan.change
    if change.conflicts:
        raise LoadError(names, f"{len(change.conflicts)} figure(s) conflict with stored ones; nothing was "
                        "written. Use --prefer new or --prefer old.\n" + change.summary(), code="conflicts",
                        params={"count": len(change.conflicts)})
    _refuse_missing_editions(change, names, create_editions)
    progress.step("writing", 0.5)
    if change.new_editions:
        _insert(con, "editions", validate("editions", pd.DataFrame(change.new_editions), names))
    if not plan.sources.empty:
        _insert(con, "sources", plan.sources)
    for old, new in change.updated:
        con.execute("delete from facts where convention = ? and year = ? and metric = ? and scope = ?",
                    [old["convention"], old["year"], old["metric"], old["scope"]])
    _insert(con, "facts", plan.facts)
    _store_alternatives(con, change)
    for table, frame in change.extras.items():
        _insert(con, table, frame)
    if len(change.extras.get("participation", ())):
        refresh_organizations(con)
    _load_registers(con, plan.registers, change, create_editions, progress)
    return change, len(plan.facts) + change.projects + sum(len(f) for f in change.extras.values())


def _load_registers(con, registers: list[Parsed], change: Change, create_editions: bool, progress: Progress) -> None:
    for number, register in enumerate(registers):
        progress.step(f"loading register {Path(register.file).name}", 0.55 + 0.35 * number / len(registers))
        change.projects += load_register(con, register)
    if registers:
        _register_editions(con, registers, change, create_editions)


def add(files: list, db_path: Path, source: dict | None = None, check: bool = False,
        prefer: str | None = None, year: int | None = None, create_editions: bool = False,
        progress: Progress = NO_PROGRESS, choices: dict | None = None) -> Change:
    """Merge user files (paths, or `Parsed` values already read) into the database, atomically;
    with check=True write nothing. The add is recorded beside the database (loaders/additions.py)
    in the same locked step, so every later build replays it."""
    from contextlib import ExitStack

    db_path = Path(db_path)
    check_target(db_path)
    if not db_path.exists():
        raise LoadError(str(db_path), "database does not exist: run `python -m loaders build` first")
    with ExitStack() as stack:
        progress.step("reading the files", 0.05)
        inputs = open_inputs(files, year, stack, (source or {}).get("published_on"))
        if check:
            with database.connect(db_path, read_only=True) as con:
                if _registers_only(inputs):
                    change, registers = Change(), inputs
                else:
                    plan = plan_add(con, inputs, source, prefer, progress, choices)
                    change, registers = plan.change, plan.registers
                change.projects += sum(load_register(con, p, insert=False) for p in registers)
                return change
        steps = CommitSteps()
        with _swap_in(db_path, start_from_copy=True, progress=progress, steps=steps) as con:
            name = additions.record_name(additions.next_number(db_path), inputs[0].kind, inputs[0].file)
            pending = None
            if any(additions.takes_register(parsed) for parsed in inputs):
                pending = additions.open_pending(db_path, name)
                steps.abandoned.append(lambda: additions.discard_pending(pending))
                for number, parsed in enumerate(inputs, start=1):
                    if additions.takes_register(parsed):
                        additions.take_register(pending, number, parsed)
            change, rows = _apply_add(con, inputs, source, prefer, create_editions, progress, choices)
            progress.step("saving", 0.92)
            run_id = _record_run(con, "add", [Path(p.file).name for p in inputs],
                                 [p.content_digest() for p in inputs], rows, target=db_path, addition=name,
                                 changes=change.changes_text())
            options = {"source": source, "prefer": prefer, "year": year, "create_editions": create_editions,
                       "choices": [[*key, choice] for key, choice in (choices or {}).items()]}
            staged = []
            steps.before.append(lambda: staged.append(additions.stage(db_path, name, run_id, inputs, options, pending)))
            steps.after.append(lambda: additions.promote(staged[0]))
    progress.step("done", 1.0)
    return change
