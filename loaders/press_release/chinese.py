"""Figures in Chinese sentences (项目, 投资, 面积, 参展企业 ...): facts, claims and the manufacturing subset.

The sentence is already folded to simplified script (`fold`). It is read clause by clause (，；。): each rule finds a
number with its metric word before it ("签约项目587个") or after it ("4500多位嘉宾"), a qualifier before (超, 近, 约)
or after (余, 多, 以上, 左右), and the clause decides the rest: a cue before the number (将, 预计, 力争, 目标, 策划)
makes it expected; a part word (one city's deals, foreign-funded projects, registrations, trade-show sales, an
international zone) drops it; "其中" opens a subset.
"""
from __future__ import annotations

import math
import re

import vocabulary

from loaders.press_release.context import AWARD_NAMED, AWARD_WORDS
from loaders.press_release.context import is_claim as _is_claim_text
from loaders.press_release.edition import cn_ordinal_years
from loaders.press_release.model import CLAIM_METRICS, EXPECTED_SCOPE, SCOPES, UNITS, Breakdown, Claim, Extraction, Fact
from loaders.press_release.numbers import _round
from loaders.press_release.statements import _claim_range
from loaders.press_release.subsets import one_project_before
from loaders.press_release.text import Sentence


# ---------------------------------------------------------------- Chinese domain words (the extractor's grammar; the words shared with the loaders are in vocabulary.py)

# qualifier words before and after a number: vocabulary.py, shared with the table loaders
CN_QUALIFIER_BEFORE = vocabulary.CN_QUALIFIER_BEFORE
CN_QUALIFIER_AFTER = vocabulary.CN_QUALIFIER_AFTER
# words between the metric and the number that say nothing about it ("达", "共", "已超过" ...)
CN_FILLER = ("已", "共计", "总计", "累计", "共", "达到", "达", "为", "有", "总")
CN_PEOPLE_UNITS = r"(?:人次|人|名|位)"
CN_GUESTS = r"(?:嘉宾客商|嘉宾|客商|代表|参会人员|与会者)"
CN_FOREIGN_GUESTS = r"(?:外宾|外方代表|(?:境外|外国|国外|海外)(?:来宾|嘉宾|客商|代表))"
CN_AREA_UNIT = r"(?:平方米|平米|㎡)"
# a cue, before the number in its clause, that the figure is planned, targeted or invited, not yet reported
CN_EXPECTED = re.compile(r"将(?!近)|预计|力争|目标|策划|拟|计划|备选|有望|预期|争取")
# a clause whose figures are a part of the convention's, never its total
CN_PART_BEFORE = re.compile(r"类项目|首发|国际展区|市场化|成交|现场签约|代表性|单个|最大|单体|分会场|"
                            r"推介|储备|征集|专业展")
# foreign-funded projects: a part, dropped here unless the caller files the sentence under that group (`subsets`)
CN_GROUP_BEFORE = re.compile(r"外资|外企")
# said after the number in its clause: the largest single project ("超2200亿元 安徽迄今最大招商项目"), themed forums
CN_PART_LATER = re.compile(r"最大|单体|单个|专题论坛|分论坛|平行论坛")
# "来自12个国家的企业": firms of some origins; but "来自40个国家和地区的1200多位嘉宾" are all the guests
CN_ORIGIN_BEFORE = re.compile(r"个国家的|个国家和地区的")
CN_PART_AFTER = re.compile(r"^(?:的)?(?:项目)?(?:完成|开工|投产|落地|进行了?现场签约|现场签约|已开工)")
# a sentence about one city, county or district ("宿州市共计将签约项目48个", "我市已报送签约项目42个")
CN_LOCAL_SUBJECT = re.compile(r"^\W*(?:[\u4e00-\u9fff]{2,4}(?:市|县|区)(?!场)|我市|我县|我区|全市|全县|全区)")
# "较去年增长46%", "同比增长63%": a comparison, not a sentence about last year's edition
CN_COMPARISON = re.compile(r"(?:较|比|同比|相比)(?:去年|上届|上年)(?:大会)?")
# a show of its own inside the convention ("大会专设主宾国展", the market-run 专业展): the figures said after it in the
# sentence are that show's
CN_SUB_SHOW = re.compile(r"(?:专设|特设|另设)[^，,；;。]{0,8}?展|参展国展|主宾国展|专业展")
# a place's own event ("在某某市自行举办的……签约仪式上"): its figures are the place's, never the convention's (the
# convention itself, held in the host city, is named with 大会)
CN_LOCAL_EVENT = re.compile(r"^\W*在(?:[\u4e00-\u9fff]{2,6}?(?:市|县|区)|我市|我县|我区)(?:自行|单独|自主|独立)?"
                            r"(?:举办|举行|召开|组织)的(?:(?!大会)[^，,；;。]){0,40}?(?:仪式|会|活动|专场|论坛)上")
