"""The test of done for comparability: across every edition x reference (the previous edition and each
earlier one) x currency x language of the shipped data, no card, brief, growth point or average shows
a change between figures of different scope, stage or currency basis, or between two lower bounds.
The stored rows are read straight from the database, so the check does not reuse the read model's rule."""
from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from ui.safe_text import from_markdown

from queries.read_model import KPI_METRICS, PREVIOUS, earlier_editions, edition_view
from queries.series import average_per_project, growth_pct, money_table

YEARS = range(2018, 2026)
LOWER = {"more_than", "at_least"}


@pytest.fixture(scope="module")
def stored(shipped_db):
    """(metric, year) -> the stored headline row the cards read (whole convention first, as the query)."""
    with duckdb.connect(str(shipped_db), read_only=True) as con:
        # A scope that data/claim_scopes.csv marks as the same as another (same_scope: 2018's totals of the WMC
        # with the co-held Huishang Convention, which the organisers count as the WMC's) compares as that one;
        # the scope a row is compared in is read from the stored tables here, not from the read model.
        rows = con.execute("""
            select f.metric, f.year, f.value, f.qualifier, f.stage,
                   coalesce((select any_value(c.claim_scope) from claim_scopes c
                             where c.fact_scope = f.scope and c.same_scope), f.scope) as scope
            from facts f
            where f.convention = 'WMC' and not f.is_derived
            qualify row_number() over (partition by f.year, f.metric order by f.scope = 'whole convention' desc, f.scope) = 1
        """).df()
    return {(r["metric"], int(r["year"])): r for r in rows.to_dict("records")}


def _basis(card_figure) -> str:
    return card_figure.basis


def _assert_like_for_like(card, stored):
    current, reference = card.current, card.comparison.reference
    mine, theirs = stored[(card.metric, current.year)], stored[(card.metric, reference.year)]
    assert mine["scope"] == theirs["scope"], (card.metric, current.year, reference.year)
    assert mine["stage"] == theirs["stage"], (card.metric, current.year, reference.year)
    assert _basis(current) == _basis(reference), (card.metric, current.year, reference.year)
    assert not (mine["qualifier"] in LOWER and theirs["qualifier"] in LOWER), (card.metric, current.year)


@pytest.mark.parametrize("currency", ["CNY", "USD"])
def test_no_card_or_brief_compares_unlike_figures(shipped_db, monkeypatch, stored, currency):
    monkeypatch.setenv("WMC_DB", str(shipped_db))
    from ui import brief, brief_page
    from ui.kpis import say
    checked = shown = 0
    for year in YEARS:
        for reference in [PREVIOUS, *earlier_editions(YEARS, year)]:
            view = edition_view("WMC", 2018, 2025, currency, False, year, reference)
            for card in view.cards:
                for lang in ("en", "zh"):
                    said = say(card, lang, currency)
                    if said.delta is not None:
                        _assert_like_for_like(card, stored)
                        shown += 1
                    else:
                        assert card.comparison.percent is None and card.comparison.absolute is None
                    checked += 1
            for lang in ("en", "zh"):
                page = brief.brief_html(brief_page.gather(view, lang))
                for card in view.cards:
                    said = say(card, lang, currency)
                    if said.comparison:  # the brief says the same neutral note, and no change
                        # the page's text is Markdown (data words escaped); the PDF prints the words it shows
                        assert from_markdown(said.comparison) in page.replace("&#x27;", "'")
    assert checked == 2 * len(KPI_METRICS) * sum(1 + len(earlier_editions(YEARS, y)) for y in YEARS)
    assert shown > 50  # comparable changes are still shown


@pytest.mark.parametrize("currency", ["CNY", "USD"])
def test_growth_and_average_only_from_comparable_figures(shipped_db, monkeypatch, stored, currency):
    monkeypatch.setenv("WMC_DB", str(shipped_db))
    from queries import run
    series = money_table(run("metric_series", convention="WMC", year_from=2018, year_to=2025,
                             metrics=["projects_signed", "investment_signed", "investment_signed_usd_reported"],
                             include_derived=False), currency)
    for metric in ("projects_signed", "investment_signed"):
        growth = growth_pct(series, metric)
        rows = series[series["metric"] == metric].set_index("year")
        for year, value in zip(growth["year"], growth["value"]):
            if pd.isna(value):
                continue
            before = max(y for y in rows.index if y < year)
            mine, theirs = stored[(metric, int(year))], stored[(metric, int(before))]
            assert (mine["scope"], mine["stage"]) == (theirs["scope"], theirs["stage"]), (metric, year)
            assert rows.loc[year, "basis"] == rows.loc[before, "basis"], (metric, year)
            assert theirs["qualifier"] not in LOWER
    average = average_per_project(series, f"bn {currency}").set_index("year")
    for year, row in average.iterrows():
        if pd.isna(row["value"]):
            continue
        stages = {stored[("projects_signed", year)]["stage"], stored[("investment_signed", year)]["stage"]}
        assert len(stages) == 1
        assert (row["qualifier"] == "expected") == (stages == {"expected"})  # expected inputs say so


def test_the_2022_average_rests_on_two_expected_figures_and_says_so(shipped_db, monkeypatch):
    monkeypatch.setenv("WMC_DB", str(shipped_db))
    from queries import run
    series = money_table(run("metric_series", convention="WMC", year_from=2018, year_to=2025,
                             metrics=["projects_signed", "investment_signed"], include_derived=False), "CNY")
    row = average_per_project(series, "bn CNY").set_index("year").loc[2022]
    assert (row["qualifier"], row["stage"], bool(row["on_expected"])) == ("expected", "expected", True)
