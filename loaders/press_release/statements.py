"""Statements that are not a per-edition figure: cumulative claims ("since 2018", "the first three
editions") and their year range; organizers, hosts and guests of honor -> participation."""
from __future__ import annotations

import re

from loaders.press_release.edition import _other_year
from loaders.press_release.model import FIRST_YEAR, SCOPES, UNITS, Breakdown, Claim, Extraction, Fact, Participation
from loaders.press_release.numbers import WORD_NUMBER, _WORDS, word_value
from loaders.press_release.text import Sentence


# ---------------------------------------------------------------- cumulative claims

def _claim_range(sentence: str, year: int | None, stage: str = "") -> tuple[int | None, int | None, float]:
    low = sentence.lower()
    words = "|".join(_WORDS)

    def num(token: str) -> int:
        return int(token) if token.isdigit() else _WORDS[token.lower()]

    m = re.search(r"\b(?:from|between)\s+(20[1-9]\d)\s+(?:to|through|until|and)\s+(20[1-9]\d)\b|"
                  r"(?<![\d-])(20[1-9]\d)\s*(?:-|–|—|to)\s*(20[1-9]\d)(?![\d-])", sentence)
    if m:
        y0, y1 = (int(g) for g in (m.group(1, 2) if m.group(1) else m.group(3, 4)))
        if FIRST_YEAR <= y0 < y1 and not re.search(r"plan|period|target", sentence[max(0, m.start() - 30):m.start()],
                                                     re.I):
            return y0, y1, 0.85
    m = re.search(r"(?<!\d)(20[1-9]\d)\s*年?\s*(?:、|和|与|至|到|-)\s*(20[1-9]\d)\s*年?\s*(?:两|二|\d)?届", sentence)
    if m and FIRST_YEAR <= int(m.group(1)) < int(m.group(2)):
        return int(m.group(1)), int(m.group(2)), 0.85  # "2018、2019两届"
    m = re.search(r"(?<!\d)(\d+|[两二三四五六七八九十])年来", sentence)
    if m and year:
        n = int(m.group(1)) if m.group(1).isdigit() else "一二三四五六七八九十".index(m.group(1).replace("两", "二")) + 1
        return max(FIRST_YEAR, year - n), year - 1 if _before_this_edition(low, stage) else year, 0.8
    m = re.search(r"前([一二三四五六七八九十]|\d+)届", sentence)
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else "一二三四五六七八九十".index(m.group(1)) + 1
        return FIRST_YEAR, FIRST_YEAR + n - 1, 0.85
    m = re.search(r"\bfirst (\d+|" + words + r") (?:editions|sessions|conventions)\b", low)
    if m:
        n = num(m.group(1))
        return FIRST_YEAR, FIRST_YEAR + n - 1, 0.85
    m = re.search(r"\b(?:past|previous|last|preceding) (\d+|" + words + r") (?:editions|sessions|years|conventions)\b",
                  low)
    if m and year:
        n = num(m.group(1))
        return max(FIRST_YEAR, year - n), year - 1, 0.8
    m = re.search(r"\b(\d+|" + words + r") (?:successive |consecutive |straight )?(?:editions|years|sessions)\b", low)
    if m:
        n = num(m.group(1))
        if 2 <= n <= 30:
            return FIRST_YEAR, FIRST_YEAR + n - 1, 0.8
    if year:
        return FIRST_YEAR, year - 1 if _before_this_edition(low, stage) else year, 0.6
    return FIRST_YEAR, None, 0.4


_BEFORE_THIS = re.compile(r"\b(?:before|prior to|ahead of|preceding) (?:this|the current|the (?:20\d\d|new)|"
                          r"this year's) (?:edition|session|convention|year)|\b(?:previous|past|prior|preceding|"
                          r"earlier|last) (?:(?:\w+ ){0,2})?(?:editions|sessions|conventions|years)\b|"
                          r"\b(?:had|had been) (?:\w+ )?(?:signed|brought|produced|drawn|attracted|seen|put)\b|历届|往届", re.I)


def _before_this_edition(low: str, stage: str) -> bool:
    """Does a total "since 2018" stop the year before the edition (True) or include it (False)?

    Included only when the release reports a closed edition and the sentence does not say the total
    is for the editions before this one (or uses a past perfect, "had brought"); otherwise it stops
    the year before, as in every labelled preview and opening release.
    """
    return stage != "closed" or bool(_BEFORE_THIS.search(low))


