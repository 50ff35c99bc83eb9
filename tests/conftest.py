"""Shared fixtures: the small fixture world, a database built from it, and copies to modify."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# The end-of-run summaries and the fixtures that fill them (here, so pytest-xdist's controller has them).
from run_summaries import (attack_table, hostile_outcomes, pytest_sessionfinish,  # noqa: F401
                           pytest_terminal_summary, pytest_testnodedown)

# Property tests check what is true, never how fast: Hypothesis's default 200 ms deadline per example failed a
# CSV round trip at 253 ms on a loaded machine (14 ms on the rerun). Speed is the benchmarks' business.
settings.register_profile("wmc", deadline=None)
settings.load_profile("wmc")

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `pytest` (not `python -m pytest`) does not put the repo on the path
    sys.path.insert(0, str(ROOT))

FIXTURES = Path(__file__).resolve().parent / "fixtures"
WORLD = FIXTURES / "world"
LOADER_FIXTURES = FIXTURES / "loaders"


@pytest.fixture(scope="session")
def fixture_world() -> Path:
    """The folder of table CSVs a small invented world is built from."""
    return WORLD


@pytest.fixture(scope="session")
def loader_fixtures() -> Path:
    """The folder of representative user files (see fixtures/loaders/make_fixtures.py)."""
    return LOADER_FIXTURES


@pytest.fixture(scope="session")
def fixture_db(tmp_path_factory) -> Path:
    """A DuckDB built once per session from the fixture world. Read it; never write it."""
    from loaders.build import build

    db = tmp_path_factory.mktemp("fixture_db") / "world.duckdb"
    build(WORLD, db)
    return db


@pytest.fixture(scope="session")
def shipped_db(tmp_path_factory) -> Path:
    """A DuckDB built once per session from the shipped data/ folder. Read it; never write it."""
    from loaders.build import build

    db = tmp_path_factory.mktemp("shipped") / "wmc.duckdb"
    build(ROOT / "data", db)
    return db


@pytest.fixture
def shipped_queries(shipped_db, monkeypatch):
    """The named queries reading the shipped database, with their cache emptied before and after."""
    import queries

    monkeypatch.setenv("WMC_DB", str(shipped_db))
    queries.clear_cache()
    yield
    queries.clear_cache()


@pytest.fixture
def shipped_app(shipped_db, monkeypatch):
    """shipped_app(page=None, **query): the dashboard on the shipped data (AppTest), run once with
    `query` as its URL parameters and switched to `page`; fails on any exception shown."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("WMC_DB", str(shipped_db))
    monkeypatch.delenv("WMC_ADMIN_PASSWORD", raising=False)

    def make(page: str | None = None, **query) -> AppTest:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
        if page:
            at.switch_page(page).run()
        assert not at.exception, [e.message for e in at.exception]
        return at
    return make


@pytest.fixture
def db_copy(fixture_db, tmp_path) -> Path:
    """A private copy of the fixture database, free to modify."""
    target = tmp_path / "world.duckdb"
    shutil.copyfile(fixture_db, target)
    return target


@pytest.fixture(autouse=True)
def _apptest_routes_through_entry_point():
    """AppTest resets Streamlit's legacy pages/ flag before every run; keep it off, as a served app does."""
    from ui.st_internals import apptest_without_legacy_pages

    with apptest_without_legacy_pages():
        yield


@pytest.fixture
def open_app(fixture_db, monkeypatch):
    """open_app(page=None, timeout=60, **query): the dashboard on the fixture world, run once,
    switched to `page` when given (AppTest; query parameters set before the first run)."""
    return app_opener(fixture_db, monkeypatch)


@pytest.fixture
def open_app_on(monkeypatch):
    """open_app_on(db)(page=None, timeout=60, **query): open_app on a database of the test's own."""
    return lambda db: app_opener(db, monkeypatch)


def app_opener(db, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("WMC_DB", str(db))
    monkeypatch.delenv("WMC_ADMIN_PASSWORD", raising=False)

    def make(page: str | None = None, timeout: int = 60, **query):
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=timeout)
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
        return at.switch_page(page).run() if page else at
    return make


SLOW_KIND_TIMEOUT_S = 900  # browser (e2e) and two-server (replicas) tests; the default is in pytest.ini


@pytest.hookimpl(trylast=True)  # after tests/e2e/conftest.py has marked its tests e2e
def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.get_closest_marker("timeout") is None and (
                item.get_closest_marker("e2e") or item.get_closest_marker("replicas")):
            item.add_marker(pytest.mark.timeout(SLOW_KIND_TIMEOUT_S))


def pytest_addoption(parser):
    # Here rather than in tests/e2e/conftest.py so that `pytest tests --screenshots` knows it too.
    parser.addoption("--screenshots", action="store_true", default=False,
                     help="write screenshots of every page (desktop/phone, light/dark) to artifacts/screenshots/")


def _scan_components_once() -> None:
    """Every AppTest's first run scans the metadata of every installed package for Streamlit components
    (70 ms here, about 5 % of the fast pass's time over its hundreds of AppTests). The installed packages do not
    change during a run, so each worker scans once and hands every later AppTest the same answer; the app's server
    scans once at its start, as it always did."""
    try:
        from streamlit.components.v2 import manifest_scanner
    except ImportError:  # a Streamlit without component manifests: nothing to scan
        return
    scan = manifest_scanner.scan_component_manifests
    if getattr(scan, "cache_info", None) is None:
        from functools import lru_cache

        manifest_scanner.scan_component_manifests = lru_cache(maxsize=None)(scan)


_scan_components_once()
