"""Every named query (queries/*.sql), run through `queries.run` on a tiny database, against a small exact result.

The database is the fixture world (tests/fixtures/world/*.csv) plus one alternative value, one
progress report and a four-row register written below. Every expected value is worked out by hand from those files; the
arithmetic is written out where there is some. A new .sql file without a test here fails
`test_every_named_query_has_a_test`."""
from __future__ import annotations

import math
import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest

import queries
from loaders import build, schema

QUERY_DIR = Path(queries.__file__).resolve().parent
WORLD = Path(__file__).resolve().parent / "fixtures" / "world"
ALTERNATIVE = ("convention,year,metric,scope,source_id,value,unit,qualifier,preferred_by,note\n"
               "WMC,2019,projects_signed,whole convention,src-c,640,projects,exact,results_over_release,a later count\n")
REGISTER = [
    # convention, year, project_id, name, investor, investor_origin, sector, city, investment_cny_bn, status
    ("WMC", 2018, "P1", "Battery plant", "Acme", "Chinese mainland", "NEV", "Hefei", 10.0, "signed"),
    ("WMC", 2018, "P2", "Fab", "Chip AG", "Germany", "ICs", "Wuhu", 20.0, "under construction"),
    ("WMC", 2019, "P1", "Panel line", "Acme", "Chinese mainland", "Displays", "Hefei", 7.0, "signed"),
    ("WMC", 2019, "P2", "Robot works", "Bot KK", "Japan", "NEV", "Hefei", 14.0, "signed"),
]
PROGRESS = ("convention,report_id,year_from,year_to,status_on,status_precision,measure,value,unit,qualifier,scope,"
            "source_id,note\nWMC,r1,2018,2019,2020-07-31,day,projects_started,800,projects,exact,whole convention,"
            "src-b,\n")
CNY_PER_USD = {2018: 6.6, 2019: 7.0, 2020: 6.9, 2021: 6.5}  # fixtures/world/fx_rates.csv
ALL = dict(convention="WMC", year_from=2018, year_to=2021)


@pytest.fixture(scope="module")
def tiny_db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("named_queries")
    world = shutil.copytree(WORLD, folder / "world")
    (world / "alternatives.csv").write_text(ALTERNATIVE, encoding="utf-8")
    (world / "progress.csv").write_text(PROGRESS, encoding="utf-8")
    db = folder / "tiny.duckdb"
    build.build(world, db)
    register = folder / "register.csv"
    pd.DataFrame(REGISTER, columns=schema.TABLES["projects"].column_names).to_csv(register, index=False)
    build.add([register], db)
    return db


@pytest.fixture(autouse=True)
def reads_tiny_db(tiny_db, monkeypatch):
    monkeypatch.setenv("WMC_DB", str(tiny_db))
    queries.clear_cache()


def plain(value):
    """A cell as a plain Python value: missing (None, NaN, NaT, NA) as None, numpy scalars unwrapped."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return value.item() if hasattr(value, "item") else value


def rows(name: str, columns: str, **params) -> list[tuple]:
    frame = queries.run(name, **params)
    return [tuple(plain(v) for v in row) for row in frame[columns.split()].itertuples(index=False)]


def test_every_named_query_has_a_test():
    """A query counts as tested when its name is part of a test's name here."""
    tested = {name.removeprefix("test_") for name in dir(sys.modules[__name__]) if name.startswith("test_")}
    untested = sorted(p.stem for p in QUERY_DIR.glob("*.sql") if not any(p.stem in t for t in tested))
    assert untested == []


# ---------------------------------------------------------------- editions and metrics

def test_conventions():
    assert rows("conventions", "convention first_year last_year editions") == [("WMC", 2018, 2021, 4)]


def test_edition_years():
    assert rows("edition_years", "year", convention="WMC") == [(2018,), (2019,), (2020,), (2021,)]


def test_editions_in_a_range_keep_missing_dates_as_gaps():
    assert rows("editions", "year edition_no start_date end_date format theme",
                convention="WMC", year_from=2019, year_to=2020) == [
        (2019, 2, "2019-09-20", "2019-09-23", "offline", "Fixture theme two"),
        (2020, 3, None, None, "online", None)]


