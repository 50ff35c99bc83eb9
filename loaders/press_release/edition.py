"""The release's edition: its year (evidence from the title and first paragraph), the edition each sentence
speaks of, whether the release reports a closed edition or a preview, and its theme and dates."""
from __future__ import annotations

import re
from datetime import date

from loaders.press_release.context import CLAIM_CTX, CONVENTION_NAME, OTHER_YEAR_CTX, is_claim
from loaders.press_release.model import FIRST_YEAR, EditionField, Extraction
from loaders.press_release.numbers import _MONTH, _ORDINALS
from loaders.press_release.text import DATE_LINE, Sentence, unwrap


# ---------------------------------------------------------------- year

_CONV = r"(?:World Manufacturing Con(?:vention|ference)|WMC)"
# an explicit edition year: "the 2024 World Manufacturing Convention", "WMC 2024", "the 2024 edition"
_EXPLICIT_YEAR = [
    re.compile(r"\b(20[1-9]\d)\s+" + _CONV + r"\b"),
    re.compile(r"\b" + _CONV + r"\s*(?:\(|,)?\s*(20[1-9]\d)\b(?![\d-])"),
    re.compile(r"\bthe\s+(20[1-9]\d)\s+(?:convention|edition|session)\b", re.I),
    re.compile(r"(20[1-9]\d)\s*年?\s*世界制造业大会"),
]
# the edition by its Chinese ordinal: "第五届世界制造业大会" is 2022
# (a text may drop 业: "第九届世界制造大会")
_CN_ORDINAL = re.compile(r"第([一二三四五六七八九十]|\d+)届世界制造业?大会")


def cn_ordinal_years(text: str) -> set[int]:
    """The editions a Chinese text names by ordinal ("第九届世界制造大会" is 2026)."""
    return {FIRST_YEAR - 1 + (int(n) if n.isdigit() else "一二三四五六七八九十".index(n) + 1)
            for n in _CN_ORDINAL.findall(text)}
# "the seventh World Manufacturing Convention", "the eighth edition of the convention", "Fourth WMC closes"
_ORDINAL_EDITION = re.compile(r"(?:^|\bthe\s+)(?P<ord>" + "|".join(_ORDINALS) + r")\s+(?:(?:edition|session)\s+of\s+"
                              r"the\s+)?(?:" + _CONV + r"|edition|session|convention)\b(?!s)", re.I | re.M)
# the convention's own dates with a year: "held from Sept. 20 to 23, 2024", "runs Sept. 20-23, 2024"
_CONVENTION_DATES = re.compile(r"\b(?:from|between|on|runs?|ran|held|takes? place|took place)\s+(?:from\s+)?" + _MONTH
                               + r"\s+\d{1,2}\s*(?:-|–|to|through|until|and)\s*(?:" + _MONTH + r"\s+)?\d{1,2},?\s*"
                               r"(20[1-9]\d)\b")
# the convention's dates written day first: "Date: 24-26 May, 2018"
_CONVENTION_DATES_DAY_FIRST = re.compile(r"\b\d{1,2}\s*(?:-|–|to)\s*\d{1,2}\s+" + _MONTH + r",?\s*(20[1-9]\d)\b")
# an edition known by its own name, without a year: the 2020 edition was held online as the Jianghuai forum
_EDITION_NAMES = ((re.compile(r"江淮线上经济论坛|Jianghuai Online Economic Forum", re.I), 2020),)
# a wire dateline: "HEFEI, China, Sept. 24, 2025 --", "HEFEI, Sept. 5, 2023 (Wire) --"
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,}(?:,[^\n,]{1,30})?,\s+" + _MONTH + r"\s+\d{1,2},\s+(20[1-9]\d)\s*"
                       r"(?:\([^)\n]{1,20}\)\s*)?(?:--|—|–|-)", re.M)
