"""The Streamlit internals used by ui/st_internals.py: fail loudly when Streamlit changes them."""
from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from ui.warm_start import STREAMLIT_ON_FIRST_USE

ROOT = Path(__file__).resolve().parents[1]


def test_the_legacy_pages_flag_still_exists_and_is_what_the_script_runner_reads():
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner import script_runner

    from ui.st_internals import LEGACY_FLAG

    assert hasattr(PagesManager, LEGACY_FLAG), "Streamlit dropped PagesManager.uses_pages_directory"
    source = inspect.getsource(script_runner)
    assert f"PagesManager.{LEGACY_FLAG}" in source, (
        "the script runner no longer decides legacy pages/ mode by this flag: revisit ui/st_internals.py")


def test_a_pages_folder_beside_the_entry_point_still_switches_legacy_mode_on():
    """If this fails, Streamlit stopped treating pages/ as legacy: the workaround can go."""
    from streamlit.runtime.pages_manager import PagesManager

    saved = PagesManager.uses_pages_directory
    try:
        PagesManager.uses_pages_directory = None
        unpatched = getattr(PagesManager.__init__, "__wrapped__", PagesManager.__init__)  # the autouse guard
        unpatched(object.__new__(PagesManager), str(ROOT / "dashboard.py"))
        assert PagesManager.uses_pages_directory is True
    finally:
        PagesManager.uses_pages_directory = saved


def test_apptest_guard_keeps_legacy_mode_off_after_a_reset_and_restores_the_constructor():
    from streamlit.runtime.pages_manager import PagesManager

    from ui.st_internals import apptest_without_legacy_pages

    original = PagesManager.__init__
    with apptest_without_legacy_pages():
        PagesManager.uses_pages_directory = None
        PagesManager(str(ROOT / "dashboard.py"))
        assert PagesManager.uses_pages_directory is False
    assert PagesManager.__init__ is original


@pytest.mark.parametrize("page", ["pages/projects.py", "pages/explorer.py"])
def test_a_switched_page_runs_inside_the_entry_point(open_app, page):
    """The sidebar filters (drawn by dashboard.py) exist on a page run: it was not run alone."""
    at = open_app(page)
    assert not at.exception
    assert at.selectbox(key="from").value is not None
    assert at.radio(key="cur").value == "CNY"


def test_the_first_element_check_runs_once_per_process_and_can_be_settled_ahead(monkeypatch):
    """ui.st_internals.settle_first_element_check: Streamlit's REPL check (inspect.stack) runs once, on the
    process's first element; settled by the warm-up thread, a page's first element skips it."""
    from streamlit import delta_generator, env_util

    from ui.st_internals import settle_first_element_check

    checks = []
    monkeypatch.setattr(env_util, "is_repl", lambda: checks.append(1) or False)
    monkeypatch.setattr(delta_generator, "_use_warning_has_been_displayed", False)
    settle_first_element_check()
    assert checks == [1]
    delta_generator._maybe_print_use_warning()  # what DeltaGenerator._enqueue calls for every element
    assert checks == [1], "Streamlit checks again: settling it ahead no longer saves the first visitor anything"
    assert "_maybe_print_use_warning()" in inspect.getsource(delta_generator.DeltaGenerator._enqueue)


@pytest.mark.parametrize("module", STREAMLIT_ON_FIRST_USE)
def test_the_modules_streamlit_loads_on_first_use_are_still_there(module):
    """ui/warm_start.py loads them ahead of the first page (a release that moves one would make the warm-up fail,
    logged, and the first visitor pay for it again)."""
    import importlib

    assert importlib.import_module(module).__name__ == module
