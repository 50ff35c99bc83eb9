"""The check of cumulative claims (ui/claims.py) and the query that feeds it (claims_reconciliation).

Claims are written by hand as the query returns them: per-edition closing figures, expected ones
(announced by the opening) for editions without a closing figure, derived ones, and the metric's
aggregation. Expected words are English module constants; one case is checked in Chinese.
"""
import shutil

import duckdb
import pandas as pd
import pytest

import queries
from loaders.build import build
from loaders.errors import LoadError
from tests.conftest import WORLD
from ui import claims

FIVE_EDITIONS = dict(year_from=2018, year_to=2022, editions_covered=5)


def claim(**given) -> dict:
    """A claims_reconciliation row: 2018–2019 projects, both editions closed, unless `given` says otherwise."""
    row = dict(claim_id="c", year_from=2018, year_to=2019, editions_covered=2, metric="projects_signed",
               label="Projects signed", aggregation="sum", claimed=1068.0, unit="projects", qualifier="exact",
               scope="whole convention", years_closing=[2018, 2019], sum_closing=1068.0, max_closing=638.0,
               max_closing_year=2019, years_expected=[], sum_expected=None, years_derived=[], sum_derived=None,
               larger_claims_within=[], publisher="P", url="https://example.org")
    row.update(given)
    return row


# ---------------------------------------------------------------- sum

def test_a_sum_claim_equal_to_its_editions_agrees():
    assert claims.check(claim(), "en") == "✓ equals what 2 closing figures add up to (1,068 projects)"


def test_a_sum_claim_below_its_editions_says_by_how_much():
    row = claim(claimed=962.2, unit="bn CNY", sum_closing=1182.1, max_closing=735.1, label="Investment signed")
    assert claims.check(row, "en") == "⚠ 18.6% (219.9 bn CNY) below what 2 closing figures add up to (1.18 tn CNY)"


def test_a_lower_bound_claim_below_its_editions_is_no_contradiction():
    assert claims.verdict(claim(claimed=900.0, qualifier="more_than")).status == "agrees"


def test_a_sum_claim_says_what_it_leaves_for_editions_without_a_figure():
    row = claim(claimed=2693.0, metric="exhibitors", label="Exhibitors", unit="companies", scope="exhibition",
                years_closing=[2019, 2020, 2021, 2022], sum_closing=2061.0, **FIVE_EDITIONS)
    assert claims.check(row, "en") == "? no reported figure for 2018: the claim leaves 632 companies for it"


def test_derived_figures_are_not_counted_against_the_claim_they_come_from():
    row = claim(claimed=1752.0, year_to=2020, editions_covered=3, years_derived=[2020], sum_derived=684.0)
    assert claims.verdict(row).status == "incomplete"
    assert claims.check(row, "en") == ("? no reported figure for 2020: the claim leaves 684 projects for it; "
                                       "2020: only a figure derived from claims (684 projects), not counted")
    assert claims.reconciliation(pd.DataFrame([row]))["difference"].tolist() == [684]


def test_a_claim_below_a_claim_over_fewer_editions_is_flagged():
    row = claim(claimed=1000.0, sum_closing=1000.0, larger_claims_within=[{"year_from": 2018, "year_to": 2018,
                                                                          "value": 1800.0}])
    assert claims.verdict(row).status == "differs"
    assert claims.check(row, "en") == ("⚠ equals what 2 closing figures add up to (1,000 projects); below claims "
                                       "over fewer editions: 2018–2018 (1,800 projects)")


# ---------------------------------------------------------------- expected figures

EXPECTED_2022 = claim(claimed=3021.0, years_closing=[2018, 2019, 2020, 2021], sum_closing=2449.0,
                      years_expected=[2022], sum_expected=568.0, **FIVE_EDITIONS)


def test_an_expected_figure_is_counted_apart_and_named():
    assert claims.check(EXPECTED_2022, "en") == (
        "✓ 4 projects above what 4 closing figures and the expected figure of 2022 (568 projects) add up to "
        "(3,017 projects): within 5%")
    assert claims.coverage(EXPECTED_2022, "en") == "4 of 5 + 1 expected"


