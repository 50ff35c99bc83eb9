"""What became of the signed projects: the progress table (validated like every data table), the
decision (a share only over the same editions, bounds carried, contradictions and expected
denominators flagged), the section on Projects & investment in both languages, the Explorer's rows
and exports, and the brief's line."""
from __future__ import annotations

import hashlib
import shutil

import pandas as pd
import pytest

from loaders.build import build, read_data_dir
from loaders.errors import LoadError
from queries import followthrough as ft
from tests.conftest import WORLD

HEADER = "convention,report_id,year_from,year_to,status_on,status_precision,measure,value,unit,qualifier,scope,source_id,note\n"
GOOD = "WMC,r1,2018,2019,2020-07-31,day,projects_started,800,projects,exact,whole convention,src-b,\n"


@pytest.fixture
def world_with(tmp_path):
    """world_with(rows): a copy of the fixture world with a progress.csv of `rows` (CSV lines)."""
    def make(rows: str):
        folder = tmp_path / "world"
        shutil.copytree(WORLD, folder)
        (folder / "progress.csv").write_text(HEADER + rows, encoding="utf-8")
        return folder
    return make


@pytest.fixture(scope="module")
def shipped(shipped_db, monkeypatch_module):
    monkeypatch_module.setenv("WMC_DB", str(shipped_db))  # the session's build of data/ (tests/conftest.py)
    return {(d.report_id, d.measure): d for d in ft.load("WMC", 2018, 2025)}


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


# ---------------------------------------------------------------- validation

def test_a_good_progress_row_loads(world_with):
    frames, _ = read_data_dir(world_with(GOOD))
    assert frames["progress"][["report_id", "measure", "value"]].values.tolist() == [["r1", "projects_started", 800.0]]


@pytest.mark.parametrize("row, column, problem", [
    (GOOD.replace(",projects,exact", ",bn CNY,exact"), "unit", "does not match projects_started's unit 'projects'"),
    (GOOD.replace("projects_started", "projects_dreamt"), "measure", "'projects_dreamt' is not one of"),
    (GOOD.replace("2018,2019,", "2019,2018,"), "year_to", "year_from 2019 is after year_to 2018"),
    (GOOD.replace("src-b", "src-nowhere"), "source_id", "unknown source_id 'src-nowhere'"),
    (GOOD.replace("2020-07-31,day", "2020-07-31,month"), "status_on", "known to the month is stored as the first day"),
    (GOOD.replace("2020-07-31", "2017-12-31"), "status_on", "before the edition 2018"),
    (GOOD.replace(",800,", ",-5,"), "value", "below the minimum 0"),
])
def test_a_bad_progress_row_is_refused_naming_file_row_and_column(world_with, row, column, problem):
    with pytest.raises(LoadError) as caught:
        read_data_dir(world_with(GOOD + row.replace(",r1,", ",r2,")))
    message = str(caught.value)
    assert "progress.csv" in message and "row 3" in message and f"'{column}'" in message and problem in message


def test_a_refused_progress_file_leaves_the_database_as_it_was(world_with, tmp_path):
    db = tmp_path / "kept.duckdb"
    build(WORLD, db)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    with pytest.raises(LoadError):
        build(world_with(GOOD.replace(",projects,exact", ",percent,exact")), db)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


# ---------------------------------------------------------------- the decision

def row(**over) -> dict:
    base = {"report_id": "r", "year_from": 2018, "year_to": 2019, "status_on": pd.Timestamp("2020-07-31"),
            "status_precision": "day", "measure": "projects_started", "value": 800.0, "unit": "projects",
            "qualifier": "exact", "scope": "whole convention", "first_signed_on": pd.Timestamp("2018-05-27"),
            "last_signed_on": pd.Timestamp("2019-09-23"), "signed_claims": [],
            "signed_figures": [{"year": 2018, "metric": "projects_signed", "value": 400.0, "qualifier": "exact"},
                               {"year": 2019, "metric": "projects_signed", "value": 600.0, "qualifier": "exact"}]}
    return {**base, **over}


def test_a_share_is_taken_over_exactly_the_editions_of_the_report():
    decided = ft.decide(row())
    assert (decided.signed_total, decided.ratio, decided.bound, decided.status) == (1000.0, 0.8, "exact", "ratio")


