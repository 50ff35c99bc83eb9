"""Fast, validated load of a signed-projects register (table `projects`) through DuckDB.

The file is read by DuckDB itself (read_parquet; read_csv into a staging table) from the descriptor
the intake opened, or, for a workbook, JSON or a CSV not in UTF-8, from the rows the intake parsed. Every rule of the `projects` table is checked by the one validator (loaders.validate: SQL
generated from loaders.schema, one aggregate pass that yields the first offending row), and the
rows are inserted with one INSERT ... SELECT. Errors are LoadError(file, problem, row, column) with
row counted as a spreadsheet user does (header = 1).

Loading into an empty `projects` table replaces it with CREATE TABLE AS (typed), without a key
index: at 10^7 rows the index costs 5.6 s a load and the CTAS 6.7 s against 9.5 s for an INSERT.
Key uniqueness is checked in SQL after the rows are in (1.3 s), and the first repeated key is
traced back to its row. All of it happens inside the temp database of build._swap_in, so a
failure changes nothing.
"""
from __future__ import annotations

import duckdb

import config
from loaders import schema
from loaders.beside import Beside
from loaders.errors import LoadError
from loaders.intake import Parsed
from loaders.validate import (POSITION, expressions, ident, literal, missing_columns, raise_first_problem,
                              raise_first_repeated_key)

TABLE = "projects"
_SOURCE = "_register_source"
_STAGE = "_register_stage"


def _stage(con: duckdb.DuckDBPyConnection, parsed: Parsed) -> None:
    """Make temp view _register_source: the file's rows with `_pos` (0-based data row). DuckDB reads
    `parsed.duck_path`, the descriptor the intake opened (never a glob); messages name the file."""
    file = parsed.file
    con.execute(f"drop view if exists {_SOURCE}")
    con.execute(f"drop table if exists {_STAGE}")
    if parsed.rows is None and parsed.suffix == ".parquet":
        try:
            con.execute("select * from read_parquet($p) limit 0", {"p": parsed.duck_path})
        except duckdb.Error as exc:
            raise LoadError(file, f"not a readable Parquet file: {exc}", code="parquet_unreadable") from None
        con.execute(f"create temp view {_SOURCE} as select file_row_number as {POSITION}, * "
                    f"from read_parquet({literal(parsed.duck_path)}, file_row_number = true)")  # views take no parameters
        return
    if parsed.rows is None:
        try:
            con.execute(f"create temp table {_STAGE} as select * from read_csv($p, all_varchar = true, "
                        "header = true)", {"p": parsed.duck_path})
        except duckdb.Error as exc:
            reason = str(exc).splitlines()[0][:300].replace(parsed.duck_path, "the file")
            raise LoadError(file, f"not a readable CSV register: {reason}", code="csv_unreadable") from None
        con.execute(f"create temp view {_SOURCE} as select rowid as {POSITION}, * from {_STAGE}")
        return
    frame = parsed.rows
    con.register("_register_frame", frame)
    try:
        con.execute(f"create temp table {_STAGE} as select * from _register_frame")
    finally:
        con.unregister("_register_frame")
    con.execute(f"create temp view {_SOURCE} as select rowid as {POSITION}, * from {_STAGE}")


