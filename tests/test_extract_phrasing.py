"""Phrasings that used to defeat the extractor (issue #21's failure classes). Invented sentences."""
from datetime import date

from loaders.press_release import extract


def facts(text, **kwargs):
    return {(f.metric, f.value, f.qualifier) for f in extract(text, **kwargs).facts}


def test_a_yearless_chinese_dateline_takes_the_publication_year():
    text = "大会展览落幕\n新华社合肥9月24日电 世界制造业大会展览23日闭幕。展览期间共接待观众26万人次。\n"
    assert extract(text).year is None  # no date given: the extractor abstains
    ex = extract(text, published_on=date(2031, 9, 25))
    assert (ex.year, ex.year_source) == (2031, "dateline")
    assert ("visitors", 260000, "exact") in facts(text, published_on=date(2031, 9, 25))


def test_a_december_dateline_published_in_january_is_the_year_before():
    text = "HEFEI, Dec. 30 (Wire) -- The World Manufacturing Convention closed with 402 projects signed.\n"
    assert extract(text, published_on=date(2032, 1, 2)).year == 2031


def test_countries_and_guests_in_one_phrase_give_both():
    text = "2031世界制造业大会闭幕。本届大会共有来自45个国家和地区的3200多位嘉宾参会。"
    assert facts(text) >= {("countries_regions", 45, "exact"), ("attendees", 3200, "more_than")}


def test_a_space_between_a_chinese_number_and_its_word():
    text = "2031世界制造业大会闭幕。本届大会参展企业 70 多家，签约项目 512 个。"
    assert facts(text) >= {("exhibitors", 70, "more_than"), ("projects_signed", 512, "exact")}


def test_leiji_over_this_editions_days_is_this_editions_figure():
    text = "2031世界制造业大会闭幕。本届大会展览期间累计接待观众31万人次。"
    ex = extract(text)
    assert ("visitors", 310000, "exact") in facts(text) and ex.claims == []


def test_leiji_over_several_editions_stays_a_claim():
    ex = extract("2031世界制造业大会开幕。历届大会累计签约项目4100个。")
    assert ex.facts == [] and [c.value for c in ex.claims] == [4100]


def test_a_co_located_event_in_the_same_sentence_keeps_the_conventions_figures():
    text = ("The 2031 World Manufacturing Convention closed on Friday. The convention, staged alongside the Lakeside "
            "Robotics Expo, drew 1,080 exhibitors, while the expo drew 95 exhibitors.")
    assert facts(text) == {("exhibitors", 1080, "exact")}


def test_incidental_number_words_are_not_counts():
    text = ("The 2031 World Manufacturing Convention closed on Friday. Ministers from two countries toured the halls, "
            "and three companies showed robots.")
    assert facts(text) == set()


def test_the_outdoor_area_without_the_word_for_area():
    text = "2031世界制造业大会开幕。本届大会展览面积4万平方米，其中室外展区1.5万平方米。"
    assert facts(text) == {("exhibition_area", 40000, "exact"), ("exhibition_area_outdoor", 15000, "exact")}


def test_attendees_said_after_a_long_description():
    text = "2031世界制造业大会开幕。共有超过3000名来自政府、企业和高校的代表参会。"
    assert ("attendees", 3000, "more_than") in facts(text)


def test_a_cumulative_word_in_a_later_clause_claims_nothing_for_this_figure():
    ex = extract("2031世界制造业大会闭幕。大会签约外资项目30个，投资总额超90亿元，合作伙伴累计达70家。")
    assert ex.claims == [] and ex.facts == []


def test_fortune_500_and_multinational_heads_are_one_count():
    text = "2031世界制造业大会闭幕。共有180名境外世界500强及跨国公司负责人参会。"
    assert facts(text) == {("fortune500_executives", 180, "exact")}