def test_metric_names_by_category_then_metric():
    assert [metric for metric, in rows("metric_names", "metric")] == [
        "exhibition_area", "exhibition_area_hall", "exhibition_area_outdoor", "exhibitors",
        "funds_in_place", "investment_signed", "investment_signed_usd_reported", "projects_signed",
        "organizers", "attendees", "countries_regions"]


def test_metric_directions():
    directions = dict(rows("metric_directions", "metric higher_is_better"))
    assert len(directions) == 11 and set(directions.values()) == {True}  # every fixture metric: higher is better


def test_edition_status_of_editions_with_reported_figures():
    # Every fixture figure is a closing one (no stage column, no 'expected' qualifier), so each edition with a
    # reported figure is 'reported'; 2020 has derived figures only and no row. The 'preliminary' branch, an
    # edition of expected figures only, is tested in tests/test_edition_status.py.
    assert rows("edition_status", "year status", **ALL) == [(2018, "reported"), (2019, "reported"),
                                                            (2021, "reported")]


def test_fx_rates():
    assert rows("fx_rates", "year cny_per_usd publisher", year_from=2019, year_to=2020) == [
        (2019, 7.0, "Fixture Bank"), (2020, 6.9, "Fixture Bank")]


# ---------------------------------------------------------------- figures

def test_metric_series_keeps_an_edition_without_a_figure_as_a_gap():
    assert rows("metric_series", "metric year value qualifier source_id cny_per_usd",
                metrics=["projects_signed", "attendees"], include_derived=False, **ALL) == [
        ("attendees", 2018, 4000, "more_than", "src-a", 6.6), ("attendees", 2019, 4500, "more_than", "src-b", 7.0),
        ("attendees", 2020, None, None, None, 6.9), ("attendees", 2021, None, None, None, 6.5),
        ("projects_signed", 2018, 430, "more_than", "src-a", 6.6), ("projects_signed", 2019, 638, "exact", "src-b", 7.0),
        ("projects_signed", 2020, None, None, None, 6.9), ("projects_signed", 2021, None, None, None, 6.5)]


def test_metric_series_with_derived_figures():
    assert rows("metric_series", "year value is_derived note", metrics=["projects_signed"], include_derived=True,
                **ALL) == [(2018, 430, False, None), (2019, 638, False, None),
                           (2020, 1752 - 638 - 430, True, "1752 - 638 - 430"), (2021, None, None, None)]


def test_edition_kpis_blank_derived_figures_unless_asked():
    columns = "year projects_signed investment_signed exhibition_area organizers"
    assert rows("edition_kpis", columns, include_derived=False, **ALL) == [
        (2018, 430, 447, None, None), (2019, 638, 735.1, None, None), (2020, None, None, None, None),
        (2021, None, None, 43000, 3)]
    derived_2020 = rows("edition_kpis", columns, include_derived=True, convention="WMC", year_from=2020, year_to=2020)
    assert derived_2020 == [(2020, 684, pytest.approx(1800 - 735.1 - 447), None, None)]


def test_derived_facts():
    assert rows("derived_facts", "year metric value qualifier note", **ALL) == [
        (2020, "investment_signed", pytest.approx(617.9), "about", "1800 - 735.1 - 447"),
        (2020, "projects_signed", 684, "about", "1752 - 638 - 430")]


def test_explorer_facts_of_one_edition_by_category_and_label():
    assert rows("explorer_facts", "metric value scope publisher cny_per_usd", convention="WMC", year_from=2019,
                year_to=2019, include_derived=False) == [
        ("exhibitors", 800, "exhibition", "Test Gazette", 7.0),
        ("investment_signed", 735.1, "whole convention", "Test Gazette", 7.0),
        ("projects_signed", 638, "whole convention", "Test Gazette", 7.0),
        ("attendees", 4500, "whole convention", "Test Gazette", 7.0),
        ("countries_regions", 78, "whole convention", "Test Gazette", 7.0)]


def test_alternatives_beside_their_headline():
    assert rows("alternatives", "year metric headline_value headline_source_id value source_id preferred_by note",
                **ALL) == [(2019, "projects_signed", 638, "src-b", 640, "src-c", "results_over_release", "a later count")]


