"""asyncio.run for tests, safe after a browser test.

The browser fixture (tests/e2e/conftest.py) keeps one sync Playwright open for the whole pytest
session, and sync Playwright leaves its event loop marked as running in the main thread. In the serial
run (`make test`, CI) every test collected after the browser tests then finds that loop, and a bare
asyncio.run refuses to start ("cannot be called from a running event loop"); under `make test-fast`
the order differs and the fault hides. test_run_apart.py keeps bare asyncio.run out of tests/."""
from __future__ import annotations

import asyncio
import threading


def run_apart(coroutine):
    """asyncio.run(coroutine) in a thread of its own, which has no running loop; its result, or
    its exception re-raised in the caller's thread."""
    results, errors = [], []

    def target():
        try:
            results.append(asyncio.run(coroutine))
        except BaseException as exc:  # re-raised in the test's thread
            errors.append(exc)

    worker = threading.Thread(target=target, daemon=True, name="run-apart")
    worker.start()
    worker.join()
    if errors:
        raise errors[0]
    return results[0]
