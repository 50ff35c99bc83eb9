"""The third data pass: every known disagreement stored and shown, plans marked expected, the 2018 scope
on screen, the headline rule's tie-break by date, and claims compared only with their own metric.

Expectations are read from the built database or data/*.csv wherever a count is asked, so a new row of
data changes what is expected, never this file; the tuples below are the audit's findings themselves.
"""
from __future__ import annotations

import duckdb
import pandas as pd
import pytest

import queries
from ui import claims as claim_words

JOINT_2018 = "WMC 2018 with the co-held 2018 China International Huishang Convention"


@pytest.fixture(scope="module")
def con(shipped_db):
    """The session's database built from data/ (tests/conftest.py), read only."""
    with duckdb.connect(str(shipped_db), read_only=True) as connection:
        yield connection


@pytest.fixture
def reconciled(shipped_db, monkeypatch) -> dict[str, dict]:
    monkeypatch.setenv("WMC_DB", str(shipped_db))
    rows = queries.run("claims_reconciliation", convention="WMC").to_dict("records")
    return {r["claim_id"]: r for r in rows}


# ---------------------------------------------------------------- disagreements

@pytest.mark.parametrize("year, metric, value, qualifier", [
    (2025, "countries_regions", 40, "more_than"),
    (2022, "exhibitors", 640, "more_than"),
    (2022, "events", 40, "nearly"),
    (2023, "investment_signed", 350, "nearly"),
    (2019, "countries_regions", 78, "more_than"),
    (2019, "countries_regions", 60, "more_than"),
    (2021, "attendees", 1400, "about"),
    (2021, "events", 20, "expected"),
])
def test_a_disagreement_once_kept_in_a_note_is_an_alternative_row(con, year, metric, value, qualifier):
    stored = con.execute("select value, qualifier from alternatives where year = ? and metric = ?",
                         [year, metric]).fetchall()
    assert (value, qualifier) in stored


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_disagreements_table_shows_as_many_rows_as_are_stored(shipped_app, shipped_db, lang):
    with duckdb.connect(str(shipped_db), read_only=True) as db:
        stored = db.execute("select count(*) from alternatives").fetchone()[0]
    at = shipped_app("pages/sources.py", lang=lang)
    shown = next(d.value for d in at.dataframe if "also_reported" in d.value.columns)
    assert stored > 0 and len(shown) == stored


def test_the_2019_usd_pair_is_decided_by_the_earlier_report(con):
    assert con.execute("""select preferred_by from alternatives
                          where year = 2019 and metric = 'investment_signed_usd_reported'""").fetchall() \
        == [("earlier_report",)]


def test_an_earlier_report_headline_was_published_before_the_value_it_beat(con):
    rows = con.execute("""select a.year, a.metric, hs.published_on, s.published_on, hs.published_precision
                          from alternatives a
                          join facts f using (convention, year, metric, scope)
                          join sources hs on hs.source_id = f.source_id
                          join sources s on s.source_id = a.source_id
                          where a.preferred_by = 'earlier_report'""").fetchall()
    assert rows
    for year, metric, headline_on, other_on, precision in rows:
        assert precision == "day" and headline_on < other_on, (year, metric)


def test_the_rule_step_is_worded_in_both_catalogues():
    from ui.i18n import text

    assert "first" in text("en", "headline_rule.earlier_report")
    assert "最先发布" in text("zh", "headline_rule.earlier_report")


# ---------------------------------------------------------------- plans are expected

@pytest.mark.parametrize("year, value", [(2021, 23), (2022, 38), (2024, 25)])
def test_event_counts_announced_as_plans_are_expected(con, year, value):
    stored = con.execute("select value, qualifier, stage from facts where year = ? and metric = 'events'", [year]).fetchall()
    assert (value, "expected", "expected") in stored


def test_the_2021_area_is_an_opening_day_count_from_the_opening_day_report(con):
    row = con.execute("""select f.value, f.qualifier, f.stage, s.published_on from facts f join sources s using (source_id)
                         where f.year = 2021 and f.metric = 'exhibition_area'""").fetchone()
    assert row[:3] == (43000, "more_than", "preliminary") and str(row[3]) == "2021-11-19"


# ---------------------------------------------------------------- the 2018 headline's scope

