"""Press releases (.txt, .md, .html) -> candidate figures, each tied to the sentence it came from.

`extract(text, year=None)` returns an `Extraction`: per-edition `facts`, multi-edition `claims`,
`breakdowns` (manufacturing subset, size bands, sectors), `participation` (organizers, hosts,
guests of honor) and `edition` fields (theme, dates). Every item carries the sentence it came
from, its start/end character offsets into the plain text, and a confidence in 0..1.

`load(path, year=None)` returns only the per-edition facts, as rows of the facts table, so
`python -m loaders add RELEASE --source-url ... --publisher ...` loads them like any other file.

The rules are deliberately strict (a wrong figure is worse than a missing one):
* a number only becomes a fact when its metric noun (or unit) is in the same clause, right after it;
* percentages, dates, years, speeds, tonnage, rankings ("Top 500") are masked before matching;
* USD amounts are kept as reported (`investment_signed_usd_reported`), never converted to CNY;
* "funds in place" is a different metric from investment signed;
* sub-totals (manufacturing projects, size bands, sectors, "of which", on-site signings,
  single projects, signing sessions) never become whole-convention totals;
* hard-wrapped plain text is read with its wrap newlines as spaces (`unwrap`, same length): offsets index
  the plain text, and `text[start:end]` differs from a sentence only by those newlines;
* cumulative statements ("since 2018", "since the first edition", "the first three editions", "in the past
  six years", "so far", "to date", "cumulatively") become claims, never per-edition facts; a total "since
  2018" in a release about a closed edition includes that edition, otherwise it stops the year before;
* parts ("of which", "including"), averages and per-unit amounts, a district's or zone's figures, one
  actor's deals and the figures of another event (a release or a sentence about a conference, expo, fair)
  never become whole-convention totals;
* the edition year comes only from the title and first paragraph (`year_evidence`): the full name with a year
  or an ordinal, then "the 2024 edition" or the convention's dates, then a dateline or publication date; two
  years at the deciding level, or none, leave it unknown (`load` asks for --year), never guessed;
* a sentence that opens on another edition's results ("The 2019 edition closed with ...") gives that edition's
  figures; any other sentence naming another year or edition ("signed at the 2019 edition", "last year's") gives
  no per-edition fact or participant; sentences about another event (an Expo, a Fair) are skipped;
* "59 000" (space, no-break or thin space between groups of exactly three digits) is 59000;
* a simple pipe table is read per row when a "Year" column gives each row's edition, or, when its header is
  years, only in the release's own edition's column;
* spelled-out numbers are read whole ("sixty-one" is 61) or not at all;
* joint organizers ("co-organized", "jointly hosted", "organized jointly by") are organizers; "co-organizer"
  only when the release also names organizers plainly; plain "hosted by" is host;
* a noun before its number ("Exhibitors numbering 451", "Signed projects: 703") counts only when nothing
  noun-like follows the number.
"""
from __future__ import annotations

import html
import json
import re
import sys
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd

from loaders.errors import LoadError

CONVENTION = "WMC"
FIRST_YEAR = 2018

UNITS = {
    "projects_signed": "projects", "investment_signed": "bn CNY", "investment_signed_usd_reported": "bn USD",
    "funds_in_place": "bn CNY", "exhibition_area": "m2", "exhibition_area_hall": "m2",
    "exhibition_area_outdoor": "m2", "exhibitors": "companies", "exhibits": "products", "attendees": "people",
    "overseas_guests": "people", "countries_regions": "countries and regions", "fortune500_executives": "people",
    "fortune500_companies": "companies", "visitors": "visits", "events": "events", "organizers": "bodies",
}
SCOPES = {
    "exhibitors": "exhibition", "exhibits": "exhibition", "visitors": "exhibition", "exhibition_area": "exhibition",
    "exhibition_area_hall": "exhibition hall", "exhibition_area_outdoor": "outdoor showcase",
    "organizers": "joint organizers",
}
EXPECTED_SCOPE = "expected at opening"
CLAIM_METRICS = {"projects_signed", "investment_signed", "funds_in_place", "attendees", "fortune500_executives",
                 "overseas_guests", "exhibitors", "countries_regions"}
FACT_KEYS = ("metric", "value", "unit", "qualifier", "year", "scope", "sentence", "start", "end", "confidence")


# ---------------------------------------------------------------- result types

@dataclass
class Fact:
    metric: str
    value: float
    unit: str
    qualifier: str
    year: int | None
    scope: str
    sentence: str
    start: int
    end: int
    confidence: float


@dataclass
class Claim:
    metric: str
    value: float
    unit: str
    qualifier: str
    year_from: int | None
    year_to: int | None
    sentence: str
    start: int
    end: int
    confidence: float


@dataclass
class Breakdown:
    year: int | None
    dimension: str
    category: str
    projects: int | None
    projects_qualifier: str | None
    investment_cny_bn: float | None
    investment_qualifier: str | None
    sentence: str
    start: int
    end: int
    confidence: float


@dataclass
class Participation:
    year: int | None
    organization: str
    kind: str
    role: str
    sentence: str
    start: int
    end: int
    confidence: float


@dataclass
class EditionField:
    field: str  # theme / start_date / end_date
    value: str
    year: int | None
    sentence: str
    start: int
    end: int
    confidence: float


@dataclass
class Extraction:
    text: str
    year: int | None
    year_source: str  # "argument", "text", "ordinal", "dates", "date line", "dateline", "byline" or ""
    facts: list[Fact] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    breakdowns: list[Breakdown] = field(default_factory=list)
    participation: list[Participation] = field(default_factory=list)
    edition: list[EditionField] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stage: str = ""  # "closed", "preview" or "" (see `release_stage`)


# ---------------------------------------------------------------- plain text

class _TextParser(HTMLParser):
    SKIP = {"script", "style", "noscript", "template", "title"}
    BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table",
             "section", "article", "header", "footer", "blockquote", "pre", "hr", "dt", "dd", "figcaption", "body"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    return _tidy("".join(parser.parts))


def markdown_to_text(markdown: str) -> str:
    lines = []
    for line in markdown.splitlines():
        line = re.sub(r"^\s{0,3}#{1,6}\s*", "", line)              # headings
        line = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", line)        # list bullets
        line = re.sub(r"^\s*>\s?", "", line)                        # quotes
        line = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", line)       # images
        line = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line)        # links
        line = re.sub(r"(\*\*|__|`)", "", line)                     # bold, code
        line = re.sub(r"(?<![\w*])\*(?!\s)([^*]+)(?<!\s)\*(?!\w)", r"\1", line)  # *emphasis*
        lines.append(line)
    return _tidy(html.unescape("\n".join(lines)))


def _tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u3000", " ")
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    out, blank = [], False
    for line in lines:
        if not line:
            blank = bool(out)
            continue
        if blank:
            out.append("")
        out.append(line)
        blank = False
    return "\n".join(out) + "\n"


def read_text(path: Path) -> str:
    """The release as plain text (tags, scripts and styles stripped; entities unescaped)."""
    path = Path(path)
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise LoadError(str(path), "cannot decode the release as UTF-8 or GBK/GB18030")
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        text = html_to_text(text)
    elif suffix == ".md":
        text = markdown_to_text(text)
    else:
        text = _tidy(text)
    if not text.strip():
        raise LoadError(str(path), "file is empty")
    return text


# ---------------------------------------------------------------- sentences

_ABBREV = {"sept", "sep", "oct", "nov", "dec", "jan", "feb", "mar", "apr", "aug", "jun", "jul", "no", "approx",
           "mr", "mrs", "ms", "dr", "st", "co", "ltd", "inc", "vs", "e.g", "i.e", "u.s", "u.k", "etc", "jr", "prof"}
DATE_LINE = re.compile(r"^\s*date\s*:?\s*(\d{4})-(\d{2})-(\d{2})\b", re.I)


@dataclass
class Sentence:
    text: str
    start: int
    end: int
    headline: bool  # a line without final punctuation (a title)
    context: str = ""  # the sentence before, when this one says "during the period"


_TERMINAL = re.compile(r"[.!?:;。！？：；\"”’)\]|]\s*$")
# a line that ends on one of these words cannot end a sentence or a title: the text goes on on the next line
_OPEN_END = re.compile(r"(?:,|\b(?:and|or|of|the|a|an|by|in|on|at|to|for|with|from|as|its|their|than|over|about|"
                       r"nearly|some|around|more|less|including|between|into|under|which|that|who|were|was|"
                       r"is|are|has|have|had|been|be|per|total|worth))\s*$", re.I)
