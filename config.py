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
# Uploads are read in a worker process (loaders/worker.py): at most this many at once, each stopped after this
# long or at this much memory; a request waits this long for a free worker before it is refused as busy.
PARSE_WORKERS = 2
PARSE_TIMEOUT_S = 180  # a 2 MB release takes about 2 minutes at 60 ms/KB on a loaded 2-core machine
PARSE_MEMORY_MB = 2048
PARSE_QUEUE_WAIT_S = 10


def db_path() -> Path:
    """The DuckDB file the app reads; `WMC_DB` overrides the default."""
    return Path(os.environ.get("WMC_DB", DEFAULT_DB))


# Characters a dataset directory's path may not hold: the path is written into SQL text as a
# literal (DuckDB takes no parameter for a view's or a COPY's file name), and read_parquet expands
# glob characters. Refused rather than escaped, so what is read is exactly the directory named.
UNSAFE_PATH_CHARACTERS = set("'\"\\*?[]{}`$;") | {chr(c) for c in range(32)} | {chr(127)}


class DatasetPathError(ValueError):
    """A configured dataset path that cannot be used as it is (named in the message)."""


def safe_dataset_path(path: Path | str, setting: str = "path") -> Path:
    """`path` made absolute, refused if it could not be taken literally in SQL text: quotes, glob
    characters, control characters, or a URL (object storage is not configured here: see the README)."""
    text = str(path)
    if not text.strip():
        raise DatasetPathError(f"{setting}: empty path")
    if "://" in text:
        raise DatasetPathError(f"{setting}: {text!r} is a URL; only a local directory is supported here")
    bad = sorted({c for c in text if c in UNSAFE_PATH_CHARACTERS})
    if bad:
        raise DatasetPathError(f"{setting}: {text!r} holds character(s) {bad!r} that a dataset path may not contain")
    return Path(os.path.abspath(text))


def register_parquet_dir() -> Path | None:
    """The Parquet register dataset the app reads instead of the database's `projects` table
    (`WMC_REGISTER_PARQUET`, a directory written by `python -m loaders export-register`), or None.
    Validated: a safe literal path to an existing directory (its files are checked when opened)."""
    value = os.environ.get("WMC_REGISTER_PARQUET", "")
    if not value:
        return None
    path = safe_dataset_path(value, "WMC_REGISTER_PARQUET")
    if not path.is_dir():
        raise DatasetPathError(f"WMC_REGISTER_PARQUET: {value!r} is not an existing directory")
    return path


def trusted_proxies() -> tuple[str, ...]:
    """Addresses of the reverse proxies whose X-Forwarded-For is believed (`WMC_TRUSTED_PROXIES`, comma-separated;
    none by default: then every client is known by its own TCP address, loopback included)."""
    return tuple(a.strip() for a in os.environ.get("WMC_TRUSTED_PROXIES", "").split(",") if a.strip())


def forwarding_env() -> dict[str, str]:
    """The environment an app server is started with so that its web server (uvicorn) takes X-Forwarded-For from
    the trusted proxies only: its own default trusts 127.0.0.1, and any local client could then name itself."""
    return {"FORWARDED_ALLOW_IPS": ",".join(trusted_proxies())}


def forwarding_pinned() -> bool:
    """Was this server started with the forwarding setting pinned (`forwarding_env`)? Else an address taken from
    X-Forwarded-For cannot be told from a spoofed one."""
    return os.environ.get("FORWARDED_ALLOW_IPS") == ",".join(trusted_proxies())


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
