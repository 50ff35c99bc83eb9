"""Cues that a figure belongs to a part of the convention, not to the whole: one of the province's cities named
without 市 ("芜湖共签约"), one matchmaking session or sub-venue ("台企项目对接活动", "the sub-conference in Wuhu"), one
group of investors ("台资项目47个"), one project ("一期投资12亿元", "……有限公司……投资协议，总投资22亿元"), or a ranking
inside the province ("位列全省第二": only a part is ranked against the others).

`release_part` reads the heading and the first lines (a city's, a session's or a sub-venue's own release);
`sentence_part` reads one sentence. Both return the part's name, or None. `scope_stage.part_scope` decides with them.
Each cue comes from the tune halves, the burned turn-3 held-out half or the issue's list, never from the turn-4
held-out articles (see tests/real/SCORES.md).
"""
from __future__ import annotations

import re

# the province's sixteen cities: the places whose delegations sign deals at the convention, often named bare
CN_CITIES = "合肥|芜湖|蚌埠|淮南|马鞍山|淮北|铜陵|安庆|黄山|滁州|阜阳|宿州|六安|亳州|池州|宣城"
EN_CITIES = ("Hefei|Wuhu|Bengbu|Huainan|Ma'?anshan|Huaibei|Tongling|Anqing|Huangshan|Chuzhou|Fuyang|Suzhou|Lu'?an|"
             "Bozhou|Chizhou|Xuancheng")

# a matchmaking session or sub-venue named as a subject (its own deals, its own guests)
CN_SESSION = r"(?:对接会|对接活动|推进会|洽谈会|恳谈会|签约会|签约仪式|侨创会|分会场|专场|座谈会|交流会|见面会|招商会|圆桌会|研讨会)"
_CN_DATELINE = r"(?:^[^。！？]{0,30}?(?:电|讯)\s*(?:[(（][^)）]{0,20}[)）])?\s*)?"
# the session is the subject, not the object of the convention's programme ("大会举办……项目对接活动")
CN_SESSION_SUBJECT = re.compile(r"^\W*" + _CN_DATELINE + r"(?:(?!举办|举行|开展|组织|参加|出席|围绕)[^，,。；]){0,40}?" +
                                CN_SESSION +
                                r"[”\"」]?(?:[^，,。；]{0,16}?)(?:在|于|由|举行|举办|召开|上|期间|现场|共|[，,])")
CN_SESSION_REFERENCE = re.compile(r"^\W*(?:会上|此次活动|本次活动|活动现场|对接会上|推进会上)")
EN_SESSION_SUBJECT = re.compile(
    r"^\W*(?:On [A-Z][a-z]+\.? \d{1,2}(?:st|nd|rd|th)?,?\s+)?(?:the\s+|a\s+)?(?:[\w'-]+\s+){0,6}?"
    r"(?:sub-conference|sub-venue|sub-forum)\b[^.]{0,120}?\b(?:was|were|is)\s+(?:officially\s+)?"
    r"(?:held|opened|launched|staged)\b", re.I)
EN_SESSION_HEADING = re.compile(r"\b(?:sub-conference|sub-venue|sub-forum)\b", re.I)

# one group of investors, in the noun phrase of the counted projects (not an enumeration: "央企、民企、外企……项目对接")
_CN_GROUP = {"台资": "Taiwan-funded projects", "台企": "Taiwan-funded projects", "台商": "Taiwan-funded projects",
             "侨企": "overseas Chinese firms' projects", "侨资": "overseas Chinese firms' projects",
             "港澳": "Hong Kong and Macao projects", "外资": "foreign firms' projects",
             "外企": "foreign firms' projects", "央企": "central SOE projects", "民企": "private firms' projects",
             "长三角": "Yangtze River Delta projects", "沪苏浙": "Yangtze River Delta projects"}
CN_GROUP_PROJECTS = re.compile(r"(?<![、])(?P<g>" + "|".join(_CN_GROUP) + r")(?:企业?|资)?(?![、])[\u4e00-\u9fff]{0,6}?项目"
                               r"(?!对接)")
CN_PROJECT_COUNT = re.compile(r"项目(?:共|数量|总数|数)?(?:达到?|为|有|共计|总计|超过?|近|约)?\s?\d|"
                              r"(?<![\d.])\d[\d.]*+\s?(?:多|余)?个[^，,；;。、\d]{0,8}?项目")
# the source of the release is a body that speaks for one group of investors ("记者从安徽省侨联获悉"): its own list
CN_GROUP_BODY = re.compile(r"从[^，,。]{0,10}?(?P<b>侨联|侨办|台办|台企联|工商联)获悉")
_CN_BODY_GROUP = {"侨联": "overseas Chinese firms' projects", "侨办": "overseas Chinese firms' projects",
                  "台办": "Taiwan-funded projects", "台企联": "Taiwan-funded projects", "工商联": "private firms' projects"}

