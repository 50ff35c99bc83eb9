"""The one-sentence summary under every chart: its facts decided from the chart's rows (queries/chart_facts),
its words from the catalogues in both languages, and an empty chart that says why. Expected values are
worked out from the same data in the test, never typed in."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from queries import run
from queries.chart_facts import (coverage_facts, grouped_facts, matrix_facts, series_facts, total_facts, totals_facts,
                                 year_runs)
from queries.series import growth_pct, money_table
from ui import chart_summary
from ui.i18n import FORMATS, text
from ui.safe_text import from_markdown

FULL = dict(convention="WMC", year_from=2018, year_to=2025)
LANGS = ("en", "zh")


@pytest.fixture
def shipped(shipped_queries):
    """The shipped data's named queries (tests/conftest.py)."""


def projects_series(**span) -> pd.DataFrame:
    frame = run("metric_series", **{**FULL, **span}, metrics=["projects_signed", "investment_signed"],
                include_derived=False)
    return money_table(frame, "CNY")


@pytest.mark.parametrize("lang", LANGS)
def test_an_edition_chart_is_summed_up_by_its_lowest_highest_and_expected_figures(shipped, lang):
    series = projects_series()
    years = sorted(series["year"].unique().tolist())
    rows = series[(series["metric"] == "projects_signed") & series["value"].notna()]
    closing = rows[rows["stage"].fillna("closing") == "closing"]
    low, high = closing.loc[closing["value"].idxmin()], closing.loc[closing["value"].idxmax()]
    expected = rows[rows["stage"] == "expected"]
    sentence = chart_summary.series_sentence(lang, "T", series_facts(series, "projects_signed", years))
    f = FORMATS[lang]
    head = text(lang, "summary.sentence", title="T", span=f.span(years[0], years[-1]), body="@")
    assert sentence.startswith(head.split("@")[0])
    for row in (low, high, *[r for _, r in expected.iterrows()]):
        assert f.with_qualifier(row["value"], None, "projects", show_unit=True) in sentence
        assert str(int(row["year"])) in sentence
    assert len(expected) >= 1 and text(lang, "summary.stage.expected") in sentence


def test_the_lowest_and_highest_are_closing_figures_and_missing_editions_are_named():
    frame = pd.DataFrame({"year": [2018, 2019, 2020, 2021], "metric": "m", "unit": "people",
                          "value": [10.0, 900.0, None, 40.0], "qualifier": [None, "expected", None, None],
                          "stage": ["closing", "expected", None, "closing"]})
    facts = series_facts(frame, "m", [2018, 2019, 2020, 2021])
    assert (facts.low.year, facts.high.year) == (2018, 2021)  # 900 is only expected
    assert [p.year for p in facts.not_closing] == [2019] and facts.missing == (2020,)
    assert chart_summary.series_sentence("en", "People", facts) == (
        "People, 2018–2021: between 10 people (2018) and 40 people (2021); expected 900 people (2019); "
        "no figure for 2020.")


@pytest.mark.parametrize("lang", LANGS)
def test_a_change_over_one_edition_says_it_needs_two(shipped, lang):
    series = projects_series(year_from=2020, year_to=2020)
    growth = growth_pct(series, "projects_signed")
    facts = series_facts(growth, "projects_signed", [2020], needs_two=True)
    assert facts.empty == "one_edition"
    said = chart_summary.empty_text(lang, facts)
    assert said == text(lang, "summary.empty.one_edition", year=2020) and "2020" in said
    assert chart_summary.series_sentence(lang, "T", facts) == said


@pytest.mark.parametrize("lang", LANGS)
def test_an_edition_without_a_figure_says_so(shipped, lang):
    series = run("metric_series", **{**FULL, "year_from": 2020, "year_to": 2020}, metrics=["exhibits"],
                 include_derived=False)
    assert series["value"].isna().all()  # the shipped data reports no exhibits for 2020
    facts = series_facts(series, "exhibits", [2020])
    assert facts.empty == "no_figure"
    assert chart_summary.empty_text(lang, facts) == text(lang, "summary.empty.no_figure", span="2020")


