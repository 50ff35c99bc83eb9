"""Chinese and mixed-script press releases as they are really written (issue #12), in sentences written for these
tests: traditional script and pinyin debris, people counted with 位/名/人次, exhibitors and exhibits both ways round,
areas without 面积, bare 超 and trailing 以上/左右, stage per clause, claims over 前N届, parts taken for the whole."""
from __future__ import annotations

from loaders import press_release as pr
from loaders.press_release.fold import fold
from press_release_helpers import LEAD

LEAD_ZH = "2021世界制造业大会在合肥闭幕。"


def zh_facts(body: str, lead: str = LEAD_ZH) -> set[tuple]:
    ex = pr.extract(lead + body)
    return {(f.metric, f.value, f.qualifier, f.year) for f in ex.facts}


# ---------------------------------------------------------------- script folding

def test_fold_maps_traditional_to_simplified_one_to_one():
    folded = fold("世界製造業大會簽約項目")
    assert folded.text == "世界制造业大会签约项目"
    assert folded.origin == list(range(12))


def test_fold_drops_pinyin_debris_and_maps_offsets_back():
    original = "本屆製造業(yè)大會共簽約項目512個"
    folded = fold(original)
    assert "(yè)" not in folded.text and "制造业大会" in folded.text
    i = folded.text.index("512")
    assert original[folded.start(i):folded.end(i + 3)] == "512"


def test_traditional_release_gives_figures_with_offsets_into_the_original():
    text = "2021世界製造業大會在合肥閉幕。本屆大會簽約項目512個,投資總額3456億元。"
    ex = pr.extract(text)
    got = {(f.metric, f.value, f.year) for f in ex.facts}
    assert ("projects_signed", 512, 2021) in got
    assert ("investment_signed", 345.6, 2021) in got
    fact = next(f for f in ex.facts if f.metric == "projects_signed")
    assert "512" in text[fact.start:fact.end] and "簽約" in fact.sentence


def test_pinyin_debris_inside_the_name_still_names_the_convention():
    text = "2021世界制造業(yè)大會在合肥閉幕。本屆大會簽約項目512個。"
    ex = pr.extract(text)
    assert [(f.metric, f.value) for f in ex.facts] == [("projects_signed", 512)]
    assert text[ex.facts[0].start:ex.facts[0].end].startswith("本屆")


def test_japanese_and_conference_spellings_name_the_convention():
    assert ("exhibitors", 388, "exact", 2022) in zh_facts("参展企业388家。", lead="2022世界製造業大会在合肥开幕。")
    ex = pr.extract("The 2022 World Manufacturing Conference closed in Hefei with 377 projects signed.")
    assert [(f.metric, f.value, f.year) for f in ex.facts] == [("projects_signed", 377, 2022)]


# ---------------------------------------------------------------- Chinese constructions

def _cases(*pairs):
    return [(body, set(expected)) for body, expected in pairs]

import pytest  # noqa: E402


