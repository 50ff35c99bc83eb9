"""What every page needs from the entry point."""
from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from ui.filters import Filters


def current_filters() -> Filters:
    """The shared filters set by dashboard.py.

    Streamlit 1.50 sends a server's very first request for /<page> straight to pages/<page>.py
    (legacy folder discovery) until st.navigation has run once in the process. Such a run has no
    filters yet: switch the legacy mode off and rerun, so dashboard.py routes it.
    """
    if "filters" not in st.session_state:
        PagesManager.uses_pages_directory = False
        st.rerun()
    return st.session_state["filters"]