def test_a_total_drawn_over_its_parts_is_no_gap_where_only_parts_are_reported():
    frame = pd.DataFrame({"year": [2023, 2024, 2024], "metric": ["exhibition_area", "exhibition_area_hall",
                                                                  "exhibition_area_outdoor"],
                          "unit": "m2", "value": [80000.0, 20000.0, 32000.0], "qualifier": None, "stage": None})
    facts = total_facts(frame, "exhibition_area", ("exhibition_area_hall", "exhibition_area_outdoor"),
                        [2023, 2024, 2025])
    assert (facts.missing, facts.parts_only) == ((2025,), (2024,))


@pytest.mark.parametrize("lang", LANGS)
def test_a_breakdown_names_its_largest_bar_with_unit(shipped, lang):
    breakdowns = run("breakdowns", **FULL, currency="CNY")
    sector = breakdowns[(breakdowns["dimension"] == "sector") & breakdowns["investment"].notna()]
    best = sector.loc[sector["investment"].idxmax()]
    facts = grouped_facts(sector, "bn CNY")
    assert (facts.largest.name, facts.largest.year, facts.categories) == (
        best["category"], best["year"], sector["category"].nunique())
    sentence = chart_summary.grouped_sentence(lang, "T", facts)
    assert FORMATS[lang].with_qualifier(best["investment"], best["investment_qualifier"], "bn CNY",
                                        show_unit=True) in sentence


def test_the_matrix_and_coverage_summaries_count_what_they_draw(shipped):
    rows = run("participation", **FULL)
    facts = matrix_facts(rows, list(range(2018, 2026)))
    per_body = rows.groupby("organization")["year"].nunique()
    assert facts.bodies == rows["organization"].nunique() and facts.most.value == per_body.max()
    coverage = run("coverage", **FULL)
    cells = coverage_facts(coverage, ("reported", "derived", "expected", "missing"))
    assert sum(cells.cells.values()) == cells.metrics * len(cells.years) == len(coverage)
    sentence = chart_summary.coverage_sentence("en", "T", cells)
    assert f"{cells.cells['missing']} missing" in sentence


def test_year_runs():
    assert year_runs([2023, 2018, 2019, 2020]) == [(2018, 2020), (2023, 2023)]
    assert chart_summary.years_text("en", [2018, 2019, 2021]) == "2018–2019, 2021"
    assert chart_summary.years_text("zh", [2018, 2019, 2021]) == "2018–2019、2021"


def _titles_and_captions(at) -> tuple[list[str], list[str]]:
    titles = [(json.loads(e.proto.spec)["layout"].get("title") or {}).get("text") or ""
              for e in at.get("plotly_chart")]
    return titles, [from_markdown(c.value) for c in at.caption]


@pytest.mark.parametrize("page", ["pages/projects.py", "pages/organizers.py", "pages/sources.py",
                                  "pages/exhibition.py"])
@pytest.mark.parametrize("lang", LANGS)
def test_every_chart_has_a_title_and_its_summary_under_it(shipped_app, page, lang):
    at = shipped_app(page, lang=lang)
    titles, captions = _titles_and_captions(at)
    assert titles and all(titles), titles  # the title is the chart's accessible name (ui/print_style.py)
    for title in titles:
        assert any(c.startswith(title.split("<br>")[0]) for c in captions), (title, captions)


@pytest.mark.parametrize("lang", LANGS)
def test_a_single_edition_growth_chart_says_why_it_is_empty(shipped_app, lang):
    at = shipped_app("pages/projects.py", lang=lang, **{"from": "2020", "to": "2020"})
    said = text(lang, "summary.empty.one_edition", year=2020)
    growth = [json.loads(e.proto.spec) for e in at.get("plotly_chart")
              if text(lang, "projects.chart_growth") in json.loads(e.proto.spec)["layout"]["title"]["text"]]
    def bare(words: str) -> str:  # the note is wrapped onto lines in the chart
        return words.replace("<br>", "").replace(" ", "")
    assert bare(said) in [bare(a["text"]) for a in growth[0]["layout"].get("annotations", [])]
    assert said in [from_markdown(c.value) for c in at.caption]


def test_a_part_with_no_row_in_an_edition_whose_list_was_read_counts_zero_not_a_gap():
    newcomers = pd.DataFrame({"year": [2018, 2019, 2019], "status": ["first_appearance", "first_appearance",
                                                                     "returning"], "bodies": [4, 7, 4]})
    returning = newcomers[newcomers["status"] == "returning"]
    facts = totals_facts(returning, [2018, 2019, 2020], counted=set(newcomers["year"]))
    assert (facts.low.year, facts.low.value, facts.missing) == (2018, 0.0, (2020,))