@pytest.mark.parametrize("body, expected", _cases(
    # people counted with 位, 名 and 人次
    ("本届大会共有3300多位嘉宾出席。", [("attendees", 3300, "more_than", 2021)]),
    ("近2100名嘉宾参会。", [("attendees", 2100, "nearly", 2021)]),
    ("参会嘉宾达5432人次。", [("attendees", 5432, "exact", 2021)]),
    # foreign guests as 境外来宾, 外宾, 外方代表
    ("约150位境外来宾应邀出席大会。", [("overseas_guests", 150, "about", 2021)]),
    ("大会参会外宾人数达到406名。", [("overseas_guests", 406, "exact", 2021)]),
    ("大会迎来260多位外方代表。", [("overseas_guests", 260, "more_than", 2021)]),
    # 世界500强 with 负责人 or 高管
    ("87家境内外世界500强负责人参会。", [("fortune500_executives", 87, "exact", 2021)]),
    ("90多位世界500强高管出席。", [("fortune500_executives", 90, "more_than", 2021)]),
    # exhibitors "N家…企业" either way round; exhibits as 展出产品 or 产品…件
    ("参展企业523家。", [("exhibitors", 523, "exact", 2021)]),
    ("共组织712家企业参展。", [("exhibitors", 712, "exact", 2021)]),
    ("530家参展的中外企业集中展示新技术。", [("exhibitors", 530, "exact", 2021)]),
    ("展出产品1830件。", [("exhibits", 1830, "exact", 2021)]),
    ("共有国内外700多家企业及1640件产品参展。", [("exhibitors", 700, "more_than", 2021), ("exhibits", 1640, "exact", 2021)]),
    # areas without 面积, and 平米
    ("大会设置8个展区,共4.6万平方米。", [("exhibition_area", 46000, "exact", 2021)]),
    ("总布展面积5.3万平米,其中室外面积0.8万平米。",
     [("exhibition_area", 53000, "exact", 2021), ("exhibition_area_outdoor", 8000, "exact", 2021)]),
    ("大会首次增设2.1万平方米室外展区。", [("exhibition_area_outdoor", 21000, "exact", 2021)]),
    # a bare 超, 以上 or 左右 after the number
    ("本届大会签约项目489个,投资总额超4100亿元。",
     [("projects_signed", 489, "exact", 2021), ("investment_signed", 410, "more_than", 2021)]),
    ("本届大会签约项目520个以上。", [("projects_signed", 520, "more_than", 2021)]),
    ("大会举办重要活动36场左右。", [("events", 36, "about", 2021)]),
    # 约 inside 签约 is no "about"
    ("本届大会共签约289个合作项目。", [("projects_signed", 289, "exact", 2021)]),
    # comparisons with last year keep the sentence
    ("本届大会签约项目612个、投资总额6100亿元,分别较去年增长12%和9%。",
     [("projects_signed", 612, "exact", 2021), ("investment_signed", 610, "exact", 2021)]),
    # a co-located fair named in the sentence
    ("2021世界制造业大会和2021中国国际徽商大会期间,共签约合作项目402个。", [("projects_signed", 402, "exact", 2021)]),
    # a record for this edition is a figure, not a cumulative claim
    ("本届大会是历届世界制造业大会中参会国家和地区数最多的一届,涉及38个国家和地区。",
     [("countries_regions", 38, "exact", 2021)]),
))
def test_chinese_constructions(body, expected):
    assert zh_facts(body) == expected


@pytest.mark.parametrize("body", [
    "合肥市累计签约项目66个,投资额210亿元。",          # one city's total, 累计 or not
    "我县共有9家企业携产品参展。",
    "具有代表性的15个项目进行了现场签约。",           # one signing session
    "共有1220个项目完成工商注册登记,1100个项目开工。",  # registrations and construction starts
    "展会期间现场成交金额约9.6亿元。",                # trade-show sales
    "大会专设400平方米的国际展区,吸引9个国家的27家知名企业参展。",  # one zone, firms from 9 countries
    "其中,外资企业签约项目130个。",
])
def test_chinese_parts_are_never_the_whole(body):
    assert zh_facts(body) == set()


def _zh_claims(body: str, lead: str) -> set[tuple]:
    ex = pr.extract(lead + body)
    assert not ex.facts
    return {(c.metric, c.value, c.qualifier, c.year_from, c.year_to) for c in ex.claims}


PREVIEW_2023 = "2023世界制造业大会将于9月在合肥举办。"


@pytest.mark.parametrize("body, expected", [
    ("前五届大会累计签约项目2980个。", {("projects_signed", 2980, "exact", 2018, 2022)}),
    ("2018、2019两届大会共签约项目1011个,总投资9012亿元。",
     {("projects_signed", 1011, "exact", 2018, 2019), ("investment_signed", 901.2, "exact", 2018, 2019)}),
    ("5年来,累计参会嘉宾13200人次。", {("attendees", 13200, "exact", 2018, 2022)}),
    ("前四届累计实际完成投资超万亿元。", {("funds_in_place", 1000, "more_than", 2018, 2021)}),
    ("前5届大会累计集中签约项目2990个,其中外资企业签约项目1060个。", {("projects_signed", 2990, "exact", 2018, 2022)}),
])
def test_chinese_claims(body, expected):
    assert _zh_claims(body, PREVIEW_2023) == expected


# ---------------------------------------------------------------- stage, per clause

def _stages(text: str) -> set[tuple]:
    return {(f.metric, f.value, f.stage) for f in pr.extract(text).facts}


