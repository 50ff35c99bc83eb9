"""Press-release extraction: the edition year of a release (lead evidence only) and of a sentence naming another edition."""
from __future__ import annotations

import pytest

from loaders.intake import read_rows_of
from loaders import press_release as pr
from loaders.errors import LoadError
from press_release_helpers import LEAD, facts


def test_dateline_gives_the_year_when_nothing_else_does():
    ex = pr.extract("WUXI, Jiangsu, Oct. 3, 2022 -- A fair ended. It is unrelated to the World Manufacturing "
                    "Convention.\n")
    assert (ex.year, ex.year_source) == (2022, "dateline")


def test_year_argument_and_missing_year(tmp_path):
    release = tmp_path / "r.txt"
    release.write_text("The World Manufacturing Convention closed with 638 projects signed.\n", encoding="utf-8")
    with pytest.raises(LoadError, match="cannot tell the edition year; pass --year"):
        read_rows_of(release)
    frame = read_rows_of(release, year=2019)
    assert frame.to_dict("records") == [{
        "convention": "WMC", "year": 2019, "metric": "projects_signed", "value": 638, "unit": "projects",
        "qualifier": "exact", "scope": "whole convention", "is_derived": False,
        "note": "The World Manufacturing Convention closed with 638 projects signed.", "stage": "closing",
        "subset": False, "results": False}]


def test_ordinal_edition_gives_the_year():
    assert pr.extract("The fourth World Manufacturing Convention closed with 703 projects signed.\n").year == 2021


def test_an_edition_named_by_ordinal_is_another_edition():
    text = "The 2023 World Manufacturing Convention closed in Hefei. {}"
    assert facts("The fourth convention signed 333 projects.") == []
    assert facts("The fourth WMC signed 333 projects.", year=2021) == [
        ("projects_signed", 333, "projects", "exact", 2021)]
    assert pr.extract(text.format("The sixth convention signed 333 projects.")).facts[0].value == 333
    assert pr.ordinal_years("since the first edition, and at the third edition") == {2020}


@pytest.mark.parametrize("sentence", [
    "The inaugural edition signed 430 projects.",
    "The maiden convention drew 800 exhibitors.",
    "Next year's convention is expected to sign 800 projects.",
    "The next edition will feature 900 exhibitors.",
    "The year before, 650 projects were signed.",
    "The convention signed 700 projects, the most since 2018.",
])
def test_another_edition_named_without_its_year_gives_no_fact(sentence):
    ex = pr.extract(LEAD + sentence)
    assert not ex.facts and not ex.claims


def _year(text: str) -> tuple:
    ex = pr.extract(text)
    return ex.year, ex.year_source


def test_later_mention_of_another_year_is_no_evidence():
    text = ("Robots, buyers and a long week\n\n"
            "LU'AN, Oct. 3, 2026 -- Exhibitors at the ninth World Manufacturing Convention packed up on Sunday.\n\n"
            "Over five days, 512 projects were signed.\n\n"
            '"By the 2027 convention we want twice as many buyers," one organizer said.\n')
    ex = pr.extract(text)
    assert (ex.year, ex.year_source) == (2026, "ordinal")
    assert [(f.metric, f.value, f.year) for f in ex.facts] == [("projects_signed", 512, 2026)]


def test_dateline_and_edition_beat_a_year_named_later_in_the_lead():
    text = ("WUHU, Oct. 9, 2026 -- The 2026 edition of the World Manufacturing Convention ended with 512 projects "
            "signed. A lithium plant agreed at the 2021 edition is now running.\n\n"
            "A wind-blade deal signed at the 2021 edition was worth 9 billion yuan.\n")
    ex = pr.extract(text)
    assert ex.year == 2026
    assert [(f.metric, f.value, f.year) for f in ex.facts] == [("projects_signed", 512, 2026)]


def test_dateline_alone_gives_the_year_and_wire_tags_are_allowed():
    assert _year("ANQING, Oct. 1, 2026 (Wire) -- The World Manufacturing Convention opens today.\n") == (2026, "dateline")


def test_reference_words_before_a_year_are_no_evidence():
    text = ("BENGBU, Oct. 1, 2026 -- Compared with the 2021 World Manufacturing Convention, this year's event "
            "doubled its exhibition area.\n")
    assert _year(text) == (2026, "dateline")


def test_full_name_beats_generic_edition_and_publication_dates():
    assert _year("date 2027-01-15\nWMC 2026 in review: the World Manufacturing Convention looked back on a busy "
                 "year.\n") == (2026, "text")
    assert _year("The 2026 World Manufacturing Convention closed. The 2025 edition had more buyers.\n")[0] == 2026


def test_byline_date_counts_when_nothing_stronger_does():
    text = ("Convention wraps up in Hefei\nPublished: 2026-10-04 08:15 | Desk: Industry\n\n"
            "The World Manufacturing Convention wrapped up on Saturday with a crowd of buyers.\n")
    assert _year(text) == (2026, "byline")


def test_conflicting_or_missing_evidence_leaves_the_year_unknown(tmp_path):
    text = ("The 2025 World Manufacturing Convention and the 2026 World Manufacturing Convention share a venue. "
            "This year 512 projects were signed.\n")
    ex = pr.extract(text)
    assert ex.year is None and any("several edition years (2025, 2026)" in w for w in ex.warnings)
    assert all(f.year is None for f in ex.facts)
    ex = pr.extract("The World Manufacturing Convention closed with 512 projects signed.\n")
    assert ex.year is None and any("pass --year" in w for w in ex.warnings)
    release = tmp_path / "r.txt"
    release.write_text(text, encoding="utf-8")
    with pytest.raises(LoadError, match="cannot tell the edition year; pass --year"):
        read_rows_of(release)


def test_from_the_first_edition_is_no_ordinal_evidence():
    text = ("CHIZHOU, Oct. 2, 2026 -- Growing steadily from the first edition, the World Manufacturing Convention "
            "closed on Friday.\n")
    assert _year(text) == (2026, "dateline")


LEAD_2026 = "The 2026 World Manufacturing Convention closed in Hefei.\n\n"


def test_sentence_reporting_another_editions_results_gets_that_year():
    ex = pr.extract(LEAD_2026 + "The 2021 edition closed with 512 projects signed.")
    assert [(f.metric, f.value, f.year) for f in ex.facts] == [("projects_signed", 512, 2021)]
    ex = pr.extract(LEAD_2026 + "WMC 2021 drew 3,300 participants.")
    assert [(f.metric, f.value, f.year) for f in ex.facts] == [("attendees", 3300, 2021)]


@pytest.mark.parametrize("sentence", [
    "A record of 512 projects, set at the 2021 edition, still stands.",
    "In 2021, 512 projects were signed.",
    "The 2021 edition, unlike the 2022 one, saw 512 projects signed.",
    "Last year's edition closed with 512 projects signed.",
    "Peru was the guest country of honor at the 2021 edition.",
])
def test_sentence_naming_another_edition_otherwise_gives_nothing(sentence):
    ex = pr.extract(LEAD_2026 + sentence)
    assert ex.facts == [] and ex.participation == []


def test_founding_year_in_passing_does_not_make_a_sentence_about_another_edition():
    ex = pr.extract(LEAD_2026 + "Launched in 2018, the convention is jointly organized by the Ministry of Commerce "
                                "and the Chinese Academy of Engineering.")
    assert [(p.organization, p.year) for p in ex.participation] == [
        ("Ministry of Commerce", 2026), ("Chinese Academy of Engineering", 2026)]


def test_year_followed_by_a_comma_is_still_another_year():
    assert facts("In 2021, 512 projects were signed.") == []