# one actor as the subject of a signing ("某某科技公司与12家企业签署合作协议", "该公司签约项目5个", "某某产业园签约项目18个"):
# that company's, park's or school's deals, never the convention's total (大会, 本届 or a count of firms is no actor)
CN_ONE_ACTOR_SIGNS = re.compile(r"(?:有限公司|股份公司|公司|集团|该企业|产业园|园区|开发区|高新区|经开区|新区|大学|学院|"
                                r"研究院|研究所|(?<!会展)中心)(?:与[^，,；;。]{1,24}?)?(?:共|累计|现场|成功|正式|分别|一次性)?"
                                r"(?:签约|签署|签订|达成|引进)")
# one named zone or pavilion as the subject ("浙江展区共有参展企业80家", "德国馆面积2000平方米"): the statement's figures
# are that part's; the convention's own halls and areas ("大会展区面积", "主展馆", "室内展馆", "8个展区") are no named part
CN_NAMED_ZONE = re.compile(r"(?:展区|展馆|馆|展台)(?:内|里)?(?:共有|共|有|汇集|汇聚|吸引|集中|展出|展示|面积|聚集|设有|布展)")
CN_ZONE_NOT_A_NAME = re.compile(r"大会|本届|整个|全部|室内|室外|户外|主|各|总|展览|会展|中心|场|个|大|展")


def named_zone(clause: str) -> bool:
    """Does the clause have one named zone or pavilion as its subject (the two to four characters before the zone word,
    after the convention's name or a preposition, name a place, a country or a group)?"""
    for m in CN_NAMED_ZONE.finditer(clause):
        name = re.split(r"大会|[的在上于,，、]", clause[:m.start()])[-1][-4:]
        if len(name) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", name) and not CN_ZONE_NOT_A_NAME.search(name):
            return True
    return False


# one project's amount in a list of projects ("投资30亿元的某某产业园项目"): no count, the project's own name after 的
CN_ONE_PROJECT_AFTER = re.compile(r"^的(?:(?!\d|个|项目)[^，,；;。]){1,40}?项目")
# ---------------------------------------------------------------- end of domain words

# at most six qualifier words before a number ("已共计达到约"), and a number read from the first digit of its run:
# an unbounded run of 约 or of digits would be scanned again from every position of it (O(n^2) on a long run)
_Q = r"(?P<q>(?:" + "|".join(sorted(CN_FILLER + tuple(CN_QUALIFIER_BEFORE), key=len, reverse=True)).replace(
    "|约", r"|(?<![签合制预邀节契])约") + r"){0,6})"
