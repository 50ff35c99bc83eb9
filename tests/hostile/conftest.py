"""Collects every hostile kind's outcome and prints the corpus summary at the end of the run."""
from __future__ import annotations

import pytest

_RESULTS = pytest.StashKey[dict]()


@pytest.fixture
def hostile_outcomes(request) -> dict:
    """kind id -> "rejected" / "stored" / "exit N" (filled by the tests)."""
    return request.config.stash.setdefault(_RESULTS, {})


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    results = config.stash.get(_RESULTS, {})
    if not results:
        return
    rejected = sorted(k for k, v in results.items() if v == "rejected")
    stored = sorted(k for k, v in results.items() if v == "stored")
    other = {k: v for k, v in results.items() if v not in ("rejected", "stored")}
    write = terminalreporter.write_line
    terminalreporter.section("hostile corpus")
    write(f"kinds tried: {len(results)}; rejected cleanly (exit 2): {len(rejected)}; "
          f"stored (exit 0): {len(stored)}; other: {len(other)}")
    write(f"rejected: {', '.join(rejected)}")
    write(f"stored: {', '.join(stored)}")
    for kind_id, outcome in sorted(other.items()):
        write(f"UNSAFE {kind_id}: {outcome}")
