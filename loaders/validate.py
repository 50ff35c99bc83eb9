"""The one validator: every rule of a table in `loaders/schema.py`, generated as SQL and run in DuckDB.

A table's columns give, per column, a typed expression (text trimmed; numbers with thousands
separators read; whole numbers, booleans, dates) and the checks it must pass (present when required,
of its type, one of its choices, within its range). One aggregate pass finds the first row breaking
any rule; the key is checked for repeats. The same generator serves a loader's frame of text cells
(`validate`: facts, sources, the data/ tables, a release's rows) and a register DuckDB staged itself
(`loaders.register`, 10^7 rows), so both speak with one set of messages:

    <file>, row <n>, column '<header>': <problem>

where row and column are the user's own (header = row 1; the file's header spelling).
"""
from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Callable

import duckdb

import database
import vocabulary
from loaders import schema
from vocabulary import INVISIBLE, INVISIBLE_CLASS, PROGRESS_MEASURES, is_missing
from loaders.errors import LoadError

if TYPE_CHECKING:  # pandas is imported where rows are frames: a register's load (SQL only) never needs it
    import pandas as pd

_INT_TYPES = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT",
              "UINTEGER", "UBIGINT")
_FLOAT_TYPES = ("FLOAT", "DOUBLE", "REAL", "DECIMAL")
_TRUE = ("true", "1", "yes", "y", "t")
_FALSE = ("false", "0", "no", "n", "f")
_WHAT = {"INTEGER": "a whole number", "BIGINT": "a whole number", "DOUBLE": "a finite number",
         "BOOLEAN": "true/false", "DATE": "a date (YYYY-MM-DD)", "TIMESTAMP": "a date and time"}
POSITION = "_pos"  # 0-based position of a row in what is validated
# an address a browser opens as a web page: http or https, then a host (no space in it), then anything printable
WEB_ADDRESS = r"(?i)https?://[^\s/?#@]+(?:[/?#][^\x00-\x1f\x7f]*)?"


def ident(name: str) -> str:
    """A column or table name as a quoted SQL identifier (identifiers cannot be bound parameters)."""
    return '"' + str(name).replace('"', '""') + '"'


def literal(text: str) -> str:
    """A schema constant (a choice) as an SQL string literal; never user input."""
    return "'" + str(text).replace("'", "''") + "'"


# ---------------------------------------------------------------- where a row came from

class _SharedList(list):
    def __deepcopy__(self, memo):
        return self


class _SharedDict(dict):
    def __deepcopy__(self, memo):
        return self


def shared(value):
    """A location record for `frame.attrs`, shared by every frame derived from it instead of copied.

    pandas deep-copies `attrs` into every frame an operation derives (a column, a slice): a list of
    10^5 row numbers copied some 200 times made a 10^5-row add take a minute. Nobody changes these
    records after a loader made them, so sharing them is safe.
    """
    return _SharedDict(value) if isinstance(value, dict) else _SharedList(value)


def source_location(frame: pd.DataFrame, index: int, column: str, row_offset: int = 2) -> tuple[int, str]:
    """(row, column) of a frame's cell as the user's file numbers and names it.

    A loader records in `frame.attrs` where its rows came from ("source_rows": the file row of
    each frame row) and what the file called a column ("source_columns": column -> header, or
    a list with one header per row, as for a wide table turned long). Without them the frame's
    rows are the file's data rows in order, starting at `row_offset`.
    """
    rows = frame.attrs.get("source_rows")
    row = int(rows[index]) if rows is not None and 0 <= index < len(rows) else index + row_offset
    named = (frame.attrs.get("source_columns") or {}).get(column)
    if isinstance(named, (list, tuple)):
        named = named[index] if 0 <= index < len(named) else None
    return row, str(named) if named else column


# ---------------------------------------------------------------- checks generated from the schema

@dataclass(frozen=True)
class Check:
    column: str
    kind: str  # missing / type / choice / minimum / maximum / web_address / invisible / untrimmed
    failing: str  # SQL condition true on a row that breaks the rule