_LIST_START = re.compile(r"^\s*(?:[-*+•·|]|\d+[.)]\s|[A-Z][\w '&/-]{0,40}:\s|Q\s*[:.]|A\s*[:.])")


def unwrap(text: str) -> str:
    """The text with hard-wrap newlines read as spaces (same length, so offsets are unchanged).

    Plain-text releases are often wrapped at 70-100 characters. A newline inside a paragraph joins two
    lines when the first line does not end a sentence or a label and either ends on a word that cannot end
    one ("and", "of", a comma ...), or the next line starts in lower case, or the first line is about as
    long as the longest lines of the text (the wrap width) and is not a title. Blank lines always separate
    paragraphs; list items, table rows and "Label: value" lines are never joined to the line before.
    Only "\n" characters are replaced, one for one, so every offset into the result is an offset into
    `text` and `text[start:end]` differs from a sentence at most by those newlines.
    """
    lines = text.split("\n")
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    if not lengths:
        return text
    width = lengths[int(0.9 * (len(lengths) - 1))]  # the wrap width: long lines, ignoring a few outliers
    out = list(text)
    pos = 0
    for i, line in enumerate(lines[:-1]):
        pos += len(line)
        nxt = lines[i + 1]
        body = line.rstrip()
        if body.strip() and nxt.strip() and not _TERMINAL.search(body) and not _LIST_START.match(nxt) \
                and not re.search(r"[\u4e00-\u9fff]$", body) and not re.match(r"^\s*[\u4e00-\u9fff]", nxt) \
                and not (i == 0 and DATE_LINE.match(line)):
            words = re.findall(r"[A-Za-z][\w'-]*", body)
            small = {"a", "an", "the", "of", "in", "and", "for", "to", "at", "on", "by", "with"}
            title = words and sum(w[0].isupper() or w.lower() in small for w in words) >= 0.8 * len(words)
            long_line = width >= 50 and len(body) >= 0.8 * width and len(nxt.strip()) > 0
            if _OPEN_END.search(body) or re.match(r"^\s*[a-z(]", nxt) or (long_line and not title):
                out[pos] = " "
        pos += 1
    return "".join(out)


def split_sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    pos = 0
    for line in unwrap(text).split("\n"):
        line_start = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        offset = 0
        if not out and line_start == _first_line_start(text):
            match = DATE_LINE.match(line)
            if match:
                offset = match.end()
        pieces = []
        seg_start = offset
        for m in re.finditer(r"[.!?。！？][\"'”’)]?(?=\s+|$)|[。！？][\"'”’)]?", line):
            if m.start() < seg_start:
                continue
            if line[m.start()] == ".":
                word = re.search(r"([\w.]+)$", line[seg_start:m.start()])
                token = word.group(1).lower() if word else ""
                if token in _ABBREV or re.fullmatch(r"(?:[a-z]\.)*[a-z]", token):
                    continue
                nxt = line[m.end():].lstrip()
                if nxt and not re.match(r"[A-Z0-9\"'“‘(\u4e00-\u9fff]", nxt):
                    continue
            pieces.append((seg_start, m.end()))
            seg_start = m.end()
        if seg_start < len(line):
            pieces.append((seg_start, len(line)))
        for a, b in pieces:
            while a < b and line[a].isspace():
                a += 1
            while b > a and line[b - 1].isspace():
                b -= 1
            if a >= b:
                continue
            seg = line[a:b]
            headline = not re.search(r"[.!?。！？\"”]$", seg)
            out.append(Sentence(seg, line_start + a, line_start + b, headline))
    return out


def _first_line_start(text: str) -> int:
    match = re.search(r"\S", text)
    return text.rfind("\n", 0, match.start()) + 1 if match else 0


# ---------------------------------------------------------------- masking

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_MASKS = [
    re.compile(r"\d[\d,.]*\s*(?:%|％|percent\b|per cent\b|percentage points?\b)", re.I),
    re.compile(_MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?(?:\s*(?:-|–|to|through|until|and)\s*(?:" + _MONTH
               + r"\s+)?\d{1,2})?(?:,?\s*\d{4})?\b"),
    re.compile(r"\b\d{1,2}\s+" + _MONTH + r"(?:\s+\d{4})?\b"),
    re.compile(r"\b(?:Fortune|Top|Global)\s+(?:Global\s+)?\d+\b", re.I),
    re.compile(r"\d+\s*(?:年|月|日|号)"),
    re.compile(r"\b\d[\d,.]*[\s-]*(?:km|kilomet(?:er|re)s?|kph|mph|tons?|tonnes?|kg|mw|gw|kw|nm|hours?|days?|"
               r"minutes?|years?|times|editions?|sessions?|zones?|halls?|pavilions?)\b", re.I),
    re.compile(r"\b\d+(?:st|nd|rd|th)\b", re.I),
    # a numbered place or item ("Hall 2", "Booth 17", "No. 3"): never a value, nor the first group of "2 100"
    re.compile(r"\b(?:Hall|Booth|Gate|Zone|Room|Pavilion|Stand|Exit|Level|Floor|Page|Row|Line|Area|No\.)\s*\d+\b"),
]


def mask(sentence: str) -> str:
    """Blank out (same length) what must never be read as a value."""
    chars = list(sentence)
    for pattern in _MASKS:
        for m in pattern.finditer(sentence):
            for i in range(m.start(), m.end()):
                if chars[i].isdigit():
                    chars[i] = "#"
    # bare years (2018-2099) are years unless a count noun follows right away
    masked = "".join(chars)
    for m in re.finditer(r"(?<![\d,.#])(?:19|20)\d\d(?![\d,.#])", masked):
        after = masked[m.end():m.end() + 20].lower()
        if not re.match(r"\s*(?:\+\s*)?(?:projects|exhibitors|companies|enterprises|products|exhibits|guests|"
                        r"participants|attendees|visitors|visits|events)\b", after):
            for i in range(m.start(), m.end()):
                chars[i] = "#"
    return "".join(chars)


# ---------------------------------------------------------------- numbers

_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
          "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a hundred": 100, "one hundred": 100}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
             "ninth": 9, "tenth": 10, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7,
             "8th": 8, "9th": 9, "10th": 10}
_SCALE = {"trillion": 1000.0, "billion": 1.0, "bn": 1.0, "bln": 1.0, "million": 0.001, "mln": 0.001, "mn": 0.001}
_UNIT_WORDS = "one|two|three|four|five|six|seven|eight|nine"
_TEEN_WORDS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS_WORDS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
# a whole spelled-out number ("sixty-one", "twenty five", "a hundred"), never a piece of one: no letter or
# hyphen may touch it on either side, so "Sixty-one" is 61 and never "Sixty" + "one"
WORD_NUMBER = (r"(?<![\w-])(?:a hundred|one hundred|(?:" + _TENS_WORDS + r")(?:[-\s](?:" + _UNIT_WORDS + r"))?|"
               r"(?:" + _TEEN_WORDS + r")|(?:" + _UNIT_WORDS + r"))(?![\w])(?!-[A-Za-z])")
# a space, no-break space, narrow no-break space or thin space between groups of exactly three digits: "59 000"
_GROUP_SPACE = "[ \u00a0\u202f\u2009]"
NUMBER_RE = re.compile(
    r"(?P<cur>\b(?:RMB|CNY|USD|US\$|U\.S\.\$|U\$)|\$|¥|￥)?\s?"
    r"(?:(?<![A-Za-z0-9.,#])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:" + _GROUP_SPACE + r"\d{3})+(?![\d,.]\d)|"
    r"\d+(?:\.\d+)?)(?![\d#])"
    r"|(?P<word>" + WORD_NUMBER + r"))"
    r"(?P<plus>\+)?"
    r"(?:\s?(?P<scale>trillion|billion|million|bn|bln|mln|mn)\b)?",
    re.I,
)
_THRESHOLDS = {0.01, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0, 20.0, 50.0, 100.0}
_CNY_AFTER = re.compile(r"^\s*(?:yuan|renminbi|rmb|cny)\b", re.I)
_USD_AFTER = re.compile(r"^\s*(?:u\.\s?s\.\s*dollars|us\s*dollars|american dollars|dollars|usd)\b", re.I)

