"""Benchmark: how much does one admin's upload slow another viewer's Overview?

    .venv/bin/python scripts/bench_upload_stall.py [--upload hostile|large|both] [--renders 7]

As the reliability findings measured it (I11): a server is started on a fresh database with an admin password; a
viewer opens the Overview over Streamlit's websocket (a new session each time, as a reload does) and times each
run until the server reports it finished. First alone (the baseline, median of --renders), then while an admin in
headless Chromium uploads a release on Add data and the server reads it, until the admin's page is idle again.
Prints both medians and their ratio (the target: at most 1.5), with the load average. Uploads:
- hostile: 8 KB of the digit run that took 24 s before the extractor was made linear;
- large: 2 MB of real-looking release text (the test releases repeated), a long but legitimate read.
Only 127.0.0.1 is contacted; the server is stopped by its process group at the end.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from scripts.served_app import SERVED  # noqa: E402  (what `make run` serves)

PASSWORD = "bench-stall-password-1"
CHROMIUM = "/usr/bin/chromium"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _uploads(folder: Path, which: str) -> dict[str, Path]:
    out = {}
    if which in ("hostile", "both"):
        path = folder / "hostile_digits.txt"
        path.write_text("2025年世界制造业大会签约项目" + "1" * (8 * 1024 - 60) + "万亿元。\n", encoding="utf-8")
        out["hostile 8 KB digit run"] = path
    if which in ("large", "both"):
        texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "releases").glob("*.txt"))]
        whole = "\n\n".join(texts)
        body = (whole + "\n\n") * (2 * 1024 * 1024 // len(whole.encode()) + 1)
        path = folder / "large_release.txt"
        path.write_text(body.encode()[:2 * 1024 * 1024].decode("utf-8", "ignore"), encoding="utf-8")
        out["large 2 MB release"] = path
    return out


async def _render(url: str, page: str = "") -> float:
    """One new websocket session running `page` to its end: seconds."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.asyncio.client import connect

    started = time.monotonic()
    async with connect(url.replace("http", "ws") + "/_stcore/stream", subprotocols=["streamlit"],
                       max_size=None) as ws:
        message = BackMsg()
        message.rerun_script.page_name = page
        await ws.send(message.SerializeToString())
        while True:
            forward = ForwardMsg()
            forward.ParseFromString(await asyncio.wait_for(ws.recv(), 300))
            if forward.WhichOneof("type") == "script_finished" and \
                    forward.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return time.monotonic() - started


_IDLE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return app && app.getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector('[data-testid="stStatusWidget"]');
}"""


async def _admin_upload(browser, url: str, path: Path, done: asyncio.Event) -> float:
    """Unlock Add data, upload `path`, wait until the page is idle again: seconds from the upload."""
    page = await browser.new_page()
    try:
        await page.goto(url + "/add_data", timeout=120_000)
        await page.locator('input[type="password"]').fill(PASSWORD)
        await page.locator('input[type="password"]').press("Enter")
        await page.locator('input[type="file"]').wait_for(state="attached", timeout=120_000)
        started = time.monotonic()
        await page.locator('input[type="file"]').set_input_files(str(path))
        await asyncio.sleep(1.0)  # the upload reruns the script; idle before that is the old run
        await page.wait_for_function(_IDLE_JS, timeout=600_000, polling=200)
        return time.monotonic() - started
    finally:
        done.set()
        await page.close()


async def _measure(url: str, uploads: dict[str, Path], renders: int) -> list[dict]:
    from playwright.async_api import async_playwright

    for _ in range(2):
        await _render(url)  # warm: the first runs import and cache
    results = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox",
                                                                          "--disable-gpu"])
        try:
            for name, path in uploads.items():
                alone = [await _render(url) for _ in range(renders)]
                done = asyncio.Event()
                admin = asyncio.create_task(_admin_upload(browser, url, path, done))
                during = []
                while not done.is_set():
                    during.append(await _render(url))
                read_s = await admin
                results.append({"upload": name, "alone": statistics.median(alone),
                                "during": statistics.median(during), "during_max": max(during),
                                "renders_during": len(during), "read_s": read_s})
        finally:
            await browser.close()
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--upload", choices=["hostile", "large", "both"], default="both")
    parser.add_argument("--renders", type=int, default=7, help="baseline renders (median)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="wmc-stall-") as tmp:
        folder = Path(tmp)
        db = folder / "wmc.duckdb"
        subprocess.run([sys.executable, "-m", "loaders", "build", "--db", str(db)], cwd=ROOT, check=True,
                       capture_output=True)
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        env = {**os.environ, "WMC_DB": str(db), "WMC_ADMIN_PASSWORD": PASSWORD, "WMC_TRUSTED_PROXIES": "",
               "FORWARDED_ALLOW_IPS": ""}
        log = open(folder / "server.log", "wb")
        server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", SERVED, "--server.port",
                                   str(port), "--server.address", "127.0.0.1", "--server.headless", "true"],
                                  cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    urllib.request.urlopen(url + "/_stcore/health", timeout=2).read()
                    break
                except OSError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise RuntimeError("the server did not start")
                    time.sleep(0.3)
            load_start = Path("/proc/loadavg").read_text().split()[:3]
            results = asyncio.run(_measure(url, _uploads(folder, args.upload), args.renders))
            load_end = Path("/proc/loadavg").read_text().split()[:3]
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
            log.close()
    print(f"load average: start {' '.join(load_start)}, end {' '.join(load_end)}")
    print(f"{'upload':26s} {'read (s)':>9s} {'Overview alone':>15s} {'during':>8s} {'max':>7s} {'n':>3s} "
          f"{'ratio':>6s}")
    for r in results:
        print(f"{r['upload']:26s} {r['read_s']:9.2f} {r['alone']:14.3f}s {r['during']:7.3f}s "
              f"{r['during_max']:6.2f}s {r['renders_during']:3d} {r['during'] / r['alone']:6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