def test_without_the_expected_figure_the_same_claim_leaves_it_open():
    row = {**EXPECTED_2022, "years_expected": [], "sum_expected": None}
    assert claims.check(row, "en") == "? no reported figure for 2022: the claim leaves 572 projects for it"


def test_the_summary_shows_expected_figures_beside_the_closing_sum():
    table = claims.summary(pd.DataFrame([EXPECTED_2022]), "en")
    assert table["sum_of_editions"].tolist() == ["2,449 projects + 568 projects expected"]


# ---------------------------------------------------------------- distinct counts

COUNTRIES = claim(claimed=97.0, metric="countries_regions", label="Countries and regions", aggregation="distinct",
                  unit="countries and regions", years_closing=[2019, 2021], sum_closing=102.0, max_closing=78.0,
                  years_expected=[2018], sum_expected=75.0, **FIVE_EDITIONS)


def test_a_distinct_count_is_checked_between_the_largest_edition_and_the_sum():
    assert claims.check(COUNTRIES, "en") == (
        "✓ Countries and regions are counted once, not added up: between the largest edition (78, 2019) and the "
        "sum (177) of 2 closing figures and the expected figure of 2018 (75); no reported figure for 2020, 2022")


def test_a_distinct_count_has_no_difference_to_a_sum():
    table = claims.reconciliation(pd.DataFrame([COUNTRIES]), "en")
    assert table[["difference", "difference_pct"]].isna().all(axis=None)


def test_a_distinct_count_below_one_edition_differs():
    assert claims.check({**COUNTRIES, "claimed": 60.0}, "en").startswith("⚠ below 2019's figure alone (78): counted once")


def test_a_distinct_count_above_the_sum_of_every_edition_differs():
    row = {**COUNTRIES, "claimed": 250.0, "years_closing": [2019, 2020, 2021, 2022], "sum_closing": 120.0}
    assert claims.verdict(row).status == "differs"
    assert claims.verdict({**COUNTRIES, "claimed": 250.0}).status == "incomplete"  # 2020, 2022 could add more


def test_the_distinct_check_in_chinese():
    assert claims.check(COUNTRIES, "zh").startswith("✓ 国家和地区只计一次，不相加：介于单届最大值（78，2019 年）与 ")


# ---------------------------------------------------------------- scope and non-additive metrics

def test_a_claim_of_a_scope_no_edition_reports_is_not_compared():
    row = claim(claimed=999.0, scope="foreign-invested enterprise projects", years_closing=[], sum_closing=None,
                max_closing=None, max_closing_year=None)
    assert claims.check(row, "en") == (
        "– nothing to compare: no edition 2018–2019 has a figure for foreign-invested enterprise projects; "
        "whole-convention figures are another scope")
    assert claims.reconciliation(pd.DataFrame([row]))["difference"].isna().all()


def test_a_metric_that_does_not_add_up_is_not_checked():
    row = claim(metric="largest_project_investment", aggregation="none", claimed=5.0)
    assert claims.check(row, "en") == ("– not checked: this metric does not add up over editions "
                                       "(a share, maximum or area)")


# ---------------------------------------------------------------- the query

@pytest.fixture
def world(db_copy, monkeypatch):
    monkeypatch.setenv("WMC_DB", str(db_copy))
    return db_copy


def reconciled(claim_id: str) -> dict:
    found = queries.run("claims_reconciliation", convention="WMC")
    return found[found["claim_id"] == claim_id].iloc[0].to_dict()


def test_the_query_matches_the_claims_scope_word_for_word(world):
    row = reconciled("first-two-exhibitors")  # 2019's 800 exhibitors are of the exhibition
    assert (list(row["years_closing"]), row["sum_closing"]) == ([2019], 800)
    assert reconciled("first-three-foreign")["editions_closing"] == 0  # whole-convention projects are another scope


