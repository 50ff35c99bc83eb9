"""Scope and stage of each figure, decided per clause.

Scope: a sentence whose subject is one place below the convention (a city, district, county or development zone:
"芜湖市在大会上签约项目42个", "我市", "Wuhu signed 42 projects at the WMC") or that sits in a release whose heading
names such a place, gives that place's figures: `part_scope` names it, and the figures go to `Extraction.parts`
under that scope, never to the convention's facts. A sentence whose subject is the convention itself keeps the
convention's scope even in such a release.

Stage: "preliminary" for a first, provisional tally (preliminary or intended agreements, 拟签约, 意向); "expected"
when the clause plans the figure (will be signed, 将, 预计); "reported" when the clause says what was done (were
signed, 已, 签约了) -- even in a release that opened on what "will be held"; a preview's other figures are
expected.
"""
from __future__ import annotations

import re

from loaders.press_release import subsets

# a place below the convention as the subject of a Chinese sentence or heading ("芜湖市", "蜀山区", "经开区")
# (上市 "listed", 超市 "supermarket", 城市 "city" as a common noun ... end in 市 without naming a place)
_CN_PLACE = (r"(?:[\u4e00-\u9fff]{2,6}?(?:(?<![上超股城门夜集])市|县|区|开发区|高新区|经开区|新区|园区)(?![场域内外])|"
             r"(?:" + subsets.CN_CITIES + r")(?!市))")
# a setting said first ("本次大会上，", "大会期间，", "9月20日，") does not change the subject that follows
_CN_SETTING = r"(?:(?:本次|本届|此次|今年的?)?(?:世界制造业)?(?:大会|会议|活动)?(?:上|期间|中|现场)[，,]?|[^，,。；]{1,12}[，,])?"
CN_PLACE_SUBJECT = re.compile(r"^\W*" + _CN_SETTING + r"(?:在|据)?(?P<place>" + _CN_PLACE + r")(?:在|于|共|已|累计|组织|参加|参会|签约|此次|本次|"
                              r"今年|围绕|聚焦|集中|成功|达成|亮相|携|以|的|管委会|政府|代表团|商务局|方面|，|,)")
CN_OUR_CITY = re.compile(r"我市|全市|本市|我区|全区|本区|我县|全县|本县|"
                         # the city's own department as a clause's subject ("，市商务部门报送签约项目40个")
                         r"(?:^|[，,。；\s])(?:市|县|区)(?:商务|招商|投资促进|投促|经信|发改)(?:部门|局|委|中心)")
# one company as the subject of a Chinese sentence ("某某集团在大会上签约项目5个"): its own deals
CN_COMPANY_SUBJECT = re.compile(r"^\W*" + _CN_SETTING + r"[\u4e00-\u9fff（）()]{2,16}?(?:集团|有限公司|股份公司|公司)"
                                r"(?:在|于|与|共|已|此次|本次|签约|成功)")
# a place right after the convention's name, counting its own deals ("前三届世界制造业大会宣城累计签约项目80个")
CN_PLACE_AFTER_CONVENTION = re.compile(r"大会(?:上|期间)?[，,]?(?P<place>" + _CN_PLACE + r")(?:累计|共|已|签约|引进|招引)")
# a place named bare (a county without 县) as the subject of a session's own signings, after the session is named as
# the setting ("本次活动青岚成功签约了9个项目"): the place's deals at its own session
CN_SESSION_PLACE = re.compile(r"^\W*(?:本次|此次|这次)(?:活动|专场|推介会|对接会|签约会|会议)(?:上|中|期间|现场)?[，,]?"
                              r"(?!共|已|成功|现场|集中|累计|合计|正式|顺利|当天|还|又|再|总|一共|大会|会上)"
                              r"(?P<place>[\u4e00-\u9fff]{2,3}?)(?:成功|共|现场|集中|已)?签约")
# words that can end like a place but are not one ("会展区", "展区", "园区" alone is generic)
_NOT_PLACE = re.compile(r"^(?:展区|会场区|会展区|本届|此次|大会|活动区|核心区|主会场区|国际展区)")
_EN_CITY = r"(?P<place>[A-Z][a-z]+(?:['’](?!s\b)[a-z]+)?(?:[ -][A-Z][a-z]+)?)"  # "Lu'an", "Ma'anshan"; not "Anhui's"
_EN_PLACE_WORDS = r"(?:\s+(?P<kind>City|city|District|district|County|county|(?:Economic and Technological |" \
                  r"High-tech |Hi-tech |Economic |Industrial )?(?:Development )?Zone|zone))?"
