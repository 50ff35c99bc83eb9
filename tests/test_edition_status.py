"""Edition status on the read side: an edition whose figures are all expected or preliminary is marked
"preliminary: results not yet reported" on the Overview, the chart pages and the brief, and the mark goes by itself
when a closing figure arrives."""
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from loaders.__main__ import main
from queries import sql_text
from ui.edition import preliminary_note

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ["--source-url", "https://example.org/plan", "--publisher", "Plan Desk"]
PLAN = "2022世界制造业大会将于9月20日开幕。\n大会拟签约项目560个，预计投资3600亿元。\n"  # invented


def statuses(db):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql_text("edition_status"), {"convention": "WMC", "year_from": 2018, "year_to": 2030}).df()


@pytest.fixture
def planned(db_copy, tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text(PLAN, encoding="utf-8")
    assert main(["add", str(plan), "--db", str(db_copy), *SOURCE, "--create-editions"]) == 0
    return db_copy


def test_an_edition_with_only_expected_figures_is_preliminary(planned):
    assert dict(statuses(planned).itertuples(index=False)) == {
        2018: "reported", 2019: "reported", 2021: "reported", 2022: "preliminary"}  # 2020 is derived only


def test_the_status_changes_by_itself_when_a_closing_figure_arrives(planned, tmp_path):
    closing = tmp_path / "closing.txt"
    closing.write_text("The 2022 World Manufacturing Convention closed with 575 projects signed.\n", encoding="utf-8")
    assert main(["add", str(closing), "--db", str(planned), "--source-url", "https://example.org/close",
                 "--publisher", "Close Desk"]) == 0
    assert dict(statuses(planned).itertuples(index=False))[2022] == "reported"


def test_the_note_names_only_preliminary_editions_in_range(planned):
    frame = statuses(planned)
    assert preliminary_note(frame, [2019, 2021], "en") is None
    assert preliminary_note(frame, [2021, 2022], "en").startswith("Preliminary: results not yet reported (2022)")
    assert preliminary_note(frame, [2022], "zh").startswith("初步数据：成果尚未公布（2022）")


@pytest.mark.parametrize("page, query", [(None, {"edition": "2022"}), ("pages/projects.py", {})])
def test_the_overview_and_chart_pages_show_it(planned, monkeypatch, page, query):
    monkeypatch.setenv("WMC_DB", str(planned))
    monkeypatch.delenv("WMC_ADMIN_PASSWORD", raising=False)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    assert any("Preliminary: results not yet reported (2022)" in c.value for c in at.caption), \
        [c.value for c in at.caption]


def test_the_brief_says_it(planned, monkeypatch):
    from ui.brief import BriefData, brief_html

    data = BriefData(lang="en", title="t", facts={}, cards=[], charts=[], organizers="", guests="", claims=[],
                     claims_more=0, sources=[], data_version="v",
                     words={k: k for k in ("kpis", "charts", "organizers", "guests", "claims", "editions", "metric",
                                           "claimed", "sum", "coverage", "check", "no_claims", "sources", "version",
                                           "generated", "no_change", "claims_more")} | {"list_joiner": ", ",
                                                                                        "colon": ": "},
                     status=preliminary_note(statuses(planned), [2022], "en"))
    assert '<p class="status">Preliminary: results not yet reported (2022)' in brief_html(data)