# a space on either side is common in typed text ("60 多个", "2200 亿元")
_N = r"(?: ?(?P<n>(?<![\d,])\d[\d,]*+(?:\.\d+)?) ?)"
_MORE = r"(?P<more>余|多)?"
_AFTER = r"(?P<after>以上|左右)?"
# "1.2万名嘉宾": a head count in ten thousands
_WAN = r"(?P<wan>万)?"
_CN_RULES = [
    # money: funds actually in place before the signed amount, so "实际完成投资超万亿元" is not a signed total
    # "到位资金总额(到位的合同引资额)1796.4亿元": a gloss in brackets between the words and the amount
    (r"(?:到位资金|资金到位|实际完成投资|实际投资|实际到位)(?:总额|额)?(?:[(（][^)）]{1,12}[)）])?" + _Q + _N +
     r"?(?P<scale>万亿|亿)(?P<cur>元)", "funds"),
    (r"(?:总投资|投资总额|投资额|投资|签约金额|总金额|合同引资额|引资额|引资|金额)" + _Q + _N +
     r"?(?P<more>多|余)?(?P<scale>万亿|亿)(?P<cur>元|美元)", "investment"),
    (r"项目(?:共|数量|总数|数)?" + _Q + _N + _MORE + r"个" + _AFTER, "projects_signed"),
    (_Q + _N + _MORE + r"个(?:[^，,；;。、\d]{0,6}?)项目" + _AFTER, "projects_signed"),
    (r"(?P<where>室内|展馆|室外|户外)?(?:展览|展示|展区|展馆|布展|设展)?(?:总)?面积" + _Q + _N +
     r"(?P<wan>万)?" + _MORE + CN_AREA_UNIT, "area"),
    # "室外展区1.2万平方米": the outdoor or indoor area named without the word 面积
    (r"(?P<where>室内|室外|户外)(?:展览|展示|展区|展场)" + _Q + _N + r"(?P<wan>万)?" + _MORE + CN_AREA_UNIT, "area"),
    (_Q + _N + r"(?P<wan>万)?" + _MORE + CN_AREA_UNIT + r"(?P<where2>室外|户外)?", "area"),
    (r"参展(?:企业|商|单位)(?:数量|数)?" + _Q + _N + _MORE + r"家", "exhibitors"),
    (_Q + _N + _MORE + r"家(?:[^，,；;。、\d]{0,10}?)(?:企业|单位|厂商)(?:及[^，,；;。\d]{0,4}\d[^，,；;。]{0,8}?)?"
     r"(?:确认|报名|已)?参展",
     "exhibitors"),
    (_Q + _N + _MORE + r"家参展(?:的)?(?:[^，,；;。、\d]{0,6}?)(?:企业|单位|厂商)", "exhibitors"),
    (_Q + _N + _MORE + r"家(?:国内外|中外|境内外)?企业(?:集中)?展示", "exhibitors"),
    (r"(?:展品|展出产品|展出展品|参展产品)(?:共|数量)?" + _Q + _N + _MORE + r"件", "exhibits"),
    (_Q + _N + _MORE + r"件(?:[^，,；;。、\d]{0,4}?)(?:产品|展品)", "exhibits"),
    (_Q + _N + _MORE + r"个国家(?:和|及|或)地区", "countries_regions"),
    (r"(?<!发布)活动(?:共)?" + _Q + _N + _MORE + r"场(?:次)?" + _AFTER, "events"),
    (_Q + _N + _MORE + r"场(?:次)?" + _AFTER + r"(?:[^，,；;。、\d]{0,4}?)(?:活动|论坛)(?!权威发布|发布)", "events"),
    (CN_FOREIGN_GUESTS + r"(?:参会)?(?:总)?(?:人数)?" + _Q + _N + _WAN + _MORE + CN_PEOPLE_UNITS, "overseas_guests"),
    (_Q + _N + _WAN + _MORE + CN_PEOPLE_UNITS + r"(?:[^，,；;。、\d]{0,6}?)" + CN_FOREIGN_GUESTS, "overseas_guests"),
    (_Q + _N + _MORE + r"(?:位|名|家)(?:境内外|国内外|境外|全球)?世界500 ?强(?:企业)?(?:及[^，,；;。\d]{1,8}?)?(?:负责人|高管|代表)",
     "fortune500_executives"),
    (r"世界500 ?强(?:企业)?(?:负责人|高管)" + _Q + _N + _MORE + CN_PEOPLE_UNITS, "fortune500_executives"),
    # "世界500强及其他知名企业的150位代表": the heads of the Fortune 500 and the others named with them
    (r"世界500 ?强(?:企业)?[、及和与][^，,；;。\d]{0,24}?" + _Q + _N + _MORE + r"(?:位|名)(?:负责人|高管|代表)",
     "fortune500_executives"),
    (r"(?:嘉宾客商|嘉宾|参会人员|与会者|参会来宾)(?:人数)?" + _Q + _N + _WAN + _MORE + CN_PEOPLE_UNITS, "attendees"),
    (_Q + _N + _WAN + _MORE + CN_PEOPLE_UNITS + r"(?:[^，,；;。、\d]{0,6}?)" + CN_GUESTS + r"(?!团)", "attendees"),
    (r"观众(?:人数)?" + _Q + _N + r"(?P<wan>万)?" + _MORE + r"人次", "visitors"),
    # "超过4000名来自政府和企业的代表参会": the people who take part, said after a longer description
    (_Q + _N + _WAN + _MORE + r"(?:名|位|人)[^，,；;。\d]{0,16}?(?:代表|嘉宾)?(?:参会|与会|出席)", "attendees"),
]
_CN_RULES = [(re.compile(pattern), kind) for pattern, kind in _CN_RULES]