def _described(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return con.execute(f"describe select * from {_SOURCE}").fetchall()


def _columns(con: duckdb.DuckDBPyConnection, file: str, described: list[tuple] | None = None) -> dict[str, tuple[str, str]]:
    """Schema column -> (quoted source column, DuckDB type) of _SOURCE (or of `described`, its
    DESCRIBE rows); missing required ones raise."""
    described = _described(con) if described is None else described
    found: dict[str, tuple[str, str]] = {}
    for name, dtype, *_ in described:
        if name == POSITION:
            continue
        key = str(name).strip().lower()
        if key in schema.TABLES[TABLE].column_names and key not in found:
            found[key] = (ident(name), str(dtype).upper())
    missing = missing_columns(TABLE, found)
    if missing:
        raise LoadError(file, f"missing required column(s) {missing}; expected {schema.TABLES[TABLE].column_names}",
                        code="missing_columns", params={"columns": ", ".join(missing)})
    return found


def _locate(position: int, column: str) -> tuple[int, str]:
    return position + 2, column  # the staged rows are the file's data rows in order (header = row 1)


_FAST = "_register_new"
_CHECK_FAILED = "wmc register check failed"


_NUMERIC = ("INTEGER", "BIGINT", "DOUBLE")


def _csv_reader(duck_path: str, types: str = "") -> str:
    """read_csv of a register: every column as text, or typed by `types` (type literals by position)."""
    typed = f", types = [{types}]" if types else ""
    return f"read_csv({literal(duck_path)}, all_varchar = true, header = true{typed})"


def _parse_numbers_in_the_reader(duck_path: str, found, header: list[str]) -> tuple[str, dict]:
    """The CSV's reader with the schema's number columns parsed by DuckDB's CSV reader as DOUBLE, as
    its own CTAS does, instead of text trimmed, cleaned and cast per cell. The rules stay those of the
    full path: integers are checked whole and in range after the DOUBLE, a cell the reader cannot
    parse (a thousands separator, a word) fails the read and the full path names it. Types go by
    position, so no header text is written into the SQL. Returns the reader and `found` with the new
    types (`header`: the file's columns, as described before)."""
    numeric = {ref for column, (ref, _) in found.items() if schema.TABLES[TABLE].column(column).type in _NUMERIC}
    if not numeric:
        return _csv_reader(duck_path), found
    types = ", ".join("'DOUBLE'" if ident(name) in numeric else "'VARCHAR'" for name in header)
    return (_csv_reader(duck_path, types),
            {column: (ref, "DOUBLE" if ref in numeric else dtype) for column, (ref, dtype) in found.items()})


def _load_in_one_pass(con: duckdb.DuckDBPyConnection, parsed: Parsed) -> int | None:
    """The common case in one read of the file: a register DuckDB reads itself, going into an empty
    `projects`. Every rule is checked inside the CREATE TABLE AS (a row breaking one raises), so
    the file is read once, as DuckDB's own CTAS reads it, instead of a checking pass, a staging
    copy (CSV) and the CTAS. Returns the rows, or None when a rule, a key or the file itself
    fails: nothing is kept and load_register's full path finds and names the first bad row.
    Cells needing a trim count as failing here too; the full path trims them."""
    if parsed.rows is None and parsed.suffix == ".parquet":
        reader = f"read_parquet({literal(parsed.duck_path)})"
    elif parsed.rows is None:
        reader = _csv_reader(parsed.duck_path)
    else:
        return None
    if con.execute(f"select count(*) from {TABLE}").fetchone()[0]:
        return None
    con.execute(f"drop table if exists {_FAST}")
    try:
        # The reader goes into the statements as it is, not through a view: binding a view over a CSV sniffs the
        # file, and so does each statement reading the view, so the describe and the CTAS sniff it once each.
        described = con.execute(f"describe select * from {reader}").fetchall()
        found = _columns(con, parsed.file, described)
        if parsed.suffix != ".parquet":
            reader, found = _parse_numbers_in_the_reader(parsed.duck_path, found, [name for name, *_ in described])
        typed, checks = expressions(TABLE, found, keep_untrimmed=True, all_or_nothing=True)
        by_value = _checked_by_value(found, typed)
        names = schema.TABLES[TABLE].column_names
        select = ", ".join(f"{typed[c]} as {c}" for c in names)
        failing = " or ".join(f"({check.failing})" for check in checks if check.column not in by_value) or "false"
        side = Beside(_editions_of, con.cursor(), reader, typed) if parsed.suffix == ".parquet" else None
        # The rows may land in any order (the export orders them itself): DuckDB's reader then hands each thread's
        # chunks straight on instead of putting them back in file order, 0.2 s of a 1.1 s CTAS at 10^6 rows.
        con.execute("set preserve_insertion_order = false")
        try:
            con.execute(f"create table {_FAST} as select {select} from {reader} "
                        f"where case when coalesce({failing}, false) then error({literal(_CHECK_FAILED)}) else true end")
        finally:
            con.execute("reset preserve_insertion_order")
            counted = side.result() if side is not None else None
        con.execute(f"create or replace temp table {_GROUPS} as {_GROUPS_SELECT} from {_FAST} group by all")
        _, checks = expressions(TABLE, {c: (ident(c), found[c][1]) for c in by_value}, keep_untrimmed=True,
                                all_or_nothing=True)
        failing = " or ".join(f"({check.failing})" for check in checks) or "false"
        if con.execute(f"select count(*) from {_GROUPS} where coalesce({failing}, false)").fetchone()[0]:
            raise LoadError(parsed.file, _CHECK_FAILED)  # the full path names the row
        rows, repeated = _store_editions(con, counted) if counted is not None else _count_editions(con, _FAST)
        if repeated:
            con.execute(f"drop table {_FAST}")
            con.execute(f"drop table {_THRESHOLDS}")
            con.execute(f"drop table {_GROUPS}")
            return None
        con.execute(f"drop table {TABLE}")
        con.execute(f"alter table {_FAST} rename to {TABLE}")
    except duckdb.InterruptException:  # a cancelled load stays cancelled
        raise
    except (duckdb.Error, LoadError):
        con.execute(f"drop table if exists {_FAST}")
        con.execute(f"drop table if exists {_THRESHOLDS}")
        con.execute(f"drop table if exists {_GROUPS}")
        return None
    refresh_rollup(con, thresholds_known=True, grouped=True)
    return int(rows)


# Columns the rollup's groups hold (with status, which the rollup sums over). Every rule on one of them looks at its
# value alone, so in the one-pass load they are checked over those groups (a few ten thousand rows, _GROUPS) instead of
# over every row: the same values, so the same verdict, and 0.13 s less CPU in the CTAS of a 10^6-row CSV (7 %), 0.06 s
# of a Parquet register's 1.05 s. Only columns stored as read qualify (a cast or a default would make the stored
# value differ from the cell): text read as text, and an integer year read as an integer (Parquet).
_BY_VALUE = ("convention", "year", "sector", "city", "investor_origin", "status")
_GROUPS = "_register_groups"
_GROUPS_SELECT = ("select convention, year, sector, city, investor_origin, status, count(*) as projects, "
                  "sum(investment_cny_bn) as investment_cny_bn")


def _checked_by_value(found: dict[str, tuple[str, str]], typed: dict[str, str]) -> set[str]:
    return {c for c in _BY_VALUE if c in found and typed[c] == found[c][0]}


def load_register(con: duckdb.DuckDBPyConnection, parsed: Parsed, insert: bool = True) -> int:
    """Validate a register the intake read and (if `insert`) add its rows to `projects`; returns rows."""
    if insert:
        rows = _load_in_one_pass(con, parsed)
        if rows is not None:
            return rows
    _stage(con, parsed)
    file = parsed.file
    try:
        found = _columns(con, file)
        typed, checks = expressions(TABLE, found, keep_untrimmed=True)
        raise_first_problem(con, _SOURCE, TABLE, found, typed, checks, file, _locate)
        rows = con.execute(f"select count(*) from {_SOURCE}").fetchone()[0]
        if not insert or rows == 0:
            if not insert:
                _check_keys(con, file, typed)  # within the file and against the stored rows
            return int(rows)
        names = schema.TABLES[TABLE].column_names
        select = ", ".join(f"{typed[c]} as {c}" for c in names)
        empty = con.execute(f"select count(*) = 0 from {TABLE}").fetchone()[0]
        try:
            if empty:
                con.execute(f"drop table {TABLE}")
                con.execute(f"create table {TABLE} as select {select} from {_SOURCE}")
            else:
                con.execute(f"insert into {TABLE} ({', '.join(names)}) select {select} from {_SOURCE}")
        except duckdb.ConstraintException:  # a table still carrying its key index from the schema
            _check_keys(con, file, typed)
            raise
        _, repeated = _count_editions(con, TABLE)
        if repeated:
            _check_keys(con, file, typed, after_insert=True)
        refresh_rollup(con, thresholds_known=True)
        return int(rows)
    finally:
        con.execute(f"drop view if exists {_SOURCE}")
        con.execute(f"drop table if exists {_STAGE}")


# Per edition of a loaded register: its rows and the investment its projects_top rows reach (kept in _THRESHOLDS),
# in one cheap pass; and whether a key repeats, found by counting the distinct hashes of the keys. That count is a
# hash table of 64-bit numbers instead of the keys' strings (0.11 against 0.17 s of CPU at 10^6 rows): as many
# distinct hashes as rows proves every key distinct; fewer (a repeat, or two keys with one hash, about 3 in 10^8 at
# 10^6 rows) is settled by counting the distinct keys themselves.
_THRESHOLDS = "top_thresholds"
_EDITION, _PROJECT = ", ".join(schema.TABLES[TABLE].key[:-1]), schema.TABLES[TABLE].key[-1]


def _count_editions(con: duckdb.DuckDBPyConnection, table: str) -> tuple[int, int]:
    """(rows, rows repeating a key) of `table`; also finds each edition's top threshold (_THRESHOLDS)."""
    con.execute(f"create or replace temp table {_THRESHOLDS} as select {_EDITION}, count(*) as rows_n, "
                f"{schema.top_threshold(config.REGISTER_TOP_PER_EDITION)} as threshold from {table} group by all")
    rows, hashes = con.execute(f"select (select coalesce(sum(rows_n), 0) from {_THRESHOLDS}), "
                               f"(select count(distinct hash({_EDITION}, {_PROJECT})) from {table})").fetchone()
    if hashes == rows:
        return int(rows), 0
    keys = con.execute(f"select count(*) from (select distinct {_EDITION}, {_PROJECT} from {table})").fetchone()[0]
    return int(rows), int(rows) - int(keys)


def _editions_of(cursor: duckdb.DuckDBPyConnection, reader: str, typed: dict[str, str]) -> tuple[list[tuple], int] | None:
    """What `_count_editions` finds, counted from a Parquet register's file on a cursor of its own while the CTAS
    loads it (`Beside`). DuckDB reads a Parquet row group with one thread, so the CTAS of a one-group register
    leaves the other core idle; this puts the key check and the thresholds there (0.2 s of it) instead of after
    the load (0.1 s). The values are the ones the CTAS stores (the same typed expressions of the same file, our
    copy); they count only if the CTAS succeeds. None when counting fails (e.g. a cell the CTAS refuses by its
    checks): `_count_editions` then counts after the load."""
    columns = (*schema.TABLES[TABLE].key, "investment_cny_bn")
    typed_rows = f"(select {', '.join(f'{typed[c]} as {c}' for c in columns)} from {reader})"
    try:
        editions = cursor.execute(
            f"select {_EDITION}, count(*) as rows_n, {schema.top_threshold(config.REGISTER_TOP_PER_EDITION)} "
            f"as threshold from {typed_rows} group by all").fetchall()
        hashes = cursor.execute(f"select count(distinct hash({_EDITION}, {_PROJECT})) from {typed_rows}").fetchone()[0]
        return editions, hashes
    except duckdb.Error:
        return None
    finally:
        cursor.close()


def _store_editions(con: duckdb.DuckDBPyConnection, counted: tuple[list[tuple], int]) -> tuple[int, int]:
    """`_count_editions` from what `_editions_of` counted: the thresholds stored as it stores them."""
    editions, hashes = counted
    con.execute(f"create or replace temp table {_THRESHOLDS} (convention varchar, year integer, rows_n bigint, "
                "threshold double)")
    if editions:
        con.executemany(f"insert into {_THRESHOLDS} values (?, ?, ?, ?)", editions)
    rows = sum(row[2] for row in editions)
    if hashes == rows:
        return int(rows), 0
    keys = con.execute(f"select count(*) from (select distinct {_EDITION}, {_PROJECT} from {_FAST})").fetchone()[0]
    return int(rows), int(rows) - int(keys)


def refresh_rollup(con: duckdb.DuckDBPyConnection, thresholds_known: bool = False, grouped: bool = False) -> None:
    """Rebuild projects_rollup (one GROUP BY) and projects_top (one scan reading only the rows at or above
    each edition's threshold) from projects. `thresholds_known`: the load's key check just found them
    (`_count_editions`, the same pass); else they take a pass of their own. `grouped`: the one-pass load
    grouped the rows already (_GROUPS), so the rollup sums those groups."""
    con.execute("delete from projects_rollup")
    if grouped:
        con.execute(f"insert into projects_rollup {schema.ROLLUP_OVER_GROUPS}")
        con.execute(f"drop table {_GROUPS}")
    else:
        con.execute(f"insert into projects_rollup {schema.ROLLUP_SELECT}")
    con.execute("delete from projects_top")
    if not thresholds_known:
        _count_editions(con, TABLE)
    lowest = con.execute(f"select min(threshold) from {_THRESHOLDS}").fetchone()[0]
    if lowest is not None:
        con.execute(f"insert into projects_top {schema.TOP_OVER_THRESHOLDS}", {"lowest": lowest})
    con.execute(f"drop table {_THRESHOLDS}")


def _check_keys(con, file: str, typed: dict[str, str], after_insert: bool = False) -> None:
    """The first row repeating a key given above in the file, else one already stored (after an
    insert: a key now stored twice)."""
    key = ", ".join(schema.TABLES[TABLE].key)
    raise_first_repeated_key(con, _SOURCE, TABLE, typed, file, _locate)
    keys = ", ".join(f"{typed[k]} as {k}" for k in schema.TABLES[TABLE].key)
    stored_keys = (f"(select {key} from {TABLE} group by all having count(*) > 1)" if after_insert else TABLE)
    stored = con.execute(f"""
        select s.{POSITION} from (select {POSITION}, {keys} from {_SOURCE}) s
        semi join {stored_keys} p using ({key}) order by s.{POSITION} limit 1
    """).fetchone()
    if stored is not None or after_insert:
        raise LoadError(file, "a project with this key is already stored",
                        int(stored[0]) + 2 if stored is not None else None, schema.TABLES[TABLE].key[-1],
                        code="project_stored")
