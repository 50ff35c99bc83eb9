"""Failure classes the turn-5 corpus showed (tests/real/SCORES.md, "Turn-6 tuning"), each in sentences written for
these tests: a county's own session and a city's own ceremony (subsets, never totals), one listed project's amount,
a Traditional Chinese results report's parts (exhibiting firms' countries, a guest countries' show, the professional
show's area), English projects offered for investment, and a publication date after "Updated:"."""
from loaders.press_release import extract
from loaders.press_release.scope_stage import part_scope


def facts(text, year=None):
    return {(f.metric, f.value) for f in extract(text, year=year).facts}


def parts(text, year=None):
    return {(f.metric, f.value) for f in extract(text, year=year).parts}


# ---------------------------------------------------------------- 1. a county's session, a city's own ceremony

COUNTY_SESSION = ("2030世界制造业大会青岚专场举行\n\n"
                  "9月12日，2030世界制造业大会青岚专场在青岚县举行。本次活动青岚成功签约了9个项目，总投资88亿元。\n")


def test_a_county_named_without_its_suffix_as_the_sessions_subject_gives_a_part():
    got = facts(COUNTY_SESSION)
    assert ("projects_signed", 9) not in got
    assert ("investment_signed", 8.8) not in got
    assert ("projects_signed", 9) in parts(COUNTY_SESSION)


def test_a_bare_county_as_a_sessions_subject_is_a_part_without_help_from_the_heading():
    text = "网站首页\n\n资讯中心\n\n要闻\n\n新闻\n\n2030世界制造业大会闭幕。本次活动青岚成功签约了9个项目，总投资88亿元。\n"
    assert part_scope("本次活动青岚成功签约了9个项目，总投资88亿元。", None) == "青岚"
    assert ("projects_signed", 9) not in facts(text, year=2030)


def test_the_sessions_own_total_without_a_place_is_still_read():
    text = ("2030世界制造业大会闭幕\n\n9月12日，2030世界制造业大会闭幕。本次活动成功签约了700个项目，总投资6000亿元。\n")
    assert ("projects_signed", 700) in facts(text)


CITY_OWN_CEREMONY = ("2030世界制造业大会亳州签约成果\n\n"
                     "2030世界制造业大会期间，亳州共签约项目70个。其中，省级推介会上亳州市签约20个项目，签约金额100亿元；"
                     "在亳州市自行举办的项目签约仪式上，签约项目50个，签约金额300亿元。\n")


def test_a_citys_own_ceremony_after_qizhong_is_no_convention_total():
    got = facts(CITY_OWN_CEREMONY)
    assert ("projects_signed", 50) not in got
    assert ("investment_signed", 30.0) not in got


def test_the_convention_held_in_the_host_city_is_not_a_citys_own_ceremony():
    text = ("2030世界制造业大会闭幕\n\n在合肥举办的2030世界制造业大会上，签约项目800个，签约金额7000亿元。\n")
    assert ("projects_signed", 800) in facts(text)


# ---------------------------------------------------------------- 2. one listed project's amount

def test_one_projects_amount_in_a_list_of_signed_projects_is_not_the_investment():
    text = ("2030世界制造业大会签约\n\n在2030世界制造业大会签约仪式上，投资30亿元的青岚新材料产业园项目、"
            "投资8亿元的精密轴承生产线项目签约。\n")
    got = facts(text)
    assert ("investment_signed", 3.0) not in got
    assert ("investment_signed", 0.8) not in got


def test_a_total_investment_of_the_signed_projects_stays():
    text = ("2030世界制造业大会闭幕\n\n2030世界制造业大会共签约项目600个，总投资5000亿元的项目集中签约。\n")
    assert ("investment_signed", 500.0) in facts(text)


# ---------------------------------------------------------------- 3. Traditional Chinese results report's parts

RESULTS_ZHT = ("2030世界製造業大會成果豐碩\n\n"
               "2030世界製造業大會閉幕。本次大會共有英國、意大利、巴西等14個國家和地區企業參展。"
               "大會專設主賓國展，三國的30家企業、120件產品參加展覽。"
               "專業展展覽面積達5萬平方米，為歷年最大。"
               "大會共吸引來自45個國家和地區的嘉宾參會。\n")


def test_the_exhibiting_firms_countries_are_not_the_conventions():
    assert ("countries_regions", 14) not in facts(RESULTS_ZHT)


def test_the_countries_of_all_guests_stay():
    assert ("countries_regions", 45) in facts(RESULTS_ZHT)


def test_a_guest_countries_show_is_a_part():
    assert ("exhibits", 120) not in facts(RESULTS_ZHT)


def test_the_professional_shows_area_is_not_the_exhibition_area():
    got = facts(RESULTS_ZHT)
    assert ("exhibition_area", 50000) not in got


# ---------------------------------------------------------------- 4. English: offered for investment

def test_projects_released_for_investment_are_not_signed():
    text = ("WMC 2030 to open next week\n\nThe 2030 World Manufacturing Convention will open in Hefei on Sept 20. "
            "\"The convention has already released more than 900 projects for investment,\" an official said.\n")
    assert not any(m == "projects_signed" for m, _ in facts(text))


def test_projects_promoted_to_investors_are_not_signed():
    text = ("WMC 2030 to open next week\n\nThe 2030 World Manufacturing Convention will open in Hefei on Sept 20. "
            "Organizers have promoted 900 projects to investors.\n")
    assert not any(m == "projects_signed" for m, _ in facts(text))


