"""Progress and cancelling of a long write: the Add data page runs a load in the background, shows
its steps, and stops it when its session ends."""
from __future__ import annotations

import threading


class Cancelled(Exception):
    """The load was cancelled (its session ended): nothing was written."""


class Progress:
    """Steps reported by a load (`step`), and a cancel that stops it at the next step or interrupts
    the DuckDB statement it is running (`watch` names the connection)."""

    def __init__(self):
        self.label, self.fraction = "starting", 0.0
        self._cancelled = threading.Event()
        self._connections = []
        self._lock = threading.Lock()

    def step(self, label: str, fraction: float) -> None:
        if self._cancelled.is_set():
            raise Cancelled(label)
        self.label, self.fraction = label, max(self.fraction, min(fraction, 1.0))

    def watch(self, connection) -> None:
        with self._lock:
            self._connections.append(connection)
        if self._cancelled.is_set():
            connection.interrupt()

    def cancel(self) -> None:
        self._cancelled.set()
        with self._lock:
            for connection in self._connections:
                try:
                    connection.interrupt()
                except Exception:  # already closed: nothing runs on it
                    pass

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()


class _Silent(Progress):
    """For the command line: steps are not shown and nothing cancels."""

    def step(self, label: str, fraction: float) -> None:
        pass

    def watch(self, connection) -> None:
        pass


NO_PROGRESS = _Silent()
