"""Header and unit normalization shared by the CSV, Excel and JSON loaders.

`normalize(raw, table, file)` takes the cells a format loader read (strings, or numbers from
Excel/JSON) under the file's own headers and returns rows named as the schema's columns. Types
are checked later by `loaders.validate`; this module handles what only the loaders know:

* headers: case, spaces, hyphens, units written in the header ("Investment (bn CNY)",
  "investment_cny_bn", "投资额（亿元）"), Chinese and English aliases;
* for `facts`: the LONG layout (one row per figure, metric/value columns) and the WIDE layout
  (one row per edition, one column per metric), defaults, units converted to the metric's
  canonical unit, qualifiers written into the value ("4,500+", "about 800", "超过40家").

Where a frame's rows came from is kept in `frame.attrs`: "source_rows" (the spreadsheet row of
every output row, header = row 1) and "source_columns" (schema column -> the file's header, or
a list with one header per output row for the wide layout). `validate.source_location` reads them
so later errors still point at the user's cell. A loader that skipped lines sets
`raw.attrs["source_rows"]` before calling `normalize`.
"""
from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

import pandas as pd

import vocabulary
from loaders import schema
from loaders.errors import LoadError, ValueProblem, located
from loaders.validate import shared

# ---------------------------------------------------------------- metrics and units

# Canonical unit of every metric the loaders know. A metric not listed passes through and the
# reference check against the database's metrics table decides.
METRIC_UNITS = vocabulary.METRIC_UNITS
EXHIBITION_METRICS = {"exhibition_area", "exhibition_area_hall", "exhibition_area_outdoor", "exhibition_area_market",
                      "exhibitors", "exhibits", "visitors"}
DEFAULT_SCOPE = vocabulary.WHOLE_CONVENTION
EXHIBITION_SCOPE = "exhibition"
# Stands in for a unit nobody gave, for a metric whose unit the loaders do not know; the
# reference check against the metrics table then names the metric or the unit it expects.
NO_UNIT = "(no unit given)"

_D = Decimal
# The domain's spellings live in vocabulary.py: units and their scales (亿元, 万平方米, bn, tn),
# qualifier words EN/ZH before and after a number, and what a blank cell may say.
UNITS = vocabulary.UNITS
_unit_key = vocabulary.unit_key
QUALIFIER_WORDS = vocabulary.QUALIFIER_SPELLINGS
_PREFIXES = vocabulary.QUALIFIER_PREFIXES
_SUFFIXES = vocabulary.QUALIFIER_SUFFIXES
BLANKS = vocabulary.BLANK_WORDS
_NUMBER = re.compile(r"^(?P<sign>[-−])?(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?")

# ---------------------------------------------------------------- headers