def test_no_share_when_an_edition_of_the_report_has_no_signed_figure():
    decided = ft.decide(row(year_to=2020))
    assert (decided.ratio, decided.status, decided.findings) == (None, "no_denominator", (("no_signed", {"years": (2020,)}),))


def test_a_lower_bound_reads_at_least_and_a_lower_bound_base_at_most():
    assert ft.decide(row(qualifier="more_than")).bound == "at_least"
    base = row()["signed_figures"]
    assert ft.decide(row(signed_figures=[{**base[0], "qualifier": "more_than"}, base[1]])).bound == "at_most"
    assert ft.decide(row(qualifier="more_than", signed_figures=[{**base[0], "qualifier": "more_than"}, base[1]])).ratio is None


def test_more_started_than_signed_is_a_contradiction():
    decided = ft.decide(row(value=1200.0))
    assert decided.status == "contradiction"
    assert decided.findings == (("exceeds_signed", {"total": 1000.0, "value": 1200.0}),)


def test_the_shipped_2018_2020_report_gives_the_issue_s_shares(shipped):
    started, funds = shipped[("p2018-2020-2021-09-anhui", "projects_started")], shipped[("p2018-2020-2021-09-anhui", "funds_in_place")]
    assert (started.value, started.signed_total, round(started.ratio, 3)) == (1515, 1752, 0.865)
    assert (funds.value, funds.signed_total, round(funds.ratio, 3), funds.status) == (644.31, 1800.0, 0.358, "ratio")


def test_an_expected_denominator_is_flagged_and_the_bound_kept(shipped):
    funds = shipped[("p2018-2022-2023-09-xinhua", "funds_in_place")]
    assert (funds.expected_years, funds.bound, round(funds.ratio, 3)) == ((2022,), "at_least", 0.364)
    assert ("expected_denominator", {"years": (2022,)}) in funds.findings


def test_more_than_1_5_trillion_in_place_contradicts_1_2_trillion_signed_over_more_editions(shipped):
    funds = shipped[("p2018-2023-2024-09-xinhua", "funds_in_place")]
    assert funds.status == "contradiction"
    assert ("exceeds_claim", {"span": (2018, 2024), "total": 1200.0, "qualifier": "about", "value": 1500.0}) in funds.findings


def test_a_stated_share_is_folded_into_its_count_and_checked(shipped):
    funds = shipped[("p2018-2019-12-ahgov", "funds_in_place")]
    assert funds.stated_share == 26.0 and ("p2018-2019-12-ahgov", "funds_in_place_share") not in shipped
    assert funds.findings[0][0] == "stated_other_base"  # 24.3% of the signed total, 26% of the contract value
    assert shipped[("p2018-2019-12-ahgov", "projects_started")].findings == ()  # 77.8% both ways


def test_the_chart_has_the_reports_covering_2018_and_no_share_only_reports(shipped):
    points = ft.chart_points(list(shipped.values()))
    assert [d.report_id for d in points] == ["p2018-2019-12-ahgov", "p2018-2020-2021-09-anhui",
                                             "p2018-2022-2023-09-xinhua", "p2018-2023-2024-09-xinhua"]


# ---------------------------------------------------------------- words, chart, explorer, brief

def test_the_chart_draws_points_only_with_escaped_hover_and_labelled_axes(shipped):
    from ui.followthrough import chart

    found = list(shipped.values())
    hostile = found[:]
    index = next(i for i, d in enumerate(found) if d.report_id == "p2018-2019-12-ahgov" and d.measure == "funds_in_place")
    d = found[index]
    hostile[index] = ft.FollowThrough(**{**d.__dict__, "source": {**d.source, "publisher": "<b>Evil</b>"}})
    fig = chart(hostile, "en")
    assert {trace.mode for trace in fig.data} == {"markers"}
    assert fig.layout.xaxis.title.text == "Years since the first covered edition closed (years)"
    assert fig.layout.yaxis.title.text == "Funds in place / investment signed (%)"
    hovers = [c[0] for trace in fig.data for c in trace.customdata]
    assert any("&lt;b&gt;Evil&lt;/b&gt;" in h for h in hovers) and not any("<b>Evil" in h for h in hovers)
    assert any("18 Dec 2019" in h for h in hovers)  # the status date on every point


