"""Scope of extracted figures: a place's own figures (a city, a district, a zone, "our city", a heading naming a
city) are never proposed as the convention's totals; they are kept under their stated scope in `parts`.
The sentences are invented for these tests."""
from loaders.press_release import extract
from loaders.release_rows import fact_rows

LEAD = "The 2031 World Manufacturing Convention closed in Hefei on Tuesday.\n"
LEAD_ZH = "2031世界制造业大会在合肥闭幕。\n"


def totals(text):
    return {(f.metric, f.value) for f in extract(text).facts}


def parts(text):
    return {(f.metric, f.value, f.scope) for f in extract(text).parts}


def test_a_chinese_city_as_subject_gives_that_citys_figures():
    text = LEAD_ZH + "淮北市在本届大会上签约项目31个，总投资88.6亿元。"
    assert totals(text) == set()
    assert parts(text) == {("projects_signed", 31, "淮北市"), ("investment_signed", 8.86, "淮北市")}


def test_our_city_anywhere_in_the_sentence_is_a_part():
    text = LEAD_ZH + "大会期间，我市共签约项目17个。"
    assert totals(text) == set() and {m for m, *_ in parts(text)} == {"projects_signed"}


def test_a_development_zone_is_a_part():
    text = LEAD_ZH + "桃花开发区在大会上集中签约项目9个。"
    assert totals(text) == set() and parts(text) == {("projects_signed", 9, "桃花开发区")}


def test_an_english_city_signing_at_the_convention_is_a_part():
    text = LEAD + "Bozhou signed 23 projects worth 12 billion yuan at the WMC."
    assert totals(text) == set()
    assert ("projects_signed", 23, "Bozhou city") in parts(text)


def test_a_capitalised_word_before_signed_is_not_a_place():
    assert totals(LEAD + "Investors signed 612 projects at the convention.") == {("projects_signed", 612)}


def test_a_heading_naming_a_city_makes_its_figures_the_citys():
    text = ("Luan lands 14 deals at World Manufacturing Convention\n"
            "The 2031 World Manufacturing Convention opened on Monday. A total of 14 projects worth 5.2 billion "
            "yuan were signed by local firms.\n")
    assert ("projects_signed", 14) not in totals(text)
    assert ("projects_signed", 14, "Luan city") in parts(text)


def test_the_convention_as_subject_keeps_its_totals_in_a_citys_release():
    text = ("宿松县在世界制造业大会上签约项目6个\n"
            "2031世界制造业大会闭幕。本届大会共签约项目702个。宿松县签约项目6个。\n")
    assert totals(text) == {("projects_signed", 702)}
    assert ("projects_signed", 6, "宿松县") in parts(text)


def test_parts_become_rows_marked_as_parts():
    rows = fact_rows(extract(LEAD_ZH + "淮北市在本届大会上签约项目31个。"))
    assert rows[["metric", "value", "scope", "subset"]].values.tolist() == [["projects_signed", 31, "淮北市", True]]


def test_a_place_after_a_setting_phrase_is_still_the_subject():
    text = LEAD_ZH + "本次大会上，合肥市包河区签约项目5个，总投资9.1亿元。"
    assert totals(text) == set() and ("projects_signed", 5, "合肥市包河区") in parts(text)


def test_a_named_pavilion_and_themed_forums_are_parts():
    text = LEAD_ZH + "占地900平方米的法国馆展示高端装备。大会举办12场专题论坛。"
    assert totals(text) == set()


def test_promoted_projects_are_not_signed_ones():
    assert totals(LEAD_ZH + "大会向海内外推介合作项目800多个。") == set()


def test_the_largest_single_project_is_not_the_total():
    assert totals("2031世界制造业大会闭幕\n投资总额超150亿元 本届最大单体项目落地\n") == set()


def test_guests_from_named_countries_are_a_part():
    text = LEAD_ZH + "大会邀请来自法国、意大利等12个国家和地区的90位客商参会。"
    assert ("attendees", 90) not in totals(text)