def _typed_from_text(ref: str, column: schema.Column, trimmed: bool = False) -> tuple[str, str]:
    """(present, typed value) SQL for a text source column; `trimmed`: its cells are known to need
    no trim (see expressions)."""
    cell = f"nullif({ref}, '')" if trimmed else f"nullif(trim({ref}), '')"
    present = f"{cell} is not null"
    if column.type in ("INTEGER", "BIGINT", "DOUBLE"):
        return present, f"try_cast(replace({cell}, ',', '') as double)"
    if column.type == "BOOLEAN":
        return present, (f"case when lower({cell}) in ({', '.join(map(literal, _TRUE))}) then true "
                         f"when lower({cell}) in ({', '.join(map(literal, _FALSE))}) then false end")
    if column.type == "DATE":
        return present, f"try_cast(left({cell}, 10) as date)"
    if column.type == "TIMESTAMP":
        return present, f"try_cast({cell} as timestamp)"
    return present, cell


def expressions(table_name: str, found: dict[str, tuple[str, str]],
                keep_untrimmed: bool = False, all_or_nothing: bool = False) -> tuple[dict[str, str], list[Check]]:
    """Typed SQL expression per schema column, and the checks, generated from the schema.

    `found`: schema column -> (quoted source column, its DuckDB type). With `keep_untrimmed`, a text
    column is selected as it is (DuckDB keeps its dictionary vectors: fast at 10^7 rows) unless the
    "untrimmed" check finds a cell that needs trimming; the caller then switches to the trimmed one.
    `all_or_nothing` (with keep_untrimmed): the caller refuses the whole file when any check fails,
    the untrimmed one included, so every other check may read the cells untrimmed: no trim() per
    cell at all (the register's one-pass load).
    """
    table = schema.TABLES[table_name]
    typed: dict[str, str] = {}
    checks: list[Check] = []
    for column in table.columns:
        if column.name not in found:
            typed[column.name] = f"cast(null as {column.type})"
            continue
        ref, dtype = found[column.name]
        base = dtype.split("(")[0].upper()
        text = base == "VARCHAR"
        # Already the column's integer type (a Parquet register's year): whole and in range as it is, so no
        # type check, and stored as read (a rule on it may then look at its distinct values alone).
        native = base == column.type and base in ("INTEGER", "BIGINT")
        if text:
            # Only text columns get the untrimmed check that makes skipping trim() safe.
            trimmed = all_or_nothing and keep_untrimmed and column.type == "VARCHAR"
            present, value = _typed_from_text(ref, column, trimmed=trimmed)
        elif column.type == "VARCHAR":
            present, value = f"{ref} is not null", f"cast({ref} as varchar)"
        elif native:
            present, value = f"{ref} is not null", ref
        elif base in _INT_TYPES or base in _FLOAT_TYPES:
            present, value = f"{ref} is not null", f"cast({ref} as double)"
        else:  # e.g. a date where a number belongs: the type check names it
            present, value = f"{ref} is not null", f"try_cast({ref} as {column.type})"
        if native:
            pass
        elif column.type in ("INTEGER", "BIGINT", "DOUBLE"):
            bad = f"{value} is null or not isfinite({value})"
            if column.type != "DOUBLE":
                bad += f" or {value} <> floor({value}) or abs({value}) > 2147483647"
                value = f"cast({value} as {column.type})"
            checks.append(Check(column.name, "type", f"{present} and ({bad})"))
        elif column.type != "VARCHAR":
            checks.append(Check(column.name, "type", f"{present} and {value} is null"))
        if column.required or column.name in table.key:
            checks.append(Check(column.name, "missing", f"not ({present})"))
        if column.choices:
            checks.append(Check(column.name, "choice", f"{value} not in ({', '.join(map(literal, column.choices))})"))
        if column.minimum is not None:
            checks.append(Check(column.name, "minimum", f"{value} < {column.minimum!r}"))
        if column.maximum is not None:
            checks.append(Check(column.name, "maximum", f"{value} > {column.maximum!r}"))
        if column.web_address:
            checks.append(Check(column.name, "web_address", f"not regexp_full_match({value}, {literal(WEB_ADDRESS)})"))
        if column.type == "VARCHAR":
            # text shown as it is stored: a character that reverses or hides text ("RTL-pub" shown as "bup-LTR")
            # Every such character takes 3 bytes in UTF-8, so a cell of as many bytes as characters (plain ASCII,
            # nearly every cell of a register) cannot hold one: the regular expression runs on the others only,
            # which made the register's checking load 2-3x faster than a regexp_matches per cell.
            checks.append(Check(column.name, "invisible", f"case when strlen({value}) = length({value}) then false "
                                f"else regexp_matches({value}, {literal(INVISIBLE_CLASS)}) end"))
        if keep_untrimmed and text and column.type == "VARCHAR":
            # trim() strips spaces only, so a cell needs it exactly when it starts or ends with one;
            # prefix/suffix compare in place where `<> trim()` builds a new string per cell.
            checks.append(Check(column.name, "untrimmed", f"{ref} = '' or prefix({ref}, ' ') or suffix({ref}, ' ')"))
            typed[column.name] = ref
        else:
            typed[column.name] = value
    for column in table.columns:
        if column.default:  # a blank or absent cell takes the column's default, over the row's typed cells
            typed[column.name] = f"coalesce({typed[column.name]}, {column.default.format(**typed)})"
    return typed, checks


