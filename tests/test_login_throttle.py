"""Wrong admin passwords: at most 5 a minute per client address, whatever the sessions or app servers (W5)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from streamlit.testing.v1 import AppTest

from loaders.login_throttle import LoginThrottle

ROOT = Path(__file__).resolve().parents[1]


def test_two_app_servers_sharing_the_file_allow_five_failures_a_minute_between_them(tmp_path):
    store = tmp_path / "wmc.duckdb.logins.sqlite3"
    one, two = LoginThrottle(base_s=0, path=store), LoginThrottle(base_s=0, path=store)
    for n in range(5):
        assert (one if n % 2 else two).wait_s("address-10.0.0.1") == 0
        (one if n % 2 else two).failed("address-10.0.0.1")
    assert 59 < one.wait_s("address-10.0.0.1") <= 60 and 59 < two.wait_s("address-10.0.0.1") <= 60
    assert one.wait_s("address-10.0.0.2") == 0  # another address is not held back


def test_failures_counted_in_two_processes_add_up(tmp_path):
    store = tmp_path / "shared.sqlite3"
    script = ("import sys; from loaders.login_throttle import LoginThrottle; t = LoginThrottle(base_s=0, path=sys.argv[1])\n"
              "for _ in range(3): t.failed('address-127.0.0.1')")
    procs = [subprocess.Popen([sys.executable, "-c", script, str(store)], cwd=ROOT) for _ in range(2)]
    assert [p.wait(60) for p in procs] == [0, 0]
    assert LoginThrottle(base_s=0, path=store).wait_s("address-127.0.0.1") > 59


def test_each_failure_doubles_the_wait_and_a_success_clears_it(tmp_path):
    now = [100.0]
    throttle = LoginThrottle(base_s=1, path=tmp_path / "s.sqlite3", clock=lambda: now[0])
    throttle.failed("session-a")
    throttle.failed("session-a")
    assert throttle.wait_s("session-a") == 2
    throttle.succeeded("session-a")
    assert throttle.wait_s("session-a") == 0


def test_fresh_sessions_per_guess_are_throttled_by_address(db_copy, monkeypatch):
    monkeypatch.setenv("WMC_DB", str(db_copy))
    monkeypatch.setenv("WMC_ADMIN_PASSWORD", "correct horse")
    from loaders import staging

    monkeypatch.setattr(staging, "LOGIN_THROTTLE", LoginThrottle(
        base_s=0, path=lambda: staging.login_store_path(staging.config.db_path())))
    said = []
    for guess in ["guess1", "guess2", "guess3", "guess4", "guess5", "guess6", "correct horse"]:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()  # a new session each time
        at.switch_page("pages/add_data.py").run()
        at.text_input[0].input(guess)
        at.button[0].click().run()
        said.append(at.error[0].value if at.error else "unlocked")
    assert said[:5] == ["Wrong password."] * 5
    assert said[5].startswith("Too many wrong passwords") and said[6].startswith("Too many wrong passwords")
    assert Path(str(db_copy) + ".logins.sqlite3").exists()


def test_the_streamlit_internal_read_for_the_client_address_still_exists():
    from streamlit.runtime import context

    assert callable(context._get_client_context)  # ui/st_internals.client_address reads it
