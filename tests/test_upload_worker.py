"""Uploads are read in a worker process: bounded in time and number, and every failure is bad input (I1, I8, I11)."""
from __future__ import annotations

import multiprocessing
import threading

import pytest

from loaders import worker
from loaders.errors import LoadError

CSV = b"convention,year,metric,value,unit,qualifier,scope\nWMC,2025,events,5,events,exact,hall 2\n"


def test_a_file_is_read_in_the_worker():
    parsed = worker.read_upload_bounded("figures.csv", CSV)
    assert (parsed.kind, parsed.rows["scope"].tolist()) == ("facts", ["hall 2"])


def test_bad_input_comes_back_as_the_same_load_error():
    with pytest.raises(LoadError) as caught:
        worker.read_upload_bounded("figures.csv", CSV.replace(b"events,5", b"events,five"))
    assert caught.value.file == "figures.csv" and caught.value.row == 2


def test_a_readers_own_failure_is_sent_back_with_its_type_not_raised(monkeypatch):
    from loaders import staging

    def broken(name, data, year, published_on=None):
        raise RuntimeError("a reader's bug")

    monkeypatch.setattr(staging, "read_upload", broken)
    receiver, sender = multiprocessing.Pipe(duplex=False)
    worker.read_and_send(sender, "odd.xlsx", b"", None, 100)
    kind, (error_type, trace) = receiver.recv()
    assert (kind, error_type) == ("failed", "RuntimeError") and "a reader's bug" in trace


def test_an_odd_json_number_is_bad_input_naming_the_file():
    with pytest.raises(LoadError, match=r"^big\.json: a value cannot be read as JSON"):
        worker.read_upload_bounded("big.json", b'[{"value": ' + b"9" * 5000 + b"}]")


def test_a_read_over_the_time_limit_is_stopped_and_its_process_ended():
    # A read of a second or more: with a two-line file and a 1 ms limit, a loaded machine could let the
    # child finish before the parent started waiting (CI-like runs saw "DID NOT RAISE").
    rows = b"".join(b"WMC,2025,events,%d,events,exact,hall %d\n" % (i % 90 + 1, i) for i in range(40_000))
    slow = CSV.split(b"\n")[0] + b"\n" + rows
    with pytest.raises(LoadError, match="took longer than 0.2 s; it was stopped"):
        worker.read_upload_bounded("slow.csv", slow, timeout_s=0.2)
    assert multiprocessing.active_children() == []


def test_a_read_waits_for_a_free_worker_then_is_refused_as_busy(monkeypatch):
    monkeypatch.setattr(worker, "_SLOTS", threading.BoundedSemaphore(1))
    monkeypatch.setattr(worker.config, "PARSE_QUEUE_WAIT_S", 0.05)
    worker._SLOTS.acquire()
    with pytest.raises(LoadError, match="the server is busy reading other files"):
        worker.read_upload_bounded("figures.csv", CSV)
