"""The brief's plumbing (C7, W4 of the third reliability pass): a brief reads the database version its
page run saw, whenever it is clicked, and briefs wait in their own small bounded queue, so a queued
brief never holds the threads another user's CSV download needs."""
from __future__ import annotations

import asyncio
import gc
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import queries
from loaders.__main__ import main
from ui import brief

from run_apart import run_apart


def test_a_brief_reads_the_version_its_page_run_saw(db_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("WMC_DB", str(db_copy))
    with queries.snapshot():  # the page run
        shown = queries.data_version()
        facts = int(queries.run("data_as_of")["facts"].iloc[0])
        page_run = {"held": queries.hold()}  # what the download callable keeps
    extra = tmp_path / "extra.csv"
    extra.write_text("year,metric,value,unit\n2019,funds_in_place,5,bn CNY\n", encoding="utf-8")
    assert main(["add", str(extra), "--db", str(db_copy), "--source-url", "https://example.org/c7",
                 "--publisher", "C7"]) == 0
    assert queries.data_version() != shown  # a new run reads the new version
    seen = {}

    def click():  # the deferred download, in a worker thread after the run
        with queries.snapshot(page_run["held"]):
            seen["version"] = queries.data_version()
            seen["facts"] = int(queries.run("data_as_of")["facts"].iloc[0])

    worker = threading.Thread(target=click)
    worker.start()
    worker.join(30)
    assert seen == {"version": shown, "facts": facts}
    generation = page_run["held"].generation
    page_run.clear()
    gc.collect()  # the page ran again: its old download callable, and the version it held, are gone
    assert generation.fd == -1


class FakeChromium:
    """Prints a two-second 'PDF' as chromium would, without a browser."""

    def __init__(self, command, **_kwargs):
        target = next(a for a in command if a.startswith("--print-to-pdf=")).split("=", 1)[1]
        self.target, self.pid = target, 0

    def wait(self, timeout=None):
        time.sleep(2.0)
        with open(self.target, "wb") as handle:
            handle.write(b"%PDF-1.4 fake")
        return 0


def test_queued_briefs_leave_threads_for_other_downloads(monkeypatch):
    monkeypatch.setattr(brief, "renderer_missing", lambda: None)
    monkeypatch.setattr(brief, "brief_html", lambda data: "<html></html>")
    monkeypatch.setattr(brief.subprocess, "Popen", FakeChromium)
    messages = {m: m for m in ("missing", "busy", "timeout", "failed")}

    def brief_download():  # what ui/brief_page.py's deferred callable does, per session
        with brief.admitted(messages):
            time.sleep(0.2)  # gathering the data
            return brief.make(object(), threading.Lock(), messages)

    def csv_download():
        return b"year,value\n2025,1\n"

    async def scenario():
        # Streamlit runs every deferred download with asyncio.to_thread: the default executor, which
        # has min(32, cores + 4) threads; 6 on the machines this was measured on.
        asyncio.get_running_loop().set_default_executor(ThreadPoolExecutor(6))
        briefs = [asyncio.create_task(asyncio.to_thread(brief_download)) for _ in range(30)]
        await asyncio.sleep(1.0)
        started = time.monotonic()
        await asyncio.to_thread(csv_download)
        csv_s = time.monotonic() - started
        results = await asyncio.gather(*briefs, return_exceptions=True)
        return csv_s, results

    csv_s, results = run_apart(scenario())
    printed = [r for r in results if isinstance(r, bytes)]
    busy = [r for r in results if isinstance(r, brief.BriefError) and str(r) == "busy"]
    print(f"CSV while 30 briefs were asked for: {csv_s:.3f} s; {len(printed)} printed, {len(busy)} told busy")
    assert len(printed) + len(busy) == 30 and len(printed) >= brief.MAX_BRIEFS_IN_FLIGHT
    assert csv_s < 1.0
