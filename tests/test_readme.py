"""The README documents the tables exactly as loaders/schema.py defines them, and keeps two commands."""
import re
from pathlib import Path

from scripts.readme import README, generated


def test_readme_table_reference_matches_schema():
    assert generated() in README.read_text(encoding="utf-8"), "run: python scripts/readme.py"


def test_quickstart_has_exactly_the_two_commands():
    text = README.read_text(encoding="utf-8")
    block = re.search(r"## Quickstart.*?```bash\n(.*?)```", text, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]
    assert commands == ["make run", "make test"]


def test_ci_calls_the_readme_test_command():
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text()
    assert "make test" in ci
