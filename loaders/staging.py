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
# How a figure that meets a stored one was settled (loaders.headline): the stored figure's stage, the rule step
# that chose, or why the rule could not; and whether the figure is a part of the convention (a city's, a session's).
DECISION_COLUMNS = ["stored_stage", "rule", "why", "subset", "results"]
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
        raise LoadError(name, f"file type '{suffix}' is not accepted; use one of {', '.join(ALLOWED_SUFFIXES)}",
                        code="file_type", params={"suffix": suffix, "allowed": ", ".join(ALLOWED_SUFFIXES)})
    if len(data) > config.MAX_UPLOAD_MB * 1_000_000:
        raise LoadError(name, f"file is larger than {config.MAX_UPLOAD_MB} MB", code="file_too_large",
                        params={"mb": config.MAX_UPLOAD_MB})
    if not data.strip():
        raise LoadError(name, "file is empty", code="file_empty")
    # Under the user's own file name (its last part, tame characters only), so that every message
    # names their file; the folder is private to this upload.
    stem = re.sub(r"[^\w.\- ]", "_", Path(name).stem).strip(" .")[:80] or "upload"
    staged = Path(folder) / f"{stem}{suffix}"
    with open(staged, "xb") as handle:
        handle.write(data)
    return staged


def read_upload(name: str, data: bytes, year: int | None = None, published_on=None) -> Parsed:
    """An upload read once into a `Parsed` value held in memory; its temp folder is gone on return,
    whatever happened."""
    folder = new_upload_folder()
    try:
        staged = stage_upload(name, data, folder)
        with read_input(staged, year=year, name=staged.name, published_on=published_on) as parsed:
            if parsed.kind == REGISTER:  # within the upload limit: held as rows, no descriptor kept
                parsed = replace(parsed, rows=parsed.register_rows(), duck_path=None, _fd=None,
                                 digest=parsed.content_digest())
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
    """The facts a file would add, each with its status against the stored ones. Reads only.

    status: "new" (nothing stored), "replace" / "keep" (a stored figure differs and the headline rule chose the
    new or the stored one: column `rule`), "conflict" (the rule cannot decide: `rule` says why), "skip" (a part of
    the convention, a city's or a session's figure: not loaded unless a person ticks it). A release's rows also
    carry their stage and subset mark, the check flags and the sentence with the number's offsets.

    `attrs`: "unchanged" (already stored alike), "extras" (a release's organizers, claims and
    breakdowns not stored yet), "new_editions" (editions the figures need), "projects" (register rows).
    """
    with database.connect(db_path, read_only=True) as con:
        change = plan_add(con, [parsed], source, prefer=None).change
    fresh = {s["source_id"]: s for s in change.new_sources}
    # what validation does not keep: each release figure's stage and results mark, by its key
    read_as = {(r["year"], r["metric"], r["scope"]): r for r in _release_rows(parsed)}
    rows = [dict(r, status="new", stored_value=None, **_source_fields(r, fresh)) for r in change.inserted]
    for decision in change.decisions:
        old, new = decision["old"], decision["new"]
        status = {"new": "replace", "old": "keep", None: "conflict"}[decision["winner"]]
        rows.append(dict(new, status=status, stored_value=old["value"], stored_stage=decision["old_stage"],
                         rule=decision["step"] or None, why=decision["reason"] if decision["winner"] is None else None,
                         **_source_fields(new, fresh)))
    page_source = {"source_id": None, "source_url": (source or {}).get("url"),
                   "publisher": (source or {}).get("publisher"), "published_on": (source or {}).get("published_on")}
    rows += [dict(r, status="skip", stored_value=None, **page_source) for r in change.left_out]
    for row in rows:
        read = read_as.get((row["year"], row["metric"], row["scope"]), {})
        row["stage"] = vocabulary.stage_of_stored(row.get("qualifier"), row.get("stage") or read.get("stage"))
        row["subset"] = vocabulary.flag(row.get("subset"))
        row["results"] = vocabulary.flag(row.get("results") or read.get("results"))
    if parsed.kind == "release":
        rows = _with_review(rows, parsed.extraction)
    frame = pd.DataFrame(rows, columns=PREVIEW_COLUMNS + (REVIEW_COLUMNS if parsed.kind == "release" else ["stage"])
                         + DECISION_COLUMNS + SOURCE_COLUMNS)
    frame.attrs["unchanged"] = change.unchanged
    frame.attrs["extras"] = {table: rows for table, rows in change.extras.items() if len(rows)}
    frame.attrs["new_editions"] = change.new_editions
    frame.attrs["projects"] = len(parsed.rows) if parsed.kind == REGISTER and parsed.rows is not None else 0
    return frame


