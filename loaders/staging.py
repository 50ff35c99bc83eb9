"""The Add data workflow, on the write side (the page only draws it): the password guard, an upload
read once, its preview against the stored data, and the reviewed load, run in the background.

    upload bytes -> read_upload (type/size checked, read once by loaders.intake) -> Parsed
                 -> preview (plan, read-only) -> the person reviews -> load_reviewed (add, atomic)

The reviewed rows replace the parsed ones in the same `Parsed` value: nothing is written out and
parsed again, and a release's organizers, claims and breakdowns come from its one extraction.
"""
from __future__ import annotations

import hmac
import re
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

import database
import config
import vocabulary
from loaders.build import Change, add, plan_add
from loaders.errors import LoadError
from loaders.intake import REGISTER, Parsed, read_input
from loaders.login_throttle import LoginThrottle, store_path as login_store_path  # noqa: F401 (LoginThrottle: tests)
from loaders.progress import Cancelled, Progress

ALLOWED_SUFFIXES = (".csv", ".xlsx", ".json", ".txt", ".md", ".html")
PREVIEW_COLUMNS = ["status", "year", "metric", "value", "unit", "qualifier", "scope", "stored_value", "note"]
# For a release: how each figure was read, for the reviewer (stage, what to check, its sentence).
REVIEW_COLUMNS = ["stage", "check", "sentence", "number_start", "number_end"]
# Where each reviewed figure's source comes from, kept beside the columns a reviewer sees.
SOURCE_COLUMNS = ["source_id", "source_url", "publisher", "published_on"]


# ---------------------------------------------------------------- the guard

# the counts are shared by every app server on the database (loaders/login_throttle.py)
LOGIN_THROTTLE = LoginThrottle(path=lambda: login_store_path(config.db_path()))


def password_ok(given: str | None, expected: str | None) -> bool:
    """Constant-time comparison; no configured password means changes are off."""
    if not expected or not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


# ---------------------------------------------------------------- messages

# The loaders speak to a command line; the Add data page says the same in its own words.
PAGE_WORDS = [
    ("give --source-url, --publisher and --published-on, or source_url/publisher/published_on columns",
     "fill in Source URL and Publisher above (and Published on), or give source_url/publisher columns in the file"),
    ("give --source-url, --publisher and --published-on", "fill in Source URL and Publisher above (and Published on)"),
    ("(--publisher or a publisher column)", "(the Publisher field, or a publisher column in the file)"),
    ("Use --prefer new or --prefer old.", "Choose below which figures win."),
    ("pass --create-editions to add the edition(s)", "tick “Create the edition” below"),
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


# ---------------------------------------------------------------- the upload, read once

UPLOAD_ROOT = Path(tempfile.gettempdir()) / "wmc-uploads"
UPLOAD_MAX_AGE_S = 3600  # a folder left by a server that died mid-read is removed after this long


def new_upload_folder() -> Path:
    """A private folder for one upload being read; folders older than UPLOAD_MAX_AGE_S are
    removed first (their reads were cut off)."""
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
    """Write an upload to a private file, after checking its type and size server-side."""
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


def read_upload(name: str, data: bytes, year: int | None = None) -> Parsed:
    """An upload read once into a `Parsed` value held in memory; its temp folder is gone on return,
    whatever happened."""
    folder = new_upload_folder()
    try:
        staged = stage_upload(name, data, folder)
        with read_input(staged, year=year, name=staged.name) as parsed:
            if parsed.kind == REGISTER:  # within the upload limit: held as rows, no descriptor kept
                parsed = replace(parsed, rows=parsed.register_rows(), duck_path=None, _fd=None)
            # The bytes stay with the value: a load records them beside the database (the staged
            # file is removed on return), so that every build can replay the addition.
            return replace(parsed, origin=None, source_bytes=data)
    finally:
        remove_upload_folder(folder)


# ---------------------------------------------------------------- preview and reviewed load

def _source_fields(row: dict, new_sources: dict[str, dict]) -> dict:
    """A previewed figure's source as the columns `add` reads: a new source by URL and publisher
    (it is created with the load), a stored one by its id."""
    made = new_sources.get(row.get("source_id"))
    if made is None:
        return {"source_id": row.get("source_id"), "source_url": None, "publisher": None, "published_on": None}
    return {"source_id": None, "source_url": made["url"], "publisher": made["publisher"],
            "published_on": made.get("published_on")}


def preview(parsed: Parsed, db_path: Path, source: dict | None) -> pd.DataFrame:
    """The facts a file would add, each marked new / conflict against the stored ones. Reads only.

    `attrs`: "unchanged" (already stored alike), "extras" (a release's organizers, claims and
    breakdowns not stored yet), "new_editions" (editions the figures need), "projects" (register rows).
    """
    with database.connect(db_path, read_only=True) as con:
        change = plan_add(con, [parsed], source, prefer=None).change
    fresh = {s["source_id"]: s for s in change.new_sources}
    rows = [dict(r, status="new", stored_value=None, **_source_fields(r, fresh)) for r in change.inserted]
    rows += [dict(new, status="conflict", stored_value=old["value"], **_source_fields(new, fresh))
             for old, new in change.conflicts]
    if parsed.kind == "release":
        rows = _with_review(rows, parsed.extraction)
    frame = pd.DataFrame(rows, columns=PREVIEW_COLUMNS + (REVIEW_COLUMNS if parsed.kind == "release" else [])
                         + SOURCE_COLUMNS)
    frame.attrs["unchanged"] = change.unchanged
    frame.attrs["extras"] = {table: rows for table, rows in change.extras.items() if len(rows)}
    frame.attrs["new_editions"] = change.new_editions
    frame.attrs["projects"] = len(parsed.rows) if parsed.kind == REGISTER and parsed.rows is not None else 0
    return frame


def _with_review(rows: list[dict], extraction) -> list[dict]:
    """Each release figure with its stage, flags and sentence (the number's offsets inside it)."""
    from loaders.press_release import review_items

    items = {(i["year"], i["metric"], i["scope"]): i for i in review_items(extraction)}
    out = []
    for row in rows:
        item = items.get((row["year"], row["metric"], row["scope"]), {})
        out.append(dict(row, stage=item.get("stage"), check=", ".join(item.get("flags", [])) or None,
                        sentence=item.get("sentence"), number_start=item.get("number_start"),
                        number_end=item.get("number_end")))
    return out


def highlighted(sentence: str, start: int | None, end: int | None) -> str:
    """A release sentence as Markdown with its number in bold; everything else escaped, so the
    text shows as text (no links, no emphasis, no HTML)."""
    escape = lambda text: re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$:])", r"\\\1", text)
    if start is None or end is None or not 0 <= start < end <= len(sentence):
        return escape(sentence)
    return f"{escape(sentence[:start])}**{escape(sentence[start:end])}**{escape(sentence[end:])}"


