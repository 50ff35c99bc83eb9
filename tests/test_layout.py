"""How the code is laid out: tools never import tests (the shared browser settings live in scripts/served_app.py)."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEST_MODULES = {p.stem for p in (ROOT / "tests").rglob("*.py")} - {"__init__"}


def imported_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_scripts_import_no_test_module():
    offenders = {}
    for path in sorted((ROOT / "scripts").rglob("*.py")):
        bad = {m for m in imported_modules(path) if m.split(".")[0] in TEST_MODULES | {"tests"}}
        if bad:
            offenders[path.name] = sorted(bad)
    assert offenders == {}


def test_scripts_put_no_test_folder_on_the_import_path():
    for path in sorted((ROOT / "scripts").rglob("*.py")):
        for line in path.read_text(encoding="utf-8").splitlines():
            assert not ("sys.path" in line and "tests" in line), f"{path.name}: {line.strip()}"
