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
    changed = tmp_path / "changed"
    changed.mkdir()
    for f in WORLD.glob("*.csv"):
        text = f.read_text(encoding="utf-8")
        if f.name == "facts.csv":
            text = "\n".join(line for line in text.splitlines() if ",attendees," not in line) + "\n"
        (changed / f.name).write_text(text, encoding="utf-8")
    build(changed, db)
    assert queries.run("data_as_of")["facts"].iloc[0] == 10


def test_a_query_running_during_a_swap_finishes_on_the_old_file(db, tmp_path):
    with queries.cursor() as cursor:  # a query in flight holds the old version
        old = queries._current["generation"]
        build(WORLD, db)
        assert queries.run("data_as_of")["run_id"].iloc[0] == 2  # new file: the rebuild is the history's second run
        assert cursor.execute("select count(*) from facts").fetchone()[0] == 12  # old one still answers
        assert old.fd >= 0
    assert old.fd == -1  # closed once its last query finished