def test_the_query_adds_the_scopes_claim_scopes_maps_and_no_others(world):
    with duckdb.connect(str(world)) as con:
        con.execute("insert into facts values ('WMC', 2018, 'exhibitors', 300, 'companies', 'exact', "
                    "'online showcase', 'src-a', false, null, 'closing'), ('WMC', 2018, 'exhibitors', 50, 'companies', "
                    "'exact', 'exhibition hall', 'src-a', false, null, 'closing')")
        con.execute("insert into claim_scopes (claim_scope, fact_scope, note) "
                    "values ('exhibition', 'online showcase', 'the edition was online')")
    row = reconciled("first-two-exhibitors")
    assert (list(row["years_closing"]), row["sum_closing"]) == ([2018, 2019], 1100)


def test_the_query_keeps_expected_figures_apart_from_closing_ones(world):
    with duckdb.connect(str(world)) as con:
        con.execute("update facts set qualifier = 'expected', stage = 'expected', is_derived = false "
                    "where year = 2020 and metric = 'projects_signed'")
    row = reconciled("first-three-projects")
    assert (row["sum_closing"], row["sum_expected"], list(row["years_expected"])) == (1068, 684, [2020])


def test_the_query_takes_the_aggregation_from_the_metric(world):
    assert reconciled("first-two-countries")["aggregation"] == "distinct"
    assert reconciled("first-three-projects")["aggregation"] == "sum"


def test_every_mapped_fact_scope_is_one_the_shipped_facts_use(shipped_db):
    with duckdb.connect(str(shipped_db), read_only=True) as con:
        unused = con.execute("select fact_scope from claim_scopes except select scope from facts").fetchall()
    assert unused == []


def test_a_claim_below_a_claim_of_its_part_over_fewer_editions_is_flagged():
    funds = {"year_from": 2018, "year_to": 2018, "value": 1500.0, "metric": "funds_in_place", "label": "Funds in place"}
    row = claim(metric="investment_signed", label="Investment signed", unit="bn CNY", claimed=1200.0,
                sum_closing=1200.0, larger_claims_within=[funds])
    assert claims.check(row, "en").endswith("; below claims over fewer editions: 2018–2018 “Funds in place”, a part "
                                            "of this measure (1.5 tn CNY)")


def test_the_query_finds_a_larger_claim_of_a_part_within_the_editions(world):
    with duckdb.connect(str(world)) as con:
        con.execute("insert into claims values ('WMC', 'funds', 2018, 2019, 'funds_in_place', 2000, 'bn CNY', "
                    "'exact', 'whole convention', 'src-c', null)")
    larger = reconciled("first-three-investment")["larger_claims_within"]
    assert [(c["metric"], c["value"]) for c in larger] == [("funds_in_place", 2000)]


# ---------------------------------------------------------------- the metric's definition

def build_with_metrics(tmp_path, old: str, new: str) -> str:
    """The message of building the fixture world with `old` replaced by `new` in metrics.csv."""
    world = tmp_path / "world"
    shutil.copytree(WORLD, world)
    metrics = world / "metrics.csv"
    metrics.write_text(metrics.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    with pytest.raises(LoadError) as err:
        build(world, tmp_path / "x.duckdb")
    return str(err.value)


def test_a_metric_part_of_an_unknown_metric_is_refused_with_its_row(tmp_path):
    message = build_with_metrics(tmp_path, ",sum,investment_signed", ",sum,signed_money")
    assert "metrics.csv, row 5, column 'part_of': part_of 'signed_money' is not a metric" in message


def test_a_metric_without_a_known_aggregation_is_refused(tmp_path):
    message = build_with_metrics(tmp_path, ",participation,distinct", ",participation,max")
    assert "column 'aggregation': 'max' is not one of ['sum', 'distinct', 'none']" in message


def test_the_brief_gets_the_main_finding_alone():
    row = claim(claimed=1752.0, year_to=2020, editions_covered=3, years_derived=[2020], sum_derived=684.0)
    assert claims.summary(pd.DataFrame([row]), "en", first_only=True)["flag"].tolist() == [
        "? no reported figure for 2020: the claim leaves 684 projects for it"]