# Names any table may use for its columns (snake_case, after case/space folding).
GENERIC_ALIASES = {
    "年份": "year", "年度": "year", "年": "year", "edition_year": "year", "yr": "year",
    "届次": "edition_no", "届": "edition_no", "edition": "edition_no", "edition_number": "edition_no", "no": "edition_no",
    "指标": "metric", "指标名称": "metric", "数值": "value", "值": "value", "数据": "value", "单位": "unit",
    "来源": "source_url", "来源链接": "source_url", "链接": "source_url", "网址": "source_url", "url": "source_url",
    "source": "source_url", "link": "source_url", "source_link": "source_url",
    "发布者": "publisher", "发布单位": "publisher", "发布机构": "publisher", "媒体": "publisher",
    "发布日期": "published_on", "发布时间": "published_on", "publication_date": "published_on",
    "published": "published_on", "date_published": "published_on", "published_date": "published_on",
    "备注": "note", "说明": "note", "notes": "note", "comment": "note", "范围": "scope", "口径": "scope",
    "限定": "qualifier", "会议": "convention", "大会": "convention",
}
# Metric names (for facts): the headers of a wide file and the cells of a long file's metric column.
METRIC_ALIASES = {
    "项目数": "projects_signed", "签约项目": "projects_signed", "签约项目数": "projects_signed",
    "项目": "projects_signed", "projects": "projects_signed", "signed_projects": "projects_signed",
    "projects_signed": "projects_signed", "number_of_projects": "projects_signed", "project_count": "projects_signed",
    "投资额": "investment_signed", "签约金额": "investment_signed", "总投资": "investment_signed",
    "签约总额": "investment_signed", "签约投资": "investment_signed", "总投资额": "investment_signed",
    "investment": "investment_signed", "signed_investment": "investment_signed",
    "total_investment": "investment_signed", "investment_value": "investment_signed",
    "investment_usd": "investment_signed_usd_reported", "usd_investment": "investment_signed_usd_reported",
    "展览面积": "exhibition_area", "展区面积": "exhibition_area", "展览总面积": "exhibition_area",
    "area": "exhibition_area", "area_m2": "exhibition_area", "exhibition_space": "exhibition_area",
    "参展企业": "exhibitors", "参展商": "exhibitors", "参展企业数": "exhibitors",
    "exhibiting_companies": "exhibitors",
    "嘉宾": "attendees", "参会人数": "attendees", "参会嘉宾": "attendees", "guests": "attendees",
    "participants": "attendees",
    "国家和地区": "countries_regions", "国家和地区数": "countries_regions", "国家及地区": "countries_regions",
    "countries": "countries_regions", "countries_and_regions": "countries_regions",
    "countries_regions": "countries_regions",
    "境外嘉宾": "overseas_guests", "观众": "visitors", "参观人数": "visitors", "展品": "exhibits",
    "主办单位": "organizers", "主办单位数": "organizers",
}
# Unit suffixes of snake_case headers ("investment_cny_bn", "area_m2"), longest first.
_HEADER_SUFFIXES = sorted([
    "cny_bn", "bn_cny", "cny_billion", "billion_cny", "rmb_bn", "bn_rmb", "bn_yuan", "billion_yuan",
    "usd_bn", "bn_usd", "usd_billion", "billion_usd", "cny_mn", "mn_cny", "million_cny", "million_yuan",
    "trillion_yuan", "trillion_cny", "m2", "sqm", "10k_m2", "亿元", "万元", "万平方米",
], key=lambda s: -len(s))
# Columns of a wide facts file that are not metrics.
_WIDE_NON_METRIC = {
    "convention", "year", "scope", "qualifier", "stage", "note", "source_id", "source_url", "publisher", "published_on",
    "title", "is_derived", "edition_no", "start_date", "end_date", "format", "theme", "city", "venue", "unit",
}
SOURCE_COLUMNS = ("source_url", "publisher", "published_on")


def _fold(text) -> str:
    text = unicodedata.normalize("NFKC", str(text)).strip().lower()
    return re.sub(r"[\s\-]+", "_", text).strip("_")


def header(name, table: str) -> tuple[str, str | None]:
    """A file's header -> (column name, unit written in it or None)."""
    columns = set(schema.TABLES[table].column_names) if table in schema.TABLES else set()
    plain = _fold(name)
    if plain in columns:
        return plain, None
    text = unicodedata.normalize("NFKC", str(name)).strip()
    unit = None
    match = re.match(r"^(.*?)\s*[(\[]\s*(.*?)\s*[)\]]\s*$", text)
    if match and match.group(1):
        text, unit = match.group(1), match.group(2) or None
    base = _fold(text)
    if base in columns:
        return base, unit
    if table == "facts":
        if base in METRIC_ALIASES:
            return METRIC_ALIASES[base], unit
        if base in GENERIC_ALIASES:
            return GENERIC_ALIASES[base], unit
        if unit is None and base not in METRIC_UNITS:
            for suffix in _HEADER_SUFFIXES:
                stem = base[: -len(suffix)].rstrip("_")
                if base.endswith(suffix) and stem and (base[-len(suffix) - 1] == "_" or not suffix.isascii()):
                    return METRIC_ALIASES.get(stem, stem), suffix
        return base, unit
    return GENERIC_ALIASES.get(base, base), unit


def metric_name(text) -> str:
    folded = _fold(text)
    return METRIC_ALIASES.get(folded, folded)