def test_chinese_cues_before_the_number_make_it_expected_per_clause():
    got = _stages(LEAD_ZH.replace("闭幕", "开幕") + "大会设展面积4.4万平方米,将举办活动28场。")
    # the area is stated as done, on the opening day: an interim figure (preliminary), not a plan
    assert got == {("exhibition_area", 44000, "preliminary"), ("events", 28, "expected")}
    got = _stages(LEAD_ZH.replace("闭幕", "开幕") + "大会力争签约项目650个以上,策划7万平方米展览。")
    assert got == {("projects_signed", 650, "expected"), ("exhibition_area", 70000, "expected")}
    # 将 after the number belongs to another verb: the exhibitors are there (counted on the opening day: preliminary)
    got = _stages(LEAD_ZH.replace("闭幕", "开幕") + "520家参展企业将集中展示新品。")
    assert got == {("exhibitors", 520, "preliminary")}


def test_english_stage_is_decided_per_clause():
    text = ("HEFEI, Sept. 20 (Xinhua) -- The 2022 World Manufacturing Convention opened Tuesday. More than 530 "
            "enterprises are exhibiting at the convention, and 466 projects are expected to be signed. "
            "Around 900 guests will attend the convention.")
    # the exhibitors are there, counted on the opening day: preliminary, not expected
    assert _stages(text) == {("exhibitors", 530, "preliminary"),
                             ("projects_signed", 466, "expected"), ("attendees", 900, "expected")}


def test_a_preview_gives_expected_figures_for_its_own_edition_only():
    text = ("2024世界制造业大会将于9月20日至23日在安徽省合肥市举办,大会以智能制造为主题,邀请全球企业参与。\n"
            "大会设展面积2.4万平方米。2023世界制造业大会共组织950家企业参展。")
    assert _stages(text) == {("exhibition_area", 24000, "expected"), ("exhibitors", 950, "reported")}


# ---------------------------------------------------------------- editions and cumulative claims in English

def test_claim_cue_in_the_sentence_before_its_figures():
    text = ("The 2023 World Manufacturing Convention will open on Sept. 20 in Hefei. Held since 2018, the convention "
            "has attracted over 12,300 guests. A total of 2,870 projects have been signed.")
    ex = pr.extract(text)
    assert not [f for f in ex.facts if f.metric in ("attendees", "projects_signed")]
    assert {(c.metric, c.value, c.year_from, c.year_to) for c in ex.claims} == {
        ("attendees", 12300, 2018, 2022), ("projects_signed", 2870, 2018, 2022)}


def test_last_years_first_edition_in_a_chinese_sentence():
    text = "2019世界制造业大会首场新闻发布会在北京举行。去年举办的首届世界制造业大会,共签约了388个合作项目。"
    assert {(f.metric, f.value, f.year) for f in pr.extract(text).facts} == {("projects_signed", 388, 2018)}


def test_edition_year_from_an_ordinal_or_the_body_is_flagged_as_inferred():
    ex = pr.extract("HEFEI, Nov. 20 (Xinhua) -- The fourth World Manufacturing Convention opened Friday with 455 "
                    "exhibitors.")
    assert ex.year == 2021
    text = ("HEFEI, Sept. 24 (Xinhua) -- A total of 612 projects were inked at the World Manufacturing Convention "
            "in Hefei.\n\n"
            "The World Manufacturing Convention 2019, held from Sept. 20 to 23, drew more than 4,100 guests.")
    ex = pr.extract(text)
    assert (ex.year, ex.year_source) == (2019, "body")
    assert all("year inferred" in f.flags for f in ex.facts) and ex.facts
    conflicting = text + "\n\nThe World Manufacturing Convention 2020 will follow."
    assert pr.extract(conflicting).year is None


def test_english_events_named_as_a_group_are_no_count():
    text = ("HEFEI, Sept. 23, 2025 -- The 2025 World Manufacturing Convention is structured around four flagship "
            "events and 23 specialized programs. The six grouped partnering activities produced many deals.")
    assert [f for f in pr.extract(text).facts if f.metric == "events"] == []


# ---------------------------------------------------------------- the review page's items