def test_the_2018_headline_says_it_covers_two_conventions(con):
    scopes = con.execute("""select metric, scope from facts where year = 2018
                            and metric in ('projects_signed', 'investment_signed') order by metric""").fetchall()
    assert scopes == [("investment_signed", JOINT_2018), ("projects_signed", JOINT_2018)]


@pytest.mark.parametrize("lang, words", [("en", "Covers: WMC 2018 with the co-held 2018 China International Huishang Convention."),
                                         ("zh", "统计范围：2018世界制造业大会与同期举办的2018中国国际徽商大会合计。")])
def test_the_2018_card_help_names_the_scope(shipped_app, lang, words):
    at = shipped_app(edition="2018", lang=lang)
    label = "Projects signed" if lang == "en" else "签约项目"
    card = next(m for m in at.metric if m.label == label)
    assert words in card.help


def test_a_whole_convention_card_names_no_scope(shipped_app):
    at = shipped_app(edition="2019")
    card = next(m for m in at.metric if m.label == "Projects signed")
    assert "Covers:" not in card.help


def test_the_explorer_shows_the_2018_scope(shipped_app):
    at = shipped_app("pages/explorer.py", **{"from": "2018", "to": "2018"})
    table = next(d.value for d in at.dataframe if "also_reported" in d.value.columns)
    assert (table["scope"] == JOINT_2018).sum() == 2


# ---------------------------------------------------------------- claims and their metrics

def test_contracted_investment_is_its_own_metric_in_both_languages(con):
    unit, aggregation = con.execute("""select unit, aggregation from metrics
                                       where metric = 'contract_investment_attracted'""").fetchone()
    assert (unit, aggregation) == ("bn CNY", "sum")
    names = pd.read_csv("data/zh/names.csv", keep_default_na=False)
    zh = names[names["en"] == "contract_investment_attracted"].set_index("kind")["zh"]
    assert zh["metric"] == "合同引资额" and zh["definition"]


def test_the_2018_2021_contract_claim_is_not_compared_with_signed_totals(reconciled):
    claim = reconciled["c2018-2021-investment"]
    assert claim["metric"] == "contract_investment_attracted"
    verdict = claim_words.verdict(claim)
    assert verdict.status == "not_checked" and verdict.findings[0][0] == "no_figures"
    assert "below" not in claim_words.check(claim, "en")


def test_the_provincial_preview_agrees_with_the_editions_and_cnr_does_not(reconciled):
    projects, investment = reconciled["c2018-2019-projects-preview"], reconciled["c2018-2019-investment-preview"]
    assert (projects["claimed"], projects["sum_closing"]) == (1074, 1074)  # 436 + 638, the 2018 joint scope included
    assert claim_words.verdict(projects).status == "agrees"
    assert claim_words.verdict(investment).status == "agrees"
    cnr = claim_words.verdict(reconciled["c2018-2019-investment-cnr"])
    assert cnr.status == "differs"
    assert [k for k, _ in cnr.findings] == ["below", "larger_within"]  # below the editions and below the preview


def test_deals_on_site_are_a_metric_of_their_own(con):
    rows = con.execute("""select year, value from facts where metric = 'exhibition_deal_value' order by year""").fetchall()
    assert rows == [(2023, 0.5), (2025, 1.27)]


def test_2019_is_compared_with_the_joint_2018_base_the_organisers_used(shipped_app):
    at = shipped_app(edition="2019")
    card = next(m for m in at.metric if m.label == "Projects signed")
    assert "+46% reported" in card.delta and "436 (2018)" in card.delta


def test_only_a_scope_marked_the_same_reads_as_another_in_a_comparison():
    from queries.series import comparability

    joint = {"scope": JOINT_2018, "compare_scope": "whole convention", "stage": "closing", "qualifier": "exact"}
    whole = {"scope": "whole convention", "compare_scope": "whole convention", "stage": "closing", "qualifier": "exact"}
    showcase = {"scope": "online cloud showcase of Anhui firms", "compare_scope": "online cloud showcase of Anhui firms",
                "stage": "closing", "qualifier": "exact"}
    exhibition = {"scope": "exhibition", "compare_scope": "exhibition", "stage": "closing", "qualifier": "exact"}
    assert comparability(whole, joint, ("scope", "stage")) is None
    assert comparability(exhibition, showcase, ("scope", "stage")) == "different_scope"
