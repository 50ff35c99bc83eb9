"""The brief's chromium inherits nothing from the server and writes nothing outside its temp folder (W7, W9)."""
from __future__ import annotations

import os
import time

import pytest

import config
from ui import brief

MESSAGES = {k: k for k in ("missing", "busy", "timeout", "failed")}


def test_the_renderer_gets_a_minimal_environment_with_a_home_in_its_temp_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("WMC_ADMIN_PASSWORD", "S3cret-pass-42")
    env = brief.renderer_env(tmp_path)
    assert "S3cret-pass-42" not in " ".join(env.values()) and "WMC_ADMIN_PASSWORD" not in env
    assert set(env) <= {"HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR", "TMPDIR",
                        "PATH", "LANG"}
    assert all(env[k].startswith(str(tmp_path)) for k in ("HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "TMPDIR"))


@pytest.mark.skipif(brief.renderer_missing() is not None, reason="chromium is not installed (make system-deps)")
def test_printing_a_brief_leaves_the_servers_home_untouched(monkeypatch, tmp_path):
    home = tmp_path / "server-home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("WMC_ADMIN_PASSWORD", "S3cret-pass-42")
    started = time.time() - 1
    pdf = brief.print_pdf("<html><body><p>brief</p></body></html>", MESSAGES, timeout_s=config.BRIEF_TIMEOUT_S)
    assert pdf.startswith(b"%PDF")
    written = [p for p in home.rglob("*") if p.stat().st_mtime >= started]
    assert written == []
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("wmc-brief-")]
    assert os.environ["HOME"] == str(home)