def test_breakdowns_with_the_investment_in_usd_at_each_years_rate():
    assert rows("breakdowns", "year dimension category projects investment_cny_bn investment", currency="USD",
                **ALL) == [(2018, "sector", "high-tech", 61, 88, pytest.approx(88 / CNY_PER_USD[2018])),
                           (2019, "size_band", "above 1 bn CNY", 100, None, None)]


def test_participation_with_each_organizations_first_edition():
    assert rows("participation", "organization role first_year editions", convention="WMC", year_from=2021,
                year_to=2021) == [
        ("Republic of Korea", "guest country of honor", 2021, 1),
        ("Chinese Academy of Engineering", "organizer", 2021, 1),
        ("Ministry of Industry and Information Technology", "organizer", 2019, 2),
        ("People's Government of Anhui Province", "organizer", 2019, 2)]


def test_coverage_status_of_each_edition_and_metric():
    frame = queries.run("coverage", convention="WMC", year_from=2020, year_to=2021)
    assert len(frame) == 2 * 11  # two editions x every metric
    found = {(y, m, s) for y, m, s in frame[["year", "metric", "status"]].itertuples(index=False) if s != "missing"}
    assert found == {(2020, "investment_signed", "derived"), (2020, "projects_signed", "derived"),
                     (2021, "exhibition_area", "reported"), (2021, "organizers", "reported")}


def test_claims_reconciliation_sums_closing_and_derived_figures_apart():
    frame = queries.run("claims_reconciliation", convention="WMC").set_index("claim_id")
    assert sorted(frame.index) == ["first-three-foreign", "first-three-investment", "first-three-projects",
                                   "first-two-countries", "first-two-exhibitors"]
    projects = frame.loc["first-three-projects"]
    assert (plain(projects["claimed"]), plain(projects["sum_closing"]), list(projects["years_closing"]),
            plain(projects["max_closing"]), plain(projects["max_closing_year"]), list(projects["years_derived"]),
            plain(projects["sum_derived"])) == (1752, 430 + 638, [2018, 2019], 638, 2019, [2020], 684)
    investment = frame.loc["first-three-investment"]
    assert plain(investment["sum_closing"]) == pytest.approx(447 + 735.1)
    exhibitors = frame.loc["first-two-exhibitors"]  # scope "exhibition": the 2019 exhibitors figure
    assert (plain(exhibitors["sum_closing"]), list(exhibitors["years_closing"])) == (800, [2019])
    foreign = frame.loc["first-three-foreign"]  # a subset no fact has as its scope
    assert (plain(foreign["editions_closing"]), plain(foreign["sum_closing"])) == (0, None)


def test_sources_list_counts_what_each_source_backs():
    # src-b: 5 figures of 2019; other rows: its edition, a breakdown, two participation rows.
    # src-c: 4 figures (2020 derived x2, 2021 x2), 5 claims; other: its edition and 4 participation rows.
    assert rows("sources_list", "source_id figures claims other_rows", **ALL) == [
        ("src-b", 5, 0, 1 + 1 + 2), ("src-c", 4, 5, 1 + 4), ("src-a", 3, 0, 1 + 1), ("src-fx", 0, 0, 4)]


def test_progress_followthrough_beside_the_signed_figures_and_claims_of_its_editions():
    (row,) = queries.run("progress_followthrough", convention="WMC", year_from=2018, year_to=2021,
                         signed_metrics=["projects_signed"]).to_dict("records")
    assert (row["report_id"], row["measure"], plain(row["value"]), plain(row["first_signed_on"]),
            plain(row["last_signed_on"]), plain(row["status_cny_per_usd"])) == (
        "r1", "projects_started", 800, "2018-09-22", "2019-09-23", CNY_PER_USD[2020])
    assert [(f["year"], f["value"]) for f in row["signed_figures"]] == [(2018, 430), (2019, 638)]
    assert [c["claim_id"] for c in row["signed_claims"]] == ["first-three-projects"]  # 2018-2020 covers 2018-2019


# ---------------------------------------------------------------- loads