def _dedupe_claims(claims: list[Claim]) -> list[Claim]:
    """One claim per (metric, value, qualifier): a figure repeated (e.g. in two languages) is one statement;
    when the repeats read different year ranges, the most confident reading is kept."""
    best: dict[tuple, Claim] = {}
    for claim in claims:
        key = (claim.metric, claim.value, claim.qualifier)
        if key not in best or claim.confidence > best[key].confidence:
            best[key] = claim
    return sorted(best.values(), key=lambda c: c.start)


def _dedupe_breakdowns(breakdowns: list[Breakdown]) -> list[Breakdown]:
    """One breakdown per (year, dimension, category, projects): a part repeated (e.g. in two languages) is one
    statement; the reading that also gives the investment (or the more confident one) is kept."""
    best: dict[tuple, Breakdown] = {}
    for item in breakdowns:
        key = (item.year, item.dimension, item.category.lower(), item.projects)
        rank = (item.investment_cny_bn is not None, item.confidence)
        if key not in best or rank > (best[key].investment_cny_bn is not None, best[key].confidence):
            best[key] = item
    kept = {id(item) for item in best.values()}
    return [item for item in breakdowns if id(item) in kept]


# ---------------------------------------------------------------- organizations

_ORG_START = (r"(?:the\s+)?(?:Ministry|People's|Chinese|China|All-China|State|National|Global|World|International|"
              r"United|Anhui|Hefei|Provincial|Municipal)\b")
_ORG_WORD = re.compile(r"Ministry|Government|Commission|Academy|Association|Federation|Alliance|Council|Committee|"
                       r"Administration|Office|Bureau|Department|Organi[sz]ation|Institute|Society|Chamber|Union|"
                       r"Group|Corporation|Company|University|Cent(?:er|re)|Agency|Bank|Foundation|League|Forum|"
                       r"^[A-Z]{3,}$")
_ROLE_TRIGGER = re.compile(
    r"(?<![\w-])(?P<verb>(?:jointly\s+|co-)?(?:organi[sz]ed|hosted|sponsored|supported)(?:\s+jointly)?)\s+by\s+|"
    r"(?<![\w-])(?P<noun>organi[sz]ers|co-organi[sz]ers|hosts|co-hosts|organi[sz]ing (?:bodies|units))\b[^,.;]{0,40}?"
    r"\b(?:include|includes|included|are|were)\s+|"
    r"(?<![\w-])(?P<label>organi[sz]ers|co-organi[sz]ers|hosts|co-hosts)\s*:\s*", re.I)


def org_kind(name: str) -> str:
    n = name
    if re.search(r"People's Government|Provincial Government|Municipal|City Government|Province$", n):
        return "local government"
    if re.search(r"\bMinistry\b", n):
        return "ministry"
    if re.search(r"\bAdvisory\b", n):
        return "advisory body"
    if re.search(r"\bCommission\b", n):
        return "commission"
    if re.search(r"\bAcademy\b", n):
        return "academy"
    if re.search(r"^(?:Global|International|World|United Nations)\b|\bUNIDO\b|\bInternational\b", n):
        return "international"
    if re.search(r"Association|Federation|Alliance|Chamber|Society|Council|League", n):
        return "association"
    if re.search(r"Company|Group|Corporation|Ltd|Inc\b", n):
        return "company"
    return "other"


def _role(trigger: re.Match) -> str:
    """organizer / host / supporting; joint organizers and joint hosts are organizers.

    "co-organized by" gives "co-organizer" here; `extract` turns it into "organizer" unless the release
    also names organizers plainly ("organized by A, co-organized by B"), which sets the two roles apart.
    """
    word = " ".join((trigger.group("verb") or trigger.group("noun") or trigger.group("label") or "").lower().split())
    joint = "jointly" in word or word.startswith("co-")
    if "support" in word or "sponsor" in word:
        return "supporting"
    if "host" in word:
        return "organizer" if joint else "host"
    if word.startswith("co-"):
        return "co-organizer"
    return "organizer"


def _plain_organizer(trigger: re.Match) -> bool:
    word = " ".join((trigger.group("verb") or trigger.group("noun") or trigger.group("label") or "").lower().split())
    return "organi" in word and "jointly" not in word and not word.startswith("co-")