Locate = Callable[[int, str], tuple[int, str]]  # (position, schema column) -> (file row, file header)


def raise_first_problem(con: duckdb.DuckDBPyConnection, source: str, table_name: str, found, typed: dict[str, str],
                        checks: list[Check], file: str, locate: Locate) -> None:
    """One pass over `source`: the first row breaking any rule, as a LoadError. An "untrimmed" hit
    switches that column's typed expression to the trimmed one (in `typed`)."""
    if not checks:
        return
    aggregates = ", ".join(f"min({POSITION}) filter (where {check.failing})" for check in checks)
    firsts = con.execute(f"select {aggregates} from {source}").fetchone()
    hits = []
    for index, position in enumerate(firsts):
        if position is None:
            continue
        check = checks[index]
        if check.kind == "untrimmed":
            typed[check.column] = _typed_from_text(found[check.column][0], schema.TABLES[table_name].column(check.column))[1]
        else:
            hits.append((position, index))
    if not hits:
        return
    position, index = min(hits)
    check = checks[index]
    column = schema.TABLES[table_name].column(check.column)
    raw, value = con.execute(f"select cast({found[check.column][0]} as varchar), {typed[check.column]} "
                             f"from {source} where {POSITION} = $p", {"p": position}).fetchone()
    shown = f"{value}"
    if check.kind == "missing":
        problem, code, params = "value is missing", "value_missing", {}
    elif check.kind == "type":
        what = _WHAT.get(column.type, column.type.lower())
        problem = f"expected {column.type.lower()}: '{raw}' is not {what}"
        code, params = f"not_{column.type.lower()}", {"raw": raw}
    elif check.kind == "choice":
        problem = f"'{value}' is not one of {list(column.choices)}"
        code, params = "not_choice", {"value": value, "choices": ", ".join(column.choices)}
    elif check.kind == "minimum":
        problem = f"{shown} is below the minimum {column.minimum:g}"
        code, params = "below_minimum", {"value": shown, "limit": f"{column.minimum:g}"}
    elif check.kind == "web_address":
        problem = f"'{value}' is not a web address: only http:// and https:// addresses are stored"
        code, params = "not_web_address", {"value": value}
    elif check.kind == "invisible":
        found = sorted({f"U+{ord(c):04X}" for c in str(value) if c in INVISIBLE})
        problem = (f"holds {', '.join(found)}, a character that changes the direction of text or is invisible; "
                   "remove it")
        code, params = "invisible_character", {"found": ", ".join(found)}
    else:
        problem = f"{shown} is above the maximum {column.maximum:g}"
        code, params = "above_maximum", {"value": shown, "limit": f"{column.maximum:g}"}
    raise LoadError(file, problem, *locate(int(position), check.column), code=code, params=params)


