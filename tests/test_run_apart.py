"""Bare asyncio.run in a test passes under `make test-fast` and fails in CI's serial `make test`,
once the session's browser has left its event loop running (tests/run_apart.py says why)."""
from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest

from run_apart import run_apart

TESTS = Path(__file__).resolve().parent


def test_no_test_calls_asyncio_run_itself():
    bare = [f"{path.relative_to(TESTS)}:{n}" for path in sorted(TESTS.rglob("*.py")) if path.name not in ("run_apart.py", "test_run_apart.py")
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if re.search(r"\basyncio\.run\(", line) and not line.lstrip().startswith("#")]
    assert bare == [], f"use run_apart (tests/run_apart.py) instead of asyncio.run: {bare}"


def test_run_apart_works_while_a_loop_runs_in_this_thread():
    async def inner():
        await asyncio.sleep(0)
        return "done"

    async def outer():
        refused = inner()
        with pytest.raises(RuntimeError, match="running event loop"):
            asyncio.run(refused)  # what the serial run met
        refused.close()
        return run_apart(inner())

    assert run_apart(outer()) == "done"


def test_run_apart_raises_the_coroutines_own_error():
    async def fails():
        raise ValueError("from the coroutine")

    with pytest.raises(ValueError, match="from the coroutine"):
        run_apart(fails())
