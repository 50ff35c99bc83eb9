"""Numbers in an English sentence read as mentions: a value, its kind (money, area, count), qualifier and
the metric noun after it (or before it: "Exhibitors numbering 451", "Signed projects: 703")."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from loaders.press_release.context import AWARD_NAMED, AWARD_WORDS, BLOCKED_MODS, EXHIBIT_CTX
from loaders.press_release.numbers import (
    _CNY_AFTER, NUMBER_RE, _SCALE, _THRESHOLDS, _USD_AFTER, mask, _parse_value, qualifier_of,
)
from loaders.press_release.text import Sentence


# A spelled-out number below this is said in passing ("two countries", "three companies"); the convention's counts
# of countries, people, firms and exhibits are written in digits or are far larger
INCIDENTAL_BELOW = 13
INCIDENTAL_METRICS = {"countries_regions", "attendees", "exhibitors", "exhibits", "visitors", "overseas_guests",
                      "fortune500_companies", "fortune500_executives"}


@dataclass
class Mention:
    start: int          # offsets inside the sentence
    end: int
    value: float        # raw number (already scaled to bn for money)
    qualifier: str
    kind: str           # money_cny, money_usd, area, count, none
    metric: str | None = None
    mods: str = ""      # words between the number and a 'projects' noun
    noun_end: int = 0
    threshold: bool = False
    conversion_of: int | None = None  # index of the mention a parenthetical amount converts
    confidence: float = 0.9
    left: str = ""
    right: str = ""
    implicit: bool = False  # "Of all the signed projects, 167 are ...": a projects count with no noun after it


# the counts an award or contest also makes: "45 award-winning products", "30 projects won prizes"
AWARD_COUNTED = {"exhibits", "exhibitors", "projects_signed", "events"}


def _count_metric(right: str, sentence: str) -> tuple[str | None, float, str, int]:
    """(metric, confidence, modifiers, length of the noun phrase) for a count followed by `right`; a count of
    products, firms or projects that an award names in its own clause ("45 award-winning products on display",
    "30 firms won gold medals"), or of products or firms in a sentence naming an award, is the contest's: no
    metric."""
    found = _count_noun(right, sentence)
    if found[0] in AWARD_COUNTED and AWARD_WORDS.search(right):
        return None, 0.0, "", 0
    if found[0] in ("exhibits", "exhibitors") and AWARD_NAMED.search(sentence) and re.match(
            r"^[\s+-]*(?:[a-z-]+\s+){0,2}?(?:products|companies|enterprises|firms|businesses)\b", right.lower()):
        return None, 0.0, "", 0  # products or firms (not "exhibits", "exhibitors") of an award the sentence names
    return found


def _count_noun(right: str, sentence: str) -> tuple[str | None, float, str, int]:
    """(metric, confidence, modifiers, length of the noun phrase) for a count followed by `right`."""
    r = right.lower()
    lead = re.match(r"^[\s+-]*", r).end()
    r2 = r[lead:]

    def hit(pattern, metric, conf=0.9, mods=""):
        m = re.match(pattern, r2)
        return (metric, conf, mods, lead + m.end()) if m else None

    for pattern, metric in [
        (r"(?:senior |top |global )?(?:executives|heads|leaders|ceos|chiefs|bosses|representatives)\s+(?:of|from)\s+"
         r"(?:the\s+)?(?:world's\s+)?fortune\s+(?:global\s+)?#+", "fortune500_executives"),
        # "543 world 500 leaders" (世界500强 translated word for word): the heads of Fortune 500 firms
        (r"(?:world|fortune)\s+(?:global\s+)?#+\s+(?:leaders|executives|heads|ceos|bosses)\b", "fortune500_executives"),
        (r"(?:fortune|world)\s+(?:global\s+)?#+\s+(?:companies|enterprises|firms|multinationals)", "fortune500_companies"),
        # "80 companies listed on the Fortune Global 500"
        (r"(?:companies|enterprises|firms|multinationals)\s+(?:listed\s+)?(?:on|in|among)\s+(?:the\s+)?"
         r"fortune\s+(?:global\s+)?#+(?:\s+list\b)?", "fortune500_companies"),
        (r"(?:overseas|foreign|international)\s+(?:guests|participants|attendees|representatives|delegates)\b",
         "overseas_guests"),
        (r"(?:guests|participants|attendees|representatives|delegates)\s+from\s+(?:overseas|abroad)\b",
         "overseas_guests"),
        # "4,500 participants ..., 1,700 of whom came from overseas": the people from abroad among them
        (r"of whom\s+(?:came|come|had come|have come|were|are|travell?ed|flew in)\s+(?:in\s+)?(?:from\s+)?"
         r"(?:overseas|abroad|outside china|outside the country)\b", "overseas_guests"),
        (r"(?:different\s+)?countries\s*(?:and|&|/)\s*(?:regions|territories)\b", "countries_regions"),
        (r"(?:attendees|participants|guests|representatives|delegates)\b", "attendees"),
        (r"(?:visits|visitors|visitor trips|person-times)\b", "visitors"),
        (r"(?:exhibitors|exhibiting (?:companies|enterprises|firms))\b", "exhibitors"),
        (r"(?:exhibits|exhibited items|items on display)\b", "exhibits"),
        (r"(?:organizers|organisers|organizing bodies|organising bodies|organizing units)\b", "organizers"),
    ]:
        found = hit(pattern, metric)
        if found:
            return found
    found = hit(r"countries\b", "countries_regions", 0.7)
    if found:
        return found
    if re.match(r"people\b", r2) and re.search(r"attend|took part|take part|particip", sentence, re.I):
        return "attendees", 0.8, "", lead + 6
    if EXHIBIT_CTX.search(sentence):
        found = hit(r"(?:domestic and (?:foreign|overseas) )?(?:companies|enterprises|firms|businesses)\b",
                    "exhibitors", 0.8)
        if found:
            return found
        m = re.match(r"^((?:[a-z-]+\s+){0,2}?)products\b", r2)
        if m and not re.search(r"new|debut|first|latest", m.group(1)) and \
                not re.match(r"\s*(?:shown|displayed|unveiled)?\s*(?:for the first time|debut)", r2[m.end():]):
            return "exhibits", 0.8, m.group(1).strip(), lead + m.end()
    m = re.match(r"^((?:[a-z-]+\s+){0,3}?)(?:events|sub-events|side events|activities|sub-activities|"
                 r"side activities)\b", r2)
    if m and not set(m.group(1).split()) - {"or", "and"} & BLOCKED_MODS:
        words = set(m.group(1).split())
        if not (words & (BLOCKED_MODS - {"or", "and"})):
            return "events", 0.85, m.group(1).strip(), lead + m.end()
    m = re.match(r"^((?:[a-z&-]+\s+){0,4}?)projects?\b", r2)
    if m:
        words = m.group(1).split()
        if not set(words) & {"of", "from", "for", "to", "by", "with", "years", "editions"}:
            return "projects_signed", 0.9, m.group(1).strip(), lead + m.end()
    return None, 0.0, "", 0


def _mentions(sent: Sentence) -> tuple[list[Mention], str]:
    s = sent.text
    masked = mask(s)
    mentions: list[Mention] = []
    matches = [m for m in NUMBER_RE.finditer(masked) if m.group("num") or m.group("word")]
    for index, m in enumerate(matches):
        next_start = matches[index + 1].start() if index + 1 < len(matches) else len(s)
        prev_end = matches[index - 1].end() if index else 0
        num_start = m.start("num") if m.group("num") else m.start("word")
        cur_start = m.start("cur") if m.group("cur") else num_start
        # a number glued to letters (C919, 3D) is a name, not a value
        if m.group("num") and not m.group("scale") and re.match(r"[A-Za-z]", masked[m.end():m.end() + 1]):
            continue
        left = masked[max(prev_end, cur_start - 40):cur_start]
        right_full = masked[m.end():]
        clause_end = re.search(r"[,;:()!?—]|\s--\s|\.(?:\s|$)|，|；|。", right_full)
        right = right_full[:clause_end.start()] if clause_end else right_full
        right = right[:max(0, next_start - m.end())] if next_start > m.end() else right
        value = _parse_value(m)
        if value == 0 or not math.isfinite(value):
            continue  # "0 square meters" is a misread ("59 00"), never a figure; nor a number of 400 digits
        plus = bool(m.group("plus"))
        qualifier = qualifier_of(left, right_full, plus)
        cur = (m.group("cur") or "").upper()
        scale = (m.group("scale") or "").lower()
        mention = Mention(cur_start, m.end(), value, qualifier, "none", left=left, right=right)
        currency = None
        if cur in ("RMB", "CNY", "¥", "￥") or _CNY_AFTER.match(right_full):
            currency = "CNY"
        elif cur in ("USD", "US$", "U.S.$", "U$", "$") or _USD_AFTER.match(right_full):
            currency = "USD"
        if currency and (scale or cur):
            mention.kind = "money_cny" if currency == "CNY" else "money_usd"
            mention.value = value * _SCALE.get(scale, 1e-9)
            mention.end = m.end() + (re.match(r"^\s*(?:u\.\s?s\.\s*dollars|us\s*dollars|dollars|usd|yuan|renminbi|"
                                              r"rmb|cny)?", right_full, re.I).end())
            low_left = left.lower()
            after_each = re.match(r"^\s*(?:yuan\s*|rmb\s*|dollars\s*)?(?:each|apiece|or more|and above)\b", right_full, re.I)
            if re.search(r"\beach\s+(?:(?:worth|valued|priced|with investment)\s+(?:at\s+|of\s+)?)?"
                         r"(?:more than|over|above|exceeding|at least)?\s*$", low_left) \
                    or (after_each and re.search(r"projects?\b", low_left)):
                mention.threshold = True
            elif index and prev_end >= cur_start - 40 and mention.value in _THRESHOLDS and \
                    re.match(r"^\s+(?:[a-z-]+\s+)?projects?\s+(?:worth\s+|valued at\s+|with investment\s+)?"
                             r"(?:of\s+)?(?:more than|over|above|exceeding)\s*$", low_left):
                mention.threshold = True
            paren = re.search(r"\(\s*(?:about|approximately|approx\.?|around|roughly|or|some|equivalent to)?\s*$",
                              masked[:cur_start])
            if paren and mentions and mentions[-1].kind.startswith("money") and \
                    masked[mentions[-1].end:cur_start].strip().startswith("(") and \
                    len(masked[mentions[-1].end:cur_start]) < 30:
                mention.conversion_of = len(mentions) - 1
        elif re.match(r"^[\s-]*(?:square[\s-]met(?:er|re)s?|sq\.?\s?m\b|sqm\b|m2\b|m²)", right_full, re.I) and not scale:
            mention.kind = "area"
            unit = re.match(r"^[\s-]*(?:square[\s-]met(?:er|re)s?|sq\.?\s?m\b|sqm\b|m2\b|m²)", right_full, re.I)
            mention.noun_end = m.end() + unit.end()
        elif not scale and not cur:
            metric, conf, mods, noun_len = _count_metric(right_full[:max(0, (clause_end.start() if clause_end else
                                                                            len(right_full)))], s)
            if metric == "fortune500_companies" and FORTUNE_PEOPLE_BEFORE.search(left):
                metric = "fortune500_executives"  # "heads of 111 Fortune 500 companies" counts people
            if m.group("word") and value < INCIDENTAL_BELOW and metric in INCIDENTAL_METRICS:
                metric = None  # "delegations from two countries": said in passing, never a convention's count
            if metric:
                mention.kind, mention.metric, mention.confidence, mention.mods = "count", metric, conf, mods
                mention.noun_end = m.end() + noun_len
            elif (noun := _label_noun(masked, cur_start, right)) is not None:
                mention.kind, mention.metric, mention.confidence = "count", noun, 0.8
                mention.noun_end = m.end()
            elif (noun := _noun_before(masked, cur_start, right)) is not None:
                mention.kind, mention.metric, mention.confidence, mention.mods = "count", noun[0], 0.8, noun[1]
                mention.noun_end = m.end()
            elif _bare_after(right) and IMPLICIT_PROJECTS.search(_clause_before(masked, cur_start, keep_comma=True)):
                mention.kind, mention.metric, mention.confidence, mention.implicit = "count", "projects_signed", 0.8, True
                mention.noun_end = m.end()
        mentions.append(mention)
    return mentions, masked


# "Exhibitors numbering 451", "Manufacturing projects numbered 679", "the number of visitors reached 350,000":
# the metric noun comes before the number; only when nothing noun-like follows the number
_NOUN_BEFORE_METRIC = [
    (r"exhibitors|exhibiting (?:companies|enterprises|firms)", "exhibitors"),
    (r"exhibits|exhibited items", "exhibits"),
    (r"participants|attendees|guests", "attendees"),
    (r"visitors|visits", "visitors"),
    (r"events|sub-events|side events", "events"),
    (r"projects", "projects_signed"),
]
NOUN_BEFORE = re.compile(
    r"(?:^|(?<=[\s(]))(?:the\s+(?:total\s+)?number\s+of\s+)?(?P<mods>(?:[A-Za-z-]+\s+){0,2}?)"
    r"(?P<noun>" + "|".join(p for p, _ in _NOUN_BEFORE_METRIC) + r")\s+"
    r"(?:(?:signed|inked|contracted|sealed)\s+)?"
    r"(?:numbering|numbered|totaling|totalling|totaled|totalled|reached|reaching|stood at|standing at|came to|"
    r"coming to|amounted to|hit|of)\s+"
    r"(?:a total of\s+|(?:more than|over|above|about|nearly|almost|approximately|around|roughly|some|at least|"
    r"close to|upwards of|in excess of|exceeding|just under)\s+)?$", re.I)
# what may follow such a number: the end of the clause or a verb/preposition, never a noun of its own
_BARE_AFTER = re.compile(r"^\s*(?:$|\+|(?:were|was|are|is|have|has|had|brought|took|came|attended|joined|showed|"
                         r"displayed|exhibited|put|presented|from|in|at|during|over|across|this|on|to|for|by|who|"
                         r"which|that|as|with|each|while|and|or|together|altogether|overall)\b)", re.I)
IMPLICIT_PROJECTS = re.compile(r"\b(?:of|among)\s+(?:all\s+)?(?:the\s+|these\s+|those\s+)?(?:[a-z-]+\s+){0,2}?"
                               r"(?:projects|deals|contracts)\s*,\s*$", re.I)


def _clause_before(masked: str, pos: int, keep_comma: bool = False) -> str:
    before = masked[:pos]
    cut = list(re.finditer(r"[;:()!?—]|\.(?:\s|$)" + ("" if keep_comma else r"|,"), before))
    return before[cut[-1].end():] if cut else before


def _bare_after(right: str) -> bool:
    return bool(_BARE_AFTER.match(right))


# bulletin lines, "Signed projects: 703", "Guests: about 1,400", "Countries and regions represented: 24",
# "Projects above 1 billion yuan each: 167"
LABEL_NOUN = re.compile(
    r"^[^\w]*(?:(?:total|signed|number of|total number of|the)\s++)*(?P<noun>projects\b[^:]{0,60}|exhibitors|"
    r"exhibiting (?:companies|enterprises)|exhibits|guests|participants|attendees|visitors|visits|events|"
    r"countries and regions)(?:\s+(?:signed|represented|attending|present|on display|held))?\s*:\s*"
    r"(?:(?:more than|over|above|about|nearly|almost|approximately|approx\.?|around|some|at least|close to)\s+)?$",
    re.I)


def _label_noun(masked: str, pos: int, right: str) -> str | None:
    if not re.match(r"^\s*(?:\+\s*)?$", right):
        return None
    m = LABEL_NOUN.match(masked[:pos])
    if not m:
        return None
    noun = m.group("noun").lower()
    if noun.startswith("projects"):
        return "projects_signed"
    if noun.startswith("countries"):
        return "countries_regions"
    return next(metric for pattern, metric in _NOUN_BEFORE_METRIC if re.fullmatch(pattern, noun))


def _noun_before(masked: str, pos: int, right: str) -> tuple[str, str] | None:
    """(metric, modifiers) when the number's metric noun comes before it."""
    if not _bare_after(right):
        return None
    m = NOUN_BEFORE.search(_clause_before(masked, pos))
    if not m:
        return None
    noun = m.group("noun").lower()
    metric = next(metric for pattern, metric in _NOUN_BEFORE_METRIC if re.fullmatch(pattern, noun))
    if m.group(0).rstrip().lower().endswith(" of") and metric == "projects_signed":
        return None  # "projects of 1,000 ..." is never a count
    return metric, m.group("mods").strip().lower()


FORTUNE_PEOPLE_BEFORE = re.compile(
    r"\b(?:heads|executives|leaders|ceos|chiefs|bosses|chairm[ae]n|chairpersons|presidents|representatives)\s+"
    r"(?:of|from)\s+(?:the\s+)?(?:(?:more than|over|nearly|almost|about|around|some|at least|upwards of)\s+)?$", re.I)
