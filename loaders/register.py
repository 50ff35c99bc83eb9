"""Fast, validated load of a signed-projects register (table `projects`) through DuckDB.

`schema.validate` checks row by row in Python, far too slow for 10^7 rows. Here the file is read
by DuckDB (read_parquet; read_csv into a staging table; Excel through the pandas reader), every
rule of the `projects` table in loaders.schema is checked in one SQL aggregate pass that yields
the first offending row, and the rows are inserted with one INSERT ... SELECT. Errors are
LoadError(file, problem, row, column) with row counted as a spreadsheet user does (header = 1).

Loading into an empty `projects` table replaces it with CREATE TABLE AS (typed), without a key
index: at 10^7 rows the index costs 5.6 s a load and the CTAS 6.7 s against 9.5 s for an INSERT.
Key uniqueness is checked in SQL after the rows are in (1.3 s), and the first repeated key is
traced back to its row. All of it happens inside the temp database of build._swap_in, so a
failure changes nothing.
"""
from __future__ import annotations

from pathlib import Path

import duckdb

from loaders import schema
from loaders.errors import LoadError
from loaders.readers import literal_path

TABLE = "projects"
_SOURCE = "_register_source"
_STAGE = "_register_stage"
_INT_TYPES = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT",
              "UINTEGER", "UBIGINT")
_FLOAT_TYPES = ("FLOAT", "DOUBLE", "REAL") + ("DECIMAL",)


def _ident(name: str) -> str:
    return '"' + str(name).replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def _stage(con: duckdb.DuckDBPyConnection, path: Path, literal: str) -> None:
    """Make temp view _register_source: the file's rows with `_row` (0-based data row).
    DuckDB reads `literal`, a name of exactly this file (never a glob); messages name `path`."""
    suffix = path.suffix.lower()
    con.execute(f"drop view if exists {_SOURCE}")
    con.execute(f"drop table if exists {_STAGE}")
    if suffix == ".parquet":
        try:
            con.execute("select * from read_parquet($p) limit 0", {"p": literal})
        except duckdb.Error as exc:
            raise LoadError(str(path), f"not a readable Parquet file: {exc}") from None
        con.execute(f"create temp view {_SOURCE} as select file_row_number as _row, * "
                    f"from read_parquet({_literal(literal)}, file_row_number = true)")  # views take no parameters
        return
    if suffix in (".csv", ".tsv", ".txt"):
        try:
            con.execute(f"create temp table {_STAGE} as select * from read_csv($p, all_varchar = true, "
                        "header = true)", {"p": literal})
        except duckdb.Error:  # odd encodings (GBK) or dialects: the pandas reader, which names the problem
            con.execute(f"drop table if exists {_STAGE}")
        else:
            con.execute(f"create temp view {_SOURCE} as select rowid as _row, * from {_STAGE}")
            return
    from loaders.readers import read_file

    frame = read_file(path, table=TABLE)
    con.register("_register_frame", frame)
    try:
        con.execute(f"create temp table {_STAGE} as select * from _register_frame")
    finally:
        con.unregister("_register_frame")
    con.execute(f"create temp view {_SOURCE} as select rowid as _row, * from {_STAGE}")


def _columns(con: duckdb.DuckDBPyConnection, path: Path) -> dict[str, tuple[str, str]]:
    """Schema column -> (quoted source column, DuckDB type); missing required ones raise."""
    described = con.execute(f"describe select * from {_SOURCE}").fetchall()
    found: dict[str, tuple[str, str]] = {}
    for name, dtype, *_ in described:
        if name == "_row":
            continue
        key = str(name).strip().lower()
        if key in schema.TABLES[TABLE].column_names and key not in found:
            found[key] = (_ident(name), str(dtype).upper())
    table = schema.TABLES[TABLE]
    missing = [c.name for c in table.columns
               if c.name not in found and (c.required or c.name in table.key)]
    if missing:
        raise LoadError(str(path), f"missing required column(s) {missing}; expected {table.column_names}")
    return found


