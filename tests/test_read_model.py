"""The read model (queries/read_model.py): what each figure is and what it may be compared with, on
the shipped data, for the cases a manager met (issue: one read model decides)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from loaders.validate import validate
from queries import read_model
from queries.read_model import PREVIOUS, earlier_editions, edition_view

ROOT = Path(__file__).resolve().parents[1]
# (edition, reference, currency, metric) -> why no change is shown
NOT_COMPARED = [
    (2025, PREVIOUS, "CNY", "attendees", "different_scope"),  # opening-day guests against a pre-opening announcement
    (2024, PREVIOUS, "CNY", "attendees", "different_scope"),  # announced guests against everyone at every activity
    (2025, 2023, "CNY", "exhibition_area", "different_scope"),  # 10 zones against the whole site
    (2023, PREVIOUS, "CNY", "exhibition_area", "different_scope"),  # whole site against the exhibition
    (2023, PREVIOUS, "CNY", "projects_signed", "different_stage"),  # closing against expected
    (2019, PREVIOUS, "CNY", "attendees", "both_lower_bounds"),  # 4,500+ against 4,000+
    (2024, PREVIOUS, "USD", "investment_signed", "different_basis"),  # the source's USD against a conversion
]


@pytest.fixture
def shipped(shipped_db, monkeypatch):
    monkeypatch.setenv("WMC_DB", str(shipped_db))

    def view(year, reference=PREVIOUS, currency="CNY"):
        cards = edition_view("WMC", 2018, 2025, currency, False, year, reference).cards
        return {c.metric: c for c in cards}
    return view


@pytest.mark.parametrize("year, reference, currency, metric, reason", NOT_COMPARED)
def test_figures_that_differ_in_scope_stage_or_basis_are_not_compared(shipped, year, reference, currency, metric,
                                                                      reason):
    comparison = shipped(year, reference, currency)[metric].comparison
    assert (comparison.reason, comparison.absolute, comparison.percent) == (reason, None, None)


def test_comparable_figures_get_a_change_with_its_direction(shipped):
    comparison = shipped(2025, 2023)["projects_signed"].comparison
    assert (comparison.reason, comparison.absolute, comparison.direction) == (None, 148.0, "up")
    assert round(comparison.percent, 1) == 25.2


def test_a_change_from_a_lower_bound_is_only_an_upper_bound(shipped):
    comparison = shipped(2021, 2019)["attendees"].comparison  # nearly 1,400 against 4,500+
    assert (comparison.reason, comparison.bound) == (None, "at_most")


def test_a_total_missing_with_its_parts_reported_names_the_parts(shipped):
    area = shipped(2024)["exhibition_area"]
    assert area.missing == "parts_only"
    assert [(p.metric, p.value) for p in area.parts] == [("exhibition_area_hall", 20000.0),
                                                         ("exhibition_area_outdoor", 32000.0)]


def test_compare_with_offers_only_earlier_editions():
    assert earlier_editions([2025, 2024, 2023, 2019], 2024) == [2023, 2019]
    assert earlier_editions([2019, 2025], 2019) == []


def test_a_later_or_the_same_edition_is_never_a_reference(shipped):
    assert shipped(2019, 2025)["projects_signed"].comparison.reason == "not_earlier"
    assert shipped(2024, 2024)["projects_signed"].comparison.reason == "same_edition"


def test_the_edition_claims_end_at_or_before_it_its_own_span_first(shipped_db, monkeypatch):
    monkeypatch.setenv("WMC_DB", str(shipped_db))
    claims = edition_view("WMC", 2018, 2025, "CNY", False, 2022).claims
    assert (claims["year_to"] <= 2022).all() and not claims.empty
    own = claims[claims["year_to"] == 2022]
    assert claims.index[:len(own)].tolist() == own.index.tolist()  # the edition's own span first
    assert ((own["metric"] == "projects_signed") & (own["claimed"] == 3021)).any()  # 2018–2022: 3,021 projects


def test_stage_is_data_and_a_file_without_it_loads_with_the_default():
    rows = pd.DataFrame({"convention": ["WMC"] * 3, "year": [2022, 2022, 2023],
                         "metric": ["projects_signed", "attendees", "attendees"], "value": ["568", "1000", "16000"],
                         "unit": ["projects", "people", "people"], "qualifier": ["expected", "more_than", "exact"],
                         "scope": ["whole convention"] * 3, "source_id": ["s"] * 3, "is_derived": ["false"] * 3})
    assert validate("facts", rows, "old.csv")["stage"].tolist() == ["expected", "closing", "closing"]
    given = validate("facts", rows.assign(stage=["expected", "preliminary", ""]), "new.csv")
    assert given["stage"].tolist() == ["expected", "preliminary", "closing"]


def test_an_unknown_stage_is_refused_naming_the_row():
    rows = pd.DataFrame({"convention": ["WMC"], "year": [2022], "metric": ["projects_signed"], "value": ["568"],
                         "unit": ["projects"], "qualifier": ["exact"], "scope": ["whole convention"],
                         "source_id": ["s"], "is_derived": ["false"], "stage": ["opening"]})
    with pytest.raises(Exception, match="stage"):
        validate("facts", rows, "new.csv")


def test_every_card_metric_states_what_it_is_compared_by(shipped_db, monkeypatch):
    monkeypatch.setenv("WMC_DB", str(shipped_db))
    from queries import run
    rows = run("metric_series", convention="WMC", year_from=2018, year_to=2025,
               metrics=list(read_model.KPI_METRICS), include_derived=False)
    rules = dict(zip(rows["metric"], rows["compare_by"]))
    assert rules["investment_signed"] == "scope stage basis" and rules["attendees"] == "scope stage"


def test_a_metric_compared_by_an_unknown_dimension_is_refused_naming_it(tmp_path):
    import shutil

    from loaders.build import build
    from loaders.errors import LoadError

    world = tmp_path / "world"
    shutil.copytree(ROOT / "tests" / "fixtures" / "world", world)
    metrics = (world / "metrics.csv").read_text(encoding="utf-8").splitlines()
    metrics[0] += ",compare_by"
    metrics[1:] = [line + ",scope stage" for line in metrics[1:]]
    metrics[1] = metrics[1].removesuffix("scope stage") + "scope colour"
    (world / "metrics.csv").write_text("\n".join(metrics) + "\n", encoding="utf-8")
    with pytest.raises(LoadError, match=r"compare_by names \['colour'\]"):
        build(world, tmp_path / "x.duckdb")


def test_an_edition_is_decided_once_per_database_version_and_per_choice(shipped_db, monkeypatch):
    import queries

    monkeypatch.setenv("WMC_DB", str(shipped_db))
    decided = []
    real = read_model._decide_edition_view
    monkeypatch.setattr(read_model, "_decide_edition_view", lambda **args: decided.append(args) or real(**args))
    queries.clear_cache()
    first = edition_view("WMC", 2018, 2025, "CNY", False, 2024)
    assert edition_view("WMC", 2018, 2025, "CNY", False, 2024) is first  # picked again: not decided again
    usd = edition_view("WMC", 2018, 2025, "USD", False, 2024)
    assert usd is not first and usd.currency == "USD" and len(decided) == 2  # another choice is its own view
    queries.clear_cache()  # what a new database version starts with
    assert edition_view("WMC", 2018, 2025, "CNY", False, 2024) is not first and len(decided) == 3


def test_the_overview_opens_on_the_latest_edition_with_a_headline_value():
    from queries.read_model import opening_edition

    series = pd.DataFrame({"year": [2019, 2021, 2022, 2023], "metric": ["projects_signed", "exhibition_area",
                                                                        "projects_signed_growth_pct", "attendees"],
                           "value": [536.0, 6.0, 12.0, None]})
    # 2022 has only a growth rate and 2023 a missing value: neither is a headline card's figure
    assert opening_edition(series, [2018, 2019, 2021, 2022, 2023]) == 2021
    assert opening_edition(series.iloc[2:], [2019, 2023, 2021]) == 2023  # no headline value: the latest edition
    assert opening_edition(series.iloc[0:0], []) is None