def _qualifier(m: re.Match) -> str:
    groups = m.groupdict()
    if groups.get("more") or groups.get("after") == "以上":
        return "more_than"
    if groups.get("after") == "左右":
        return "about"
    words = re.findall("|".join(sorted(CN_QUALIFIER_BEFORE, key=len, reverse=True)), groups.get("q") or "")
    return CN_QUALIFIER_BEFORE[words[-1]] if words else "exact"


def _value(m: re.Match, kind: str) -> float | None:
    """The figure in the unit of its metric; an amount without a numeral ("超万亿元") is one of its scale."""
    digits = m.group("n")
    groups = m.groupdict()
    if digits is None:
        if not (groups.get("scale") == "万亿" and groups.get("q")):
            return None
        digits = "1"
    value = float(digits.replace(",", ""))
    if not math.isfinite(value):
        return None  # a run of hundreds of digits is no figure
    if groups.get("scale"):
        value *= vocabulary.SCALE_TO_BN[groups["scale"]]
    elif groups.get("wan"):
        value *= 10000
    return value


def _metric(m: re.Match, kind: str) -> str | None:
    groups = m.groupdict()
    if kind == "funds":
        return "funds_in_place"
    if kind == "investment":
        return "investment_signed_usd_reported" if groups["cur"] == "美元" else "investment_signed"
    if kind == "area":
        where = groups.get("where") or groups.get("where2") or ""
        return ("exhibition_area_hall" if where in ("室内", "展馆") else
                "exhibition_area_outdoor" if where in ("室外", "户外") else "exhibition_area")
    return kind


