"""Two readings the replay of real editions needed (issue #21 item 5), each with invented sentences:
an opening-day report counts while the convention runs (its done figures are preliminary), and an exhibition area
stated beside an outdoor area said to be added is the hall's, whatever a translation calls it."""
import pytest

from loaders.press_release import extract


def figures(text):
    return {(f.metric, f.value, f.stage) for f in extract(text).facts}


@pytest.mark.parametrize("text, expected", [
    ("The 2031 World Manufacturing Convention opened on Friday in Hefei. It drew 1,300 guests on its first day.",
     ("attendees", 1300, "preliminary")),
    ("2031世界制造业大会在合肥开幕\n\n2031世界制造业大会20日在合肥开幕。来自40个国家和地区的嘉宾出席。",
     ("countries_regions", 40, "preliminary")),
    ("The 2031 World Manufacturing Convention kicked off on Friday, and 610 exhibitors showed their products.",
     ("exhibitors", 610, "preliminary")),
])
def test_what_an_opening_day_report_counts_is_preliminary(text, expected):
    assert expected in figures(text)


def test_a_results_release_naming_the_opening_ceremony_stays_closing():
    text = ("2031世界制造业大会成果发布\n本届大会开幕式上发布了多项成果。本届大会共签约项目700个。")
    assert figures(text) == {("projects_signed", 700, "reported")}


def test_a_present_tense_head_count_is_preliminary():
    text = ("The 2031 World Manufacturing Convention runs from Sept. 20 to 23 in Hefei and is attended by more than "
            "1,500 guests.")
    assert ("attendees", 1500, "preliminary") in figures(text)


@pytest.mark.parametrize("text", [
    "The 2031 World Manufacturing Convention closed on Monday. It had a total exhibition area of 18,000 square "
    "meters. For the first time, an outdoor exhibition area was added.",
    "2031世界制造业大会闭幕。大会设置了8个展区,共1.8万平方米。大会首次增设2.5万平方米室外展区。",
])
def test_an_area_beside_an_added_outdoor_area_is_the_hall(text):
    areas = {(f.metric, f.value) for f in extract(text).facts if f.metric.startswith("exhibition_area")}
    assert ("exhibition_area_hall", 18000) in areas and ("exhibition_area", 18000) not in areas


def test_a_total_that_includes_a_smaller_outdoor_part_stays_the_total():
    text = ("The 2031 World Manufacturing Convention closed on Monday. The exhibition covered 60,000 square meters "
            "in all, and an outdoor area of 9,000 square meters was added.")
    assert ("exhibition_area", 60000) in {(f.metric, f.value) for f in extract(text).facts}


def test_a_leading_phrase_describing_the_exhibition_hall_gives_the_hall_area():
    text = ("The 2031 World Manufacturing Convention will open on Friday. Covering 18,000 square meters, the "
            "exhibition hall will show new machines.")
    assert ("exhibition_area_hall", 18000, "expected") in figures(text)


def test_an_opening_day_figure_is_not_flagged_as_an_unclear_stage():
    from loaders.press_release import review_items

    text = "The 2031 World Manufacturing Convention opened on Friday in Hefei. 480 projects were signed that morning."
    item = next(i for i in review_items(extract(text)) if i["metric"] == "projects_signed")
    assert (item["stage"], item["flags"]) == ("preliminary", [])
