"""Only http and https addresses are stored as a source's URL (#33): every door refuses the rest, naming it."""
from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from loaders.__main__ import main

ROOT = Path(__file__).resolve().parents[1]
BAD = "javascript:alert(document.domain)"
HEADER = ["convention", "year", "metric", "value", "unit", "qualifier", "scope", "source_url", "publisher"]
ROW = ["WMC", 2025, "projects_signed", 5, "projects", "exact", "hall 3", BAD, "P"]
RELEASE = "The 2025 World Manufacturing Convention closed with 735 projects signed.\n"


def _csv(path: Path) -> Path:
    path.write_text(",".join(HEADER) + "\n" + ",".join(map(str, ROW)) + "\n", encoding="utf-8")
    return path


def _xlsx(path: Path) -> Path:
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append(ROW)
    book.save(path)
    return path


def _json(path: Path) -> Path:
    path.write_text(json.dumps([dict(zip(HEADER, ROW))]), encoding="utf-8")
    return path


@pytest.mark.parametrize("make, name", [(_csv, "f.csv"), (_xlsx, "f.xlsx"), (_json, "f.json")])
def test_a_table_file_with_a_javascript_url_is_refused(db_copy, tmp_path, capsys, make, name):
    path = make(tmp_path / name)
    before = db_copy.read_bytes()
    assert main(["add", str(path), "--db", str(db_copy)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and "column 'url'" in err and f"'{BAD}' is not a web address" in err
    assert db_copy.read_bytes() == before


@pytest.mark.parametrize("suffix, body", [(".txt", RELEASE), (".csv", "convention,year,metric,value,unit,qualifier,"
                                                                    "scope\nWMC,2025,projects_signed,5,projects,exact,x\n")])
def test_a_javascript_source_url_on_the_command_line_is_refused(db_copy, tmp_path, capsys, suffix, body):
    path = tmp_path / f"input{suffix}"
    path.write_text(body, encoding="utf-8")
    before = db_copy.read_bytes()
    assert main(["add", str(path), "--db", str(db_copy), "--source-url", BAD, "--publisher", "P", "--year", "2025",
                 "--prefer", "new"]) == 2
    assert f"'{BAD}' is not a web address" in capsys.readouterr().err
    assert db_copy.read_bytes() == before


@pytest.mark.parametrize("url", ["https://e.org/a?b=1#c", "http://example.org"])
def test_http_and_https_addresses_are_stored(db_copy, tmp_path, url):
    path = tmp_path / "ok.csv"
    path.write_text("convention,year,metric,value,unit,qualifier,scope\nWMC,2025,projects_signed,5,projects,exact,x\n")
    assert main(["add", str(path), "--db", str(db_copy), "--source-url", url, "--publisher", "P", "--prefer", "new",
                 "--create-editions"]) == 0


def test_the_add_data_pages_source_field_refuses_a_javascript_url(db_copy, monkeypatch):
    from loaders import staging
    from loaders.login_throttle import LoginThrottle

    monkeypatch.setattr(staging, "LOGIN_THROTTLE", LoginThrottle(base_s=0))
    monkeypatch.setenv("WMC_DB", str(db_copy))
    monkeypatch.setenv("WMC_ADMIN_PASSWORD", "correct horse")
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    at.switch_page("pages/add_data.py").run()
    at.text_input[0].input("correct horse")
    at.button[0].click().run()
    at.file_uploader[0].set_value(("f.csv", b"year,metric,value\n2025,projects_signed,5\n", "text/csv"))
    at.run()
    fields = {t.label: t for t in at.text_input}
    fields["Source URL"].input(BAD)
    fields["Publisher"].input("P")
    at.run()
    assert [e.value for e in at.error] and f"'{BAD}' is not a web address" in at.error[0].value
    assert not [b for b in at.button if b.label == "Load into the database"]