# a setting said first ("At the convention, ", "During the event, ") and the province named before its city
# ("Anhui's Bengbu city") do not change the subject that follows
_EN_SETTING = r"(?:(?:At|During|On the sidelines of|Meanwhile|Also|Moreover|In addition)\b[^,.;]{0,60},\s*)?" \
              r"(?:Anhui(?:'s|’s)\s+)?"
EN_PLACE_SUBJECT = re.compile(r"^\W*" + _EN_SETTING + r"(?:The\s+)?(?:city of\s+)?" + _EN_CITY + _EN_PLACE_WORDS +
                              r"(?:'s\s+[a-z]+(?:\s+[a-z]+)?)?\s+(?:has\s+|had\s+)?(?:signed|signs|inked|inks|"
                              r"clinched|clinches|secured|secures|landed|lands|won|wins|bagged|netted|nets|"
                              r"attracted|attracts|brought|brings|took home|came away with)\b(?=[^.;]{0,40}?\d)")
# one of the province's cities named elsewhere than as the subject: "signed by Bengbu", "enterprises from Bengbu", "In
# Bengbu, 23 projects were signed" (not Hefei there: the host city's name often sets the convention's own scene)
EN_CITY_ELSEWHERE = re.compile(
    r"\b(?:signed|inked|secured|clinched|landed)\s+by\s+(?:the\s+city\s+of\s+)?(?P<by>" + subsets.EN_CITIES + r")\b|"
    r"\b(?i:enterprises|companies|firms|investors|delegation|delegates|businesses)\s+from\s+(?:the\s+city\s+of\s+)?"
    r"(?P<from>" + subsets.EN_CITIES + r")\b|"
    r"^\W*In\s+(?P<in>(?!Hefei)(?:" + subsets.EN_CITIES + r"))(?:\s+city)?,")


def _en_city_elsewhere(sentence: str) -> str | None:
    m = EN_CITY_ELSEWHERE.search(sentence)
    return f"{m.group('by') or m.group('from') or m.group('in')} city" if m else None


# a named group of investors, a team or a set of cities as the subject ("Companies from Zhejiang signed 30 projects",
# "Taiwan businesses signed ...", "A Hong Kong investment promotion team signed ...", "the Yangtze River Delta cities
# signed ..."): the group's own deals. Only a group that a proper name sets apart: "Domestic and foreign companies
# signed 600 projects" (no name) are everyone, and Chinese, Anhui or global firms are no part
_GROUP_NOUN = (r"(?i:companies|firms|enterprises|businesses|businesspeople|business people|investors|entrepreneurs|"
               r"teams?|delegations?|cities|counties|districts)")
EN_GROUP_SUBJECT = re.compile(r"^\W*" + _EN_SETTING + r"(?P<subject>(?:(?:the|a|an)\s+)?(?:[\w'’-]+\s+){0,5}?" +
                              _GROUP_NOUN + r"(?:\s+from\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+){0,3}[A-Z][\w'’-]*)?)"
                              r"\s+(?:has\s+|have\s+|had\s+)?(?:jointly\s+)?(?:signed|inked|clinched|secured|landed)\b")
# with _NOT_CITY's words; a sentence's first word is capitalised anyway ("Major companies signed ...")
_NOT_A_GROUP_NAME = {"Hefei", "WMC", "Fortune", "Chinese-foreign", "Major", "Many", "Leading", "Local", "Key", "Other",
                     "Several", "Big", "Large", "Top", "New", "Most", "All", "Both", "Participating", "Various", "These",
                     "Those", "Their", "Numerous", "Multinational", "Partner", "Renowned", "Well-known", "Famous",
                     "Attending", "Visiting", "Relevant", "Related", "Hundreds", "Thousands", "Dozens"}


def en_group_subject(sentence: str) -> str | None:
    """The named group whose own deals an English sentence gives ("Taiwan businesses signed 18 projects"), or None."""
    m = EN_GROUP_SUBJECT.match(sentence)
    if not m:
        return None
    names = [w for w in re.findall(r"[A-Z][\w'’-]*", m.group("subject"))
             if w not in _NOT_A_GROUP_NAME | _NOT_CITY and not re.fullmatch(_GROUP_NOUN, w)]  # "Investors signed"
    return f"{' '.join(names)} group" if names else None


