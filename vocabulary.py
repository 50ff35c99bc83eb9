"""The domain's words that more than one room needs, defined once: currencies and the CNY -> USD
conversion (a Python function and its DuckDB twin), how stored unit, qualifier and role codes
read on screen, and the Chinese scales (万, 亿, 万亿) and words the Chinese number style uses.

Loaders, queries and ui import from here; so do the loaders' spellings of units and scales (亿元,
万平方米, bn, tn) and of qualifiers in English and Chinese.
"""
from __future__ import annotations

import functools
import math
import re
import sys
import unicodedata
from decimal import Decimal

CURRENCIES = ("CNY", "USD")  # CNY is how money is stored (bn CNY); USD is converted for display
# A money metric's twin holding the USD amount a source itself gave (investment_signed_usd_reported).
USD_REPORTED_SUFFIX = "_usd_reported"

# The DuckDB twin of money_in(): the same arithmetic for SQL results. Registered as a temporary
# macro on every read connection (queries/__init__.py), so every query file can call it.
MONEY_IN_MACRO = (
    "create or replace temp macro money_in(value_cny_bn, cny_per_usd, currency) as "
    "case when currency = 'USD' then value_cny_bn / nullif(cny_per_usd, 0) else value_cny_bn end"
)


def is_missing(value) -> bool:
    """None, NaN, pd.NA or NaT (a missing date, pandas' or numpy's): since pandas 3 a missing text cell is
    NaN, never None."""
    # pandas is not imported for it: a value can only be pd.NA or NaT once pandas (or numpy) is loaded, and a
    # register's add (which never needs pandas) should not pay its 1 s import for this one check.
    pandas, numpy = sys.modules.get("pandas"), sys.modules.get("numpy")
    return (value is None or (pandas is not None and (value is pandas.NA or value is pandas.NaT))
            or (isinstance(value, float) and math.isnan(value))
            or (numpy is not None and isinstance(value, numpy.datetime64) and bool(numpy.isnat(value))))


def money_in(value_cny_bn, cny_per_usd, currency: str) -> float | None:
    """bn CNY in the chosen currency at the year's annual average CNY per USD; None without a
    value, or in USD without a rate."""
    if is_missing(value_cny_bn):
        return None
    if currency != "USD":
        return float(value_cny_bn)
    if is_missing(cny_per_usd) or not cny_per_usd:
        return None
    return float(value_cny_bn) / float(cny_per_usd)


# ---------------------------------------------------------------- stages of a figure on intake

# The stages (STAGES, below: closing, preliminary, expected) that are not yet a result. Whether a closing figure
# comes from the results press conference is not a stage but its source's kind (`at_results`), which the headline
# rule reads first. A pre-result figure from a release is also written with the qualifier "expected" for files
# and readers from before facts.stage.
PRE_RESULT_STAGES = ("preliminary", "expected")
EXPECTED_QUALIFIER = "expected"
# An edition's status on the read side (queries/edition_status.sql): every stored figure of it is
# expected or preliminary -> "preliminary" (results not yet reported); otherwise "reported".
EDITION_STATUSES = ("preliminary", "reported")
# The official results press conference, as a source's title, a release's lead or a figure's note names it.
RESULTS_CONFERENCE = re.compile(r"results? (?:press )?conference|press conference on (?:the )?results|"
                                r"成果(?:新闻)?发布会|新闻发布会", re.I)


def stage_of_stored(qualifier: str | None, stage: str | None = None) -> str:
    """The stage of a stored or loaded figure: its own stage when it has one, else "expected" for the qualifier
    expected and "closing" otherwise."""
    if isinstance(stage, str) and stage in STAGES:
        return stage
    return "expected" if qualifier == EXPECTED_QUALIFIER else "closing"


def at_results(evidence: str | None) -> bool:
    """Does a source's title or a figure's note say it comes from the results press conference?"""
    return bool(RESULTS_CONFERENCE.search(evidence or ""))