def _expressions(found: dict[str, tuple[str, str]]) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """Typed SQL expression per schema column, and checks (column, kind, failing-condition)."""
    table = schema.TABLES[TABLE]
    typed: dict[str, str] = {}
    checks: list[tuple[str, str, str]] = []
    for column in table.columns:
        required = column.required or column.name in table.key
        if column.name not in found:
            typed[column.name] = f"cast(null as {column.type})"
            continue
        ref, dtype = found[column.name]
        text = dtype.startswith("VARCHAR")
        base = dtype.split("(")[0]
        if column.type == "VARCHAR":
            expr = f"nullif(trim({ref}), '')" if text else f"cast({ref} as varchar)"
            present = f"{expr} is not null"
            value = expr
            if text:  # inserted as is (keeps DuckDB's dictionary vectors) unless a cell needs trimming
                checks.append((column.name, "untrimmed", f"{ref} = '' or {ref} <> trim({ref})"))
        else:
            if text:
                present = f"nullif(trim({ref}), '') is not null"
                number = f"try_cast(replace(trim({ref}), ',', '') as double)"
            elif base in _INT_TYPES or base in _FLOAT_TYPES:
                present = f"{ref} is not null"
                number = f"cast({ref} as double)"
            else:  # e.g. a date where a number belongs: the cast check names it
                present = f"{ref} is not null"
                number = f"try_cast({ref} as double)"
            whole = column.type in ("INTEGER", "BIGINT")
            bad = f"{number} is null or not isfinite({number})"
            if whole:
                bad += f" or {number} <> floor({number}) or abs({number}) > 2147483647"
            checks.append((column.name, "type", f"{present} and ({bad})"))
            expr = f"cast({number} as {column.type})" if whole else number
            value = expr
        if required:
            checks.append((column.name, "missing", f"not ({present})"))
        if column.choices:
            choices = ", ".join(_literal(c) for c in column.choices)
            checks.append((column.name, "choice", f"{value} not in ({choices})"))
        if column.minimum is not None:
            checks.append((column.name, "minimum", f"{value} < {column.minimum!r}"))
        if column.maximum is not None:
            checks.append((column.name, "maximum", f"{value} > {column.maximum!r}"))
        typed[column.name] = ref if column.type == "VARCHAR" and text else expr
    return typed, checks


def _raise_first_problem(con, path: Path, found, typed, checks) -> None:
    """One pass over the source: the first row breaking any rule, as a LoadError."""
    if not checks:
        return
    aggregates = ", ".join(f"min(_row) filter (where {condition})" for _, _, condition in checks)
    firsts = con.execute(f"select {aggregates} from {_SOURCE}").fetchone()
    hits = [(row, index) for index, row in enumerate(firsts) if row is not None]
    for row, index in hits:
        if checks[index][1] == "untrimmed":
            typed[checks[index][0]] = f"nullif(trim({found[checks[index][0]][0]}), '')"
    hits = [(row, index) for row, index in hits if checks[index][1] != "untrimmed"]
    if not hits:
        return
    row, index = min(hits)
    column_name, kind, _ = checks[index]
    column = schema.TABLES[TABLE].column(column_name)
    ref = found[column_name][0]
    raw, value = con.execute(f"select {ref}, {typed[column_name]} from {_SOURCE} where _row = $r",
                             {"r": row}).fetchone()
    row_no = int(row) + 2
    if kind == "missing":
        problem = "value is missing"
    elif kind == "type":
        what = "a whole number" if column.type in ("INTEGER", "BIGINT") else "a finite number"
        problem = f"expected {column.type.lower()}: '{raw}' is not {what}"
    elif kind == "choice":
        problem = f"'{value}' is not one of {list(column.choices)}"
    elif kind == "minimum":
        problem = f"{value} is below the minimum {column.minimum:g}"
    else:
        problem = f"{value} is above the maximum {column.maximum:g}"
    raise LoadError(str(path), problem, row_no, column_name)


def load_register(con: duckdb.DuckDBPyConnection, path: Path, insert: bool = True) -> int:
    """Validate the register at `path` and (if `insert`) add its rows to `projects`; returns rows."""
    path = Path(path)
    with literal_path(path) as literal:
        return _load_register(con, path, literal, insert)