def raise_first_repeated_key(con: duckdb.DuckDBPyConnection, source: str, table_name: str, typed: dict[str, str],
                             file: str, locate: Locate) -> None:
    """The first row whose key was already given above it."""
    key = schema.TABLES[table_name].key
    keys = ", ".join(f"{typed[k]} as {ident(k)}" for k in key)
    repeat = con.execute(f"""
        select {POSITION}, {', '.join(map(ident, key))} from (select {POSITION}, {keys} from {source})
        qualify row_number() over (partition by {', '.join(map(ident, key))} order by {POSITION}) > 1
        order by {POSITION} limit 1
    """).fetchone()
    if repeat is not None:
        values = ", ".join(f"{k}={v}" for k, v in zip(key, repeat[1:]))
        raise LoadError(file, f"duplicate key ({values}) already given above", *locate(int(repeat[0]), key[-1]),
                        code="duplicate_key", params={"key": values})


def missing_columns(table_name: str, present) -> None | list[str]:
    table = schema.TABLES[table_name]
    return [c.name for c in table.columns if c.name not in present and (c.required or c.name in table.key)]


def _cell_text(value, pd) -> str | None:
    """A loader's cell (text, or a number from Excel/JSON) as the text the SQL rules read (`pd`: pandas, which the
    caller imported)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return None if math.isnan(value) else repr(value)
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, (datetime, date, pd.Timestamp)):
        return value.isoformat()
    return str(value)


def validate(table_name: str, frame: pd.DataFrame, file: str, row_offset: int = 2) -> pd.DataFrame:
    """Check a loader's rows against the table; return them typed (Python values, schema columns).

    Raises LoadError naming file, row (a spreadsheet's numbering: header row 1, first data row
    `row_offset`, or the rows the loader recorded in `frame.attrs`), column and problem.
    """
    import pandas as pd

    table = schema.TABLES[table_name]
    missing = missing_columns(table_name, frame.columns)
    if missing:
        raise LoadError(file, f"missing required column(s) {missing}; expected {table.column_names}",
                        code="missing_columns", params={"columns": ", ".join(missing)})
    present = [c for c in table.column_names if c in frame.columns]
    cells = pd.DataFrame({name: pd.Series([_cell_text(v, pd) for v in frame[name]], dtype=object) for name in present},
                         columns=present)
    cells[POSITION] = range(len(frame))
    found = {name: (ident(name), "VARCHAR") for name in present}
    typed, checks = expressions(table_name, found)

    def locate(position: int, column: str) -> tuple[int, str]:
        return source_location(frame, position, column, row_offset)

    with database.scratch() as con:
        con.register("_rows", cells.astype({name: "string" for name in present}) if present else cells)
        raise_first_problem(con, "_rows", table_name, found, typed, checks, file, locate)
        raise_first_repeated_key(con, "_rows", table_name, typed, file, locate)
        select = ", ".join(f"{typed[c]} as {ident(c)}" for c in table.column_names)
        records = con.execute(f"select {select} from _rows order by {POSITION}").fetchall()
    typed_frame = pd.DataFrame.from_records(records, columns=table.column_names)
    typed_frame.attrs = dict(frame.attrs)  # where each row came from, for the reference checks
    return typed_frame


def check_unique_key(table_name: str, frame: pd.DataFrame, file: str, row_offset: int = 2) -> None:
    """A key given twice across already-validated frames (several files of one add)."""
    key = list(schema.TABLES[table_name].key)
    dupes = frame[frame.duplicated(key, keep="first")]
    if not dupes.empty:
        index = int(dupes.index[0])
        values = ", ".join(f"{k}={frame.loc[index, k]}" for k in key)
        raise LoadError(file, f"duplicate key ({values}) already given above",
                        *source_location(frame, frame.index.get_loc(index), key[-1], row_offset))


# ---------------------------------------------------------------- across tables

def check_references(frames: dict[str, pd.DataFrame], files: dict[str, str]) -> None:
    """Cross-table rules: sources and metrics resolve, units match the metric's unit."""
    source_ids = set(frames["sources"]["source_id"]) if "sources" in frames else set()
    metric_units = dict(zip(frames["metrics"]["metric"], frames["metrics"]["unit"])) if "metrics" in frames else {}
    if "compare_by" in frames.get("metrics", {}):
        for index, words in enumerate(frames["metrics"]["compare_by"]):
            unknown = sorted(set(str(words).split()) - set(vocabulary.COMPARE_DIMENSIONS)) if not is_missing(words) else []
            if unknown:
                raise LoadError(files["metrics"], f"compare_by names {unknown}; it may list "
                                f"{', '.join(vocabulary.COMPARE_DIMENSIONS)} (space separated)",
                                *source_location(frames["metrics"], index, "compare_by"))
    if "part_of" in frames.get("metrics", {}):
        for index, whole in enumerate(frames["metrics"]["part_of"]):
            if not is_missing(whole) and whole not in metric_units:
                raise LoadError(files["metrics"], f"part_of '{whole}' is not a metric; known: {sorted(metric_units)}",
                                *source_location(frames["metrics"], index, "part_of"))
    for name, frame in frames.items():
        if "source_id" in frame.columns and name != "sources":
            for index, source_id in enumerate(frame["source_id"]):
                if not is_missing(source_id) and source_id not in source_ids:
                    raise LoadError(files[name], f"unknown source_id '{source_id}' (not in sources)", code="unknown_source",
                                    params={"source_id": source_id},
                                    *source_location(frame, index, "source_id"))
        if name in ("facts", "claims", "alternatives") and metric_units:
            for index, (metric, unit) in enumerate(zip(frame["metric"], frame["unit"])):
                if metric not in metric_units:
                    raise LoadError(files[name], f"unknown metric '{metric}'; known: {sorted(metric_units)}",
                                    code="unknown_metric", params={"metric": metric},
                                    *source_location(frame, index, "metric"))
                if unit != metric_units[metric]:
                    raise LoadError(files[name], f"unit '{unit}' does not match {metric}'s unit "
                                    f"'{metric_units[metric]}'", *source_location(frame, index, "unit"),
                                    code="unit_mismatch",
                                    params={"unit": unit, "metric": metric, "expected": metric_units[metric]})
    if "sources" in frames and "published_precision" in frames["sources"].columns:
        check_date_precision(frames["sources"], files["sources"])
    if "alternatives" in frames:
        check_alternatives(frames["alternatives"], frames.get("facts"), files["alternatives"])
    if "progress" in frames:
        check_progress(frames["progress"], files["progress"])


