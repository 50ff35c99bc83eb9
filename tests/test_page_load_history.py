"""The load history on Sources & quality (AppTest): it lists the runs, and the rollback of the last
load is behind the admin password, the login rate limit and a confirmation."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from loaders.__main__ import main
from loaders.build import build, sha256_file

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "correct horse"


@pytest.fixture
def db(fixture_world, tmp_path):
    """The fixture world built, then one add: two runs, one previous version kept."""
    db = tmp_path / "world.duckdb"
    build(fixture_world, db)
    facts = tmp_path / "funds.csv"
    facts.write_text("year,metric,value,unit\n2019,funds_in_place,11,bn CNY\n", encoding="utf-8")
    assert main(["add", str(facts), "--db", str(db), "--source-url", "https://example.org/h",
                 "--publisher", "Fixture Post", "--published-on", "2024-05-01"]) == 0
    return db


def sources(db, monkeypatch, password=PASSWORD, **query):
    monkeypatch.setenv("WMC_DB", str(db))
    if password is None:
        monkeypatch.delenv("WMC_ADMIN_PASSWORD", raising=False)
    else:
        monkeypatch.setenv("WMC_ADMIN_PASSWORD", password)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("pages/sources.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def history(at):
    return next(d.value for d in at.dataframe if d.value.columns[0] == "run_id")


def login(at, password):
    at.text_input[0].input(password)  # the password field: the page's only text input
    next(b for b in at.button if b.label == "Unlock").click().run()


def test_the_page_lists_every_load_run_newest_first(db, monkeypatch, fixture_world):
    at = sources(db, monkeypatch)
    runs = history(at)
    # The build read every CSV of the fixture world; the rows are the ones its run recorded.
    built = sorted(fixture_world.glob("*.csv"))
    with duckdb.connect(str(db), read_only=True) as con:
        built_rows = con.execute("select rows from load_runs where action = 'build'").fetchone()[0]
    assert built_rows > 40
    assert runs[["run_id", "action", "files", "rows"]].values.tolist() == [
        [2, "add", "funds.csv", 1],
        [1, "build", ", ".join(p.name for p in built), built_rows]]
    assert runs["checksum"].str.fullmatch(r"[0-9a-f]{64}").all()
    assert any("1 previous version(s) kept" in c.value for c in at.caption)


def test_the_history_reads_in_chinese(db, monkeypatch):
    at = sources(db, monkeypatch, lang="zh")
    assert history(at)["action"].tolist() == ["添加", "构建"]
    assert any(s.value == "载入记录" for s in at.subheader)


def test_rollback_is_off_without_a_password(db, monkeypatch):
    at = sources(db, monkeypatch, password=None)
    assert any("Rolling back is switched off" in i.value for i in at.info)
    assert not [b for b in at.button if b.key == "rollback_button"]


def test_a_wrong_password_is_refused_and_then_rate_limited(db, monkeypatch):
    from loaders import staging

    monkeypatch.setattr(staging, "LOGIN_THROTTLE", staging.LoginThrottle(base_s=60))
    at = sources(db, monkeypatch)
    before = sha256_file(db)
    login(at, "wrong")
    assert [e.value for e in at.error] == ["Wrong password."]
    login(at, PASSWORD)  # the right one, but too soon after a wrong one
    assert at.error[0].value.startswith("Too many wrong passwords")
    assert not [b for b in at.button if b.key == "rollback_button"]
    assert sha256_file(db) == before


def test_the_admin_rolls_back_the_last_load_after_confirming(db, monkeypatch, fixture_world, tmp_path):
    from loaders import staging

    monkeypatch.setattr(staging, "LOGIN_THROTTLE", staging.LoginThrottle(base_s=0))
    built = tmp_path / "built.duckdb"
    build(fixture_world, built)  # what the database held before the add (its run time differs)
    at = sources(db, monkeypatch)
    login(at, PASSWORD)
    assert any("run 1, build of" in m.value for m in at.markdown)
    button = next(b for b in at.button if b.key == "rollback_button")
    assert button.disabled  # until confirmed
    at.checkbox(key="rollback_confirm").check().run()
    next(b for b in at.button if b.key == "rollback_button").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.success[0].value.startswith("Rolled back: the data is now the version of run 1")
    shown = history(at)  # nothing erased: the undone add stays, marked, and the rollback is a run of its own
    assert shown["run_id"].tolist() == [3, 2, 1]
    assert shown["action"].tolist() == ["rollback", "add", "build"]
    assert shown["status"].tolist() == ["in effect", "undone by run 3", "in effect"]
    assert any("0 previous version(s) kept" in c.value for c in at.caption)