def _release_rows(parsed: Parsed) -> list[dict]:
    return parsed.rows.to_dict("records") if parsed.kind == "release" and parsed.rows is not None else []


def _with_review(rows: list[dict], extraction) -> list[dict]:
    """Each release figure with its flags and sentence (the number's offsets inside it)."""
    from loaders.press_release import review_items

    items = {(i["year"], i["metric"], i["scope"]): i for i in review_items(extraction)}
    out = []
    for row in rows:
        item = items.get((row["year"], row["metric"], row["scope"]), {})
        out.append(dict(row, check=", ".join(item.get("flags", [])) or None,
                        sentence=item.get("sentence"), number_start=item.get("number_start"),
                        number_end=item.get("number_end")))
    return out


def choices(edited: pd.DataFrame) -> dict:
    """The admin's choice on each figure that meets a stored one: "new" for replace, "old" for keep
    (keyed like `plan_add`'s choices)."""
    picked = edited[edited["status"].isin(["replace", "keep"]) & edited["stored_value"].notna()]
    return {(vocabulary.CONVENTION, int(r.year), r.metric, r.scope): "new" if r.status == "replace" else "old"
            for r in picked.itertuples(index=False)}


def marked(sentence: str | None, start, end) -> str | None:
    """The sentence as plain text with its number between 【 and 】 (a table cell shows text, never markup)."""
    if not isinstance(sentence, str):
        return None
    if start is None or end is None or pd.isna(start) or pd.isna(end) or not 0 <= int(start) < int(end) <= len(sentence):
        return sentence
    start, end = int(start), int(end)
    return f"{sentence[:start]}【{sentence[start:end]}】{sentence[end:]}"


def highlighted(sentence: str, start: int | None, end: int | None) -> str:
    """A release sentence as Markdown with its number in bold; everything else escaped, so the
    text shows as text (no links, no emphasis, no HTML)."""
    escape = lambda text: re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$:])", r"\\\1", text)
    if start is None or end is None or not 0 <= start < end <= len(sentence):
        return escape(sentence)
    return f"{escape(sentence[:start])}**{escape(sentence[start:end])}**{escape(sentence[end:])}"


def reviewed(edited: pd.DataFrame, parsed: Parsed, extras: dict | None = None) -> Parsed:
    """The upload with the rows the person kept and corrected in place of the parsed ones; `extras` (table ->
    the organizers, claims, breakdowns rows they kept) in place of the release's own."""
    if parsed.kind == REGISTER:
        return parsed
    keep = edited[edited["status"] != "skip"].drop(
        columns=["status", "stored_value", "check", "sentence", "number_start", "number_end", "stored_stage", "rule",
                 "why"], errors="ignore")
    keep = keep.assign(convention=vocabulary.CONVENTION, is_derived=False).reset_index(drop=True)
    return parsed.with_rows(keep, extras)


def load_reviewed(edited: pd.DataFrame, parsed: Parsed, db_path: Path, source: dict | None, prefer: str | None,
                  create_editions: bool = False, progress: Progress | None = None, extras: dict | None = None) -> Change:
    """Load the reviewed rows into the database, atomically (one `add`, under the write lock). A figure's status
    replace / keep is the admin's choice (recorded as theirs where it differs from the headline rule's); `prefer`
    settles the conflicts the rule cannot decide."""
    kwargs = {"progress": progress} if progress is not None else {}
    return add([reviewed(edited, parsed, extras)], db_path, source=source, prefer=prefer,
               create_editions=create_editions, choices=choices(edited) if "status" in edited else None, **kwargs)


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
