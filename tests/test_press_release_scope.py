"""Press-release extraction: which figure is a whole-convention total, and which a part (subset, size band, sector, one actor) or another event."""
from __future__ import annotations

import pytest

from loaders import press_release as pr
from press_release_helpers import LEAD, facts


@pytest.mark.parametrize("sentence", [
    "The number of projects rose 46 percent, and investment rose 46%.",
    "The convention opened on September 20, 2023.",
    "The 2023 edition closed.",
    "It has held 5 successive years of events.",
    "The convention marked five editions.",
    "Visitors saw a maglev train with a speed of 600 km per hour and an 80,000-ton press.",
    "The organizers released the China Top 500 list of manufacturing enterprises.",
    "The exhibition has 300 booths and 12 halls.",
    "The largest single project is worth 220 billion yuan.",
    "Last year's convention saw 703 projects signed.",
    "Germany signed 44 deals at the 2022 edition.",
    "During the four convention days, 399 projects worth 374.32 billion yuan were contracted on site.",
    "An online signing session saw 65 projects signed, with investment of 50,972 million yuan.",
    "A total of 2,158 important guests attended.",
    "The exhibition showed 2,605 products, 236 of which were shown for the first time.",
    "Hefei has 9.6 million residents and 2,000 high-tech enterprises.",
    "The province's GDP reached 4.7 trillion yuan last year.",
    "The company plans to invest 5 billion yuan in a new plant.",
    "A 10-billion-yuan fund for manufacturing was launched at the convention.",
    "More than 60 companies from Germany signed deals worth 20 billion yuan.",
    "A delegation of 200 representatives from Korea attended.",
    "Investment in the 60 projects signed on the first day totaled 100 billion yuan.",
    "The city now hosts 15 Fortune 500 companies' regional headquarters.",
    "The convention's 8 pavilions showcased 1,000 new products.",
    "Tickets cost 50 yuan.",
])
def test_trap_gives_no_wrong_fact(sentence):
    got = facts(sentence)
    assert got == [] or got == [("exhibits", 2605, "products", "exact", 2023)], got


def test_other_event_release_gives_nothing():
    text = ("The 2024 Yangtze Robotics Expo closed with 120 projects signed, worth 45 billion yuan.\n"
            "It was timed to complement the World Manufacturing Convention held in Hefei.\n")
    assert pr.extract(text, year=2024).facts == []
    assert pr.extract("The 2023 Textile Fair signed 215 projects.\n", year=2023).facts == []


def test_manufacturing_subset_is_a_breakdown_not_the_total():
    ex = pr.extract(LEAD + "A total of 718 projects worth 369.2 billion yuan were signed. "
                           "Of these, 679 were manufacturing projects, with investment of 327.3 billion yuan.")
    assert [(f.metric, f.value) for f in ex.facts] == [("projects_signed", 718), ("investment_signed", 369.2)]
    assert [(b.dimension, b.category, b.projects, b.investment_cny_bn) for b in ex.breakdowns] == [
        ("subset", "manufacturing", 679, 327.3)]


def test_size_bands_and_sectors():
    ex = pr.extract(LEAD + "There were 167 projects each worth more than 1 billion yuan, with a combined investment of "
                           "421.91 billion yuan, including seven projects above 10 billion yuan with a combined "
                           "investment of 90.2 billion yuan. By sector, 66 projects in new energy vehicles and power "
                           "batteries drew 146.37 billion yuan, and 87 information technology projects drew "
                           "91.73 billion yuan.")
    assert ex.facts == []
    assert [(b.dimension, b.category, b.projects, b.investment_cny_bn) for b in ex.breakdowns] == [
        ("size_band", "above 1 bn CNY", 167, 421.91),
        ("size_band", "above 10 bn CNY", 7, 90.2),
        ("sector", "new energy vehicles and power batteries", 66, 146.37),
        ("sector", "information technology", 87, 91.73),
    ]


def test_breakdown_forms_from_the_blind_errors():
    ex = pr.extract(LEAD + "A total of 812 projects worth 455 billion yuan were signed. "
                           "Electronics accounted for the largest share, with 120 projects worth 60.5 billion yuan. "
                           "Manufacturing made up most of the rest, with 500 projects worth 300 billion yuan. "
                           "Hefei accounted for many deals, with 90 projects worth 40 billion yuan. "
                           "Of all the projects, 95 are each worth above 2 billion yuan, together valued at 250 "
                           "billion yuan. Manufacturing projects numbered 530, with investment of 310 billion yuan.")
    assert [(f.metric, f.value) for f in ex.facts] == [("projects_signed", 812), ("investment_signed", 455)]
    assert [(b.dimension, b.category, b.projects, b.investment_cny_bn) for b in ex.breakdowns] == [
        ("sector", "electronics", 120, 60.5), ("subset", "manufacturing", 500, 300),
        ("size_band", "above 2 bn CNY", 95, 250), ("subset", "manufacturing", 530, 310)]


def test_a_breakdown_repeated_in_two_languages_is_one():
    text = ("The 2022 World Manufacturing Convention closed with 600 projects signed. Manufacturing projects "
            "numbered 540, with an investment of 300 billion yuan.\n\n2022世界制造业大会闭幕。共签约项目600个。"
            "其中制造业项目540个，投资额3000亿元。\n")
    ex = pr.extract(text)
    assert [(b.category, b.projects, b.investment_cny_bn) for b in ex.breakdowns] == [("manufacturing", 540, 300)]


@pytest.mark.parametrize("sentence", [
    "Hefei's Baohe district alone signed 35 projects at the convention.",
    "The high-tech zone signed 40 projects worth 30 billion yuan at the convention.",
    "The signed deals averaged 0.83 billion yuan per project.",
    "Investment came to an average of 2 billion yuan per project.",
    "Each exhibitor has on average about 90 square meters.",
    "Nearly 40 events were held, including 8 sub-forums and 12 matchmaking events.",
    "Of the 703 projects signed at the convention, 656 were manufacturing projects.",
    "One battery maker alone signed 12 projects worth 5 billion yuan.",
    "Visitors numbered 2,000 per day at the exhibition.",
])
def test_parts_averages_places_and_single_actors_are_never_totals(sentence):
    values = {f[1] for f in facts(sentence)}
    assert not values & {35, 40 if "high-tech" in sentence else None, 30, 0.83, 2, 90, 8, 12, 656, 5, 2000}


def test_another_event_release_gives_nothing_even_where_it_names_the_wmc():
    ex = pr.extract("Delta Industrial Internet Conference closes in Wuhu\n"
                    "The conference, which like the World Manufacturing Convention focuses on manufacturing, saw 212 "
                    "projects signed worth 98 billion yuan.\n")
    assert ex.facts == [] and ex.claims == []


def test_sentence_about_another_event_in_a_wmc_release_is_skipped():
    assert facts("The conference, held after the World Manufacturing Convention, signed 212 projects.") == []


def test_one_companys_investment_plan_is_no_total():
    assert facts("One Wuhu-based electric bus maker intends to invest 12 billion yuan in a new plant.") == []