# a ranking against the province's other places: only a part of the convention is ranked
PROVINCE_RANK = re.compile(r"位列全省|居全省|全省第[一二三四五六七八九十\d]|"
                           r"\b(?:rank(?:ing|s|ed)?|placing|placed)\s+(?:first|second|third|fourth|fifth|\d+(?:st|nd|rd|th)|"
                           r"top)\b[^.;]{0,20}?\b(?:in|among)\s+(?:the\s+)?(?:province|Anhui)\b", re.I)
# one group of investors in English: "projects involving investment from Taiwan", "Hong Kong-funded
# projects": the group's deals, even when the convention is named as where they were signed
EN_GROUP_PROJECTS = re.compile(
    r"\bprojects\s+(?:involving|with|using|attracting|funded by|backed by|financed by)\s+(?:[\w-]+\s+)?"
    r"(?:investments?|capital|funds|funding|investors|enterprises|companies|firms)\s+from\s+(?:the\s+)?"
    r"(?!China and|home and)(?P<from>Hong Kong(?: and Maca[uo])?|Maca[uo]|Taiwan|overseas Chinese|abroad|overseas|[A-Z][a-z]+)|"
    r"\b(?P<adj>Hong Kong|Maca[uo]|Taiwan|foreign|overseas Chinese|overseas)[- ](?:funded|invested|backed|owned)\s+"
    r"(?:[\w-]+\s+)?projects\b")


def en_group_of_projects(sentence: str) -> str | None:
    """The investor group an English sentence's projects come from ("54 projects involving investment from Taiwan were
    signed"), or None."""
    m = EN_GROUP_PROJECTS.search(sentence)
    if not m:
        return None
    group = m.group("from") or m.group("adj")
    return f"{'foreign' if group.lower() in ('abroad', 'overseas', 'foreign') else group} projects"
# one project: its company and agreement before the amount, or a phase of it ("一期投资12亿元")
CN_ONE_PROJECT_BEFORE = re.compile(r"(?:有限公司|股份公司|项目投资协议|投资协议|一期|二期)[^。；;]{0,30}$")


def one_project_before(text: str) -> bool:
    """Is the amount that follows `text` one project's (its company, its agreement or its phase said just before,
    and no count of projects in between)?"""
    m = CN_ONE_PROJECT_BEFORE.search(text)
    return bool(m) and not re.search(r"\d\s*(?:多|余)?(?:个|项)", m.group(0))


def group_of_projects(sentence: str) -> str | None:
    """The investor group of the sentence's first counted projects ("会上共签约台资制造业项目47个"), or None."""
    groups = []
    for count in CN_PROJECT_COUNT.finditer(sentence):
        start = max((m.end() for m in re.finditer(r"[，,；;。]", sentence[:count.start()])), default=0)
        m = CN_GROUP_PROJECTS.search(sentence[start:count.end() + 8])
        groups.append(_CN_GROUP[m.group("g")] if m and start + m.start() <= count.end() else None)
    if groups:  # every count of the sentence is the group's: "外资项目80个……；共签约项目700个" is not one group's
        return groups[0] if len(set(groups)) == 1 else None
    return None


# one group of investors as the subject, the counted projects said later ("台资企业在2030世界制造业大会期间签约项目18个")
CN_GROUP_SUBJECT = re.compile(r"^\W*(?:[^，,。；]{0,12}[，,])?(?P<g>" + "|".join(_CN_GROUP) + r")(?:企业|企|资|商|客商)?"
                              r"(?:代表团)?(?:在|于|共|已|此次|本次|集中|现场|成功|签约|签署|签订)")


def sentence_part(sentence: str) -> str | None:
    """The part a sentence's figures belong to by its own words: a session as its subject, an investor group, a
    ranking in the province."""
    m = CN_SESSION_SUBJECT.match(sentence)
    if m:
        return "matchmaking session"
    if EN_SESSION_SUBJECT.match(sentence):
        return "sub-venue"
    group = group_of_projects(sentence) or en_group_of_projects(sentence)
    if group:
        return group
    m = CN_GROUP_SUBJECT.match(sentence)
    if m:
        return _CN_GROUP[m.group("g")]
    if PROVINCE_RANK.search(sentence):
        return "one city (ranked in the province)"
    return None


def release_part(heading: str, lead: str) -> str | None:
    """The part a whole release is about, from its heading and first sentence: a session, a sub-venue, a group."""
    for line in (heading, lead):
        if CN_SESSION_SUBJECT.match(line):
            return "matchmaking session"
        if EN_SESSION_SUBJECT.match(line):
            return "sub-venue"
    if EN_SESSION_HEADING.search(heading):
        city = re.search(r"\bin\s+(" + EN_CITIES + r")\b", heading)
        return f"{city.group(1)} sub-venue" if city else "sub-venue"
    m = CN_GROUP_BODY.search(lead)
    if m:
        return _CN_BODY_GROUP[m.group("b")]
    group = group_of_projects(heading)
    return group