QUALIFIER_BEFORE = [
    ("more_than", r"(?:more than|over|above|exceeding|exceeded|exceeds|exceed|surpassing|surpassed|surpasses|"
                  r"in excess of|upwards? of|beyond|topping|topped|passed|passing|超过|逾|多于)"),
    ("at_least", r"(?:at least|no less than|not less than|a minimum of|至少|不少于|不低于)"),
    ("nearly", r"(?:nearly|almost|close to|just under|将近|接近|近)"),
    ("about", r"(?:about|approximately|approx\.?|around|some|roughly|an estimated|estimated|circa|约|大约|约合)"),
]


def qualifier_of(left: str, right: str, plus: bool) -> str:
    if plus:
        return "more_than"
    left = left.rstrip().lower()
    # "surpassing a significant one trillion": filler words between the qualifier and the number
    left = re.sub(r"(?:\s+(?:a|an|the|total of|significant|substantial|impressive|whopping|record|staggering|"
                  r"combined|total))+$", "", left)
    # "spreads over 30,000 square meters", "will spread its exhibition over ...": a preposition, not "more than"
    if re.search(r"\b(?:spreads?|spreading|spread out|sprawls?|sprawling|stretch(?:es|ing)?)\s+"
                 r"(?:(?:its|the|their|this|an?)\s+(?:[\w-]+\s+){0,2}?(?:exhibitions?|shows?|displays?|exhibits|"
                 r"booths|stands|venue)\s+)?over$", left):
        return "exact"
    for name, pattern in QUALIFIER_BEFORE:
        if re.search(r"(?:^|[\s(\-—,])" + pattern + r"$", left) or re.search(pattern + r"$", left) and \
                re.search(r"[\u4e00-\u9fff]$", left):
            return name
    if re.match(r"^\s*(?:or more|and above|and more|plus)\b", right.lower()) or re.match(r"^(?:余|多)", right):
        return "more_than"
    return "exact"


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


def word_value(words: str) -> int:
    """'sixty-one' -> 61, 'twenty five' -> 25, 'a hundred' -> 100."""
    words = " ".join(words.lower().replace("-", " ").split())
    if words in _WORDS:
        return _WORDS[words]
    return sum(_WORDS[w] for w in words.split())


def _parse_value(m: re.Match) -> float:
    if m.group("num"):
        return float(re.sub(_GROUP_SPACE + "|,", "", m.group("num")))
    return float(word_value(m.group("word")))


# ---------------------------------------------------------------- context words

EXHIBIT_CTX = re.compile(r"exhibit|exhibition|display|showcas|booth|on show|showing|参展|展览|展品", re.I)
FUNDS_CTX = re.compile(r"(?:funds?|money|capital)\b[^.;]{0,40}?\b(?:in place|deployed|arrived|actually|utili[sz]ed|"
                       r"disbursed)|actual(?:ly)?\s+(?:investment|invested|in place|deployed|utili[sz]ed)|in place|"
                       r"到位", re.I)
# the same, said after the amount ("1 trillion yuan of funds had been put in place", "... yuan already deployed")
FUNDS_AFTER = re.compile(r"^\s*(?:yuan|renminbi|rmb|cny|dollars|u\.\s?s\.\s*dollars|us\s*dollars)?\s*"
                         r"(?:(?:of|in)\s+(?:the\s+)?(?:[\w-]+\s+)?(?:funds?|money|capital)\b[^.;]{0,40}?\b(?:in place|deployed|arrived|actually|"
                         r"utili[sz]ed|disbursed|invested)|(?:(?:has|have|had)\s+)?(?:been\s+|already\s+|actually\s+)*"
                         r"(?:deployed|put in place|in place|actually invested|actually arrived|disbursed)\b)", re.I)
INVEST_CTX = re.compile(r"invest|worth|value|valued|signed|deals?|contract|projects?|amount|pledged|投资|金额|签约",
                        re.I)
SUBSET_CTX = re.compile(r"\b(?:of which|of these|of them|of the total|among them|among which|among these|"
                        r"among the deals|including|in particular|such as)\b|其中", re.I)
DROP_CTX = re.compile(r"\b(?:on[- ]site|on the spot|during the (?:\w+ )?(?:convention )?days|signing session|"
                      r"signing ceremony|single project|largest|biggest|one project|sub-forum|session|"
                      r"on the (?:first|opening|second|third|fourth|final|last|closing) day|opening day|"
                      r"at the opening ceremony|delegation)\b", re.I)
# a part of the convention by origin ("60 companies from Germany", "Korean firms"), never its total
ORIGIN_CTX = re.compile(r"\b(?:companies|firms|enterprises|investors|representatives|guests|delegates|participants|"
                        r"executives|projects)\s+from\s+(?!China and abroad|home and abroad|China and overseas)"
                        r"(?:the\s+)?[A-Z]|\b(?:German|Japanese|Korean|French|American|British|Italian|Slovak|"
                        r"foreign-funded|Hong Kong|Macao|Taiwan)\s+(?:companies|firms|enterprises|investors|projects)\b")
PRESENT_CTX = re.compile(r"attend|took part|take part|participat|came|joined|drew|drawn|attract|present|gather|"
                         r"welcom|includ|among|invited|met\b|visited", re.I)
# one actor's investment, not the convention's signed total
SINGLE_ACTOR_CTX = re.compile(r"\b(?:a|the|one) (?:company|firm|plant|factory|enterprise|group)\b|"
                              r"\b(?:plans?|planning|intends?|intending|aims?|expects?|pledged|promised|vows?|vowed)"
                              r"\s+to\s+invest\b|\bwill invest\b|\bfund\b", re.I)
EXPECTED_CTX = re.compile(r"\bexpected\b|\bwill be signed\b|\bto be signed\b|\bplanned\b|\bare set to\b|"
                          r"\bwill sign\b|\bis set to\b|\banticipated\b|预计|将签约", re.I)
OTHER_YEAR_CTX = re.compile(r"\b(?:last year|previous (?:edition|convention|year|session)|last edition|"
                            r"a year (?:earlier|ago)|prior edition)\b|去年|上届", re.I)
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
    r"自首届|首届以来|创办以来|举办以来|\b(?:first|past|previous|last|over(?: the)?(?: past)?|all|preceding) "
    r"(?:(?:\d+|" + "|".join(_WORDS) + r") )?(?:editions|sessions|years|conventions)\b|"
    r"\b(?:\d+|" + "|".join(_WORDS) + r") (?:successive|consecutive|straight|previous|past) (?:years|editions)\b|"
    r"\b(?:\d+|" + "|".join(_WORDS) + r") editions\b|\bso far\b|\bto date\b|\bcumulative(?:ly)?\b|"
    r"累计|历届|自2018年", re.I)
PERIOD_REF = re.compile(r"(?:During|Over|In|Throughout|Within) (?:the|that|this) (?:period|time)\b|"
                        r"(?:(?:During|Over|In|Throughout|Within|Across)\s+)?(?:those|these|Those|These)\s+"
                        r"(?:(?:\d+|[a-z]+)\s+)?(?:editions|years|sessions|conventions)\b")
OTHER_EVENT = re.compile(r"\b(?:Expo|Fair|Trade Show|Festival|Congress|Games|Olympiad)\b|\bthe (?:expo|fair)\b|"
                         r"博览会|交易会|展销会", re.I)
# a headline about another named event ("Yangtze River Delta Industrial Internet Conference closes in Wuhu")
OTHER_EVENT_TITLE = re.compile(r"\b[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*\s+(?:Conference|Summit|Forum|Symposium|Exhibition|"
                               r"Week|Show|Convention)\b")
# a sentence whose subject is another kind of event (a convention's own figures never start like this)
ANOTHER_EVENT_SUBJECT = re.compile(r"^\W*(?:the|this|that)\s+(?:(?:[\w-]+\s+){0,3})?(?:conference|"
                                   r"symposium|expo|fair|trade show)\b", re.I)
CONVENTION_NAME = re.compile(r"World Manufacturing Convention|\bWMC\b|世界制造业大会", re.I)
GENERIC_MODS = {"signed", "new", "cooperation", "cooperative", "investment", "industrial", "major", "key", "were",
                "are", "was", "is", "contracted", "big", "large", "large-scale", "more", "total", "other", "such",
                "of", "those", "these", "all", "the", "in", "agreed", "partnership"}