def reviewed(edited: pd.DataFrame, parsed: Parsed) -> Parsed:
    """The upload with the rows the person kept and corrected in place of the parsed ones."""
    if parsed.kind == REGISTER:
        return parsed
    keep = edited[edited["status"] != "skip"].drop(columns=["status", "stored_value", *REVIEW_COLUMNS], errors="ignore")
    keep = keep.assign(convention=vocabulary.CONVENTION, is_derived=False).reset_index(drop=True)
    return parsed.with_rows(keep)


def load_reviewed(edited: pd.DataFrame, parsed: Parsed, db_path: Path, source: dict | None, prefer: str | None,
                  create_editions: bool = False, progress: Progress | None = None) -> Change:
    """Load the reviewed rows into the database, atomically (one `add`, under the write lock)."""
    kwargs = {"progress": progress} if progress is not None else {}
    return add([reviewed(edited, parsed)], db_path, source=source, prefer=prefer,
               create_editions=create_editions, **kwargs)


# ---------------------------------------------------------------- the load in the background

HEARTBEAT_S = 15.0  # a job nobody has looked at for this long is cancelled: its session has ended


@dataclass
class Job:
    """A load running in its own thread, so the page's session (and every other) keeps serving.
    The page calls `beat()` while it shows the progress; when beats stop (the session ended), a
    watchdog cancels the job, which interrupts DuckDB and leaves the database as it was."""
    progress: Progress = field(default_factory=Progress)
    result: Change | None = None
    error: BaseException | None = None
    _thread: threading.Thread | None = None
    _last_beat: float = field(default_factory=time.monotonic)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def beat(self) -> None:
        self._last_beat = time.monotonic()

    def cancel(self) -> None:
        self.progress.cancel()

    def wait(self, timeout_s: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout_s)

    @property
    def cancelled(self) -> bool:
        return isinstance(self.error, Cancelled) or self.progress.cancelled


def start_job(work, heartbeat_s: float = HEARTBEAT_S) -> Job:
    """Run `work(progress)` in a background thread; returns at once."""
    job = Job()

    def run():
        try:
            job.result = work(job.progress)
        except BaseException as exc:  # reported to the page, which shows it
            job.error = exc

    def watchdog():
        while job.running:
            if time.monotonic() - job._last_beat > heartbeat_s:
                job.cancel()
                return
            time.sleep(min(1.0, heartbeat_s / 4))

    job._thread = threading.Thread(target=run, name="wmc-load", daemon=True)
    job._thread.start()
    threading.Thread(target=watchdog, name="wmc-load-watchdog", daemon=True).start()
    return job