# one company as the subject ("Lakeside Motor Group signed 12 projects"): its own deals
EN_COMPANY_SUBJECT = re.compile(r"^\W*(?:The\s+)?(?:[A-Z][\w&'-]{0,30}\s+){1,5}(?:Group|Co\.|Company|Corporation|Corp\.|"
                                r"Ltd\.?|Inc\.?|Holdings|Technologies)\s+(?:has\s+|had\s+)?(?:signed|signs|inked|inks|"
                                r"clinched|secured|landed)\b")
# "... at the WMC", "during the convention": a place's own deals said against the convention
_AT_CONVENTION = re.compile(r"\b(?:at|during|on the sidelines of)\s+(?:the\s+)?(?:20\d\d\s+)?(?:WMC|World Manufacturing "
                            r"Con(?:vention|ference)|convention)\b")
EN_OUR_CITY = re.compile(r"\b(?:the city|our city|the district|the county|the zone)(?:'s)?\s+(?:has\s+)?(?:signed|"
                         r"inked|secured|landed|delegation|enterprises|companies|firms|projects|deals)\b|"
                         # "of the deals signed by the city at the convention, ..."
                         r"\b(?:signed|inked|secured|landed|attracted|introduced)\s+by\s+(?:the|our)\s+"
                         r"(?:city|district|county|zone)\b", re.I)
_NOT_CITY = {"The", "This", "World", "China", "Chinese", "Anhui", "Province", "Organizers", "Organisers", "Wmc",
             "It", "Its", "They", "A", "An", "In", "At", "On", "During", "Over", "More", "Some", "Convention", "Its",
             "Exhibitors", "Visitors", "Guests", "Companies", "Firms", "Participants", "Delegates", "Projects",
             "Foreign", "Overseas", "Domestic", "Global", "International", "National", "Total", "Deals"}
# the convention as the subject: its own totals, even in a city's release
CONVENTION_SUBJECT = re.compile(r"^\W*(?:(?:本届|此次|本次|今年的?|20\d\d年?)?(?:世界制造业)?大会"
                                r"(?!期间|上|中|现场|开幕|闭幕|召开|举办|举行|前夕|[，,])|"
                                r"(?:The|This year's|This)\s+(?:20\d\d\s+)?(?:convention|WMC|World Manufacturing "
                                r"Con(?:vention|ference)|event|edition)\b)", re.I)


# a Chinese place name in pinyin ("Wuhu", "Chuzhou", "Ma'anshan"): without "city" or "district" after it, only such
# a name is read as a place ("Investors signed 430 projects" is not one)
_SYLLABLE = (r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|"
             r"en|in|un|ia|ie|iu|ua|uo|ui|ue|er|a|o|e|i|u|v)")
_PINYIN = re.compile(r"(?:" + _SYLLABLE + r"[' -]?)+")


_PROVINCE_CITY = re.compile(subsets.EN_CITIES)


def _en_place(match: re.Match | None) -> str | None:
    if not match:
        return None
    place = match.group("place")
    # "Investors signed ...": a capitalised word, not a (Chinese) place; one of the province's cities is a place
    # wherever it signs ("Bengbu has signed 88 projects this year")
    if not match.group("kind") and not _PROVINCE_CITY.fullmatch(place) and not (
            _AT_CONVENTION.search(match.string) and _PINYIN.fullmatch(place.lower())):
        return None
    if place.split()[0] in _NOT_CITY or place.isupper():
        return None
    kind = (match.group("kind") or "city").lower()
    return f"{place} {kind}" if not place.lower().endswith(kind) else place


def _opening_lines(text: str, n: int = 4) -> list[str]:
    lines = [line.strip() for line in text.splitlines() if line.strip()][:n]
    return [re.split(r"(?<=[。！？])|(?<=[.!?])\s", line, maxsplit=1)[0] for line in lines]