BLOCKED_MODS = {"of", "in", "for", "from", "to", "years", "year", "editions", "edition", "days", "by", "with",
                "and", "or"}


def _count_metric(right: str, sentence: str) -> tuple[str | None, float, str, int]:
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
        (r"fortune\s+(?:global\s+)?#+\s+(?:companies|enterprises|firms|multinationals)", "fortune500_companies"),
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
        m = re.match(r"((?:[a-z-]+\s+){0,2}?)products\b", r2)
        if m and not re.search(r"new|debut|first|latest", m.group(1)) and \
                not re.match(r"\s*(?:shown|displayed|unveiled)?\s*(?:for the first time|debut)", r2[m.end():]):
            return "exhibits", 0.8, m.group(1).strip(), lead + m.end()
    m = re.match(r"((?:[a-z-]+\s+){0,3}?)(?:events|sub-events|side events|activities|sub-activities|"
                 r"side activities)\b", r2)
    if m and not set(m.group(1).split()) - {"or", "and"} & BLOCKED_MODS:
        words = set(m.group(1).split())
        if not (words & (BLOCKED_MODS - {"or", "and"})):
            return "events", 0.85, m.group(1).strip(), lead + m.end()
    m = re.match(r"((?:[a-z&-]+\s+){0,4}?)projects?\b", r2)
    if m:
        words = m.group(1).split()
        if not set(words) & {"of", "from", "for", "to", "by", "with", "years", "editions"}:
            return "projects_signed", 0.9, m.group(1).strip(), lead + m.end()
    return None, 0.0, "", 0


# ---------------------------------------------------------------- year

_CONV = r"(?:World Manufacturing Convention|WMC)"
# an explicit edition year: "the 2024 World Manufacturing Convention", "WMC 2024", "the 2024 edition"
_EXPLICIT_YEAR = [
    re.compile(r"\b(20[1-9]\d)\s+" + _CONV + r"\b"),
    re.compile(r"\b" + _CONV + r"\s*(?:\(|,)?\s*(20[1-9]\d)\b(?![\d-])"),
    re.compile(r"\bthe\s+(20[1-9]\d)\s+(?:convention|edition|session)\b", re.I),
    re.compile(r"(20[1-9]\d)\s*年?\s*世界制造业大会"),
]
# "the seventh World Manufacturing Convention", "the eighth edition of the convention", "Fourth WMC closes"
_ORDINAL_EDITION = re.compile(r"(?:^|\bthe\s+)(?P<ord>" + "|".join(_ORDINALS) + r")\s+(?:(?:edition|session)\s+of\s+"
                              r"the\s+)?(?:" + _CONV + r"|edition|session|convention)\b(?!s)", re.I | re.M)
# the convention's own dates with a year: "held from Sept. 20 to 23, 2024", "runs Sept. 20-23, 2024"
_CONVENTION_DATES = re.compile(r"\b(?:from|between|on|runs?|ran|held|takes? place|took place)\s+(?:from\s+)?" + _MONTH
                               + r"\s+\d{1,2}\s*(?:-|–|to|through|until|and)\s*(?:" + _MONTH + r"\s+)?\d{1,2},?\s*"
                               r"(20[1-9]\d)\b")
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


def year_evidence(text: str) -> list[tuple[int, str, str]]:
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
    first = text.lstrip().split("\n", 1)[0]
    m = DATE_LINE.match(first)
    if m:
        found.append((int(m.group(1)), "date line", m.group(0)))
    for m in _DATELINE.finditer(lead):
        found.append((int(m.group(1)), "dateline", m.group(0)))
    for line in lead.split("\n"):
        if len(line.strip()) < 120 and not re.search(r"[.!?]\s*$", line.strip()):  # a title or byline, not prose
            for m in _BYLINE_DATE.finditer(line):
                if not DATE_LINE.match(line):
                    found.append((int(m.group(1)), "byline", m.group(0)))
    return found


def _edition_year(text: str) -> tuple[int | None, str, str]:
    """(year, source, problem): the strongest level of evidence present decides; weaker levels count only when
    there is no stronger one (a release may be dated the year after its edition).

    Two different years at the deciding level make the year unknown (never a guess): the caller is told to
    pass --year. `source` is "text", "ordinal", "dates", "date line", "dateline" or "byline".
    """
    evidence = year_evidence(text)
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


# ---------------------------------------------------------------- extraction

def extract(text: str, year: int | None = None) -> Extraction:
    """Everything the rules recognize in a release's plain text."""
    problem = ""
    if year is not None:
        source = "argument"
    else:
        year, source, problem = _edition_year(text)
    result = Extraction(text=text, year=year, year_source=source, stage=release_stage(text))
    if problem:
        result.warnings.append(problem)
    sentences = split_sentences(text)
    if not CONVENTION_NAME.search(text):
        result.warnings.append("the release never names the World Manufacturing Convention: no figures taken")
        return result
    first = next((s for s in sentences), None)
    other_event_doc = bool(first and (OTHER_EVENT.search(first.text) or OTHER_EVENT_TITLE.search(first.text))
                           and not CONVENTION_NAME.search(first.text))
    previous = None
    flags: dict = {}
    for sent in sentences:
        if previous is not None and PERIOD_REF.match(sent.text):
            sent.context = previous.text
        previous = sent
        names_wmc = bool(CONVENTION_NAME.search(sent.text))
        if OTHER_EVENT.search(sent.text) and not names_wmc:
            continue
        if other_event_doc:
            continue  # a release about another event: even its sentences naming the WMC give nothing
        if sent.text.lstrip().startswith("|"):
            continue  # a table row: read by `_tables`
        sent_year = sentence_year(sent.text, year)
        if sent_year is None and year is not None:
            # the sentence is about another edition without clearly reporting its results: facts, guests and
            # organizers are left out (claims "since 2018" are still read by `_numbers`)
            if not _has_cjk(sent.text):
                _numbers(sent, year, result)
            continue
        _participation(sent, sent_year, result, flags)
        _edition_fields(sent, sent_year, result)
        if ANOTHER_EVENT_SUBJECT.match(sent.text):
            continue  # "The conference, which like the WMC ..., saw 212 projects signed": that event's figures
        if _has_cjk(sent.text):
            _chinese(sent, sent_year, result)
        else:
            _numbers(sent, sent_year, result)
    if not other_event_doc:
        _tables(text, year, result)
    result.facts = _dedupe(result.facts, result)
    result.claims = _dedupe_claims(result.claims)
    if not flags.get("plain_organizer"):
        for item in result.participation:
            if item.role == "co-organizer":
                item.role = "organizer"  # joint organizers, not a second tier
    return result


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


def _has_cjk(text: str) -> bool:
    return len(re.findall(r"[\u4e00-\u9fff]", text)) > 5


# the convention's founding year said in passing ("Launched in 2018, the convention is organized by ..."): the
# sentence is not about the 2018 edition
FOUNDED_IN = re.compile(r"\b(?:launched|founded|established|inaugurated|first held|first staged|created|started|"
                        r"began|begun)\s+in\s+20\d\d\b", re.I)


def _other_year(sentence: str, year: int | None) -> bool:
    if OTHER_YEAR_CTX.search(sentence):
        return True
    if year is None:
        return False
    sentence = FOUNDED_IN.sub(lambda m: "#" * len(m.group()), sentence)
    for m in re.finditer(r"(?<![\d,.])(20[1-9]\d)(?!\d|,\d)", sentence):
        if int(m.group(1)) != year:
            return True
    return False


def _claim_range(sentence: str, year: int | None, stage: str = "") -> tuple[int | None, int | None, float]:
    low = sentence.lower()
    words = "|".join(_WORDS)

    def num(token: str) -> int:
        return int(token) if token.isdigit() else _WORDS[token.lower()]

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
_CLOSED_DOC = re.compile(r"\b(?:closed|concluded|wrapped up|came to a close|drew to a close|has ended|ended on|"
                         r"closing (?:bulletin|report|statement|summary|release|figures|tally))\b|闭幕", re.I)
_PREVIEW_DOC = re.compile(r"\b(?:will (?:open|be held|run|take place|kick off|start|begin|be staged|be hosted)|"
                          r"(?:is|are) (?:set|scheduled|slated|due) to (?:open|be held|run|take place|start|begin)|"
                          r"to be held|ahead of|upcoming|preview)\b|将于|即将", re.I)


