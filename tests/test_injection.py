"""No injection: SQL is bound, never spliced from values; pages render text as text; hostile URL
parameters are ignored, not executed."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from loaders.build import sha256_file

ROOT = Path(__file__).resolve().parents[1]
SQL_METHODS = {"execute", "executemany", "sql", "query"}

# Interpolations allowed inside SQL text, per file: each is a name no user value reaches.
# Everything else built into a query string with f-strings, "%" or .format is a finding.
ALLOWED_INTERPOLATIONS: dict[str, dict[str, str]] = {
    "loaders/build.py": {
        # _insert(con, table, frame): `table` is a schema.TABLES key passed as a literal by every
        # caller, and schema.TABLES[table] raises KeyError for anything else before SQL is built;
        # the column list comes from that schema entry. Identifiers cannot be bound parameters.
        "table": "schema table name",
        "', '.join(columns)": "schema column names",
        # check_readable: table and column names read from the database's own catalog, quoted
        # by _quoted (doubles double quotes), never from a user.
        "reads": "min() over _quoted catalog column names", "_quoted(table)": "quoted catalog table name",
    },
    "loaders/release_rows.py": {
        # new_rows(con, table, frame): as build._insert, schema.TABLES[table] raises KeyError for
        # a name that is not a schema table before the SQL is built; key names come from the schema.
        "table": "schema table name", "', '.join(key)": "schema key names",
    },
    "loaders/register.py": {
        # Module constants: the staging view/table and target table names.
        "_SOURCE": "module constant", "_STAGE": "module constant", "TABLE": "module constant",
        # DuckDB cannot bind parameters in a view definition ("This type of statement can't be
        # prepared"), so the register's path goes in as a literal through _literal, which doubles
        # single quotes: the only escape in a standard SQL string (tests/test_properties.py
        # checks that any text round-trips through it).
        "_literal(literal)": "quoted /proc/self/fd/N name (view DDL cannot be prepared)",
        # Column references are file headers quoted by _ident (identifiers cannot be bound;
        # _ident doubles double quotes, property-tested) and SQL assembled from them and from
        # schema constants in _expressions/_check_keys.
        "ref": "identifier quoted by _ident", "typed[column_name]": "expression over _ident-quoted names",
        "aggregates": "checks over _ident-quoted names and schema constants",
        "select": "typed expressions over _ident-quoted names", "key": "schema key names",
        "_key_exprs(typed)": "typed key expressions", "', '.join(names)": "schema column names", "', '.join(key)": "schema key names",
    },
}


def _python_files() -> list[Path]:
    skip = {".venv", "tests", ".git", "node_modules", "artifacts"}
    return sorted(p for p in ROOT.rglob("*.py") if not skip & set(p.relative_to(ROOT).parts))


def _built_string_parts(node: ast.AST) -> list[ast.AST] | None:
    """The non-constant pieces of a string built by f-string, %, .format or +; None if not built."""
    if isinstance(node, ast.JoinedStr):
        return [v.value for v in node.values if isinstance(v, ast.FormattedValue)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant) \
            and isinstance(node.left.value, str):
        right = node.right.elts if isinstance(node.right, ast.Tuple) else [node.right]
        return [r for r in right if not isinstance(r, ast.Constant)]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format" \
            and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str):
        return [a for a in [*node.args, *(k.value for k in node.keywords)] if not isinstance(a, ast.Constant)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _built_string_parts(node.left), _built_string_parts(node.right)
        pieces = []
        for side, parts in ((node.left, left), (node.right, right)):
            if parts is not None:
                pieces += parts
            elif not (isinstance(side, ast.Constant) and isinstance(side.value, str)):
                pieces.append(side)
        stringy = any(isinstance(s, (ast.Constant, ast.JoinedStr)) for s in (node.left, node.right))
        return pieces if stringy or left is not None or right is not None else None
    return None


def _assignments(function: ast.AST) -> dict[str, list[ast.AST]]:
    found: dict[str, list[ast.AST]] = {}
    for node in ast.walk(function):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found.setdefault(target.id, []).append(node.value)
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)) and isinstance(node.target, ast.Name) and node.value:
            found.setdefault(node.target.id, []).append(node.value)
    return found


def _sql_findings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    relative = path.relative_to(ROOT).as_posix()
    allowed = ALLOWED_INTERPOLATIONS.get(relative, {})
    scopes = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))] + [tree]
    findings = []
    for scope in scopes:
        assigned = _assignments(scope)
        for call in ast.walk(scope):
            if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                    and call.func.attr in SQL_METHODS and call.args):
                continue
            first = call.args[0]
            candidates = [first] + (assigned.get(first.id, []) if isinstance(first, ast.Name) else [])
            for candidate in candidates:
                parts = _built_string_parts(candidate)
                for part in parts or []:
                    text = ast.unparse(part)
                    if text not in allowed:
                        findings.append(f"{relative}:{call.lineno}: .{call.func.attr}() with {{{text}}} in built SQL")
    return sorted(set(findings))


def test_no_sql_is_built_from_values():
    findings = [f for path in _python_files() for f in _sql_findings(path)]
    assert findings == [], "SQL built by interpolation (bind $params instead):\n" + "\n".join(findings)


def test_the_static_check_catches_spliced_sql(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "def f(con, name, x):\n"
        "    con.execute(f\"select * from facts where metric = '{name}'\")\n"
        "    q = 'select * from t where a = %s' % x\n"
        "    con.sql(q)\n"
        "    con.execute('select {}'.format(x))\n"
        "    con.query('select ' + x)\n"
        "    con.execute('select $x', {'x': x})\n", encoding="utf-8")
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        findings = _sql_findings(bad)
    finally:
        ROOT = saved
    assert len(findings) == 4, findings


def test_whitelisted_interpolations_still_exist():
    """A stale whitelist entry would silently allow a future value of the same name."""
    for relative, allowed in ALLOWED_INTERPOLATIONS.items():
        tree = ast.parse((ROOT / relative).read_text(encoding="utf-8"))
        used = {ast.unparse(v.value) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr)
                for v in n.values if isinstance(v, ast.FormattedValue)}
        assert set(allowed) <= used, f"{relative}: unused whitelist entries {set(allowed) - used}"


def test_query_files_use_only_named_parameters():
    files = sorted((ROOT / "queries").glob("*.sql"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert "{" not in text and "}" not in text, f"{path.name}: template braces"
        assert "%s" not in text and "%(" not in text, f"{path.name}: printf-style placeholder"
        code = re.sub(r"'(?:[^']|'')*'", "''", re.sub(r"--[^\n]*", "", text))  # drop comments and literals
        assert not re.search(r"\?|\$\d", code), f"{path.name}: positional parameter; use $name"


def test_no_raw_html_in_pages_or_ui():
    offenders = []
    for path in [ROOT / "dashboard.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "ui").glob("*.py"))]:
        text = path.read_text(encoding="utf-8")
        if re.search(r"unsafe_allow_html\s*=\s*True", text):
            offenders.append(path.name)
    assert offenders == []


PAYLOADS = {
    "conv": "WMC';drop table facts;--",
    "from": "<script>alert(1)</script>",
    "to": "2025 or 1=1",
    "cur": "USD\"><img src=x onerror=alert(1)>",
    "derived": "1; delete from sources",
    "edition": "2019' union select * from sources --",
}


def _texts(at) -> list[str]:
    return [str(e.value) for kind in ("title", "markdown", "caption", "error", "info", "warning")
            for e in getattr(at, kind)]


def test_hostile_url_parameters_are_ignored(fixture_db, monkeypatch):
    monkeypatch.setenv("WMC_DB", str(fixture_db))
    before = sha256_file(fixture_db)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for name, value in PAYLOADS.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "WMC overview"
    shown = "\n".join(_texts(at))
    for value in PAYLOADS.values():
        assert value not in shown, f"payload echoed: {value}"
    assert at.selectbox(key="conv").value == "WMC"
    assert at.radio(key="cur").value == "CNY"
    assert sha256_file(fixture_db) == before


def test_hostile_search_text_is_plain_text(fixture_db, monkeypatch):
    monkeypatch.setenv("WMC_DB", str(fixture_db))
    before = sha256_file(fixture_db)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    at.switch_page("pages/explorer.py").run()
    for text in ("'; drop table facts; --", ".*", "<script>alert(1)</script>", "=HYPERLINK(\"http://x\")"):
        at.text_input(key="search").input(text).run()
        assert not at.exception, (text, [e.value for e in at.exception])
        assert at.dataframe[0].value.empty, text
    assert sha256_file(fixture_db) == before


@pytest.fixture(scope="module")
def shipped_db(tmp_path_factory):
    """The database built from data/ as shipped (its editions have gaps the fixture world lacks)."""
    from loaders.build import build

    db = tmp_path_factory.mktemp("shipped") / "wmc.duckdb"
    build(ROOT / "data", db)
    return db


def test_every_edition_reached_by_url_renders_the_overview(shipped_db, monkeypatch):
    """?from=Y&to=Y opens the overview on edition Y; each must render (2020 has a start date and no
    end date in data/editions.csv)."""
    import duckdb

    monkeypatch.setenv("WMC_DB", str(shipped_db))
    with duckdb.connect(str(shipped_db), read_only=True) as con:
        years = [r[0] for r in con.execute("select year from editions where convention = 'WMC' order by year").fetchall()]
    failures = {}
    for year in years:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        at.query_params["from"] = at.query_params["to"] = str(year)
        at.run()
        if at.exception:
            failures[year] = at.exception[0].value
    assert failures == {}, failures
