"""Press-release extraction: cumulative statements, running totals, records and retrospectives (claims, never this edition's facts)."""
from __future__ import annotations

import pytest

from loaders import press_release as pr
from press_release_helpers import LEAD, WRAPPED, facts


@pytest.mark.parametrize("sentence, expected", [
    ("Since 2018, the convention had seen 3,021 projects signed.", ("projects_signed", 3021, "exact", 2018, 2022)),
    ("In the past five years, more than 14,800 participants attended.", ("attendees", 14800, "more_than", 2018, 2022)),
    ("Over five editions, the convention attracted over 14,800 participants.", ("attendees", 14800, "more_than", 2018, 2022)),
    ("The first three editions saw 1,752 projects signed.", ("projects_signed", 1752, "exact", 2018, 2020)),
    ("The first three editions drew about 1.8 trillion yuan in signed investment.",
     ("investment_signed", 1800, "about", 2018, 2020)),
    ("Before this edition, funds in place since 2018 had surpassed one trillion yuan (approx. U$150 billion).",
     ("funds_in_place", 1000, "more_than", 2018, 2022)),
])
def test_cumulative_statements_are_claims_never_facts(sentence, expected):
    ex = pr.extract(LEAD + sentence)
    assert ex.facts == []
    assert [(c.metric, c.value, c.qualifier, c.year_from, c.year_to) for c in ex.claims] == [expected]


def test_during_the_period_takes_its_range_from_the_sentence_before():
    ex = pr.extract(LEAD + "Since its launch in 2018 it has run for five successive years. "
                           "During the period, 3,021 projects were signed.")
    assert [(c.metric, c.value, c.year_from, c.year_to) for c in ex.claims] == [("projects_signed", 3021, 2018, 2022)]


def test_claim_context_from_those_editions_and_one_company_amounts():
    ex = pr.extract(LEAD + "The first four editions brought 2,400 signed projects. Those editions drew over 12,000 "
                           "attendees, and one chipmaker alone signed deals worth 4 billion yuan.")
    assert ex.facts == []
    assert [(c.metric, c.value, c.year_from, c.year_to) for c in ex.claims] == [
        ("projects_signed", 2400, 2018, 2021), ("attendees", 12000, 2018, 2021)]
    assert facts("An auto parts supplier alone signed deals worth 9 billion yuan at the convention.") == []
    ex = pr.extract(LEAD + "Since 2018 it has grown fast. This time, 718 projects were signed.")
    assert [(f.metric, f.value) for f in ex.facts] == [("projects_signed", 718)] and ex.claims == []


RETROSPECTIVE = (
    "Five Years of Deals: a Look Back\n\n"
    "The World Manufacturing Convention has met in Hefei every autumn since its launch. "
    "The 2018 convention closed with 400 projects signed. "
    "In 2019, the convention signed 510 projects worth 600 billion yuan, with Italy as guest country of honor. "
    "That year's exhibition drew 700 exhibitors. "
    "The 2021 edition signed 620 projects despite travel limits. "
    "Organizers said 480 projects were expected to be signed at the opening of the 2022 convention. "
    "The five conventions from 2018 to 2022 signed 2,600 projects in all.\n")


def test_retrospective_figures_take_their_own_sentence_year_or_none():
    ex = pr.extract(RETROSPECTIVE)
    assert ex.year is None and any("retrospective" in w for w in ex.warnings)
    assert sorted((f.year, f.metric, f.value, f.scope) for f in ex.facts) == [
        (2018, "projects_signed", 400, "whole convention"),
        (2019, "investment_signed", 600, "whole convention"),
        (2019, "projects_signed", 510, "whole convention"),
        (2021, "projects_signed", 620, "whole convention"),
        (2022, "projects_signed", 480, "whole convention"),
    ]  # "That year's exhibition drew 700 exhibitors": the year is not the sentence's own -- nothing
    assert [(p.organization, p.year) for p in ex.participation] == [("Italy", 2019)]
    assert [(c.metric, c.value, c.year_from, c.year_to) for c in ex.claims] == [("projects_signed", 2600, 2018, 2022)]
    # with --year the release's edition is set, but a sentence without its own year still gives nothing
    ex = pr.extract(RETROSPECTIVE, year=2022)
    assert ex.year == 2022 and 700 not in [f.value for f in ex.facts]
    assert (2019, 510) in [(f.year, f.value) for f in ex.facts]


