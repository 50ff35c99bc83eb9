"""Context words: the regexes that tell what a sentence or clause is about (funds in place, a subset, an
expected figure, another year or event, a cumulative claim ...)."""
from __future__ import annotations

import re

from loaders.press_release.numbers import _WORDS


# ---------------------------------------------------------------- context words

EXHIBIT_CTX = re.compile(r"exhibit|exhibition|display|showcas|booth|on show|showing|signed up for|"
                         r"confirmed (?:their )?participation|参展|展览|展品", re.I)
FUNDS_CTX = re.compile(r"(?:funds?|money|capital)\b[^.;]{0,40}?\b(?:in place|deployed|arrived|actually|utili[sz]ed|"
                       r"disbursed)|actual(?:ly)?\s+(?:investment|invested|in place|deployed|utili[sz]ed)|in place|"
                       r"到位", re.I)
# the same, said after the amount ("1 trillion yuan of funds had been put in place", "... yuan already deployed")
FUNDS_AFTER = re.compile(r"^\s*(?:yuan|renminbi|rmb|cny|dollars|u\.\s?s\.\s*dollars|us\s*dollars)?\s*"
                         r"(?:\([^)]{0,40}\)\s*)?"  # "90 billion yuan (US$13 billion) was injected into ..."
                         r"(?:(?:of|in)\s+(?:the\s+)?(?:[\w-]+\s+)?(?:funds?|money|capital)\b[^.;]{0,40}?\b(?:in place|deployed|arrived|actually|"
                         r"utili[sz]ed|disbursed|invested)|(?:(?:has|have|had|was|were)\s++)?(?:been\s++|already\s++|actually\s++)*"
                         r"(?:deployed|put in place|in place|actually invested|actually arrived|disbursed|"
                         r"injected into)\b)", re.I)
INVEST_CTX = re.compile(r"invest|worth|value|valued|signed|deals?|contract|projects?|amount|pledged|投资|金额|签约",
                        re.I)
# an award, a prize or a contest: the products, firms or projects it counts (winners, entries, finalists) are the
# contest's, never the convention's exhibits, exhibitors or signed projects
AWARD_WORDS = re.compile(r"\b(?:award|awards|award-winning|prize|prizes|prize-winning|winning|winners?|finalists?|"
                         r"shortlisted|medals?|gold|silver|bronze|honou?rees|entries|judges|judged)\b|"
                         r"金奖|银奖|铜奖|获奖|奖项|评奖|评选|参评|入围|得奖|大奖|优秀奖|创新奖|评审|荣誉称号", re.I)
# the narrower cue read in the whole sentence: an award or a prize named anywhere in it makes its counts of products
# and firms the award's ("50 products were unveiled on the first day, each given the Gold Award title")
AWARD_NAMED = re.compile(r"\b(?:awards?|prizes?|medals?)\b|金奖|银奖|铜奖|获奖|奖项|评奖|大奖|荣誉称号", re.I)
# a side account of the convention: its volunteers or service crews (power, security, hotels) at work, or a
# school's group on a visit. The guests they served, the countries those came from and the exhibits a group saw are
# the account's own counts, never the convention's figures (that page gives its figures elsewhere, in its own words)
SIDE_ACCOUNT = re.compile(r"志愿者|志愿服务|保电|供电|安保|师生|学生|同学|我校|我院|酒店|宾馆|"
                          r"\b(?:volunteers?|volunteering|students?|pupils|teachers|faculty|power supply|"
                          r"grid company|security staff|hotels?)\b", re.I)
SUBSET_CTX = re.compile(r"\b(?:of which|of these|of them|of the total|among them|among which|among these|"
                        r"among the deals|including|in particular|such as)\b|其中", re.I)
DROP_CTX = re.compile(r"\b(?:on[- ]site|on the spot|during the (?:\w+ )?(?:convention )?days|signing session|"
                      r"signing ceremony|single project|largest|biggest|one project|sub-forum|session|"
                      # one gathering inside the convention (a symposium, a roundtable, a matchmaking meeting): its deals
                      r"symposium|round-?table|seminar|business forum|(?:parallel|themed|thematic|side) forum|"
                      r"matchmaking (?:event|meeting|fair|conference)|promotion (?:event|meeting|conference)|"
                      r"exchange meeting|"
                      r"on the (?:first|opening|second|third|fourth|final|last|closing) day|opening day|"
                      r"at the opening ceremony|delegation)\b", re.I)