def release_stage(text: str) -> str:
    """'closed' (the edition is over: totals "since 2018" include it), 'preview' (not yet held) or ''."""
    head = text[:1500]
    if _CLOSED_DOC.search(head):
        return "closed"
    if _PREVIEW_DOC.search(head):
        return "preview"
    return ""


def _before_this_edition(low: str, stage: str) -> bool:
    """Does a total "since 2018" stop the year before the edition (True) or include it (False)?

    Included only when the release reports a closed edition and the sentence does not say the total
    is for the editions before this one (or uses a past perfect, "had brought"); otherwise it stops
    the year before, as in every labelled preview and opening release.
    """
    return stage != "closed" or bool(_BEFORE_THIS.search(low))


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
        if value == 0:
            continue  # "0 square meters" is a misread ("59 00"), never a figure
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
    r"^[^\w]*(?:(?:total|signed|number of|total number of|the)\s+)*(?P<noun>projects\b[^:]{0,60}|exhibitors|"
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


def _label_of(before: str) -> tuple[str, str] | str | None:
    """The category a bulletin line names before its colon ("Information technology: 87 projects, ...")."""
    m = re.match(r"^[^\w]*(?P<label>[A-Za-z][A-Za-z0-9#&,.\s-]{0,80}?)\s*:\s*$", before)
    if not m:
        return None
    label = m.group("label").strip().lower()
    if DROP_CTX.search(label):
        return "drop"
    if "manufactur" in label:
        return ("subset", "manufacturing")
    if set(label.split()) <= {"signed", "projects", "total", "results", "deals", "cooperation", "investment",
                              "contracts", "number", "of", "the", "all"}:
        return None
    if SECTOR_WORDS.search(label) and not re.search(r"[#\d]|\b(?:above|over|more than|each)\b", label):
        return ("sector", label)
    return "drop"


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


# one deal, not the total: "the single largest deal", "the biggest project" (but not "the largest share")
LARGEST_ONE = re.compile(r"\bsingle\b|\b(?:largest|biggest)\s+(?:single\s+)?(?:[\w-]+\s+)?(?:project|deal|contract|"
                         r"investment|signing|agreement)s?\b", re.I)
# one company's own deal or plan, said in the clause before an amount ("one equipment maker alone expects to sign
# deals worth 3 billion yuan"): never the convention's total, nor a cumulative claim
ONE_ACTOR_BEFORE = re.compile(
    r"\b(?:alone|on its own|(?:a|an|one|the|its)\s+(?:[\w-]+\s+){0,4}?(?:maker|company|firm|manufacturer|producer|"
    r"plant|factory|enterprise|group|start-?up|carmaker|automaker|supplier|investor))\b", re.I)


FORTUNE_PEOPLE_BEFORE = re.compile(
    r"\b(?:heads|executives|leaders|ceos|chiefs|bosses|chairm[ae]n|chairpersons|presidents|representatives)\s+"
    r"(?:of|from)\s+(?:the\s+)?(?:(?:more than|over|nearly|almost|about|around|some|at least|upwards of)\s+)?$", re.I)


# "a market showcase", "the outdoor showcase": a showcase as a place (a noun), never the verb ("will showcase robots")
OUTDOOR_SHOWCASE = re.compile(r"\b(?:a|an|the)\s+(?:(?!(?:will|would|to|can|shall|may|also|and)\b)[\w-]+\s+){0,2}"
                              r"showcase\b", re.I)


def _area_metric(mention: Mention, masked: str, prev_end: int, next_start: int) -> str | None:
    after = masked[mention.noun_end:next_start]
    clause = re.search(r"[,;:()!?]|\.(?:\s|$)|\s(?:and|with|plus|while|but)\s", after)
    after = after[:clause.start()] if clause else after
    before = masked[prev_end:mention.start]
    clause = list(re.finditer(r"[;:()!?]|\.(?:\s|$)", before))
    before = before[clause[-1].end():] if clause else before
    for window in (after, before):
        if re.search(r"\b(?:outdoors?|open-air|outside|market)\b", window, re.I) or OUTDOOR_SHOWCASE.search(window):
            return "exhibition_area_outdoor"
        if re.search(r"\b(?:hall|halls|indoor|pavilion)\b", window, re.I):
            return "exhibition_area_hall"
    if re.search(r"exhibit|display|venue|site|cover|span|area|expo|show", masked, re.I):
        return "exhibition_area"
    return None


def _sector(mention: Mention, masked: str) -> tuple[str, str] | None:
    """Breakdown (dimension, category) for a 'projects' count, or None for a total."""
    mods = [w for w in mention.mods.lower().split() if w not in GENERIC_MODS]
    if any("manufactur" in w for w in mods):
        return ("subset", "manufacturing")
    if mods:
        return ("sector", " ".join(mods))
    after = masked[mention.noun_end:]
    m = re.match(r"\s+in\s+(?:the\s+)?(?P<cat>[a-z][a-z\s,&-]*?)(?:\s+(?:sector|sectors|industry|industries|field|fields))?"
                 r"(?=\s+(?:drew|worth|with|were|was|attracted|totaling|totalling|involving|accounted|received|"
                 r"valued)\b|[,.;]|$)", after)
    if m and re.search(r"sector|industr|field", masked, re.I):
        category = m.group("cat").strip()
        if "manufactur" in category:
            return ("subset", "manufacturing")
        return ("sector", category)
    # "61 projects in integrated circuits, new displays and advanced materials were signed": a list of fields
    m = re.match(r"\s+in\s+(?P<cat>[a-z][a-z\s,&-]*?)\s*,?\s+(?:were|was|are|have been|had been)\s+"
                 r"(?:signed|inked|contracted|sealed|agreed)\b", after)
    if m and re.search(r",|\band\b|&", m.group("cat")) and SECTOR_WORDS.search(m.group("cat")) and \
            not re.match(r"(?:total|all|various|different|multiple|many|diverse|several|hefei|anhui|china)\b",
                         m.group("cat")):
        category = " ".join(m.group("cat").split())
        if "manufactur" in category:
            return ("subset", "manufacturing")
        return ("sector", category)
    return None


SECTOR_WORDS = re.compile(
    r"industr|sector|tech|energy|vehicle|equipment|material|chip|semiconductor|circuit|display|robot|digital|"
    r"information|electronic|biomed|pharma|medic|health|aerospace|aviation|batter|automo|\bauto\b|machinery|chemical|"
    r"textile|software|internet|artificial intelligence|photovolta|solar|hydrogen|green|agricultur|logistic|"
    r"service|emerging|intelligen|smart|new energy|quantum|biotech|metallurg|steel", re.I)
SHARE_OF = re.compile(
    r"^\s*(?:the\s+)?(?P<subj>[A-Za-z][A-Za-z&,\s-]{0,60}?)\s+(?:projects\s+|deals\s+|sectors?\s+|industry\s+|"
    r"industries\s+)?(?:accounted for|account for|made up|make up|represented|took up|contributed)\b", re.I)


def _share_of(before: str) -> tuple[str, str] | str | None:
    """"Manufacturing accounted for the bulk of the deals, with 656 projects ...": the count is that part's."""
    m = SHARE_OF.search(before)
    if not m:
        return None
    subject = m.group("subj").strip()
    low = subject[0].lower() + subject[1:]
    if "manufactur" in low.lower():
        return ("subset", "manufacturing")
    if low != low.lower() or ORIGIN_CTX.search(subject + " projects") or not SECTOR_WORDS.search(low) or \
            re.search(r"\b(?:foreign|overseas|domestic|local|it|they|this|these|which|convention|event)\b", low):
        return "drop"  # a place, an origin, a pronoun or an unknown part of the total: never the total itself
    return ("sector", low)


