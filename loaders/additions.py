"""The additions record: every `add` (the command and the Add data page) kept beside the database,
durably and in order, so that a rebuild from data/ replays them instead of dropping them.

    <db>.additions/0001-facts-added/        one folder per add, numbered in the order they landed
        addition.json                       what the add was told: files, source, --prefer, year,
                                            --create-editions, its load run and when
        input-1.csv                         the bytes the add read (checked against their sha256)
        rows-1.json                         the rows a person kept and corrected (Add data page), if any
        undone.json                         written when a rollback or a discard undid the add

A record is written under the write lock, into `.pending-<name>/` (every file fsynced, then the
folder), before the new database is renamed into place; it is renamed to its final name after.
The database is what commits it: its `load_runs` row names the record (`addition`). The next writer,
under the same lock, finishes what a killed one left (`reconcile`): a pending record the database
names is renamed into place, one it does not name (the add died before its rename) is removed, and
an add the database says was undone gets its `undone.json`. So a kill at any moment leaves the
database and the committed records agreeing, once the next write has run.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass
from datetime import date, datetime, timezone
from io import StringIO
from pathlib import Path
from typing import TYPE_CHECKING

from loaders.beside import Beside
from loaders.errors import LoadError
from vocabulary import is_missing

if TYPE_CHECKING:  # only a reviewed upload's rows are frames; a register's add never imports pandas
    import pandas as pd

RECORD = "addition.json"
UNDONE = "undone.json"
PENDING = ".pending-"
_NAME = re.compile(r"^(\d{4,})-[\w.\-]+$")


def additions_dir(target: Path) -> Path:
    target = Path(target)
    return target.parent / f"{target.name}.additions"


@dataclass(frozen=True)
class Addition:
    """One committed add as recorded beside the database."""
    name: str
    number: int
    path: Path
    meta: dict
    undone: dict | None

    @property
    def run_id(self) -> int | None:
        return self.meta.get("run_id")

    @property
    def files(self) -> str:
        return ", ".join(f["name"] for f in self.meta.get("files", []))

    def describe(self) -> str:
        return f"run {self.run_id} (add of {self.meta.get('loaded_at', '?')[:16].replace('T', ' ')} UTC: {self.files}; record {self.name})"


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_durably(path: Path, data: bytes) -> None:
    with open(path, "xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _folder(target: Path) -> Path:
    folder = additions_dir(target)
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise LoadError(str(folder), "the folder of additions is not a folder; nothing was written")
    return folder


def _read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def records(target: Path, strict: bool = True) -> list[Addition]:
    """Every committed record, in the order the adds landed (pending ones are not committed). A
    record whose addition.json cannot be read is refused when `strict` (a build would lose it),
    else left out (numbering and run ids need only what can be read)."""
    folder = additions_dir(target)
    if not folder.is_dir() or folder.is_symlink():
        return []
    found = []
    for entry in os.scandir(folder):
        match = _NAME.match(entry.name)
        if not match or not entry.is_dir(follow_symlinks=False):
            continue
        meta = _read_json(Path(entry.path) / RECORD)
        if meta is None and not strict:
            continue
        if meta is None:  # only ever written whole (fsynced before the rename); unreadable = damaged
            raise LoadError(entry.path, f"the additions record {entry.name} cannot be read ({RECORD} is "
                            "missing or damaged); nothing was written")
        found.append(Addition(entry.name, int(match.group(1)), Path(entry.path), meta,
                              _read_json(Path(entry.path) / UNDONE)))
    return sorted(found, key=lambda a: a.number)


def _pending(target: Path) -> list[Path]:
    folder = additions_dir(target)
    if not folder.is_dir():
        return []
    return [Path(e.path) for e in os.scandir(folder) if e.name.startswith(PENDING)]


def next_number(target: Path) -> int:
    """One more than any record ever made, committed or pending; only under the write lock."""
    folder = additions_dir(target)
    names = [e.name[len(PENDING):] if e.name.startswith(PENDING) else e.name for e in os.scandir(folder)] \
        if folder.is_dir() else []
    numbers = [int(m.group(1)) for m in map(_NAME.match, names) if m]
    return max(numbers, default=0) + 1


def max_run_id(target: Path) -> int:
    """The largest load run any record names (run ids are never reused, even if the database's
    own history was lost)."""
    return max((a.run_id or 0 for a in records(target, strict=False)), default=0)


def record_name(number: int, kind: str, first_file: str) -> str:
    stem = re.sub(r"[^\w.\-]", "_", Path(first_file).stem)[:60].strip("._") or "file"
    return f"{number:04d}-{kind}-{stem}"


# ---------------------------------------------------------------- writing a record

def _fsync_and_close(handle) -> None:
    """fsync and close a written file; run beside the load (`Beside`), so the disk writes it while DuckDB loads.
    Waited for before the database that commits the record is renamed into place (`stage`), so the record is on
    disk first, as before; what the fsync raised is raised then."""
    try:
        os.fsync(handle.fileno())
    finally:
        try:
            handle.close()
        except OSError:
            pass  # the bytes are on disk (or the fsync's error is raised); a failed close adds nothing


_syncing: dict[Path, Beside] = {}  # a register's copy in a pending record -> its fsync, until `stage` waits for it


def _copy_fd(fd: int, destination: Path, file: str, text: bool) -> None:
    """Copy an open file's bytes to `destination` (created; its fsync started, see `_fsync_and_close`). `text`: a NUL byte
    refuses the file at once (a CSV never holds one; a sparse many-GB file is mostly NULs, and is refused here
    before it is copied, as it was before DuckDB read it). The copy is hashed afterwards, beside the load
    (`take_register`): hashing here, in the same read, put 0.15 s of a 10^6-row CSV's add before the load."""
    out = open(destination, "xb")
    try:
        offset = 0
        while chunk := os.pread(fd, 1 << 20, offset):
            if text and b"\0" in chunk:
                raise LoadError(file, "not a readable CSV register: it holds NUL bytes, which a text file never does",
                                code="unreadable")
            out.write(chunk)
            offset += len(chunk)
        out.flush()
    except BaseException:
        out.close()
        raise
    _syncing[destination] = Beside(_fsync_and_close, out)