def test_the_brief_line_for_2020_in_both_languages(shipped):
    from ui.followthrough import brief_text

    line = ft.brief_line(list(shipped.values()), 2020)
    assert brief_text(line, "en") == ("editions 2018–2020, status at 30 Sep 2021: 86.5% of the signed "
                                      "projects had started and 35.8% of the signed investment was in place "
                                      "(Anhui News (reprint on Mysteel / gqsoso)).")
    assert brief_text(line, "zh").startswith("2018–2020 年各届，截至 2021年9月30日：86.5% 的签约项目已开工")
    assert ft.brief_line(list(shipped.values()), 2025) is None


def test_the_brief_page_prints_the_line_escaped():
    from ui.brief import BriefData, brief_html

    data = BriefData(lang="en", title="t", facts={}, cards=[], charts=[], organizers="", guests="", claims=[],
                     claims_more=0, sources=[], data_version="v", followthrough="<i>86.5%</i> started",
                     words={k: k for k in ("kpis", "charts", "organizers", "guests", "claims", "claims_more", "sources",
                                           "version", "generated", "no_change", "no_claims", "editions", "metric",
                                           "claimed", "sum", "coverage", "check", "list_joiner", "colon",
                                           "followthrough")})
    page = brief_html(data)
    assert "&lt;i&gt;86.5%&lt;/i&gt; started" in page and "<i>86.5%" not in page


def test_explorer_rows_are_spreadsheet_safe_in_the_exports(shipped, monkeypatch_module):
    from ui.export import facts_table, to_csv_bytes, to_xlsx_bytes
    from ui.followthrough import explorer_rows

    rows, found = ft.rows_and_decisions("WMC", 2018, 2025)
    rows = rows.copy()
    share_row = rows.index[rows["measure"] == "projects_started_share"][0]  # no share of ours goes first
    rows.loc[share_row, "note"] = "=HYPERLINK(\"http://x\")"
    table = facts_table(explorer_rows(rows, found, "en"), "CNY", "en")
    assert len(table) == 22 and set(table["metric"]) >= {"Funds in place", "Projects started"}
    csv_text = to_csv_bytes(table).decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text and "editions 2018–2020, status at 30 Sep 2021: whole convention" in csv_text
    assert "86.5% of the 1,752 projects signed at the same editions" in csv_text
    from openpyxl import load_workbook
    import io
    sheet = load_workbook(io.BytesIO(to_xlsx_bytes(table, {"rows": 22}, "en"))).active
    hostile = next(cell for cell in sheet["I"] if str(cell.value or "").startswith("=HYPERLINK"))
    assert (hostile.data_type, hostile.quotePrefix) == ("s", True)  # shown as text, never evaluated


# ---------------------------------------------------------------- the pages (AppTest, shipped data)

def followthrough_table(at):
    return next(d.value for d in at.dataframe if "stated" in d.value.columns)


@pytest.mark.parametrize("lang, title, started, check", [
    ("en", "Follow-through: what became of the signed projects", "Projects started",
     "⚠ the signed figure for 2022 is only the one expected at the opening; contradiction: over 1.5 tn CNY is "
     "more than the about 1.2 tn CNY said to be signed over 2018–2024, which includes these editions"),
    ("zh", "签约项目的后续进展", "已开工项目",
     "⚠ 2022 年的签约数只是开幕时公布的预计数；矛盾：超过 1.5 万亿元，多于 2018–2024 年（包含这些届次）据称的签约数 约 1.2 万亿元"),
])
def test_the_section_shows_every_report_in_both_languages(shipped_app, lang, title, started, check):
    at = shipped_app("pages/projects.py", lang=lang)
    assert title in [s.value for s in at.subheader]
    shown = followthrough_table(at)
    assert len(shown) == 15  # 22 figures, 7 stated shares folded into their counts
    first_three = shown[(shown["editions"] == "2018–2020") & (shown["measure"] == started)].iloc[0]
    assert first_three["share"] == "86.5%"
    assert shown[shown["editions"] == "2018–2023"].iloc[0]["check"] == check
    assert at.get_by_key("chart_followthrough") is not None  # more than one report covers 2018


def test_the_explorer_lists_the_progress_rows_under_follow_through(shipped_app):
    at = shipped_app("pages/explorer.py", category="follow-through")
    table = next(d.value for d in at.dataframe if "also_reported" in d.value.columns)
    assert len(table) == 22 and set(table["metric"]) == {
        "Projects registered", "Projects started", "Funds in place", "Projects registered (share stated)",
        "Projects started (share stated)", "Funds in place (share stated)"}
