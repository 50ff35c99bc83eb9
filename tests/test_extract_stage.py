"""Stage of each extracted figure, decided per clause from tense and cue words in both languages.
The sentences are invented for these tests."""
import pytest

from loaders.press_release import extract
from loaders.release_rows import fact_rows


def stages(text):
    return {(f.metric, f.value, f.stage) for f in extract(text).facts}


@pytest.mark.parametrize("text, expected", [
    ("The 2031 World Manufacturing Convention opened on Monday. Preliminary agreements were reached on 540 "
     "projects.", ("projects_signed", 540, "preliminary")),
    ("2031世界制造业大会开幕。大会拟签约项目530个。", ("projects_signed", 530, "expected")),
    ("2031世界制造业大会开幕。截至目前，大会已签约项目498个。", ("projects_signed", 498, "preliminary")),
    ("2031世界制造业大会开幕。大会将签约项目525个。", ("projects_signed", 525, "expected")),
    ("2031世界制造业大会开幕。预计签约项目520个。", ("projects_signed", 520, "expected")),
    ("The 2031 World Manufacturing Convention opens on Friday, where 515 projects are expected to be signed.",
     ("projects_signed", 515, "expected")),
])
def test_cue_words_make_a_figure_preliminary_or_expected(text, expected):
    assert stages(text) == {expected}


def test_an_opening_day_report_after_a_will_be_held_line_is_reported():
    text = ("The 2031 World Manufacturing Convention will be held in Hefei until Friday.\n"
            "On Monday morning, 318 projects were signed as the convention opened.\n")
    assert extract(text).stage == "preview"
    assert stages(text) == {("projects_signed", 318, "reported")}


def test_a_chinese_morning_signing_after_a_preview_line_is_reported():
    text = "2031世界制造业大会将于9月20日开幕。\n20日上午，大会已集中签约项目301个。\n"
    assert stages(text) == {("projects_signed", 301, "reported")}


def test_a_preview_without_a_done_verb_stays_expected():
    text = "2031世界制造业大会将于9月20日开幕。\n大会设展面积5万平方米。\n"
    assert stages(text) == {("exhibition_area", 50000, "expected")}


def test_the_reported_figure_wins_when_a_release_gives_both():
    text = ("The 2031 World Manufacturing Convention closed on Friday. 600 projects were expected to be signed; "
            "in the end 612 projects were signed.")
    assert ("projects_signed", 612, "reported") in stages(text)


def test_a_planned_figure_is_stored_as_expected():
    rows = fact_rows(extract("2031世界制造业大会开幕。大会将签约项目525个。"))
    assert rows[["qualifier", "stage"]].values.tolist() == [["expected", "expected"]]


def test_an_interim_count_keeps_its_own_qualifier_as_the_curated_preliminary_rows_do():
    rows = fact_rows(extract("2031世界制造业大会开幕。截至目前，大会已签约项目498个。"))
    assert rows[["qualifier", "stage"]].values.tolist() == [["exact", "preliminary"]]


def test_results_conference_figures_are_marked_as_such():
    text = ("Results press conference of the 2031 World Manufacturing Convention\n"
            "The 2031 World Manufacturing Convention closed with 640 projects signed.\n")
    assert fact_rows(extract(text))[["stage", "results"]].values.tolist() == [["closing", True]]