# Stored codes as people read them; other codes read as they are.
UNIT_WORDS = {"m2": "m²"}
# A count unit read for exactly one thing ("1 project", never "1 projects").
UNIT_SINGULAR = {"projects": "project", "companies": "company", "products": "product", "visits": "visit",
                 "people": "person", "events": "event", "bodies": "body",
                 "countries and regions": "country or region"}
QUALIFIER_WORDS = {"more_than": "more than", "at_least": "at least", "about": "about", "nearly": "nearly",
                   "expected": "expected"}
# The short marks a chart label uses where the words do not fit (430+, ≈1,400); "expected" keeps its
# word, because it says what a figure is (announced beforehand), not how exact it is.
QUALIFIER_MARKS = {"more_than": ("", "+"), "at_least": ("", "+"), "about": ("≈", ""), "nearly": ("≈", ""),
                   "expected": ("expected ", "")}
# Scopes that say nothing beyond the metric itself; any other scope narrows what a figure covers.
WHOLE_CONVENTION = "whole convention"
PLAIN_SCOPES = (WHOLE_CONVENTION, "exhibition")

# ---------------------------------------------------------------- what a figure is

# How exact a source is (facts.qualifier). "expected" is read for old inputs only: it is a stage
# (below), and a figure so written loads with stage "expected"; the bounds are the other codes.
QUALIFIERS = ("exact", "more_than", "at_least", "about", "nearly", "expected")
LOWER_BOUNDS = ("more_than", "at_least")  # the true figure is this or more
APPROXIMATE = ("about", "nearly")  # the true figure is near this, either side
# When in the event's life a figure was given (facts.stage): announced before or at the opening
# (expected), counted while it ran (preliminary: an opening-day or running count), or reported at
# its close or results conference (closing). Figures of different stages are never compared.
STAGES = ("closing", "preliminary", "expected")
# A file without a stage column loads with this stage (SQL over the row's typed columns).
STAGE_DEFAULT_SQL = "case when {qualifier} = 'expected' then 'expected' else 'closing' end"
# How a money figure came to be in the shown currency: as stored (CNY, or any non-money unit),
# converted at the year's annual average rate, or the source's own USD amount.
BASES = ("stored", "annual_rate", "as_reported")
def change_bound(current_qualifier, reference_qualifier) -> str | None:
    """'at_least' (≥) when only the current figure is a lower bound, 'at_most' (≤) when only the
    reference is; None otherwise (both lower bounds are never compared)."""
    current_low, reference_low = current_qualifier in LOWER_BOUNDS, reference_qualifier in LOWER_BOUNDS
    if current_low and not reference_low:
        return "at_least"
    if reference_low and not current_low:
        return "at_most"
    return None


def approximate(*qualifiers) -> bool:
    return any(q in APPROXIMATE for q in qualifiers)


def flag(value) -> bool:
    """A yes/no cell that may be missing (None, NaN, pd.NA): missing reads as no."""
    return not is_missing(value) and bool(value)


def stage_of(row) -> str:
    """A row's stage (facts.stage); a frame from before the column reads 'expected' for the qualifier
    expected, else 'closing' (the loaders' default for such files)."""
    stage = row.get("stage")
    if isinstance(stage, str) and stage:
        return stage
    return "expected" if row.get("qualifier") == "expected" else "closing"


def figure_kind(row) -> str:
    """How a figure was arrived at, which decides how it is drawn: 'reported' (a closing count),
    'expected' (announced before or at the opening), 'preliminary' (an opening-day or running count),
    'derived' (arithmetic) or 'usd_as_reported' (the USD amount the source itself gave, shown where
    no annual rate is stored). Read from the row's stage, never from its qualifier word."""
    if flag(row.get("as_reported")):
        return "usd_as_reported"
    if flag(row.get("is_derived")):
        return "derived"
    stage = stage_of(row)
    return "reported" if stage == "closing" else stage


