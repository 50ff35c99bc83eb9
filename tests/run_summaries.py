"""Summaries printed at the end of a run: the hostile corpus and the write-side attacks.

The tests (tests/hostile/) fill them through two fixtures. Under pytest-xdist (`make test-fast`) each
worker has its own config, so a worker hands its part to the controller at the end of its session
(`workeroutput`) and the controller merges the parts before printing. Imported by tests/conftest.py,
which the controller loads (it never loads tests/hostile/conftest.py, as it collects nothing)."""
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


def pytest_sessionfinish(session):
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # an xdist worker
        workeroutput["hostile_outcomes"] = dict(session.config.stash.get(_RESULTS, {}))
        workeroutput["attack_table"] = [list(row) for row in session.config.stash.get(_ATTACKS, [])]


@pytest.hookimpl(optionalhook=True)  # defined by pytest-xdist; absent without it
def pytest_testnodedown(node, error):
    output = getattr(node, "workeroutput", {})
    node.config.stash.setdefault(_RESULTS, {}).update(output.get("hostile_outcomes", {}))
    node.config.stash.setdefault(_ATTACKS, []).extend(tuple(row) for row in output.get("attack_table", []))


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
