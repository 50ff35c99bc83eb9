"""Subset cues of issue #21 item 4 (`loaders/press_release/subsets.py`): a city named without 市, a matchmaking
session or sub-venue, one investor group, one project, a ranking in the province, a source that names a part.
None of their figures is proposed as the convention's total. The sentences are invented for these tests."""
from loaders.press_release import extract

LEAD = "The 2031 World Manufacturing Convention closed in Hefei on Tuesday.\n"
LEAD_ZH = "2031世界制造业大会在合肥闭幕。\n"


def totals(text, **kw):
    return {(f.metric, f.value) for f in extract(text, **kw).facts}


def parts(text):
    return {(f.metric, f.value, f.scope) for f in extract(text).parts}


def test_a_city_named_without_shi_is_a_part():
    text = LEAD_ZH + "其中，蚌埠签约项目14个，总投资63亿元。"
    assert totals(text) == set()
    assert parts(text) == {("projects_signed", 14, "蚌埠"), ("investment_signed", 6.3, "蚌埠")}


def test_a_zone_committee_as_subject_is_a_part():
    text = LEAD_ZH + "大会期间，滁州经开区管委会与一家企业签约新材料项目，总投资9亿元。"
    assert totals(text) == set()


def test_a_ranking_in_the_province_marks_a_part():
    assert totals(LEAD_ZH + "代表团共签约项目31个，位列全省第三。") == set()


def test_a_matchmaking_session_as_subject_gives_the_sessions_figures():
    text = LEAD_ZH + "大会侨企项目对接会21日在合肥举行，会上共签约项目36个，总投资75亿元。"
    assert totals(text) == set() and ("projects_signed", 36, "matchmaking session") in parts(text)


def test_a_release_about_one_session_files_every_figure_under_it():
    text = ("中新社合肥9月21日电 2031世界制造业大会民企合作推进会21日在合肥举行。\n"
            "会上共签约项目52个，投资总额120亿元。约300人出席。")
    assert totals(text) == set()
    assert {m for m, _, s in parts(text) if s == "matchmaking session"} >= {"projects_signed", "investment_signed"}


def test_projects_of_one_investor_group_are_a_part_even_said_of_the_convention():
    text = LEAD_ZH + "大会共签约外企项目26个，投资总额超90亿元。"
    assert totals(text) == set()
    assert parts(text) == {("projects_signed", 26, "foreign firms' projects"),
                           ("investment_signed", 9, "foreign firms' projects")}


def test_one_regions_projects_are_a_part():
    text = LEAD_ZH + "大会签约长三角地区合作项目120个、投资额达900亿元。"
    assert totals(text) == set() and ("projects_signed", 120, "Yangtze River Delta projects") in parts(text)


def test_an_enumeration_of_the_six_groups_is_not_one_group():
    text = LEAD_ZH + "大会举办央企、民企、外企、港澳企、台企、侨企项目对接活动，共签约项目700个。"
    assert totals(text) == {("projects_signed", 700)}


def test_a_release_sourced_from_a_group_body_is_that_groups():
    text = "记者从省侨联获悉，2031世界制造业大会将于9月在合肥举行。\n截至目前，确认签约项目30多个，投资总额达50亿元。"
    assert totals(text) == set()


def test_a_sub_venue_release_files_its_figures_under_it():
    text = ("Sub-venue of the 2031 World Manufacturing Convention in Bengbu Held\n"
            "On May 3, the sub-venue of the 2031 World Manufacturing Convention in Bengbu was officially opened.\n"
            "A total of 12 projects were signed there, with a total investment of 4 billion yuan.")
    assert totals(text) == set() and {s for _, _, s in parts(text)} == {"Bengbu sub-venue"}


def test_one_projects_amount_is_never_a_total():
    assert totals(LEAD_ZH + "一家新能源有限公司与当地签订电池项目投资协议，总投资16亿元。") == set()
    assert totals(LEAD_ZH + "某电池项目（一期投资8亿元）在开幕式现场签约。") == set()


def test_a_title_restating_a_parts_figure_is_dropped():
    text = "2031世界制造业大会签约项目达26个\n" + LEAD_ZH + "大会期间外企签约项目达26个。"
    assert ("projects_signed", 26) not in totals(text)


def test_both_origins_of_fortune_500_heads_are_parts():
    text = LEAD_ZH + "共有40家境外世界500强企业负责人、35家境内世界500强企业负责人参会。"
    assert {m for m, _ in totals(text)} == set()


def test_a_main_hall_area_is_the_hall():
    assert totals(LEAD_ZH + "本届大会设置了3万平方米的主展馆。") == {("exhibition_area_hall", 30000)}


def test_one_groups_projects_and_their_amount_stay_apart_from_the_total_in_the_same_sentence():
    text = LEAD_ZH + "据统计，大会共签约外资项目80个，总投资300亿元；共签约项目700个，总投资3500亿元。"
    assert totals(text) == {("projects_signed", 700), ("investment_signed", 350)}