# a part of the convention by origin ("60 companies from Germany", "Korean firms"), never its total
ORIGIN_CTX = re.compile(r"\b(?:companies|firms|enterprises|investors|representatives|guests|delegates|participants|"
                        r"executives|projects)\s+from\s+(?!China and abroad|home and abroad|China and overseas|"
                        # "from China and the world": everyone, said the way 中外 is often translated
                        r"China and (?:the )?(?:world|region|regions)\b)"
                        r"(?:the\s+)?[A-Z]|\b(?:German|Japanese|Korean|French|American|British|Italian|Slovak|"
                        r"foreign-funded|Hong Kong|Macao|Taiwan)\s+(?:companies|firms|enterprises|investors|projects)\b")
PRESENT_CTX = re.compile(r"attend|took part|take part|participat|came|joined|drew|drawn|attract|present|gather|"
                         r"welcom|includ|among|invited|met\b|visited", re.I)
# one actor's investment, not the convention's signed total
SINGLE_ACTOR_CTX = re.compile(r"\b(?:a|the|one) (?:company|firm|plant|factory|enterprise|group)\b|"
                              r"\b(?:plans?|planning|intends?|intending|aims?|expects?|pledged|promised|vows?|vowed)"
                              r"\s+to\s+invest\b|\bwill invest\b|\bfund\b", re.I)
EXPECTED_CTX = re.compile(r"\bexpected\b|\bwill be signed\b|\bto be signed\b|\bplanned\b|\bare set to\b|"
                          r"\bwill sign\b|\bis set to\b|\banticipated\b|\bin the pipeline\b|\blined up\b|"
                          r"\bup for signing\b|\bdue to be (?:signed|inked)\b|\bpoised to (?:sign|ink)\b|"
                          r"\bto be (?:inked|sealed)\b|\bwill (?:attend|bring together|draw|gather|welcome|feature|"
                          r"display|showcase|exhibit|participate|host|cover|invite)\b|\bset to (?:attend|draw)\b|"
                          r"预计|将签约|拟签约", re.I)
# a clause of a sentence: "640 firms are exhibiting, and 568 projects are expected to be signed" has two, one of
# them reported; the stage is decided per clause
_CLAUSE_BREAK = re.compile(r",\s+(?:and|while|but|whereas)\s+|;\s+|\s+while\s+|\s+whereas\s+", re.I)
# a clause with a finite verb of its own reports its figure, whatever the rest of the sentence plans
_OWN_VERB = re.compile(r"\b(?:is|are|was|were|has|have|had|attracted|drew|brought|featured|signed|inked|exhibited|"
                       r"showcased|covered|gathered|welcomed|saw|recorded|reached|totaled|totalled)\b", re.I)


def expected_at(sentence: str, pos: int) -> bool:
    """Is the figure at `pos` expected (planned, targeted)? A cue in its own clause says so; a cue elsewhere in the
    sentence only when the figure's clause has no verb of its own ("covering 43,000 square meters, will feature")."""
    if not EXPECTED_CTX.search(sentence):
        return False
    bounds = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(sentence)] + [len(sentence) + 1]
    start = max(b for b in bounds if b <= pos)
    stop = min(b for b in bounds if b > pos)
    clause = sentence[start:stop]
    return bool(EXPECTED_CTX.search(clause)) or not _OWN_VERB.search(clause)
OTHER_YEAR_CTX = re.compile(r"\b(?:last year|previous (?:edition|convention|year|session)|last edition|"
                            r"a year (?:earlier|ago)|prior edition|the year before|the preceding (?:year|edition)|"
                            r"next (?:year|edition|session|convention)|the following (?:year|edition)|"
                            r"(?:coming|upcoming|future) (?:edition|session)s?)\b|去年|上届|明年|下届", re.I)
_SINCE_START = (r"(?:launch|inception|founding|debut|establishment|start|birth|creation|first (?:edition|session|"
                r"convention|meeting)(?: was held)?)")
