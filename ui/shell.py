"""What every page needs from the entry point."""
from __future__ import annotations

import streamlit as st

from ui.filters import Filters
from ui.st_internals import route_through_entry_point, running_without_entry_point


def current_filters() -> Filters:
    """The shared filters set by dashboard.py on this run (a legacy page run is rerouted first)."""
    if running_without_entry_point() or "filters" not in st.session_state:
        route_through_entry_point()
    return st.session_state["filters"]
