"""The query layer: named SQL only, and a rebuilt database is picked up without a restart."""
import threading
from pathlib import Path

import pytest

import queries
from loaders.build import build

ROOT = Path(__file__).resolve().parents[1]
WORLD = ROOT / "tests" / "fixtures" / "world"


@pytest.fixture
def db(db_copy, monkeypatch):
    monkeypatch.setenv("WMC_DB", str(db_copy))
    return db_copy


def test_unknown_query_name_is_refused(db):
    with pytest.raises(KeyError):
        queries.run("facts; drop table facts")


def test_missing_database_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("WMC_DB", str(tmp_path / "none.duckdb"))
    with pytest.raises(queries.DatabaseMissing, match="loaders build"):
        queries.run("data_as_of")


def test_rebuild_is_seen_by_the_next_query(db, tmp_path):
    assert queries.run("data_as_of")["facts"].iloc[0] == 12
    build(_world_without_attendees(tmp_path), db)
    assert queries.run("data_as_of")["facts"].iloc[0] == 10


def test_a_query_running_during_a_swap_finishes_on_the_old_file(db, tmp_path):
    with queries.cursor() as cursor:  # a query in flight holds the old version
        old = queries._current["generation"]
        build(WORLD, db)
        assert queries.run("data_as_of")["run_id"].iloc[0] == 2  # new file: the rebuild is the history's second run
        assert cursor.execute("select count(*) from facts").fetchone()[0] == 12  # old one still answers
        assert old.fd >= 0
    assert old.fd == -1  # closed once its last query finished


def _world_without_attendees(tmp_path) -> Path:
    changed = tmp_path / "changed"
    changed.mkdir()
    for f in WORLD.glob("*.csv"):
        text = f.read_text(encoding="utf-8")
        if f.name == "facts.csv":
            text = "\n".join(line for line in text.splitlines() if ",attendees," not in line) + "\n"
        (changed / f.name).write_text(text, encoding="utf-8")
    return changed


def test_a_snapshot_reads_one_version_until_it_ends(db, tmp_path):
    """A page run (dashboard.py) reads inside a snapshot: a rebuild published mid-run is not mixed in."""
    changed = _world_without_attendees(tmp_path)
    seen_elsewhere = []
    with queries.snapshot():
        assert queries.run("data_as_of")["facts"].iloc[0] == 12
        pinned = queries.current_version()
        build(changed, db)
        assert queries.run("data_as_of")["facts"].iloc[0] == 12  # uncached result of the same query
        assert queries.run("edition_years", convention="WMC").shape[0] > 0  # a new query, same version
        with queries.cursor() as cursor:
            assert cursor.execute("select count(*) from facts").fetchone()[0] == 12
        with queries.snapshot():  # nested: the outer one's version
            assert queries.current_version() == pinned
        # Another thread (another session) is not held back: it reads the new version.
        worker = threading.Thread(target=lambda: seen_elsewhere.append(queries.run("data_as_of")["facts"].iloc[0]))
        worker.start()
        worker.join()
    assert seen_elsewhere == [10]
    assert queries.run("data_as_of")["facts"].iloc[0] == 10  # the next run sees the publish
    assert queries.current_version() != pinned


def test_a_snapshot_of_a_missing_database_lets_queries_raise(tmp_path, monkeypatch):
    monkeypatch.setenv("WMC_DB", str(tmp_path / "none.duckdb"))
    with queries.snapshot():
        with pytest.raises(queries.DatabaseMissing):
            queries.run("data_as_of")


def test_changing_a_result_leaves_the_cached_one_as_it_was(db):
    first = queries.run("data_as_of")
    first["facts"] = -1
    first.loc[0, "sources"] = -1
    first["extra"] = "x"
    again = queries.run("data_as_of")
    assert again["facts"].iloc[0] == 12 and again["sources"].iloc[0] != -1 and "extra" not in again


def test_query_text_is_kept_as_python_strings_of_pandas_str_dtype(db):
    # The pages' frames are small: over Arrow arrays every filter paid a kernel's dispatch (queries/__init__.py).
    import pandas as pd

    editions = queries.run("editions", convention="WMC", year_from=2018, year_to=2030)
    text = [name for name, dtype in editions.dtypes.items() if isinstance(dtype, pd.StringDtype)]
    assert "city" in text
    for name in text:
        assert editions[name].dtype.storage == "python", (name, editions[name].dtype)
        assert editions[name].dtype.na_value is not pd.NA  # still pandas' str: missing is NaN
