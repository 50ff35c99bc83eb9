"""The Add-data flow without the UI: password check, staging an upload, previewing, loading."""
from __future__ import annotations

import hmac
import re
import shutil
import tempfile
import threading
import time
from pathlib import Path

import duckdb
import pandas as pd

import config
from loaders import schema
from loaders.build import add, plan_add
from loaders.errors import LoadError
from loaders.release_rows import is_release

ALLOWED_SUFFIXES = (".csv", ".xlsx", ".json", ".txt", ".md", ".html")
PREVIEW_COLUMNS = ["status", "year", "metric", "value", "unit", "qualifier", "scope", "stored_value", "note"]


class LoginThrottle:
    """Wrong passwords are slowed down per key (a session, a client address): after each failure
    the next attempt is refused until a delay has passed, doubling from 1 s up to 5 minutes.
    Refusing instead of sleeping keeps the server's threads free."""

    def __init__(self, base_s: float = 1.0, cap_s: float = 300.0, clock=time.monotonic):
        self.base_s, self.cap_s, self.clock = base_s, cap_s, clock
        self._failures: dict[str, tuple[int, float]] = {}  # key -> (failures, next allowed time)
        self._lock = threading.Lock()

    def wait_s(self, *keys: str) -> float:
        """Seconds until an attempt from any of `keys` is allowed again (0: allowed now)."""
        now = self.clock()
        with self._lock:
            return max([0.0] + [self._failures.get(k, (0, now))[1] - now for k in keys if k])

    def failed(self, *keys: str) -> None:
        now = self.clock()
        with self._lock:
            for key in filter(None, keys):
                count = self._failures.get(key, (0, now))[0] + 1
                self._failures[key] = (count, now + min(self.cap_s, self.base_s * 2 ** (count - 1)))

    def succeeded(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)


LOGIN_THROTTLE = LoginThrottle()  # one per server process: shared by every session


# The loaders speak to a command line; the Add data page says the same in its own words.
PAGE_WORDS = [
    ("give --source-url, --publisher and --published-on, or source_url/publisher/published_on columns",
     "fill in Source URL and Publisher above (and Published on), or give source_url/publisher columns in the file"),
    ("give --source-url, --publisher and --published-on", "fill in Source URL and Publisher above (and Published on)"),
    ("(--publisher or a publisher column)", "(the Publisher field, or a publisher column in the file)"),
    ("Use --prefer new or --prefer old.", "Choose below which figures win."),
    ("pass --year", "give the Edition year above"),
    ("--source-url", "Source URL"), ("--publisher", "Publisher"), ("--published-on", "Published on"),
    ("--year", "Edition year"), ("--prefer", "the choice on conflicts"),
]


def page_message(message: str, folder: Path | None = None) -> str:
    """A loader's error for the page: no temp-folder path, no command-line flags."""
    if folder is not None:
        message = message.replace(str(folder) + "/", "")
    for flag_words, page_words in PAGE_WORDS:
        message = message.replace(flag_words, page_words)
    return message


def password_ok(given: str | None, expected: str | None) -> bool:
    """Constant-time comparison; no configured password means changes are off."""
    if not expected or not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


UPLOAD_ROOT = Path(tempfile.gettempdir()) / "wmc-uploads"
UPLOAD_MAX_AGE_S = 3600  # a staged upload nobody loaded is removed after this long


def new_upload_folder() -> Path:
    """A private folder for one staged upload; folders older than UPLOAD_MAX_AGE_S are removed
    first (their sessions have gone)."""
    UPLOAD_ROOT.mkdir(mode=0o700, exist_ok=True)
    cutoff = time.time() - UPLOAD_MAX_AGE_S
    for old in UPLOAD_ROOT.iterdir():
        try:
            if old.stat().st_mtime < cutoff:
                shutil.rmtree(old, ignore_errors=True)
        except FileNotFoundError:
            continue
    return Path(tempfile.mkdtemp(prefix="upload-", dir=UPLOAD_ROOT))


def remove_upload_folder(folder: Path | None) -> None:
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def stage_upload(name: str, data: bytes, folder: Path) -> Path:
    """Write an upload to a private temp file, after checking its type and size server-side."""
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise LoadError(name, f"file type '{suffix}' is not accepted; use one of {', '.join(ALLOWED_SUFFIXES)}")
    if len(data) > config.MAX_UPLOAD_MB * 1_000_000:
        raise LoadError(name, f"file is larger than {config.MAX_UPLOAD_MB} MB")
    if not data.strip():
        raise LoadError(name, "file is empty")
    # Under the user's own file name (its last part, tame characters only), so that every message
    # names their file; the folder is private to this upload.
    stem = re.sub(r"[^\w.\- ]", "_", Path(name).stem).strip(" .")[:80] or "upload"
    staged = Path(folder) / f"{stem}{suffix}"
    with open(staged, "xb") as handle:
        handle.write(data)
    return staged


def preview(path: Path, db_path: Path, source: dict | None, year: int | None) -> pd.DataFrame:
    """The facts a file would add, each marked new / same / conflict against the stored ones."""
    with duckdb.connect(str(db_path), read_only=True) as con:
        change = plan_add(con, [path], source, prefer=None, year=year)[0]
    rows = [dict(r, status="new", stored_value=None) for r in change.inserted]
    rows += [dict(new, status="conflict", stored_value=old["value"]) for old, new in change.conflicts]
    frame = pd.DataFrame(rows, columns=PREVIEW_COLUMNS)
    frame.attrs["unchanged"] = change.unchanged
    # A release's organizers, cumulative claims and breakdowns not stored yet (loaded with it).
    frame.attrs["extras"] = {table: rows for table, rows in change.extras.items() if len(rows)}
    return frame


def load_edited(edited: pd.DataFrame, db_path: Path, source: dict, prefer: str | None, folder: Path,
                staged: Path | None = None, year: int | None = None):
    """Load the reviewed rows into the database, atomically.

    For a release (`staged`), the file itself is loaded with the reviewed facts in place of the
    extracted ones, so its organizers, claims and breakdowns come along; a table upload is loaded
    as a long-layout CSV of the reviewed rows.
    """
    keep = edited[edited["status"] != "skip"].drop(columns=["status", "stored_value"], errors="ignore")
    keep = keep.assign(convention=config.DEFAULT_CONVENTION, is_derived=False)
    if staged is not None and is_release(staged):
        return add([staged], db_path, source=source, prefer=prefer, year=year,
                   reviewed={str(staged): keep.reset_index(drop=True)})
    path = Path(folder) / "reviewed_facts.csv"
    keep.to_csv(path, index=False, encoding="utf-8")
    return add([path], db_path, source=source, prefer=prefer)