def check_date_precision(sources: pd.DataFrame, file: str) -> None:
    """A date has a precision and a precision a date; a date known to the month or year is stored
    on its first day, so nothing pretends to know the day."""
    import pandas as pd

    for index, (on, precision) in enumerate(zip(sources["published_on"], sources["published_precision"])):
        dated, precise = not is_missing(on) and not pd.isna(on), not is_missing(precision)
        if dated and not precise:
            raise LoadError(file, f"published_on {on} has no published_precision: give one of "
                            f"{list(schema.DATE_PRECISIONS)}", *source_location(sources, index, "published_precision"))
        if precise and not dated:
            raise LoadError(file, f"published_precision '{precision}' without a published_on date",
                            *source_location(sources, index, "published_on"))
        if dated and ((precision in ("month", "year") and on.day != 1) or (precision == "year" and on.month != 1)):
            first = "the first day of its month" if precision == "month" else "1 January"
            raise LoadError(file, f"a date known to the {precision} is stored as {first}, not {on}",
                            *source_location(sources, index, "published_on"))


def check_progress(progress: pd.DataFrame, file: str) -> None:
    """A progress figure is in its measure's unit, follows a span of editions (first <= last), and
    reports a status after the first of them was signed; a date known to the month is stored on its
    first day, as for sources."""
    for index, row in enumerate(progress.to_dict("records")):
        unit = PROGRESS_MEASURES[row["measure"]][0]
        if row["unit"] != unit:
            raise LoadError(file, f"unit '{row['unit']}' does not match {row['measure']}'s unit '{unit}'",
                            *source_location(progress, index, "unit"))
        if row["year_from"] > row["year_to"]:
            raise LoadError(file, f"year_from {row['year_from']} is after year_to {row['year_to']}",
                            *source_location(progress, index, "year_to"))
        on = row["status_on"]
        if on.year < row["year_from"]:
            raise LoadError(file, f"status_on {on} is before the edition {row['year_from']} it reports on",
                            *source_location(progress, index, "status_on"))
        precision = row["status_precision"]
        if (precision in ("month", "year") and on.day != 1) or (precision == "year" and on.month != 1):
            first = "the first day of its month" if precision == "month" else "1 January"
            raise LoadError(file, f"a date known to the {precision} is stored as {first}, not {on}",
                            *source_location(progress, index, "status_on"))


