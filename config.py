"""Every path and environment variable the project reads, in one place."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DATA_DIR = ROOT / "data"
DEFAULT_DB = DATA_DIR / "wmc.duckdb"

# Files a user may hand to `add` or upload: bigger ones are refused before parsing.
MAX_UPLOAD_MB = 50
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