def _wait_synced(pending: Path) -> None:
    """Every register copied into `pending` is on disk (its fsync done), or the fsync's error is raised."""
    for path in [path for path in list(_syncing) if path.parent == pending]:  # a list: other adds may run in threads
        sync = _syncing.pop(path, None)
        if sync is not None:
            sync.result()


def stored_name(number: int, parsed) -> str:
    """The name an add's `number`-th input has in its record."""
    return f"input-{number}{parsed.suffix or Path(parsed.file).suffix}"


def open_pending(target: Path, name: str) -> Path:
    """A fresh `.pending-<name>/` for the record of one add; only under the write lock. It is removed by
    `reconcile` (a later writer) unless the database that commits it names it."""
    folder = _folder(target)
    folder.mkdir(exist_ok=True)
    pending = folder / f"{PENDING}{name}"
    shutil.rmtree(pending, ignore_errors=True)
    pending.mkdir()
    return pending


def discard_pending(pending: Path) -> None:
    """The record of an add that failed, removed with the folder of additions if it held nothing else: a failed
    load leaves nothing behind."""
    try:
        _wait_synced(pending)
    except OSError:
        pass  # the record goes anyway
    shutil.rmtree(pending, ignore_errors=True)
    try:
        pending.parent.rmdir()  # only when empty
    except OSError:
        pass


def take_register(pending: Path, number: int, parsed) -> None:
    """A register DuckDB reads itself, copied into the record before it is loaded and from then on read from that
    copy, which is hashed while DuckDB loads it: our side reads the user's file once, and the bytes loaded are the
    bytes recorded (and hashed) whatever happens to the file meanwhile."""
    from loaders.readers import open_regular

    destination = pending / stored_name(number, parsed)
    _copy_fd(parsed._fd, destination, parsed.file, text=parsed.suffix != ".parquet")
    fd = open_regular(destination, parsed.file)
    parsed.close()
    parsed._fd, parsed.duck_path, parsed.digest = fd, f"/proc/self/fd/{fd}", ""
    parsed.hash_meanwhile()  # the digest of the bytes recorded, which are the bytes loaded


def takes_register(parsed) -> bool:
    """Is this input a register DuckDB reads from its descriptor (so `take_register` copies it first)?"""
    return parsed.rows is None and parsed._fd is not None and parsed.source_bytes is None


def _copy_checked(parsed, destination: Path) -> None:
    """The bytes the add read, written to `destination` and fsynced; refused if they are not the
    bytes read (the file changed on disk since)."""
    from loaders.readers import open_regular

    digest = hashlib.sha256()
    with open(destination, "xb") as out:
        if parsed.source_bytes is not None:
            out.write(parsed.source_bytes)
            digest.update(parsed.source_bytes)
        else:
            if parsed._fd is not None:
                fd, close = parsed._fd, False
            elif parsed.origin:
                fd, close = open_regular(Path(parsed.origin), parsed.file), True
            else:
                raise LoadError(parsed.file, "the bytes of this input are not at hand, so the addition cannot be "
                                "recorded for later builds; nothing was written")
            try:
                offset = 0
                while chunk := os.pread(fd, 1 << 20, offset):
                    out.write(chunk)
                    digest.update(chunk)
                    offset += len(chunk)
            finally:
                if close:
                    os.close(fd)
        out.flush()
        os.fsync(out.fileno())
    if parsed.digest and digest.hexdigest() != parsed.digest:
        raise LoadError(parsed.file, "the file changed on disk while it was being loaded; nothing was written. "
                        "Run the load again.")


def _rows_json(rows: pd.DataFrame) -> bytes:
    return rows.to_json(orient="split", index=False, date_format="iso", default_handler=str).encode("utf-8")


