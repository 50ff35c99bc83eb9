"""Every path and environment variable the project reads, in one place."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DATA_DIR = ROOT / "data"
DEFAULT_DB = DATA_DIR / "wmc.duckdb"
# Chinese names of organizations, themes, metrics and our own labels, each with its source or a
# reason (read by ui/i18n/names.py; not a database table, so the build leaves it alone).
NAMES_ZH = DATA_DIR / "zh" / "names.csv"
# The renderer of the edition brief (ui/brief.py): Debian's chromium, printing a page to PDF.
CHROMIUM = Path(os.environ.get("WMC_CHROMIUM", "/usr/bin/chromium"))
# How the app and the browser tests start it: headless, no sandbox (containers), nothing fetched.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
BRIEF_TIMEOUT_S = 60

# Files a user may hand to `add` or upload: bigger ones are refused before parsing.
MAX_UPLOAD_MB = 50
# The largest projects of each edition kept in projects_top at load: the Projects page's top 20
# is exact from them for any edition range (it needs the 200 largest in the range; see ui/register.top).
REGISTER_TOP_PER_EDITION = 200
# Columns a table file may have: Excel's own limit (XFD). A wider header is refused before parsing.
MAX_COLUMNS = 16_384


def db_path() -> Path:
    """The DuckDB file the app reads; `WMC_DB` overrides the default."""
    return Path(os.environ.get("WMC_DB", DEFAULT_DB))


def admin_password() -> str | None:
    """The admin password guarding data-changing actions, or None (then they are off)."""
    value = os.environ.get("WMC_ADMIN_PASSWORD")
    if value:
        return value
    try:
        import streamlit as st

        value = st.secrets.get("WMC_ADMIN_PASSWORD")  # .streamlit/secrets.toml
    except Exception:  # no secrets file, or not running under Streamlit
        value = None
    return value or None
