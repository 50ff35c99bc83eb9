"""Rebuilds swap the database file while readers keep querying: no errors, no torn reads, fresh data.

Two data folders alternate: the fixture world ("old") and a copy ("new") where three things change
together: 2019 projects 638 -> 639, 2018 attendees 4000 -> 4001, and one more fact citing one more
source. A reader that saw half of a file, or mixed two files, would pair values that never
coexisted in one build.
"""
from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest

import queries
from loaders.build import build

ROOT = Path(__file__).resolve().parents[1]

WORLD = Path(__file__).resolve().parent / "fixtures" / "world"
READERS = 4
# A fixed number of swaps, however long each build takes on a busy machine: the test is about
# readers surviving swaps, never about how many swaps fit in a time (that was a timed test, and it
# failed once on a loaded CI machine with 3 builds in 15 s).
REBUILDS = 6
# Readers give up after this long only so that a hung builder cannot hang the suite.
READER_SAFETY_S = 300
KPI_PARAMS = dict(convention="WMC", year_from=2018, year_to=2025, include_derived=True)

# (2019 projects_signed, 2018 attendees) in one edition_kpis result, for each build.
OLD_KPIS, NEW_KPIS = (638, 4000), (639, 4001)


def _new_world(folder: Path) -> Path:
    shutil.copytree(WORLD, folder)
    facts = (folder / "facts.csv").read_text(encoding="utf-8")
    facts = facts.replace("WMC,2019,projects_signed,638,", "WMC,2019,projects_signed,639,")
    facts = facts.replace("WMC,2018,attendees,4000,", "WMC,2018,attendees,4001,")
    facts += "WMC,2021,exhibitors,900,companies,exact,exhibition,src-z,false,swap marker\n"
    (folder / "facts.csv").write_text(facts, encoding="utf-8")
    sources = (folder / "sources.csv").read_text(encoding="utf-8")
    sources = sources.replace("Fixture closing report 2019", "Fixture closing report 2019 (revised)")
    sources += "src-z,Swap Test,Swap marker source,https://example.org/z,2026-01-01,day\n"
    (folder / "sources.csv").write_text(sources, encoding="utf-8")
    return folder


def _counts(data_dir: Path) -> tuple[int, int]:
    """(sources, facts) as data_as_of reports them in one statement: both change together."""
    import csv

    with open(data_dir / "facts.csv", encoding="utf-8", newline="") as handle:
        facts = list(csv.DictReader(handle))
    return len({f["source_id"] for f in facts}), len(facts)  # sources that back a figure, and the figures


def _kpis() -> tuple[int, int]:
    frame = queries.run("edition_kpis", **KPI_PARAMS).set_index("year")
    return int(frame.loc[2019, "projects_signed"]), int(frame.loc[2018, "attendees"])


def _as_of() -> tuple[int, int]:
    row = queries.run("data_as_of").iloc[0]
    return int(row["sources"]), int(row["facts"])


@pytest.fixture
def worlds(tmp_path, monkeypatch):
    db = tmp_path / "swap.duckdb"
    new = _new_world(tmp_path / "new_world")
    build(WORLD, db)
    monkeypatch.setenv("WMC_DB", str(db))
    old_state = {"kpis": OLD_KPIS, "as_of": _counts(WORLD)}
    new_state = {"kpis": NEW_KPIS, "as_of": _counts(new)}
    return db, [(WORLD, old_state), (new, new_state)]


def test_reader_sees_the_new_data_after_every_swap(worlds):
    db, alternatives = worlds
    assert _kpis() == alternatives[0][1]["kpis"]
    for data_dir, state in (alternatives[1], alternatives[0], alternatives[1]):
        build(data_dir, db)
        assert (_kpis(), _as_of()) == (state["kpis"], state["as_of"]), f"stale read after building {data_dir.name}"


def test_concurrent_readers_during_rebuilds_never_fail_or_tear(worlds):
    db, alternatives = worlds
    allowed_kpis = {state["kpis"] for _, state in alternatives}
    allowed_as_of = {state["as_of"] for _, state in alternatives}
    stop = threading.Event()
    errors: list[str] = []
    torn: list[str] = []
    seen_kpis: set[tuple[int, int]] = set()
    reads = [0]
    guard = threading.Lock()

    def reader() -> None:
        deadline = time.monotonic() + READER_SAFETY_S
        while not stop.is_set() and time.monotonic() < deadline:
            try:
                kpis, as_of = _kpis(), _as_of()
            except Exception as exc:  # noqa: BLE001 -- any reader failure is the finding
                with guard:
                    errors.append(f"{type(exc).__name__}: {exc}")
                continue
            finally:
                time.sleep(0.02)  # a page run does other work between queries; do not starve the builder
            with guard:
                reads[0] += 1
                seen_kpis.add(kpis)
                if kpis not in allowed_kpis:
                    torn.append(f"edition_kpis {kpis}")
                if as_of not in allowed_as_of:
                    torn.append(f"data_as_of {as_of}")

    threads = [threading.Thread(target=reader, daemon=True) for _ in range(READERS)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    rebuilds = 0
    try:
        while rebuilds < REBUILDS:
            build(alternatives[(rebuilds + 1) % 2][0], db)
            rebuilds += 1
            time.sleep(0.05)  # let readers catch this version before the next swap
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=10)
    elapsed = time.monotonic() - started
    assert not any(t.is_alive() for t in threads), "a reader hung"
    assert errors == [], f"{len(errors)} reader error(s), first: {errors[:3]}"
    assert torn == [], f"torn reads: {torn[:5]}"
    assert reads[0] > rebuilds, f"only {reads[0]} reads during {rebuilds} rebuilds"
    assert seen_kpis == allowed_kpis, f"readers only ever saw {seen_kpis}: swaps were not picked up"
    print(f"{rebuilds} rebuilds, {reads[0]} reads by {READERS} readers in {elapsed:.1f} s")


def test_an_unreadable_database_gets_a_clear_message_and_the_app_recovers(fixture_db, tmp_path, monkeypatch):
    """A file that is not a database (or a damaged one) swapped in: a plain message, no crash box;
    the next run after a good swap shows the data again."""
    import os
    import shutil

    from streamlit.testing.v1 import AppTest

    served = tmp_path / "served.duckdb"
    shutil.copyfile(fixture_db, served)
    monkeypatch.setenv("WMC_DB", str(served))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert at.title[0].value == "WMC overview"

    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(os.urandom(1 << 20))
    os.replace(bad, served)
    at.run()
    assert not at.exception
    assert at.error and "The database cannot be read" in at.error[0].value
    assert str(tmp_path) not in at.error[0].value  # no server paths on screen

    good = tmp_path / "good.duckdb"
    shutil.copyfile(fixture_db, good)
    os.replace(good, served)
    at.run()
    assert not at.exception and not at.error
    assert at.title[0].value == "WMC overview"