def check_alternatives(alternatives: pd.DataFrame, facts: pd.DataFrame | None, file: str) -> None:
    """Each alternative value belongs to a stored fact (same edition, metric and scope) and comes
    from another source than the fact's: a disagreement needs two sources."""
    fact_sources = {} if facts is None else {
        key[:4]: key[4] for key in facts[["convention", "year", "metric", "scope", "source_id"]].itertuples(index=False)}
    for index, row in enumerate(alternatives[["convention", "year", "metric", "scope", "source_id"]].itertuples(index=False)):
        key = tuple(row[:4])
        if key not in fact_sources:
            raise LoadError(file, f"no fact {row.convention} {row.year} {row.metric} [{row.scope}] for this "
                            "alternative value (facts.csv holds the headline)", *source_location(alternatives, index, "scope"))
        if fact_sources[key] == row.source_id:
            raise LoadError(file, f"source '{row.source_id}' is the fact's own source: an alternative comes from "
                            "another source", *source_location(alternatives, index, "source_id"))


def validate_against(table_name: str, frame: pd.DataFrame, file: str, metric_units: dict[str, str],
                     known_sources: set[str]) -> pd.DataFrame:
    """`validate`, then the references a stored database must resolve: every source_id is a known
    source, every metric a known metric in its unit."""
    import pandas as pd

    typed = validate(table_name, frame, file)
    metrics = pd.DataFrame({"metric": list(metric_units), "unit": list(metric_units.values())})
    check_references({table_name: typed, "metrics": metrics, "sources": pd.DataFrame({"source_id": sorted(known_sources)})},
                     {table_name: file, "metrics": "metrics", "sources": "sources"})
    return typed


# ---------------------------------------------------------------- sources of figures

def source_id_for(url: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", url.lower().split("//")[-1])[:40].strip("-")
    return f"user-{slug}-{hashlib.sha256(url.encode()).hexdigest()[:6]}"


def _text_or_none(value) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def day_precision(published_on) -> str | None:
    """A date a user gives (a date picker, a published_on column) is a day; no date, no precision."""
    import pandas as pd

    return None if published_on is None or is_missing(published_on) or pd.isna(published_on) else "day"


def attach_sources(facts: pd.DataFrame, file: str, source: dict | None, known_sources: set[str]) -> tuple[pd.DataFrame, list[dict]]:
    """Every fact has a source: its source_id from the file's own columns (a stored source), else a
    new source from its source_url/publisher columns or from the command line (the page's fields).
    Returns the facts with source_id and the new sources.

    One pass over plain records (linear in the rows); a pandas row iteration would copy the
    frame's per-row `attrs` into every row and make this quadratic.
    """
    import pandas as pd

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
                                *source_location(facts, position, "source_id"), code="unknown_source",
                                params={"source_id": given})
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
                            *source_location(facts, position, "source_url"), code="no_source")
        if not publisher:
            raise LoadError(file, "source has no publisher (--publisher or a publisher column)",
                            *source_location(facts, position, "publisher"), code="no_publisher")
        sid = source_id_for(url)
        source_ids.append(sid)
        new_sources.setdefault(sid, {"source_id": sid, "publisher": publisher, "title": None,
                                     "url": url, "published_on": published_on,
                                     "published_precision": day_precision(published_on)})
    facts["source_id"] = pd.Series(source_ids, index=facts.index, dtype=object)
    fresh = [s for sid, s in new_sources.items() if sid not in known_sources]
    return facts, fresh
