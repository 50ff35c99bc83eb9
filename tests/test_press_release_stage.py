"""Press-release extraction: the stage of a figure (expected at the opening, reported at the close)."""
from __future__ import annotations

from loaders import press_release as pr
from press_release_helpers import LEAD, facts


def test_expected_figures_get_lower_confidence_and_their_own_scope():
    ex = pr.extract(LEAD + "A total of 568 projects are expected to be signed.")
    (fact,) = ex.facts
    assert (fact.metric, fact.value, fact.qualifier, fact.scope, fact.stage) == (
        "projects_signed", 568, "exact", "whole convention", "expected")
    assert fact.confidence < 0.7


def test_a_title_restating_an_expected_figure_is_expected():
    text = ("Convention opens in Hefei with 412 projects in the pipeline\n\n"
            "The 2021 World Manufacturing Convention opened on Friday, and organizers said 412 projects are "
            "expected to be signed during the event.\n")
    ex = pr.extract(text)
    assert [(f.metric, f.value, f.scope, f.stage) for f in ex.facts] == [
        ("projects_signed", 412, "whole convention", "expected")]
    assert facts("Organizers have 300 projects lined up for the signing ceremony on Friday.") == []
    ex = pr.extract(LEAD + "The event has 300 projects in the pipeline.")
    assert [(f.value, f.stage) for f in ex.facts] == [(300, "expected")]


def test_release_stage():
    assert pr.release_stage("The convention closed on Monday.") == "closed"
    assert pr.release_stage("The convention will open on Tuesday.") == "preview"
    assert pr.release_stage("The convention opened on Tuesday.") == ""


def test_expected_deals_at_the_opening_ceremony_get_the_expected_scope():
    ex = pr.extract("The 2022 World Manufacturing Convention will open in Hefei. We expect 568 projects worth "
                    "367.7 billion yuan to be signed at the opening ceremony.")
    assert {(f.metric, f.value, f.stage) for f in ex.facts} == {
        ("projects_signed", 568, "expected"), ("investment_signed", 367.7, "expected")}