def test_one_past_edition_in_passing_is_no_retrospective():
    text = ("The 2024 World Manufacturing Convention closed in Hefei with 700 projects signed. "
            "The 2023 edition had signed 650 projects. The exhibition drew 500 exhibitors.\n")
    ex = pr.extract(text)
    assert ex.year == 2024 and not pr.is_retrospective(pr.split_sentences(text))
    assert {(f.year, f.metric, f.value) for f in ex.facts} == {
        (2024, "projects_signed", 700), (2023, "projects_signed", 650), (2024, "exhibitors", 500)}


@pytest.mark.parametrize("sentence", [
    "Guests came from 37 countries and regions, the highest number in the convention's history.",
    "Guests came from 37 countries and regions, a record in its history.",
    "Guests came from 37 countries and regions, the most of all editions.",
])
def test_a_record_against_history_is_this_editions_figure_not_a_claim(sentence):
    ex = pr.extract(LEAD + sentence)
    assert [(f.metric, f.value, f.year) for f in ex.facts] == [("countries_regions", 37, 2023)]
    assert not ex.claims


@pytest.mark.parametrize("sentence, metric, value", [
    ("Since it was launched in 2018, the convention has signed 4,000 projects.", "projects_signed", 4000),
    ("Since the convention began, it has drawn 30,000 guests.", "attendees", 30000),
    ("Over its history the convention has signed 4,000 projects.", "projects_signed", 4000),
    ("The convention has signed a record 4,000 projects so far.", "projects_signed", 4000),
])
def test_running_totals_said_without_a_year_are_claims(sentence, metric, value):
    ex = pr.extract(LEAD + sentence)
    assert not ex.facts and [(c.metric, c.value) for c in ex.claims] == [(metric, value)]


def test_an_appositive_record_since_the_start_is_this_editions_figure():
    ex = pr.extract(LEAD + "Exhibitors numbered 600, the most since the convention began.")
    assert [(f.metric, f.value, f.year) for f in ex.facts] == [("exhibitors", 600, 2023)] and not ex.claims


def test_claim_range_from_explicit_years():
    ex = pr.extract(LEAD + "From 2018 to 2021 the convention signed 2,300 projects.")
    assert [(c.value, c.year_from, c.year_to) for c in ex.claims] == [(2300, 2018, 2021)]
    ex = pr.extract(LEAD + "The four conventions between 2018 and 2021 drew 12,000 participants.")
    assert [(c.metric, c.year_from, c.year_to) for c in ex.claims] == [("attendees", 2018, 2021)]


def test_since_the_first_edition_in_a_closing_bulletin_is_a_claim_through_this_edition():
    ex = pr.extract(WRAPPED)
    assert ex.facts == []
    assert [(c.metric, c.value, c.qualifier, c.year_from, c.year_to) for c in ex.claims] == [
        ("projects_signed", 2455, "exact", 2018, 2021)]


@pytest.mark.parametrize("lead, sentence, years", [
    (LEAD, "Since its launch, the convention has seen 3,800 projects signed.", (2018, 2023)),
    (LEAD, "Since its debut in 2018, 3,800 projects have been signed.", (2018, 2023)),
    (LEAD, "Across the past five editions, 3,021 projects were signed.", (2018, 2022)),
    (LEAD, "In total over its editions, the convention signed 3,800 projects.", (2018, 2023)),
    (LEAD, "Before this edition, 3,021 projects had been signed since 2018.", (2018, 2022)),
    ("The 2023 World Manufacturing Convention will open in Hefei. ",
     "Since the first edition, the convention has seen 3,021 projects signed.", (2018, 2022)),
    ("The 2023 World Manufacturing Convention will open in Hefei. ",
     "So far, 3,021 projects have been signed at the convention.", (2018, 2022)),
])
def test_cumulative_wordings_and_their_year_range(lead, sentence, years):
    ex = pr.extract(lead + sentence)
    assert ex.facts == []
    assert [(c.year_from, c.year_to) for c in ex.claims] == [years]
