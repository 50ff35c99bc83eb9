"""Collects every hostile kind's outcome and prints the corpus summary at the end of the run."""
from __future__ import annotations

import pytest

_RESULTS = pytest.StashKey[dict]()
_ATTACKS = pytest.StashKey[list]()


@pytest.fixture
def hostile_outcomes(request) -> dict:
    """kind id -> "rejected" / "stored" / "exit N" (filled by the tests)."""
    return request.config.stash.setdefault(_RESULTS, {})


@pytest.fixture
def attack_table(request) -> list:
    """(attack, tried, held) rows of the write-side attacks (tests/hostile/test_writers.py)."""
    return request.config.stash.setdefault(_ATTACKS, [])


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    attacks = config.stash.get(_ATTACKS, [])
    if attacks:
        terminalreporter.section("write-side attacks")
        terminalreporter.write_line(f"{'attack':34} {'tried':26} held")
        for attack, tried, held in attacks:
            terminalreporter.write_line(f"{attack:34} {tried:26} {held}")
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
