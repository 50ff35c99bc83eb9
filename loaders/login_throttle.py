"""Wrong admin passwords are slowed down per key (a session, a client address), for every app server at once.

Two rules, per key:
* after each failure the next attempt is refused for a delay doubling from 1 s up to 5 minutes;
* at most `per_minute` (5) failures in any 60 s.
The counts live in a small SQLite file beside the database (`<db>.logins.sqlite3`), so the replicas behind one
proxy share them: N replicas do not give N times the guesses. SQLite's own file lock serializes the updates
(BEGIN IMMEDIATE). Time is the machine's monotonic clock (one clock for every process on it, immune to clock
jumps). When the file cannot be written (a read-only folder), the process falls back to counting in memory and
says so in the log. Refusing instead of sleeping keeps the server's threads free.
"""
from __future__ import annotations

import logging
import sqlite3
import threading
import time
from pathlib import Path

WINDOW_S = 60.0
_SCHEMA = ("create table if not exists login_failures (key text not null, at real not null);"
           "create index if not exists login_failures_key on login_failures (key, at);"
           "create table if not exists login_backoff (key text primary key, failures integer not null, "
           "next_at real not null)")


def store_path(db_path: Path) -> Path:
    """The shared counts of the app servers reading `db_path`."""
    return Path(str(db_path) + ".logins.sqlite3")


class LoginThrottle:
    """`wait_s(*keys)` before checking a password; `failed(*keys)` / `succeeded(*keys)` after."""

    def __init__(self, base_s: float = 1.0, cap_s: float = 300.0, per_minute: int = 5, clock=time.monotonic,
                 path: Path | str | None = None):
        """`path`: the shared SQLite file, or a callable giving it (read at each use: the database path can
        change between runs); None counts in this process only."""
        self.base_s, self.cap_s, self.per_minute, self.clock = base_s, cap_s, per_minute, clock
        self._path = path
        self._memory = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        self._memory.executescript(_SCHEMA)
        self._lock = threading.Lock()

    def _connect(self):
        path = self._path() if callable(self._path) else self._path
        if path is not None:
            try:
                con = sqlite3.connect(str(path), timeout=10, isolation_level=None)
                con.executescript(_SCHEMA)
                Path(path).chmod(0o600)
                return con, True
            except (sqlite3.Error, OSError) as exc:
                logging.getLogger(__name__).warning("login counts kept in memory: %s cannot be used (%s)", path, exc)
        return self._memory, False

    def _run(self, work):
        with self._lock:
            con, shared = self._connect()
            try:
                con.execute("begin immediate")
                try:
                    result = work(con, self.clock())
                    con.execute("commit")
                except BaseException:
                    con.execute("rollback")
                    raise
                return result
            finally:
                if shared:
                    con.close()

    def wait_s(self, *keys: str) -> float:
        """Seconds until an attempt from any of `keys` is allowed again (0: allowed now)."""
        def work(con, now):
            waits = [0.0]
            for key in filter(None, keys):
                row = con.execute("select next_at from login_backoff where key = ?", [key]).fetchone()
                if row:
                    waits.append(row[0] - now)
                recent = [at for (at,) in con.execute(
                    "select at from login_failures where key = ? and at > ? order by at desc limit ?",
                    [key, now - WINDOW_S, self.per_minute])]
                if len(recent) >= self.per_minute:
                    waits.append(recent[-1] + WINDOW_S - now)  # when the oldest of the last N leaves the window
            return max(waits)
        return self._run(work)

    def failed(self, *keys: str) -> None:
        def work(con, now):
            con.execute("delete from login_failures where at < ?", [now - WINDOW_S])
            for key in filter(None, keys):
                con.execute("insert into login_failures values (?, ?)", [key, now])
                row = con.execute("select failures from login_backoff where key = ?", [key]).fetchone()
                count = (row[0] if row else 0) + 1
                delay = min(self.cap_s, self.base_s * 2 ** min(count - 1, 30))
                con.execute("insert or replace into login_backoff values (?, ?, ?)", [key, count, now + delay])
        self._run(work)

    def succeeded(self, *keys: str) -> None:
        def work(con, now):
            for key in filter(None, keys):
                con.execute("delete from login_backoff where key = ?", [key])
                con.execute("delete from login_failures where key = ?", [key])
        self._run(work)
