"""The one module that touches Streamlit internals: the legacy `pages/` folder mode.

The project keeps its pages in `pages/` (the user's layout) and routes them with st.navigation.
Streamlit still treats a `pages/` folder beside the entry point as the legacy (v1) multipage
layout until st.navigation has run once in the process (the class flag
`PagesManager.uses_pages_directory`). Then a run for /<page> executes `pages/<page>.py` alone,
without dashboard.py and its sidebar. That happens on a server's first request for a deep link,
and on every AppTest run, because AppTest resets the flag before each run.

tests/test_st_internals.py fails loudly when Streamlit renames or drops what is used here.
"""
from __future__ import annotations

from contextlib import contextmanager

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

LEGACY_FLAG = "uses_pages_directory"


def running_without_entry_point() -> bool:
    """True while Streamlit runs a pages/ file as a legacy page, bypassing dashboard.py."""
    return bool(getattr(PagesManager, LEGACY_FLAG))


def route_through_entry_point() -> None:
    """Turn legacy page-folder mode off and rerun, so dashboard.py and st.navigation run the page.

    Only a server's first request can get here: it carries no widget events that a rerun could lose.
    """
    setattr(PagesManager, LEGACY_FLAG, False)
    st.rerun()


@contextmanager
def apptest_without_legacy_pages():
    """For AppTest: every run starts with the legacy mode off, as a served app's runs do.

    AppTest resets the flag and builds a PagesManager before each run; the flag is switched off
    right after that, before the script runs, so button clicks and form submits are not lost to
    a rerouting rerun.
    """
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        setattr(PagesManager, LEGACY_FLAG, False)

    init.__wrapped__ = original
    PagesManager.__init__ = init
    try:
        yield
    finally:
        PagesManager.__init__ = original


def client_address() -> str | None:
    """The address of this session's client as the web server saw it, loopback included (`st.context.ip_address`
    hides 127.0.0.1 and ::1, which would let every local client go uncounted); None outside a served session."""
    from streamlit.runtime import context as st_context

    client = st_context._get_client_context()
    address = getattr(client, "remote_ip", None) if client is not None else None
    return address if isinstance(address, str) else None  # (AppTest's runtime is a mock)


def settle_first_element_check() -> None:
    """Run, now and from a shallow thread, the check Streamlit makes before a process's first element: whether it
    runs in a REPL, by reading the source of every frame on the stack (`inspect.stack()`). From a page's run that
    took 70-90 ms of the first visitor's page here; from the warm-up thread (ui/warm_start.py) about 1 ms. It runs
    once per process: the first element then skips it."""
    from streamlit import delta_generator

    delta_generator._maybe_print_use_warning()