# What two figures of a metric must share to be compared (metrics.compare_by lists some of these).
COMPARE_DIMENSIONS = ("scope", "stage", "basis")
# When sources disagree on one edition's figure, the headline (facts.csv) is chosen by these steps,
# in order; every other value goes to alternatives.csv with its source. data/README.md words them
# for people, ui/i18n (headline_rule.<step>) for the dashboard.
HEADLINE_RULE = (
    "results_over_release",  # the official results press conference over a press release
    "closing_over_opening",  # the later stage: closing over opening day or plan, opening-day count over a plan
    "original_over_reprint",  # the original publisher over a reprint or mirror
    "exact_over_rounded",  # the more precise value over a rounding of it
    # When none of the above decides (two reprints of equal standing converting one figure at two
    # rates, 2019's USD), the report published first: a date in the data, not an editor's taste.
    "earlier_report",
    "chosen_by_admin",  # none of the above decided: the admin chose (the Add data page, `add --prefer`)
)

# Every metric's stored unit, from the shipped metrics table (data/metrics.csv is its one
# definition); the loaders convert to it and the extractor reports in it.
def _metric_units() -> dict[str, str]:
    import csv
    from pathlib import Path

    with open(Path(__file__).resolve().parent / "data" / "metrics.csv", encoding="utf-8", newline="") as handle:
        return {row["metric"]: row["unit"] for row in csv.DictReader(handle)}


METRIC_UNITS = _metric_units()

# ---------------------------------------------------------------- follow-through of signed projects

# What a progress report (data/progress.csv) measures about the projects signed at some editions:
# code -> (stored unit, the signed metric of the same editions it is a part of, or None for a share
# the source states itself). Words for each code live in the catalogues (progress_measure.<code>).
PROGRESS_MEASURES: dict[str, tuple[str, str | None]] = {
    "projects_registered": ("projects", "projects_signed"),  # registered with the market regulator (工商注册)
    "projects_started": ("projects", "projects_signed"),  # construction started (开工)
    "projects_in_production": ("projects", "projects_signed"),  # in production (投产)
    "funds_in_place": ("bn CNY", "investment_signed"),  # money actually in place (到位资金)
    "completed_investment": ("bn CNY", "investment_signed"),  # investment completed (完成投资)
    # Shares as the source states them, against the source's own base (which may not be the signed
    # total: funds are often put against the contracted investment attracted, 合同引资额).
    "projects_registered_share": ("percent", None),
    "projects_started_share": ("percent", None),
    "funds_in_place_share": ("percent", None),
}
# A stated share and the count or amount it belongs to (the share is checked against our ratio).
PROGRESS_SHARE_OF = {"projects_registered_share": "projects_registered",
                     "projects_started_share": "projects_started",
                     "funds_in_place_share": "funds_in_place"}
# The category the Explorer and its exports file progress figures under.
FOLLOW_THROUGH_CATEGORY = "follow-through"


# Chinese counts in powers of 10^4: 万 (10^4), 亿 (10^8), 万亿 (10^12). Money is stored in bn
# (10^9) yuan, so 1 bn = 10 亿 and 1,000 bn = 1 万亿.
WAN, YI, WAN_YI = 10 ** 4, 10 ** 8, 10 ** 12
BN = 10 ** 9
# Scale words -> factor to bn (the unit money is stored in): English and Chinese.
SCALE_TO_BN = {"trillion": 1000.0, "tn": 1000.0, "billion": 1.0, "bn": 1.0, "bln": 1.0,
               "million": 0.001, "mln": 0.001, "mn": 0.001, "万亿": WAN_YI / BN, "亿": YI / BN, "万": WAN / BN}

# The convention itself: its code in the data, the year of its first edition (it is held yearly,
# so edition number = year - FIRST_EDITION_YEAR + 1) and the city that hosts every edition.
CONVENTION = "WMC"
FIRST_EDITION_YEAR = 2018
HOST_CITY = "Hefei"


# ---------------------------------------------------------------- spellings the loaders read

# Units as written (lower case, NFKC, single spaces) -> (stored unit, factor to it): what loaders
# accept in headers, unit columns and value cells.
UNITS: dict[str, tuple[str, Decimal]] = {}


