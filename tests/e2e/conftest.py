"""Browser tests: one fixture DB, one Streamlit server and one chromium for the session; a new
browser context per test. `--screenshots` additionally writes PNGs to artifacts/screenshots/."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from e2e_helpers import (CHROMIUM, CHROMIUM_ARGS, DESKTOP, FIXTURE_WORLD, ROOT, ConsoleWatcher,
                         StreamlitServer)

if str(ROOT) not in sys.path:  # the app's packages (loaders, ...), whatever the pytest import mode
    sys.path.insert(0, str(ROOT))


def pytest_configure(config):
    config.addinivalue_line("markers", "screenshots: artifact generator, runs only with --screenshots")


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).resolve().parent
    shoot = config.getoption("--screenshots", default=False)
    skip = pytest.mark.skip(reason="screenshots are generated only with --screenshots (make screenshots)")
    for item in items:
        if here not in Path(str(item.path)).resolve().parents:
            continue  # hooks are global: leave other folders' tests alone
        item.add_marker(pytest.mark.e2e)  # `-m "not e2e"` runs everything but the browser tests
        if not shoot and "screenshots" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def e2e_db(tmp_path_factory):
    from loaders.build import build

    db = tmp_path_factory.mktemp("e2e-db") / "world.duckdb"
    build(FIXTURE_WORLD, db)
    return db


@pytest.fixture(scope="session")
def server_log_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("e2e-logs")


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make system-deps` (apt-get install chromium); never `playwright install`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _server(e2e_db, server_log_dir, browser, name, extra_args=()):
    server = StreamlitServer(e2e_db, server_log_dir, name=name, extra_args=extra_args)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def app_server(e2e_db, server_log_dir, browser):
    yield from _server(e2e_db, server_log_dir, browser, "light")


@pytest.fixture(scope="session")
def shipped_server(shipped_db, server_log_dir, browser):
    """The app on the shipped data/ (every edition, the follow-through reports), served once for the
    modules that need it; shipped_db is the session's one build of data/ (tests/conftest.py)."""
    yield from _server(shipped_db, server_log_dir, browser, "shipped")


@pytest.fixture
def app_url(app_server):
    return app_server.url


@pytest.fixture
def new_context(browser):
    """Factory of fresh browser contexts (closed after the test)."""
    contexts = []

    def make(viewport=DESKTOP, **kwargs):
        context = browser.new_context(viewport=viewport, accept_downloads=True, **kwargs)
        context.set_default_timeout(30_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    return new_context().new_page()


@pytest.fixture
def console(page):
    return ConsoleWatcher().attach(page)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """On failure, append the tail of the server log (tracebacks of app exceptions land there)."""
    report = yield
    if report.when == "call" and report.failed:
        server = item.funcargs.get("app_server")
        if server is not None:
            report.sections.append(("streamlit server log (tail)", server.log(3000)))
    return report
