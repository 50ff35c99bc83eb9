"""Data flows one way: every import of the project's Python files (module level and inside functions,
read with `ast`) is held against the layers. A test fails naming the file, the line and the import
that climbs back up."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# ui/ modules that build figures, files or words: functions of their arguments, drawn by others.
FIGURE_MODULES = ("ui/charts.py", "ui/brief.py", "ui/format.py", "ui/format_zh.py", "ui/grouped.py", "ui/matrix.py",
                  "ui/coverage.py")
# What ui/ and pages/ may take from the write side: the Add data workflow (staging, and worker: its
# bounded upload reader), the rollback (versions), and their error type.
LOADER_DOORS = ("loaders.staging", "loaders.worker", "loaders.versions", "loaders.errors")


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, imported module) for every import in a file, relative imports resolved."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = path.relative_to(ROOT).parent.parts
                base = ".".join(package[: len(package) - node.level + 1] + ((base,) if base else ()))
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def files(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py") if ".venv" not in p.parts)


def offending(paths, bad) -> list[str]:
    return [f"{p.relative_to(ROOT)}:{line} imports {name}" for p in paths for line, name in imports(p) if bad(name)]


def _under(name: str, *packages: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


def test_figure_modules_import_neither_streamlit_nor_queries():
    paths = [ROOT / m for m in FIGURE_MODULES]
    assert offending(paths, lambda n: _under(n, "streamlit", "queries")) == []


def test_ui_takes_from_the_write_side_only_through_its_doors():
    def bad(name):
        return _under(name, "loaders") and name != "loaders" and not _under(name, *LOADER_DOORS)
    assert offending(files("ui", "pages"), bad) == []


def test_the_read_model_speaks_no_words_and_draws_nothing():
    assert offending(files("queries"), lambda n: _under(n, "ui", "streamlit", "plotly")) == []


def test_the_write_side_never_reads_up():
    assert offending(files("loaders"), lambda n: _under(n, "ui", "queries", "streamlit", "pages")) == []


def test_tools_never_import_tests():
    assert offending(files("scripts"), lambda n: _under(n, "tests", "e2e_helpers", "conftest")) == []
    assert [str(p.relative_to(ROOT)) for p in files("scripts")
            if '"tests"' in p.read_text(encoding="utf-8") and "sys.path" in p.read_text(encoding="utf-8")
            and '/ "tests" / "e2e"' in p.read_text(encoding="utf-8")] == []


# Lazy imports that still close a circle, each with what it takes. Any other circle fails; so does
# this one growing. build.py's guards on the database file (check_target, check_readable) moved to
# versions.py; the load-history writers the rollback needs came to build.py with the durability
# work and have not moved yet (nor has os_error_message, which the additions record uses too).
KNOWN_LAZY = {("loaders.versions", "loaders.build"): {"_PLAIN_OS_ERRORS", "_insert", "next_run_id",
                                                        "os_error_message", "read_history", "sha256_file"},
              ("loaders.additions", "loaders.build"): {"os_error_message"}}


@pytest.mark.parametrize("package", ["loaders", "queries", "ui"])
def test_no_import_cycle_inside_a_package(package):
    """No two modules of a package import each other, not even lazily inside a function (the
    loaders/build.py <-> loaders/versions.py circle hid that way), beyond KNOWN_LAZY."""
    modules = {".".join(p.relative_to(ROOT).with_suffix("").parts): p for p in files(package)}
    edges = {m: {n for _, n in imports(p) if n in modules and n != m} for m, p in modules.items()}
    cycles = sorted({tuple(sorted((a, b))) for a, targets in edges.items() for b in targets
                     if a in edges.get(b, set())})
    for a, b in cycles:
        lazy = next(((x, y) for x, y in KNOWN_LAZY if {x, y} == {a, b}), None)
        assert lazy is not None, f"{a} and {b} import each other"
        taken = {n.rsplit(".", 1)[1] for _, n in imports(modules[lazy[0]]) if n.startswith(lazy[1] + ".")}
        assert taken <= KNOWN_LAZY[lazy], f"{lazy[0]} takes more from {lazy[1]}: {sorted(taken - KNOWN_LAZY[lazy])}"


def test_the_rules_see_a_climb(tmp_path, monkeypatch):
    """The scanner finds a lazy import inside a function, the kind the rules exist for."""
    sample = ROOT / "ui" / "_layer_probe.py"
    try:
        sample.write_text("def f():\n    from queries import run\n    return run\n", encoding="utf-8")
        assert offending([sample], lambda n: _under(n, "queries")) == ["ui/_layer_probe.py:2 imports queries",
                                                                        "ui/_layer_probe.py:2 imports queries.run"]
    finally:
        sample.unlink()