def _numbers(sent: Sentence, year: int | None, result: Extraction) -> None:
    mentions, masked = _mentions(sent)
    if not any(m.kind != "none" for m in mentions):
        return
    s = sent.text
    claim_text = f"{sent.context} {s}" if sent.context else s
    is_claim = bool(CLAIM_CTX.search(claim_text))
    expected = bool(EXPECTED_CTX.search(s))
    skip_facts = _other_year(s, year) and not is_claim
    base_conf = 0.65 if sent.headline else 1.0
    # thresholds (size bands) attach to the projects count before them
    bands: dict[int, float] = {}
    for i, m in enumerate(mentions):
        if m.threshold:
            for j in range(i - 1, -1, -1):
                if mentions[j].kind == "count" and mentions[j].metric == "projects_signed":
                    bands[j] = m.value
                    break
            else:  # "Projects above 1 billion yuan each: 167, ..."
                j = next((j for j in range(i + 1, len(mentions)) if mentions[j].kind == "count"), None)
                if j is not None and mentions[j].metric == "projects_signed" and \
                        LABEL_NOUN.match(masked[:mentions[j].start]):
                    bands[j] = m.value
    # role of each projects count: "total", a breakdown, or "drop"
    roles: dict[int, object] = {}
    for i, m in enumerate(mentions):
        if m.kind == "count" and m.metric == "projects_signed":
            before = masked[:m.start]
            if i in bands:
                roles[i] = ("size_band", f"above {bands[i]:g} bn CNY")
            elif m.implicit:
                roles[i] = "drop"  # a part of "all the signed projects" with no category of its own
            elif (label := _label_of(before)) is not None:
                roles[i] = label
            elif (sector := _sector(m, masked)) is not None:
                roles[i] = sector
            elif (share := _share_of(before)) is not None:
                roles[i] = share
            elif SUBSET_CTX.search(before) or DROP_CTX.search(re.sub(r"\bat the opening ceremony\b", "", s)
                                                               if expected else s):
                roles[i] = "drop"
            else:
                roles[i] = "total"
    breakdowns: dict[int, Breakdown] = {}
    for i, m in enumerate(mentions):
        if m.kind == "none" or m.threshold:
            continue
        conf = m.confidence * base_conf
        # the projects count this amount belongs to: the nearest before it
        owner = next((j for j in range(i - 1, -1, -1) if j in roles), None)
        owner_role = roles.get(owner, "total") if owner is not None else "total"
        metric = None
        if m.kind == "count":
            metric = m.metric
            if metric == "projects_signed":
                owner_role = roles[i]
                owner = i
        elif m.kind == "area":
            metric = _area_metric(m, masked, mentions[i - 1].end if i else 0,
                                  mentions[i + 1].start if i + 1 < len(mentions) else len(masked))
        elif m.kind == "money_cny":
            if FUNDS_CTX.search(m.left) or FUNDS_AFTER.match(m.right) or (
                    FUNDS_CTX.search(masked[:m.start]) and not INVEST_CTX.search(m.left.split(",")[-1])):
                metric = "funds_in_place"
                owner_role = "total"
            elif INVEST_CTX.search(m.left) or INVEST_CTX.search(m.right) or INVEST_CTX.search(masked[:m.start]):
                metric = "investment_signed"
                if LARGEST_ONE.search(masked[:m.start]) or ONE_ACTOR_BEFORE.search(_clause_before(masked, m.start)):
                    continue
        elif m.kind == "money_usd":
            if m.conversion_of is not None:
                base = mentions[m.conversion_of]
                if base.kind != "money_cny" or getattr(base, "metric", None) != "investment_signed":
                    continue
                metric = "investment_signed_usd_reported"
                owner_role = base.__dict__.get("_role", "total")
            elif FUNDS_CTX.search(masked[:m.start]) or FUNDS_AFTER.match(m.right):
                continue
            elif INVEST_CTX.search(m.left) or INVEST_CTX.search(m.right) or INVEST_CTX.search(masked[:m.start]):
                metric = "investment_signed_usd_reported"
                if LARGEST_ONE.search(masked[:m.start]):
                    continue
        if metric is None:
            continue
        m.metric = metric
        m.__dict__["_role"] = owner_role
        if is_claim:
            if metric in CLAIM_METRICS:
                if metric == "investment_signed_usd_reported":
                    continue
                y0, y1, claim_conf = _claim_range(claim_text, year, result.stage)
                result.claims.append(Claim(metric, _round(m.value), UNITS[metric], m.qualifier, y0, y1,
                                           s, sent.start, sent.end, round(conf * claim_conf, 2)))
            continue
        if skip_facts:
            continue
        if metric in ("projects_signed", "investment_signed", "investment_signed_usd_reported") and owner_role != "total":
            if owner_role == "drop" or metric == "investment_signed_usd_reported":
                continue
            dimension, category = owner_role
            item = breakdowns.get(owner)
            if item is None:
                item = breakdowns[owner] = Breakdown(year, dimension, category, None, None, None, None,
                                                     s, sent.start, sent.end, round(0.8 * base_conf, 2))
                result.breakdowns.append(item)
            if metric == "projects_signed":
                item.projects, item.projects_qualifier = int(m.value), m.qualifier
            elif item.investment_cny_bn is None:
                item.investment_cny_bn, item.investment_qualifier = _round(m.value), m.qualifier
            continue
        drop_text = re.sub(r"\bat the opening ceremony\b", "", s) if expected else s  # where expected deals are signed
        if metric in ("projects_signed", "investment_signed", "investment_signed_usd_reported", "attendees",
                      "exhibitors") and (ORIGIN_CTX.search(s) or DROP_CTX.search(drop_text)):
            continue
        if not _whole_total(m, metric, masked):
            continue
        if metric in ("investment_signed", "investment_signed_usd_reported") and SINGLE_ACTOR_CTX.search(s):
            continue
        if metric in ("fortune500_companies", "fortune500_executives", "overseas_guests") and not PRESENT_CTX.search(s):
            continue
        scope = SCOPES.get(metric, "whole convention")
        if expected:
            scope, conf = EXPECTED_SCOPE, conf * 0.6
        result.facts.append(Fact(metric, _round(m.value), UNITS[metric], m.qualifier, year, scope, s,
                                 sent.start, sent.end, round(conf, 2)))


# a part of the total, said in the clause before the number: "of which 400 ...", "including 300 exhibitors"
SUBSET_BEFORE = re.compile(r"\b(?:of which|of whom|of these|of them|of those|of the total|among them|among which|"
                           r"among these|among those|including|such as|in particular|notably|especially)\b",
                           re.I)
# an average or a per-unit amount is never a total: "an average of 1.2 billion yuan per project"
AVERAGE_CTX = re.compile(r"\b(?:average|averag(?:ed|ing)|on average|mean|median|typical)\b", re.I)
PER_UNIT_AFTER = re.compile(r"^\s*(?:(?:yuan|rmb|cny|dollars|usd)\s*)?(?:[a-z-]+\s+){0,2}?(?:per|each|apiece|a)\s+"
                            r"(?:project|deal|contract|company|firm|exhibitor|enterprise|day|session|edition|year|"
                            r"booth|hall|visitor|guest|participant)\b|^\s*(?:each|apiece)\b", re.I)
# one place below the convention: a district, a county, a zone or a park signed its own deals
LOCAL_CTX = re.compile(r"\b(?:district|county|counties|development zone|high-tech zone|hi-tech zone|economic zone|"
                       r"industrial park|new area|free trade zone|pilot zone|township)\b|\b(?:city|cities) of\b", re.I)
TOTAL_METRICS = {"projects_signed", "investment_signed", "investment_signed_usd_reported", "attendees", "exhibitors",
                 "exhibits", "visitors", "events", "countries_regions", "funds_in_place", "exhibition_area",
                 "exhibition_area_hall", "exhibition_area_outdoor"}


def _whole_total(m: Mention, metric: str, masked: str) -> bool:
    """False when the number is a part, an average, a per-unit amount, one actor's or one place's figure.

    Applies to every whole-convention metric (overseas guests and Fortune 500 people are parts by nature).
    """
    if metric not in TOTAL_METRICS:
        return True
    clause = _clause_before(masked, m.start)            # back to the last comma
    wide = _clause_before(masked, m.start, keep_comma=True)  # back to the last ; : ( ) or sentence end
    if SUBSET_BEFORE.search(clause) or re.search(r"\b(?:of which|of whom|among them|among which)\b", wide, re.I):
        return False
    after = masked[m.end:]
    right_clause = re.split(r"[,;:()!?]|\.(?:\s|$)", after, maxsplit=1)[0]
    per_unit = PER_UNIT_AFTER.match(after) or (m.noun_end and PER_UNIT_AFTER.match(masked[m.noun_end:]))
    if AVERAGE_CTX.search(wide) or AVERAGE_CTX.search(right_clause) or per_unit:
        return False
    if LOCAL_CTX.search(wide) or LOCAL_CTX.search(right_clause):
        return False
    if ONE_ACTOR_BEFORE.search(clause) and metric != "funds_in_place":
        return False
    return True


