"""The guarded Add-data flow: password gate, staging checks, preview with conflicts, confirmed load."""
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from loaders.build import sha256_file
from loaders.errors import LoadError
from loaders.staging import load_reviewed, password_ok, preview, read_upload, stage_upload

ROOT = Path(__file__).resolve().parents[1]
SOURCE = {"url": "https://example.org/upload", "publisher": "Upload Test", "published_on": None}


@pytest.fixture
def db(db_copy):
    return db_copy  # a private copy of the fixture world (tests/conftest.py)


def upload(text, name="figures.csv", year=None):
    return read_upload(name, text.encode("utf-8"), year)


def test_password_compare_rejects_missing_and_wrong():
    assert password_ok("s3cret", "s3cret")
    assert not password_ok("s3cre", "s3cret")
    assert not password_ok("", "s3cret")
    assert not password_ok("anything", None)


def test_stage_rejects_unknown_type_and_empty_file(tmp_path):
    with pytest.raises(LoadError, match="not accepted"):
        stage_upload("tool.exe", b"MZ", tmp_path)
    with pytest.raises(LoadError, match="empty"):
        stage_upload("figures.csv", b"  \n", tmp_path)


def test_preview_marks_new_and_conflicting_figures(tmp_path, db):
    parsed = upload("year,metric,value\n2019,projects_signed,640\n2021,projects_signed,703\n")
    facts = preview(parsed, db, SOURCE).set_index("year")
    assert facts.loc[2019, "status"] == "conflict" and facts.loc[2019, "stored_value"] == 638
    assert facts.loc[2021, "status"] == "new"


def test_load_keeps_stored_figure_on_prefer_old_and_adds_new(tmp_path, db):
    parsed = upload("year,metric,value\n2019,projects_signed,640\n2021,projects_signed,703\n")
    facts = preview(parsed, db, SOURCE)
    load_reviewed(facts, parsed, db, SOURCE, "old")
    with duckdb.connect(str(db), read_only=True) as con:
        rows = dict(con.execute("select year, value from facts where metric = 'projects_signed'").fetchall())
        source = con.execute("select publisher from facts join sources using (source_id) "
                             "where year = 2021 and metric = 'projects_signed'").fetchone()[0]
    assert rows[2019] == 638 and rows[2021] == 703
    assert source == "Upload Test"


def test_skipped_rows_are_not_loaded(tmp_path, db):
    parsed = upload("year,metric,value\n2021,projects_signed,703\n")
    facts = preview(parsed, db, SOURCE).assign(status="skip")
    before = sha256_file(db)
    with pytest.raises(LoadError):
        load_reviewed(facts, parsed, db, SOURCE, None)  # nothing left to load is bad input
    assert sha256_file(db) == before


def test_page_is_off_without_a_configured_password(db, monkeypatch):
    monkeypatch.setenv("WMC_DB", str(db))
    monkeypatch.delenv("WMC_ADMIN_PASSWORD", raising=False)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    at.switch_page("pages/add_data.py").run()
    assert "switched off" in at.info[0].value
    assert not at.text_input


def test_page_asks_for_password_and_refuses_a_wrong_one(db, monkeypatch):
    from loaders import staging

    monkeypatch.setattr(staging, "LOGIN_THROTTLE", staging.LoginThrottle(base_s=0))  # no wait between tries here
    monkeypatch.setenv("WMC_DB", str(db))
    monkeypatch.setenv("WMC_ADMIN_PASSWORD", "correct horse")
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    at.switch_page("pages/add_data.py").run()
    at.text_input[0].input("wrong")  # a form sends its values on submit
    at.button[0].click().run()
    assert at.error and at.error[0].value == "Wrong password."
    at.text_input[0].input("correct horse")
    at.button[0].click().run()
    assert not at.error
    assert "Drop a press release" in at.caption[0].value


def test_a_reviewed_release_loads_its_edited_figures_and_its_organizers(tmp_path, db):
    release = read_upload("bulletin.txt", (
        "date 2021-11-23\n2021 World Manufacturing Convention closes\n"
        "The 2021 World Manufacturing Convention was jointly organized by the China Association of Small and "
        "Medium Enterprises and the Ministry of Commerce.\n"
        "The 2021 World Manufacturing Convention wrapped up with 703 projects signed.\n").encode("utf-8"))
    facts = preview(release, db, SOURCE)
    assert facts.attrs["extras"]["participation"]["organization"].tolist() == [
        "China Association of Small and Medium Enterprises", "Ministry of Commerce"]
    edited = facts.assign(value=704.0)  # the reviewer corrects the figure
    load_reviewed(edited, release, db, SOURCE, None)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select value from facts where year = 2021 and metric = 'projects_signed'").fetchone() == (704.0,)
        assert con.execute("select count(*) from participation join sources using (source_id) "
                           "where publisher = 'Upload Test'").fetchone() == (2,)