def heading_place(text: str) -> str | None:
    """The part a release's heading (its first non-empty line) or its first lines name as its subject: a city's
    own release, a matchmaking session's, a sub-venue's, one investor group's (`subsets.release_part`)."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if len(first) <= 160:
        m = CN_PLACE_SUBJECT.match(first)
        if m and not _NOT_PLACE.match(m.group("place")):
            return m.group("place")
        place = _en_place(EN_PLACE_SUBJECT.match(first))
        if place:
            return place
    lines = _opening_lines(text)
    for line in lines:
        part = subsets.release_part(line, line)
        if part:
            return part
    return None


def part_scope(sentence: str, heading: str | None) -> str | None:
    """The place whose figures the sentence gives, or None for the convention's (see the module docstring)."""
    group = subsets.group_of_projects(sentence) or subsets.en_group_of_projects(sentence)
    if group:  # "大会共签约外企项目28个，投资总额超112亿元": one investor group's deals, even said of the convention
        return group
    if subsets.CN_SESSION_SUBJECT.match(sentence):  # "大会侨企项目对接会在合肥举行，会上……": the session's
        return "matchmaking session"
    if CONVENTION_SUBJECT.match(sentence):
        return None
    m = CN_PLACE_SUBJECT.match(sentence)
    if m and not _NOT_PLACE.match(m.group("place")):
        return m.group("place")
    m = CN_PLACE_AFTER_CONVENTION.search(sentence)
    if m and not _NOT_PLACE.match(m.group("place")):
        return m.group("place")
    m = CN_SESSION_PLACE.match(sentence)
    if m and not _NOT_PLACE.match(m.group("place")):
        return m.group("place")
    if CN_OUR_CITY.search(sentence) or EN_OUR_CITY.search(sentence):
        return heading or ("本市" if re.search(r"[\u4e00-\u9fff]", sentence) else "the publishing city")
    place = _en_place(EN_PLACE_SUBJECT.match(sentence))
    if place:
        return place
    if EN_COMPANY_SUBJECT.match(sentence) or CN_COMPANY_SUBJECT.match(sentence):
        return "one company"
    place = _en_city_elsewhere(sentence)
    if place:
        return place
    group = en_group_subject(sentence)
    if group:
        return group
    return subsets.sentence_part(sentence) or heading


# ---------------------------------------------------------------- stage

# an interim count, stated as done: "preliminary agreements", "初步", "截至目前" (as of now); a plan (拟, 意向) is expected
# "(the convention runs ... and) is attended by more than 1,000 guests": a present-tense head count, taken while it runs
PRELIMINARY_CUE = re.compile(r"\bpreliminar(?:y|ily)\b|\binitial(?:ly)? (?:agreed|signed|agreements?)\b|"
                             r"\b(?:is|are) (?:being )?attended by\b|\bare (?:now )?(?:attending|taking part)\b|"
                             r"\bas of (?:now|press time|this morning)\b|初步|截至目前|截至发稿|截止目前|"
                             r"上报|报送|摸排|优选|确认参会|确认来|确认参展|报名参展|已报名|"
                             # signed up before the event: "600 companies have registered to exhibit"
                             r"\b(?:have|has)\s+(?:already\s+)?registered\s+to\s+(?:exhibit|attend|take part)\b", re.I)
EXPECTED_CUE = re.compile(r"\bexpected\b|\bwill\b|\bto be (?:signed|inked|sealed|held)\b|\bplanned\b|\bset to\b|"
                          r"\bscheduled\b|\banticipated\b|\bin the pipeline\b|\blined up\b|\bup for signing\b|"
                          r"\bdue to be\b|\bpoised to\b|\baims? to\b|\btarget(?:s|ed)?\b|"
                          r"\bintended\b|\bletters? of intent\b|\bintent(?:ion)? agreements?\b|"
                          r"将(?!近)|预计|力争|目标|计划|有望|预期|争取|拟|意向", re.I)
REPORTED_CUE = re.compile(r"\b(?:were|was|have been|has been|had been)\s+(?:\w+\s+)?(?:signed|inked|sealed|"
                          r"concluded|reached|agreed|exhibited|displayed|held)\b(?! up)|\b(?:signed(?! up)|inked|sealed|attracted|"
                          r"drew|saw|welcomed|gathered|brought together|recorded|totaled|totalled|reached)\b|"
                          r"已|签约了|签下|共签约|集中签约|成功签约|签署了|达成了|现场签约|吸引了|接待了?", re.I)
# an interim lead anywhere before the number ("据介绍，截至目前，明确参会来宾4096位")
_INTERIM_LEAD = re.compile(r"截至目前|截止目前|截至发稿|上报|报送|\bAs of (?:now|press time)\b", re.I)
# 将 governing the verb whose object is the figure, said in an earlier clause ("……，将围绕主题，通过线上线下方式举办论坛、
# 展览等30余场活动"): the programme to come, even in an opening-day story
_CN_PLANNED_PROGRAMME = re.compile(r"将(?!近)[^。；！？已了]{0,80}?(?:举办|举行|开展|安排|组织)[^。；！？，,已了]{0,60}$")
# a comma between digit groups ("1,000") is part of a number, not a clause break
_CLAUSE = re.compile(r"(?:(?<!\d),|,(?!\d{3}(?!\d)))|[;:，；：。!?！？]|\s(?:and|while|but|whereas)\s")