def _dedupe_claims(claims: list[Claim]) -> list[Claim]:
    """One claim per (metric, value, qualifier): a figure repeated (e.g. in two languages) is one statement;
    when the repeats read different year ranges, the most confident reading is kept."""
    best: dict[tuple, Claim] = {}
    for claim in claims:
        key = (claim.metric, claim.value, claim.qualifier)
        if key not in best or claim.confidence > best[key].confidence:
            best[key] = claim
    return sorted(best.values(), key=lambda c: c.start)


def _round(value: float) -> float:
    rounded = round(value, 6)
    return int(rounded) if rounded == int(rounded) else rounded


def _dedupe(facts: list[Fact], result: Extraction) -> list[Fact]:
    """One fact per (metric, scope): the most confident; conflicting values lower the confidence."""
    best: dict[tuple, Fact] = {}
    values: dict[tuple, set] = {}
    for fact in facts:
        key = (fact.year, fact.metric, fact.scope)
        values.setdefault(key, set()).add(fact.value)
        if key not in best or fact.confidence > best[key].confidence:
            best[key] = fact
    out = []
    for key, fact in best.items():
        if len(values[key]) > 1:
            result.warnings.append(f"{fact.metric}: the release gives several values {sorted(values[key])}; "
                                   f"kept {fact.value:g}")
            fact.confidence = round(fact.confidence * 0.7, 2)
        out.append(fact)
    return sorted(out, key=lambda f: f.start)


# ---------------------------------------------------------------- Chinese

_CN_Q = r"(?P<q>超过|逾|约|大约|近|将近|接近|至少|不少于|共|达|为|达到)*"
_CN_NUM = r"(?P<n>\d[\d,]*(?:\.\d+)?)"
_CN_RULES = [
    (r"(?:签约|签署|签订|促成)?(?:合作)?项目(?:共|数量|总数)?" + _CN_Q + _CN_NUM + r"(?P<more>余|多)?个", "projects_signed", 1),
    (_CN_Q + _CN_NUM + r"(?P<more>余|多)?个(?:签约|合作)?项目", "projects_signed", 1),
    (r"(?:总投资|投资总额|投资额|投资|签约金额|总金额|金额)" + _CN_Q + _CN_NUM + r"(?P<scale>万亿|亿)(?P<cur>元|美元)",
     "investment", 1),
    (r"(?P<where>室内|展馆|室外|户外)?(?:展览|展示|展区|展馆)?面积" + _CN_Q + _CN_NUM + r"(?P<wan>万)?平方米", "area", 1),
    (r"参展(?:企业|商|单位)" + _CN_Q + _CN_NUM + r"(?P<more>余|多)?家", "exhibitors", 1),
    (_CN_Q + _CN_NUM + r"(?P<more>余|多)?家(?:企业|单位)参展", "exhibitors", 1),
    (r"展品" + _CN_Q + _CN_NUM + r"(?P<more>余|多)?件", "exhibits", 1),
    (_CN_Q + _CN_NUM + r"(?P<more>余|多)?个国家和地区", "countries_regions", 1),
    (r"活动" + _CN_Q + _CN_NUM + r"(?P<more>余|多)?场", "events", 1),
    (_CN_Q + _CN_NUM + r"(?P<more>余|多)?场(?:活动|论坛)", "events", 1),
    (r"嘉宾" + _CN_Q + _CN_NUM + r"(?P<more>余|多)?(?:人|名)", "attendees", 1),
    (_CN_Q + _CN_NUM + r"(?P<more>余|多)?名(?:嘉宾|代表)", "attendees", 1),
]
_CN_QUAL = {"超过": "more_than", "逾": "more_than", "约": "about", "大约": "about", "近": "nearly", "将近": "nearly",
            "接近": "nearly", "至少": "at_least", "不少于": "at_least"}


def _chinese(sent: Sentence, year: int | None, result: Extraction) -> None:
    s = sent.text
    masked = re.sub(r"\d+\s*(?:%|％)", lambda m: "#" * len(m.group()), s)
    is_claim = bool(CLAIM_CTX.search(s))
    expected = bool(EXPECTED_CTX.search(s))
    if _other_year(re.sub(r"(20\d\d)\s*年?\s*世界制造业大会", "", s), year) and not is_claim:
        return
    clauses = [(m.start(), m.group()) for m in re.finditer(r"[^，,；;。！？]+", masked)]
    subset_open = None
    for offset, clause in clauses:
        if clause.startswith("其中"):
            subset_open = ("subset", "manufacturing") if "制造业" in clause else "drop"
        elif re.match(r"\s*(?:本届|大会|共|累计)", clause) or subset_open and not re.search(
                r"投资|占比", clause):
            subset_open = None
        for pattern, kind, _ in _CN_RULES:
            for m in re.finditer(pattern, clause):
                words = re.findall(r"超过|逾|大约|约|将近|接近|近|至少|不少于", m.group("q") or "")
                qualifier = _CN_QUAL.get(words[-1], "exact") if words else "exact"
                if m.groupdict().get("more"):
                    qualifier = "more_than"
                value = float(m.group("n").replace(",", ""))
                metric = kind
                if kind == "investment":
                    value *= 1000 if m.group("scale") == "万亿" else 0.1
                    metric = "investment_signed_usd_reported" if m.group("cur") == "美元" else "investment_signed"
                    if "到位" in clause:
                        metric = "funds_in_place" if m.group("cur") == "元" else None
                elif kind == "area":
                    value *= 10000 if m.group("wan") else 1
                    where = m.group("where") or ""
                    metric = ("exhibition_area_hall" if where in ("室内", "展馆") else
                              "exhibition_area_outdoor" if where in ("室外", "户外") else "exhibition_area")
                if metric is None:
                    continue
                value = _round(value)
                if is_claim:
                    if metric in CLAIM_METRICS:
                        y0, y1, conf = _claim_range(s, year, result.stage)
                        result.claims.append(Claim(metric, value, UNITS[metric], qualifier, y0, y1, s,
                                                   sent.start, sent.end, round(0.8 * conf, 2)))
                    continue
                if metric in ("projects_signed", "investment_signed", "investment_signed_usd_reported") and subset_open:
                    if subset_open == "drop" or metric == "investment_signed_usd_reported":
                        continue
                    dimension, category = subset_open
                    item = next((b for b in result.breakdowns if b.start == sent.start and b.category == category), None)
                    if item is None:
                        item = Breakdown(year, dimension, category, None, None, None, None, s, sent.start,
                                         sent.end, 0.75)
                        result.breakdowns.append(item)
                    if metric == "projects_signed":
                        item.projects, item.projects_qualifier = int(value), qualifier
                    else:
                        item.investment_cny_bn, item.investment_qualifier = value, qualifier
                    continue
                scope = SCOPES.get(metric, "whole convention")
                conf = 0.85
                if expected:
                    scope, conf = EXPECTED_SCOPE, 0.5
                result.facts.append(Fact(metric, value, UNITS[metric], qualifier, year, scope, s, sent.start,
                                         sent.end, conf))


# ---------------------------------------------------------------- tables

# a column or row header naming a metric; the unit must be in the header or in the cell
_TABLE_METRICS = [
    (r"projects?(?:\s+signed)?|signed projects|number of projects", "projects_signed"),
    (r"(?:total\s+)?investment(?:\s+signed)?|signed investment|investment value", "investment_signed"),
    (r"(?:exhibition\s+)?hall area|indoor (?:exhibition\s+)?area", "exhibition_area_hall"),
    (r"outdoor (?:exhibition\s+)?area|open-air area", "exhibition_area_outdoor"),
    (r"(?:total\s+)?exhibition area", "exhibition_area"),
    (r"countries and regions", "countries_regions"),
    (r"exhibitors|exhibiting companies", "exhibitors"),
    (r"exhibits", "exhibits"),
    (r"participants|attendees|guests", "attendees"),
]
_TABLE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")