def _load_register(con: duckdb.DuckDBPyConnection, path: Path, literal: str, insert: bool) -> int:
    _stage(con, path, literal)
    try:
        found = _columns(con, path)
        typed, checks = _expressions(found)
        _raise_first_problem(con, path, found, typed, checks)
        rows = con.execute(f"select count(*) from {_SOURCE}").fetchone()[0]
        if not insert or rows == 0:
            if not insert:
                # Key checks without writing: within the file and against the stored rows.
                _check_keys(con, path, typed)
            return int(rows)
        names = schema.TABLES[TABLE].column_names
        select = ", ".join(f"{typed[c]} as {c}" for c in names)
        key = ", ".join(schema.TABLES[TABLE].key)
        empty = con.execute(f"select count(*) = 0 from {TABLE}").fetchone()[0]
        try:
            if empty:
                con.execute(f"drop table {TABLE}")
                con.execute(f"create table {TABLE} as select {select} from {_SOURCE}")
            else:
                con.execute(f"insert into {TABLE} ({', '.join(names)}) select {select} from {_SOURCE}")
        except duckdb.ConstraintException:  # a table still carrying its key index from the schema
            _check_keys(con, path, typed)
            raise
        repeated = con.execute(f"select count(*) - count(distinct ({key})) from {TABLE}").fetchone()[0]
        if repeated:
            _check_keys_after_insert(con, path, typed)
        refresh_rollup(con)
        return int(rows)
    finally:
        con.execute(f"drop view if exists {_SOURCE}")
        con.execute(f"drop table if exists {_STAGE}")


def refresh_rollup(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild projects_rollup from projects (one GROUP BY; about 0.5 s at 10^7 rows)."""
    con.execute("delete from projects_rollup")
    con.execute("""
        insert into projects_rollup
        select convention, year, coalesce(sector, '(not given)'), coalesce(city, '(not given)'),
               coalesce(investor_origin, '(not given)'), count(*), sum(investment_cny_bn)
        from projects group by all
    """)


def _check_keys_after_insert(con, path: Path, typed: dict[str, str]) -> None:
    """The first file row whose key now appears twice: within the file, else against stored rows."""
    key = schema.TABLES[TABLE].key
    _raise_first_repeat_within_file(con, path, typed)
    stored = con.execute(f"""
        select s._row from (select _row, {_key_exprs(typed)} from {_SOURCE}) s
        join (select {', '.join(key)} from {TABLE} group by all having count(*) > 1) d using ({', '.join(key)})
        order by s._row limit 1
    """).fetchone()
    row = int(stored[0]) + 2 if stored is not None else None
    raise LoadError(str(path), "a project with this key is already stored", row, key[-1])


def _key_exprs(typed: dict[str, str]) -> str:
    return ", ".join(f"{typed[k]} as {k}" for k in schema.TABLES[TABLE].key)


def _raise_first_repeat_within_file(con, path: Path, typed: dict[str, str]) -> None:
    key = schema.TABLES[TABLE].key
    within = con.execute(f"""
        select _row, {', '.join(key)} from (select _row, {_key_exprs(typed)} from {_SOURCE})
        qualify row_number() over (partition by {', '.join(key)} order by _row) > 1
        order by _row limit 1
    """).fetchone()
    if within is not None:
        values = ", ".join(f"{k}={v}" for k, v in zip(key, within[1:]))
        raise LoadError(str(path), f"duplicate key ({values}) already given above", int(within[0]) + 2, key[-1])


def _check_keys(con, path: Path, typed: dict[str, str]) -> None:
    """Before an insert: the first row repeating a key given above in the file, or one already stored."""
    key = schema.TABLES[TABLE].key
    _raise_first_repeat_within_file(con, path, typed)
    stored = con.execute(f"""
        select s._row from (select _row, {_key_exprs(typed)} from {_SOURCE}) s
        semi join {TABLE} p using ({', '.join(key)}) order by s._row limit 1
    """).fetchone()
    if stored is not None:
        raise LoadError(str(path), "a project with this key is already stored", int(stored[0]) + 2, key[-1])