def _is_part(m: re.Match, kind: str, clause: str, metric: str, group: bool = False, sentence: str = "") -> bool:
    """Is the figure a part of the convention's (one zone, one origin, registrations, trade-show sales)? `group`:
    the sentence is already filed under one investor group, whose figures stay."""
    # the part words count back to the last enumeration comma: "项目600个以上、投资总额超过6000亿元" are two figures
    before, after = re.split(r"[、]", clause[:m.start()])[-1], clause[m.end():]
    if CN_PART_BEFORE.search(before) or CN_PART_AFTER.match(after) or (not group and CN_GROUP_BEFORE.search(before)):
        return True
    if kind in ("exhibits", "exhibitors", "projects_signed", "events") and AWARD_WORDS.search(before + m.group(0) + after):
        return True  # "评出金奖产品30件", "12件产品获得银奖", "40个获奖项目": the contest's winners or entries
    if kind in ("exhibits", "exhibitors") and AWARD_NAMED.search(sentence) and not re.search(r"展品|参展|展出", m.group(0)):
        return True  # "揭晓的30件产品，……被授予金奖称号": products or firms (not 展品, 参展企业) of an award the sentence names
    if kind in ("attendees", "overseas_guests") and re.search(r"等\s?\d+\s?个国家", clause[:m.start()]):
        return True  # "来自美国、德国等25个国家和地区的 ... 188位客商": the guests of some named countries
    if CN_ORIGIN_BEFORE.search(before) and kind not in ("attendees", "overseas_guests"):
        return True  # "来自美国、德国等25个国家和地区的188位客商": the guests of some named countries
    if CN_PART_LATER.search(after) or CN_PART_LATER.search(m.group(0)):
        return True
    if metric == "projects_signed" and re.search(r"个[^项]{0,6}(?:省|市|县|区)", m.group(0)):
        return True  # "16个省辖市签约项目": a count of cities, not of projects
    if metric == "exhibition_area" and re.match(r"^的?(?!室外|户外)[^，,；;。]{1,6}(?:展区|(?<!展)馆)", after):
        return True  # "500平方米的国际展区", "1300平方米的英国馆": one zone, one pavilion
    if metric in ("projects_signed", "investment_signed") and "到位" in clause:
        return True
    origin = re.search(r"(?<!境内)(?<!国内)(境外|境内|国外|国内)世界500", m.group(0))
    if metric == "fortune500_executives" and origin and re.search(
            {"境外": "境内", "境内": "境外", "国外": "国内", "国内": "国外"}[origin.group(1)] + r"世界500", sentence):
        return True  # "58家境外世界500强……,50家境内世界500强……": each origin is a part, neither the total
    if kind == "attendees" and re.search(r"(?:企业|公司|机构)$", before):
        return True  # "...知名制造业企业162位代表": the representatives of some companies
    # "来自12个国家和地区的企业", "14个国家和地区企业参展": the exhibiting firms' origins
    return metric == "countries_regions" and re.match(r"^的?[^，,；;。]{0,12}?(?:企业|公司|机构)", after) is not None


def chinese_year(s: str, year: int | None) -> int | None:
    """The edition a Chinese sentence's figures belong to: the one it names with the convention (2023世界制造业大会),
    a leading "2023年,", the first edition (首届) or last year's (去年, 上届); None when it names two."""
    if _is_claim_text(s):
        return year
    text = CN_COMPARISON.sub("", s)
    named = {int(y) for y in re.findall(r"(20[1-9]\d)\s*年?\s*世界制造业大会", text)} | cn_ordinal_years(text)
    lead = re.match(r"^\W*(20[1-9]\d)年[，,]", text)
    if lead:
        named.add(int(lead.group(1)))
    last_year = re.search(r"去年|上届|上一届", text)
    past = {2018} if "首届" in text else set()
    if last_year:
        if year is None:
            return None
        past.add(year - 1)
    if past:  # "去年举办的首届世界制造业大会": the sentence reports that edition, whatever else it names
        return past.pop() if len(past) == 1 else None
    if len(named) > 1:
        return None
    return next(iter(named)) if named else year


# the metrics whose 其中 part is a breakdown (manufacturing projects) or dropped by the breakdown rule
_SUBSET_METRICS = ("projects_signed", "investment_signed", "investment_signed_usd_reported")