def _table_metric(header: str) -> tuple[str, str] | None:
    """(metric, unit hint) for a header such as "Investment signed (billion yuan)"; None for "Change", "Share"."""
    low = " ".join(header.lower().split())
    unit = ""
    m = re.search(r"\(([^)]*)\)\s*$", low)
    if m:
        unit, low = m.group(1), low[:m.start()].strip()
    if re.search(r"change|growth|share|%|percent|rank|increase|decrease|note", low):
        return None
    for pattern, metric in _TABLE_METRICS:
        if re.fullmatch(pattern, low):
            return metric, unit
    return None


def _table_cell(cell: str, metric: str, unit: str) -> tuple[float, str] | None:
    """(value, qualifier) of a cell such as "430+", "447 bn yuan", "about 350"; None for "n/a", "see note", "--"."""
    text = " ".join(cell.lower().split())
    m = re.fullmatch(r"(?P<q>more than|over|about|around|approximately|nearly|almost|at least)?\s*"
                     r"(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<plus>\+)?\s*(?P<u>[a-z. ²0-9]*)", text)
    if not m:
        return None
    value = float(m.group("n").replace(",", ""))
    cell_unit = m.group("u").strip()
    if metric in ("investment_signed",):
        units = f"{cell_unit} {unit}"
        if not re.search(r"yuan|rmb|cny", units) or re.search(r"dollar|usd|us\$", units):
            return None
        if re.search(r"trillion", units):
            value *= 1000
        elif re.search(r"million|mln", units):
            value /= 1000
        elif not re.search(r"billion|\bbn\b|bln", units):
            return None
    elif metric.startswith("exhibition_area"):
        if not re.search(r"square met|sq\.? ?m|m2|m²", f"{cell_unit} {unit}"):
            return None
    elif cell_unit:
        return None  # a count with a word after it: not a plain figure
    qualifier = "more_than" if m.group("plus") else qualifier_of(m.group("q") or "", "", False)
    return _round(value), qualifier


def _table_year(cell: str) -> int | None:
    m = re.fullmatch(r"\s*(20[1-9]\d)\s*", cell)
    return int(m.group(1)) if m else None


def _tables(text: str, year: int | None, result: Extraction) -> None:
    """Simple pipe tables (Markdown): per-edition figures, read per row when a "Year" column gives each row's
    edition, or per column when the header row is years (then only the release's own edition's column: the
    other columns are comparisons). A cell without a plain number and its unit ("see note", "n/a") gives
    nothing; "Change", "Share" and percentage columns are never read."""
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    i = 0
    while i < len(lines):
        block = []
        while i < len(lines) and _TABLE_ROW.match(lines[i][1]):
            block.append(lines[i])
            i += 1
        i += 1
        if len(block) < 3 or not _TABLE_RULE.match(block[1][1]):
            continue
        split = [[c.strip() for c in _TABLE_ROW.match(line).group(1).split("|")] for _, line in block]
        header, rows = split[0], [(r, block[k + 2]) for k, r in enumerate(split[2:])]
        year_cols = [k for k, h in enumerate(header) if h.lower() in ("year", "edition year")]
        if len(year_cols) == 1:
            metrics = {k: _table_metric(h) for k, h in enumerate(header)}
            for cells, (start, line) in rows:
                if len(cells) != len(header) or (row_year := _table_year(cells[year_cols[0]])) is None:
                    continue
                for k, found in metrics.items():
                    if found and (value := _table_cell(cells[k], *found)):
                        _table_fact(found[0], value, row_year, line, start, result)
        elif year is not None and all(_table_year(h) for h in header[1:]) and year in map(_table_year, header[1:]):
            k = [_table_year(h) for h in header].index(year)
            for cells, (start, line) in rows:
                if len(cells) == len(header) and (found := _table_metric(cells[0])) and \
                        (value := _table_cell(cells[k], *found)):
                    _table_fact(found[0], value, year, line, start, result)


def _table_fact(metric: str, value: tuple[float, str], year: int, line: str, start: int, result: Extraction) -> None:
    body = line.strip()
    offset = start + line.index(body)
    if any(f.year == year and f.metric == metric and f.scope == SCOPES.get(metric, "whole convention")
           for f in result.facts):
        return  # the prose already gave it
    result.facts.append(Fact(metric, value[0], UNITS[metric], value[1], year, SCOPES.get(metric, "whole convention"),
                             body, offset, offset + len(body), 0.75))


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
    name = r"(?P<name>(?:[Tt]he\s+)?[A-Z][\w'.-]*(?:\s+(?:of\s+)?[A-Z][\w'.-]*){0,4})"
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


# ---------------------------------------------------------------- file entry points

def extract_file(path: Path, year: int | None = None) -> Extraction:
    return extract(read_text(Path(path)), year=year)


FACT_COLUMNS = ["convention", "year", "metric", "value", "unit", "qualifier", "scope", "is_derived", "note"]


def load(path, year: int | None = None, table: str = "facts", **_) -> pd.DataFrame:
    """The release's per-edition facts as rows of the facts table (no source: `add` attaches it)."""
    path = Path(path)
    if table != "facts":
        raise LoadError(str(path), f"a press release gives facts, not {table}")
    extraction = extract_file(path, year=year)
    if extraction.year is None:
        raise LoadError(str(path), "cannot tell the edition year; pass --year")
    rows = [{
        "convention": CONVENTION, "year": fact.year, "metric": fact.metric, "value": fact.value, "unit": fact.unit,
        "qualifier": fact.qualifier, "scope": fact.scope, "is_derived": False, "note": fact.sentence[:200],
    } for fact in extraction.facts]
    return pd.DataFrame(rows, columns=FACT_COLUMNS)


def fact_dicts(extraction: Extraction) -> list[dict]:
    return [{key: asdict(fact)[key] for key in FACT_KEYS} for fact in extraction.facts]


def _table(rows: list[list[str]], headers: list[str]) -> str:
    widths = [max(len(str(x)) for x in column) for column in zip(headers, *rows)]
    lines = ["  ".join(str(h).ljust(w) for h, w in zip(headers, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(lines)


def _short(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[:width - 3] + "..."


def extract_cli(path, year: int | None = None, as_json: bool = False, out=None) -> None:
    """`python -m loaders extract FILE [--year Y] [--json]`."""
    out = out or sys.stdout
    path = Path(path)
    if not path.exists():
        raise LoadError(str(path), "file not found")
    extraction = extract_file(path, year=year)
    if extraction.year is None:
        raise LoadError(str(path), "cannot tell the edition year; pass --year")
    if as_json:
        print(json.dumps(fact_dicts(extraction), ensure_ascii=False, indent=2), file=out)
        return
    print(f"{path}: edition year {extraction.year} (from {extraction.year_source})", file=out)
    if extraction.facts:
        print(_table([[f.metric, f"{f.value:g}", f.unit, f.qualifier, f.year, f.scope, f"{f.confidence:.2f}",
                       f"{f.start}-{f.end}", _short(f.sentence)] for f in extraction.facts],
                     ["metric", "value", "unit", "qualifier", "year", "scope", "conf", "chars", "sentence"]), file=out)
    else:
        print("no per-edition facts found", file=out)
    if extraction.claims:
        print("\nclaims (several editions; not loaded by `add`):", file=out)
        print(_table([[c.metric, f"{c.value:g}", c.unit, c.qualifier, f"{c.year_from}-{c.year_to}",
                       f"{c.confidence:.2f}", _short(c.sentence)] for c in extraction.claims],
                     ["metric", "value", "unit", "qualifier", "years", "conf", "sentence"]), file=out)
    if extraction.breakdowns:
        print("\nbreakdowns:", file=out)
        print(_table([[b.dimension, b.category, "" if b.projects is None else b.projects,
                       "" if b.investment_cny_bn is None else f"{b.investment_cny_bn:g}", f"{b.confidence:.2f}",
                       _short(b.sentence, 50)] for b in extraction.breakdowns],
                     ["dimension", "category", "projects", "bn CNY", "conf", "sentence"]), file=out)
    if extraction.participation:
        print("\nparticipation:", file=out)
        print(_table([[p.organization, p.kind, p.role, f"{p.confidence:.2f}"] for p in extraction.participation],
                     ["organization", "kind", "role", "conf"]), file=out)
    if extraction.edition:
        print("\nedition:", file=out)
        print(_table([[e.field, e.value, f"{e.confidence:.2f}"] for e in extraction.edition],
                     ["field", "value", "conf"]), file=out)
    for warning in extraction.warnings:
        print(f"warning: {warning}", file=out)