# a publication date in a title or byline line: "Release time: 2023-09-28 10:30", "Source: X | 2022-09-20 11:02"
_BYLINE_DATE = re.compile(r"(?<![\d-])(20[1-9]\d)-(?:0[1-9]|1[0-2])-(?:[0-2]\d|3[01])(?![\d-])")
# a year that points away from the edition: "since the 2019 edition", "compared with WMC 2023", "at the 2019 edition"
_REFERENCE_BEFORE = re.compile(r"\b(?:since|than|from|after|before|like|unlike|over|versus|vs\.?|compared (?:with|to)|"
                               r"following|last year's|previous|preceding)\s+(?:the\s+)?$", re.I)
# levels of evidence, strongest first: the full name with a year or an ordinal; a generic "the 2024 edition", "the
# eighth edition" or the convention's dates; a dateline or publication date
_LEVELS = (("name", "ordinal name"), ("text", "ordinal", "dates"), ("date line", "dateline", "byline"))


def _lead(text: str) -> str:
    """The title lines and the first paragraph of prose about the convention.

    Only here does a year count as evidence for the release's edition: later sentences mention other editions
    ("signed at the 2019 edition", "the 2020 convention will ...") far more often than they restate their own.
    The lead ends with the first prose line (a sentence of 40+ characters) that names the convention or carries
    a dateline; without one it is the first 1,500 characters.
    """
    text = unwrap(text)
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        body = line.strip()
        prose = len(body) >= 40 and re.search(r"[.!?。！？][\"'”’)]?(?:\s|$)", body)
        if prose and (CONVENTION_NAME.search(body) or _DATELINE.match(body)):
            return text[:end]
        pos = end + 1
        if pos > 1500:
            break
    return text[:1500]


# a dateline without a year, read with the publication date: "新华社合肥9月24日电", "HEFEI, Sept. 24 (Xinhua) --"
_CN_DATELINE = re.compile(r"(?:新华社|中新社|中新网|人民网|[\u4e00-\u9fff]{2,6}(?:社|报|网))?[\u4e00-\u9fff]{2,4}?"
                          r"(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?:电|讯)")
_EN_DATELINE_NO_YEAR = re.compile(r"^[A-Z][A-Z .'-]{2,}(?:,[^\n,]{1,30})?,\s+(?P<mon>" + _MONTH + r")\s+(?P<d>\d{1,2})"
                                  r"(?!\d|,?\s*\d{4})\s*(?:\([^)\n]{1,20}\)\s*)?(?:--|—|–|-)", re.M)