def test_upload_folders_are_private_and_stale_ones_are_swept(monkeypatch, tmp_path):
    import os
    import time

    from loaders import staging

    monkeypatch.setattr(staging, "UPLOAD_ROOT", tmp_path / "uploads")
    first = staging.new_upload_folder()
    stale_time = time.time() - staging.UPLOAD_MAX_AGE_S - 10
    os.utime(first, (stale_time, stale_time))
    second = staging.new_upload_folder()
    assert not first.exists() and second.exists()
    staging.remove_upload_folder(second)
    assert list((tmp_path / "uploads").iterdir()) == []


def test_page_errors_name_the_users_file_and_the_pages_fields_never_flags():
    from loaders.errors import LoadError
    from ui.load_errors import say

    errors = [
        LoadError("tmpab12.txt", "cannot tell the edition year; pass --year", code="no_year"),
        LoadError("t.csv", "figure has no source: give --source-url, --publisher and --published-on", 2, "source_url",
                  code="no_source"),
        LoadError("t.csv", "2 figure(s) conflict with stored ones; nothing was written. Use --prefer new or --prefer "
                  "old.", code="conflicts", params={"count": 2}),
    ]
    shown = [say(e, "en") for e in errors]
    assert not any("--" in s for s in shown), shown
    assert "give the Edition year above" in shown[0]
    assert shown[1].startswith("t.csv, row 2, column 'source_url': ") and "fill in Source URL and Publisher" in shown[1]
    assert "set each row" not in shown[2] and "Choose for each row" in shown[2]


def test_an_upload_is_staged_under_its_own_tame_name(tmp_path):
    from loaders.staging import stage_upload

    staged = stage_upload("../../etc/报告 <x>.csv", b"year,projects\n2021,1\n", tmp_path)
    assert staged.parent == tmp_path and staged.suffix == ".csv"
    assert staged.name == "报告 _x_.csv"


def _unlocked_page(db, monkeypatch):
    from loaders import staging

    monkeypatch.setattr(staging, "LOGIN_THROTTLE", staging.LoginThrottle(base_s=0))
    monkeypatch.setenv("WMC_DB", str(db))
    monkeypatch.setenv("WMC_ADMIN_PASSWORD", "correct horse")
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    at.switch_page("pages/add_data.py").run()
    at.text_input[0].input("correct horse")
    at.button[0].click().run()
    return at


def _fill_source(at):
    fields = {t.label: t for t in at.text_input}
    fields["Source URL"].input(SOURCE["url"])
    fields["Publisher"].input(SOURCE["publisher"])
    return at.run()


def test_page_creates_a_missing_edition_only_when_asked_and_loads_in_the_background(db, monkeypatch):
    at = _unlocked_page(db, monkeypatch)
    at.file_uploader[0].set_value(("figures 2024.csv", b"year,metric,value\n2024,projects_signed,555\n", "text/csv"))
    at = _fill_source(at.run())
    assert any("No edition 2024 is stored yet" in w.value for w in at.warning)
    create = next(c for c in at.checkbox if c.label.startswith("Create the edition"))
    next(c for c in at.checkbox if c.label.startswith("I checked")).check()
    at.run()
    load = next(b for b in at.button if b.label == "Load into the database")
    load.click().run()
    # Without the edition asked for, nothing is written and the page says why in its own words.
    assert at.error and "tick “Create the edition” below" in at.error[0].value and "--" not in at.error[0].value
    next(c for c in at.checkbox if c.label.startswith("Create the edition")).check()
    at.run()
    next(b for b in at.button if b.label == "Load into the database").click().run()
    assert at.success and "1 new edition(s)" in at.success[0].value, [e.value for e in at.error]
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select edition_no, city from editions where year = 2024").fetchall() == [(7, "Hefei")]
        assert con.execute("select value from facts where year = 2024 and metric = 'projects_signed'").fetchall() \
            == [(555.0,)]
    assert create.label == "Create the edition 2024"


def test_release_review_shows_each_figures_sentence_stage_and_checks(db, monkeypatch):
    at = _unlocked_page(db, monkeypatch)
    text = ("date 2021-11-23\n2021 World Manufacturing Convention closes\n"
            "The 2021 World Manufacturing Convention wrapped up with 703 projects signed.\n")
    at.file_uploader[0].set_value(("bulletin.txt", text.encode("utf-8"), "text/plain"))
    at = _fill_source(at.run())
    shown = [c.value for c in at.caption]
    assert any("**703**" in c and "projects signed" in c for c in shown), shown  # the number in bold
    assert any("projects_signed · closing" in m.value for m in at.markdown), [m.value for m in at.markdown]


def test_a_load_whose_page_stops_looking_is_cancelled_and_writes_nothing(db, tmp_path):
    """The session ended mid-load: no beats, the watchdog cancels, DuckDB is interrupted, the
    database is unchanged and no temp file is left."""
    from loaders.build import add
    from loaders.staging import start_job
    from loaders.synth import write_register
    from loaders.write_lock import TEMP_MARK

    register = tmp_path / "register.csv"
    write_register(register, rows=300_000, seed=1)
    before = sha256_file(db)
    job = start_job(lambda progress: add([register], db, create_editions=True, progress=progress), heartbeat_s=0.2)
    job.wait(120)
    assert not job.running and job.result is None and job.cancelled, job.error
    assert sha256_file(db) == before
    assert not [p for p in db.parent.iterdir() if TEMP_MARK in p.name]