def _jsonable(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def stage(target: Path, name: str, run_id: int, inputs: list, options: dict, pending: Path | None = None) -> Path:
    """Write the record of one add into `.pending-<name>/` (`pending`, when `open_pending` made it and
    `take_register` already copied the registers into it), every byte on disk before it returns.
    Only under the write lock, before the new database is renamed into place."""
    folder = _folder(target)
    pending = pending or open_pending(target, name)
    try:
        _wait_synced(pending)  # the registers copied before their load: on disk before the record names them
        files = []
        for number, parsed in enumerate(inputs, start=1):
            stored = stored_name(number, parsed)
            if not (pending / stored).exists():  # a register was taken into the record before its load
                _copy_checked(parsed, pending / stored)
            entry = {"name": Path(parsed.file).name, "stored": stored, "sha256": parsed.content_digest(), "kind": parsed.kind,
                     "year": parsed.year}
            if parsed.reviewed and parsed.rows is not None:
                entry["rows"] = f"rows-{number}.json"
                _write_durably(pending / entry["rows"], _rows_json(parsed.rows))
            if getattr(parsed, "extras", None) is not None:  # the organizers, claims, breakdowns a person kept
                entry["extras"] = f"extras-{number}.json"
                kept = {table: json.loads(_rows_json(frame)) for table, frame in parsed.extras.items()}
                _write_durably(pending / entry["extras"], json.dumps(kept, ensure_ascii=False).encode("utf-8"))
            files.append(entry)
        meta = {"name": name, "run_id": run_id, "loaded_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "files": files, **{k: _jsonable(v) for k, v in options.items()}}
        _write_durably(pending / RECORD, json.dumps(meta, indent=1, ensure_ascii=False, default=str).encode("utf-8"))
        _fsync_dir(pending)
        _fsync_dir(folder)
    except OSError as exc:
        shutil.rmtree(pending, ignore_errors=True)
        raise _os_error(target, exc) from None
    except BaseException:
        shutil.rmtree(pending, ignore_errors=True)
        raise
    return pending


def _os_error(target: Path, exc: OSError) -> LoadError:
    from loaders.build import os_error_message

    return LoadError(str(target), os_error_message(exc, target))


def promote(pending: Path) -> Path:
    """The committed record's final name (after the database that names it was renamed into place)."""
    final = pending.parent / pending.name[len(PENDING):]
    os.rename(pending, final)
    _fsync_dir(pending.parent)
    return final


def mark_undone(target: Path, names_by_run: dict[str, tuple[int, str]]) -> None:
    """Write `undone.json` into each named record: {record name: (undoing run, its action)}."""
    folder = additions_dir(target)
    for name, (run_id, action) in names_by_run.items():
        path = folder / name
        if not path.is_dir() or (path / UNDONE).exists():
            continue
        tmp = path / f".{UNDONE}.tmp"
        tmp.unlink(missing_ok=True)
        _write_durably(tmp, json.dumps({"undone_by": run_id, "action": action,
                                        "at": datetime.now(timezone.utc).isoformat(timespec="seconds")}).encode())
        os.replace(tmp, path / UNDONE)
        _fsync_dir(path)


def reconcile(target: Path, history: list[dict] | None) -> None:
    """Finish what a killed writer left, from the database's load history (see the module's text): its rows as
    dicts of column -> value. Only under the write lock. `history` None: the database cannot be read; pending
    records are left."""
    if history is None:
        return
    named = {}
    for row in history:
        addition = row.get("addition")
        if isinstance(addition, str) and addition:
            undone = row.get("undone_by")
            named[addition] = None if is_missing(undone) else int(undone)
    for pending in _pending(target):
        if pending.name[len(PENDING):] in named:
            promote(pending)
        else:  # the add died before its database was renamed into place: it never happened
            shutil.rmtree(pending, ignore_errors=True)
    actions = {row["run_id"]: row["action"] for row in history}
    mark_undone(target, {name: (by, actions.get(by, "rollback")) for name, by in named.items() if by is not None})


# ---------------------------------------------------------------- replaying a record

def replay_inputs(addition: Addition, stack) -> list:
    """The add's inputs read again from the record, through the same reader the add used; the rows a
    person reviewed replace the parsed ones as they did on the page."""
    import pandas as pd

    from loaders.intake import read_input

    inputs = []
    for entry in addition.meta["files"]:
        path = addition.path / entry["stored"]
        parsed = stack.enter_context(read_input(path, year=entry.get("year") if entry.get("kind") == "release" else None,
                                                name=entry["name"]))
        if entry.get("rows"):
            text = (addition.path / entry["rows"]).read_text(encoding="utf-8")
            rows = pd.read_json(StringIO(text), orient="split", dtype=False)
            rows = rows.astype(object).where(rows.notna(), None)
            kept = None
            if entry.get("extras"):
                stored = json.loads((addition.path / entry["extras"]).read_text(encoding="utf-8"))
                kept = {table: pd.read_json(StringIO(json.dumps(frame)), orient="split", dtype=False)
                        for table, frame in stored.items()}
            parsed = parsed.with_rows(rows, kept)
        inputs.append(parsed)
    return inputs


def replay_source(addition: Addition) -> dict | None:
    source = addition.meta.get("source")
    if not source:
        return None
    published = source.get("published_on")
    return {**source, "published_on": date.fromisoformat(published[:10]) if published else None}