# ---------------------------------------------------------------- cells

def blank(value) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return _unit_key(value) in BLANKS
    return False


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return unicodedata.normalize("NFKC", str(value)).strip()


def parse_value(value) -> tuple[Decimal, str | None, str | None]:
    """A value cell -> (number, qualifier or None, unit written in the cell or None).

    Raises ValueError with the problem (not a number, negative, not finite).
    """
    if isinstance(value, bool):
        raise ValueProblem(f"'{value}' is not a number", "not_number", raw=value)
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            raise ValueProblem(f"'{value}' is not a finite number", "not_number", raw=value)
        if value < 0:
            raise ValueProblem(f"{value:g} is negative; figures are counts and amounts", "negative", raw=f"{value:g}")
        return _D(repr(value)) if isinstance(value, float) else _D(value), None, None
    if isinstance(value, Decimal):
        return value, None, None
    original = str(value).strip()
    text = unicodedata.normalize("NFKC", original).strip()
    lowered = text.lower()
    if lowered.lstrip("+-") in ("nan", "inf", "infinity", "-inf"):
        raise ValueProblem(f"'{original}' is not a finite number", "not_number", raw=original)
    qualifier = None
    for word, meaning in _PREFIXES:
        if lowered.startswith(word) and (not word.isascii() or not word[-1].isalpha()
                                         or len(lowered) == len(word) or not lowered[len(word)].isalpha()):
            qualifier, text, lowered = meaning, text[len(word):].strip(), lowered[len(word):].strip()
            break
    match = _NUMBER.match(text)
    if not match:
        raise ValueProblem(f"'{original}' is not a number", "not_number", raw=original)
    if match.group("sign"):
        raise ValueProblem(f"'{original}' is negative; figures are counts and amounts", "negative", raw=original)
    try:
        number = _D(match.group(0).replace(",", ""))
    except InvalidOperation:
        raise ValueProblem(f"'{original}' is not a number", "not_number", raw=original) from None
    if not number.is_finite():
        raise ValueProblem(f"'{original}' is not a finite number", "not_number", raw=original)
    rest = text[match.end():].strip()
    for word, meaning in _SUFFIXES:
        if rest.startswith(word):
            if qualifier is None:
                qualifier = meaning
            rest = rest[len(word):].strip()
            break
    if rest.startswith(",") or (rest[:1].isdigit()):
        raise ValueProblem(f"'{original}' is not a number (use '.' for decimals and ',' only between thousands)",
                           "bad_separators", raw=original)
    return number, qualifier, (rest or None)


def parse_year(value) -> int:
    if isinstance(value, bool):
        raise ValueError(f"'{value}' is not a year")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
    else:
        text = _text(value).rstrip("年").strip()
        try:
            number = float(text)
        except ValueError:
            raise ValueProblem(f"'{value}' is not a year", "not_year", raw=value) from None
    if not math.isfinite(number) or number != int(number):
        raise ValueProblem(f"'{value}' is not a year", "not_year", raw=value)
    year = int(number)
    if not schema.YEAR_MIN <= year <= schema.YEAR_MAX:
        raise ValueProblem(f"{year} is outside {schema.YEAR_MIN}..{schema.YEAR_MAX}", "year_range", year=year,
                           low=schema.YEAR_MIN, high=schema.YEAR_MAX)
    return year


def qualifier_name(value) -> str:
    key = _unit_key(_text(value))
    return QUALIFIER_WORDS.get(key, QUALIFIER_WORDS.get(key.replace(" ", "_"), _text(value)))