def dateline_year(lead: str, published_on) -> int | None:
    """The year of a dateline that gives only month and day, from the publication date: the same year, or the one
    before when the dateline's day falls after the publication day (a December story published in January)."""
    if published_on is None:
        return None
    m = _CN_DATELINE.search(lead)
    if m:
        month, day = int(m.group("m")), int(m.group("d"))
    else:
        m = _EN_DATELINE_NO_YEAR.search(lead)
        if not m:
            return None
        month, day = _MONTHS[m.group("mon")[:3].lower()], int(m.group("d"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return published_on.year - 1 if (month, day) > (published_on.month, published_on.day) else published_on.year


def year_evidence(text: str, published_on=None) -> list[tuple[int, str, str]]:
    """(year, kind, matched text) for every piece of evidence about the release's edition year in its lead.

    kinds: "name" (the full name with a year: "2024 World Manufacturing Convention", "WMC 2024") and "ordinal name"
    ("the seventh World Manufacturing Convention" is 2018 + 7 - 1) -- strongest; "text" ("the 2024 edition"),
    "ordinal" ("the eighth edition") and "dates" (the convention's dates with a year) -- strong; "dateline"
    ("HEFEI, Sept. 27, 2024 --"), "date line" ("date 2024-09-27" as the first line) and "byline" (a publication
    date in a title or byline line) -- weak, since a release may appear the year after its edition.
    A year right after "since", "than", "at the", "compared with" ... refers to another edition and is no evidence.
    """
    lead = _lead(text)
    found: list[tuple[int, str, str]] = []

    def referenced(m: re.Match) -> bool:
        before = lead[max(0, m.start() - 30):m.start()]
        if _REFERENCE_BEFORE.search(before):
            return True
        # "signed at the 2019 edition": a generic noun after "at" is another edition; "at the 2019 WMC" may be this one
        return bool(re.search(r"\bat\s+$", before, re.I) and re.match(r"the\s+20\d\d\s+(?:edition|session|convention)\b",
                                                                       m.group(0), re.I))

    for pattern in _EXPLICIT_YEAR:
        for m in pattern.finditer(lead):
            if not referenced(m):
                full = CONVENTION_NAME.search(m.group(0))
                found.append((int(m.group(1)), "name" if full else "text", m.group(0)))
    for m in _ORDINAL_EDITION.finditer(lead):
        if not referenced(m) and not re.search(r"\b(?:since|from)\s+(?:its\s+)?$", lead[max(0, m.start() - 12):m.start()],
                                               re.I):
            full = CONVENTION_NAME.search(m.group(0))
            found.append((FIRST_YEAR - 1 + _ORDINALS[m.group("ord").lower()], "ordinal name" if full else "ordinal",
                          m.group(0)))
    for m in _CONVENTION_DATES.finditer(lead):
        found.append((int(m.group(1)), "dates", m.group(0)))
    for m in _CONVENTION_DATES_DAY_FIRST.finditer(lead):
        found.append((int(m.group(1)), "dates", m.group(0)))
    for pattern, named_year in _EDITION_NAMES:
        for m in pattern.finditer(lead):
            found.append((named_year, "name", m.group(0)))
    first = text.lstrip().split("\n", 1)[0]
    m = DATE_LINE.match(first)
    if m:
        found.append((int(m.group(1)), "date line", m.group(0)))
    for m in _DATELINE.finditer(lead):
        found.append((int(m.group(1)), "dateline", m.group(0)))
    if (dated := dateline_year(lead, published_on)) is not None:
        found.append((dated, "dateline", "dateline and publication date"))
    for line in lead.split("\n"):
        if len(line.strip()) < 120 and not re.search(r"[.!?]\s*$", line.strip()):  # a title or byline, not prose
            for m in _BYLINE_DATE.finditer(line):
                if not DATE_LINE.match(line):
                    found.append((int(m.group(1)), "byline", m.group(0)))
    return found


def body_year(text: str) -> int | None:
    """The one edition year the whole text names with the convention ("The World Manufacturing Convention 2019, held
    from ...", "the fourth World Manufacturing Convention", "第五届世界制造业大会"), when the title and first paragraph
    give none; None when it names none or several. Only a fallback: `extract` flags such a year as inferred."""
    years = set()
    for pattern in _EXPLICIT_YEAR[:2] + _EXPLICIT_YEAR[3:]:
        for m in pattern.finditer(text):
            if not _REFERENCE_BEFORE.search(text[max(0, m.start() - 30):m.start()]):
                years.add(int(m.group(1)))
    years |= cn_ordinal_years(text)
    for sentence in re.split(r"(?<=[.!?。])\s+", text):
        years |= ordinal_years(sentence)
    return years.pop() if len(years) == 1 else None


def _edition_year(text: str, published_on=None) -> tuple[int | None, str, str]:
    """(year, source, problem): the strongest level of evidence present decides; weaker levels count only when
    there is no stronger one (a release may be dated the year after its edition).

    Two different years at the deciding level make the year unknown (never a guess): the caller is told to
    pass --year. `source` is "text", "ordinal", "dates", "date line", "dateline" or "byline".
    """
    evidence = year_evidence(text, published_on)
    for level in _LEVELS:
        items = [(y, kind) for y, kind, _ in evidence if kind in level]
        years = sorted({y for y, _ in items})
        if len(years) > 1:
            return None, "", (f"the release names several edition years ({', '.join(map(str, years))}): "
                              f"cannot tell the edition year; pass --year")
        if years:
            kinds = [kind for _, kind in items]
            source = next(kind for kind in ("name", "ordinal name", "text", "ordinal", "dates", "date line",
                                            "dateline", "byline") if kind in kinds)
            source = {"name": "text", "ordinal name": "ordinal"}.get(source, source)
            return years[0], source, ""
    return None, "", "cannot tell the edition year; pass --year"


# a sentence that opens on another edition and reports its results: "The 2019 edition closed with 638 projects signed"
OTHER_EDITION_RESULTS = re.compile(
    r"^\W*(?:at\s+|during\s+)?(?:the\s+)?(?:(?P<y1>20[1-9]\d)\s+(?:World Manufacturing Convention|WMC|edition|"
    r"convention|session)|(?:World Manufacturing Convention|WMC)\s+(?P<y2>20[1-9]\d))\b(?:\s*\(WMC\))?,?\s+"
    r"(?:(?:had|has|was|were)\s+)?(?:closed|ended|concluded|wrapped up|saw|signed|drew|attracted|brought|recorded|"
    r"welcomed|featured|hosted)\b", re.I)


def sentence_year(sentence: str, year: int | None) -> int | None:
    """The edition a sentence's figures belong to: the release's edition, another edition whose results the
    sentence clearly reports ("The 2019 edition closed with 638 projects signed."), or None when it names
    another edition or year in any other way ("signed at the 2019 edition", "last year's", "in 2019") -- such a
    sentence gives no per-edition fact (a claim "since 2018" is read apart).
    """
    if not _other_year(sentence, year):
        return year
    m = OTHER_EDITION_RESULTS.match(sentence)
    if m and not OTHER_YEAR_CTX.search(sentence) and not CLAIM_CTX.search(sentence):
        named = int(m.group("y1") or m.group("y2"))
        if all(int(y) == named for y in re.findall(r"(?<![\d,.])(20[1-9]\d)(?!\d|,\d)", sentence)):
            return named
    return None


# the convention's founding year said in passing ("Launched in 2018, the convention is organized by ..."): the
# sentence is not about the 2018 edition
FOUNDED_IN = re.compile(r"\b(?:launched|founded|established|inaugurated|first held|first staged|created|started|"
                        r"began|begun)\s+in\s+20\d\d\b", re.I)


# another edition named by its ordinal: "Fifth convention opens", "at the third edition", "the 4th WMC"
_ORDINAL_REF = re.compile(r"(?<![\w-])(?P<ord>" + "|".join(_ORDINALS) + r")\s+(?:(?:edition|session)\s+of\s+the\s+)?"
                          r"(?:World Manufacturing Convention|WMC|edition|convention)\b(?!s)", re.I)


# the first edition by another name: "the inaugural convention", "the maiden edition", "its debut edition"
_FIRST_REF = re.compile(r"\b(?:inaugural|maiden|debut|first-ever)\s+(?:World Manufacturing Convention|WMC|edition|"
                        r"convention|session)\b(?!s)", re.I)


def ordinal_years(sentence: str) -> set[int]:
    """Editions a sentence names by ordinal ("the fifth convention" is 2022, "the inaugural edition" 2018); "since
    the first edition" is a span, not one edition."""
    found = [(m, FIRST_YEAR - 1 + _ORDINALS[m.group("ord").lower()]) for m in _ORDINAL_REF.finditer(sentence)]
    found += [(m, FIRST_YEAR) for m in _FIRST_REF.finditer(sentence)]
    return {y for m, y in found
            if not re.search(r"\b(?:since|from)\s+(?:its\s+|the\s+)?$", sentence[max(0, m.start() - 12):m.start()], re.I)}


# a comparison with another edition that gives no figure of it ("..., well up on the previous edition",
# "an increase from the previous year"): the sentence still reports this edition (the Chinese twin is `chinese.CN_COMPARISON`)
_EN_COMPARISON = re.compile(r"\b(?:increase|rise|growth|jump|decrease|drop|decline|up|down)"
                            r"\s+(?:from|over|on|compared (?:with|to)|against)\s+(?:the\s+|its\s+)?(?:previous|last|"
                            r"prior|preceding)\s+(?:edition|year|session|convention)(?:'s)?(?![^.;,]{0,80}\d)", re.I)


def _other_year(sentence: str, year: int | None) -> bool:
    sentence = _EN_COMPARISON.sub(lambda m: " " * len(m.group()), sentence)
    if OTHER_YEAR_CTX.search(sentence):
        return True
    if year is None:
        return False
    sentence = FOUNDED_IN.sub(lambda m: "#" * len(m.group()), sentence)
    for m in re.finditer(r"(?<![\d,.])(20[1-9]\d)(?!\d|,\d)", sentence):
        if int(m.group(1)) != year:
            return True
    return any(y != year for y in ordinal_years(sentence))


# ---------------------------------------------------------------- multi-edition retrospectives

_YEAR_IN = re.compile(r"(?<![\d,.#])(20[1-9]\d)(?![\d#]|,\d)")
# a figure in a sentence: a number with a metric noun or a money scale after it
_FIGURE = re.compile(r"(?<![\d,.])\d[\d,.]*+\s*(?:\+\s*)?(?:billion|trillion|million|bn\b|(?:[\w-]+\s+){0,2}?(?:projects|exhibitors|"
                     r"companies|guests|participants|attendees|square\s+met|countries|visitors|visits|products|exhibits|"
                     r"events))|(?<!\d)\d++(?:\.\d++)?\s*(?:万亿|亿|个|家|件)", re.I)
# a time said relative to another sentence: in a retrospective it names no edition of its own
_RELATIVE_YEAR = re.compile(r"\b(?:that|this|the same|the following|the next|the previous|the prior|each|every)\s+"
                            r"(?:year|edition|convention|session)\b|\b(?:next|last) (?:year|edition)\b|"
                            r"\b(?:these|those) (?:years|editions)\b|当年|同年|次年|本届|去年|上届", re.I)


def named_editions(sentence: str) -> set[int]:
    """Every edition year a sentence names: by number ("in 2019", "the 2019 convention") or by ordinal."""
    return {int(y) for y in _YEAR_IN.findall(sentence) if int(y) >= FIRST_YEAR} | ordinal_years(sentence)


def is_retrospective(sentences: list[Sentence]) -> bool:
    """Does the text report the figures of several editions (a retrospective, a history of the convention)?

    True when sentences with a figure that each name exactly one edition year name three or more different
    years: then no sentence's figures may be given the release's edition by default (`retrospective_year`).
    """
    years = set()
    for sent in sentences:
        if _FIGURE.search(sent.text) and not is_claim(sent.text):
            named = named_editions(sent.text)
            if len(named) == 1:
                years |= named
    return len(years) >= 3


def retrospective_year(sentence: str) -> int | None:
    """In a multi-edition retrospective, the edition a sentence's figures belong to: the one edition year the
    sentence itself names ("In 2024, 718 projects were signed"); None when it names none ("That year's convention
    drew ..."), several, or says it relatively ("last year", "that year", "the previous edition")."""
    if OTHER_YEAR_CTX.search(sentence) or _RELATIVE_YEAR.search(sentence):
        return None
    named = named_editions(FOUNDED_IN.sub(lambda m: "#" * len(m.group()), sentence))
    return next(iter(named)) if len(named) == 1 else None


# ---------------------------------------------------------------- release stage

_CLOSED_DOC = re.compile(r"\b(?:closed|concluded|wrapped up|came to a close|drew to a close|has ended|ended on|"
                         r"closing (?:bulletin|report|statement|summary|release|figures|tally))\b|闭幕", re.I)
_PREVIEW_DOC = re.compile(r"\b(?:will (?:open|be held|run|take place|kick off|start|begin|be staged|be hosted)|"
                          r"(?:is|are) (?:set|scheduled|slated|due) to (?:open|be held|run|take place|start|begin)|"
                          r"to be held|ahead of|upcoming|preview|gears? up for)\b|将于|即将|筹备工作|筹备情况|倒计时|"
                          r"(?:开幕|召开|举办|举行)在即|开幕前夕", re.I)


# the title or first sentence reports the opening as done ("2031世界制造业大会9月20日在合肥开幕", "... opened on Monday")
_OPENED = re.compile(r"\b(?:opened|kicked off|got under ?way)\b|开幕(?!式|在即|前夕|前|倒计时)", re.I)
_NOT_YET = re.compile(r"将|即将|\bwill\b|\bto be\b|\b(?:set|due|scheduled|slated) to\b|\bahead of\b", re.I)


def _opens_now(head: str) -> bool:
    lines = [line.strip() for line in head.splitlines() if line.strip()][:2]
    for line in lines:
        first = re.split(r"(?<=[。！？])|(?<=[.!?])\s", line, maxsplit=1)[0]
        m = _OPENED.search(first)
        if m and not _NOT_YET.search(first[:m.start()]):
            return True
        if _PREVIEW_DOC.search(first):
            return False  # the first line that speaks of the edition's time decides
    return False


def release_stage(text: str) -> str:
    """'closed' (the edition is over: totals "since 2018" include it), 'preview' (not yet held) or ''."""
    head = text[:1500]
    # "the just-concluded Import Expo": another event's close says nothing of the convention's
    head = re.sub(r"(?<![^.。\n])[^.。\n]*(?:\bExpo\b|\bFair\b|\bCIIE\b|博览会|交易会)[^.。\n]*", "", head)
    if _CLOSED_DOC.search(head):
        return "closed"
    if _opens_now(head):
        return ""  # an opening-day story: a later "即将发布" or "will be held" previews a programme item, not the edition
    if _PREVIEW_DOC.search(head):
        return "preview"
    return ""


# ---------------------------------------------------------------- edition (theme, dates)

_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
           "nov": 11, "dec": 12}


def _edition_fields(sent: Sentence, year: int | None, result: Extraction) -> None:
    s = sent.text
    m = re.search(r"\b(?:theme|banner|slogan)\s+(?:of\s+|is\s+|was\s+)?[\"“]([^\"”]{4,200})[\"”]", s, re.I)
    if m and not any(e.field == "theme" for e in result.edition):
        result.edition.append(EditionField("theme", m.group(1).strip().rstrip(",."), year, s, sent.start, sent.end, 0.8))
    if any(e.field == "start_date" for e in result.edition) or _other_year(s, year):
        return
    m = re.search(r"\b(?:from|between|runs?|ran|running|held)\s+(?:from\s+)?(?P<m1>" + _MONTH + r")\s+(?P<d1>\d{1,2})"
                  r"\s*(?:-|–|to|through|until|and)\s*(?:(?P<m2>" + _MONTH + r")\s+)?(?P<d2>\d{1,2})"
                  r"(?:,?\s*(?P<y>20\d\d))?", s)
    if m and year and re.search(r"convention|event|edition|held|runs?|ran|running|will", s, re.I):
        y = int(m.group("y")) if m.group("y") else year
        month1 = _MONTHS[m.group("m1")[:3].lower()]
        month2 = _MONTHS[m.group("m2")[:3].lower()] if m.group("m2") else month1
        try:
            start, end = date(y, month1, int(m.group("d1"))), date(y, month2, int(m.group("d2")))
        except ValueError:
            return
        if start <= end:
            result.edition.append(EditionField("start_date", start.isoformat(), year, s, sent.start, sent.end, 0.8))
            result.edition.append(EditionField("end_date", end.isoformat(), year, s, sent.start, sent.end, 0.8))