def _chinese(sent: Sentence, year: int | None, result: Extraction, part: bool = False) -> None:
    """`part`: the sentence gives one place's figures (the caller files them under that place's scope)."""
    s = sent.text
    if CN_LOCAL_SUBJECT.match(s) and not part:
        return  # one city's or county's deals and exhibitors
    masked = re.sub(r"(?<!\d)\d++(?:\.\d++)?\s*(?:%|％)", lambda m: "#" * len(m.group()), s)
    is_claim = _is_claim_text(s)
    clauses = [(m.start(), m.group()) for m in re.finditer(r"[^，,；;。！？]+", masked)]
    subset_open = None
    said: set[str] = set()  # the metrics the sentence has given so far
    part_projects = False  # the last projects counted were a part: their amount, said next, is the part's too
    local_event = False  # a place's own event opened this statement: its figures are the place's
    for offset, clause in clauses:
        if offset and masked[offset - 1] in "；;。！？":
            part_projects = local_event = False
        if CN_LOCAL_EVENT.match(clause) or CN_ONE_ACTOR_SIGNS.search(clause) or named_zone(clause):
            local_event = True  # a place's own event, or one actor's signing: the statement's figures are its own
        if local_event and not part:
            continue
        if part_projects and not re.search(r"\d\s?(?:多|余)?个|项目", clause):
            continue  # "外资项目80个，总投资300亿元": the amount of the foreign-funded projects
        part_projects = False
        if clause.startswith("其中"):
            subset_open = ("subset", "manufacturing") if "制造业" in clause else "drop"
        elif re.match(r"\s*(?:本届|大会|共|累计)", clause) or subset_open and not re.search(r"投资|占比", clause):
            subset_open = None
        taken: set[int] = set()
        for pattern, kind in _CN_RULES:
            for m in pattern.finditer(clause):
                at = m.start("n") if m.group("n") else m.start("scale")
                if at in taken:
                    continue
                value = _value(m, kind)
                metric = _metric(m, kind)
                if value is None or metric is None:
                    continue
                taken.add(at)
                if _is_part(m, kind, clause, metric, group=part, sentence=s):
                    part_projects = part_projects or metric == "projects_signed"
                    continue
                if metric == "exhibition_area" and re.match(r"^的?(?:主|室内)?展馆", clause[m.end():]):
                    metric = "exhibition_area_hall"  # "2万平方米的主展馆": the hall, not the whole show
                if kind == "investment" and one_project_before(masked[:offset + m.start()]):
                    continue
                if (kind == "investment" and m.group(0).startswith("投资") and masked[offset + m.start() - 1:
                        offset + m.start()] not in ("总", "共", "计") and CN_ONE_PROJECT_AFTER.match(clause[m.end():])):
                    continue  # "投资30亿元的某某项目": one listed project's amount
                if CN_SUB_SHOW.search(masked[:offset + m.start()]):
                    continue  # "大会专设主宾国展，……120件产品参加展览": that show's figures  # "……有限公司签订……项目投资协议，总投资22亿元": one project's amount
                qualifier = _qualifier(m)
                value = _round(value)
                start, end = sent.start, sent.end
                if is_claim:
                    # a cumulative cue only after this figure's clause ("投资总额超112亿元，……，累计达60家") is another
                    # figure's: this one is neither a claim nor, in such a sentence, a safe per-edition fact
                    if metric in CLAIM_METRICS and subset_open is None and _is_claim_text(s[:offset + len(clause)]):
                        y0, y1, conf = _claim_range(s, year, result.stage)
                        result.claims.append(Claim(metric, value, UNITS[metric], qualifier, y0, y1, s, start, end,
                                                   round(0.8 * conf, 2)))
                    continue
                if subset_open and metric in said and metric not in _SUBSET_METRICS:
                    continue  # "嘉宾1.2万名，其中重要嘉宾1800名": a part of the figure the sentence gave first
                said.add(metric)
                if metric in _SUBSET_METRICS and subset_open:
                    if subset_open == "drop" or metric == "investment_signed_usd_reported":
                        continue
                    dimension, category = subset_open
                    item = next((b for b in result.breakdowns if b.start == start and b.category == category), None)
                    if item is None:
                        item = Breakdown(year, dimension, category, None, None, None, None, s, start, end, 0.75)
                        result.breakdowns.append(item)
                    if metric == "projects_signed":
                        item.projects, item.projects_qualifier = int(value), qualifier
                    else:
                        item.investment_cny_bn, item.investment_qualifier = value, qualifier
                    continue
                scope, conf = SCOPES.get(metric, "whole convention"), 0.85
                if CN_EXPECTED.search(clause[:m.start("n") if m.group("n") else m.start()]):
                    scope, conf = EXPECTED_SCOPE, 0.5
                number_at = offset + at
                number_end = offset + max(m.end(g) for g in ("n", "scale", "wan") if g in m.groupdict() and m.group(g))
                result.facts.append(Fact(metric, value, UNITS[metric], qualifier, year, scope, s, start, end, conf,
                                         number_start=number_at, number_end=number_end))
