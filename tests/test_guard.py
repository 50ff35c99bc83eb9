"""Data-changing actions are guarded: off without a configured password, a constant-time check,
and the password (right or wrong) never shown back."""
from __future__ import annotations

import ast
import inspect
import textwrap
from pathlib import Path

from streamlit.testing.v1 import AppTest

from loaders import staging

ROOT = Path(__file__).resolve().parents[1]
SECRET = "correct horse battery staple"
WRONG = "wrong-guess-7f3a9c-only-here"


def _all_protos(at) -> str:
    """Every element's protobuf as text, walking the whole tree (main, sidebar, forms, columns)."""
    texts, stack = [], [at._tree]
    while stack:
        node = stack.pop()
        if getattr(node, "proto", None) is not None:
            texts.append(str(node.proto))
        stack.extend(getattr(node, "children", {}).values())
    return "\n".join(texts)


def _app(db, monkeypatch, password):
    monkeypatch.setenv("WMC_DB", str(db))
    if password is None:
        monkeypatch.delenv("WMC_ADMIN_PASSWORD", raising=False)
    else:
        monkeypatch.setenv("WMC_ADMIN_PASSWORD", password)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    return at.switch_page("pages/add_data.py").run()


def test_add_data_is_off_without_a_configured_password(fixture_db, monkeypatch):
    at = _app(fixture_db, monkeypatch, None)
    assert not at.exception
    assert "switched off" in at.info[0].value
    assert not at.text_input and not at.button and not at.get("file_uploader")


def test_an_empty_password_setting_does_not_switch_it_on(fixture_db, monkeypatch):
    at = _app(fixture_db, monkeypatch, "")
    assert "switched off" in at.info[0].value and not at.text_input


def test_password_check_is_constant_time_by_construction():
    source = textwrap.dedent(inspect.getsource(staging.password_ok))
    function = ast.parse(source).body[0]
    calls = [ast.unparse(n.func) for n in ast.walk(function) if isinstance(n, ast.Call)]
    assert "hmac.compare_digest" in calls
    compares = [n for n in ast.walk(function) if isinstance(n, ast.Compare)]
    assert not any(isinstance(op, (ast.Eq, ast.NotEq, ast.In)) for c in compares for op in c.ops), \
        "the password is compared with ==/in somewhere: timing leaks"
    assert "startswith" not in source and "zip(" not in source


def test_password_check_goes_through_compare_digest(monkeypatch):
    seen = []
    real = staging.hmac.compare_digest
    monkeypatch.setattr(staging.hmac, "compare_digest", lambda a, b: seen.append((a, b)) or real(a, b))
    assert staging.password_ok(SECRET, SECRET) and not staging.password_ok(WRONG, SECRET)
    assert len(seen) == 2
    assert not staging.password_ok("ünïcode", SECRET)  # non-ASCII input: compared as bytes, no TypeError


def test_a_wrong_password_is_refused_and_never_echoed(fixture_db, monkeypatch):
    at = _app(fixture_db, monkeypatch, SECRET)
    assert SECRET not in _all_protos(at)
    at.text_input[0].input(WRONG)  # a form sends its values on submit
    at.button[0].click().run()
    assert not at.exception
    assert [e.value for e in at.error] == ["Wrong password."]
    shown = _all_protos(at)
    assert "Wrong password." in shown and "Admin password" in shown  # the walk sees every element
    assert WRONG not in shown and SECRET not in shown
    assert not at.get("file_uploader"), "a wrong password unlocked the page"


def test_the_login_throttle_doubles_the_wait_and_forgets_on_success():
    from loaders.staging import LoginThrottle

    now = [100.0]
    throttle = LoginThrottle(base_s=1.0, cap_s=8.0, clock=lambda: now[0], per_minute=100)  # the doubling alone
    assert throttle.wait_s("s1", "a1") == 0
    waits = []
    for _ in range(5):
        throttle.failed("s1", "a1")
        waits.append(throttle.wait_s("s1"))
    assert waits == [1.0, 2.0, 4.0, 8.0, 8.0]  # doubling, capped
    assert throttle.wait_s("other-session", "a1") == 8.0  # the same address is slowed too
    now[0] += 8.0
    assert throttle.wait_s("s1", "a1") == 0
    throttle.succeeded("s1", "a1")
    throttle.failed("s1")
    assert throttle.wait_s("s1") == 1.0  # a success resets the count


def test_a_second_wrong_password_at_once_is_refused_without_checking_it(fixture_db, monkeypatch):
    from loaders import staging

    monkeypatch.setattr(staging, "LOGIN_THROTTLE", staging.LoginThrottle())
    at = _app(fixture_db, monkeypatch, SECRET)
    at.text_input[0].input(WRONG)
    at.button[0].click().run()
    assert [e.value for e in at.error] == ["Wrong password."]
    at.text_input[0].input(SECRET)  # even the right one waits out the delay
    at.button[0].click().run()
    assert at.error and at.error[0].value.startswith("Too many wrong passwords")
    assert not at.get("file_uploader")