def test_review_items_highlight_the_number_in_the_original_sentence():
    text = "2021世界製造業(yè)大會在合肥閉幕。本屆大會簽約項目512個,投資總額3456億元。"
    items = pr.review_items(pr.extract(text))
    by_metric = {item["metric"]: item for item in items}
    projects = by_metric["projects_signed"]
    assert projects["sentence"][projects["number_start"]:projects["number_end"]] == "512"
    money = by_metric["investment_signed"]
    assert money["sentence"][money["number_start"]:money["number_end"]] == "3456億"
    assert text[projects["start"]:projects["end"]] == projects["sentence"]
    assert all(item["stage"] == "reported" and item["flags"] == [] for item in items)


def test_review_flags_say_what_to_check():
    preview = ("2024世界制造业大会将于9月20日至23日在安徽省合肥市举办,大会以智能制造为主题,邀请全球企业参与。\n"
               "大会设展面积2.4万平方米。")
    item = pr.review_items(pr.extract(preview))[0]
    assert (item["stage"], item["flags"]) == ("expected", ["stage unclear"])  # only the release says it is a preview
    text = ("HEFEI, Sept. 20 (Xinhua) -- The 2022 World Manufacturing Convention opened Tuesday. 480 projects were "
            "signed, including 120 in the manufacturing sector.")
    item = next(i for i in pr.review_items(pr.extract(text)) if i["metric"] == "projects_signed")
    # the closing total is not flagged for the part named in another clause of its sentence
    assert item["value"] == 480 and item["flags"] == []
    assert set(pr.FLAGS) == {"stage unclear", "part-of-whole cue", "year inferred"}


def test_a_preview_stays_a_preview_when_another_event_has_just_closed():
    text = ("HEFEI, Nov. 15 (Xinhua) -- The fourth World Manufacturing Convention will kick off Friday in Hefei.\n\n"
            "\"Over 350 enterprises have signed up for the convention,\" an organizer said.\n\n"
            "The just-concluded Import Expo has created a spillover effect for the convention.")
    ex = pr.extract(text)
    assert ex.stage == "preview"
    assert [(f.metric, f.value, f.qualifier, f.stage) for f in ex.facts] == [
        ("exhibitors", 350, "more_than", "expected")]


def test_sign_ups_so_far_are_this_editions_not_a_claim():
    text = ("The 2022 World Manufacturing Convention will open on Sept. 20 in Hefei. Over 590 companies have so far "
            "confirmed participation, according to the organizer.")
    ex = pr.extract(text)
    assert not ex.claims
    assert [(f.metric, f.value, f.stage) for f in ex.facts] == [("exhibitors", 590, "expected")]


# ---------------------------------------------------------------- Chinese in English-led releases (from the former test_press_release.py)

def test_chinese_forms():
    ex = pr.extract("2019世界制造业大会闭幕。签约项目638个，总投资7351亿元。展览面积超过2万平方米，参展企业约400家，近40场活动。\n")
    assert [(f.metric, f.value, f.qualifier, f.year) for f in ex.facts] == [
        ("projects_signed", 638, "exact", 2019), ("investment_signed", 735.1, "exact", 2019),
        ("exhibition_area", 20000, "more_than", 2019), ("exhibitors", 400, "about", 2019),
        ("events", 40, "nearly", 2019)]


def test_a_record_in_chinese_is_no_claim_but_a_running_total_is():
    ex = pr.extract("2023世界制造业大会在合肥闭幕。来自37个国家和地区的嘉宾参会，参会国家和地区数量创历届之最。")
    assert [(f.metric, f.value) for f in ex.facts] == [("countries_regions", 37)] and not ex.claims
    ex = pr.extract(LEAD + "In its history, the convention has signed 4,100 projects.")
    assert [(c.metric, c.value) for c in ex.claims] == [("projects_signed", 4100)] and not ex.facts


def test_chinese_claim_range_and_bilingual_claims_are_one_statement():
    ex = pr.extract("The 2025 World Manufacturing Convention closed.\n"
                    "Since its launch in 2018, the convention's first seven editions had produced 4,326 signed projects.\n"
                    "自2018年创办以来，前七届大会累计签约项目4326个。\n")
    assert [(c.metric, c.value, c.year_from, c.year_to) for c in ex.claims] == [("projects_signed", 4326, 2018, 2024)]
    assert ex.facts == []