def test_projects_signed_for_investment_still_count():
    text = ("WMC 2030 closes\n\nThe 2030 World Manufacturing Convention closed in Hefei on Sept 23. "
            "A total of 700 projects were signed at the convention.\n")
    assert ("projects_signed", 700) in facts(text)


# ---------------------------------------------------------------- 5. publication date after "Updated:"

def test_a_date_after_updated_gives_the_edition_year():
    text = ("700 projects signed at WMC\n\nUpdated:Sep 14,2030 10:20 AM www.example.org\n\n"
            "700 projects with a total investment of 600 billion yuan were signed at the World Manufacturing "
            "Convention, held on September 11 in Hefei, figures from a press conference showed.\n")
    got = extract(text)
    assert got.year == 2030
    assert ("projects_signed", 700) in {(f.metric, f.value) for f in got.facts}


def test_an_iso_date_after_updated_run_into_the_first_paragraph_gives_the_year():
    text = ("Why an hour matters in Anhui\n\nexample.com | Updated: 2030-09-20 10:04\n"
            "An hour is enough for many cars to roll off the lines. The World Manufacturing Convention is taking "
            "place in Anhui this week.\n")
    assert extract(text).year == 2030


# ---------------------------------------------------------------- 4. English: a retrospective's running totals

RETROSPECTIVE_2031 = ("WMC 2031 opens in Hefei\n\nThe 2031 World Manufacturing Convention opened in Hefei on Sept 20. "
                      "Since 2018, the province has held four straight editions of the convention, with 2,000 projects "
                      "signed in all. There are 900 heads of firms from 80 countries and regions among the guests.\n")


def test_a_present_tense_count_right_after_running_totals_is_a_claim():
    got = extract(RETROSPECTIVE_2031)
    assert ("countries_regions", 80) not in {(f.metric, f.value) for f in got.facts}
    assert ("countries_regions", 80) in {(c.metric, c.value) for c in got.claims}


def test_guests_over_the_past_editions_are_a_claim():
    text = ("WMC 2031 opens in Hefei\n\nThe 2031 World Manufacturing Convention opened in Hefei on Sept 20. "
            "Guests from 90 countries and regions have come over the past four editions.\n")
    got = extract(text)
    assert ("countries_regions", 90) not in {(f.metric, f.value) for f in got.facts}


def test_a_there_are_count_without_running_totals_before_it_stays_a_fact():
    text = ("WMC 2031 closes in Hefei\n\nThe 2031 World Manufacturing Convention closed in Hefei on Sept 23. "
            "There are guests from 80 countries and regions at the convention.\n")
    assert ("countries_regions", 80) in {(f.metric, f.value) for f in extract(text).facts}


# ---------------------------------------------------------------- Fortune 500 phrasings in English

def test_world_500_leaders_are_fortune500_executives():
    text = ("WMC 2031 closes in Hefei\n\nThe 2031 World Manufacturing Convention closed in Hefei on Sept 23. "
            "The convention drew 120 world 500 leaders.\n")
    assert ("fortune500_executives", 120) in facts(text)


def test_companies_listed_on_the_fortune_global_500_are_counted():
    text = ("WMC 2031 to open\n\nThe World Manufacturing Convention 2031 will attract about 70 companies listed on "
            "the Fortune Global 500.\n")
    assert ("fortune500_companies", 70) in facts(text)


# ---------------------------------------------------------------- "so far" within this edition's own days

def test_so_far_with_a_tally_during_the_conference_is_this_editions():
    text = ("WMC 2031 results released\n\nHEFEI, Sept. 25, 2031 -- Officials released the results of the 2031 World "
            "Manufacturing Convention. So far, the convention has promoted 650 projects worth 500 billion yuan, of "
            "which 380 projects were signed during the convention.\n")
    got = extract(text)
    assert not got.claims
    assert ("projects_signed", 650) in {(f.metric, f.value) for f in got.facts}


def test_so_far_over_the_editions_stays_a_claim():
    text = ("WMC 2031 opens\n\nThe 2031 World Manufacturing Convention opened in Hefei on Sept 20. So far, the "
            "convention's editions have seen 4,000 projects signed.\n")
    assert ("projects_signed", 4000) in {(c.metric, c.value) for c in extract(text).claims}


def test_a_chain_of_sentences_after_the_running_totals_in_one_paragraph_carries_the_claim():
    text = ("WMC 2031 opens in Hefei\n\nThe 2031 World Manufacturing Convention opened in Hefei on Sept 20.\n\n"
            "Since 2018, the province has held four straight editions of the convention, with 2,000 projects signed "
            "in all. There are 900 heads of firms from 80 countries and regions among the guests. Business leaders "
            "came as well, and 9,000 guests attended the convention.\n\n"
            "The 2031 convention drew 3,000 guests.\n")
    got = extract(text)
    assert ("attendees", 9000) not in {(f.metric, f.value) for f in got.facts}
    assert ("attendees", 9000) in {(c.metric, c.value) for c in got.claims}
    assert ("attendees", 3000) in {(f.metric, f.value) for f in got.facts}


def test_guests_from_china_and_the_world_are_all_the_guests():
    text = ("WMC 2031 closes in Hefei\n\nThe 2031 World Manufacturing Convention closed in Hefei on Sept 23. "
            "Nearly 2,000 guests from China and the world took part in the convention.\n")
    assert ("attendees", 2000) in facts(text)


def test_guests_from_one_country_are_still_a_part():
    text = ("WMC 2031 closes in Hefei\n\nThe 2031 World Manufacturing Convention closed in Hefei on Sept 23. "
            "Nearly 200 guests from Germany took part in the convention.\n")
    assert ("attendees", 200) not in facts(text)
