"""Reading an upload in a worker process: bounded in time, memory and number, off the server's threads.

Streamlit runs every session's script in a thread of one process, so a parse that holds the GIL (a regex, an XML
parser) slows every other viewer's page, and one that never ends keeps burning a core after its admin has left.
`read_upload_bounded` reads the file in a child process forked from a clean fork server (no server threads are
copied), waits without holding the GIL, and kills the child at the time limit (`config.PARSE_TIMEOUT_S`). At most `config.PARSE_WORKERS`
children run at once; a request that finds them all busy for `config.PARSE_QUEUE_WAIT_S` is refused as busy.
Bad input comes back as the same `LoadError`; any other failure of the reader as a `LoadError` naming the file
(never a crash box), with the error's type for the server log.
"""
from __future__ import annotations

import multiprocessing
import os
from multiprocessing import spawn
import resource
import threading
import traceback

import config
from loaders.errors import LoadError

_CONTEXT = multiprocessing.get_context("forkserver")
# the fork server imports the readers once; each child then starts in milliseconds
_CONTEXT.set_forkserver_preload(["loaders.staging", "loaders.press_release", "pandas", "openpyxl"])
_SLOTS = threading.BoundedSemaphore(config.PARSE_WORKERS)
READER_NAME = "wmc-upload-reader"
_preparation_data = spawn.get_preparation_data


def _reader_preparation_data(name):
    """multiprocessing prepares a child by re-running the parent's __main__; in a Streamlit server that is the
    page script being run (dashboard.py), which a reader must never execute. Our readers need only
    `loaders.worker._child`, imported by name, so their preparation leaves __main__ out; other processes keep it."""
    data = _preparation_data(name)
    if name.startswith(READER_NAME):
        data.pop("init_main_from_path", None)
        data.pop("init_main_from_name", None)
    return data


spawn.get_preparation_data = _reader_preparation_data


def warm() -> None:
    """Start the fork server in the background (it imports the readers: seconds), so that the first upload does
    not wait for it. Called when an admin opens Add data."""
    from multiprocessing import forkserver

    threading.Thread(target=forkserver.ensure_running, name="wmc-forkserver-warm", daemon=True).start()


def _address_space_bytes() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        line = next(line for line in status if line.startswith("VmSize:"))
    return int(line.split()[1]) * 1024


def _child(conn, name: str, data: bytes, year: int | None, memory_mb: int, published_on=None) -> None:
    os.nice(10)  # a read gives way to the viewers' page runs when the cores are busy
    # the read may take `memory_mb` more address space than the process already has (the libraries loaded
    # reserve hundreds of MB of address space they never touch, more or less depending on the parent)
    limit = _address_space_bytes() + memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    read_and_send(conn, name, data, year, memory_mb, published_on)


def read_and_send(conn, name: str, data: bytes, year: int | None, memory_mb: int, published_on=None) -> None:
    """The child's work: the read's outcome sent as ("ok" | "bad_input" | "failed", payload)."""
    try:
        from loaders.staging import read_upload

        conn.send(("ok", read_upload(name, data, year, published_on)))
    except LoadError as exc:
        conn.send(("bad_input", (exc.file, exc.problem, exc.row, exc.column, exc.code, exc.params)))
    except MemoryError:
        conn.send(("bad_input", (name, f"reading the file needs more than {memory_mb} MB of memory", None, None,
                                 "too_much_memory", {"mb": memory_mb})))
    except Exception as exc:  # a reader's own failure on odd input: said as bad input, logged in full
        conn.send(("failed", (type(exc).__name__, traceback.format_exc(limit=8))))
    finally:
        conn.close()


def read_upload_bounded(name: str, data: bytes, year: int | None = None, timeout_s: float | None = None,
                        published_on=None):
    """`loaders.staging.read_upload(name, data, year, published_on)` in a child process, within the limits above."""
    timeout_s = config.PARSE_TIMEOUT_S if timeout_s is None else timeout_s
    if not _SLOTS.acquire(timeout=config.PARSE_QUEUE_WAIT_S):
        raise LoadError(name, "the server is busy reading other files; try again in a minute", code="busy")
    receiver, sender = _CONTEXT.Pipe(duplex=False)
    child = _CONTEXT.Process(target=_child, args=(sender, name, data, year, config.PARSE_MEMORY_MB, published_on),
                             daemon=True, name=READER_NAME)
    try:
        child.start()
        sender.close()
        if not receiver.poll(timeout_s):
            raise LoadError(name, f"reading the file took longer than {timeout_s:g} s; it was stopped",
                            code="too_slow", params={"seconds": f"{timeout_s:g}"})
        try:
            kind, payload = receiver.recv()
        except EOFError:  # the child died without a word (killed by the memory limit, a signal)
            raise LoadError(name, "the file could not be read (the reader stopped; it may need too much memory)",
                            code="reader_stopped") from None
    finally:
        if child.is_alive():
            child.kill()
        child.join(5)
        receiver.close()
        _SLOTS.release()
    if kind == "ok":
        return payload
    if kind == "bad_input":
        file, problem, row, column, code, params = payload
        raise LoadError(file, problem, row, column, code=code, params=params)
    error_type, trace = payload
    import logging

    logging.getLogger(__name__).warning("reading %s failed in the worker:\n%s", name, trace)
    raise LoadError(name, f"the file cannot be read as a table or release ({error_type})", code="unreadable")