CLAIM_CTX = re.compile(
    r"\bsince (?:its |the convention's |the event's )?(?:(?:launch|inception|founding|debut|establishment|start) "
    r"in )?(?:20\d\d)\b|"
    r"\bsince (?:its |the |the convention's |the event's |their )?(?:very )?" + _SINCE_START + r"\b|"
    r"\b(?:in total|altogether|combined|all told|in all) (?:over|across|during|for|from) (?:the |its |these |those )?"
    r"(?:\w+ )?(?:editions|sessions|conventions|years)\b|"
    r"\b(?:across|through(?:out)?|during|in|over) (?:the |its |all |these |those )?(?:(?:past|previous|last|"
    r"preceding|first) )?(?:\d+|" + "|".join(_WORDS) + r") (?:editions|sessions|conventions)\b|"
    r"\b(?:across|throughout|in|over) (?:all |its |all its |all the )(?:editions|conventions)\b|"
    r"\b(?:over|across) the years\b|\bin (?:its|their) history\b|\bhistor(?:y|ic) total\b|"
    r"\bfrom (?:2018|its first edition) (?:to|through|until) (?:now|date|today|this year)\b|"
    r"\b(?:from|between) 2018 (?:to|through|until|and) 20[1-9]\d\b|"
    r"\bsince (?:it|the (?:convention|event|WMC|World Manufacturing Convention)) (?:was |were )?(?:first )?"
    r"(?:launched|founded|established|started|began|debuted|held|inaugurated|created|staged)\b|"
    r"\b(?:over|throughout|across|during|in) (?:its|their|the convention's|the event's) (?:[\w-]+ )?history\b|"
    r"\b(?:the|its|all|these|those) (?:\d+|" + "|".join(_WORDS) + r") (?:conventions|sessions)\b|"
    r"自首届|首届以来|创办以来|举办以来|\b(?:first|past|previous|last|over(?: the)?(?: past)?|all|preceding) "
    r"(?:(?:\d+|" + "|".join(_WORDS) + r") )?(?:editions|sessions|years|conventions)\b|"
    r"\b(?:\d+|" + "|".join(_WORDS) + r") (?:successive|consecutive|straight|previous|past) (?:years|editions)\b|"
    r"\b(?:\d+|" + "|".join(_WORDS) + r") editions\b|\bso far\b|\bto date\b|\bcumulative(?:ly)?\b|"
    r"累计|历届|自2018年|前(?:\d+|[一二三四五六七八九十])届|(?:\d|[两二三四五六七八九十])届(?:世界制造业)?大会(?:共|累计)|"
    r"(?<!\d)(?:\d+|[两二三四五六七八九十多])年来", re.I)
# a record said against the convention's history ("the largest number in the convention's history", "创历届之最"):
# a superlative about this edition's own figure, never a cumulative total
RECORD_CTX = re.compile(
    r"\b(?:a |the |an )?(?:new |all-time )?(?:record|largest|highest|biggest|most|greatest|best|strongest)\b[^,.;:]{0,60}?"
    r"\b(?:in (?:its|their|the (?:[\w-]+\s+){0,3}?(?:convention|event|edition|conventions|editions)'s?) history|"
    r"(?:of|among|across) (?:all|any) (?:its |the |previous |past )?(?:editions|sessions|conventions)|ever(?: recorded)?)\b|"
    # an appositive record: "700 projects, the most since 2018", "..., the highest since the convention began"
    r",\s*(?:the|a) (?:new )?(?:record|most|highest|largest|biggest|greatest)\b[^,.;:]{0,40}?\bsince\b[^,.;:]{0,40}|"
    r"历届[^，,。；;]{0,40}?(?:最多|最大|最高|最强|之最)的?一届|"
    # "创出历届大会展览面积最大的纪录": this edition's record against the others, not their sum
    r"创出?历届(?:大会)?[^，,。；;]{0,24}?(?:最多|最大|最高|最强|最广|最丰富|之最)|"
    r"创(?:下)?(?:历届|历史)(?:之最|最高|最多|最大|新高)|(?:历届|历史)(?:之最|最高|最多|最大)|创(?:历史)?新高|创纪录", re.I)


# "520 companies have so far confirmed participation" (invented): this edition's sign-ups until now, not a total over editions
_SO_FAR_SIGNUPS = re.compile(r"\bso far\s+(?:confirmed|registered|signed up|enrolled)\b", re.I)


# "本届大会展览期间累计接待观众28万人次": 累计 adds up the days of this edition, not several editions
_THIS_EDITION_CN = re.compile(r"本届|本次|此次|今年|(?:大会|展会|展览|会议)期间")
_MANY_EDITIONS_CN = re.compile(r"历届|以来|自首届|前(?:\d+|[一二三四五六七八九十])届|(?:\d|[两二三四五六七八九十])届|年来|自20")


