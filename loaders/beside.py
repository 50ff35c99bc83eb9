"""Work on a thread of its own while a load runs: hashing a register's copy, fsyncing it, checking the previous
database version, counting a Parquet register's editions. DuckDB, hashlib and os let go of the GIL, so the work
uses a core the load leaves idle. `result` waits for it and returns what it returned or raises what it raised,
so a failure still stops the write before anything is renamed into place."""
from __future__ import annotations

import threading
from typing import Any, Callable


class Beside(threading.Thread):
    """`function(*args)`, started at once on a daemon thread."""

    def __init__(self, function: Callable[..., Any], *args: Any):
        super().__init__(daemon=True)
        self._function, self._args, self._value, self._error = function, args, None, None
        self.start()

    def run(self) -> None:
        try:
            self._value = self._function(*self._args)
        except BaseException as exc:  # kept for `result`, which raises it in the waiting thread
            self._error = exc

    def result(self) -> Any:
        self.join()
        if self._error is not None:
            raise self._error
        return self._value