def to_canonical(metric: str, number: Decimal, unit_text: str | None) -> tuple[float, str]:
    """(value, unit) in the metric's canonical unit; ValueError when the unit does not fit."""
    expected = METRIC_UNITS.get(metric)
    if unit_text is None or not str(unit_text).strip():
        return float(number), expected or NO_UNIT
    known = UNITS.get(_unit_key(unit_text))
    if known is None:
        if expected is None:
            return float(number), str(unit_text).strip()
        raise ValueProblem(f"unknown unit '{unit_text}' for {metric} (its unit is '{expected}')", "unknown_unit",
                           unit=str(unit_text), metric=metric, expected=expected)
    canonical, factor = known
    if expected is not None and canonical != expected:
        if canonical == "bn USD" and expected == "bn CNY":
            raise ValueProblem(f"unit '{unit_text}': USD amounts are not CNY; use investment_signed_usd_reported",
                               "usd_not_cny", unit=str(unit_text))
        raise ValueProblem(f"unit '{unit_text}' does not fit {metric} (its unit is '{expected}')", "unit_mismatch",
                           unit=str(unit_text), metric=metric, expected=expected)
    return float(number * factor), canonical


# ---------------------------------------------------------------- frames

def _source_rows(raw: pd.DataFrame) -> list[int]:
    rows = raw.attrs.get("source_rows")
    if rows is not None and len(rows) == len(raw):
        return [int(r) for r in rows]
    return [index + 2 for index in range(len(raw))]


def _named(raw: pd.DataFrame, table: str, file: str) -> tuple[list[str], dict[str, str], dict[str, str | None]]:
    """Column names for the raw headers; (names, name -> original header, name -> header unit)."""
    names, original, units = [], {}, {}
    for position, head in enumerate(raw.columns):
        if head is None or str(head).strip() == "" or str(head).startswith("Unnamed: "):
            if any(not blank(v) and _text(v) for v in raw.iloc[:, position]):
                raise LoadError(file, "column has values but no header", 1, f"#{position + 1}", code="no_header")
            names.append("")
            continue
        name, unit = header(head, table)
        if name in original:
            raise LoadError(file, f"columns '{original[name]}' and '{head}' both mean '{name}'", 1, str(head),
                            code="same_meaning", params={"first": original[name], "second": str(head), "name": name})
        names.append(name)
        original[name], units[name] = str(head), unit
    return names, original, units


def normalize(raw: pd.DataFrame, table: str, file: str) -> pd.DataFrame:
    """Raw cells (strings or numbers) -> rows named as the schema's columns."""
    names, original, units = _named(raw, table, file)
    rows = _source_rows(raw)
    records = []
    for values in raw.itertuples(index=False, name=None):
        records.append({name: value for name, value in zip(names, values) if name})
    if table != "facts":
        frame = pd.DataFrame([{k: _text(v) for k, v in r.items()} for r in records],
                             columns=[n for n in names if n], dtype=object)
        frame.attrs["source_rows"] = shared(rows)
        frame.attrs["source_columns"] = shared(original)
        return frame
    if "metric" in original or "value" in original:
        return _long(records, rows, original, units, file)
    return _wide(records, rows, original, units, file)


