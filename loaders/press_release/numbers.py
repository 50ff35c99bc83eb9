"""Numbers in a sentence: masking what is never a value (percentages, dates, years, speeds ...), number
words, thousands separators, money scales and units, and the qualifier ("more than", "about") before them."""
from __future__ import annotations

import re

import vocabulary


# ---------------------------------------------------------------- masking

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_MASKS = [
    # every mask starts at the first character of a run of digits (a start inside one would scan the rest of the
    # run again, O(n^2) on a long run) and never gives characters back
    re.compile(r"(?<![\d,.])\d[\d,.]*+\s*(?:%|％|percent\b|per cent\b|percentage points?\b)", re.I),
    re.compile(_MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?(?:\s*(?:-|–|to|through|until|and)\s*(?:" + _MONTH
               + r"\s+)?\d{1,2})?(?:,?\s*\d{4})?\b"),
    re.compile(r"\b\d{1,2}\s+" + _MONTH + r"(?:\s+\d{4})?\b"),
    re.compile(r"\b(?:Fortune|Top|Global)\s+(?:Global\s+)?\d+\b", re.I),
    re.compile(r"\bWorld\s+500\b", re.I),  # "world 500 leaders": a translation of 世界500强
    re.compile(r"(?<!\d)\d++\s*(?:年|月|日|号)"),
    re.compile(r"(?<![\d,.])\b\d[\d,.]*+[\s-]*(?:km|kilomet(?:er|re)s?|kph|mph|tons?|tonnes?|kg|mw|gw|kw|nm|hours?|days?|"
               r"minutes?|years?|times|editions?|sessions?|zones?|halls?|pavilions?)\b", re.I),
    re.compile(r"\b\d+(?:st|nd|rd|th)\b", re.I),
    # a numbered place or item ("Hall 2", "Booth 17", "No. 3"): never a value, nor the first group of "2 100"
    re.compile(r"\b(?:Hall|Booth|Gate|Zone|Room|Pavilion|Stand|Exit|Level|Floor|Page|Row|Line|Area|No\.)\s*\d+\b"),
]


# A ratio ("one in five projects", "3 out of 10") is never a count: blanked, words included.
_RATIO = re.compile(r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:in|out\s+of)\s+(?:every\s+)?"
                    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|a\s+hundred|hundred)\b", re.I)


def mask(sentence: str) -> str:
    """Blank out (same length) what must never be read as a value."""
    chars = list(sentence)
    for m in _RATIO.finditer(sentence):
        for i in range(m.start(), m.end()):
            if not chars[i].isspace():
                chars[i] = "#"
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
_SCALE = {word: factor for word, factor in vocabulary.SCALE_TO_BN.items() if word.isascii()}
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


_FILLER_END = re.compile(r"\s+(?:a|an|the|total of|significant|substantial|impressive|whopping|record|staggering|"
                         r"combined|total)$")


def qualifier_of(left: str, right: str, plus: bool) -> str:
    if plus:
        return "more_than"
    left = left.rstrip().lower()
    # "surpassing a significant one trillion": filler words between the qualifier and the number
    # (one word at a time from the end: a repeated group before "$" would be tried again from every word)
    while (filler := _FILLER_END.search(left)) is not None:
        left = left[:filler.start()]
    # "spreads over 30,000 square meters", "will spread its exhibition over ...": a preposition, not "more than"
    if re.search(r"\b(?:spreads?|spreading|spread out|sprawls?|sprawling|stretch(?:es|ing)?)\s+"
                 r"(?:(?:its|the|their|this|an?)\s+(?:[\w-]+\s+){0,2}?(?:exhibitions?|shows?|displays?|exhibits|"
                 r"booths|stands|venue)\s+)?over$", left):
        return "exact"
    for name, pattern in QUALIFIER_BEFORE:
        if re.search(r"(?:^|[\s(\-—,\"“'‘])" + pattern + r"$", left) or re.search(pattern + r"$", left) and \
                re.search(r"[\u4e00-\u9fff]$", left):
            return name
    if re.match(r"^\s*(?:or more|and above|and more|plus)\b", right.lower()) or re.match(r"^(?:余|多)", right):
        return "more_than"
    return "exact"


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


def _round(value: float) -> float:
    rounded = round(value, 6)
    return int(rounded) if rounded == int(rounded) else rounded
