"""DuckDB runs with stated settings: no extension fetched or loaded behind a query's back, memory and
threads from the environment (database.py)."""
from __future__ import annotations

import http.server
import threading

import duckdb
import pytest

import database
import queries


def setting(con, name: str):
    return con.execute("select current_setting($name)", {"name": name}).fetchone()[0]


class CountingRepository:
    """A local HTTP server standing in for DuckDB's extension server: it counts every request."""

    def __init__(self):
        self.requests: list[str] = []
        seen = self.requests

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (the http.server hook's name)
                seen.append(self.path)
                self.send_error(404)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def repository(tmp_path):
    repo = CountingRepository()
    yield repo
    repo.close()


def point_at(con, repo: CountingRepository, extension_dir) -> None:
    # An empty extension directory, so nothing installed earlier on this machine can be loaded, and
    # the local counting server as the only place an extension could come from.
    con.execute("SET extension_directory = $d", {"d": str(extension_dir)})
    con.execute("SET custom_extension_repository = $u", {"u": repo.url})


def test_a_query_needing_a_non_bundled_extension_fails_at_once_without_a_download(repository, tmp_path):
    with database.connect() as con:
        point_at(con, repository, tmp_path / "extensions")
        with pytest.raises(duckdb.CatalogException, match="excel"):
            con.execute("select * from read_xlsx($p)", {"p": str(tmp_path / "book.xlsx")})
        with pytest.raises(duckdb.Error, match="httpfs"):
            con.execute("select * from read_csv($u)", {"u": repository.url + "/figures.csv"})
        assert con.execute("select 1").fetchone() == (1,)  # the connection is still usable
    assert repository.requests == []


def test_duckdb_defaults_would_have_fetched_the_extension(repository, tmp_path):
    """The control for the test above: with DuckDB's defaults the same query asks the server."""
    with duckdb.connect(":memory:") as con:
        point_at(con, repository, tmp_path / "extensions")
        with pytest.raises(duckdb.Error):
            con.execute("select * from read_xlsx($p)", {"p": str(tmp_path / "book.xlsx")})
    assert any("excel" in path for path in repository.requests), repository.requests


def test_the_bundled_extensions_still_work(tmp_path):
    target = str(tmp_path / "one.parquet")
    with database.connect() as con:
        con.execute("copy (select 42 as answer) to $p (format parquet)", {"p": target})
        assert con.execute("select answer from read_parquet($p)", {"p": target}).fetchone() == (42,)
        assert con.execute("""select json_extract('{"a": 7}', '$.a')::int""").fetchone() == (7,)


def test_memory_and_threads_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("WMC_DUCKDB_MEMORY_LIMIT", "300MB")
    monkeypatch.setenv("WMC_DUCKDB_THREADS", "1")
    with database.connect() as con:
        assert setting(con, "threads") == 1
        assert setting(con, "memory_limit") in ("286.1 MiB", "300.0 MB")
        assert setting(con, "autoinstall_known_extensions") is False
        assert setting(con, "autoload_known_extensions") is False


def test_the_defaults_share_the_machine_between_replicas(monkeypatch):
    monkeypatch.delenv("WMC_DUCKDB_MEMORY_LIMIT", raising=False)
    monkeypatch.delenv("WMC_DUCKDB_THREADS", raising=False)
    monkeypatch.setattr(database, "ram_bytes", lambda: 24 * 2**30)
    monkeypatch.setattr(database.os, "cpu_count", lambda: 4)
    monkeypatch.setenv("WMC_REPLICAS", "1")
    assert (database.memory_limit(), database.threads()) == ("9830MiB", 4)  # 80 % of 24 GiB / 2
    monkeypatch.setenv("WMC_REPLICAS", "3")
    assert (database.memory_limit(), database.threads()) == ("4915MiB", 1)  # / 4, and 4 cores / 3


@pytest.mark.parametrize("name, value", [("WMC_DUCKDB_THREADS", "0"), ("WMC_DUCKDB_THREADS", "two"),
                                         ("WMC_REPLICAS", "-1")])
def test_a_bad_setting_is_refused_by_name(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(ValueError, match=name):
        database.settings()


def test_the_read_side_connection_has_the_settings(fixture_db, monkeypatch):
    monkeypatch.setenv("WMC_DUCKDB_THREADS", "1")
    generation = queries._open(fixture_db)
    try:
        assert setting(generation.con, "threads") == 1
        assert setting(generation.con, "autoinstall_known_extensions") is False
        assert setting(generation.con, "autoload_known_extensions") is False
    finally:
        generation.retired = True
        queries._close_if_done(generation)


def test_scratch_connections_have_the_settings_and_keep_their_frames_to_themselves():
    import pandas as pd

    seen: dict[int, list] = {}
    ready = threading.Barrier(2)

    def check(number: int) -> None:
        with database.scratch() as con:
            con.register("_rows", pd.DataFrame({"n": [number] * (number + 1)}))
            ready.wait(5)  # both frames registered at once, under the same name
            seen[number] = con.execute("select n, count(*) from _rows group by n").fetchall()
            assert setting(con, "autoinstall_known_extensions") is False
            assert setting(con, "autoload_known_extensions") is False

    threads = [threading.Thread(target=check, args=(n,)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert seen == {1: [(1, 2)], 2: [(2, 3)]}
    with database.scratch() as con:  # a frame goes with the connection that registered it
        with pytest.raises(duckdb.CatalogException):
            con.execute("select * from _rows")


def test_a_forked_child_starts_its_own_scratch_instance():
    import os
    import signal
    import time

    with database.scratch() as con:  # the parent's instance exists before the fork
        assert con.execute("select 1").fetchone() == (1,)
    pid = os.fork()
    if pid == 0:  # the child: its own instance, then out without running the parent's cleanup
        code = 1
        try:
            with database.scratch() as con:
                code = 0 if con.execute("select 2").fetchone() == (2,) else 1
        finally:
            os._exit(code)
    deadline = time.monotonic() + 30
    while (done := os.waitpid(pid, os.WNOHANG))[0] == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    if done[0] == 0:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        pytest.fail("the forked child hung on its scratch connection")
    assert os.waitstatus_to_exitcode(done[1]) == 0
    with database.scratch() as con:  # the parent's own is untouched
        assert con.execute("select 3").fetchone() == (3,)
