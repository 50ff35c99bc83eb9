"""The register section as users read it (issue #23, N11-N14): words and units in the language,
a flag where register and reported totals disagree, USD editions without a rate named, one heading,
a CSV named after the view."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from loaders import build, schema
from ui import register

ROOT = Path(__file__).resolve().parents[1]
COLUMNS = schema.TABLES["projects"].column_names
ROWS = [("WMC", 2018, "P1", "Panel line", "Acme", "Japan", "displays", "Wuhu", 10.0, "signed"),
        ("WMC", 2019, "P2", "Fab", "Chip AG", "Germany", "integrated circuits", "Hefei", 5.0, "in operation")]


def _summary(**changes) -> pd.DataFrame:
    row = {"year": 2022, "register_projects": 12000, "reported_projects": 568.0, "reported_projects_qualifier": "expected",
           "projects_difference": 11432, "projects_difference_pct": 100 * 11432 / 568, "register_investment": 367.0,
           "reported_investment": 367.7, "reported_investment_qualifier": "expected", "register_cny_bn": 367.0,
           "investment_difference": -0.7, "investment_difference_pct": -0.19, "currency": "CNY"}
    return pd.DataFrame([{**row, **changes}])


def test_a_total_far_from_the_reported_one_is_flagged_with_its_stage():
    shown = register.check_table(_summary(), "bn CNY", "en").iloc[0]
    assert shown["flag"] == "⚠ projects +2,013% against the reported expected 568 projects"
    assert shown["reported_projects"] == "expected 568" and shown["projects_difference_pct"] == 2012.7


def test_totals_within_ten_percent_are_not_flagged():
    shown = register.check_table(_summary(register_projects=600, projects_difference_pct=5.6), "bn CNY", "en")
    assert shown["flag"].tolist() == [""]


def test_chinese_check_table_shows_yi_yuan():
    shown = register.check_table(_summary(), "bn CNY", "zh").iloc[0]
    assert shown["register_investment"] == 3670.0 and shown["reported_investment"] == "预计 3,677 亿"
    assert "预计" in shown["flag"]


def test_editions_without_a_rate_are_named():
    frame = pd.concat([_summary(year=2023), _summary(year=2024, register_investment=None)])
    assert register.no_rate_years(frame) == [2024]


def test_top_projects_read_in_chinese():
    top = pd.DataFrame([{"year": 2018, "project_id": "P1", "name": "x", "investor": "y", "investor_origin": "Japan",
                         "sector": "displays", "city": "Wuhu", "investment": 1.5, "status": "signed", "currency": "CNY"}])
    shown = register.top_table(top, "bn CNY", "zh").iloc[0]
    assert (shown["sector"], shown["city"], shown["investor_origin"], shown["status"], shown["investment"]) == (
        "新型显示", "芜湖", "日本", "已签约", 15.0)


@pytest.fixture
def register_app(db_copy, tmp_path, monkeypatch):
    path = tmp_path / "register.csv"
    pd.DataFrame(ROWS, columns=COLUMNS).to_csv(path, index=False)
    build.add([path], db_copy)
    monkeypatch.setenv("WMC_DB", str(db_copy))

    def make(**query):
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
        at.switch_page("pages/projects.py").run()
        assert not at.exception, [e.message for e in at.exception]
        return at
    return make


def test_one_heading_and_a_file_named_after_the_view(register_app, monkeypatch):
    import ui.export

    names = []
    real = ui.export.export_file_name
    monkeypatch.setattr(ui.export, "export_file_name", lambda *a, **k: names.append(real(*a, **k)) or names[-1])
    at = register_app(cur="USD")
    headings = [h.value for h in at.subheader] + [h.value for h in at.header]
    assert headings.count("Signed-projects register") == 1
    assert "wmc-register-2018-2021-USD.csv" in names


def test_chinese_register_section_has_no_english(register_app):
    at = register_app(lang="zh")
    table = next(d.value for d in at.dataframe if "investor_origin" in d.value.columns)
    assert set(table["sector"]) == {"新型显示", "集成电路"}
    check = next(d for d in at.dataframe if "flag" in d.value.columns)
    assert "⚠" in " ".join(check.value["flag"]) and "报道的" in " ".join(check.value["flag"])