def _units(canonical: str, factor: str, *spellings: str) -> None:
    for spelling in ((canonical, *spellings) if Decimal(factor) == 1 else spellings):
        key = unit_key(spelling)
        assert UNITS.get(key, (canonical, Decimal(factor))) == (canonical, Decimal(factor)), f"unit {spelling!r} twice"
        UNITS[key] = (canonical, Decimal(factor))


@functools.lru_cache(maxsize=4096)  # a file repeats a handful of units and words over its rows
def unit_key(text: str) -> str:
    """A unit or word as looked up: NFKC, lower case, single spaces, 'sq. m' as 'sq m'."""
    text = unicodedata.normalize("NFKC", str(text)).strip().lower().replace("_", " ")
    text = re.sub(r"\s+", " ", text)
    return text.replace("sq. m", "sq m").replace("sq.m", "sq m")


_units("bn CNY", "1", "bn yuan", "billion yuan", "billion cny", "billion rmb", "bn rmb", "cny bn", "cny billion",
       "rmb bn", "rmb billion", "yuan bn", "billion", "bn", "十亿元")
_units("bn CNY", "0.1", "亿元", "亿", "亿元人民币", "人民币亿元", "100 million yuan", "100m yuan", "100 million cny")
_units("bn CNY", "1E-5", "万元", "万元人民币", "10k yuan", "ten thousand yuan")
_units("bn CNY", "1E-9", "元", "yuan", "cny", "rmb", "人民币", "人民币元")
_units("bn CNY", "0.001", "million yuan", "million cny", "million rmb", "mn yuan", "mn cny", "mn rmb", "cny mn",
       "cny million", "百万元")
_units("bn CNY", "1000", "trillion yuan", "trillion cny", "trillion rmb", "tn yuan", "tn cny", "万亿元", "万亿")
_units("bn USD", "1", "usd bn", "bn usd", "billion usd", "usd billion", "billion us dollars", "billion dollars",
       "us$ bn", "bn us$", "$ bn", "$bn", "billion $", "十亿美元")
_units("bn USD", "0.1", "亿美元")
_units("bn USD", "0.001", "million usd", "usd million", "mn usd", "usd mn", "million us dollars", "百万美元")
_units("bn USD", "1E-9", "usd", "us$", "$", "美元", "dollars", "us dollars")
_units("m2", "1", "m²", "sqm", "sq m", "square meters", "square metres", "square meter", "square metre",
       "平方米", "平米", "㎡")
_units("m2", "10000", "万平方米", "万平米", "万m2", "万㎡", "10k m2", "10,000 m2", "10000 m2", "10k sqm")
_units("people", "1", "persons", "person", "人", "名", "位", "guests", "attendees", "participants")
_units("people", "10000", "万人", "万名")
_units("people", "1000", "thousand people", "千人")
_units("visits", "1", "人次", "person-times", "person times", "visit")
_units("visits", "10000", "万人次")
_units("products", "1", "件", "件展品", "项展品", "exhibits", "items", "product")
_units("events", "1", "场", "场次", "场活动", "项活动", "event", "activities")
_units("percent", "1", "%", "pct", "per cent", "百分比")
_units("projects", "1", "project", "个", "项", "个项目", "项目", "个项", "items of projects")
_units("companies", "1", "company", "家", "家企业", "企业", "firms", "enterprises", "exhibitors")
_units("countries and regions", "1", "个国家和地区", "国家和地区", "countries", "countries/regions")
_units("bodies", "1", "body", "organizations", "organisations", "家单位", "单位")

