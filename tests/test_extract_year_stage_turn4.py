"""Edition year and stage rules of issue #21 item 4: the edition's own name, dates written day first, an interim
lead anywhere before the number, a city's submitted list, a briefing on the preparations, a gloss between the words
and the amount, a retrospective's Chinese claims. The sentences are invented for these tests."""
from datetime import date

from loaders.press_release import extract


def test_the_online_forum_is_the_2020_edition_by_its_own_name():
    assert extract("9月12日，世界制造业大会江淮线上经济论坛开幕，签约项目500个。").year == 2020
    assert extract("The World Manufacturing Convention Jianghuai Online Economic Forum opened with 500 deals.").year == 2020


def test_dates_written_day_first_give_the_year():
    assert extract("World Manufacturing Convention\nDate: 20-23 September, 2031\nHefei").year == 2031


def test_an_interim_lead_anywhere_before_the_number_is_preliminary():
    ex = extract("2031世界制造业大会筹备情况通报。\n据介绍，截至目前，明确参会来宾3200位。")
    assert [(f.metric, f.value, f.stage) for f in ex.facts] == [("attendees", 3200, "preliminary")]


def test_a_briefing_on_the_preparations_is_a_preview():
    ex = extract("2031世界制造业大会筹备工作新闻发布会召开。\n大会统筹安排了开幕式、专题论坛等25场活动。")
    assert ex.stage == "preview" and [(f.metric, f.stage) for f in ex.facts] == [("events", "expected")]


def test_a_citys_submitted_list_is_preliminary():
    ex = extract("2031世界制造业大会将于9月在合肥举行。\n我市已上报签约项目33个，总投资80亿元。")
    assert {f.stage for f in ex.parts} == {"preliminary"} and not ex.facts


def test_a_gloss_in_brackets_before_the_amount_is_read():
    text = ("中新网合肥10月8日电 三届大会签约项目进展。\n"
            "2031年世界制造业大会共有到位资金总额（到位的合同引资额）1500.5亿元。\n"
            "2032年世界制造业大会共有到位资金总额1600亿元。\n2033年世界制造业大会共有到位资金总额1700亿元。")
    ex = extract(text, published_on=date(2034, 10, 8))
    assert ("funds_in_place", 150.05, 2031) in {(f.metric, f.value, f.year) for f in ex.facts}


def test_a_retrospectives_chinese_running_total_is_a_claim():
    text = ("截至今年9月底，前三届世界制造业大会签约项目到位资金总额5000亿元。\n"
            "2018年世界制造业大会到位资金总额1500亿元。\n2019年世界制造业大会到位资金总额1600亿元。\n"
            "2020年世界制造业大会到位资金总额1900亿元。")
    ex = extract(text)
    assert [(c.metric, c.value, c.year_from, c.year_to) for c in ex.claims] == [("funds_in_place", 500, 2018, 2020)]
    assert all(f.year is not None for f in ex.facts)


def test_an_amount_takes_the_stage_of_the_projects_it_follows():
    reported = extract("2031世界制造业大会将于9月20日开幕。\n9月20日上午，大会集中签约项目560个，总投资2800亿元。")
    planned = extract("2031世界制造业大会新闻发布会召开。\n大会拟签约项目600个，投资总额3000亿元。")
    assert {f.stage for f in reported.facts} == {"reported"}
    assert {f.stage for f in planned.facts} == {"expected"}