def _verbatim(value) -> str:
    """Free text (scope, note) exactly as written, only trimmed: NFKC would turn ① into 1, and a
    placeholder such as '-' is text here, not a missing number."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _fact(record: dict, metric: str, value: float, unit: str, qualifier: str | None) -> dict:
    scope = _verbatim(record.get("scope")) or (EXHIBITION_SCOPE if metric in EXHIBITION_METRICS else DEFAULT_SCOPE)
    row = {
        "convention": _text(record.get("convention")) or vocabulary.CONVENTION,
        "metric": metric, "value": value, "unit": unit,
        "qualifier": qualifier or "exact",
        "scope": scope,
        "source_id": _text(record.get("source_id")) or None,
        "is_derived": _text(record.get("is_derived")) or False,
        "note": _verbatim(record.get("note")) or None,
        "stage": _text(record.get("stage")) or None,
    }
    for column in SOURCE_COLUMNS:
        row[column] = _text(record.get(column)) or None
    return row


def _year_of(record: dict, row: int, original: dict, file: str) -> int:
    if "year" not in original:
        raise LoadError(file, "no year column (year / 年份)", 1, code="no_year_column")
    try:
        return parse_year(record.get("year"))
    except ValueError as exc:
        raise located(file, exc, row, original["year"]) from None


def _frame(facts: list[dict], rows: list[int], columns: dict, extra: list[str], file: str) -> pd.DataFrame:
    if not facts:
        raise LoadError(file, "no figures found: every value cell is blank", code="no_values")
    names = schema.TABLES["facts"].column_names + extra
    frame = pd.DataFrame(facts, columns=names, dtype=object)
    frame.attrs["source_rows"] = shared(rows)
    frame.attrs["source_columns"] = shared(columns)
    return frame


def _long(records, rows, original, units, file) -> pd.DataFrame:
    for needed in ("metric", "value"):
        if needed not in original:
            raise LoadError(file, f"a long table needs both metric and value columns; '{needed}' is missing", 1,
                            code="long_needs", params={"column": needed})
    facts, fact_rows = [], []
    for record, row in zip(records, rows):
        if all(blank(v) or not _text(v) for v in record.values()):
            continue
        year = _year_of(record, row, original, file)
        metric = metric_name(_text(record.get("metric")))
        if not metric:
            raise LoadError(file, "metric is missing", row, original["metric"], code="metric_missing")
        cell = record.get("value")
        if isinstance(cell, float) and math.isnan(cell):
            raise LoadError(file, "'nan' is not a finite number", row, original["value"], code="not_number",
                            params={"raw": "nan"})
        if blank(cell) or _text(cell) == "":
            raise LoadError(file, "value is missing", row, original["value"], code="value_missing")
        try:
            number, text_qualifier, cell_unit = parse_value(cell)
        except ValueError as exc:
            raise located(file, exc, row, original["value"]) from None
        unit_text = cell_unit or _text(record.get("unit")) or units.get("value")
        try:
            value, unit = to_canonical(metric, number, unit_text)
        except ValueError as exc:
            from_unit_column = not cell_unit and bool(_text(record.get("unit")))
            raise located(file, exc, row, original["unit"] if from_unit_column else original["value"]) from None
        qualifier = qualifier_name(record["qualifier"]) if _text(record.get("qualifier")) else text_qualifier
        fact = _fact(record, metric, value, unit, qualifier)
        fact["year"] = year
        facts.append(fact)
        fact_rows.append(row)
    columns = {k: v for k, v in original.items()}
    extra = [c for c in SOURCE_COLUMNS if c in original]
    return _frame(facts, fact_rows, columns, extra, file)


def _wide(records, rows, original, units, file) -> pd.DataFrame:
    metrics = [name for name in original if name not in _WIDE_NON_METRIC]
    if "year" not in original:
        raise LoadError(file, "no year column (year / 年份); a wide table has one row per edition with a year "
                        "column, a long table has year, metric and value columns", 1, code="no_year_column")
    if not metrics:
        raise LoadError(file, f"no metric columns found (headers: {list(original.values())})", 1,
                        code="no_metric_columns", params={"headers": ", ".join(original.values())})
    facts, fact_rows = [], []
    per_fact = {"metric": [], "value": [], "unit": [], "qualifier": []}
    for record, row in zip(records, rows):
        if all(blank(v) or not _text(v) for v in record.values()):
            continue
        year = _year_of(record, row, original, file)
        row_qualifier = qualifier_name(record["qualifier"]) if _text(record.get("qualifier")) else None
        for metric in metrics:
            cell, head = record.get(metric), original[metric]
            if isinstance(cell, float) and math.isnan(cell):
                raise LoadError(file, "'nan' is not a finite number", row, head, code="not_number", params={"raw": "nan"})
            if blank(cell) or _text(cell) == "":
                continue
            try:
                number, text_qualifier, cell_unit = parse_value(cell)
                value, unit = to_canonical(metric, number, cell_unit or units.get(metric))
            except ValueError as exc:
                raise located(file, exc, row, head) from None
            fact = _fact(record, metric, value, unit, text_qualifier or row_qualifier)
            fact["year"] = year
            facts.append(fact)
            fact_rows.append(row)
            for key in per_fact:
                per_fact[key].append(head)
    columns = {k: v for k, v in original.items() if k in _WIDE_NON_METRIC}
    columns.update(per_fact)
    extra = [c for c in SOURCE_COLUMNS if c in original]
    return _frame(facts, fact_rows, columns, extra, file)
