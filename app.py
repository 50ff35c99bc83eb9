"""What `make run` serves: the dashboard (dashboard.py) as a Streamlit App, its first page prepared at start-up.

A thread imports the pages' modules and runs the Overview's queries while the first visitor's browser is still
loading Streamlit's frontend (ui/warm_start.py). `streamlit run dashboard.py` serves the same app, unprepared.
"""
import threading
from contextlib import asynccontextmanager

import streamlit as st

from ui.warm_start import warm_up


@asynccontextmanager
async def prepared(_app):
    threading.Thread(target=warm_up, name="warm-up", daemon=True).start()
    yield


app = st.App("dashboard.py", lifespan=prepared)