# Qualifier spellings (a qualifier column, EN/ZH) -> stored qualifier code.
QUALIFIER_SPELLINGS = {
    "exact": "exact", "": "exact", "=": "exact",
    "more_than": "more_than", "more than": "more_than", "over": "more_than", ">": "more_than", "+": "more_than",
    "at_least": "at_least", "at least": "at_least", ">=": "at_least",
    "about": "about", "approximately": "about", "approx": "about", "~": "about", "around": "about",
    "nearly": "nearly", "almost": "nearly",
    "expected": "expected",
}
# Leading words of a value cell, longest first so "将近" wins over "近".
QUALIFIER_PREFIXES = sorted([
    ("more than", "more_than"), ("over", "more_than"), ("above", "more_than"), ("exceeding", "more_than"),
    ("in excess of", "more_than"), ("超过", "more_than"), ("超出", "more_than"), ("逾", "more_than"),
    ("多于", "more_than"),
    ("超", "more_than"), (">", "more_than"),
    ("at least", "at_least"), ("no less than", "at_least"), ("不少于", "at_least"), ("不低于", "at_least"),
    ("至少", "at_least"),
    (">=", "at_least"), ("≥", "at_least"),
    ("about", "about"), ("around", "about"), ("approximately", "about"), ("approx.", "about"),
    ("approx", "about"), ("roughly", "about"), ("some", "about"), ("约", "about"), ("大约", "about"),
    ("~", "about"), ("≈", "about"),
    ("nearly", "nearly"), ("almost", "nearly"), ("close to", "nearly"), ("近", "nearly"), ("将近", "nearly"),
    ("接近", "nearly"), ("expected", "expected"), ("预计", "expected"),
], key=lambda pair: -len(pair[0]))
# Words after a number: 4,500+, 40余家, 300多, 50以上.
QUALIFIER_SUFFIXES = sorted([("+", "more_than"), ("余", "more_than"), ("多", "more_than"), ("以上", "more_than"),
                             ("左右", "about")],
                   key=lambda pair: -len(pair[0]))
# What a cell may say for "no value".
BLANK_WORDS = {"", "n/a", "na", "n.a.", "-", "--", "—", "–", "/", "none", "null", "无", "不详", "暂无"}


def _chinese(word: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in word)


# The same qualifier words as the extractor matches them in Chinese running text.
CN_QUALIFIER_BEFORE = {word: meaning for word, meaning in QUALIFIER_PREFIXES if _chinese(word)}
CN_QUALIFIER_AFTER = {word: meaning for word, meaning in QUALIFIER_SUFFIXES if _chinese(word)}


# ---------------------------------------------------------------- Chinese number style

YI_PER_BN = BN // YI  # 10
# Money reads in 万亿 from 1 万亿 up (1.2 万亿元), otherwise in 亿 (7,351 亿元).
MONEY_SCALES_ZH = ((WAN_YI, "万亿"), (YI, "亿"))
CURRENCY_WORDS_ZH = {"CNY": "元", "USD": "美元"}
# Areas read in 万 from 1 万 m² up (6 万平方米); counts of people, visits and the like from 10 万 up,
# as Chinese reports write 14,824 人 but 20 万人次.
AREA_WAN_FROM = WAN
COUNT_WAN_FROM = 10 * WAN

# Qualifier codes as Chinese reports put them, in front of the figure: 超过 430 个, 约 1.8 万亿元.
QUALIFIER_WORDS_ZH = {"more_than": "超过", "at_least": "至少", "about": "约", "nearly": "近",
                      "expected": "预计"}
# Stored units as the measure word or unit after a Chinese figure (签约项目 638 个, 参展企业 641 家).
UNIT_WORDS_ZH = {"bn CNY": "亿元", "bn USD": "亿美元", "m2": "平方米", "projects": "个", "companies": "家",
                 "products": "件", "visits": "人次", "people": "人", "countries and regions": "个",
                 "events": "场", "bodies": "家", "percent": "%"}
# The roles that make a body one of an edition's organizing bodies (the `organizers` metric counts
# these); co-organizers (承办单位) run parts of the event and are listed, not counted.
ORGANIZING_ROLES = ("organizer", "host")
# Participation roles in the words of the convention's own Chinese announcements.
ROLE_WORDS_ZH = {"organizer": "主办单位", "co-organizer": "承办单位", "host": "主办方",
                 "supporting": "支持单位", "guest country of honor": "主宾国",
                 "guest province of honor": "主宾省"}


# characters that change the direction of text or hide in it: refused at load in every
# text a file gives (loaders.validate), dropped where stored text is shown (ui.safe_text)
INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064" \
            "\u2066\u2067\u2068\u2069\ufeff"
INVISIBLE_CLASS = "[" + INVISIBLE + "]"
