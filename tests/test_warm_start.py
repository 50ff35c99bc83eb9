"""A new server's first page is prepared at start-up (queries/warm.py, run by app.py): the page a visitor opens
without link parameters then runs no query and no read-model decision of its own."""
from __future__ import annotations

import pytest

import queries
from queries import read_model, warm


def opened_first_page(open_app, monkeypatch, **query) -> list[str]:
    """The named queries and read-model decisions the Overview ran on its first run, in order."""
    ran = []
    real_query, real_decide = queries._query, read_model._decide_edition_view
    monkeypatch.setattr(queries, "_query", lambda generation, name, params: ran.append(name)
                        or real_query(generation, name, params))
    monkeypatch.setattr(read_model, "_decide_edition_view", lambda **args: ran.append("edition_view")
                        or real_decide(**args))
    at = open_app(**query)
    assert not at.exception, [e.message for e in at.exception]
    assert at.metric, "the Overview shows its KPI cards"
    return ran


@pytest.fixture(scope="module")
def two_conventions_db(tmp_path_factory, fixture_world):
    """The fixture world with a second convention, "AAA", whose code sorts first: the sidebar opens on it."""
    import csv
    import shutil

    from loaders.build import build

    folder = tmp_path_factory.mktemp("two_conventions") / "world"
    shutil.copytree(fixture_world, folder)
    for name in ("editions.csv", "facts.csv"):
        with open(folder / name, encoding="utf-8", newline="") as file:
            rows = list(csv.DictReader(file))
        with open(folder / name, "a", encoding="utf-8", newline="") as file:
            csv.DictWriter(file, fieldnames=list(rows[0])).writerows(dict(r, convention="AAA") for r in rows)
    db = folder.parent / "two.duckdb"
    build(folder, db)
    return db


@pytest.fixture(params=["fixture_db", "shipped_db", "two_conventions_db"])
def served(request, monkeypatch, open_app_on):
    db = request.getfixturevalue(request.param)
    monkeypatch.setenv("WMC_DB", str(db))
    queries.clear_cache()
    yield open_app_on(db)
    queries.clear_cache()


def test_without_the_warm_up_the_first_page_runs_its_queries(served, monkeypatch):
    """The probe below sees queries: the page's first run on a new server runs the Overview's."""
    ran = opened_first_page(served, monkeypatch)
    assert {"conventions", "metric_series", "edition_view"} <= set(ran)


def test_after_the_warm_up_the_first_page_runs_nothing(served, monkeypatch):
    opened = warm.opening_view()
    assert opened is not None
    assert opened_first_page(served, monkeypatch) == []


def test_the_warm_up_opens_the_convention_and_edition_the_overview_opens_on(served, monkeypatch):
    from ui.filters import CONVENTION

    convention, year = warm.opening_view()
    at = served()
    assert at.selectbox(key=CONVENTION).value == convention
    assert at.selectbox(key="edition").value == year
    assert len(at.selectbox(key=CONVENTION).options) >= 1


def test_the_second_convention_world_opens_on_the_convention_that_sorts_first(two_conventions_db, monkeypatch):
    monkeypatch.setenv("WMC_DB", str(two_conventions_db))
    queries.clear_cache()
    try:
        assert warm.opening_view()[0] == "AAA"
    finally:
        queries.clear_cache()


def test_a_linked_view_is_not_prepared(served, monkeypatch):
    """Only the default view is run ahead: a link's other edition range still runs its own queries."""
    warm.opening_view()
    ran = opened_first_page(served, monkeypatch, **{"from": "2019", "to": "2020"})
    assert "metric_series" in ran


def test_the_warm_up_of_a_missing_database_raises_what_the_page_reports(tmp_path, monkeypatch):
    monkeypatch.setenv("WMC_DB", str(tmp_path / "absent.duckdb"))
    queries.clear_cache()
    with pytest.raises(queries.DatabaseMissing):
        warm.opening_view()


def test_the_warm_up_of_a_database_without_editions_prepares_nothing(db_copy, monkeypatch, open_app_on):
    import duckdb

    with duckdb.connect(str(db_copy)) as con:
        con.execute("delete from editions")
    monkeypatch.setenv("WMC_DB", str(db_copy))
    queries.clear_cache()
    try:
        assert warm.opening_view() is None
        at = open_app_on(db_copy)()
        assert [e.value for e in at.error], "the page says the database has no editions"
    finally:
        queries.clear_cache()


# A fresh interpreter: warm_up() on a database, then the Overview's first run in AppTest; prints the modules of
# the project and of the heavy libraries that run imported (what the first visitor would still have paid for).
FIRST_RUN_IMPORTS = r"""
import sys
from streamlit.testing.v1 import AppTest
from ui.st_internals import apptest_without_legacy_pages
from ui.warm_start import warm_up
from streamlit import delta_generator
took = warm_up()
assert delta_generator._use_warning_has_been_displayed, "the first element's check was not settled"
before = set(sys.modules)
with apptest_without_legacy_pages():
    at = AppTest.from_file("dashboard.py", default_timeout=60).run()
assert not at.exception and at.metric, "the Overview did not render"
heavy = ("queries", "ui", "vocabulary", "config", "database", "pandas", "numpy", "plotly", "duckdb", "PIL")
first_use = ("streamlit.emojis", "streamlit.elements.lib.image_utils")  # Streamlit's, loaded on first use
print(sorted(m for m in set(sys.modules) - before if m.split(".")[0] in heavy or m in first_use))
print(sorted(took))
"""


def test_after_the_warm_up_the_first_page_imports_nothing_heavy(fixture_db):
    import os
    import subprocess
    import sys

    from ui.warm_start import ROOT

    done = subprocess.run([sys.executable, "-c", FIRST_RUN_IMPORTS], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "WMC_DB": str(fixture_db)})
    assert done.returncode == 0, done.stderr[-2000:]
    imported, steps = done.stdout.strip().splitlines()[-2:]
    assert imported == "[]", f"the first page still imported: {imported}"
    assert steps == str(sorted(["imports", "streamlit", "queries", "other_pages", "total"]))


def test_the_warm_up_never_raises_and_says_what_failed(tmp_path, monkeypatch, caplog):
    from ui import warm_start

    monkeypatch.setenv("WMC_DB", str(tmp_path / "absent.duckdb"))
    queries.clear_cache()
    caplog.set_level("WARNING", logger="ui.warm_start")
    monkeypatch.setattr(warm_start._log, "propagate", True)
    took = warm_start.warm_up()
    assert set(took) == {"imports", "streamlit", "queries", "other_pages", "total"}
    assert any("queries failed: DatabaseMissing" in r.getMessage() for r in caplog.records), caplog.text


def test_imported_by_reads_top_level_absolute_imports(tmp_path):
    from ui.warm_start import imported_by

    script = tmp_path / "page.py"
    script.write_text("import a.b, c\nfrom d.e import f\nfrom . import g\nif x:\n    import h\n", encoding="utf-8")
    assert imported_by(script) == ["a.b", "c", "d.e", "d.e.f"]