def clause_at(sentence: str, position: int | None) -> str:
    """The clause of `sentence` around the character `position` (the whole sentence without a position)."""
    if position is None:
        return sentence
    cuts = [m.end() for m in _CLAUSE.finditer(sentence) if m.end() <= position]
    start = cuts[-1] if cuts else 0
    after = _CLAUSE.search(sentence, position)
    return sentence[start:after.start() if after else len(sentence)]


def has_stage_cue(clause: str) -> bool:
    """Does the clause say its own stage (a plan, an interim count or a thing done)?"""
    return bool(PRELIMINARY_CUE.search(clause) or EXPECTED_CUE.search(clause) or REPORTED_CUE.search(clause))


def clause_stage(clause: str, planned: bool, preview: bool, lead: str = "") -> str:
    """The stage of a figure from its clause: `planned` is the extractor's own reading (an expected cue before the
    number: "备选签约项目" are candidates, even when "初步" surveyed); `preview` whether the release is a preview of
    this figure's edition; `lead` the sentence before the number ("截至目前，大会已签约 ...")."""
    if planned:
        return "expected"
    if PRELIMINARY_CUE.search(clause) or _INTERIM_LEAD.search(lead):
        return "preliminary"
    if _CN_PLANNED_PROGRAMME.search(lead):
        return "expected"
    # in Chinese the extractor reads the cue before the number ("520家参展企业将集中展示新品", invented: 将 is another verb's)
    if EXPECTED_CUE.search(clause) and not re.search(r"[\u4e00-\u9fff]", clause):
        return "expected"
    if preview and not REPORTED_CUE.search(clause):
        return "expected"
    return "reported"


# A release that reports the opening (its title or lead: "opened", "kicked off", 开幕 -- not 开幕式, a programme item)
# and not the close: what it counts as done was counted while the convention ran, so it is an interim figure.
_OPENING_LEAD = re.compile(r"\b(?:opened|kicked off|kicks off|got under ?way)\b|开幕(?!式|在即|前夕|前|倒计时)", re.I)
OPENING_LEAD_CHARS = 300


def opening_report(text: str, release_stage: str) -> bool:
    """Whether a release reports the opening day (neither a preview nor a closing report)."""
    if release_stage != "":
        return False
    head = text[:OPENING_LEAD_CHARS]
    # the convention is what opened ("250 projects kicked off" is a progress count, not the opening)
    return any(_OPENED_SUBJECT.search(sentence) for sentence in re.split(r"(?<=[.!?。！？])\s*|\n", head)
               if _OPENING_LEAD.search(sentence))


_OPENED_SUBJECT = re.compile(r"\b(?:WMC|World Manufacturing Con(?:vention|ference)|convention|event|edition)\b|大会",
                             re.I)


# An outdoor area said to be added ("a large outdoor exhibition area was added", 增设3.2万平方米室外展区): the area the
# release states beside it covers the indoor zones, even where a translation calls it the total.
_OUTDOOR_ADDED = re.compile(r"\boutdoor (?:exhibition )?(?:area|zone|space)s?\s+(?:was|were|has been|have been|will be|"
                            r"is being)\s+added\b|(?:增设|新增|加设)[^。；，,]{0,15}(?:室外|户外)", re.I)


def area_beside_added_outdoor(text: str, facts: list) -> list:
    """The `exhibition_area` figures of a release that adds an outdoor area no larger figure could include: they
    are hall areas (a total cannot be smaller than its own outdoor part)."""
    if not _OUTDOOR_ADDED.search(text) or any(f.metric == "exhibition_area_hall" for f in facts):
        return []
    outdoor = [f.value for f in facts if f.metric == "exhibition_area_outdoor"]
    return [f for f in facts if f.metric == "exhibition_area" and all(value >= f.value for value in outdoor)]


# "Covering 20,000 square meters, the exhibition hall will ...": the hall is the subject the leading phrase describes
_HALL_SUBJECT = re.compile(r"^\W*(?:Covering|Spanning|Occupying)\b(?:[^,.;]|(?<=\d)[,.](?=\d))*,\s*the (?:main |indoor )?exhibition halls?\b", re.I)


def hall_as_subject(sentence: str) -> bool:
    return bool(_HALL_SUBJECT.search(sentence))