def test_data_as_of_is_the_latest_run():
    # 12 fixture facts cite src-a, src-b and src-c: 3 sources back figures (sources.csv holds 4; the 4th backs none)
    assert rows("data_as_of", "run_id action sources facts") == [(2, "add", 3, 12)]


def test_load_runs_newest_first():
    assert rows("load_runs", "run_id action files rows") == [
        (2, "add", "register.csv", 4),
        (1, "build", "alternatives.csv, breakdowns.csv, claim_scopes.csv, claims.csv, editions.csv, facts.csv, "
                     "fx_rates.csv, metrics.csv, participation.csv, progress.csv, sources.csv",
         1 + 2 + 1 + 5 + 4 + 12 + 4 + 11 + 6 + 1 + 4 + 4)]  # the eleven files' data rows, and 4 organizations derived


# ---------------------------------------------------------------- the register

def test_register_exists(fixture_db, monkeypatch):
    assert rows("register_exists", "has_rows") == [(True,)]
    monkeypatch.setenv("WMC_DB", str(fixture_db))  # the fixture world alone has no register
    assert rows("register_exists", "has_rows") == [(False,)]


def test_register_rows_of_one_sector_and_at_most_max_rows():
    params = dict(ALL, sector="NEV", city=None, investor_origin=None)
    assert sorted(rows("register_rows", "year project_id investment_cny_bn", max_rows=10, **params)) == [
        (2018, "P1", 10.0), (2019, "P2", 14.0)]
    assert len(rows("register_rows", "year", max_rows=1, **params)) == 1


def test_register_by_sector_in_usd_at_each_years_rate():
    nev = 10 / CNY_PER_USD[2018] + 14 / CNY_PER_USD[2019]
    ics, displays = 20 / CNY_PER_USD[2018], 7 / CNY_PER_USD[2019]
    total = nev + ics + displays
    assert rows("register_by", "category projects investment share_pct currency", dimension="sector",
                currency="USD", **ALL) == [
        ("NEV", 2, pytest.approx(nev), pytest.approx(100 * nev / total), "USD"),
        ("ICs", 1, pytest.approx(ics), pytest.approx(100 * ics / total), "USD"),
        ("Displays", 1, pytest.approx(displays), pytest.approx(100 * displays / total), "USD")]


def test_register_by_edition_keeps_each_edition_apart_in_usd():
    assert rows("register_by_edition", "year category projects investment", dimension="sector",
                currency="USD", **ALL) == [
        (2018, "ICs", 1, pytest.approx(20 / CNY_PER_USD[2018])), (2018, "NEV", 1, pytest.approx(10 / CNY_PER_USD[2018])),
        (2019, "Displays", 1, pytest.approx(7 / CNY_PER_USD[2019])), (2019, "NEV", 1, pytest.approx(14 / CNY_PER_USD[2019]))]
    assert rows("register_by_edition", "year", dimension="name; drop table projects", currency="CNY", **ALL) == []


def test_register_by_an_unknown_dimension_gives_no_rows():
    assert rows("register_by", "category", dimension="name; drop table projects", currency="CNY", **ALL) == []


def test_register_summary_beside_the_reported_totals():
    assert rows("register_summary", "year register_projects reported_projects projects_difference "
                "register_investment reported_investment investment_difference",
                currency="CNY", include_derived=False, **ALL) == [
        (2018, 2, 430, 2 - 430, 10 + 20, 447, pytest.approx(30 - 447)),
        (2019, 2, 638, 2 - 638, 7 + 14, 735.1, pytest.approx(21 - 735.1))]


@pytest.mark.parametrize("name", ["register_top_exact", "register_top_stored"])
def test_register_top_exact_and_register_top_stored_agree(name):
    assert rows(name, "year project_id investment currency", currency="USD", limit=2, **ALL) == [
        (2018, "P2", pytest.approx(20 / 6.6), "USD"), (2019, "P2", pytest.approx(14 / 7.0), "USD")]


def test_register_top_candidates_reach_the_nth_largest():
    # The 2nd largest is 14 bn CNY: every project of at least 14 is a candidate.
    assert sorted(rows("register_top_candidates", "year project_id investment_cny_bn", candidates=2, **ALL)) == [
        (2018, "P2", 20.0), (2019, "P2", 14.0)]