# the English counterparts: a sentence that names this edition's own days counts "so far" within them
_THIS_EDITION_EN = re.compile(r"\bduring the (?:conference|convention|event)\b|\bthis (?:year's|edition)\b", re.I)
_SO_FAR_EN = re.compile(r"\b(?:so far|to date|up to now)\b", re.I)


def is_claim(text: str) -> bool:
    """Does the text state a cumulative figure over several editions (a claim)? A record set against the
    convention's history ("the largest number in its history") is this edition's figure, not a claim; so is a
    total over this edition's days ("本届大会期间累计 ...")."""
    text = _SO_FAR_SIGNUPS.sub(lambda m: " " * len(m.group()), text)
    if _THIS_EDITION_CN.search(text) and not _MANY_EDITIONS_CN.search(text):
        text = text.replace("累计", "  ")
    if _THIS_EDITION_EN.search(text):
        # "So far, the conference has promoted 700 projects, of which 400 were signed during the conference": this
        # edition's tally until now; any other cue of several editions still makes a claim
        text = _SO_FAR_EN.sub(lambda m: " " * len(m.group()), text)
    return bool(CLAIM_CTX.search(RECORD_CTX.sub(lambda m: " " * len(m.group()), text)))


PERIOD_REF = re.compile(r"(?:During|Over|In|Throughout|Within) (?:the|that|this) (?:period|time)\b|"
                        r"(?:(?:During|Over|In|Throughout|Within|Across)\s+)?(?:those|these|Those|These)\s+"
                        r"(?:(?:\d+|[a-z]+)\s+)?(?:editions|years|sessions|conventions)\b")
OTHER_EVENT = re.compile(r"\b(?:Expo|Fair|Trade Show|Festival|Congress|Games|Olympiad)\b|\bthe (?:expo|fair)\b|"
                         # trade shows abroad a province's firms join: other events, whatever the page's topic
                         r"\b(?:exhibitions|fairs|trade shows|expos)\s+(?:abroad|overseas)\b|"
                         r"\b(?:overseas|foreign)\s+(?:exhibitions|fairs|trade shows|expos)\b|"
                         r"博览会|交易会|展销会|(?:境外|海外|国外|出国)(?:展会|展览|参展|办展)", re.I)
# a headline about another named event ("Yangtze River Delta Industrial Internet Conference closes in Wuhu")
# (the capitalized word right before the event noun is enough: the words before it never change the answer, and
# reading them from every capitalized word was O(n^2) on a long title)
OTHER_EVENT_TITLE = re.compile(r"(?<![\w-])[A-Z][\w-]*+\s+(?:Conference|Summit|Forum|Symposium|Exhibition|"
                               r"Week|Show|Convention)\b")
# a Chinese headline about another gathering ("2030侨商大会在武汉开幕", "全球制造业峰会开幕"): the convention, named only
# in passing further down, is not the page's subject (a press conference, 发布会, may be the convention's own)
CN_OTHER_EVENT_TITLE = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?<!制造业)(?<!本届)(?<!此届)(?<!该届)(?<!今年)(?<!本次)(?<!此次)"
                                  r"大会|峰会|博览会|交易会|展销会|展览会|年会")
# a sentence whose subject is another kind of event (a convention's own figures never start like this)
ANOTHER_EVENT_SUBJECT = re.compile(r"^\W*(?:the|this|that)\s+(?!(?:20\d\d\s+)?World Manufacturing Conference)"
                                   r"(?:(?:[\w-]+\s+){0,3})?(?:conference|"
                                   r"symposium|expo|fair|trade show)\b", re.I)
CONVENTION_NAME = re.compile(r"World Manufacturing Con(?:vention|ference)|\bWMC\b|"
                             r"世界制造业大会", re.I)
GENERIC_MODS = {"signed", "new", "cooperation", "cooperative", "investment", "industrial", "major", "key", "were",
                "are", "was", "is", "contracted", "big", "large", "large-scale", "more", "total", "other", "such",
                "of", "those", "these", "all", "the", "in", "agreed", "partnership"}
BLOCKED_MODS = {"of", "in", "for", "from", "to", "years", "year", "editions", "edition", "days", "by", "with",
                "and", "or"}