def _split_orgs(segment: str) -> list[str]:
    items = []
    for piece in re.split(r"[,;]\s*(?:and\s+)?", segment):
        for part in re.split(r"\s+and\s+(?=" + _ORG_START + r")", piece):
            items.append(part)
    out = []
    for item in items:
        item = re.sub(r"^\s*(?:and\s+)?(?:the\s+)?", "", item).strip().rstrip(".;:")
        item = re.sub(r"\s+(?:in|on|at|from|since|for|this|to)\s+(?:[a-z0-9].*)?$", "", item)
        if not item or not item[0].isupper() or not _ORG_WORD.search(item):
            break
        out.append(item)
    return out


def _participation(sent: Sentence, year: int | None, result: Extraction, flags: dict | None = None) -> None:
    s = sent.text
    for trigger in _ROLE_TRIGGER.finditer(s):
        role = _role(trigger)
        segment = s[trigger.end():]
        following = _ROLE_TRIGGER.search(s, trigger.end())
        if following:  # "organized by A, co-organized by B and supported by C": A's list ends before B's
            segment = s[trigger.end():following.start()]
            segment = re.sub(r"[\s,;]*(?:\band\b|\bwhile\b|\bwith\b)?\s*(?:(?:is|was|are|were|being|been)\s+)?$",
                             "", segment)
        # "jointly organised by ten bodies: A, B, ...": the count is kept when the list has exactly that many names
        counted = re.match(r"\s*(?P<n>\d+|" + WORD_NUMBER + r")\s+(?:bodies|organi[sz]ations|institutions|units|"
                           r"parties|agencies|entities)\s*(?::|,?\s*(?:including|namely)\b:?)\s*", segment, re.I)
        if counted:
            segment = segment[counted.end():]
        names = _split_orgs(segment)
        # "... and the People's Government of Anhui Province, totally 10 units": the count after the list
        counted = counted or re.search(r"[,;]\s*(?:totally|in total|altogether|a total of|totall?ing|making)\s+"
                                       r"(?P<n>\d+|" + WORD_NUMBER + r")\s+(?:bodies|organi[sz]ations|institutions|"
                                       r"units|parties|agencies|entities|organi[sz]ers)\b", segment, re.I)
        if counted and role == "organizer":
            n = word_value(counted.group("n")) if not counted.group("n").isdigit() else int(counted.group("n"))
            if n == len(names) and not _other_year(s, year):
                result.facts.append(Fact("organizers", n, UNITS["organizers"], "exact", year, SCOPES["organizers"], s,
                                         sent.start, sent.end, 0.8))
        if names and flags is not None and _plain_organizer(trigger):
            flags["plain_organizer"] = True
        for name in names:
            result.participation.append(Participation(year, name, org_kind(name), role, s, sent.start, sent.end, 0.85))
    # a name starts at the start of a word (else a long word would be read again from each of its letters)
    name = r"(?P<name>(?<![\w'.-])(?:[Tt]he\s+)?[A-Z][\w'.-]*+(?:\s+(?:of\s+)?[A-Z][\w'.-]*+){0,4})"
    verbs = (r"(?:is|was|will be|serves as|served as|serving as|as|took part as|takes part as|taking part as|"
             r"acted as|acts as|"
             r"acting as|participated as|joins as|joined as|attended as)")
    honor = r"(?i:guest|honou?rary guest|honou?red guest)\s+(?P<kind>(?i:country|province))\s+(?i:of\s+hono(?:u)?r)"
    patterns = [name + r"\s+" + verbs + r"\s+(?:the\s+|its\s+|this year's\s+)?" + honor,
                r"(?:the\s+)?" + honor + r"(?:\s+(?:is|was|will be))?[,:]?\s+" + name,
                # "Slovakia is the guest country of honor and Henan the guest province of honor"
                r"(?<=\band\s)" + name + r"\s+the\s+" + honor]
    seen = set()
    for pattern in patterns:
        for m in re.finditer(pattern, s):
            org = re.sub(r"^[Tt]he\s+", "", m.group("name")).strip().rstrip(".")
            if org.split()[0] in ("This", "The", "It", "Its", "A", "An", "HEFEI") or \
                    set(org.split()) & {"Convention", "Event", "Exhibition", "Conference", "Forum", "Expo", "Fair",
                                        "WMC", "City", "Country", "Edition", "Summit"}:
                continue
            kind = m.group("kind").lower()
            if kind == "province" and not re.search(r"Province|Municipality|Region$", org):
                org = f"{org} Province"
            if org in seen:
                continue
            seen.add(org)
            result.participation.append(Participation(
                year, org, kind, f"guest {kind} of honor", s, sent.start, sent.end, 0.85))
